/// The exercise mapping a parametric cell, design, trace, spot-error or pick-picture exercise
/// was decoded from, kept so each attempt rebuilds its kind from its own numbers: the patch a
/// cell exercise shows, the target a design must reach and the table a trace fills all come
/// from `{name}` placeholders in those keys. Rebuilding goes through the decoder, so every
/// value set `lessons check` tries meets the same checks as the lesson's first.
public struct VariedKind: Sendable {
    let value: YAMLValue
    let file: String
    let kindName: String

    /// The kind for one set of placeholder values, or the first problem those values give.
    func kind(values: [String: Int]) throws(LessonProblem) -> ExerciseKind {
        var problems: [LessonProblem] = []
        let decoder = ExerciseDecoder(file: file)
        guard let kind = decoder.decodeKind(kindName, from: value.filled(values), problems: &problems), problems.isEmpty else {
            throw problems.first ?? LessonProblem(.missingAnswer, at: SourceLocation(file: file, line: value.line))
        }
        return kind
    }
}

extension YAMLValue {
    /// This value with every `{name}` that has a value replaced by it, written as plain
    /// digits (so `"{side}"` reads back as a number), in every scalar below it; keys and
    /// unknown placeholders stay as written.
    func filled(_ values: [String: Int]) -> YAMLValue {
        guard !values.isEmpty else { return self }
        switch content {
        case let .scalar(text, quoted):
            var result = text
            for (name, number) in values { result = result.replacingOccurrences(of: "{\(name)}", with: String(number)) }
            return YAMLValue(content: .scalar(result, quoted: quoted), line: line)
        case let .list(items):
            return YAMLValue(content: .list(items.map { $0.filled(values) }), line: line)
        case let .mapping(entries):
            return YAMLValue(content: .mapping(entries.map { Entry(key: $0.key, keyLine: $0.keyLine, value: $0.value.filled(values)) }), line: line)
        }
    }
}
