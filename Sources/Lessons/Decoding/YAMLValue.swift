import Yams

/// A YAML value with the line it starts on, for every scalar, list and mapping. Lesson files
/// are composed into Yams' `Node` tree (which keeps each node's mark) and copied into this
/// small tree, so every key and value the decoder reads can be reported as `file:line`.
struct YAMLValue: Sendable {
    /// One `key: value` pair of a mapping, with the key's own line.
    struct Entry: Sendable {
        var key: String
        var keyLine: Int
        var value: YAMLValue
    }

    enum Content: Sendable {
        /// A scalar's text as written (quotes removed); `quoted` tells `"5"` from `5`.
        case scalar(String, quoted: Bool)
        case list([YAMLValue])
        case mapping([Entry])
    }

    var content: Content
    /// 1-based line where the value starts.
    var line: Int

    /// The scalar's text, or nil for a list or mapping.
    var scalar: String? {
        if case let .scalar(text, _) = content { return text }
        return nil
    }

    var list: [YAMLValue]? {
        if case let .list(items) = content { return items }
        return nil
    }

    var entries: [Entry]? {
        if case let .mapping(entries) = content { return entries }
        return nil
    }

    /// An unquoted empty value, `~` or `null`: YAML's way of writing nothing.
    var isNull: Bool {
        if case let .scalar(text, quoted) = content, !quoted {
            return text.isEmpty || text == "~" || text.lowercased() == "null"
        }
        return false
    }

    /// How the value is described in "found …" messages.
    var kindDescription: String {
        switch content {
        case .scalar where isNull: "nothing"
        case let .scalar(text, _): "'\(Self.excerpt(text))'"
        case .list: "a list"
        case .mapping: "a mapping"
        }
    }

    /// A scalar as a message quotes it: its first line, cut to 60 characters, so a problem
    /// stays one line however long the value.
    static func excerpt(_ text: String) -> String {
        let lines = text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
        let first = lines.first.map(String.init) ?? ""
        guard first.count > 60 || lines.count > 1 else { return first }
        return String(first.prefix(60)) + "…"
    }

    /// Parses `text` as one YAML document. A syntax error becomes a problem at the line
    /// libyaml reports; an empty document is an empty mapping at line 1. Aliases, deep
    /// nesting and duplicate keys are refused by `YAMLEventScan` before Yams builds a tree.
    static func parse(_ text: String, file: String) throws(LessonProblem) -> YAMLValue {
        if let problem = YAMLEventScan.firstProblem(in: text, file: file) { throw problem }
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw Self.problem(for: error, file: file)
        } catch {
            throw LessonProblem(.yamlSyntax(problem: "\(error)"), at: SourceLocation(file: file, line: 1))
        }
        guard let node else { return YAMLValue(content: .mapping([]), line: 1) }
        return try convert(node, file: file)
    }

    private static func convert(_ node: Node, file: String) throws(LessonProblem) -> YAMLValue {
        let line = node.mark?.line ?? 1
        switch node {
        case let .scalar(scalar):
            let quoted = scalar.style == .singleQuoted || scalar.style == .doubleQuoted
            return YAMLValue(content: .scalar(scalar.string, quoted: quoted), line: line)
        case let .sequence(sequence):
            var items: [YAMLValue] = []
            for item in sequence { items.append(try convert(item, file: file)) }
            return YAMLValue(content: .list(items), line: line)
        case let .mapping(mapping):
            var entries: [Entry] = []
            for (key, value) in mapping {
                let keyLine = key.mark?.line ?? line
                guard let keyText = key.scalar?.string else {
                    throw LessonProblem(.complexKey, at: SourceLocation(file: file, line: keyLine))
                }
                entries.append(Entry(key: keyText, keyLine: keyLine, value: try convert(value, file: file)))
            }
            return YAMLValue(content: .mapping(entries), line: line)
        case .alias:
            // Yams resolves aliases while composing and `YAMLEventScan` refused them before.
            throw LessonProblem(.aliasNotAllowed(name: ""), at: SourceLocation(file: file, line: line))
        }
    }

    private static func problem(for error: YamlError, file: String) -> LessonProblem {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
            let .composer(context, problem, mark, _):
            let detail = context.map { "\(problem) (\($0.text) that starts at line \($0.mark.line))" } ?? problem
            return LessonProblem(.yamlSyntax(problem: detail), at: SourceLocation(file: file, line: mark.line))
        case let .reader(problem, _, _, _):
            return LessonProblem(.yamlSyntax(problem: problem), at: SourceLocation(file: file, line: 1))
        case let .duplicatedKeysInMapping(duplicates, context):
            // Yams' own description quotes the whole file; one line at the key is enough.
            let key = duplicates.sorted().first ?? ""
            return LessonProblem(.duplicateKey(key: key, firstLine: context.mark.line), at: SourceLocation(file: file, line: context.mark.line))
        default:
            return LessonProblem(.yamlSyntax(problem: "\(error)"), at: SourceLocation(file: file, line: 1))
        }
    }
}
