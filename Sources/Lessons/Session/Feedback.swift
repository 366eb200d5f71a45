/// What the learner is told after answering: the same sentences in the terminal player and in
/// `quiz --plain`, which only style them differently.
public struct Feedback: Hashable, Sendable {
    public var verdict: Verdict
    /// The expected answer as the learner would write it (a shape with its order).
    public var expected: String
    public var explanation: String
    /// How the engine derived the answer, when it did.
    public var working: String?
    /// For a correct answer written another accepted way: the line naming the course's form.
    public var note: String?
    /// For a wrong answer that matches a known slip: the sentence that answers it.
    public var mistake: String?
    /// False for a correct answer on numbers whose answer was shown: no credit.
    public var credited: Bool
    /// Wrong answers still allowed before the answer is shown.
    public var triesLeft: Int
    /// True when this answer used the last try, so the answer is now shown.
    public var showsAnswer: Bool

    public var isCorrect: Bool { verdict == .correct }

    init(grade: Grade, exercise: PreparedExercise, credited: Bool, triesLeft: Int, showsAnswer: Bool) {
        verdict = grade.verdict
        expected = exercise.expectedDisplay
        explanation = exercise.explanation
        working = exercise.working
        note = grade.note
        mistake = grade.mistake
        self.credited = credited
        self.triesLeft = triesLeft
        self.showsAnswer = showsAnswer
    }

    /// One line of feedback and what it is, so a player can style it.
    public struct Line: Hashable, Sendable {
        public enum Role: Hashable, Sendable {
            case correct, incorrect, note, mistake, tries, answer, working, explanation
        }

        public var role: Role
        public var text: String
    }

    /// Everything said about this answer, in order. The working and the explanation follow
    /// once the exercise is closed (answered correctly, or its answer shown).
    public var lines: [Line] {
        var lines: [Line] = []
        switch verdict {
        case let .unreadable(form):
            return [Line(role: .incorrect, text: FeedbackWording.unreadable(form))]
        case .correct:
            lines.append(Line(role: .correct, text: credited ? FeedbackWording.correct(expected) : FeedbackWording.correctWithoutCredit(expected)))
            if let note { lines.append(Line(role: .note, text: note)) }
        case .incorrect:
            lines.append(Line(role: .incorrect, text: MistakeWording.generic))
            if let mistake { lines.append(Line(role: .mistake, text: mistake)) }
            lines.append(Line(role: showsAnswer ? .answer : .tries, text: showsAnswer ? FeedbackWording.answerAfterTries(expected) : FeedbackWording.triesLeft(triesLeft)))
        }
        if isCorrect || showsAnswer { lines += Self.solution(working: working, explanation: explanation) }
        return lines
    }

    /// What showing an answer says (`s` in the player, `show` in the quiz).
    public static func shown(_ exercise: PreparedExercise) -> [Line] {
        [Line(role: .answer, text: FeedbackWording.shown(exercise.expectedDisplay))]
            + solution(working: exercise.working, explanation: exercise.explanation)
    }

    /// The engine's working and the explanation, shown when an exercise closes.
    public static func solution(working: String?, explanation: String) -> [Line] {
        (working.map { [Line(role: .working, text: FeedbackWording.working($0))] } ?? []) + [Line(role: .explanation, text: explanation)]
    }
}

/// Every sentence of feedback that is not about a particular slip.
public enum FeedbackWording {
    public static func unreadable(_ form: String) -> String { "expected \(form); that did not count as a try" }
    public static func correct(_ expected: String) -> String { "Correct: \(expected)." }
    public static func correctWithoutCredit(_ expected: String) -> String {
        "Correct: \(expected), but its answer was shown, so it earns no credit."
    }
    public static func triesLeft(_ count: Int) -> String {
        "\(count) \(count == 1 ? "try" : "tries") left; a hint may help."
    }
    public static func answerAfterTries(_ expected: String) -> String {
        "No tries left: the answer is \(expected) (shown, so no credit)."
    }
    public static func shown(_ expected: String) -> String { "The answer is \(expected) (shown, so no credit)." }
    public static func working(_ working: String) -> String { "Worked out: \(working)" }
}
