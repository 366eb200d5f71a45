/// Lines made of whole parts ("teaching-net from net.npz · probe 0 (a 7) · predicts 7"), so a
/// narrow terminal drops the last parts instead of cutting one in the middle of a word.
enum WholeParts {
    /// As many whole parts as fit in `width`, joined; never a part cut in the middle (the first
    /// part alone keeps as many whole words as fit).
    static func fitted(_ parts: [String], width: Int, separator: String = " · ") -> String {
        var line = ""
        for part in parts {
            let candidate = line.isEmpty ? part : line + separator + part
            if candidate.count <= width {
                line = candidate
            } else if line.isEmpty {
                for word in part.split(separator: " ") {
                    let next = line.isEmpty ? String(word) : line + " " + word
                    guard next.count <= width else { break }
                    line = next
                }
                break
            } else {
                break
            }
        }
        return line
    }
}
