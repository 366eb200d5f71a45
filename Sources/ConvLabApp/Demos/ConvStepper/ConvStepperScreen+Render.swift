import ConvEngine
import TerminalUI

// Drawing the stepper. The screen is a top line naming the setup, then panels placed left to
// right and wrapped (`StepperPanel.flow`). The panels are built at the roomiest density first
// and then ever more compact ones (narrower fields, one decimal, no labels, heat maps) until
// they fit: at 200×60 every grid shows roomy numbers side by side; at 80×22 the same screen
// drops labels or, for wide grids, draws heat maps, rather than cutting numbers off.

extension ConvStepperScreen {
    func render(into buffer: inout Buffer, area: Rect) {
        guard !area.isEmpty else { return }
        if let unit = state.unit { return renderUnit(unit, into: &buffer, area: area) }
        buffer.write(setupLine(width: area.width), x: area.x, y: area.y, style: Style(dim: true), clip: area)
        let body = Rect(x: area.x, y: area.y + 1, width: area.width, height: area.height - 1)
        let ladder = StepperDensity.ladder(heatmap: showsHeatmap, colorCapability: colorCapability)
        var chosen = (panels: [StepperPanel](), rects: [Rect]())
        for density in ladder {
            let groups = self.panelGroups(density: density, width: body.width)
            let panels = groups.flatMap { $0 }
            let (rects, fits) = StepperPanel.flow(groups, in: body, columnGap: density.columnGap, rowGap: density.rowGap)
            chosen = (panels, rects)
            if fits { break }
        }
        for (panel, rect) in zip(chosen.panels, chosen.rects) where !rect.isEmpty {
            panel.render(into: &buffer, area: rect)
        }
    }

    /// "edge 8×8 · kernel sobel-x 3×3 · padding 0 · stride 1 · bias 0.00 · cross-correlation",
    /// with the output-size formula appended when there is room. Fitted by the status line's
    /// rule (`StatusLine`), so at 80 columns the bias, which the result panel shows, goes
    /// whole and the operation's name stays: the status line leaves it to this line.
    func setupLine(width: Int) -> String {
        let image = state.activeImage
        let kernelSize = "\(state.kernelHeight)×\(state.kernelWidth)"
        var parts: [StatusLine.Part] = []
        if state.multiChannel {
            parts.append(StatusLine.Part("\(image.name) \(image.height)×\(image.width)×\(image.channels)", .essential))
            parts.append(StatusLine.Part("\(state.filterCount) filters \(kernelSize)×\(image.channels)", .essential))
        } else {
            parts.append(StatusLine.Part("\(image.name) \(image.height)×\(image.width)", .essential))
            parts.append(StatusLine.Part("kernel \(state.kernelName) \(kernelSize)", .essential))
        }
        parts += [StatusLine.Part("padding \(state.padding)", .essential), StatusLine.Part("stride \(state.stride)", .essential),
                  StatusLine.Part("bias \(fixed(state.bias))", .useful),
                  StatusLine.Part(state.flipped ? "true convolution" : "cross-correlation", .essential)]
        let geometry = state.config.geometry(
            inputHeight: image.height, inputWidth: image.width, kernelHeight: state.kernelHeight, kernelWidth: state.kernelWidth)
        if let size = state.outputSize {
            parts.append(StatusLine.Part("output \(geometry.height.formula) = \(size.height)", .detail))
        }
        return StatusLine(parts).fitted(width: width)
    }

    // MARK: panels

    /// The panels in groups that stay side by side when the width allows.
    func panelGroups(density: StepperDensity, width: Int) -> [[StepperPanel]] {
        let terms = state.currentTerms
        let inputs = inputPanels(density: density)
        // Without an output (a geometry that does not tile) every filter's map would say the
        // same thing; one panel says it once.
        let mapCount = state.output == nil ? min(state.filterCount, 1) : state.filterCount
        let maps = (0..<mapCount).map { outputPanel(filter: $0, density: density, width: width) }
        var kernels = [kernelPanel(density: density)]
        if state.flipped, terms != nil || state.output == nil {
            kernels.append(smallGridPanel(title: "Rotated 180°", values: usedKernelRows(filter: state.currentFilter), density: density))
        }
        let pictures = pictureGroup(density: density, width: width)
        guard let terms else { return [inputs, maps, kernels] + pictures }
        let products = channelNames.indices.map { channel in
            productsPanel(channel: channel, name: channelNames[channel], terms: terms, density: density)
        }
        let result = resultPanel(terms: terms)
        if state.multiChannel {
            // Inputs and the arithmetic first, so at 80 columns the three channels share a row
            // with the result, the products share the next, and the maps the last.
            return [inputs + [result], products + kernels, maps] + pictures
        }
        var groups = [inputs + maps, kernels + products + [result]]
        if density.showsWorking { groups.append([workingPanel(terms: terms)]) }
        return groups + pictures
    }

    /// "R", "G", "B" in multi-channel mode; one unnamed channel otherwise.
    private var channelNames: [String] { state.multiChannel ? ["R", "G", "B"] : [""] }

    /// One input panel per channel, the current window marked.
    private func inputPanels(density: StepperDensity) -> [StepperPanel] {
        channelNames.indices.map { channel in
            inputPanel(channel: channel, name: channelNames[channel], terms: state.currentTerms, density: density)
        }
    }

    /// With `density.pictureScale`: one more group, the input channels and output maps as heat
    /// maps with the same window marked, under the numbers.
    private func pictureGroup(density: StepperDensity, width: Int) -> [[StepperPanel]] {
        guard let scale = density.pictureScale else { return [] }
        var pictureDensity = density
        pictureDensity.bigGrid = .heatmap(scale: scale)
        pictureDensity.legends = true
        var panels = inputPanels(density: pictureDensity)
        if state.output != nil {
            panels += (0..<state.filterCount).map { outputPanel(filter: $0, density: pictureDensity, width: width) }
        }
        return [panels.map { panel in
            var picture = panel
            picture.title += " as a heat map"
            return picture
        }]
    }

    private func inputPanel(channel: Int, name: String, terms: ConvWindowTerms?, density: StepperDensity) -> StepperPanel {
        let image = state.activeImage
        let padding = state.padding
        let rows = image.rows(channel: channel)
        let paddedWidth = image.width + 2 * padding
        let zeroRow = [Float](repeating: 0, count: paddedWidth)
        let zeros = [Float](repeating: 0, count: padding)
        let values = Array(repeating: zeroRow, count: padding) + rows.map { zeros + $0 + zeros } + Array(repeating: zeroRow, count: padding)
        var paddingCells = Set<GridIndex>()
        for row in 0..<values.count {
            for column in 0..<paddedWidth
            where row < padding || row >= padding + image.height || column < padding || column >= padding + image.width {
                paddingCells.insert(GridIndex(row: row, column: column))
            }
        }
        let window = Set((terms?.terms(channel: channel) ?? []).map {
            GridIndex(row: $0.inputRow + padding, column: $0.inputColumn + padding)
        })
        let title = state.multiChannel ? "Input \(name)" : "Input \(image.height)×\(image.width)" + (padding > 0 ? " + padding" : "")
        let labels = (0..<paddedWidth).map { String($0 - padding) }
        let rowLabels = (0..<values.count).map { String($0 - padding) }
        switch density.bigGrid {
        case .numbers(let decimals, let extraWidth):
            var grid = NumberGrid(
                values: values, decimals: decimals, highlightedCells: window,
                paddingCells: paddingCells, paddingStyle: Style(foreground: .blue, dim: true), paddingSymbol: "0",
                rowLabels: density.labels ? rowLabels : nil, columnLabels: density.labels ? labels : nil)
            grid.cellWidth = grid.resolvedCellWidth + extraWidth
            return StepperPanel(title: title, body: .numbers(grid))
        case .heatmap(let scale):
            let range = ColorMap.sequential.automaticRange(for: rows)
            var heatmap = MarkedHeatmap(values: values, range: range, colorCapability: colorCapability, scale: scale, showsLegend: density.legends)
            heatmap.highlighted = window
            heatmap.padding = paddingCells
            return StepperPanel(title: title, body: .heatmap(heatmap))
        }
    }

    private func outputPanel(filter: Int, density: StepperDensity, width: Int) -> StepperPanel {
        guard let output = state.output, let size = state.outputSize else {
            let text = "\(state.geometryError.map(String.init(describing:)) ?? "")\nChange padding (p/P) or stride (s/S)."
            let lines = Paragraph(text).wrappedLines(width: min(width, 60))
            return StepperPanel(title: "No output", titleStyle: Style(foreground: .red, bold: true), body: .lines(lines))
        }
        let values = (0..<size.height).map { row in (0..<size.width).map { column in output[0, filter, row, column] } }
        // Cells the walk has not reached yet stay hidden, so the map fills in as the window moves.
        let windowCount = state.windows.count
        var hidden = Set<GridIndex>()
        var current = Set<GridIndex>()
        for (step, window) in state.windows.enumerated() {
            let walkIndex = filter * windowCount + step
            let index = GridIndex(row: window.outputRow, column: window.outputColumn)
            if walkIndex > state.position { hidden.insert(index) }
            if walkIndex == state.position { current.insert(index) }
        }
        let title = state.multiChannel ? "Map \(state.filterName(filter))" : "Output \(size.height)×\(size.width)"
        switch density.bigGrid {
        case .numbers(let decimals, let extraWidth):
            var grid = NumberGrid(
                values: values, decimals: decimals, highlightedCells: current,
                paddingCells: hidden, paddingSymbol: "·",
                rowLabels: density.labels ? (0..<size.height).map(String.init) : nil,
                columnLabels: density.labels ? (0..<size.width).map(String.init) : nil)
            grid.cellWidth = grid.resolvedCellWidth + extraWidth
            return StepperPanel(title: title, body: .numbers(grid))
        case .heatmap(let scale):
            let colorMap = ColorMap.automatic(for: values)
            var heatmap = MarkedHeatmap(
                values: values, range: colorMap.automaticRange(for: values), colorCapability: colorCapability,
                scale: scale, showsLegend: density.legends)
            heatmap.highlighted = current
            heatmap.hidden = hidden
            return StepperPanel(title: title, body: .heatmap(heatmap))
        }
    }

    private func kernelPanel(density: StepperDensity) -> StepperPanel {
        let filter = state.currentFilter
        var title = state.multiChannel ? "Filter \(state.filterName(filter))" : "Kernel \(state.kernelName)"
        var overrides: [GridIndex: Style] = [:]
        if isEditing {
            title = "Edit: \(editEntry)_"
            overrides[editCursor] = Style(foreground: .yellow, reverse: true, underline: true)
        }
        var panel = smallGridPanel(title: title, values: state.kernelRows(filter: filter), density: density)
        if case .numbers(var grid) = panel.body {
            grid.styleOverrides = overrides
            panel.body = .numbers(grid)
        }
        return panel
    }

    /// The weights each tap actually multiplies: the kernel, rotated 180° when flipped.
    func usedKernelRows(filter: Int) -> [[Float]] {
        let rows = state.kernelRows(filter: filter)
        return (0..<state.kernelHeight).map { tapRow in
            let row = rows[state.config.kernelRow(tapRow: tapRow, kernelHeight: state.kernelHeight)]
            return (0..<state.kernelWidth).map { tapColumn in
                row[state.config.kernelColumn(tapColumn: tapColumn, kernelWidth: state.kernelWidth)]
            }
        }
    }

    private func productsPanel(channel: Int, name: String, terms: ConvWindowTerms, density: StepperDensity) -> StepperPanel {
        let channelTerms = terms.terms(channel: channel)
        let values = (0..<state.kernelHeight).map { row in
            (0..<state.kernelWidth).map { column in channelTerms[row * state.kernelWidth + column].product }
        }
        let padding = Set(channelTerms.filter(\.isPadding).map { GridIndex(row: $0.tapRow, column: $0.tapColumn) })
        let title = state.multiChannel ? "\(name) input × weight" : "Input × weight"
        var panel = smallGridPanel(title: title, values: values, density: density)
        if case .numbers(var grid) = panel.body {
            grid.paddingCells = padding
            grid.paddingStyle = Style(foreground: .blue, dim: true)
            panel.body = .numbers(grid)
        }
        return panel
    }

    /// The kernel, its rotation and the products share one field width so their cells line up.
    private func smallGridPanel(title: String, values: [[Float]], density: StepperDensity) -> StepperPanel {
        var grid = NumberGrid(values: values, decimals: 2)
        grid.cellWidth = smallCellWidth + density.smallExtraWidth
        return StepperPanel(title: title, body: .numbers(grid))
    }

    /// Every product written out, one kernel row per line:
    /// ` 0.00×-1.00 +  0.00×0.00 +  1.00×1.00 +`, then `= -4.00 + bias 0.00 = -4.00`.
    private func workingPanel(terms: ConvWindowTerms) -> StepperPanel {
        let width = terms.terms.flatMap { [fixed($0.inputValue).count, fixed($0.weightValue).count] }.max() ?? 4
        func field(_ value: Float) -> String { NumberFormatting.aligned(fixed(value), width: width, alignment: .right) }
        var lines: [[Span]] = []
        for tapRow in 0..<state.kernelHeight {
            var spans: [Span] = [Span(tapRow == 0 ? "  " : "+ ")]
            for tapColumn in 0..<state.kernelWidth {
                let term = terms.terms[tapRow * state.kernelWidth + tapColumn]
                if tapColumn > 0 { spans.append(Span(" + ")) }
                let style = term.isPadding ? Style(foreground: .blue, dim: true) : .plain
                spans.append(Span("\(field(term.inputValue))×\(field(term.weightValue))", style: style))
            }
            lines.append(spans)
        }
        lines.append([Span("= \(fixed(terms.sum)), + bias \(fixed(terms.bias)) = "), Span(fixed(terms.total), style: Style(bold: true))])
        return StepperPanel(title: "Input × weight, written out", body: .lines(lines))
    }

    /// The sum, the bias, the output value and its ReLU; per-channel sums first in multi mode.
    private func resultPanel(terms: ConvWindowTerms) -> StepperPanel {
        var rows: [(String, Float)] = []
        if state.multiChannel {
            for (channel, name) in ["R", "G", "B"].enumerated() { rows.append(("\(name) sum", terms.sum(channel: channel))) }
            rows.append(("Σ depth", terms.sum))
        } else {
            rows.append(("sum", terms.sum))
        }
        rows += [("+ bias", terms.bias), ("= output", terms.total), ("ReLU", Activation.relu.value(terms.total))]
        let valueWidth = max(rows.map { fixed($0.1).count }.max() ?? 0, 5)
        let lines = rows.map { label, value in
            let style = label == "= output" ? Style(bold: true) : .plain
            return [Span(NumberFormatting.aligned(label, width: 9, alignment: .left)),
                    Span(NumberFormatting.aligned(fixed(value), width: valueWidth, alignment: .right), style: style)]
        }
        return StepperPanel(title: "Result", body: .lines(lines))
    }

    /// The widest of the kernel's weights and the current products at 2 decimals.
    var smallCellWidth: Int {
        let weights = (0..<state.filterCount).flatMap { state.kernelRows(filter: $0).joined() }
        let products = state.currentTerms?.terms.map(\.product) ?? []
        return (weights + products).map { fixed($0).count }.max() ?? 4
    }

    func fixed(_ value: Float) -> String { NumberFormatting.fixed(Double(value), decimals: 2) }
}
