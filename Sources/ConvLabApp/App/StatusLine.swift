/// A screen's status line in parts, each with a priority, so that a narrow terminal keeps the
/// part the learner needs (the speed while paused, how to edit while editing) instead of
/// whatever happens to come first.
///
/// The fitting rule (`fitted(width:)`): while the line is wider than its room, drop one whole
/// part: the lowest priority first and, among equals, the rightmost. The parts left keep their
/// order. A last part that is still too wide is cut after its last whole word, with "…", so
/// no word is ever cut mid-way (one word wider than the room is the exception it cannot avoid).
///
/// Beside the key bar: the screen's keys show only where every part above `.detail` fits
/// beside them (`width(atLeast: .useful)`); the app's own keys always show.
public struct StatusLine: Hashable, Sendable {
    public enum Priority: Int, Comparable, Hashable, Sendable {
        /// Shown when there is room; the screen's key-bar entries come before it.
        case detail
        /// Shown whenever it fits; the screen's key-bar entries make way for it.
        case useful
        /// What the line is there for (the speed, how to edit): only an urgent part outlasts it.
        case essential
        /// The outcome of the last key (a refusal, a save): it lasts until the next key, so it
        /// wins over everything while it is there.
        case urgent

        public static func < (left: Priority, right: Priority) -> Bool { left.rawValue < right.rawValue }
    }

    public struct Part: Hashable, Sendable {
        public var text: String
        public var priority: Priority
        /// What joins this part to the one before it when both show: " · " between items,
        /// ": " or "; " inside one sentence. After a dropped part it is always " · ".
        public var joiner: String

        public init(_ text: String, _ priority: Priority, joiner: String = StatusLine.separator) {
            self.text = text
            self.priority = priority
            self.joiner = joiner
        }
    }

    public static let separator = " · "

    /// The parts in display order; empty texts are left out.
    private(set) var parts: [Part]

    public init(_ parts: [Part]) {
        self.parts = parts.filter { !$0.text.isEmpty }
    }

    /// A line of one essential part (a screen with nothing to rank).
    public init(_ text: String) {
        self.init([Part(text, .essential)])
    }

    /// A message about the last key: its first clause urgent and what follows a "; " useful,
    /// so a long message keeps its point ("expected a number; that did not count as a try"
    /// keeps "expected a number"), and a short one still pushes the screen's keys aside.
    static func message(_ text: String) -> [Part] {
        guard let split = text.range(of: "; ") else { return [Part(text, .urgent)] }
        return [Part(String(text[..<split.lowerBound]), .urgent), Part(String(text[split.upperBound...]), .useful, joiner: "; ")]
    }

    /// Every part, joined.
    public var text: String { Self.joined(parts, kept: Array(parts.indices)) }

    public var isEmpty: Bool { parts.isEmpty }

    /// Columns the parts of `priority` or above need, joined.
    func width(atLeast priority: Priority) -> Int {
        Self.joined(parts, kept: parts.indices.filter { parts[$0].priority >= priority }).count
    }

    /// The line in at most `width` columns, by the rule in the type's comment.
    func fitted(width: Int) -> String {
        guard width > 0 else { return "" }
        let dropOrder = parts.indices.sorted { parts[$0].priority != parts[$1].priority ? parts[$0].priority < parts[$1].priority : $0 > $1 }
        var kept = Array(parts.indices)
        var line = Self.joined(parts, kept: kept)
        for index in dropOrder where line.count > width && kept.count > 1 {
            kept.removeAll { $0 == index }
            line = Self.joined(parts, kept: kept)
        }
        return Self.cutAtWord(line, width: width)
    }

    /// `text` in `width` columns: whole, or up to its last whole word that leaves room for "…".
    static func cutAtWord(_ text: String, width: Int) -> String {
        guard width > 0 else { return "" }
        guard text.count > width else { return text }
        let characters = Array(text)
        let room = width - 1
        // The prefix ends a word when the next character is a space; otherwise back up to the
        // last space in it.
        var end = room
        if characters[room] != " " {
            guard let space = characters[..<room].lastIndex(of: " ") else { return String(characters[..<room]) + "…" }
            end = space
        }
        // No dangling separator before the "…": "window 3/36 ·…" reads as "window 3/36…".
        var kept = characters[..<end]
        while let last = kept.last, last == " " || "·:;,".contains(last) { kept.removeLast() }
        return kept.isEmpty ? String(characters[..<room]) + "…" : String(kept) + "…"
    }

    /// The parts at indices `kept` (ascending), each after its joiner when the part before it
    /// is kept too, after " · " otherwise.
    static func joined(_ parts: [Part], kept: [Int]) -> String {
        var line = ""
        var previous: Int?
        for index in kept {
            if let previous { line += previous == index - 1 ? parts[index].joiner : separator }
            line += parts[index].text
            previous = index
        }
        return line
    }
}
