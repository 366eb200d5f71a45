// The plain-text rendering of an `ArchitectureSummary`: four aligned columns (index, layer,
// output shape, parameters). Shapes are the engine's C×H×W while the course and the spec's
// `input` write H×W×C, so the header names the order: a reader comparing the two would
// otherwise misread 64×112×112 as 64 rows. Numbers are right-aligned and grouped in
// thousands, an `input` line comes first and a `total` line last. Under a `floor` layer a
// note line, in the layer column, says what rounding down drops. No trailing spaces.

extension ArchitectureSummary {
    /// The table as lines, e.g. for LeNet-5:
    ///
    ///      #  layer             output (C×H×W)  parameters
    ///         input 28x28x1     1×28×28
    ///      0  conv 6 5x5 pad 2  6×28×28                156
    ///      …
    ///         total                                 61,706
    public func tableLines() -> [String] {
        let header = ["#", "layer", "output (C×H×W)", "parameters"]
        var rows: [[String]] = [["", inputText, Tensor.describe(inputShape), ""]]
        // Notes are as wide as they need: they do not widen the layer column.
        var notes: [Int: String] = [:]
        for row in layers {
            rows.append(["\(row.index)", row.text, Tensor.describe(row.outputShape), Self.grouped(row.parameters)])
            if let dropped = row.dropped { notes[rows.count] = dropped.note }
        }
        rows.append(["", "total", "", Self.grouped(totalParameters)])

        let all = [header] + rows
        let widths = (0..<4).map { column in all.map { $0[column].count }.max() ?? 0 }
        let noteIndent = String(repeating: " ", count: widths[0] + 2)
        return all.enumerated().flatMap { position, cells in
            let line = renderRow(cells, widths: widths)
            return notes[position].map { [line, noteIndent + $0] } ?? [line]
        }
    }

    private func renderRow(_ cells: [String], widths: [Int]) -> String {
        let line = [
            pad(cells[0], to: widths[0], right: true),
            pad(cells[1], to: widths[1], right: false),
            pad(cells[2], to: widths[2], right: false),
            pad(cells[3], to: widths[3], right: true),
        ].joined(separator: "  ")
        return String(line.reversed().drop(while: { $0 == " " }).reversed())
    }

    /// The table as one string, lines joined by newlines (no trailing newline).
    public func renderTable() -> String { tableLines().joined(separator: "\n") }

    /// `input 28x28x1` for an image input, `input 784` for flat features.
    var inputText: String { ArchitectureSpec(inputShape: inputShape, layers: []).inputText }

    /// 138357544 → "138,357,544".
    public static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var result = ""
        for (offset, digit) in digits.enumerated() {
            if offset > 0 && (digits.count - offset) % 3 == 0 { result.append(",") }
            result.append(digit)
        }
        return (value < 0 ? "-" : "") + result
    }

    private func pad(_ text: String, to width: Int, right: Bool) -> String {
        let fill = String(repeating: " ", count: max(width - text.count, 0))
        return right ? fill + text : text + fill
    }
}
