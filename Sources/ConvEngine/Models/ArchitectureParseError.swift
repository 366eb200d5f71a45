/// A mistake in architecture-language text: where (the 1-based column of the offending word,
/// counting characters), what was expected, what was found, and for a misspelt word the
/// nearest known one. Renders as one line, e.g.
///
///     column 23: expected a kernel size like 3x3, found "pad"
///     column 17: expected a layer name (conv, maxpool, …), found "maxpol"; did you mean "maxpool"?
public struct ArchitectureParseError: Error, Equatable, Sendable {
    /// 1-based character column of the word at fault (one past the end for a missing word).
    public var column: Int
    /// What the grammar allows here, in words.
    public var expected: String
    /// The word found, or nil when the text ended first.
    public var found: String?
    /// The nearest known word to `found`, when it looks like a misspelling.
    public var suggestion: String?

    public init(column: Int, expected: String, found: String?, suggestion: String? = nil) {
        self.column = column
        self.expected = expected
        self.found = found
        self.suggestion = suggestion
    }
}

extension ArchitectureParseError: CustomStringConvertible {
    public var description: String {
        let foundText = found.map { "\"\($0)\"" } ?? "the end of the text"
        let hint = suggestion.map { "; did you mean \"\($0)\"?" } ?? ""
        return "column \(column): expected \(expected), found \(foundText)\(hint)"
    }
}

/// Finds the known word a misspelt one was probably meant to be: the unique word it begins
/// (`max` → `maxpool`), or else the closest by edit distance when at most two edits away and
/// closer than the word's own length.
public enum NearestWord {
    public static func suggestion(for word: String, among candidates: [String]) -> String? {
        let word = word.lowercased()
        guard !word.isEmpty, !candidates.contains(word) else { return nil }
        if word.count >= 3 {
            let extensions = candidates.filter { $0.hasPrefix(word) }
            if extensions.count == 1 { return extensions[0] }
        }
        let scored = candidates.map { ($0, editDistance(word, $0)) }
        guard let best = scored.min(by: { $0.1 < $1.1 }), best.1 <= 2, best.1 < word.count else { return nil }
        return best.0
    }

    /// Levenshtein distance: insertions, deletions and substitutions each cost one.
    public static func editDistance(_ first: String, _ second: String) -> Int {
        let a = Array(first), b = Array(second)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...b.count)
        var current = Array(repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(substitution, previous[j] + 1, current[j - 1] + 1)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
