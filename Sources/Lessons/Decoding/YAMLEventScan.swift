import CYaml
import ConvEngine

/// One pass over a file's YAML events, before Yams composes it into a tree, refusing what
/// would make composing or copying the tree unsafe:
///
/// - an alias (`*name`): Yams copies the anchored value at every use, so nine nested levels
///   of nine aliases each make a tree of 9⁹ nodes (a few lines of text, minutes of work and
///   gigabytes of memory). Lessons write every value out instead.
/// - nesting deeper than `Limits.lessonNesting`, which the recursive copy would pay for in
///   stack.
/// - a key given twice in one mapping: Yams refuses that too, but with the whole file in the
///   message; here it is one line at the second key.
///
/// The scan reads events only (libyaml's parser, which keeps no tree), so it costs one
/// linear pass. A syntax error stops it quietly: `YAMLValue.parse` reports that with libyaml's
/// own wording when Yams meets it.
enum YAMLEventScan {
    /// A mapping or list being read, for duplicate keys and depth.
    private struct Frame {
        var isMapping: Bool
        /// In a mapping, whether the next node is a key (else a value).
        var expectsKey = true
        /// Each plain key's first line.
        var keyLines: [String: Int] = [:]
    }

    /// The first problem in `text`, or nil when there is none (or a syntax error that Yams
    /// will report).
    static func firstProblem(in text: String, file: String) -> LessonProblem? {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty else { return nil }
        return bytes.withUnsafeBufferPointer { buffer in
            var parser = yaml_parser_t()
            guard yaml_parser_initialize(&parser) == 1 else { return nil }
            defer { yaml_parser_delete(&parser) }
            yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            return scan(&parser, file: file)
        }
    }

    private static func scan(_ parser: inout yaml_parser_t, file: String) -> LessonProblem? {
        var stack: [Frame] = []
        while true {
            var event = yaml_event_t()
            guard yaml_parser_parse(&parser, &event) == 1 else { return nil }
            defer { yaml_event_delete(&event) }
            // libyaml counts lines from 0.
            let location = SourceLocation(file: file, line: Int(event.start_mark.line) + 1)
            switch event.type {
            case YAML_STREAM_END_EVENT:
                return nil
            case YAML_ALIAS_EVENT:
                return LessonProblem(.aliasNotAllowed(name: string(event.data.alias.anchor)), at: location)
            case YAML_SCALAR_EVENT:
                if let top = stack.indices.last, stack[top].isMapping, stack[top].expectsKey {
                    let key = string(event.data.scalar.value, length: event.data.scalar.length)
                    if let first = stack[top].keyLines[key] {
                        return LessonProblem(.duplicateKey(key: key, firstLine: first), at: location)
                    }
                    stack[top].keyLines[key] = location.line
                }
                advance(&stack)
            case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                advance(&stack)
                guard stack.count < Limits.lessonNesting else {
                    return LessonProblem(.nestingTooDeep(limit: Limits.lessonNesting), at: location)
                }
                stack.append(Frame(isMapping: event.type == YAML_MAPPING_START_EVENT))
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                _ = stack.popLast()
            default:
                continue
            }
        }
    }

    /// A node has started: in a mapping, a key is followed by its value and a value by the
    /// next key.
    private static func advance(_ stack: inout [Frame]) {
        guard let top = stack.indices.last, stack[top].isMapping else { return }
        stack[top].expectsKey.toggle()
    }

    private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?, length: Int? = nil) -> String {
        guard let pointer else { return "" }
        let count = length ?? strlen(pointer)
        return String(decoding: UnsafeBufferPointer(start: pointer, count: count), as: UTF8.self)
    }

    private static func strlen(_ pointer: UnsafeMutablePointer<yaml_char_t>) -> Int {
        var count = 0
        while pointer[count] != 0 { count += 1 }
        return count
    }
}
