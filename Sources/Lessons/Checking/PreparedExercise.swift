/// An exercise ready to ask: placeholders filled for one attempt and the expected answer
/// settled (derived by the engine where the lesson says how, else as stated). The quiz, the
/// terminal player, `lessons export` and `lessons check` all go through this one path, so the
/// answer a learner is judged against is the answer the checker verified.
public struct PreparedExercise: Sendable {
    public let exercise: Exercise
    /// 0 for the first try; a parametric exercise draws new numbers for each attempt.
    public let attempt: Int
    /// The placeholder values of this attempt (empty for a fixed exercise).
    public let values: [String: Int]
    public let prompt: String
    public let hints: [String]
    public let explanation: String
    /// The exercise's kind with its options' placeholders filled.
    public let kind: ExerciseKind
    public let expected: Answer
    /// How the engine derived the answer (`(7 − 3 + 2·0)/1 + 1 = 5`), nil when stated.
    public let working: String?
    /// The wrong answers the grader recognises for these numbers, the lesson's own first.
    public let mistakes: [KnownMistake]

    /// Judges the learner's input (see `grade` for the feedback that goes with it).
    public func check(_ input: String) -> Verdict { grade(input).verdict }

    /// The expected answer as shown to the learner; for a choice, the letter and text; a
    /// shape with its order (`7×7×512 (H×W×C)`).
    public var expectedDisplay: String {
        if case let .choice(index) = expected, case let .choice(options) = kind, options.indices.contains(index) {
            return "\(AnswerFormat.letter(index))) \(options[index])"
        }
        return expected.labelledDisplay
    }

    /// The expected answer exactly as a learner would type it (`7×7×512`, `b) 128`), for
    /// tools reading `lessons export`.
    public var typedAnswer: String {
        if case .shape = expected { return expected.display }
        return expectedDisplay
    }
}

extension Exercise {
    /// The exercise for `attempt` (its own numbers when parametric). Throws the problem that
    /// `convlab lessons check` would report: a derivation that fails or disagrees.
    public func prepared(attempt: Int = 0) throws(LessonProblem) -> PreparedExercise {
        try prepared(values: variation?.values(attempt: attempt) ?? [:], attempt: attempt)
    }

    func prepared(values: [String: Int], attempt: Int) throws(LessonProblem) -> PreparedExercise {
        let fill = { (text: String) in Placeholders.display(text, values: values) }
        var kind = self.kind
        if let variedKind, !values.isEmpty { kind = try variedKind.kind(values: values) }
        if case let .choice(options) = kind { kind = .choice(options: options.map(fill)) }
        let (expected, working) = try resolveAnswer(kind: kind, values: values)
        try checkConventionNamed(prompt: fill(prompt), values: values)
        return PreparedExercise(
            exercise: self, attempt: attempt, values: values, prompt: fill(prompt), hints: hints.map(fill),
            explanation: fill(explanation), kind: kind, expected: expected, working: working,
            mistakes: try knownMistakes(kind: kind, expected: expected, values: values))
    }

    private func resolveAnswer(kind: ExerciseKind, values: [String: Int]) throws(LessonProblem) -> (Answer, String?) {
        let answerLocation = SourceLocation(file: location.file, line: answerLine)
        let stated = statedAnswer.flatMap { AnswerChecker.read($0, kind: kind) }
        if case let .structured(problem) = kind { return (.text(problem.solution), problem.working) }
        guard let derivation else {
            guard let stated else { throw LessonProblem(.missingAnswer, at: location) }
            return (stated, nil)
        }
        let derived: DerivedAnswer
        do { derived = try derivation.derive(values: values) } catch {
            throw LessonProblem(.derivationFailed(derivation: derivation.kind.rawValue, message: error.message),
                                at: SourceLocation(file: location.file, line: error.line))
        }
        let expected = try Self.expected(from: derived.answer, kind: kind, derivation: derivation)
        if let stated, let statedAnswer, !AnswerChecker.matches(stated, expected: expected, kind: kind) {
            let derivedText = Self.display(expected, kind: kind)
            throw LessonProblem(.derivedDisagrees(stated: statedAnswer, derived: derivedText, derivation: derivation.kind.rawValue, working: derived.working), at: answerLocation)
        }
        return (expected, derived.working)
    }

    /// The derived value as the exercise's kind expects it: itself, or for a choice the index
    /// of the option that reads as that value.
    private static func expected(from derived: Answer, kind: ExerciseKind, derivation: Derivation) throws(LessonProblem) -> Answer {
        let fits: Bool
        switch (kind, derived) {
        case (.number, .number), (.number, .doesNotTile), (.cell, .number), (.shape, .shape), (.shape, .doesNotTile): fits = true
        case let (.choice(options), _):
            if let index = options.firstIndex(where: { option in AnswerChecker.matches(readLike(derived, option), expected: derived, kind: .number(tolerance: 0)) }) {
                return .choice(index)
            }
            throw LessonProblem(.noOptionMatches(derived: derived.display, derivation: derivation.kind.rawValue), at: derivation.location)
        default: fits = false
        }
        guard fits else {
            throw LessonProblem(.derivedKindMismatch(derivation: derivation.kind.rawValue, derived: "\(derived.kindDescription) (\(derived.display))", kind: kind.name), at: derivation.location)
        }
        return derived
    }

    /// An option's text read as the same sort of value as `derived`.
    private static func readLike(_ derived: Answer, _ option: String) -> Answer {
        switch derived {
        case .shape: AnswerParser.shape(option).map(Answer.shape) ?? .text(option)
        case .doesNotTile: AnswerParser.saysDoesNotTile(option) ? .doesNotTile(reason: "") : .text(option)
        default: AnswerParser.number(option).map(Answer.number) ?? .text(option)
        }
    }

    private static func display(_ answer: Answer, kind: ExerciseKind) -> String {
        if case let .choice(index) = answer, case let .choice(options) = kind, options.indices.contains(index) {
            return "\(AnswerFormat.letter(index)) (\(options[index]))"
        }
        return answer.display
    }
}
