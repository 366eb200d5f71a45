/// A progress bar with its percentage: `█████░░░░░ 50%`.
///
/// Drawn on the first row of the area. The bar takes the width left after the label and one
/// space; filled cells are ⌊ratio · width⌋ so a bar looks full only when the work is done, and the
/// percentage is ⌊ratio · 100⌋ for the same reason. Ratios outside 0…1 are clamped; NaN reads as 0.
/// The label defaults to the percentage; a custom label (e.g. "epoch 3/10") replaces it.
public struct Gauge: Widget {
    public var ratio: Double
    public var label: String?
    public var filledStyle: Style
    public var emptyStyle: Style

    public init(ratio: Double, label: String? = nil, filledStyle: Style = .plain, emptyStyle: Style = Style(dim: true)) {
        self.ratio = ratio
        self.label = label
        self.filledStyle = filledStyle
        self.emptyStyle = emptyStyle
    }

    /// `ratio` clamped to 0…1 (NaN → 0).
    public var clampedRatio: Double { ratio.isNaN ? 0 : min(max(ratio, 0), 1) }

    /// The text right of the bar.
    public var resolvedLabel: String { label ?? "\(Int(clampedRatio * 100))%" }

    public func render(into buffer: inout Buffer, area: Rect) {
        guard !area.isEmpty else { return }
        let text = resolvedLabel
        let barWidth = area.width - text.count - 1
        var x = area.x
        if barWidth > 0 {
            let filled = Int(clampedRatio * Double(barWidth))
            x = buffer.write(String(repeating: "█", count: filled), x: x, y: area.y, style: filledStyle, clip: area)
            x = buffer.write(String(repeating: "░", count: barWidth - filled), x: x, y: area.y, style: emptyStyle, clip: area)
            x = buffer.write(" ", x: x, y: area.y, clip: area)
        }
        buffer.write(text, x: x, y: area.y, clip: area)
    }
}
