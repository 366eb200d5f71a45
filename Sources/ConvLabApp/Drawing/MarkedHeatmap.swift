import TerminalUI

/// A `Heatmap` with the stepper's marks drawn over whole values: the current window (or output
/// cell), zero padding, and output cells not yet visited.
///
/// Marks need every value to own whole text cells. A text cell holds two pixel rows (half
/// blocks with colour, the mean of two pixels without), so `scale` must be even: each value is
/// `scale` columns × `scale / 2` rows.
///
/// - Window cells: with colour, `[` and `]` over the value's own colour (in black or white,
///   whichever reads on it); without colour, the shades reversed.
/// - Padding: `·` with no colour, so it cannot pass for a dark pixel.
/// - Hidden (not yet visited): a dim `·`, so the map's extent shows before it fills in.
struct MarkedHeatmap {
    var heatmap: Heatmap
    var highlighted: Set<GridIndex> = []
    var padding: Set<GridIndex> = []
    var hidden: Set<GridIndex> = []

    /// - Parameter scale: text columns per value; rounded up to even.
    init(values: [[Float]], range: ClosedRange<Float>, colorCapability: ColorCapability, scale: Int, showsLegend: Bool) {
        let evenScale = max(2, scale + scale % 2)
        heatmap = Heatmap(
            values: values, range: range, colorCapability: colorCapability, scale: evenScale, showsLegend: showsLegend)
    }

    var columnsPerValue: Int { heatmap.scale }
    var rowsPerValue: Int { heatmap.scale / 2 }
    var preferredSize: (width: Int, height: Int) { heatmap.preferredSize }

    func render(into buffer: inout Buffer, area: Rect) {
        heatmap.render(into: &buffer, area: area)
        let imageArea = Rect(x: area.x, y: area.y, width: area.width,
                             height: min(area.height, heatmap.values.count * rowsPerValue))
        for index in padding { mark(index, in: imageArea, buffer: &buffer) { _, _ in ("·", Style(dim: true)) } }
        for index in hidden { mark(index, in: imageArea, buffer: &buffer) { _, _ in ("·", Style(dim: true)) } }
        for index in highlighted {
            mark(index, in: imageArea, buffer: &buffer) { cell, column in
                if heatmap.colorCapability == .none {
                    return (cell.character, cell.style.reversed())
                }
                let color = cell.style.foreground
                let (red, green, blue) = color.rgbComponents
                let luminance = 0.299 * Double(red) + 0.587 * Double(green) + 0.114 * Double(blue)
                let ink: Color = luminance > 128 ? .black : .white
                let character: Character = column == 0 ? "[" : column == columnsPerValue - 1 ? "]" : " "
                return (character, Style(foreground: ink, background: color, bold: true))
            }
        }
    }

    /// Rewrites every text cell of value `index` with `change(existing cell, column within the value)`.
    private func mark(
        _ index: GridIndex, in area: Rect, buffer: inout Buffer,
        _ change: (Cell, Int) -> (Character, Style)
    ) {
        for row in 0..<rowsPerValue {
            for column in 0..<columnsPerValue {
                let x = area.x + index.column * columnsPerValue + column
                let y = area.y + index.row * rowsPerValue + row
                guard area.contains(x: x, y: y) else { continue }
                let (character, style) = change(buffer[x, y], column)
                buffer.set(x: x, y: y, character, style: style)
            }
        }
    }
}
