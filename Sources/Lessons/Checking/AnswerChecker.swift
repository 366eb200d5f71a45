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
            return choiceIndex(trimmed, options: options).map(Answer.choice)
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
        case .shape: "a shape like 112x112x64"
        case let .choice(options): "a letter from a to \(AnswerFormat.letter(max(options.count - 1, 0))), an option's number or its text"
        case .trueFalse: "true or false"
        case .text: "a word or phrase"
        case let .structured(problem): problem.expectedForm
        }
    }

    /// `b`, `2` or the option's text (ignoring case and spaces) → the option's index.
    static func choiceIndex(_ text: String, options: [String]) -> Int? {
        let normalized = AnswerParser.normalizedText(text)
        if normalized.count == 1, let scalar = normalized.unicodeScalars.first, (97..<(97 + options.count)).contains(Int(scalar.value)) {
            return Int(scalar.value) - 97
        }
        if let number = Int(normalized), (1...options.count).contains(number) { return number - 1 }
        let trimmedLetter = normalized.hasSuffix(")") ? String(normalized.dropLast()) : normalized
        if trimmedLetter.count == 1, let scalar = trimmedLetter.unicodeScalars.first, (97..<(97 + options.count)).contains(Int(scalar.value)) {
            return Int(scalar.value) - 97
        }
        return options.firstIndex { AnswerParser.normalizedText($0) == normalized }
    }
}
