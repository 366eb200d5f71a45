import ConvEngine

/// Reads one YAML mapping's keys for the decoder: each key is looked up once, keys nobody
/// asked about are reported as unknown (with the nearest known key as a suggestion), and a
/// missing required key is reported at the mapping's first line.
///
/// Problems are appended to `problems` rather than thrown, so one pass over a lesson reports
/// everything wrong with it.
struct MappingReader {
    /// What the mapping is, for messages: "the lesson", "exercise 'first-layer'".
    var context: String
    let file: String
    let line: Int
    let entries: [YAMLValue.Entry]
    /// Every key this mapping may hold, in the order messages list them.
    let knownKeys: [String]

    /// Reports a value that is not a mapping (and returns nil), or wraps it. Duplicate keys
    /// are reported here, once.
    init?(_ value: YAMLValue, context: String, file: String, knownKeys: [String], problems: inout [LessonProblem]) {
        guard let entries = value.entries else {
            problems.append(LessonProblem(.notMapping(what: context, found: value.kindDescription), at: SourceLocation(file: file, line: value.line)))
            return nil
        }
        self.context = context
        self.file = file
        self.line = value.line
        self.entries = entries
        self.knownKeys = knownKeys
        var firstLines: [String: Int] = [:]
        for entry in entries {
            if let first = firstLines[entry.key] {
                problems.append(LessonProblem(.duplicateKey(key: entry.key, firstLine: first), at: location(entry.keyLine)))
            } else {
                firstLines[entry.key] = entry.keyLine
            }
        }
    }

    func location(_ line: Int) -> SourceLocation { SourceLocation(file: file, line: line) }

    /// The value of `key`, or nil when absent (or written as nothing).
    func optional(_ key: String) -> YAMLValue? {
        guard let value = entries.first(where: { $0.key == key })?.value, !value.isNull else { return nil }
        return value
    }

    /// The entry of `key` with its key line, if present.
    func entry(_ key: String) -> YAMLValue.Entry? {
        entries.first { $0.key == key }
    }

    /// The value of `key`, reporting it as missing (described as `expected`) when absent.
    func required(_ key: String, expected: String, problems: inout [LessonProblem]) -> YAMLValue? {
        if let value = optional(key) { return value }
        problems.append(LessonProblem(.missingField(key: key, context: context, expected: expected), at: location(line)))
        return nil
    }

    /// A required or optional text value; lists and mappings are reported.
    func text(_ key: String, required isRequired: Bool, expected: String = "a line of text", problems: inout [LessonProblem]) -> String? {
        let value = isRequired ? required(key, expected: expected, problems: &problems) : optional(key)
        guard let value else { return nil }
        guard let text = value.scalar else {
            problems.append(LessonProblem(.wrongType(key: key, expected: expected, found: value.kindDescription), at: location(value.line)))
            return nil
        }
        return Self.trimmingTrailingNewlines(text)
    }

    /// Folded (`>`) and literal (`|`) blocks keep a final newline; prompts and answers do not
    /// want it.
    static func trimmingTrailingNewlines(_ text: String) -> String {
        var text = text
        while text.hasSuffix("\n") { text.removeLast() }
        return text
    }

    /// A list of text lines (a single text is taken as a list of one).
    func textList(_ key: String, expected: String, problems: inout [LessonProblem]) -> [String] {
        guard let value = optional(key) else { return [] }
        if let text = value.scalar { return [Self.trimmingTrailingNewlines(text)] }
        guard let items = value.list else {
            problems.append(LessonProblem(.wrongType(key: key, expected: expected, found: value.kindDescription), at: location(value.line)))
            return []
        }
        var texts: [String] = []
        for item in items {
            if let text = item.scalar { texts.append(Self.trimmingTrailingNewlines(text)) } else {
                problems.append(LessonProblem(.wrongType(key: key, expected: expected, found: item.kindDescription), at: location(item.line)))
            }
        }
        return texts
    }

    /// Reports every key not in `knownKeys`, suggesting the nearest known one.
    func reportUnknownKeys(problems: inout [LessonProblem]) {
        for entry in entries where !knownKeys.contains(entry.key) {
            let suggestion = NearestWord.suggestion(for: entry.key, among: knownKeys)
            problems.append(LessonProblem(
                .unknownKey(key: entry.key, context: context, suggestion: suggestion, known: knownKeys),
                at: location(entry.keyLine)))
        }
    }
}
