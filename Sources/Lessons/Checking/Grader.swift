/// A judged answer with what to say about it beyond right or wrong.
public struct Grade: Hashable, Sendable {
    public var verdict: Verdict
    /// For a correct answer written another accepted way (a shape channels first): the line
    /// naming the course's form.
    public var note: String?
    /// For a wrong answer that matches a known slip: the sentence that answers it.
    public var mistake: String?

    public init(verdict: Verdict, note: String? = nil, mistake: String? = nil) {
        self.verdict = verdict
        self.note = note
        self.mistake = mistake
    }
}

/// The one grading function: the terminal player and `quiz --plain` both call it (through
/// `LessonSession`), so they accept the same answers and say the same things.
extension PreparedExercise {
    public func grade(_ input: String) -> Grade {
        guard let given = AnswerChecker.read(input, kind: kind) else {
            return Grade(verdict: .unreadable(expected: AnswerChecker.expectedForm(kind)))
        }
        if AnswerChecker.matches(given, expected: expected, kind: kind) { return Grade(verdict: .correct) }
        if case let .shape(sizes) = given, case let .shape(target) = expected, Self.isChannelsFirst(sizes, of: target) {
            return Grade(verdict: .correct, note: MistakeWording.otherOrderAccepted(target))
        }
        let mistake = mistakes.first { AnswerChecker.matches(given, expected: $0.answer, kind: kind) }
        return Grade(verdict: .incorrect, mistake: mistake?.feedback)
    }

    /// Whether `sizes` is `target` (H×W×C) written C×H×W, and the channel count differs from
    /// both sides, so it cannot be a different shape in the course's order.
    static func isChannelsFirst(_ sizes: [Int], of target: [Int]) -> Bool {
        guard target.count == 3, sizes == [target[2], target[0], target[1]] else { return false }
        return target[2] != target[0] && target[2] != target[1]
    }
}

extension Exercise {
    /// The lesson's own mistakes (values read as this kind, slips named by the lesson with its
    /// sentence), then the built-in slips the engine computes for these numbers. Throws what
    /// `lessons check` reports: a listed mistake that is the right answer, or, for a fixed
    /// exercise, a named slip that cannot happen with its numbers.
    func knownMistakes(kind: ExerciseKind, expected: Answer, values: [String: Int]) throws(LessonProblem) -> [KnownMistake] {
        var computed: [(MistakeVariant, Answer, MistakeFacts)] = []
        if let derivation {
            if case let .choice(options) = kind {
                // A derived choice: the slips' values, each also as the option that reads as it.
                if case let .choice(index) = expected, let value = Self.optionValue(options[index]) {
                    for (variant, answer, facts) in derivation.mistakes(values: values, expected: value) {
                        computed.append((variant, answer, facts))
                        if let option = options.firstIndex(where: { Self.optionValue($0).map { AnswerChecker.sameValue($0, answer) } ?? false }) {
                            computed.append((variant, .choice(option), facts))
                        }
                    }
                }
            } else {
                computed = derivation.mistakes(values: values, expected: expected)
            }
        }
        var known: [KnownMistake] = []
        for authored in mistakes {
            let location = SourceLocation(file: location.file, line: authored.line)
            let feedback = Placeholders.display(authored.feedback, values: values)
            switch authored.trigger {
            case let .value(text):
                guard let answer = AnswerChecker.read(Placeholders.display(text, values: values), kind: kind) else { continue }
                if AnswerChecker.matches(answer, expected: expected, kind: kind) {
                    throw LessonProblem(.mistakeIsAnswer(value: text), at: location)
                }
                known.append(KnownMistake(variant: nil, answer: answer, feedback: feedback))
            case let .variant(variant):
                let answers = computed.filter { $0.0 == variant }.map(\.1)
                if answers.isEmpty, variation == nil {
                    throw LessonProblem(.mistakeNeverArises(name: variant.rawValue, derivation: derivation?.kind.rawValue), at: location)
                }
                known += answers.map { KnownMistake(variant: variant, answer: $0, feedback: feedback) }
            }
        }
        for (variant, answer, facts) in computed {
            known.append(KnownMistake(variant: variant, answer: answer, feedback: MistakeWording.sentence(variant, facts: facts)))
        }
        return known
    }

    /// An option's text as a value: a number, a shape, or "does not tile".
    static func optionValue(_ option: String) -> Answer? {
        if AnswerParser.saysDoesNotTile(option) { return .doesNotTile(reason: "") }
        if let number = AnswerParser.number(option) { return .number(number) }
        if let sizes = AnswerParser.shape(option), sizes.count >= 2 { return .shape(sizes) }
        return nil
    }
}
