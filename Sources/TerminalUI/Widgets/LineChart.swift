import Foundation

/// One or more series of numbers plotted against their index, one marker per plot column.
///
/// ```
/// 2.00┤•
///     │ •• +
///     │   ••+++
/// 0.00┤     •••
/// • loss  + accuracy
/// ```
/// The left column holds the y range's ends (top and bottom rows), then an axis, then the plot.
/// The x axis spans `xSampleCount` samples (default: the longest series), so a chart of a
/// training run can be given the total number of steps and fill in as the run proceeds. When
/// there are more samples than plot columns, each column shows the mean of the samples that
/// fall in it (column c covers samples ⌊c·N/W⌋ ..< ⌊(c+1)·N/W⌋); when there are fewer, sample i
/// sits in column round(i·(W−1)/(N−1)). A value maps to row round((high − v)/(high − low)·(H−1)),
/// or with `logarithmic` to row round((log high − log v)/(log high − log low)·(H−1)), which
/// gives a factor of ten the same height anywhere on the axis (a loss falling from 2 to 0.02
/// stays readable); the labels then show the middle value too, and values ≤ 0 are skipped.
/// Later series draw over earlier ones where they meet. Non-finite values are skipped.
public struct LineChart: Widget {
    public struct Series: Sendable {
        public var name: String
        public var values: [Float]
        public var style: Style
        public var marker: Character

        public init(name: String, values: [Float], style: Style = .plain, marker: Character = "•") {
            self.name = name
            self.values = values
            self.style = style
            self.marker = marker
        }
    }

    public var series: [Series]
    /// Vertical extent; `nil` spans the finite values of all series.
    public var yRange: ClosedRange<Float>?
    /// Number of samples the x axis spans; `nil` uses the longest series.
    public var xSampleCount: Int?
    public var labelDecimals: Int
    public var showsLegend: Bool
    public var axisStyle: Style
    /// A log-scaled y axis (labels with two significant digits instead of `labelDecimals`).
    public var logarithmic: Bool

    public init(
        series: [Series], yRange: ClosedRange<Float>? = nil, xSampleCount: Int? = nil,
        labelDecimals: Int = 2, showsLegend: Bool = true, axisStyle: Style = Style(dim: true),
        logarithmic: Bool = false
    ) {
        self.series = series
        self.yRange = yRange
        self.xSampleCount = xSampleCount
        self.labelDecimals = labelDecimals
        self.showsLegend = showsLegend
        self.axisStyle = axisStyle
        self.logarithmic = logarithmic
    }

    /// The y range used: `yRange`, or min…max of the data (widened by 1 each way when flat; on a
    /// log axis, of the positive data, widened ×10 each way when flat).
    public var resolvedYRange: ClosedRange<Float> {
        if let yRange { return yRange }
        let finite = series.flatMap(\.values).filter { $0.isFinite && (!logarithmic || $0 > 0) }
        guard let low = finite.min(), let high = finite.max() else { return logarithmic ? 0.1...1 : 0...1 }
        if logarithmic { return low < high ? low...high : (low / 10)...(high * 10) }
        return low < high ? low...high : (low - 1)...(high + 1)
    }

    /// The range the render uses. On a log axis without a fixed `yRange` it spans the values
    /// actually plotted (column means when samples outnumber columns), not single samples,
    /// which on a log axis can reach far below every plotted point; the plot width it is
    /// measured at assumes labels as wide as those of `resolvedYRange`.
    func displayedRange(areaWidth: Int) -> ClosedRange<Float> {
        guard logarithmic, yRange == nil else { return resolvedYRange }
        let raw = resolvedYRange
        let plotWidth = areaWidth - max(label(raw.upperBound).count, label(raw.lowerBound).count) - 1
        let plotted = series.flatMap { columnValues(of: $0.values, plotWidth: plotWidth).map(\.value) }.filter { $0 > 0 }
        guard let low = plotted.min(), let high = plotted.max(), low < high else { return raw }
        return low...high
    }

    /// Where `value` sits between the range's top (0) and bottom (1); nil when a log axis
    /// cannot place it.
    func position(of value: Float, in range: ClosedRange<Float>) -> Float? {
        guard logarithmic else {
            let span = range.upperBound - range.lowerBound
            return span > 0 ? (range.upperBound - value) / span : 0.5
        }
        guard value > 0, range.lowerBound > 0 else { return nil }
        let span = log10(range.upperBound) - log10(range.lowerBound)
        return span > 0 ? (log10(range.upperBound) - log10(value)) / span : 0.5
    }

    /// An axis label: `labelDecimals` decimals, or on a log axis two significant digits.
    func label(_ value: Float) -> String {
        guard logarithmic, value > 0 else { return NumberFormatting.fixed(Double(value), decimals: labelDecimals) }
        let magnitude = Int(log10(Double(value)).rounded(.down))
        return NumberFormatting.fixed(Double(value), decimals: max(1 - magnitude, 0))
    }

    public func render(into buffer: inout Buffer, area: Rect) {
        guard !area.isEmpty else { return }
        let plotHeight = area.height - (showsLegend ? 1 : 0)
        let range = displayedRange(areaWidth: area.width)
        let highLabel = label(range.upperBound), lowLabel = label(range.lowerBound)
        // A log axis also labels its middle row: the geometric mean of the ends.
        let middleRow = logarithmic && plotHeight >= 5 && range.lowerBound > 0 ? (plotHeight - 1) / 2 : nil
        let middleValue = middleRow.map { row in
            range.upperBound * Float(pow(Double(range.lowerBound / range.upperBound), Double(row) / Double(plotHeight - 1)))
        }
        let middleLabel = middleValue.map(label) ?? ""
        let labelWidth = max(highLabel.count, plotHeight > 1 ? lowLabel.count : 0, middleLabel.count)
        let plotWidth = area.width - labelWidth - 1

        if plotHeight > 0, plotWidth > 0 {
            for row in 0..<plotHeight {
                let isLabelled = row == 0 || row == plotHeight - 1 || row == middleRow
                buffer.set(x: area.x + labelWidth, y: area.y + row, isLabelled ? "┤" : "│", style: axisStyle)
            }
            let labelArea = Rect(x: area.x, y: area.y, width: labelWidth, height: plotHeight)
            buffer.write(NumberFormatting.aligned(highLabel, width: labelWidth, alignment: .right),
                         x: area.x, y: area.y, style: axisStyle, clip: labelArea)
            if plotHeight > 1 {
                buffer.write(NumberFormatting.aligned(lowLabel, width: labelWidth, alignment: .right),
                             x: area.x, y: area.y + plotHeight - 1, style: axisStyle, clip: labelArea)
            }
            if let middleRow {
                buffer.write(NumberFormatting.aligned(middleLabel, width: labelWidth, alignment: .right),
                             x: area.x, y: area.y + middleRow, style: axisStyle, clip: labelArea)
            }
            let plotArea = Rect(x: area.x + labelWidth + 1, y: area.y, width: plotWidth, height: plotHeight)
            for oneSeries in series { plot(oneSeries, into: &buffer, area: plotArea, range: range) }
        }
        if showsLegend, plotHeight >= 0, area.height >= 1 {
            var x = area.x
            let row = area.y + max(plotHeight, 0)
            for oneSeries in series {
                x = buffer.write(String(oneSeries.marker), x: x, y: row, style: oneSeries.style, clip: area)
                x = buffer.write(" " + oneSeries.name + "  ", x: x, y: row, clip: area)
            }
        }
    }

    /// (column, value) pairs of one series after mapping samples to plot columns.
    func columnValues(of values: [Float], plotWidth: Int) -> [(column: Int, value: Float)] {
        let sampleCount = max(xSampleCount ?? series.map(\.values.count).max() ?? 0, values.count)
        guard sampleCount > 0, plotWidth > 0 else { return [] }
        if sampleCount <= plotWidth {
            return values.enumerated().compactMap { index, value in
                guard value.isFinite else { return nil }
                let column = sampleCount == 1 ? 0 : (index * (plotWidth - 1) + (sampleCount - 1) / 2) / (sampleCount - 1)
                return (column, value)
            }
        }
        return (0..<plotWidth).compactMap { column in
            let start = column * sampleCount / plotWidth
            let end = min((column + 1) * sampleCount / plotWidth, values.count)
            guard start < end else { return nil }
            let finite = values[start..<end].filter(\.isFinite)
            guard !finite.isEmpty else { return nil }
            return (column, finite.reduce(0, +) / Float(finite.count))
        }
    }

    private func plot(_ oneSeries: Series, into buffer: inout Buffer, area: Rect, range: ClosedRange<Float>) {
        for (column, value) in columnValues(of: oneSeries.values, plotWidth: area.width) {
            guard let position = position(of: value, in: range) else { continue }
            let row = min(max(Int((position * Float(area.height - 1)).rounded()), 0), area.height - 1)
            buffer.set(x: area.x + column, y: area.y + row, oneSeries.marker, style: oneSeries.style)
        }
    }
}
