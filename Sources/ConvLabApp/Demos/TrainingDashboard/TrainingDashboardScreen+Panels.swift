import ConvEngine
import TerminalUI

// The dashboard's panels: conv filters as diverging heat maps, the probe's class
// probabilities, the test confusion matrix, and every layer's activation maps for the probe.

extension TrainingDashboardScreen {
    /// Module indices of the network's conv layers (their weights are `<index>.weight`).
    var convolutionModuleIndices: [Int] {
        setup.initialModel.spec.layers.indices.filter {
            if case .conv = setup.initialModel.spec.layers[$0] { return true }
            return false
        }
    }

    /// Cells one kernel tile takes: width × height. Two pixel rows share a cell (with or without
    /// colour), so small kernels are drawn at scale 2 to stay visible (a 3×3 kernel is 6×3 cells).
    func tileSize(kernelHeight: Int, kernelWidth: Int, scale: Int) -> (width: Int, height: Int) {
        let pixelHeight = kernelHeight * scale
        return (kernelWidth * scale, (pixelHeight + 1) / 2)
    }

    private var firstLayerScale: Int { 2 }

    /// Rows the first layer's panel takes at `width`: title, the tiles in rows with a gap row
    /// between them, and the legend.
    func filterPanelHeight(_ snapshot: TrainingSnapshot, width: Int) -> Int {
        guard let weight = snapshot.convolutionWeights.first else { return 1 }
        let tile = tileSize(kernelHeight: weight.shape[2], kernelWidth: weight.shape[3], scale: firstLayerScale)
        let across = max(1, (width + 1) / (tile.width + 1))
        let tileRows = (weight.shape[0] + across - 1) / across
        return 1 + tileRows * (tile.height + 1)
    }

    /// The symmetric range −m…m with m the largest |w| of `weight`, shared by all its tiles so
    /// they can be compared.
    static func sharedRange(_ weight: Tensor) -> ClosedRange<Float> {
        let magnitude = weight.scalars.filter(\.isFinite).map(abs).max() ?? 0
        return magnitude > 0 ? -magnitude...magnitude : -1...1
    }

    /// One K×C×KH×KW kernel slice as rows of values.
    static func kernelRows(_ weight: Tensor, filter: Int, channel: Int) -> [[Float]] {
        (0..<weight.shape[2]).map { row in (0..<weight.shape[3]).map { column in weight[filter, channel, row, column] } }
    }

    /// The first conv layer's filters (input channel 0), as many as fit, then the colour scale.
    func renderFirstLayerFilters(_ snapshot: TrainingSnapshot, into buffer: inout Buffer, area: Rect) {
        guard !area.isEmpty else { return }
        guard let weight = snapshot.convolutionWeights.first else {
            buffer.write("no conv layer to show", x: area.x, y: area.y, style: Self.dimStyle, clip: area)
            return
        }
        let (filters, channels, kernelHeight, kernelWidth) = (weight.shape[0], weight.shape[1], weight.shape[2], weight.shape[3])
        let module = convolutionModuleIndices.first ?? 0
        let channelNote = channels > 1 ? ", input channel 0" : ""
        buffer.write("layer \(module) filters: \(filters) × \(kernelHeight)×\(kernelWidth)\(channelNote)", x: area.x, y: area.y, style: Self.titleStyle, clip: area)
        let range = Self.sharedRange(weight)
        let tile = tileSize(kernelHeight: kernelHeight, kernelWidth: kernelWidth, scale: firstLayerScale)
        let across = max(1, (area.width + 1) / (tile.width + 1))
        var y = area.y + 1
        var filter = 0
        while filter < filters, y + tile.height < area.maxY {
            for column in 0..<across where filter < filters {
                let tileArea = Rect(x: area.x + column * (tile.width + 1), y: y, width: tile.width, height: tile.height).intersection(area)
                Heatmap(values: Self.kernelRows(weight, filter: filter, channel: 0), colorMap: .diverging, range: range,
                        colorCapability: colorCapability, scale: firstLayerScale, showsLegend: false)
                    .render(into: &buffer, area: tileArea)
                filter += 1
            }
            y += tile.height + 1
        }
        let legendRow = min(y - 1, area.maxY - 1)
        var x = area.x
        if filter < filters {
            x = buffer.write("+\(filters - filter) ", x: x, y: legendRow, style: Self.dimStyle, clip: area)
        }
        Heatmap(values: [], colorMap: .diverging, range: range, colorCapability: colorCapability, legendDecimals: 2)
            .render(into: &buffer, area: Rect(x: x, y: legendRow, width: area.maxX - x, height: 1))
    }

    /// Columns the second conv layer's panel needs: a label column and one tile per filter.
    func secondLayerPanelWidth(_ snapshot: TrainingSnapshot) -> Int {
        guard snapshot.convolutionWeights.count > 1 else { return 0 }
        let weight = snapshot.convolutionWeights[1]
        let tile = tileSize(kernelHeight: weight.shape[2], kernelWidth: weight.shape[3], scale: 1)
        return 4 + min(weight.shape[0], 24) * (tile.width + 1) - 1
    }

    /// The second conv layer's K×C×KH×KW weights: one row of filters per input channel (as
    /// many channels and filters as fit), every tile on the layer's shared scale.
    func renderSecondLayerFilters(_ snapshot: TrainingSnapshot, into buffer: inout Buffer, area: Rect) {
        guard snapshot.convolutionWeights.count > 1, !area.isEmpty else { return }
        let weight = snapshot.convolutionWeights[1]
        let (filters, channels, kernelHeight, kernelWidth) = (weight.shape[0], weight.shape[1], weight.shape[2], weight.shape[3])
        let module = convolutionModuleIndices.dropFirst().first ?? 0
        buffer.write("layer \(module) filters: \(filters) × \(channels) channels × \(kernelHeight)×\(kernelWidth)", x: area.x, y: area.y, style: Self.titleStyle, clip: area)
        buffer.write("one row per input channel, one column per filter", x: area.x, y: area.y + 1, style: Self.dimStyle, clip: area)
        let range = Self.sharedRange(weight)
        let tile = tileSize(kernelHeight: kernelHeight, kernelWidth: kernelWidth, scale: 1)
        let across = min(filters, max(1, (area.width - 4 + 1) / (tile.width + 1)))
        var y = area.y + 2
        var channel = 0
        while channel < channels, y + tile.height < area.maxY {
            buffer.write("in\(channel)", x: area.x, y: y, style: Self.dimStyle, clip: area)
            for filter in 0..<across {
                let tileArea = Rect(x: area.x + 4 + filter * (tile.width + 1), y: y, width: tile.width, height: tile.height).intersection(area)
                Heatmap(values: Self.kernelRows(weight, filter: filter, channel: channel), colorMap: .diverging, range: range,
                        colorCapability: colorCapability, showsLegend: false)
                    .render(into: &buffer, area: tileArea)
            }
            channel += 1
            y += tile.height + 1
        }
        let legendRow = min(y, area.maxY - 1)
        let hidden = channels - channel
        let note = hidden > 0 || across < filters ? "showing \(channel) of \(channels) channels, \(across) of \(filters) filters  " : ""
        let x = buffer.write(note, x: area.x, y: legendRow, style: Self.dimStyle, clip: area)
        Heatmap(values: [], colorMap: .diverging, range: range, colorCapability: colorCapability)
            .render(into: &buffer, area: Rect(x: x, y: legendRow, width: area.maxX - x, height: 1))
    }

    /// The probe's class probabilities: the predicted class in bold, the true one marked ▶.
    func renderProbabilities(into buffer: inout Buffer, area: Rect) {
        guard !area.isEmpty, !probeProbabilities.isEmpty else { return }
        let predicted = probeProbabilities.indices.max { probeProbabilities[$0] < probeProbabilities[$1] } ?? 0
        let label = probeLabel
        let verdict = label.map { $0 == predicted ? "right" : "wrong" } ?? "no label"
        buffer.write("P(class) for the probe: \(predicted), \(verdict)", x: area.x, y: area.y, style: Self.titleStyle, clip: area)
        let bars = probeProbabilities.enumerated().map { index, probability in
            BarChart.Bar(label: (index == label ? "▶" : " ") + String(index), value: Double(probability),
                         style: index == label ? Style(foreground: .green) : Style(foreground: .cyan))
        }
        BarChart(bars: bars, maxValue: 1, decimals: 2, highlightedIndex: predicted)
            .render(into: &buffer, area: area.inset(top: 1))
    }

    /// The wide layout's third column: the probabilities with a line about the probe on top.
    func renderProbeAndProbabilities(into buffer: inout Buffer, area: Rect) {
        guard !area.isEmpty else { return }
        buffer.write("probe: \(probeDescription)", x: area.x, y: area.y, style: Self.dimStyle, clip: area)
        renderProbabilities(into: &buffer, area: area.inset(top: 2))
    }

    /// The last epoch's test-set confusion matrix: rows true class, columns predicted, the
    /// diagonal (correct) in bold green.
    func renderConfusionMatrix(_ snapshot: TrainingSnapshot, into buffer: inout Buffer, area: Rect) {
        guard !area.isEmpty else { return }
        guard let last = snapshot.epochs.last else {
            buffer.write("test confusion matrix: after the first epoch", x: area.x, y: area.y, style: Self.titleStyle, clip: area)
            return
        }
        let matrix = last.confusionMatrix
        buffer.write("test confusion, epoch \(last.epoch): \(matrix.correct)/\(matrix.total) right", x: area.x, y: area.y, style: Self.titleStyle, clip: area)
        buffer.write("rows: true digit, columns: predicted", x: area.x, y: area.y + 1, style: Self.dimStyle, clip: area)
        let diagonal = Dictionary(uniqueKeysWithValues: (0..<matrix.classCount).map { (GridIndex(row: $0, column: $0), Style(foreground: .green, bold: true)) })
        NumberGrid(values: matrix.counts.map { $0.map(Float.init) }, decimals: 0, cellWidth: 4, styleOverrides: diagonal,
                   rowLabels: (0..<matrix.classCount).map(String.init), columnLabels: (0..<matrix.classCount).map(String.init))
            .render(into: &buffer, area: area.inset(top: 2))
    }
}
