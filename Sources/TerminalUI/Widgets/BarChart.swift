/// Horizontal bars with a label on the left and the value on the right, one bar per row:
/// class probabilities, parameter counts per layer.
///
/// ```
/// cat  ██████████▌ 0.70
/// dog  ███         0.20
/// fish █▌          0.10
/// ```
/// A bar's length is value / maxValue of the bar column, in eighths of a cell (`▏`…`█`), so
/// close values stay distinguishable. Negative values draw no bar. The value text is the bar's
/// `valueText` when given (e.g. "1,234" for a count), otherwise the value with `decimals`.
public struct BarChart: Widget {
    public struct Bar: Sendable {
        public var label: String
        public var value: Double
        public var valueText: String?
        /// Style of this bar instead of the chart's `barStyle`.
        public var style: Style?

        public init(label: String, value: Double, valueText: String? = nil, style: Style? = nil) {
            self.label = label
            self.value = value
            self.valueText = valueText
            self.style = style
        }
    }

    public var bars: [Bar]
    /// The value of a full-width bar; `nil` uses the largest value.
    public var maxValue: Double?
    public var decimals: Int
    public var barStyle: Style
    public var labelStyle: Style
    /// A bar to pick out (e.g. the predicted class), drawn with `highlightStyle` on its label
    /// and bar.
    public var highlightedIndex: Int?
    public var highlightStyle: Style
    /// Bars hidden above the area, for lists longer than the area.
    public var scrollOffset: Int

    public init(
        bars: [Bar], maxValue: Double? = nil, decimals: Int = 2,
        barStyle: Style = .plain, labelStyle: Style = .plain,
        highlightedIndex: Int? = nil, highlightStyle: Style = Style(bold: true), scrollOffset: Int = 0
    ) {
        self.bars = bars
        self.maxValue = maxValue
        self.decimals = decimals
        self.barStyle = barStyle
        self.labelStyle = labelStyle
        self.highlightedIndex = highlightedIndex
        self.highlightStyle = highlightStyle
        self.scrollOffset = scrollOffset
    }

    /// The left-eighths blocks, index k = k eighths of a cell (index 0 unused).
    static let eighths: [Character] = [" ", "▏", "▎", "▍", "▌", "▋", "▊", "▉", "█"]

    /// The bar for `fraction` of `width` cells, padded with spaces to `width`.
    static func barText(fraction: Double, width: Int) -> String {
        guard width > 0 else { return "" }
        let clamped = fraction.isFinite ? min(max(fraction, 0), 1) : 0
        let totalEighths = Int((clamped * Double(width * 8)).rounded())
        var text = String(repeating: "█", count: totalEighths / 8)
        if totalEighths % 8 > 0 { text.append(eighths[totalEighths % 8]) }
        return text + String(repeating: " ", count: width - text.count)
    }

    private func valueText(of bar: Bar) -> String {
        bar.valueText ?? NumberFormatting.fixed(bar.value, decimals: decimals)
    }

    public func render(into buffer: inout Buffer, area: Rect) {
        guard !area.isEmpty else { return }
        let labelWidth = bars.map(\.label.count).max() ?? 0
        let valueWidth = bars.map { valueText(of: $0).count }.max() ?? 0
        let barWidth = area.width - labelWidth - valueWidth - 2
        let fullValue = maxValue ?? bars.map(\.value).filter(\.isFinite).max() ?? 0
        for (row, (index, bar)) in bars.enumerated().dropFirst(max(scrollOffset, 0)).enumerated() {
            guard row < area.height else { break }
            let y = area.y + row
            let isHighlighted = index == highlightedIndex
            let label = NumberFormatting.aligned(bar.label, width: labelWidth, alignment: .left)
            var x = buffer.write(label, x: area.x, y: y,
                                 style: isHighlighted ? labelStyle.patched(with: highlightStyle) : labelStyle, clip: area)
            if barWidth > 0 {
                let fraction = fullValue > 0 ? bar.value / fullValue : 0
                let style = (bar.style ?? barStyle).patched(with: isHighlighted ? highlightStyle : .plain)
                x = buffer.write(" ", x: x, y: y, clip: area)
                x = buffer.write(BarChart.barText(fraction: fraction, width: barWidth), x: x, y: y, style: style, clip: area)
            }
            x = buffer.write(" ", x: x, y: y, clip: area)
            buffer.write(NumberFormatting.aligned(valueText(of: bar), width: valueWidth, alignment: .right),
                         x: x, y: y, style: isHighlighted ? highlightStyle : .plain, clip: area)
        }
    }
}
