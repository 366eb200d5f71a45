/// A matrix drawn as an image: one pixel per value, coloured by a `ColorMap`.
///
/// With colour, two pixel rows share one text row: each cell is `▀` whose foreground is the
/// upper pixel's colour and whose background is the lower pixel's, so an h×w matrix takes
/// w columns × ⌈h/2⌉ rows (a 28×28 digit is 28×14). An odd last row leaves the lower half in the
/// terminal's default background.
///
/// Without colour (`colorCapability == .none`) two pixels cannot share a cell, so each cell
/// shows one symbol (`ColorMap.asciiShade(for:range:)`) for the mean of its two pixels, as an
/// image scaled to half its height would: the matrix keeps the colour view's aspect, w columns ×
/// ⌈h/2⌉ rows, instead of looking twice as tall.
///
/// `scale` repeats each value in a scale×scale block of pixels, for small kernels. The legend
/// line under the image shows the colour scale's ends (the range, which for an automatic
/// diverging map is symmetric about 0), with a small ramp between them.
public struct Heatmap: Widget {
    /// Rows of values, top to bottom; ragged rows leave missing pixels in the default colour.
    public var values: [[Float]]
    public var colorMap: ColorMap
    /// The values at the ends of the colour scale; `nil` uses `colorMap.automaticRange(for:)`.
    public var range: ClosedRange<Float>?
    public var colorCapability: ColorCapability
    public var scale: Int
    public var showsLegend: Bool
    public var legendDecimals: Int

    /// - Parameter colorMap: `nil` chooses `ColorMap.automatic(for: values)`.
    public init(
        values: [[Float]], colorMap: ColorMap? = nil, range: ClosedRange<Float>? = nil,
        colorCapability: ColorCapability = .full256, scale: Int = 1,
        showsLegend: Bool = true, legendDecimals: Int = 2
    ) {
        self.values = values
        self.colorMap = colorMap ?? ColorMap.automatic(for: values)
        self.range = range
        self.colorCapability = colorCapability
        self.scale = max(scale, 1)
        self.showsLegend = showsLegend
        self.legendDecimals = legendDecimals
    }

    /// The range the colours span.
    public var resolvedRange: ClosedRange<Float> { range ?? colorMap.automaticRange(for: values) }

    private var pixelHeight: Int { values.count * scale }
    private var pixelWidth: Int { (values.map(\.count).max() ?? 0) * scale }
    private var imageRows: Int { (pixelHeight + 1) / 2 }

    /// Width × height in cells of the image plus its legend line.
    public var preferredSize: (width: Int, height: Int) {
        (pixelWidth, imageRows + (showsLegend ? 1 : 0))
    }

    /// The value shown at pixel (column, row), or nil outside the matrix.
    private func value(pixelColumn: Int, pixelRow: Int) -> Float? {
        let row = pixelRow / scale, column = pixelColumn / scale
        guard row < values.count, column < values[row].count else { return nil }
        return values[row][column]
    }

    public func render(into buffer: inout Buffer, area: Rect) {
        guard !area.isEmpty else { return }
        let range = resolvedRange
        let columns = min(pixelWidth, area.width)
        for textRow in 0..<min(imageRows, area.height) {
            for column in 0..<columns {
                let x = area.x + column, y = area.y + textRow
                if colorCapability == .none {
                    let upper = value(pixelColumn: column, pixelRow: 2 * textRow)
                    let lower = value(pixelColumn: column, pixelRow: 2 * textRow + 1)
                    let mean = upper.map { first in lower.map { (first + $0) / 2 } ?? first } ?? lower
                    buffer.set(x: x, y: y, mean.map { colorMap.asciiShade(for: $0, range: range) } ?? " ")
                } else {
                    let upper = value(pixelColumn: column, pixelRow: 2 * textRow).map { colorMap.color(for: $0, range: range) }
                    let lower = value(pixelColumn: column, pixelRow: 2 * textRow + 1).map { colorMap.color(for: $0, range: range) }
                    buffer.set(x: x, y: y, "▀", style: Style(foreground: upper ?? .default, background: lower ?? .default))
                }
            }
        }
        if showsLegend, imageRows < area.height {
            renderLegend(into: &buffer, area: area.row(imageRows), range: range)
        }
    }

    /// "low ramp high", e.g. "-1.00 ▀▀▀▀▀ 1.00"; the ramp (at most 10 cells) is dropped when the
    /// numbers alone fill the row.
    private func renderLegend(into buffer: inout Buffer, area: Rect, range: ClosedRange<Float>) {
        let low = NumberFormatting.fixed(Double(range.lowerBound), decimals: legendDecimals)
        let high = NumberFormatting.fixed(Double(range.upperBound), decimals: legendDecimals)
        let rampWidth = min(area.width - low.count - high.count - 2, colorCapability == .none ? colorMap.shadeCount : 10)
        var x = buffer.write(low + " ", x: area.x, y: area.y, clip: area)
        if rampWidth > 0 {
            for step in 0..<rampWidth {
                let fraction = rampWidth == 1 ? 0.5 : Float(step) / Float(rampWidth - 1)
                let value = range.lowerBound + (range.upperBound - range.lowerBound) * fraction
                if colorCapability == .none {
                    buffer.set(x: x, y: area.y, colorMap.asciiShade(for: value, range: range))
                } else {
                    let color = colorMap.color(for: value, range: range)
                    buffer.set(x: x, y: area.y, "▀", style: Style(foreground: color, background: color))
                }
                x += 1
            }
            x += 1
        }
        buffer.write(high, x: x, y: area.y, clip: area)
    }
}
