/// The wording of the problems `lessons check` finds in what grading reads: choices, hints
/// and `mistakes:`.
extension LessonIssue {
    var gradingDescription: String {
        switch self {
        case let .ambiguousOptions(problem):
            return "a typed answer could mean two options: \(problem); reword the options"
        case let .tooManyHints(found):
            return "an exercise has at most \(Exercise.maximumHints) hints (the idea, the set-up, nearly the answer), found \(found)"
        case let .tooFewHints(found, needed):
            return "an exercise the engine derives needs at least \(needed) hints (the idea, then the set-up with the learner's numbers), found \(found)"
        case let .badMistake(value, kind, expected):
            return "mistake '\(value)' is neither a slip's name (\(MistakeVariant.names.joined(separator: ", "))) nor \(expected), as a \(kind) exercise needs"
        case let .mistakeNotForDerivation(name, derivation, applies):
            let given = derivation.map { "'derive: \($0)'" } ?? "an exercise without 'derive'"
            return "mistake '\(name)' is computed by the engine from \(applies.joined(separator: " or ")), not from \(given)"
        case let .mistakeIsAnswer(value):
            return "mistake '\(value)' is the right answer"
        case let .mistakeNeverArises(name, derivation):
            return "mistake '\(name)' cannot happen with these numbers\(derivation.map { " (\($0))" } ?? ""): its wrong value is the right answer or undefined"
        default:
            return description
        }
    }
}
