/// The outcome of checking one answer.
public enum Verdict: Hashable, Sendable {
    case correct
    case incorrect
    /// The input could not be read as the kind of answer wanted; it does not count as a try.
    /// `expected` says what form to use ("a number like 1,792").
    case unreadable(expected: String)
}

/// Reads learners' answers and compares them with expected ones. Pure: no state, no I/O, so
/// the plain quiz, the terminal player and the tests all judge answers the same way.
public enum AnswerChecker {
    /// The learner's text read as an answer of `kind`, or nil when it is not one.
    public static func read(_ input: String, kind: ExerciseKind) -> Answer? {
        let trimmed = input.trimmingWhitespace()
        guard !trimmed.isEmpty else { return nil }
        switch kind {
        case .number, .cell:
            if AnswerParser.saysDoesNotTile(trimmed) { return .doesNotTile(reason: "") }
            return AnswerParser.number(trimmed).map(Answer.number)
        case .shape:
            if AnswerParser.saysDoesNotTile(trimmed) { return .doesNotTile(reason: "") }
            return AnswerParser.shape(trimmed).map(Answer.shape)
        case let .choice(options):
            return choiceReading(trimmed, options: options)
        case .trueFalse:
            return AnswerParser.truth(trimmed).map(Answer.truth)
        case .text:
            return .text(trimmed)
        case let .structured(problem):
            return problem.judge(trimmed).isReadable ? .text(trimmed) : nil
        }
    }

    /// Judges `input` against `expected` for an exercise of `kind`.
    public static func check(_ input: String, expected: Answer, kind: ExerciseKind) -> Verdict {
        guard let given = read(input, kind: kind) else { return .unreadable(expected: expectedForm(kind)) }
        return matches(given, expected: expected, kind: kind) ? .correct : .incorrect
    }

    /// Whether two answers agree under the kind's rules: numbers within the tolerance (and a
    /// hair of relative slack for floating point), shapes exactly, text ignoring case and
    /// spaces against the answer and every accepted alternative.
    public static func matches(_ given: Answer, expected: Answer, kind: ExerciseKind) -> Bool {
        // Any answer that meets a structured exercise's condition is right, not only `expected`.
        if case let .structured(problem) = kind, case let .text(text) = given { return problem.judge(text).isCorrect }
        switch (given, expected) {
        case let (.number(value), .number(target)):
            let tolerance: Double
            switch kind {
            case let .number(stated), let .cell(_, stated): tolerance = stated
            default: tolerance = 0
            }
            return abs(value - target) <= max(tolerance, 1e-9 * max(1, abs(target)))
        case (.doesNotTile, .doesNotTile):
            return true
        case let (.shape(sizes), .shape(target)):
            return sizes == target
        case let (.truth(value), .truth(target)):
            return value == target
        case let (.choice(index), .choice(target)):
            return index == target
        case let (.text(text), .text(target)):
            let accepted: [String]
            if case let .text(alternatives) = kind { accepted = [target] + alternatives } else { accepted = [target] }
            let normalized = AnswerParser.normalizedText(text)
            return accepted.contains { AnswerParser.normalizedText($0) == normalized }
        default:
            return false
        }
    }

    /// What a readable answer looks like, for the `unreadable` verdict and the prompt.
    public static func expectedForm(_ kind: ExerciseKind) -> String {
        switch kind {
        case .number, .cell: "a number like 1,792 or 0.25"
        case .shape: "a shape like 5x5, or 112x112x64 for height×width×channels"
        case let .choice(options):
            options.contains(where: { optionValue($0) != nil })
                ? "a letter from a to \(AnswerFormat.letter(max(options.count - 1, 0))) or the option's value"
                : "a letter from a to \(AnswerFormat.letter(max(options.count - 1, 0))), an option's number or its text"
        case .trueFalse: "true or false"
        case .text: "a word or phrase"
        case let .structured(problem): problem.expectedForm
        }
    }

    /// What the learner's text selects among `options`: a letter (`b`, `b)`) selects by
    /// position; so does a number from 1, but only when no option is itself a number. When the
    /// options are numbers (`3`, `64`, `128`), a typed number is matched against their values,
    /// never their positions, so "3" means the option "3" and not the third option; a number
    /// that is no option's value reads as that number, a wrong answer. Else the option's text,
    /// ignoring case and spaces.
    static func choiceReading(_ text: String, options: [String]) -> Answer? {
        let normalized = AnswerParser.normalizedText(text)
        let letter = normalized.hasSuffix(")") ? String(normalized.dropLast()) : normalized
        if let index = letterIndex(letter, count: options.count) { return .choice(index) }
        if let index = options.firstIndex(where: { AnswerParser.normalizedText($0) == normalized }) { return .choice(index) }
        let values = options.map(optionValue)
        if let typed = AnswerParser.number(text) {
            if values.contains(where: { $0 != nil }) {
                if let index = values.firstIndex(where: { $0.map { sameNumber($0, typed) } ?? false }) { return .choice(index) }
                return .number(typed)
            }
            if let position = Int(normalized), (1...options.count).contains(position) { return .choice(position - 1) }
        }
        return nil
    }

    /// The option's index for a choice answer, or nil (a number no option has, or no option).
    static func choiceIndex(_ text: String, options: [String]) -> Int? {
        if case let .choice(index)? = choiceReading(text, options: options) { return index }
        return nil
    }

    /// `a` → 0 when there are enough options.
    private static func letterIndex(_ text: String, count: Int) -> Int? {
        guard text.count == 1, let scalar = text.unicodeScalars.first, (97..<(97 + count)).contains(Int(scalar.value)) else { return nil }
        return Int(scalar.value) - 97
    }

    /// An option's value when its whole text is a number (`128`, `1,792`, `10^12`).
    static func optionValue(_ option: String) -> Double? { AnswerParser.number(option) }

    private static func sameNumber(_ left: Double, _ right: Double) -> Bool {
        abs(left - right) <= 1e-9 * max(1, abs(right))
    }

    /// Whether two answers are the same value exactly (numbers up to floating-point slack):
    /// how a slip's wrong value is compared with the right one and with the learner's.
    static func sameValue(_ left: Answer, _ right: Answer) -> Bool {
        switch (left, right) {
        case let (.number(a), .number(b)): sameNumber(a, b)
        case (.doesNotTile, .doesNotTile): true
        default: left == right
        }
    }

    /// How the options of a choice could be misread: for each typed text that selects two
    /// different options (an option whose text is another option's letter, two options with
    /// the same text or the same value), a sentence naming both. Empty when every answer
    /// means one thing; `lessons check` refuses the rest.
    public static func choiceAmbiguities(_ options: [String]) -> [String] {
        var problems: [String] = []
        let values = options.map(optionValue)
        for (index, option) in options.enumerated() {
            let normalized = AnswerParser.normalizedText(option)
            let letter = normalized.hasSuffix(")") ? String(normalized.dropLast()) : normalized
            if let other = letterIndex(letter, count: options.count), other != index {
                problems.append("option \(AnswerFormat.letter(index)) is '\(option)', which also names option \(AnswerFormat.letter(other)) by its letter")
            }
            for later in options.indices where later > index {
                if AnswerParser.normalizedText(options[later]) == normalized {
                    problems.append("options \(AnswerFormat.letter(index)) and \(AnswerFormat.letter(later)) read the same ('\(option)')")
                } else if let value = values[index], let other = values[later], sameNumber(value, other) {
                    problems.append("options \(AnswerFormat.letter(index)) ('\(option)') and \(AnswerFormat.letter(later)) ('\(options[later])') are the same number")
                }
            }
        }
        return problems
    }
}
