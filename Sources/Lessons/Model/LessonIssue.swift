import ConvEngine

/// What can be wrong with a course, worded for its author. Every message the loader and
/// `convlab lessons check` print is written here and nowhere else.
public enum LessonIssue: Error, Hashable, Sendable, CustomStringConvertible {
    case yamlSyntax(problem: String)
    case complexKey
    case aliasNotAllowed(name: String)
    case nestingTooDeep(limit: Int)
    case unreadableFile(reason: String)
    case missingFolder
    case notAFolder
    case pathOutsideFolder(name: String)
    case notRegularFile(name: String)
    case fileTooLarge(name: String, bytes: Int)
    case outOfRange(key: String, range: ClosedRange<Int>, found: String)
    case tooManyItems(key: String, limit: Int, found: Int)
    case receptiveFieldOverflow
    case layerOutOfRange(found: String)
    case specNumberTooLarge(key: String, found: String)
    case notMapping(what: String, found: String)
    case wrongType(key: String, expected: String, found: String)
    case unknownKey(key: String, context: String, suggestion: String?, known: [String])
    case duplicateKey(key: String, firstLine: Int)
    case missingField(key: String, context: String, expected: String)
    case unsupportedFormat(found: String)
    case missingLessonFile(name: String)
    case unlistedLessonFile(name: String)
    case duplicateLessonFile(name: String)
    case duplicateID(what: String, id: String, firstLocation: SourceLocation)
    case badID(id: String)
    case badStep(found: String)
    case unbalancedEmphasis
    case unknownDemo(name: String, suggestion: String?, known: [String])
    case unknownDemoParameter(demo: String, parameter: String, suggestion: String?, known: [String])
    case badDemoParameter(demo: String, parameter: String, message: String)
    case unknownKind(kind: String, suggestion: String?)
    case kindNeeds(kind: String, field: String, expected: String)
    case fieldNotForKind(field: String, kind: String)
    case badAnswer(answer: String, kind: String, expected: String)
    case missingAnswer
    case unknownDerivation(name: String, suggestion: String?)
    case derivationNotForKind(derivation: String, kind: String)
    case derivationFailed(derivation: String, message: String)
    case derivedDisagrees(stated: String, derived: String, derivation: String, working: String)
    case derivedKindMismatch(derivation: String, derived: String, kind: String)
    case noOptionMatches(derived: String, derivation: String)
    case conventionNotInPrompt(convention: String, words: [String])
    case parametricNeedsDerivation
    case parametricStatesAnswer
    case badVariation(message: String)
    /// A computation (a cell, a derived number or shape, a design, trace or spot-error) that
    /// gives the same numbers on every retry, without saying why (`fixed:`).
    case computationNotVaried(kind: String)
    /// `fixed:` beside `vary:`, or on an exercise that computes nothing.
    case fixedNotApplicable(reason: String)
    case unknownPlaceholder(name: String, known: [String])
    /// A pick-picture, design, spot-error or trace exercise that cannot work as written.
    case structuredExercise(StructuredIssue)
    case demoGoal(DemoGoalIssue)
    // Grading: mistakes, hints and choices (see `LessonIssue+Grading.swift`).
    case ambiguousOptions(problem: String)
    case tooManyHints(found: Int)
    case tooFewHints(found: Int, needed: Int)
    case badMistake(value: String, kind: String, expected: String)
    case mistakeNotForDerivation(name: String, derivation: String?, applies: [String])
    case mistakeIsAnswer(value: String)
    case mistakeNeverArises(name: String, derivation: String?)

    public var description: String {
        switch self {
        case let .yamlSyntax(problem):
            return "YAML syntax error: \(problem)"
        case .complexKey:
            return "keys must be plain words like 'title', not lists or mappings"
        case let .aliasNotAllowed(name):
            return "aliases (*\(name)) are not allowed in lesson files; write the value out"
        case let .nestingTooDeep(limit):
            return "lists and mappings nest more than \(limit) levels deep; lessons need a handful"
        case let .unreadableFile(reason):
            return "cannot read the file: \(reason)"
        case .missingFolder:
            return "the lessons folder does not exist"
        case .notAFolder:
            return "is not a folder (a lessons folder holds course.yaml and the lesson files)"
        case let .pathOutsideFolder(name):
            return "'\(name)' leads outside the lessons folder; list each lesson file by its name inside the folder"
        case let .notRegularFile(name):
            return "'\(name)' is not a regular file"
        case let .fileTooLarge(name, bytes):
            return "'\(name)' is \(AnswerFormat.number(Double(bytes))) bytes, more than the \(AnswerFormat.number(Double(Limits.lessonFileBytes))) a lesson file may have"
        case let .outOfRange(key, range, found):
            return "'\(key)' must be a whole number from \(AnswerFormat.number(Double(range.lowerBound))) to \(AnswerFormat.number(Double(range.upperBound))), found \(found)"
        case let .tooManyItems(key, limit, found):
            return "'\(key)' may have at most \(AnswerFormat.number(Double(limit))) items, found \(AnswerFormat.number(Double(found)))"
        case let .layerOutOfRange(found):
            return "each layer's kernel and stride must be whole numbers up to \(AnswerFormat.number(Double(Limits.side))), found '\(found)'"
        case let .specNumberTooLarge(key, found):
            return "numbers in '\(key)' must be at most \(AnswerFormat.number(Double(Limits.features))), found \(found)"
        case .receptiveFieldOverflow:
            return "the receptive field of these layers grows past what a 64-bit integer holds; use fewer layers or smaller strides"
        case let .notMapping(what, found):
            return "\(what) must be a mapping of 'key: value' lines, found \(found)"
        case let .wrongType(key, expected, found):
            return "'\(key)' must be \(expected), found \(found)"
        case let .unknownKey(key, context, suggestion, known):
            if let suggestion { return "unknown key '\(key)' in \(context); did you mean '\(suggestion)'?" }
            return "unknown key '\(key)' in \(context) (known keys: \(known.joined(separator: ", ")))"
        case let .duplicateKey(key, firstLine):
            return "'\(key)' is given twice (first at line \(firstLine))"
        case let .missingField(key, context, expected):
            return "\(context) is missing '\(key)' (\(expected))"
        case let .unsupportedFormat(found):
            return "'format' must be \(Course.supportedFormat), the version this convlab reads, found \(found)"
        case let .missingLessonFile(name):
            return "the lesson file '\(name)' does not exist"
        case let .unlistedLessonFile(name):
            return "'\(name)' is in the lessons folder but not listed under 'lessons'"
        case let .duplicateLessonFile(name):
            return "'\(name)' is listed twice"
        case let .duplicateID(what, id, firstLocation):
            return "\(what) id '\(id)' is already used at \(firstLocation)"
        case let .badID(id):
            return "id '\(id)' must be lowercase letters, digits and '-', like 'output-size'"
        case let .badStep(found):
            return "a step must have one of 'text', 'demo' or 'exercise', found \(found)"
        case .unbalancedEmphasis:
            return "a '**' is not closed: emphasis is written **like this** within one paragraph or list item"
        case let .unknownDemo(name, suggestion, known):
            let known = known.joined(separator: ", ")
            if let suggestion { return "unknown demo '\(name)'; did you mean '\(suggestion)'? (known demos: \(known))" }
            return "unknown demo '\(name)' (known demos: \(known))"
        case let .unknownDemoParameter(demo, parameter, suggestion, known):
            if let suggestion { return "the \(demo) demo has no parameter '\(parameter)'; did you mean '\(suggestion)'?" }
            let list = known.isEmpty ? "it takes none besides 'caption'" : "it takes \(known.joined(separator: ", ")), caption"
            return "the \(demo) demo has no parameter '\(parameter)' (\(list))"
        case let .badDemoParameter(demo, parameter, message):
            return "the \(demo) demo refuses '\(parameter)': \(message)"
        case let .unknownKind(kind, suggestion):
            let known = ExerciseKind.names.joined(separator: ", ")
            if let suggestion { return "unknown exercise kind '\(kind)'; did you mean '\(suggestion)'? (kinds: \(known))" }
            return "unknown exercise kind '\(kind)' (kinds: \(known))"
        case let .kindNeeds(kind, field, expected):
            return "a \(kind) exercise needs '\(field)' (\(expected))"
        case let .fieldNotForKind(field, kind):
            return "'\(field)' does not apply to a \(kind) exercise"
        case let .badAnswer(answer, kind, expected):
            return "answer '\(answer)' is not \(expected), as a \(kind) exercise needs"
        case .missingAnswer:
            return "the exercise needs 'answer' or 'derive' (or both, and then they must agree)"
        case let .unknownDerivation(name, suggestion):
            let known = DerivationKind.allCases.map(\.rawValue).joined(separator: ", ")
            if let suggestion { return "unknown derivation '\(name)'; did you mean '\(suggestion)'? (known: \(known))" }
            return "unknown derivation '\(name)' (known: \(known))"
        case let .derivationNotForKind(derivation, kind):
            return "'derive: \(derivation)' cannot answer a \(kind) exercise"
        case let .derivationFailed(derivation, message):
            return "cannot derive the answer (\(derivation)): \(message)"
        case let .derivedDisagrees(stated, derived, derivation, working):
            return "answer \(stated) disagrees with the derived \(derived) (\(derivation): \(working))"
        case let .derivedKindMismatch(derivation, derived, kind):
            return "\(derivation) derives \(derived), which a \(kind) exercise cannot take"
        case let .noOptionMatches(derived, derivation):
            return "no option matches the derived answer \(derived) (\(derivation))"
        case let .conventionNotInPrompt(convention, words):
            let named = words.map { "'\($0)'" }.joined(separator: " or ")
            return "the geometry does not tile, so the prompt must tell the learner which convention to use: it asks for \(convention), so name it with \(named)"
        case .parametricNeedsDerivation:
            return "an exercise with 'vary' needs 'derive', so each new set of numbers gets its own answer"
        case .parametricStatesAnswer:
            return "an exercise with 'vary' derives its answer for every set of numbers; remove 'answer'"
        case let .computationNotVaried(kind):
            return "this \(kind) exercise asks for a computation, so a retry should draw new numbers: add 'vary:' with {placeholders}, or 'fixed:' saying why the numbers cannot change (a named network's own sizes, say)"
        case let .fixedNotApplicable(reason):
            return "'fixed' \(reason)"
        case let .badVariation(message):
            return "'vary': \(message)"
        case let .unknownPlaceholder(name, known):
            let list = known.isEmpty ? "there is no 'vary'" : "varied: \(known.joined(separator: ", "))"
            return "placeholder '{\(name)}' is not a varied value (\(list))"
        case let .structuredExercise(issue):
            return issue.description
        case let .demoGoal(issue):
            return issue.description
        case .ambiguousOptions, .tooManyHints, .tooFewHints, .badMistake, .mistakeNotForDerivation, .mistakeIsAnswer, .mistakeNeverArises:
            return gradingDescription
        }
    }
}
