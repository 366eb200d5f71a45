import ConvEngine

/// One learner working through one lesson: the state a lesson player (the terminal UI or the
/// plain quiz) drives. It knows the current step, prepares exercises (new numbers on each retry
/// of a parametric one), judges answers, reveals hints one at a time and keeps the lesson's
/// progress up to date; saving that progress is the caller's job (`ProgressStore`).
///
/// A pure value: no I/O and no clock, so a player can be tested by sending it inputs.
public struct LessonSession: Sendable {
    public let lesson: Lesson
    public private(set) var stepIndex: Int
    public private(set) var progress: LessonProgress
    /// The current step's exercise, prepared for the current attempt; nil on other steps.
    public private(set) var exercise: PreparedExercise?
    /// Why the current exercise could not be prepared (a course `lessons check` would reject).
    public private(set) var preparationProblem: LessonProblem?
    /// How many hints of the current exercise are showing.
    public private(set) var revealedHints: Int = 0
    /// The feedback to the last answer on this step, if any.
    public private(set) var feedback: Feedback?
    /// Wrong answers given to the current exercise on this attempt (unreadable ones do not
    /// count).
    public private(set) var wrongTries = 0
    /// True once the current exercise's answer is shown: asked for, or after the last try.
    public private(set) var isAnswerShown = false
    /// Exercises and attempts (`id#attempt`) whose answer was shown in this session: asking
    /// them again (same numbers) earns no credit.
    private var shownAttempts: Set<String> = []
    /// Answers judged in this session, and how many were right and credited.
    public private(set) var answeredCount = 0
    public private(set) var correctCount = 0
    /// Each exercise's attempt once retried; others are on `firstAttempt`.
    private var attempts: [String: Int] = [:]
    /// The attempt every exercise starts on (`quiz --attempt`).
    private let firstAttempt: Int

    /// Starts at `stepIndex` (clamped), or just after the furthest finished step, with every
    /// exercise on `attempt` (clamped to 0...`Limits.attempt`). Any attempt costs the same:
    /// its numbers are drawn directly, not by stepping through the attempts before it.
    public init(lesson: Lesson, progress: LessonProgress = LessonProgress(), stepIndex: Int? = nil, attempt: Int = 0) {
        self.lesson = lesson
        self.progress = progress
        self.firstAttempt = min(max(attempt, 0), Limits.attempt)
        let resume = (progress.finishedStep ?? -1) + 1
        self.stepIndex = min(max(stepIndex ?? (progress.done ? 0 : resume), 0), max(lesson.steps.count - 1, 0))
        enterStep()
    }

    public var currentStep: Step? { lesson.steps.indices.contains(stepIndex) ? lesson.steps[stepIndex] : nil }
    public var isOnLastStep: Bool { stepIndex >= lesson.steps.count - 1 }

    /// The hints showing so far.
    public var visibleHints: [String] { Array((exercise?.hints ?? []).prefix(revealedHints)) }

    /// Reveals the next hint and returns it; nil when there are no more.
    public mutating func nextHint() -> String? {
        guard let hints = exercise?.hints, revealedHints < hints.count else { return nil }
        revealedHints += 1
        return hints[revealedHints - 1]
    }

    /// Wrong answers an exercise takes before its answer is shown. The terminal player and
    /// the plain quiz both go through `submit`, so both allow exactly this many.
    public static let triesPerExercise = 3

    /// Whether the current exercise still takes answers: prepared, not yet answered correctly,
    /// its answer not shown.
    public var isExerciseOpen: Bool {
        exercise != nil && !isAnswerShown && feedback?.isCorrect != true
    }

    /// Judges an answer to the current exercise with the shared grader. An unreadable answer
    /// costs no try and changes nothing; a correct one is recorded in `progress` unless this
    /// attempt's answer was shown; the last wrong try shows the answer (recorded as revealed).
    /// Returns nil when no exercise is open.
    @discardableResult
    public mutating func submit(_ input: String) -> Feedback? {
        guard let exercise, isExerciseOpen else { return nil }
        let grade = exercise.grade(input)
        if case .unreadable = grade.verdict {
            return Feedback(grade: grade, exercise: exercise, credited: false, triesLeft: Self.triesPerExercise - wrongTries, showsAnswer: false)
        }
        answeredCount += 1
        var credited = false
        if grade.verdict == .correct {
            credited = !shownAttempts.contains(attemptKey)
            if credited {
                correctCount += 1
                progress.recordCorrect(exercise.exercise.id)
            }
        } else {
            wrongTries += 1
            if wrongTries >= Self.triesPerExercise { markAnswerShown() }
        }
        let result = Feedback(grade: grade, exercise: exercise, credited: credited,
                              triesLeft: Self.triesPerExercise - wrongTries, showsAnswer: isAnswerShown)
        feedback = result
        return result
    }

    /// Shows the current exercise's answer: it earns no credit on these numbers, and progress
    /// records it as revealed unless it was answered correctly before.
    public mutating func revealAnswer() {
        guard isExerciseOpen else { return }
        markAnswerShown()
    }

    private mutating func markAnswerShown() {
        guard let exercise else { return }
        isAnswerShown = true
        shownAttempts.insert(attemptKey)
        progress.recordRevealed(exercise.exercise.id)
    }

    /// The numbers asked: a fixed exercise always asks the same, a parametric one new ones
    /// per attempt.
    private var attemptKey: String {
        guard let exercise else { return "" }
        return exercise.exercise.variation == nil ? exercise.exercise.id : "\(exercise.exercise.id)#\(exercise.attempt)"
    }

    /// Asks the current exercise again; a parametric one gets new numbers.
    public mutating func retry() {
        guard let id = exercise?.exercise.id else { return }
        attempts[id, default: firstAttempt] += 1
        enterStep()
    }

    /// Finishes the current step and moves to the next; past the last step the lesson is done.
    /// Returns false when the lesson was already on its last step.
    @discardableResult
    public mutating func advance() -> Bool {
        progress.finish(step: stepIndex)
        guard !isOnLastStep else {
            progress.done = true
            return false
        }
        stepIndex += 1
        enterStep()
        return true
    }

    /// Moves to the previous step (nothing is un-finished).
    public mutating func goBack() {
        guard stepIndex > 0 else { return }
        stepIndex -= 1
        enterStep()
    }

    /// Jumps to step `index` (clamped).
    public mutating func jump(to index: Int) {
        stepIndex = min(max(index, 0), max(lesson.steps.count - 1, 0))
        enterStep()
    }

    /// Marks the lesson done when every exercise has been answered correctly at some point;
    /// the plain quiz calls this when it reaches the end.
    public mutating func finishQuiz() {
        if let last = lesson.steps.indices.last(where: { index in
            if case .exercise = lesson.steps[index].content { return true }
            return false
        }) { progress.finish(step: last) }
        if progress.hasAllCorrect(in: lesson) { progress.done = true }
    }

    private mutating func enterStep() {
        exercise = nil
        preparationProblem = nil
        revealedHints = 0
        feedback = nil
        wrongTries = 0
        isAnswerShown = false
        guard let step = currentStep, case let .exercise(definition) = step.content else { return }
        do {
            exercise = try definition.prepared(attempt: attempts[definition.id] ?? firstAttempt)
        } catch {
            preparationProblem = error
        }
    }

    /// Said under an exercise with a `then:` demo while it is open, in the player and the
    /// plain quiz alike. The demo shows the answer, so it opens only once the learner has
    /// committed: answered, or asked for the answer (recorded as revealed). A skip is neither,
    /// so a skipped exercise offers no demo: skipping must not be a way to see the answer
    /// without the progress file saying so.
    public static func predictFirstText(demo: String) -> String {
        "Predict first: the \(demo) demo opens once this is answered or its answer shown."
    }
}
