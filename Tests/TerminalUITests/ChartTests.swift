import Testing
import TestSupport
@testable import TerminalUI

@Suite("LineChart and BarChart")
struct ChartTests {
    private func rendered(_ widget: some Widget, width: Int, height: Int) -> Buffer {
        var buffer = Buffer(width: width, height: height)
        widget.render(into: &buffer, area: buffer.area)
        return buffer
    }

    @Test("one series: range labels, axis, one marker per sample, legend")
    func lineChartSingle() {
        let chart = LineChart(series: [.init(name: "loss", values: [0, 1, 2])])
        expectLines(rendered(chart, width: 8, height: 4), [
            "2.00┤  •",
            "    │ • ",
            "0.00┤•  ",
            "• loss",
        ])
    }

    /// 100, 10, 1 are equal steps on a log axis: rows 0, 2 and 4 of five, where a linear axis
    /// would put 10 near the bottom; the middle row is labelled √(100·1) = 10, and zero, which
    /// a log axis cannot place, is left out.
    @Test("a logarithmic axis spaces factors of ten evenly and labels its middle")
    func lineChartLogarithmic() {
        let chart = LineChart(series: [.init(name: "loss", values: [100, 10, 1, 0])], showsLegend: false, logarithmic: true)
        expectLines(rendered(chart, width: 8, height: 5), [
            "100┤•   ",
            "   │    ",
            " 10┤ •  ",
            "   │    ",
            "1.0┤  • ",
        ])
        let linear = LineChart(series: [.init(name: "loss", values: [100, 10, 1])], labelDecimals: 0, showsLegend: false)
        #expect(rendered(linear, width: 8, height: 5).trimmedLines[4] == "  1┤  ••")
        #expect(LineChart(series: [.init(name: "flat", values: [2, 2])], logarithmic: true).resolvedYRange == 0.2...20)
        // With more samples than columns the axis spans the plotted column means: one dip to
        // 0.001 averaged with its neighbour is 0.5005, not 0.001 (two columns at width 9).
        let dip = LineChart(series: [.init(name: "dip", values: [1, 0.001, 1, 1])], showsLegend: false, logarithmic: true)
        #expect(dip.resolvedYRange == 0.001...1)
        #expect(dip.displayedRange(areaWidth: 9) == 0.5005...1)
    }

    @Test("later series draw over earlier ones, with their own marker and style")
    func lineChartTwoSeries() {
        let chart = LineChart(series: [
            .init(name: "a", values: [0, 0, 2]),
            .init(name: "b", values: [2, 1, 2], style: Style(foreground: .red), marker: "+"),
        ])
        let buffer = rendered(chart, width: 8, height: 4)
        expectLines(buffer, ["2.00┤+ +", "    │ + ", "0.00┤•• ", "• a  + b"])
        #expect(buffer.styleMask { $0.foreground == .red } == [".....#.#", "......#.", "........", ".....#.."])
    }

    @Test("more samples than columns: each column shows its bucket's mean")
    func lineChartBuckets() {
        let chart = LineChart(series: [.init(name: "x", values: [0, 0, 2, 2])], showsLegend: false)
        expectLines(rendered(chart, width: 7, height: 3), ["2.00┤ •", "    │", "0.00┤•"])
        let columns = chart.columnValues(of: [0, 0, 2, 2], plotWidth: 2)
        #expect(columns.map(\.column) == [0, 1] && columns.map(\.value) == [0, 2])
    }

    @Test("a fixed sample count leaves room for a run still in progress")
    func lineChartSampleCount() {
        let chart = LineChart(series: [.init(name: "x", values: [4, 2])], yRange: 0...4, xSampleCount: 5, showsLegend: false)
        expectLines(rendered(chart, width: 10, height: 3), ["4.00┤•", "    │ •", "0.00┤"])
    }

    @Test("line chart in tiny areas and with no data")
    func lineChartTiny() {
        let chart = LineChart(series: [.init(name: "x", values: [1, 2])])
        expectLines(rendered(chart, width: 1, height: 1), ["•"])
        #expect(rendered(chart, width: 0, height: 0).lines.isEmpty)
        expectLines(rendered(LineChart(series: []), width: 6, height: 3), ["1.00┤", "0.00┤", ""])
    }

    @Test("bars in eighths of a cell, labels left, values right")
    func barChart() {
        let chart = BarChart(bars: [
            .init(label: "cat", value: 0.7), .init(label: "dog", value: 0.2), .init(label: "fish", value: 0.1),
        ])
        expectLines(rendered(chart, width: 20, height: 3), [
            "cat  ██████████ 0.70",
            "dog  ██▉        0.20",
            "fish █▍         0.10",
        ], trimmed: false)
    }

    @Test("fixed maximum, value text override, highlight")
    func barChartOptions() {
        let chart = BarChart(
            bars: [.init(label: "conv", value: 156, valueText: "156"), .init(label: "fc", value: 1000, valueText: "1,000")],
            maxValue: 2000, barStyle: Style(foreground: .green), highlightedIndex: 1)
        let buffer = rendered(chart, width: 16, height: 2)
        expectLines(buffer, ["conv ▍       156", "fc   ██▌   1,000"], trimmed: false)
        #expect(buffer.styleMask { $0.bold } == ["................", "####.#####.#####"])
        #expect(buffer.styleMask { $0.foreground == .green } == [".....#####......", ".....#####......"])
    }

    @Test("narrow bar charts keep labels and values; tiny areas are safe")
    func barChartNarrow() {
        let chart = BarChart(bars: [.init(label: "cat", value: 0.7), .init(label: "dog", value: -1)])
        expectLines(rendered(chart, width: 9, height: 2), ["cat  0.70", "dog -1.00"])
        expectLines(rendered(chart, width: 1, height: 1), ["c"])
        #expect(rendered(chart, width: 0, height: 0).lines.isEmpty)
        #expect(BarChart.barText(fraction: -1, width: 3) == "   ")
        #expect(BarChart.barText(fraction: 0.5, width: 3) == "█▌ ")
    }
}
