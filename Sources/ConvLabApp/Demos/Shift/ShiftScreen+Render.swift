import ConvEngine
import TerminalUI

// Drawing for the shift demo. A row of maps — the shifted image, conv(shift x), shift(conv x),
// their difference, and the max-pooled ReLU(conv) before and after one more pixel of shift —
// as large as the area allows, then one line each for (a) equivariance and (b) pooling, and
// the CNN-vs-MLP accuracy table for (c) (or its training progress).

extension ShiftScreen {
    private static let labelStyle = Style(dim: true)
    private static let titleStyle = Style(bold: true)
    private static let goodStyle = Style(foreground: .green, bold: true)
    private static let gap = 2

    func render(into buffer: inout Buffer, area: Rect) {
        guard !area.isEmpty else { return }
        var y = area.y
        buffer.write(headerText, x: area.x, y: y, style: Self.titleStyle, clip: area)
        y += 1
        var textLines = analysisLines.flatMap { text, style in
            text.isEmpty ? [[Span("")]] : Paragraph(text, style: style).wrappedLines(width: area.width)
        }
        let maps = mapValues
        var scale = mapScale(width: area.width, height: area.maxY - y - 1 - textLines.count - 1)
        var mapRows = mapHeight(maps, scale: scale)
        // Short of rows (a 12-row ASCII map at 80×24), the blank separator lines go first.
        var separator = 1
        if 1 + mapRows + separator + textLines.count > area.maxY - y {
            textLines.removeAll { $0.allSatisfy { $0.text.isEmpty } }
            separator = 0
            scale = mapScale(width: area.width, height: area.maxY - y - 1 - textLines.count)
            mapRows = mapHeight(maps, scale: scale)
        }
        var x = area.x
        for (index, entry) in maps.enumerated() {
            let width = (entry.values.first?.count ?? 0) * scale
            // A label may run into the gap after its map; the last one, with no map after it,
            // up to the edge (the pooled maps are narrower than "pool+1px" at 80 columns).
            let labelRoom = index == maps.count - 1 ? area.maxX - x : max(width, 1) + Self.gap - 1
            buffer.write(NumberFormatting.truncated(entry.label, width: labelRoom), x: x, y: y, style: Self.labelStyle, clip: area)
            let mapArea = Rect(x: x, y: y + 1, width: width, height: mapRows).intersection(area)
            Heatmap(values: entry.values, colorMap: entry.colorMap, range: entry.range, colorCapability: colorCapability,
                    scale: scale, showsLegend: false).render(into: &buffer, area: mapArea)
            x += width + Self.gap
        }
        y += 1 + mapRows + separator
        for line in textLines where y < area.maxY {
            buffer.write(line, x: area.x, y: y, clip: area)
            y += 1
        }
    }

    /// Text rows the tallest map takes at `scale`.
    private func mapHeight(_ maps: [MapEntry], scale: Int) -> Int {
        maps.map { entry in
            let pixels = entry.values.count * scale
            return colorCapability == .none ? pixels : (pixels + 1) / 2
        }.max() ?? 0
    }

    /// `digit 12×12 shifted dx 1, dy 0, zero fill ⊛ sobel-x 3×3, padding 1`.
    var headerText: String {
        "\(image.name) \(image.height)×\(image.width) shifted dx \(shiftRight), dy \(shiftDown), \(fill.rawValue) fill ⊛ \(kernel.name) \(kernel.kernelHeight)×\(kernel.kernelWidth), padding \(convConfig.paddingHeight)"
    }

    struct MapEntry {
        var label: String
        /// What a saved picture of the map is named: `conv-of-shifted`.
        var pictureName: String
        var values: [[Float]]
        var colorMap: ColorMap
        var range: ClosedRange<Float>
    }

    private static func rows(_ tensor: Tensor) -> [[Float]] {
        let height = tensor.shape[2], width = tensor.shape[3]
        return (0..<height).map { row in (0..<width).map { tensor[0, 0, row, $0] } }
    }

    var mapValues: [MapEntry] {
        let first = convOfShifted, second = shiftOfConv
        let convLimit = max((first.scalars + second.scalars).map(abs).max() ?? 1, 1e-6)
        let difference = first.zipWith(second) { abs($0 - $1) }
        let before = pooledMaps(extraShift: 0).pooled, after = pooledMaps(extraShift: 1).pooled
        let poolLimit = max((before.scalars + after.scalars).max() ?? 1, 1e-6)
        return [
            MapEntry(label: "shift x", pictureName: "shifted", values: Self.rows(shiftedInput), colorMap: .sequential, range: 0...max(image.pixels.scalars.max() ?? 1, 1e-6)),
            MapEntry(label: "conv∘shift", pictureName: "conv-of-shifted", values: Self.rows(first), colorMap: .diverging, range: -convLimit...convLimit),
            MapEntry(label: "shift∘conv", pictureName: "shift-of-conv", values: Self.rows(second), colorMap: .diverging, range: -convLimit...convLimit),
            MapEntry(label: "|diff|", pictureName: "difference", values: Self.rows(difference), colorMap: .sequential, range: 0...max(difference.scalars.max() ?? 0, 1e-6)),
            MapEntry(label: "pool", pictureName: "pooled", values: Self.rows(before), colorMap: .sequential, range: 0...poolLimit),
            MapEntry(label: "pool+1px", pictureName: "pooled-shifted-1px", values: Self.rows(after), colorMap: .sequential, range: 0...poolLimit),
        ]
    }

    /// The largest pixel scale (up to 4) at which the six maps fit across and down.
    private func mapScale(width: Int, height: Int) -> Int {
        let pooledWidth = (try? LayerSpec.maxPool(poolConfig).outputShape(for: [1, image.height, image.width]))?[2] ?? image.width
        for scale in stride(from: 4, to: 1, by: -1) {
            let across = scale * (4 * image.width + 2 * pooledWidth) + 5 * Self.gap
            let pixels = scale * image.height
            let down = colorCapability == .none ? pixels : (pixels + 1) / 2
            if across <= width && down <= height { return scale }
        }
        return 1
    }

    static func percent(_ value: Double) -> String { NumberFormatting.fixed(100 * value, decimals: 0) + "%" }

    /// The stop in the learner's words: this demo has no learning-rate option to suggest.
    static func describe(_ failure: TrainingError) -> String {
        guard case let .nonFiniteLoss(epoch, batch, loss, learningRate) = failure else { return "\(failure)" }
        return "the loss became \(loss.isNaN ? "NaN" : "infinite") at epoch \(epoch), batch \(batch) (learning rate \(learningRate)): the weights diverged"
    }

    /// (a), (b) and (c), each as lines with a style.
    var analysisLines: [(String, Style)] {
        var lines: [(String, Style)] = []
        let gap = equivarianceGap
        let total = image.height * image.width
        lines.append(("(a) conv(shift x) = shift(conv x) on the \(gap.insideCells) of \(total) cells away from the borders: max |diff| \(NumberFormatting.fixed(Double(gap.inside), decimals: 3)); over all cells \(NumberFormatting.fixed(Double(gap.everywhere), decimals: 3))",
                      gap.inside == 0 ? Self.goodStyle : .plain))
        let changed = changedByOnePixel
        let pool = poolConfig
        lines.append(("(b) one more pixel right: ReLU(conv) changes \(changed.activation) of \(changed.activationCells) cells, its \(pool.kernelHeight)×\(pool.kernelWidth) stride \(pool.strideHeight) max pool \(changed.pooled) of \(changed.pooledCells)", .plain))
        lines.append(("", .plain))
        let header = "(c) test accuracy on digits shifted right, nets trained on centred digits"
        if let failure = experiment.failure {
            lines.append((header + ":", Self.titleStyle))
            lines.append(("    training stopped: \(Self.describe(failure))", Style(foreground: .red, bold: true)))
            return lines
        }
        guard experiment.isFinished else {
            lines.append((header + ":", Self.titleStyle))
            lines.append(("    training a CNN and an MLP on \(ShiftRobustnessExperiment.trainingCount) digits… step \(experimentSteps) of \(experiment.stepCount)", Self.labelStyle))
            return lines
        }
        lines.append((header + ":", Self.titleStyle))
        let shifts = 0...ShiftRobustnessExperiment.maximumShift
        func row(_ name: String, _ values: [String]) -> String {
            name.padding(toLength: 10, withPad: " ", startingAt: 0) + values.map { NumberFormatting.aligned($0, width: 6, alignment: .right) }.joined()
        }
        // The last column: classification consistency (Zhang 2019), the share of digits given
        // the same class at two random shifts of ±2 px each way.
        let consistency = { (value: Double?) in NumberFormatting.aligned(value.map(Self.percent) ?? "–", width: 13, alignment: .right) }
        lines.append((row("shift px", shifts.map { "\($0)" }) + "  same at ±\(2 * ShiftRobustnessExperiment.consistencyShift)px", Self.labelStyle))
        lines.append((row("CNN", experiment.cnnAccuracy.map(Self.percent)) + consistency(experiment.cnnConsistency), .plain))
        lines.append((row("MLP", experiment.mlpAccuracy.map(Self.percent)) + consistency(experiment.mlpConsistency), .plain))
        return lines
    }
}
