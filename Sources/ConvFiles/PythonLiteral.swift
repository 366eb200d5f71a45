import ConvEngine

/// A value of the small Python literal language a `.npy` header is written in: numpy writes
/// `repr()` of a dict such as `{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }` and
/// reads it back with `ast.literal_eval`. This parses the subset numpy produces (strings,
/// integers, booleans, None, tuples, lists, dicts) rather than guessing with string searches, so a
/// header that is not a dict literal is refused with the position where it stops making sense.
enum PythonLiteral: Equatable {
    case string(String)
    case integer(Int)
    case boolean(Bool)
    case none
    case tuple([PythonLiteral])
    case list([PythonLiteral])
    /// Entries in written order; keys may be any literal, as in Python.
    case dict([(key: PythonLiteral, value: PythonLiteral)])

    static func == (lhs: PythonLiteral, rhs: PythonLiteral) -> Bool { lhs.repr == rhs.repr }

    /// Python's `repr()` spelling, used to quote a header value in an error message.
    var repr: String {
        switch self {
        case let .string(text): "'\(text)'"
        case let .integer(value): String(value)
        case let .boolean(value): value ? "True" : "False"
        case .none: "None"
        case let .tuple(items): items.count == 1 ? "(\(items[0].repr),)" : "(\(items.map(\.repr).joined(separator: ", ")))"
        case let .list(items): "[\(items.map(\.repr).joined(separator: ", "))]"
        case let .dict(entries): "{\(entries.map { "\($0.key.repr): \($0.value.repr)" }.joined(separator: ", "))}"
        }
    }

    /// Parses `text` as exactly one literal followed only by whitespace. The error is the
    /// reason, e.g. `expected ':' at character 9` (characters counted from 1).
    static func parse(_ text: String) -> Result<PythonLiteral, PythonLiteralError> {
        var parser = PythonLiteralParser(characters: Array(text.unicodeScalars))
        do throws(PythonLiteralError) {
            let value = try parser.parseValue()
            parser.skipWhitespace()
            if parser.position < parser.characters.count { throw parser.failure("the end of the header") }
            return .success(value)
        } catch {
            return .failure(error)
        }
    }
}

/// Where and why a header stopped being a Python literal.
struct PythonLiteralError: Error, Equatable {
    var reason: String
}

/// A recursive-descent reader over the header's characters.
private struct PythonLiteralParser {
    let characters: [Unicode.Scalar]
    var position = 0
    /// How many containers enclose the current position. numpy nests at most a few levels
    /// (a structured dtype's list of tuples); the limit keeps a hostile header from
    /// exhausting the stack.
    var depth = 0
    static let maximumDepth = 32

    init(characters: [Unicode.Scalar]) { self.characters = characters }

    func failure(_ expected: String) -> PythonLiteralError {
        if position >= characters.count {
            return PythonLiteralError(reason: "expected \(expected) at character \(position + 1), found the end of the header")
        }
        return PythonLiteralError(reason: "expected \(expected) at character \(position + 1), found '\(characters[position])'")
    }

    var current: Unicode.Scalar? { position < characters.count ? characters[position] : nil }

    mutating func skipWhitespace() {
        while let scalar = current, scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r" { position += 1 }
    }

    mutating func parseValue() throws(PythonLiteralError) -> PythonLiteral {
        skipWhitespace()
        switch current {
        case "{": return try parseDict()
        case "(": return try parseParenthesized()
        case "[": return .list(try parseItems(closing: "]").items)
        case "'", "\"": return .string(try parseString())
        case let scalar? where scalar == "-" || scalar == "+" || ("0"..."9").contains(scalar): return .integer(try parseInteger())
        case let scalar? where ("A"..."Z").contains(scalar) || ("a"..."z").contains(scalar): return try parseKeyword()
        default: throw failure("a value")
        }
    }

    /// Called on a container's opening bracket; the caller undoes it with `depth -= 1`.
    mutating func enterContainer() throws(PythonLiteralError) {
        guard depth < Self.maximumDepth else { throw failure("at most \(Self.maximumDepth) nested brackets") }
        depth += 1
    }

    mutating func parseDict() throws(PythonLiteralError) -> PythonLiteral {
        try enterContainer()
        defer { depth -= 1 }
        position += 1  // {
        var entries: [(key: PythonLiteral, value: PythonLiteral)] = []
        while true {
            skipWhitespace()
            if current == "}" { position += 1; return .dict(entries) }
            let key = try parseValue()
            skipWhitespace()
            guard current == ":" else { throw failure("':'") }
            position += 1
            let value = try parseValue()
            entries.append((key, value))
            skipWhitespace()
            if current == "," { position += 1; continue }
            guard current == "}" else { throw failure("',' or '}'") }
        }
    }

    /// `()` and `(x,)` and `(x, y)` are tuples; `(x)` is just x, as in Python.
    mutating func parseParenthesized() throws(PythonLiteralError) -> PythonLiteral {
        let (items, sawComma) = try parseItems(closing: ")")
        return items.count == 1 && !sawComma ? items[0] : .tuple(items)
    }

    /// Comma-separated values up to `closing`, a trailing comma allowed; the opener is current.
    /// Also says whether any comma separated them, which tells `(3,)` from `(3)`.
    mutating func parseItems(closing: Unicode.Scalar) throws(PythonLiteralError) -> (items: [PythonLiteral], sawComma: Bool) {
        try enterContainer()
        defer { depth -= 1 }
        position += 1
        var items: [PythonLiteral] = []
        var sawComma = false
        while true {
            skipWhitespace()
            if current == closing { position += 1; return (items, sawComma) }
            items.append(try parseValue())
            skipWhitespace()
            if current == "," { position += 1; sawComma = true; continue }
            guard current == closing else { throw failure("',' or '\(closing)'") }
        }
    }

    mutating func parseString() throws(PythonLiteralError) -> String {
        let quote = characters[position]
        position += 1
        var scalars = String.UnicodeScalarView()
        while let scalar = current, scalar != quote {
            if scalar == "\\" {
                position += 1
                guard let escaped = current else { break }
                scalars.append(escaped == "n" ? "\n" : escaped == "t" ? "\t" : escaped)
            } else {
                scalars.append(scalar)
            }
            position += 1
        }
        guard current == quote else { throw failure("a closing \(quote)") }
        position += 1
        return String(scalars)
    }

    /// A decimal integer; a trailing `L` (Python 2's long, in very old files) is accepted.
    mutating func parseInteger() throws(PythonLiteralError) -> Int {
        let start = position
        if current == "-" || current == "+" { position += 1 }
        let digitsStart = position
        while let scalar = current, ("0"..."9").contains(scalar) { position += 1 }
        guard position > digitsStart else { throw failure("a digit") }
        guard let value = Int(String(String.UnicodeScalarView(characters[start..<position]))) else {
            position = start
            throw failure("an integer that fits in 64 bits")
        }
        if current == "L" { position += 1 }
        return value
    }

    mutating func parseKeyword() throws(PythonLiteralError) -> PythonLiteral {
        let start = position
        while let scalar = current, ("A"..."Z").contains(scalar) || ("a"..."z").contains(scalar) || scalar == "_" { position += 1 }
        switch String(String.UnicodeScalarView(characters[start..<position])) {
        case "True": return .boolean(true)
        case "False": return .boolean(false)
        case "None": return .none
        default:
            position = start
            throw failure("a value")
        }
    }
}
