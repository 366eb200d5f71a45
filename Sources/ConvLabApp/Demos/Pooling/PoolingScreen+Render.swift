import ConvEngine
import TerminalUI

// Drawing for the pooling demo. Top: where the activation map comes from, the shape change
// (this map's and the notes' 224×224×64 example) and the parameter count. Middle: one panel per
// channel, as many as fit, starting at the focus channel — the map with the current window
// reversed and the chosen element underlined beside the pooled map filling in (numbers), or
// both as heat maps. Bottom: every channel's window values with the choice or the mean.

extension PoolingScreen {
    private static let windowStyle = Style(reverse: true)
    private static let chosenStyle = Style(foreground: .red, bold: true, underline: true)
    private static let labelStyle = Style(dim: true)
    private static let titleStyle = Style(bold: true)
    private static let problemStyle = Style(foreground: .red, bold: true)

    func render(into buffer: inout Buffer, area: Rect) {
        guard !area.isEmpty else { return }
        var y = area.y
        for paragraph in headerParagraphs(width: area.width) {
            for line in Paragraph(spans: paragraph).wrappedLines(width: area.width) where y < area.maxY {
                buffer.write(line, x: area.x, y: y, clip: area)
                y += 1
            }
        }
        let pooled = self.pooled
        let body = Rect(x: area.x, y: y, width: area.width, height: area.maxY - y)
        let gap = showsHeatmap ? 1 : 2
        let tableHeight = pooled == nil ? 0 : 1 + channels
        let scale = showsHeatmap ? heatmapScale(body: body, gap: gap, tableHeight: tableHeight) : 1
        let panel = panelSize(scale: scale)
        let across = max(1, min(channels, (body.width + gap) / (panel.width + gap)))
        let panelRows = max(1, min((channels + across - 1) / across, (body.height - tableHeight + 1) / (panel.height + 1)))
        var shown = 0
        for panelRow in 0..<panelRows {
            for panelColumn in 0..<across where shown < channels {
                let channel = (focusChannel + shown) % channels
                let top = body.y + panelRow * (panel.height + 1)
                let origin = Rect(x: body.x + panelColumn * (panel.width + gap), y: top, width: panel.width, height: min(panel.height, body.maxY - top))
                if showsHeatmap {
                    renderHeatmapPanel(channel: channel, pooled: pooled, scale: scale, into: &buffer, area: origin)
                } else {
                    renderNumberPanel(channel: channel, pooled: pooled, into: &buffer, area: origin)
                }
                shown += 1
            }
        }
        let tableTop = body.y + panelRows * (panel.height + 1)
        renderTable(into: &buffer, area: Rect(x: body.x, y: tableTop, width: body.width, height: body.maxY - tableTop))
    }

    // MARK: text

    /// `digit ⊛ sobel-x, … → ReLU: activation map 12×12×4 (H×W×C)`.
    var sourceText: String {
        "\(image.name) ⊛ \(filters.map(\.name).joined(separator: ", ")) → ReLU: activation map \(mapHeight)×\(mapWidth)×\(channels)"
    }

    /// `max pool 2×2, stride 2: 12×12×4 → 6×6×4; the notes: 224×224×64 → 112×112×64`, every
    /// shape from `LayerSpec.outputShape(for:)` (written H×W×C as the notes write them).
    var shapeText: String {
        let name = kind == .max ? "max pool" : "avg pool"
        var text = "\(name) \(kernelSize)×\(kernelSize), stride \(stride)\(padding > 0 ? ", padding \(padding)" : ""): "
        let inputShape = [channels, mapHeight, mapWidth]
        if let shape = try? layer.outputShape(for: inputShape) {
            text += "\(Self.shapeText(inputShape)) → \(Self.shapeText(shape))"
        } else {
            text += "\(Self.shapeText(inputShape)) → no output"
        }
        let notesLayer = LayerSpec.maxPool(kernelSize: 2, stride: 2)
        let notesInput = [64, 224, 224]
        if let notesOutput = try? notesLayer.outputShape(for: notesInput) {
            text += "; the notes: \(Self.shapeText(notesInput)) → \(Self.shapeText(notesOutput))"
        }
        return text
    }

    /// `0 learnable parameters; a 2×2 conv, 4 → 4 channels, learns (2·2·4+1)·4 = 68`, counts
    /// from `LayerSpec.parameterCount(for:)`.
    func parameterText(width: Int) -> String {
        let inputShape = [channels, mapHeight, mapWidth]
        let poolCount = layer.parameterCount(for: inputShape)
        let conv = LayerSpec.conv(outputChannels: channels, kernelSize: kernelSize, stride: stride, padding: padding)
        let convCount = conv.parameterCount(for: inputShape)
        let f = kernelSize, c = channels
        var text = "\(poolCount) learnable parameters; a \(f)×\(f) conv, \(c) → \(c) channels, learns (\(f)·\(f)·\(c)+1)·\(c) = \(convCount)"
        if width >= 130 {
            let notesCount = LayerSpec.conv(outputChannels: 64, kernelSize: 2, stride: 2).parameterCount(for: [64, 224, 224])
            text += "; at the notes' 64 channels a 2×2 conv learns (2·2·64+1)·64 = \(notesCount), pooling still 0"
        }
        return text
    }

    private func headerParagraphs(width: Int) -> [[Span]] {
        var paragraphs: [[Span]] = [[Span(sourceText)], [Span(shapeText, style: Self.titleStyle)], [Span(parameterText(width: width))]]
        if case let .failure(error) = outputSize {
            paragraphs.append([Span("No windows: \(error). Change the window (k/K), stride (s/S) or padding (p/P).", style: Self.problemStyle)])
        }
        return paragraphs
    }

    /// H×W×C, the notes' order, from a C×H×W shape.
    static func shapeText(_ shape: [Int]) -> String {
        shape.count == 3 ? "\(shape[1])×\(shape[2])×\(shape[0])" : shape.map(String.init).joined(separator: "×")
    }

    private static func number(_ value: Float, decimals: Int = 1) -> String {
        NumberFormatting.fixed(Double(value), decimals: decimals)
    }

    // MARK: panels

    /// Cells of the padded map: (H + 2P) × (W + 2P).
    private var paddedSize: (height: Int, width: Int) { (mapHeight + 2 * padding, mapWidth + 2 * padding) }

    private var pooledSize: (height: Int, width: Int) {
        if case let .success(size) = outputSize { return size }
        return (0, 0)
    }

    /// Width and height of one channel's panel in the current view; heat maps repeat each
    /// value in a scale×scale block of pixels.
    private func panelSize(scale: Int) -> (width: Int, height: Int) {
        let padded = paddedSize, output = pooledSize
        if showsHeatmap {
            let pixelRows = scale * padded.height
            let rows = (pixelRows + 1) / 2
            return (scale * (padded.width + output.width) + 1, 1 + rows)
        }
        return (4 * padded.width - 1 + 2 + max(4 * output.width - 1, 22), 1 + padded.height)
    }

    /// The largest heat-map scale (4, 2 or 1: even, so a value fills whole cells and the window
    /// can be marked) at which every channel's panel and the table fit.
    private func heatmapScale(body: Rect, gap: Int, tableHeight: Int) -> Int {
        for scale in [4, 2] {
            let panel = panelSize(scale: scale)
            let across = min(channels, (body.width + gap) / (panel.width + gap))
            guard across > 0 else { continue }
            let panelRows = (channels + across - 1) / across
            if panelRows * (panel.height + 1) + tableHeight <= body.height { return scale }
        }
        return 1
    }

    /// The map of `channel` with padding, as rows (padding cells hold 0 and are marked).
    private func paddedRows(channel: Int) -> [[Float]] {
        let padded = paddedSize
        return (0..<padded.height).map { row in
            (0..<padded.width).map { column in
                let inputRow = row - padding, inputColumn = column - padding
                guard inputRow >= 0, inputRow < mapHeight, inputColumn >= 0, inputColumn < mapWidth else { return 0 }
                return activation[0, channel, inputRow, inputColumn]
            }
        }
    }

    private var paddingCells: Set<GridIndex> {
        let padded = paddedSize
        var cells = Set<GridIndex>()
        for row in 0..<padded.height {
            for column in 0..<padded.width {
                let inside = row >= padding && row < padding + mapHeight && column >= padding && column < padding + mapWidth
                if !inside { cells.insert(GridIndex(row: row, column: column)) }
            }
        }
        return cells
    }

    /// The current window's cells and its chosen cell, in padded coordinates.
    private func windowCells(_ terms: PoolWindowTerms) -> (all: Set<GridIndex>, chosen: GridIndex?) {
        let all = Set(terms.terms.map { GridIndex(row: $0.inputRow + padding, column: $0.inputColumn + padding) })
        let chosen = terms.chosen.map { GridIndex(row: $0.inputRow + padding, column: $0.inputColumn + padding) }
        return (all, chosen)
    }

    private func renderNumberPanel(channel: Int, pooled: Tensor?, into buffer: inout Buffer, area: Rect) {
        let terms = windowTerms(channel: channel)
        let padded = paddedSize
        let mapWidthCells = 4 * padded.width - 1
        buffer.write("channel \(channel + 1) · \(filters[channel].name)", x: area.x, y: area.y, style: Self.titleStyle, clip: area)
        let (window, chosen) = terms.map(windowCells) ?? ([], nil)
        var overrides: [GridIndex: Style] = [:]
        if let chosen { overrides[chosen] = Self.chosenStyle }
        let grid = NumberGrid(
            values: paddedRows(channel: channel), decimals: 1, cellWidth: 3, columnSpacing: 1,
            highlightedCells: window, highlightStyle: Self.windowStyle,
            paddingCells: paddingCells, paddingSymbol: kind == .max ? "·" : nil, styleOverrides: overrides)
        grid.render(into: &buffer, area: Rect(x: area.x, y: area.y + 1, width: mapWidthCells, height: area.height - 1))

        let right = Rect(x: area.x + mapWidthCells + 2, y: area.y, width: area.maxX - area.x - mapWidthCells - 2, height: area.height)
        guard let pooled, let terms else {
            buffer.write("no output", x: right.x, y: right.y, style: Self.problemStyle, clip: right)
            return
        }
        let output = pooledSize
        buffer.write("\(kind == .max ? "max" : "avg") pooled \(output.height)×\(output.width)", x: right.x, y: right.y, style: Self.titleStyle, clip: right)
        // A maximum is one of the map's values, shown as they are (one decimal); an average of
        // 2×2 of them ends in .25 or .75, so averages get two decimals, as the breakdown's
        // `sum 3.0 / 4 = 0.75` does, and the hand check reads the same number in both places.
        let decimals = kind == .max ? 1 : 2
        let cellWidth = decimals + 2
        for row in 0..<output.height {
            for column in 0..<output.width {
                let index = row * output.width + column
                let isFilled = index <= position
                let text = isFilled
                    ? NumberFormatting.fixed(Double(pooled[0, channel, row, column]), decimals: decimals, width: cellWidth)
                    : String(repeating: " ", count: cellWidth - 1) + "·"
                let style = index == position ? Self.windowStyle : (isFilled ? Style.plain : Self.labelStyle)
                buffer.write(text, x: right.x + (cellWidth + 1) * column, y: right.y + 1 + row, style: style, clip: right)
            }
        }
        let explanation = Rect(x: right.x, y: right.y + 2 + output.height, width: right.width, height: max(right.maxY - right.y - 2 - output.height, 0))
        Paragraph(breakdownText(terms), style: Self.labelStyle).render(into: &buffer, area: explanation)
    }

    /// `max 2.0 at row 3, col 4` or `sum 3.0 / 4 = 0.75`.
    func breakdownText(_ terms: PoolWindowTerms) -> String {
        if let chosen = terms.chosen {
            return "max \(Self.number(terms.result)) at row \(chosen.inputRow), col \(chosen.inputColumn)"
        }
        return "sum \(Self.number(terms.sum ?? 0)) / \(terms.divisor ?? 1) = \(Self.number(terms.result, decimals: 2))"
    }

    private func renderHeatmapPanel(channel: Int, pooled: Tensor?, scale: Int, into buffer: inout Buffer, area: Rect) {
        buffer.write("\(channel + 1) \(filters[channel].name)", x: area.x, y: area.y, style: Self.titleStyle, clip: area)
        // One range for every channel and the pooled maps, so equal shades mean equal values.
        let high = max(activation.scalars.max() ?? 1, 1e-6)
        let range: ClosedRange<Float> = 0...high
        let padded = paddedSize, output = pooledSize
        let mapArea = Rect(x: area.x, y: area.y + 1, width: scale * padded.width, height: area.height - 1)
        Heatmap(values: paddedRows(channel: channel), colorMap: .sequential, range: range,
                colorCapability: colorCapability, scale: scale, showsLegend: false).render(into: &buffer, area: mapArea)
        guard let pooled, let cell = currentCell, let terms = windowTerms(channel: channel) else { return }
        // Rows up to the current window, the current row cut after it: cells not yet pooled
        // are missing pixels, drawn blank.
        let pooledRows: [[Float]] = (0..<output.height).map { row in
            let filled = row < cell.row ? output.width : row == cell.row ? cell.column + 1 : 0
            return (0..<filled).map { column in pooled[0, channel, row, column] }
        }
        let pooledArea = Rect(x: area.x + scale * padded.width + 1, y: area.y + 1, width: scale * output.width, height: area.height - 1)
        Heatmap(values: pooledRows, colorMap: .sequential, range: range,
                colorCapability: colorCapability, scale: scale, showsLegend: false).render(into: &buffer, area: pooledArea)
        for index in windowCells(terms).all { mark(row: index.row, column: index.column, scale: scale, in: mapArea, into: &buffer) }
        mark(row: cell.row, column: cell.column, scale: scale, in: pooledArea, into: &buffer)
    }

    /// Marks one value of a heat map drawn at `scale`: reversed without colour, the upper halves
    /// red with colour. At scale 1 two values share a cell: without colour the shared cell is
    /// reversed (a window starting on an even row covers exactly its cells); with colour nothing
    /// is marked, since red would change the value's colour.
    private func mark(row: Int, column: Int, scale: Int, in area: Rect, into buffer: inout Buffer) {
        guard scale % 2 == 0 || colorCapability == .none else { return }
        let block = Rect(x: area.x + column * scale, y: area.y + row * scale / 2, width: scale, height: max(scale / 2, 1))
        if colorCapability == .none {
            buffer.updateStyle(in: block.intersection(area)) { $0.reverse = true }
        } else {
            buffer.updateStyle(in: block.intersection(area)) { $0.foreground = .red }
        }
    }

    // MARK: table

    /// One line per channel: the window's values row by row, the chosen one in brackets (max),
    /// padding as −∞ (max) or 0 (average), then the result.
    private func renderTable(into buffer: inout Buffer, area: Rect) {
        guard area.height >= 2, let cell = currentCell else { return }
        let how = kind == .max ? "the max in [brackets], padding (·) is −∞" : "sum / \(kernelSize * kernelSize), padding counts as 0"
        buffer.write("window (\(cell.row), \(cell.column)), values row by row; \(how):", x: area.x, y: area.y, style: Self.labelStyle, clip: area)
        for channel in 0..<min(channels, area.height - 1) {
            guard let terms = windowTerms(channel: channel) else { continue }
            let y = area.y + 1 + channel
            let name = filters[channel].name
            var x = buffer.write("\(channel + 1) " + String(name.prefix(10)) + String(repeating: " ", count: max(10 - name.count, 0)), x: area.x, y: y, clip: area)
            for (index, term) in terms.terms.enumerated() {
                let text: String
                var style = Style.plain
                if let value = term.value {
                    text = Self.number(value)
                } else {
                    text = kind == .max ? "−∞" : "0"
                    style = Self.labelStyle
                }
                if index == terms.chosenTerm {
                    x = buffer.write(" [" + text + "]", x: x, y: y, style: Self.chosenStyle, clip: area)
                } else {
                    x = buffer.write("  " + text + " ", x: x, y: y, style: style, clip: area)
                }
            }
            let result = kind == .max
                ? " → \(Self.number(terms.result))"
                : " → \(Self.number(terms.sum ?? 0))/\(terms.divisor ?? 1) = \(Self.number(terms.result, decimals: 2))"
            buffer.write(result, x: x, y: y, style: Self.titleStyle, clip: area)
        }
    }
}
