import ConvEngine
import TerminalUI

// Drawing for the receptive field demo. Top: the stack as a chain of shapes, then one row per
// layer with the recursion worked out (r_out = r_in + (k − 1)·j_in, j_out = j_in·s) and the
// map size, the selected layer reversed; then the weight comparison with one conv of the same
// field. Bottom: every map as a small grid, input on the left, the patch the picked top cell
// depends on marked ■ and the cell itself ◆.

extension ReceptiveFieldScreen {
    private static let titleStyle = Style(bold: true)
    private static let labelStyle = Style(dim: true)
    private static let fieldStyle = Style(foreground: .yellow, bold: true)
    private static let pickedStyle = Style(foreground: .red, bold: true)

    func render(into buffer: inout Buffer, area: Rect) {
        guard area.width >= 30, area.height >= 8 else { return }
        var y = area.y
        for line in Paragraph(spans: [Span(chainText, style: Self.titleStyle)]).wrappedLines(width: area.width).prefix(2) {
            buffer.write(line, x: area.x, y: y, clip: area)
            y += 1
        }
        y += 1
        for (index, line) in tableLines.enumerated() where y < area.maxY {
            let isSelected = index > 1 && index - 2 == selected
            buffer.write(line, x: area.x, y: y, style: index == 0 ? Self.labelStyle : isSelected ? Style(reverse: true) : .plain, clip: area)
            y += 1
        }
        y += 1
        for line in comparisonLines where y < area.maxY {
            buffer.write(line, x: area.x, y: y, style: Self.titleStyle, clip: area)
            y += 1
        }
        y += 1
        renderGrids(into: &buffer, area: Rect(x: area.x, y: y, width: area.width, height: max(area.maxY - y, 0)))
    }

    /// `input 9×9 → conv 3×3 → 7×7 → conv 3×3 → 5×5`.
    var chainText: String {
        let sides = self.sides
        var text = "input \(sides[0])×\(sides[0])"
        for (index, layer) in layers.enumerated() {
            text += " → \(layer.text) → \(sides[index + 1])×\(sides[index + 1])"
        }
        return text
    }

    /// A header, the input's row, then one row per layer with the recursion's numbers.
    var tableLines: [String] {
        let fields = self.fields, sides = self.sides
        func pad(_ text: String, _ width: Int) -> String { NumberFormatting.aligned(text, width: width, alignment: .left) }
        var lines = [
            pad("#  layer", 17) + pad("r_out = r_in + (k − 1)·j_in", 30) + pad("j_out = j_in·s", 17) + "map",
            pad("0  input", 17) + pad("1", 30) + pad("1", 17) + "\(sides[0])×\(sides[0])",
        ]
        for (index, layer) in layers.enumerated() {
            let before = fields[index], after = fields[index + 1]
            let size = "\(after.size) = \(before.size) + (\(layer.kernelSize) − 1)·\(before.jump)"
            let jump = "\(after.jump) = \(before.jump)·\(layer.stride)"
            lines.append(pad("\(index + 1)  \(layer.text)", 17) + pad(size, 30) + pad(jump, 17) + "\(sides[index + 1])×\(sides[index + 1])")
        }
        return lines
    }

    /// The stack's weights per channel pair against one conv with the same field.
    var comparisonLines: [String] {
        let field = fields.last!.size
        let convs = zip(layers, weightsPerLayer).filter { $0.0.kind == .conv }
        guard !convs.isEmpty else { return ["no conv layers: nothing is learned, the field is \(field)×\(field)"] }
        let terms = convs.map { "\($0.0.kernelSize)·\($0.0.kernelSize)" }.joined(separator: " + ")
        let total = convs.reduce(0) { $0 + $1.1 }
        var lines = ["this stack: \(terms) = \(total) weights per channel pair"]
        if layers.count > 1 || layers.first?.kind != .conv || layers.first?.kernelSize != field {
            lines.append("one \(field)×\(field) conv, the same \(field)×\(field) field: \(field)·\(field) = \(singleLayerWeights) weights per channel pair")
        }
        return lines
    }

    private func renderGrids(into buffer: inout Buffer, area: Rect) {
        guard area.height >= 3 else { return }
        let sides = self.sides
        let rows = patch(outputIndex: outputRow), columns = patch(outputIndex: outputColumn)
        let titles = sides.indices.map { $0 == 0 ? "input \(sides[0])×\(sides[0])" : "\($0): \(sides[$0])×\(sides[$0])" }
        let seens = sides.indices.map { "sees \(rows[$0].count)×\(columns[$0].count)" }
        // Maps taller than the area show the rows around the patch; when the maps together are
        // wider than the area, each shows at most an equal share of columns around its patch
        // (a stride-3 stack of 7×7 convs has an input thousands of cells wide).
        let visibleRows = max(area.height - 2, 1)
        /// Each column's width and visible map columns, and the maps' cell width, with `gap`
        /// columns between maps.
        func layout(gap: Int) -> (widths: [Int], visibleColumns: [Int], cellWidth: Int) {
            let wide = zip(sides, titles).reduce(0) { $0 + max(2 * $1.0 - 1, $1.1.count, 9) + gap } <= area.width
            let cellWidth = wide ? 2 : 1
            let fitsWhole = wide || sides.reduce(0) { $0 + $1 + gap } <= area.width
            let columnShare = max((area.width - gap * sides.count) / max(sides.count, 1), 9)
            let visibleColumns = sides.map { fitsWhole ? $0 : min($0, columnShare) }
            let widths = sides.indices.map { level in
                max(cellWidth * visibleColumns[level] - (cellWidth - 1), titles[level].count, seens[level].count)
            }
            return (widths, visibleColumns, cellWidth)
        }
        // The widest gap that lets every column, titles and "sees" lines whole, fit.
        let gap = [3, 2, 1].first { gap in
            layout(gap: gap).widths.reduce(0, +) + gap * max(sides.count - 1, 0) <= area.width
        } ?? 1
        let (widths, visibleColumnCounts, cellWidth) = layout(gap: gap)
        var x = area.x
        for (level, side) in sides.enumerated() {
            guard x < area.maxX else { break }
            let seen = seens[level]
            let width = widths[level]
            let visibleColumns = visibleColumnCounts[level]
            let clip = Rect(x: x, y: area.y, width: min(width, area.maxX - x), height: area.height)
            let isSelectedLayer = level == selected + 1 && !layers.isEmpty
            buffer.write(titles[level], x: x, y: area.y, style: isSelectedLayer ? Style(bold: true, reverse: true) : Self.titleStyle, clip: clip)
            let isTop = level == sides.count - 1
            let firstRow = Self.firstVisible(of: side, showing: visibleRows, around: rows[level])
            let firstColumn = Self.firstVisible(of: side, showing: visibleColumns, around: columns[level])
            for row in firstRow..<min(side, firstRow + visibleRows) {
                for column in firstColumn..<min(side, firstColumn + visibleColumns) {
                    let inside = rows[level].contains(row) && columns[level].contains(column)
                    let (character, style): (Character, Style) = isTop && inside ? ("◆", Self.pickedStyle) : inside ? ("■", Self.fieldStyle) : ("·", Self.labelStyle)
                    let cellX = x + (column - firstColumn) * cellWidth
                    guard cellX < clip.maxX else { break }
                    buffer.set(x: cellX, y: area.y + 1 + row - firstRow, character, style: style)
                }
            }
            let footerY = area.y + 1 + min(side, visibleRows)
            buffer.write(seen, x: x, y: footerY, style: Self.labelStyle, clip: clip)
            x += width + gap
        }
    }

    /// The first of `count` visible positions of a map `side` long, centred on `patch` and kept
    /// inside the map.
    private static func firstVisible(of side: Int, showing count: Int, around patch: ClosedRange<Int>) -> Int {
        guard side > count else { return 0 }
        let middle = (patch.lowerBound + patch.upperBound) / 2
        return min(max(middle - count / 2, 0), side - count)
    }
}
