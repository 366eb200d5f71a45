import ConvEngine
import TerminalUI

// Drawing the network view:
//
//   teaching-net training: epoch 1/1, batch 40/63 · probe 0 (a 7) · predicts 7 (64%)
//   layer 0 conv 8 3x3 pad 1 → 8×28×28 · ch 2 (5, 9) = 0.4213
//   input     0 conv            1 relu     2 maxpool   3 conv            …   Scores
//   1×28×28   8×28×28           8×28×28    8×14×14     16×14×14              0 ▌       2%
//   ch 0      ch 0  ▀▀▀         ch 0       ch 0        ch 0  ▀▀▀▀▀▀▀▀…       1 ▌       1%
//   ▀▀▀▀▀▀    ▀▀▀▀▀▀            ▀▀▀▀▀▀     ▀▀▀         ▀▀▀                   …
//
// One column per layer (the input first), each channel's map as half blocks, a conv layer's
// filter for that channel beside its map (one small map per input channel), the channels
// paged down the column; the columns scroll sideways to keep the selected layer in view, and
// the class scores stay at the right. The selected cell is one pixel in a bright marker colour.

extension NetworkScreen {
    static let titleStyle = Style(bold: true)
    static let dimStyle = Style(dim: true)
    static let selectedStyle = Style(foreground: .yellow, bold: true, reverse: true)
    static let markerColor = Color.rgb(red: 255, green: 220, blue: 0)
    static let columnGap = 2
    static let scoresWidth = 17
    /// Input channels of a filter drawn beside each map; the rest are counted ("+5").
    static let filterSlicesShown = 4
    /// Flat outputs up to this many features are listed as numbers; longer ones are drawn.
    static let listedFeatureLimit = 32

    public func render(into buffer: inout Buffer, area: Rect) {
        guard !area.isEmpty else { return }
        let header = headerParts()
        buffer.write(WholeParts.fitted(header, width: area.width), x: area.x, y: area.y, style: Self.titleStyle, clip: area)
        guard let inspection else {
            let waiting = ["Waiting for the network:", "the digits are being drawn,", "then it trains while you look."]
            buffer.write(WholeParts.fitted(waiting, width: area.width, separator: " "), x: area.x, y: area.y + 2, style: Self.dimStyle, clip: area)
            return
        }
        guard area.height > 2 else { return }
        buffer.write(WholeParts.fitted(selectionParts(inspection), width: area.width), x: area.x, y: area.y + 1, clip: area)
        let body = Rect(x: area.x, y: area.y + 2, width: area.width, height: area.height - 2)
        var layersArea = body
        if body.width >= Self.scoresWidth * 3 {
            let scores = Rect(x: body.maxX - Self.scoresWidth, y: body.y, width: Self.scoresWidth, height: body.height)
            renderScores(inspection, into: &buffer, area: scores)
            layersArea.width -= Self.scoresWidth + Self.columnGap
        }
        renderColumns(inspection, into: &buffer, area: layersArea)
    }

    /// Where the weights come from, the probe and the prediction.
    func headerParts() -> [String] {
        var parts = [caption.isEmpty ? "preparing the network" : caption]
        if let fileProbe {
            parts.append("probe \(fileProbe.name)")
        } else {
            parts.append("probe \(probeIndex)" + (probeLabel.map { " (a \($0))" } ?? ""))
        }
        if let prediction = inspection?.prediction {
            parts.append("predicts \(prediction.label) (\(ProbabilityText.percent(prediction.probability)))")
        }
        return parts
    }

    /// The selected layer in full, its shape, and the selected cell's value.
    func selectionParts(_ inspection: NetworkInspection) -> [String] {
        guard inspection.outputs.indices.contains(selectedLayer) else { return [] }
        let output = inspection.outputs[selectedLayer]
        var parts = ["layer \(selectedLayer) \(inspection.layerText(selectedLayer)) → \(Self.shapeText(output))"]
        if output.rank == 4 {
            let value = output[0, selectedChannel, selectedRow, selectedColumn]
            parts.append("ch \(selectedChannel) (\(selectedRow), \(selectedColumn)) = \(NumberFormatting.fixed(Double(value), decimals: 4))")
        } else if selectedChannel < output.count {
            parts.append("feature \(selectedChannel) = \(NumberFormatting.fixed(Double(output.scalars[selectedChannel]), decimals: 4))")
        }
        return parts
    }

    // MARK: columns

    /// One column of the view: the input or one layer.
    struct LayerColumn {
        /// nil for the input.
        var layer: Int?
        var title: String
        var output: Tensor
        /// K×C×KH×KW for a conv layer.
        var filters: Tensor?
        var width: Int
    }

    func columns(_ inspection: NetworkInspection) -> [LayerColumn] {
        var result = [column(layer: nil, title: "input", output: inspection.probe, filters: nil)]
        for index in 0..<inspection.layerCount {
            let keyword = inspection.model.spec.layers[index].keyword
            result.append(column(layer: index, title: "\(index) \(keyword)", output: inspection.outputs[index],
                                 filters: inspection.convolution(index)?.weight.value))
        }
        return result
    }

    private func column(layer: Int?, title: String, output: Tensor, filters: Tensor?) -> LayerColumn {
        let shape = Self.shapeText(output)
        var width = max(title.count, shape.count, 6)
        if output.rank == 4 {
            width = max(width, output.shape[3] + (filterStripWidth(filters).map { $0 + 1 } ?? 0))
        } else {
            width = max(width, output.count <= Self.listedFeatureLimit ? 11 : 16)
        }
        return LayerColumn(layer: layer, title: title, output: output, filters: filters, width: width)
    }

    /// Columns taken by a filter's slices beside a map (and the "+N" count), nil without filters.
    private func filterStripWidth(_ filters: Tensor?) -> Int? {
        guard let filters else { return nil }
        let (_, inputChannels, _, kernelWidth) = filters.nchw
        let shown = min(inputChannels, Self.filterSlicesShown)
        let hidden = inputChannels - shown
        return shown * (kernelWidth + 1) - 1 + (hidden > 0 ? " +\(hidden)".count : 0)
    }

    /// The first column drawn: the leftmost that still lets the selected layer's column fit.
    func firstColumn(_ columns: [LayerColumn], width: Int) -> Int {
        let selected = min(selectedLayer + 1, columns.count - 1)
        var first = 0
        func span(_ range: ClosedRange<Int>) -> Int {
            columns[range].map(\.width).reduce(0, +) + Self.columnGap * (range.count - 1)
        }
        while first < selected, span(first...selected) > width { first += 1 }
        return first
    }

    private func renderColumns(_ inspection: NetworkInspection, into buffer: inout Buffer, area: Rect) {
        guard !area.isEmpty else { return }
        let all = columns(inspection)
        var x = area.x
        let first = firstColumn(all, width: area.width)
        for (index, column) in all.enumerated().dropFirst(first) {
            // Only whole columns, except the first, which is clipped rather than left out.
            guard index == first || x + column.width <= area.maxX else { break }
            let rect = Rect(x: x, y: area.y, width: min(column.width, area.maxX - x), height: area.height)
            renderColumn(column, into: &buffer, area: rect)
            x += column.width + Self.columnGap
        }
    }

    private func renderColumn(_ column: LayerColumn, into buffer: inout Buffer, area: Rect) {
        let isSelected = column.layer == selectedLayer
        let titleStyle = isSelected ? Self.selectedStyle : Self.titleStyle
        buffer.write(WholeParts.fitted([column.title], width: area.width), x: area.x, y: area.y, style: titleStyle, clip: area)
        guard area.height > 1 else { return }
        buffer.write(WholeParts.fitted([Self.shapeText(column.output)], width: area.width), x: area.x, y: area.y + 1, style: Self.dimStyle, clip: area)
        let maps = Rect(x: area.x, y: area.y + 2, width: area.width, height: area.height - 2)
        if column.output.rank == 4 {
            renderMaps(column, isSelected: isSelected, into: &buffer, area: maps)
        } else {
            renderFeatures(column, isSelected: isSelected, into: &buffer, area: maps)
        }
    }

    /// Text rows an h-pixel map takes: two pixel rows share a row, with or without colour.
    private func textRows(pixels: Int) -> Int { (pixels + 1) / 2 }

    /// Each channel: a label, its map, and (conv layers) its filter's slices beside it; paged
    /// so the selected channel is on the page shown.
    private func renderMaps(_ column: LayerColumn, isSelected: Bool, into buffer: inout Buffer, area: Rect) {
        let (_, channels, height, width) = column.output.nchw
        let entryHeight = 1 + textRows(pixels: height)
        var perPage = max(1, area.height / entryHeight)
        if channels > perPage { perPage = max(1, (area.height - 1) / entryHeight) }
        let page = isSelected ? selectedChannel / perPage : 0
        let first = page * perPage
        let last = min(first + perPage, channels)
        var y = area.y
        for channel in first..<last {
            guard y < area.maxY else { break }
            let label = "ch \(channel)"
            let labelStyle = isSelected && channel == selectedChannel ? Self.selectedStyle : Self.dimStyle
            buffer.write(label, x: area.x, y: y, style: labelStyle, clip: area)
            let mapArea = Rect(x: area.x, y: y + 1, width: min(width, area.width), height: max(0, min(textRows(pixels: height), area.maxY - y - 1)))
            Self.mapHeatmap(column.output, channel: channel, colorCapability: colorCapability).render(into: &buffer, area: mapArea)
            if isSelected && channel == selectedChannel {
                markPixel(row: selectedRow, column: selectedColumn, in: mapArea, buffer: &buffer)
            }
            if let filters = column.filters {
                let stripArea = Rect(x: area.x + width + 1, y: y + 1, width: max(0, area.maxX - area.x - width - 1), height: mapArea.height)
                renderFilter(filters, channel: channel, into: &buffer, area: stripArea)
            }
            y += entryHeight
        }
        if last < channels || first > 0, area.height > 0 {
            let note = "\(last - first) of \(channels) channels"
            buffer.write(WholeParts.fitted([note], width: area.width), x: area.x, y: area.maxY - 1, style: Self.dimStyle, clip: area)
        }
    }

    /// Filter `channel`'s kernel slices, one small map per input channel, on one colour scale.
    private func renderFilter(_ filters: Tensor, channel: Int, into buffer: inout Buffer, area: Rect) {
        guard !area.isEmpty else { return }
        let (_, inputChannels, kernelHeight, kernelWidth) = filters.nchw
        let slices = Self.filterHeatmaps(filters, channel: channel, colorCapability: colorCapability)
        let shown = min(inputChannels, Self.filterSlicesShown)
        var x = area.x
        for slice in slices.prefix(shown) {
            guard x + kernelWidth <= area.maxX else { return }
            let sliceArea = Rect(x: x, y: area.y, width: kernelWidth, height: min(textRows(pixels: kernelHeight), area.height))
            slice.render(into: &buffer, area: sliceArea)
            x += kernelWidth + 1
        }
        if inputChannels > shown {
            let count = "+\(inputChannels - shown)"
            if x + count.count <= area.maxX { buffer.write(count, x: x, y: area.y, style: Self.dimStyle, clip: area) }
        }
    }

    /// Draws the pixel (`row`, `column`) of a map in `area` in the marker colour, keeping the
    /// other pixel of its half block (or, without colour, reverses its shade).
    private func markPixel(row: Int, column: Int, in area: Rect, buffer: inout Buffer) {
        let x = area.x + column
        let y = area.y + row / 2
        guard area.contains(x: x, y: y) else { return }
        let cell = buffer[x, y]
        if colorCapability == .none {
            buffer.set(x: x, y: y, "X", style: Style(bold: true, reverse: true))
        } else if row % 2 == 0 {
            buffer.set(x: x, y: y, "▀", style: Style(foreground: Self.markerColor, background: cell.style.background))
        } else {
            buffer.set(x: x, y: y, "▄", style: Style(foreground: Self.markerColor, background: cell.style.foreground))
        }
    }

    /// A flat output: short ones as numbers, one feature a line; long ones as a block of pixels
    /// 16 wide, row by row.
    private func renderFeatures(_ column: LayerColumn, isSelected: Bool, into buffer: inout Buffer, area: Rect) {
        let values = column.output.scalars
        guard !area.isEmpty, !values.isEmpty else { return }
        if values.count <= Self.listedFeatureLimit {
            let perPage = max(1, area.height)
            let first = isSelected ? selectedChannel / perPage * perPage : 0
            for (line, index) in (first..<min(first + perPage, values.count)).enumerated() {
                let text = NumberFormatting.aligned("\(index)", width: 2, alignment: .right) + " "
                    + NumberFormatting.aligned(NumberFormatting.fixed(Double(values[index]), decimals: 2), width: 7, alignment: .right)
                let style = isSelected && index == selectedChannel ? Self.selectedStyle : Style.plain
                buffer.write(text, x: area.x, y: area.y + line, style: style, clip: area)
            }
            return
        }
        let rowLength = Self.featureRowLength
        let block = Self.featureHeatmap(column.output, colorCapability: colorCapability)
        let blockArea = Rect(x: area.x, y: area.y, width: min(rowLength, area.width), height: min(textRows(pixels: block.values.count), area.height))
        block.render(into: &buffer, area: blockArea)
        if isSelected {
            markPixel(row: selectedChannel / rowLength, column: selectedChannel % rowLength, in: blockArea, buffer: &buffer)
        }
    }

    // MARK: scores

    /// The class probabilities as bars, the predicted class bold, the true one green.
    private func renderScores(_ inspection: NetworkInspection, into buffer: inout Buffer, area: Rect) {
        buffer.write("Scores", x: area.x, y: area.y, style: Self.titleStyle, clip: area)
        buffer.write("softmax", x: area.x, y: area.y + 1, style: Self.dimStyle, clip: area)
        let probabilities = inspection.probabilities
        let predicted = inspection.prediction?.label
        let barWidth = area.width - 9
        for (line, label) in probabilities.indices.prefix(max(area.height - 2, 0)).enumerated() {
            let probability = probabilities[label]
            let filled = ProbabilityText.filledCells(probability, width: barWidth)
            let bar = String(repeating: "█", count: filled) + String(repeating: " ", count: max(barWidth - filled, 0))
            let percent = NumberFormatting.aligned(ProbabilityText.percent(probability), width: 4, alignment: .right)
            var style = Style.plain
            if label == probeLabel { style = style.withForeground(.green) }
            if label == predicted { style = style.bolded() }
            let text = NumberFormatting.aligned("\(label)", width: 2, alignment: .right) + " " + bar + " " + percent
            buffer.write(text, x: area.x, y: area.y + 2 + line, style: style, clip: area)
        }
    }
}
