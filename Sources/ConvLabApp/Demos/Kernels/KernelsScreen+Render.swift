import ConvEngine
import TerminalUI

// Drawing for the kernel gallery. Top: the kernel, image and output size, then what the kernel
// detects. Middle: input heat map | the kernel's weights | output heat map (a diverging map
// when the output has negative values, so blue is negative, white zero, red positive), at the
// largest scale that fits. Bottom: where the image came from and how its channels are read.
// When there is room below (tall terminals) the output's values follow as numbers.

extension KernelsScreen {
    private static let titleStyle = Style(bold: true)
    private static let labelStyle = Style(dim: true)
    private static let gap = 3

    func render(into buffer: inout Buffer, area: Rect) {
        guard area.width >= 30, area.height >= 8 else { return }
        var y = area.y
        buffer.write(headerText, x: area.x, y: y, style: Self.titleStyle, clip: area)
        y += 1
        for line in Paragraph(spans: [Span("detects: ", style: Self.labelStyle), Span(kernel.summary)]).wrappedLines(width: area.width).prefix(2) {
            buffer.write(line, x: area.x, y: y, clip: area)
            y += 1
        }
        y += 1
        let footer = [picture.note, channelText].filter { !$0.isEmpty }
        let body = Rect(x: area.x, y: y, width: area.width, height: max(area.maxY - footer.count - y, 0))
        let (used, outputRight) = renderPanels(into: &buffer, body: body)
        for (index, line) in footer.enumerated() {
            buffer.write(line, x: area.x, y: area.maxY - footer.count + index, style: Self.labelStyle, clip: area)
        }
        let below = Rect(x: body.x, y: body.y + used + 1, width: body.width, height: max(body.maxY - body.y - used - 1, 0))
        let beside = Rect(x: outputRight + 2, y: body.y, width: max(body.maxX - outputRight - 2, 0), height: body.height)
        if !renderOutputNumbers(into: &buffer, area: below) {
            _ = renderOutputNumbers(into: &buffer, area: beside)
        }
    }

    /// `sobel-x 3×3 (6/11) on digit 12×12 · valid, no padding: 12×12 → 10×10`.
    var headerText: String {
        "\(kernel.name) \(kernel.kernelHeight)×\(kernel.kernelWidth) (\(kernelIndex + 1)/\(KernelGallery.kernels.count)) on \(picture.name)"
            + (isColour && channelChoice != .all ? " (\(channelChoice.displayName))" : "") + " · \(geometryText)"
    }

    /// Decimals that show every weight exactly enough: none for whole numbers, else 3.
    private var kernelDecimals: Int { kernel.values.scalars.allSatisfy { $0 == $0.rounded() } ? 0 : 3 }

    private var kernelGrid: NumberGrid {
        NumberGrid(values: kernel.rows, decimals: kernelDecimals, columnSpacing: 1)
    }

    var outputRows: [[Float]] {
        let output = self.output
        let (height, width) = (output.shape[2], output.shape[3])
        return (0..<height).map { row in (0..<width).map { output[0, 0, row, $0] } }
    }

    var inputRows: [[Float]] {
        let plane = inputPlane
        let (height, width) = (plane.shape[2], plane.shape[3])
        return (0..<height).map { row in (0..<width).map { plane[0, 0, row, $0] } }
    }

    /// Rows of text a heat map of `pixelRows` pixel rows takes at `scale` (two pixel rows to a
    /// text row, with or without colour).
    private func imageRows(_ pixelRows: Int, scale: Int) -> Int {
        (pixelRows * scale + 1) / 2
    }

    /// The largest scale (up to 6) at which both heat maps, their legends and the kernel fit.
    func heatmapScale(body: Rect) -> Int {
        let kernelWidth = max(kernelGrid.preferredSize.width, 12)
        for scale in stride(from: 6, through: 2, by: -1) {
            let width = scale * (picture.width + picture.width) + kernelWidth + 2 * Self.gap
            let height = 1 + imageRows(picture.height, scale: scale) + 1
            if width <= body.width, height <= body.height { return scale }
        }
        return 1
    }

    /// Draws the three panels; returns the rows they took and the column after the output map.
    private func renderPanels(into buffer: inout Buffer, body: Rect) -> (rows: Int, outputRight: Int) {
        let scale = heatmapScale(body: body)
        let inputMap = Heatmap(values: inputRows, colorMap: .sequential, colorCapability: colorCapability, scale: scale, legendDecimals: 1)
        let outputValues = outputRows
        let outputMap = Heatmap(values: outputValues, colorCapability: colorCapability, scale: scale, legendDecimals: 1)
        let grid = kernelGrid
        let kernelWidth = max(grid.preferredSize.width, 12)
        let inputArea = Rect(x: body.x, y: body.y, width: max(inputMap.preferredSize.width, 12), height: body.height)
        let kernelArea = Rect(x: inputArea.maxX + Self.gap, y: body.y, width: kernelWidth, height: body.height)
        let outputArea = Rect(x: kernelArea.maxX + Self.gap, y: body.y, width: max(body.maxX - kernelArea.maxX - Self.gap, 0), height: body.height)

        buffer.write("input", x: inputArea.x, y: body.y, style: Self.titleStyle, clip: inputArea)
        let inputImageArea = Rect(x: inputArea.x, y: body.y + 1, width: inputArea.width, height: body.height - 1)
        if isColour, channelChoice == .all, colorCapability != .none {
            renderTrueColour(scale: scale, into: &buffer, area: inputImageArea)
        } else {
            inputMap.render(into: &buffer, area: inputImageArea)
        }

        buffer.write("kernel", x: kernelArea.x, y: body.y, style: Self.titleStyle, clip: kernelArea)
        grid.render(into: &buffer, area: Rect(x: kernelArea.x, y: body.y + 1, width: kernelArea.width, height: kernel.kernelHeight))
        var noteY = body.y + 2 + kernel.kernelHeight
        for line in ["sum \(NumberFormatting.fixed(Double(kernel.sum), decimals: kernelDecimals == 0 ? 0 : 2))",
                     kernel.sum == 0 ? "flat → 0" : "keeps level"] {
            buffer.write(line, x: kernelArea.x, y: noteY, style: Self.labelStyle, clip: kernelArea)
            noteY += 1
        }

        let signed = outputValues.joined().contains { $0 < 0 }
        let outputTitle = signed ? "output (− blue, + red)" : "output"
        buffer.write(colorCapability == .none ? "output" : outputTitle, x: outputArea.x, y: body.y, style: Self.titleStyle, clip: outputArea)
        outputMap.render(into: &buffer, area: Rect(x: outputArea.x, y: body.y + 1, width: outputArea.width, height: body.height - 1))
        let rows = max(1 + inputMap.preferredSize.height, noteY - body.y, 1 + outputMap.preferredSize.height)
        return (rows, outputArea.x + max(outputMap.preferredSize.width, outputLegendWidth(outputMap)))
    }

    /// The colour picture as it looks (half blocks, upper pixel in the foreground, lower in the
    /// background), with a legend line saying the kernel reads the channel mean.
    private func renderTrueColour(scale: Int, into buffer: inout Buffer, area: Rect) {
        let pixels = picture.pixels
        func color(_ row: Int, _ column: Int) -> Color {
            func level(_ channel: Int) -> UInt8 { UInt8(max(0, min(1, pixels[channel, row, column])) * 255) }
            return .rgb(red: level(0), green: level(1), blue: level(2))
        }
        let pixelRows = picture.height * scale
        for textRow in 0..<((pixelRows + 1) / 2) where textRow < area.height {
            for x in 0..<(picture.width * scale) where x < area.width {
                let upper = 2 * textRow, lower = 2 * textRow + 1
                let background = lower < pixelRows ? color(lower / scale, x / scale) : .default
                buffer.set(x: area.x + x, y: area.y + textRow, "▀", style: Style(foreground: color(upper / scale, x / scale), background: background))
            }
        }
        buffer.write("RGB; kernel sees mean", x: area.x, y: area.y + (pixelRows + 1) / 2, style: Self.labelStyle, clip: area)
    }

    /// The width of a heat map's legend line ("-4.0 ▀▀▀▀▀▀▀▀▀▀ 4.0"), which can be wider than a
    /// small map.
    private func outputLegendWidth(_ map: Heatmap) -> Int {
        let range = map.resolvedRange
        return NumberFormatting.fixed(Double(range.lowerBound), decimals: 1).count + NumberFormatting.fixed(Double(range.upperBound), decimals: 1).count + 12
    }

    /// The output's values in `area` when the whole grid fits there; false when it does not.
    private func renderOutputNumbers(into buffer: inout Buffer, area: Rect) -> Bool {
        let grid = NumberGrid(values: outputRows, decimals: 2, columnSpacing: 1)
        let size = grid.preferredSize
        guard area.height >= size.height + 1, area.width >= size.width else { return false }
        buffer.write("output values", x: area.x, y: area.y, style: Self.titleStyle, clip: area)
        grid.render(into: &buffer, area: Rect(x: area.x, y: area.y + 1, width: size.width, height: size.height))
        return true
    }
}
