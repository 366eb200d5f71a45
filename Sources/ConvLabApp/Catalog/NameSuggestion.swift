/// "Did you mean …?" for mistyped names: the candidate with the smallest edit distance.
enum NameSuggestion {
    /// The candidate nearest to `name`, when it is within a third of the longer name's length
    /// (at least one edit): `conw` → `conv`, but `xyz` suggests nothing. A candidate that starts
    /// with what was typed (`geo` → `geometry`) also counts as near.
    static func nearest(to name: String, among candidates: [String]) -> String? {
        let typed = name.lowercased()
        if let completion = candidates.first(where: { !typed.isEmpty && $0.lowercased().hasPrefix(typed) }) {
            return completion
        }
        let scored = candidates.map { (candidate: $0, distance: editDistance(typed, $0.lowercased())) }
        guard let best = scored.min(by: { $0.distance < $1.distance }) else { return nil }
        let allowed = max(1, max(typed.count, best.candidate.count) / 3)
        return best.distance <= allowed ? best.candidate : nil
    }

    /// Levenshtein distance: the fewest single-character insertions, deletions and
    /// substitutions that turn `source` into `target`, by the usual dynamic programme over one
    /// row (`row[j]` = distance between the prefix of `source` so far and `target.prefix(j)`).
    static func editDistance(_ source: String, _ target: String) -> Int {
        let targetCharacters = Array(target)
        var row = Array(0...targetCharacters.count)
        for (i, sourceCharacter) in source.enumerated() {
            var diagonal = row[0]
            row[0] = i + 1
            for (index, targetCharacter) in targetCharacters.enumerated() {
                let j = index + 1
                let substitution = diagonal + (sourceCharacter == targetCharacter ? 0 : 1)
                diagonal = row[j]
                row[j] = min(substitution, row[j] + 1, row[j - 1] + 1)
            }
        }
        return row[targetCharacters.count]
    }
}
