import ConvEngine
import TerminalUI

// Drawing for the draw demo. Left: the canvas in a box (the cursor is the reversed cell),
// and under it the prediction and the top-3. Right, in the layers view: every layer's maps as
// small thumbnails (all layers fit by shrinking the thumbnails; channels that do not fit are
// counted), then the ten class scores as bars. In the looks-at view: the gradient map and the
// occlusion map of the explained class, side by side.

extension DrawScreen {
    private static let titleStyle = Style(bold: true)
    private static let labelStyle = Style(dim: true)
    private static let scoresWidth = 20

    /// Where the parts of the screen go in `area`.
    struct Layout {
        /// The box around the canvas, and the canvas inside it.
        var canvasBox: Rect
        var canvas: Rect
        /// Under the canvas: prediction and top-3.
        var below: Rect
        /// Right of the canvas: layers and scores, or the looks-at maps.
        var right: Rect
    }

    /// Canvas pixel rows one text row holds: two, with colour (they share `▀`) or without (the
    /// heat map shows their mean).
    var pixelRowsPerCell: Int { 2 }

    func layout(area: Rect) -> Layout {
        let size = canvas.size
        let canvasRows = (size + pixelRowsPerCell - 1) / pixelRowsPerCell
        let box = Rect(x: area.x, y: area.y, width: size + 2, height: canvasRows + 2).intersection(area)
        let inner = Rect(x: box.x + 1, y: box.y + 1, width: max(box.width - 2, 0), height: max(box.height - 2, 0))
        let below = Rect(x: area.x, y: box.maxY, width: box.width, height: max(area.maxY - box.maxY, 0))
        let rightX = min(box.maxX + 2, area.maxX)
        let right = Rect(x: rightX, y: area.y, width: max(area.maxX - rightX, 0), height: area.height)
        return Layout(canvasBox: box, canvas: inner, below: below, right: right)
    }

    /// The canvas pixel under a terminal cell, for the mouse; nil off the canvas.
    func canvasPixel(atColumn column: Int, row: Int, area: Rect) -> (row: Int, column: Int)? {
        let rect = layout(area: area).canvas
        guard rect.contains(x: column, y: row) else { return nil }
        return ((row - rect.y) * pixelRowsPerCell, column - rect.x)
    }

    public func render(into buffer: inout Buffer, area: Rect) {
        guard !area.isEmpty else { return }
        let parts = layout(area: area)
        renderCanvas(into: &buffer, parts: parts)
        renderPrediction(into: &buffer, area: parts.below)
        switch view {
        case .layers:
            let scoresX = max(parts.right.maxX - Self.scoresWidth, parts.right.x)
            renderLayers(into: &buffer, area: layersArea(parts))
            renderScores(into: &buffer, area: Rect(x: scoresX, y: parts.right.y, width: parts.right.maxX - scoresX, height: parts.right.height))
        case .looksAt:
            renderLooksAt(into: &buffer, area: parts.right)
        }
    }

    private func renderCanvas(into buffer: inout Buffer, parts: Layout) {
        Box(title: "\(canvas.size)×\(canvas.size)", borderStyle: Self.labelStyle).render(into: &buffer, area: parts.canvasBox)
        Heatmap(values: canvas.rows, colorMap: .sequential, range: 0...1, colorCapability: colorCapability, showsLegend: false)
            .render(into: &buffer, area: parts.canvas)
        // The cursor: its cell reversed (underlined without colour, where reversing a shade
        // character would hide it).
        let cell = (x: parts.canvas.x + canvas.cursor.column, y: parts.canvas.y + canvas.cursor.row / pixelRowsPerCell)
        guard parts.canvas.contains(x: cell.x, y: cell.y) else { return }
        buffer.updateStyle(in: Rect(x: cell.x, y: cell.y, width: 1, height: 1)) { style in
            if colorCapability == .none {
                style.underline = true
            } else {
                let foreground = style.foreground
                style.foreground = canvas.isErasing ? .blue : .red
                if canvas.cursor.row % 2 == 1 { style.background = style.foreground; style.foreground = foreground }
            }
        }
    }

    private func renderPrediction(into buffer: inout Buffer, area: Rect) {
        guard !area.isEmpty, !probabilities.isEmpty else { return }
        let top = ranking.prefix(3).map { "\($0) \(Self.percent(probabilities[$0]))" }.joined(separator: " · ")
        var lines: [(String, Style)] = [
            ("prediction: \(prediction)", Self.titleStyle),
            ("top-3: \(top)", .plain),
        ]
        if canvas.isBlank { lines.append(("space: pen down, arrows draw", Self.labelStyle)) }
        for (offset, line) in lines.enumerated() where offset < area.height {
            buffer.write(NumberFormatting.truncated(line.0, width: area.width), x: area.x, y: area.y + offset, style: line.1, clip: area)
        }
    }

    static func percent(_ probability: Float) -> String { ProbabilityText.percent(probability) }

    // MARK: layers view

    /// The layers' thumbnails, between the canvas and the scores.
    func layersArea(_ parts: Layout) -> Rect {
        let scoresX = max(parts.right.maxX - Self.scoresWidth, parts.right.x)
        return Rect(x: parts.right.x, y: parts.right.y, width: max(scoresX - 2 - parts.right.x, 0), height: parts.right.height)
    }

    /// How the layers view fits `area`: thumbnails `side` pixels square (chosen so that every
    /// layer fits the height), and per module the channels one row holds (0 for a flat layer
    /// or no room); the channels a row cannot hold go on further pages.
    struct ThumbnailPlan {
        var side: Int
        var perRow: [Int]
        var pageCount: Int
    }

    func thumbnailPlan(area: Rect) -> ThumbnailPlan {
        let spatial = layerOutputs.filter { $0.rank == 4 }.count
        let flat = layerOutputs.count - spatial
        let available = area.height - 1 - flat - spatial
        var side = 1
        for candidate in stride(from: 16, through: 1, by: -1) where spatial * thumbnailRows(side: candidate) <= available {
            side = candidate
            break
        }
        var pageCount = 1
        let perRow = layerOutputs.map { output -> Int in
            guard output.rank == 4 else { return 0 }
            let (_, channels, height, width) = output.nchw
            let fitting = min(max((area.width + 1) / (min(side, height, width) + 1), 0), channels)
            if fitting > 0 { pageCount = max(pageCount, (channels + fitting - 1) / fitting) }
            return fitting
        }
        return ThumbnailPlan(side: side, perRow: perRow, pageCount: pageCount)
    }

    /// Pages the layers view has at 80×24, where it has the most: where `PgDn` wraps.
    var layerPageLimit: Int {
        let body = App.bodyArea(width: App.minimumWidth, height: App.minimumHeight)
        return thumbnailPlan(area: layersArea(layout(area: body))).pageCount
    }

    /// Each layer: one label row, then its channels as thumbnails S pixels square, as many as
    /// fit across; a flat layer is its label only. When a layer's channels do not fit one
    /// row, PgDn pages through them ("page 1/3" in the title), every layer at once; a layer
    /// with fewer pages keeps showing its last.
    private func renderLayers(into buffer: inout Buffer, area: Rect) {
        guard area.width >= 8, area.height >= 2 else { return }
        let plan = thumbnailPlan(area: area)
        // The page index wraps at the smallest size's count; a larger terminal, with fewer
        // pages, cycles through its own.
        let page = layerPage % plan.pageCount
        let title = plan.pageCount > 1 ? "every layer · page \(page + 1)/\(plan.pageCount)" : "every layer"
        buffer.write(NumberFormatting.truncated(title, width: area.width), x: area.x, y: area.y, style: Self.titleStyle, clip: area)
        let spatial = layerOutputs.filter { $0.rank == 4 }.count
        let available = area.height - 1 - (layerOutputs.count - spatial) - spatial
        var y = area.y + 1
        for (index, output) in layerOutputs.enumerated() where y < area.maxY {
            let kind = network.model.spec.layers[index].description.split(separator: " ").first.map(String.init) ?? "layer"
            let shape = Tensor.describe(Array(output.shape.dropFirst()))
            var label = "\(index) \(kind) \(shape)"
            let perRow = plan.perRow[index]
            var shown = 0..<0
            if output.rank == 4, perRow > 0 {
                let channels = output.shape[1]
                let layerPage = min(page, (channels - 1) / perRow)
                shown = (layerPage * perRow)..<min((layerPage + 1) * perRow, channels)
                if shown.count < channels { label += " ch \(shown.lowerBound)–\(shown.upperBound - 1)" }
            }
            buffer.write(NumberFormatting.truncated(label, width: area.width), x: area.x, y: y, style: Self.labelStyle, clip: area)
            y += 1
            guard output.rank == 4 else { continue }
            // Maps smaller than the side keep their own size, and take only their own rows.
            let rows = thumbnailRows(side: min(plan.side, output.shape[2], output.shape[3]))
            guard plan.side >= 2 || spatial * rows <= available else { continue }
            renderThumbnails(of: output, channels: shown, side: plan.side, into: &buffer, area: Rect(x: area.x, y: y, width: area.width, height: min(rows, max(area.maxY - y, 0))))
            y += rows
        }
    }

    private func thumbnailRows(side: Int) -> Int { (side + pixelRowsPerCell - 1) / pixelRowsPerCell }

    /// Channels `channels` of one layer, each shrunk to side×side by averaging blocks, on one
    /// colour scale for the whole layer so channels compare (also across pages).
    private func renderThumbnails(of output: Tensor, channels: Range<Int>, side: Int, into buffer: inout Buffer, area: Rect) {
        let (_, _, height, width) = output.nchw
        let thumbnailSide = min(side, height, width)
        let colorMap = ColorMap.automatic(for: [output.scalars])
        let range = colorMap.automaticRange(for: [output.scalars])
        for (place, channel) in channels.enumerated() {
            let values = Self.shrunk(output, channel: channel, side: thumbnailSide)
            let x = area.x + place * (thumbnailSide + 1)
            Heatmap(values: values, colorMap: colorMap, range: range, colorCapability: colorCapability, showsLegend: false)
                .render(into: &buffer, area: Rect(x: x, y: area.y, width: thumbnailSide, height: area.height).intersection(area))
        }
    }

    /// Channel `channel` of a 1×C×H×W tensor averaged over side×side blocks of near-equal size.
    static func shrunk(_ output: Tensor, channel: Int, side: Int) -> [[Float]] {
        let (_, _, height, width) = output.nchw
        let base = channel * height * width
        return (0..<side).map { row in
            let top = row * height / side, bottom = max((row + 1) * height / side, top + 1)
            return (0..<side).map { column in
                let left = column * width / side, right = max((column + 1) * width / side, left + 1)
                var total: Float = 0
                for y in top..<bottom { for x in left..<right { total += output.scalars[base + y * width + x] } }
                return total / Float((bottom - top) * (right - left))
            }
        }
    }

    private func renderScores(into buffer: inout Buffer, area: Rect) {
        guard area.width >= 8, area.height >= 2 else { return }
        buffer.write("class scores", x: area.x, y: area.y, style: Self.titleStyle, clip: area)
        let barWidth = max(area.width - 7, 1)
        for (index, probability) in probabilities.enumerated() where area.y + 1 + index < area.maxY {
            let filled = ProbabilityText.filledCells(probability, width: barWidth)
            let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: barWidth - filled)
            let style = index == prediction ? Self.titleStyle : Style.plain
            let text = "\(index % 10) \(bar) \(Self.percent(probability))"
            buffer.write(text, x: area.x, y: area.y + 1 + index, style: style, clip: area)
        }
    }

    // MARK: looks-at view

    /// The gradient map (28×28 for the teaching net) and the occlusion map (14×14, drawn
    /// twice as large where there is room), with a line saying which class they explain.
    private func renderLooksAt(into buffer: inout Buffer, area: Rect) {
        guard let saliency, area.width >= 8, area.height >= 3 else { return }
        let score = layerOutputs.last?.scalars[saliency.classIndex] ?? 0
        let rank = explainedRank + 1
        buffer.write(NumberFormatting.truncated("what it looks at: class \(saliency.classIndex) (top-\(rank), score \(NumberFormatting.fixed(Double(score), decimals: 1)))", width: area.width),
                     x: area.x, y: area.y, style: Self.titleStyle, clip: area)
        let gradient = Self.rows(of: saliency.gradient)
        let occlusion = (0..<saliency.occlusion.drops.shape[0]).map { row in
            (0..<saliency.occlusion.drops.shape[1]).map { saliency.occlusion.drops[row, $0] }
        }
        let gradientWidth = gradient.first?.count ?? 0
        let occlusionWidth = occlusion.first?.count ?? 0
        let occlusionScale = gradientWidth + 1 + 2 * occlusionWidth <= area.width ? 2 : 1
        let mapTop = area.y + 2
        let mapHeight = max(area.maxY - mapTop, 0)
        buffer.write("∂score/∂pixel", x: area.x, y: area.y + 1, style: Self.labelStyle, clip: area)
        Heatmap(values: gradient, colorMap: .diverging, colorCapability: colorCapability, legendDecimals: 3)
            .render(into: &buffer, area: Rect(x: area.x, y: mapTop, width: min(gradientWidth, area.width), height: mapHeight))
        let occlusionX = area.x + gradientWidth + 1
        let occlusionArea = Rect(x: occlusionX, y: mapTop, width: max(area.maxX - occlusionX, 0), height: mapHeight)
        let occlusionLabel = saliency.isOcclusionCurrent ? "drop, \(DrawScreen.occlusionPatchSize)×\(DrawScreen.occlusionPatchSize) grey" : "drop (updating)"
        buffer.write(occlusionLabel, x: occlusionX, y: area.y + 1, style: Self.labelStyle, clip: area)
        Heatmap(values: occlusion, colorMap: .diverging, colorCapability: colorCapability, scale: occlusionScale, legendDecimals: 1)
            .render(into: &buffer, area: occlusionArea)
    }

    /// A 1×1×H×W tensor as H rows.
    static func rows(of map: Tensor) -> [[Float]] {
        let (_, _, height, width) = map.nchw
        return (0..<height).map { Array(map.scalars[($0 * width)..<(($0 + 1) * width)]) }
    }

    // MARK: saving

    /// What `w` writes: the drawing, and in the layers view every layer's maps (at full size,
    /// on the layer's one scale as the thumbnails are), in the looks-at view the two maps.
    var savedView: SavedView {
        var pictures = [SavedView.Picture(suffix: "canvas", image: HeatPicture.grey(canvas.rows))]
        if view == .layers {
            for (index, output) in layerOutputs.enumerated() where output.rank == 4 {
                let maps = TrainingDashboardScreen.layerMaps(output)
                pictures.append(SavedView.Picture(suffix: "layer\(index)-\(network.model.spec.layers[index].keyword)-maps",
                                                  image: HeatPicture.grid(maps, columns: HeatPicture.squareColumns(maps.count)),
                                                  note: TrainingDashboardScreen.layerMapsNote))
            }
        }
        if let saliency {
            pictures.append(SavedView.Picture(suffix: "gradient-\(saliency.classIndex)", image: HeatPicture.colored(Self.rows(of: saliency.gradient), colorMap: .diverging)))
            let drops = saliency.occlusion.drops
            let occlusion = (0..<drops.shape[0]).map { row in (0..<drops.shape[1]).map { drops[row, $0] } }
            pictures.append(SavedView.Picture(suffix: "occlusion-\(saliency.classIndex)", image: HeatPicture.colored(occlusion, colorMap: .diverging)))
        }
        return SavedView(name: Self.demoName, folder: saveFolder, pictures: pictures)
    }
}

/// Ctrl-P saves what `w` saves: the drawing and, in the looks-at view, its two maps.
extension DrawScreen: PictureSaving {
    public var savedPictures: [SavedView.Picture] { savedView.pictures }
}
