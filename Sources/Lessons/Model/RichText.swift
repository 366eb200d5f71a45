import Foundation

/// The text of a text step: paragraphs separated by blank lines, `-` lists, and `**emphasis**`.
/// Math is plain Unicode ((W − F + 2P)/S + 1, 10¹², ×), so it needs no markup. The terminal
/// player renders runs with a bold style; `plain` drops the markers for plain output.
public struct RichText: Hashable, Sendable {
    /// A piece of text, emphasised or not.
    public struct Run: Hashable, Sendable {
        public var text: String
        public var emphasized: Bool

        public init(_ text: String, emphasized: Bool = false) {
            self.text = text
            self.emphasized = emphasized
        }
    }

    public enum Block: Hashable, Sendable {
        /// One paragraph; its source lines are joined with single spaces.
        case paragraph([Run])
        /// A list; each item's lines are joined with single spaces.
        case list([[Run]])
    }

    public var blocks: [Block]
    /// The source as written, markers included.
    public var source: String

    /// Splits `source` into blocks. Returns nil if a `**` is left unclosed in some paragraph
    /// or item (emphasis never runs across blocks).
    public init?(_ source: String) {
        self.source = source
        var blocks: [Block] = []
        var paragraph: [String] = []
        var items: [[String]] = []
        func flush() -> Bool {
            if !paragraph.isEmpty {
                guard let runs = Self.runs(paragraph.joined(separator: " ")) else { return false }
                blocks.append(.paragraph(runs))
                paragraph = []
            }
            if !items.isEmpty {
                var parsed: [[Run]] = []
                for item in items {
                    guard let runs = Self.runs(item.joined(separator: " ")) else { return false }
                    parsed.append(runs)
                }
                blocks.append(.list(parsed))
                items = []
            }
            return true
        }
        for rawLine in source.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = rawLine.trimmingWhitespace()
            if line.isEmpty {
                guard flush() else { return nil }
            } else if line.hasPrefix("- ") {
                if !paragraph.isEmpty { guard flush() else { return nil } }
                items.append([String(line.dropFirst(2)).trimmingWhitespace()])
            } else if !items.isEmpty, rawLine.first == " " {
                // An indented line continues the current list item.
                items[items.count - 1].append(line)
            } else {
                if !items.isEmpty { guard flush() else { return nil } }
                paragraph.append(line)
            }
        }
        guard flush() else { return nil }
        self.blocks = blocks
    }

    /// The text without `**` markers: paragraphs separated by blank lines, items as `- item`.
    public var plain: String {
        blocks.map { block in
            switch block {
            case let .paragraph(runs): Self.plain(runs)
            case let .list(items): items.map { "- " + Self.plain($0) }.joined(separator: "\n")
            }
        }.joined(separator: "\n\n")
    }

    static func plain(_ runs: [Run]) -> String { runs.map(\.text).joined() }

    /// `a **b** c` → [a ][b, emphasised][ c]; nil when the markers do not pair up.
    static func runs(_ text: String) -> [Run]? {
        let pieces = text.components(separatedBy: "**")
        guard pieces.count % 2 == 1 else { return nil }
        return pieces.enumerated().compactMap { index, piece in
            piece.isEmpty ? nil : Run(piece, emphasized: index % 2 == 1)
        }
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces and tabs.
    func trimmingWhitespace() -> String {
        var slice = Substring(self)
        while let first = slice.first, first == " " || first == "\t" { slice.removeFirst() }
        while let last = slice.last, last == " " || last == "\t" || last == "\r" { slice.removeLast() }
        return String(slice)
    }
}
