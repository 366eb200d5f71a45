import ConvEngine

/// What the learner is told after answering.
public struct Feedback: Hashable, Sendable {
    public var verdict: Verdict
    /// The expected answer as the learner would write it.
    public var expected: String
    public var explanation: String
    /// How the engine derived the answer, when it did.
    public var working: String?

    public var isCorrect: Bool { verdict == .correct }
}

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
    /// Answers judged in this session, and how many were right.
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

    /// Judges an answer to the current exercise. An unreadable answer is not counted; a
    /// correct one is recorded in `progress`. Returns nil when the step is not an exercise.
    @discardableResult
    public mutating func submit(_ input: String) -> Feedback? {
        guard let exercise else { return nil }
        let verdict = exercise.check(input)
        let result = Feedback(verdict: verdict, expected: exercise.expectedDisplay, explanation: exercise.explanation, working: exercise.working)
        if case .unreadable = verdict { return result }
        answeredCount += 1
        if verdict == .correct {
            correctCount += 1
            progress.recordCorrect(exercise.exercise.id)
        }
        feedback = result
        return result
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
        guard let step = currentStep, case let .exercise(definition) = step.content else { return }
        do {
            exercise = try definition.prepared(attempt: attempts[definition.id] ?? firstAttempt)
        } catch {
            preparationProblem = error
        }
    }
}
