/// Columns of numbers (or words), right-aligned to one width, for the detail lines.
enum GridText {
    static func rows(_ rows: [[String]], indent: Int = 4) -> [String] {
        let width = rows.flatMap { $0 }.map(\.count).max() ?? 1
        return rows.map { row in
            String(repeating: " ", count: indent) + row.map { String(repeating: " ", count: width - $0.count) + $0 }.joined(separator: " ")
        }
    }

    /// Blocks of lines placed side by side, `gap` spaces apart, each padded to its widest line.
    static func sideBySide(_ blocks: [[String]], gap: Int = 4) -> [String] {
        let height = blocks.map(\.count).max() ?? 0
        let widths = blocks.map { $0.map(\.count).max() ?? 0 }
        return (0..<height).map { row in
            var line = ""
            for (index, block) in blocks.enumerated() {
                let text = row < block.count ? block[row] : ""
                line += text + (index < blocks.count - 1 ? String(repeating: " ", count: widths[index] - text.count + gap) : "")
            }
            return line
        }
    }
}
