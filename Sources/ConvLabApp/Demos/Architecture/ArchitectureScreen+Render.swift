import ConvEngine
import Foundation
import TerminalUI

// Drawing for the architecture demo. Top: the network in one line, the fully connected
// layers' share of the parameters, the spatial sizes and depths the maps pass through, and
// the selected layer's shape change and count formula. Below: one row per layer — index, spec
// text, output shape H×W×C (and C×H×W plus the activation count when there is room) — with
// the parameter count as a bar; fully connected bars in their own colour.

extension ArchitectureScreen {
    private static let labelStyle = Style(dim: true)
    private static let titleStyle = Style(bold: true)
    private static let convBarStyle = Style(foreground: .cyan)
    private static let linearBarStyle = Style(foreground: .yellow)
    private static let selectedStyle = Style(bold: true, reverse: true)
    /// From this width on, rows add the C×H×W shape and the activation count.
    static let wideWidth = 120

    func render(into buffer: inout Buffer, area: Rect) {
        guard !area.isEmpty else { return }
        var y = area.y
        for paragraph in headerParagraphs {
            for line in Paragraph(spans: paragraph).wrappedLines(width: area.width) where y < area.maxY {
                buffer.write(line, x: area.x, y: y, clip: area)
                y += 1
            }
        }
        guard y + 1 < area.maxY else { return }
        var list = Rect(x: area.x, y: y + 1, width: area.width, height: area.maxY - y - 1)
        // With room for every layer and the stage chart, the chart goes under the list.
        let stages = shapeStages
        let stageHeight = stages.count + 2
        if stages.count > 1, list.height >= summary.layers.count + stageHeight {
            renderStages(stages, into: &buffer, area: Rect(x: area.x, y: list.y + summary.layers.count + 1, width: area.width, height: stageHeight))
            list.height = summary.layers.count
        }
        let labels = rowLabels(wide: area.width >= Self.wideWidth)
        let scaleName = usesLogScale ? "log scale" : "linear scale"
        buffer.write(labels.header + "  parameters (\(scaleName), v toggles)", x: area.x, y: y, style: Self.labelStyle, clip: area)
        let counts = summary.layers.map(\.parameters)
        let bars = summary.layers.map { row in
            BarChart.Bar(
                label: labels.rows[row.index], value: barValue(row.parameters),
                valueText: ArchitectureSummary.grouped(row.parameters),
                style: isFullyConnected(row.index) ? Self.linearBarStyle : Self.convBarStyle)
        }
        let chart = BarChart(
            bars: bars, maxValue: barValue(counts.max() ?? 0), highlightedIndex: selectedLayer,
            highlightStyle: Self.selectedStyle, scrollOffset: shownOffset(rows: list.height))
        chart.render(into: &buffer, area: list)
    }

    /// Every distinct (H, C) the feature maps take, in order: the input, then each change.
    var shapeStages: [(height: Int, width: Int, channels: Int)] {
        var stages: [(height: Int, width: Int, channels: Int)] = []
        for shape in [summary.inputShape] + summary.layers.map(\.outputShape) where shape.count == 3 {
            if let last = stages.last, last.height == shape[1], last.channels == shape[0] { continue }
            stages.append((shape[1], shape[2], shape[0]))
        }
        return stages
    }

    /// Side by side, the spatial size and the depth at each stage as bars: one falls while the
    /// other rises.
    private func renderStages(_ stages: [(height: Int, width: Int, channels: Int)], into buffer: inout Buffer, area: Rect) {
        buffer.write("each map (H×W×C) as it changes: size H (left) falls, depth C (right) rises", x: area.x, y: area.y, style: Self.labelStyle, clip: area)
        let halves = area.split(.horizontal, [.percentage(50), .fill], spacing: 2)
        let labels = stages.map { Self.shapeText([$0.channels, $0.height, $0.width]) }
        let labelWidth = labels.map(\.count).max() ?? 0
        let padded = labels.map { NumberFormatting.aligned($0, width: labelWidth, alignment: .left) }
        let heights = BarChart(bars: zip(padded, stages).map { BarChart.Bar(label: $0, value: Double($1.height), valueText: "H \($1.height)", style: Self.convBarStyle) })
        let depths = BarChart(bars: zip(padded, stages).map { BarChart.Bar(label: $0, value: Double($1.channels), valueText: "C \($1.channels)", style: Self.linearBarStyle) })
        heights.render(into: &buffer, area: Rect(x: halves[0].x, y: area.y + 1, width: halves[0].width, height: area.height - 1))
        depths.render(into: &buffer, area: Rect(x: halves[1].x, y: area.y + 1, width: halves[1].width, height: area.height - 1))
    }

    /// A bar's length: the count itself, or log10 of it (1 parameter and none both draw no bar).
    func barValue(_ count: Int) -> Double {
        guard count > 0 else { return 0 }
        return usesLogScale ? log10(Double(count)) : Double(count)
    }

    /// The first row shown when `rows` fit: the kept offset, moved only as far as needed to
    /// show the selection (at a large size every layer fits and the list starts at 0).
    func shownOffset(rows: Int) -> Int {
        let rows = max(rows, 1)
        var offset = min(scrollOffset, max(summary.layers.count - rows, 0))
        if selectedLayer < offset { offset = selectedLayer }
        if selectedLayer >= offset + rows { offset = selectedLayer - rows + 1 }
        return offset
    }

    // MARK: text

    private var headerParagraphs: [[Span]] {
        let floor = floorNotesText.map { [[Span($0, style: Self.labelStyle)]] } ?? []
        return [[Span(networkText, style: Self.titleStyle)], [Span(shareText)], [Span(stepsText)]] + floor
            + [[Span(selectedText, style: Self.titleStyle)]]
    }

    /// The notes `convlab arch` prints under each `floor` layer, in one line: `floor (PyTorch's
    /// rounding down): layer 0 drops 1 padding row and 1 padding column, no input`; nil when
    /// no layer rounds down.
    public var floorNotesText: String? {
        let notes = summary.layers.compactMap { row in
            row.dropped.map { "layer \(row.index) " + $0.note.replacingOccurrences(of: "floor: ", with: "") }
        }
        guard !notes.isEmpty else { return nil }
        return "floor (PyTorch's rounding down): " + notes.joined(separator: "; ")
    }

    /// `vgg16: input 224×224×3 (H×W×C) → 1000 · 37 layers · 138,357,544 parameters`. The first
    /// line names the order every shape on the screen is written in, since `convlab arch`
    /// writes the same network C×H×W.
    var networkText: String {
        let output = summary.layers.last.map { Self.shapeText($0.outputShape) } ?? ""
        let order = summary.inputShape.count == 3 ? " (H×W×C)" : ""
        return "\(networkName): input \(Self.shapeText(summary.inputShape))\(order) → \(output) · \(summary.layers.count) layers · \(ArchitectureSummary.grouped(summary.totalParameters)) parameters"
    }

    /// `FC layers: 123,642,856 of 138,357,544 = 89.4% · conv layers: 14,714,688 = 10.6%`.
    var shareText: String {
        let total = summary.totalParameters
        func percent(_ part: Int) -> String {
            total > 0 ? NumberFormatting.fixed(100 * Double(part) / Double(total), decimals: 1) + "%" : "0%"
        }
        let linear = fullyConnectedParameters, conv = convolutionParameters
        return "FC layers: \(ArchitectureSummary.grouped(linear)) of \(ArchitectureSummary.grouped(total)) = \(percent(linear))"
            + " · conv layers: \(ArchitectureSummary.grouped(conv)) = \(percent(conv))"
    }

    /// `H×W 224→112→56→28→14→7 (÷2 each step) · C 3→64→128→256→512 (×2 after the first)`.
    var stepsText: String {
        let (sizes, depths) = spatialAndDepthSteps
        guard !sizes.isEmpty else { return "flat features only: no spatial maps" }
        func halves(_ values: [Int]) -> Bool {
            values.count > 1 && zip(values, values.dropFirst()).allSatisfy { $0 == 2 * $1 }
        }
        var text = "H×W " + sizes.map(String.init).joined(separator: "→")
        if halves(sizes) { text += " (÷2 each step)" }
        text += " · C " + depths.map(String.init).joined(separator: "→")
        let growth = Array(depths.dropFirst())
        if growth.count > 1, zip(growth, growth.dropFirst()).allSatisfy({ $1 == 2 * $0 }) { text += " (×2 after the first)" }
        return text
    }

    /// `layer 2 conv 64 3x3 pad 1: 224×224×64 → 224×224×64 · (3·3·64+1)·64 = 36,928`.
    var selectedText: String {
        let row = summary.layers[selectedLayer]
        let input = inputShape(ofLayer: selectedLayer)
        var text = "layer \(row.index) \(row.text): \(Self.shapeText(input)) → \(Self.shapeText(row.outputShape)) · "
        switch architecture.layers[selectedLayer] {
        case let .conv(conv):
            let bias = conv.bias ? "+1" : ""
            text += "(\(conv.kernelHeight)·\(conv.kernelWidth)·\(input.first ?? 0)\(bias))·\(conv.outputChannels) = "
        case let .linear(outputFeatures, bias):
            text += "(\(ArchitectureSummary.grouped(input.reduce(1, *)))\(bias ? "+1" : ""))·\(outputFeatures) = "
        default:
            return text + "no parameters"
        }
        return text + ArchitectureSummary.grouped(row.parameters)
    }

    /// The column header and one label per layer, padded into columns:
    /// ` 2 conv 64 3x3 pad 1   224×224×64` (wide: plus `64×224×224  3,211,264`).
    func rowLabels(wide: Bool) -> (header: String, rows: [String]) {
        let indexWidth = max(String(summary.layers.count - 1).count, 1)
        let textWidth = max(summary.layers.map(\.text.count).max() ?? 0, 5)
        let shapes = summary.layers.map { Self.shapeText($0.outputShape) }
        let shapeWidth = max(shapes.map(\.count).max() ?? 0, 11)
        let channelFirst = summary.layers.map { $0.outputShape.map(String.init).joined(separator: "×") }
        let channelFirstWidth = max(channelFirst.map(\.count).max() ?? 0, 5)
        let values = summary.layers.map { ArchitectureSummary.grouped($0.outputShape.reduce(1, *)) }
        let valuesWidth = max(values.map(\.count).max() ?? 0, 11)
        func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
            NumberFormatting.aligned(text, width: width, alignment: right ? .right : .left)
        }
        var header = pad("#", indexWidth, right: true) + " " + pad("layer", textWidth) + "  " + pad("out H×W×C", shapeWidth)
        if wide { header += "  " + pad("C×H×W", channelFirstWidth) + "  " + pad("activations", valuesWidth, right: true) }
        let rows = summary.layers.map { row in
            var label = pad(String(row.index), indexWidth, right: true) + " " + pad(row.text, textWidth) + "  " + pad(shapes[row.index], shapeWidth)
            if wide { label += "  " + pad(channelFirst[row.index], channelFirstWidth) + "  " + pad(values[row.index], valuesWidth, right: true) }
            return label
        }
        return (header, rows)
    }

    /// H×W×C, the notes' order, from a C×H×W shape; flat shapes as they are.
    static func shapeText(_ shape: [Int]) -> String {
        shape.count == 3 ? "\(shape[1])×\(shape[2])×\(shape[0])" : shape.map(String.init).joined(separator: "×")
    }
}
