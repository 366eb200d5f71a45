import ConvEngine
import TerminalUI

// The stepper on one unit of a trained network (`ConvStepperScreen(unit:)`). A learned layer
// reads many channels of maps as large as 28×28, far more than a screen of numbers, so the
// view crops each map to the window and a margin around it, and shows every input channel's
// window, kernel slice and products where they fit (a large terminal), else one channel at a
// time (`c` and `C` choose it); then every channel's partial sum, and the result beside the
// network's own map cell.
// All numbers come from ConvEngine (`conv2dWindowTerms`, `conv2dForward`).

extension ConvStepperScreen {
    /// One key of the unit view: what it is called, what it does, and the change it makes.
    struct UnitKey {
        var keys: [Key]
        var binding: KeyBinding
        var action: (inout ConvStepperScreen) -> Void
    }

    /// The unit view's own keys; walking (→ ← Home End space + -) is the stepper's as usual.
    static var unitKeys: [UnitKey] {
        [
            UnitKey(keys: [.down], binding: KeyBinding("↓", "window one row down")) { screen in
                screen.moveUnitWindow(rows: 1) },
            UnitKey(keys: [.up], binding: KeyBinding("↑", "window one row up")) { screen in
                screen.moveUnitWindow(rows: -1) },
            UnitKey(keys: [.character("C")], binding: KeyBinding("C", "next input channel")) { screen in
                screen.showChannel(screen.shownChannel + 1) },
            UnitKey(keys: [.character("c")], binding: KeyBinding("c", "previous input channel")) { screen in
                screen.showChannel(screen.shownChannel - 1) },
        ]
    }

    /// The keys of the walk that the unit view keeps from the stepper.
    static let unitWalkBindings = [
        KeyBinding("→/l", "next window"),
        KeyBinding("←/h", "previous window"),
        KeyBinding("Home/g", "first window"),
        KeyBinding("End/G", "last window"),
        KeyBinding("space", "play / pause"),
        KeyBinding("+/-", "play faster / slower"),
    ]

    var unitKeyBindings: [KeyBinding] { Self.unitWalkBindings + Self.unitKeys.map(\.binding) }

    /// Handles a key of the unit view; false leaves it to the stepper's walk keys. Keys that
    /// would change the computation (padding, stride, bias, kernel, image) are refused: the
    /// network fixed them.
    mutating func handleUnitKey(_ key: Key) -> Bool {
        if let entry = Self.unitKeys.first(where: { $0.keys.contains(key) }) {
            entry.action(&self)
            return true
        }
        let walkKeys: [Key] = [.right, .left, .home, .end, .character("l"), .character("h"), .character("g"), .character("G"),
                               .character(" "), .character("+"), .character("="), .character("-"), .character("_")]
        if walkKeys.contains(key) { return false }
        if case .character = key { message = "the network fixed this computation" }
        return true
    }

    mutating func moveUnitWindow(rows: Int) {
        guard let width = state.outputSize?.width else { return }
        let wanted = state.position + rows * width
        guard (0..<state.stepCount).contains(wanted) else { return }
        state.setPosition(wanted)
    }

    mutating func showChannel(_ channel: Int) {
        let channels = state.input.shape[1]
        shownChannel = ((channel % channels) + channels) % channels
    }

    // MARK: drawing

    func renderUnit(_ unit: ConvUnit, into buffer: inout Buffer, area: Rect) {
        guard !area.isEmpty else { return }
        buffer.write(unitSetupLine(unit, width: area.width), x: area.x, y: area.y, style: Style(dim: true), clip: area)
        let body = Rect(x: area.x, y: area.y + 1, width: area.width, height: area.height - 1)
        guard let terms = state.currentTerms else {
            let text = state.geometryError.map(String.init(describing:)) ?? "no windows"
            buffer.write(NumberFormatting.truncated(text, width: body.width), x: body.x, y: body.y, clip: body)
            return
        }
        var chosen = (panels: [StepperPanel](), rects: [Rect]())
        for density in UnitDensity.ladder {
            let groups = unitPanelGroups(unit, terms: terms, density: density)
            let (rects, fits) = StepperPanel.flow(groups, in: body, columnGap: density.columnGap, rowGap: density.rowGap)
            chosen = (groups.flatMap { $0 }, rects)
            if fits { break }
        }
        for (panel, rect) in zip(chosen.panels, chosen.rects) where !rect.isEmpty {
            panel.render(into: &buffer, area: rect)
        }
    }

    /// How roomy the unit view's grids are: one rung of the ladder, roomiest first.
    struct UnitDensity {
        /// Values shown on each side of the window (input) or the cell (output map).
        var margin: Int
        var decimals: Int
        var labels: Bool
        /// Most lines of the per-channel sums before they wrap into another column.
        var sumRows: Int
        var columnGap: Int
        var rowGap: Int
        /// Every input channel's window, kernel slice and products at once (large terminals),
        /// rather than the one `c` and `C` choose.
        var allChannels = false

        static let ladder = [
            UnitDensity(margin: 2, decimals: 2, labels: true, sumRows: 8, columnGap: 3, rowGap: 1, allChannels: true),
            UnitDensity(margin: 1, decimals: 2, labels: true, sumRows: 8, columnGap: 2, rowGap: 1, allChannels: true),
            UnitDensity(margin: 1, decimals: 2, labels: false, sumRows: 8, columnGap: 2, rowGap: 0, allChannels: true),
            UnitDensity(margin: 2, decimals: 2, labels: true, sumRows: 8, columnGap: 3, rowGap: 1),
            UnitDensity(margin: 1, decimals: 2, labels: true, sumRows: 6, columnGap: 2, rowGap: 1),
            UnitDensity(margin: 1, decimals: 2, labels: true, sumRows: 4, columnGap: 2, rowGap: 0),
            UnitDensity(margin: 1, decimals: 2, labels: false, sumRows: 4, columnGap: 2, rowGap: 0),
            UnitDensity(margin: 0, decimals: 2, labels: false, sumRows: 3, columnGap: 2, rowGap: 0),
            UnitDensity(margin: 0, decimals: 1, labels: false, sumRows: 3, columnGap: 1, rowGap: 0),
        ]
    }

    /// "layer 3 conv 16 3x3 pad 1, channel 5 · reads layer 2 (maxpool 2) 8×14×14 · window 12/196".
    func unitSetupLine(_ unit: ConvUnit, width: Int) -> String {
        let (_, channels, height, inputWidth) = state.input.nchw
        var parts = [unit.name, "reads \(unit.inputName) \(channels)×\(height)×\(inputWidth)"]
        if let size = state.outputSize { parts.append("output \(size.height)×\(size.width)") }
        return WholeParts.fitted(parts, width: width)
    }

    /// Where the walk is, short enough for the status bar at 80 columns.
    var unitStatus: StatusLine {
        var parts: [StatusLine.Part] = []
        if let window = state.currentWindow {
            parts.append(StatusLine.Part("window \(state.position + 1)/\(state.stepCount) at (\(window.outputRow), \(window.outputColumn))", .useful))
        }
        parts.append(StatusLine.Part(isPlaying ? "playing" : "paused", .essential))
        return StatusLine(parts + StatusLine.message(message))
    }

    func unitPanelGroups(_ unit: ConvUnit, terms: ConvWindowTerms, density: UnitDensity) -> [[StepperPanel]] {
        let channels = state.input.shape[1]
        let shown = min(shownChannel, channels - 1)
        let perChannel = density.allChannels ? (0..<channels).map { channelGroup($0, terms: terms, density: density) } : [channelGroup(shown, terms: terms, density: density)]
        return perChannel + [
            [channelSumsPanel(terms: terms, shown: shown, density: density),
             unitResultPanel(unit, terms: terms),
             networkMapPanel(unit, density: density)],
        ]
    }

    /// Input channel `channel` around the window, its kernel slice and their products.
    private func channelGroup(_ channel: Int, terms: ConvWindowTerms, density: UnitDensity) -> [StepperPanel] {
        let channels = state.input.shape[1]
        let channelText = channels > 1 ? " ch \(channel) of \(channels)" : ""
        let kernelValues = (0..<state.kernelHeight).map { row in
            (0..<state.kernelWidth).map { column in state.weight[0, channel, row, column] }
        }
        let channelTerms = terms.terms(channel: channel)
        let products = (0..<state.kernelHeight).map { row in
            (0..<state.kernelWidth).map { column in channelTerms[row * state.kernelWidth + column].product }
        }
        var kernel = NumberGrid(values: kernelValues, decimals: density.decimals)
        var productGrid = NumberGrid(values: products, decimals: density.decimals)
        productGrid.paddingCells = Set(channelTerms.filter(\.isPadding).map { GridIndex(row: $0.tapRow, column: $0.tapColumn) })
        productGrid.paddingStyle = Style(foreground: .blue, dim: true)
        let width = max(kernel.resolvedCellWidth, productGrid.resolvedCellWidth)
        kernel.cellWidth = width
        productGrid.cellWidth = width
        return [unitInputPanel(channel: channel, title: "Input\(channelText)", terms: channelTerms, density: density),
                StepperPanel(title: "Kernel\(channelText)", body: .numbers(kernel)),
                StepperPanel(title: "Input × weight", body: .numbers(productGrid))]
    }

    /// The input channel around the window, padding shown as blue zeros, the window reversed.
    private func unitInputPanel(channel: Int, title: String, terms: [ConvWindowTerm], density: UnitDensity) -> StepperPanel {
        let (_, _, height, width) = state.input.nchw
        let taps = terms.map { GridIndex(row: $0.inputRow, column: $0.inputColumn) }
        let config = state.config
        let rowRange = Self.cropRange(taps.map(\.row), margin: density.margin, lower: -config.paddingHeight, upper: height + config.paddingHeight)
        let columnRange = Self.cropRange(taps.map(\.column), margin: density.margin, lower: -config.paddingWidth, upper: width + config.paddingWidth)
        var values: [[Float]] = []
        var padding = Set<GridIndex>(), window = Set<GridIndex>()
        let tapSet = Set(taps)
        for (gridRow, row) in rowRange.enumerated() {
            var line: [Float] = []
            for (gridColumn, column) in columnRange.enumerated() {
                let inside = (0..<height).contains(row) && (0..<width).contains(column)
                line.append(inside ? state.input[0, channel, row, column] : 0)
                if !inside { padding.insert(GridIndex(row: gridRow, column: gridColumn)) }
                if tapSet.contains(GridIndex(row: row, column: column)) { window.insert(GridIndex(row: gridRow, column: gridColumn)) }
            }
            values.append(line)
        }
        let grid = NumberGrid(
            values: values, decimals: density.decimals, highlightedCells: window,
            paddingCells: padding, paddingStyle: Style(foreground: .blue, dim: true), paddingSymbol: "0",
            rowLabels: density.labels ? rowRange.map(String.init) : nil,
            columnLabels: density.labels ? columnRange.map(String.init) : nil)
        return StepperPanel(title: title, body: .numbers(grid))
    }

    /// The rows (or columns) `positions` cover, `margin` more on each side, kept in `lower..<upper`.
    static func cropRange(_ positions: [Int], margin: Int, lower: Int, upper: Int) -> ClosedRange<Int> {
        let first = max((positions.min() ?? 0) - margin, lower)
        let last = min((positions.max() ?? 0) + margin, upper - 1)
        return first...max(first, last)
    }

    /// Every input channel's share of the sum, in columns; the channel shown is bold.
    private func channelSumsPanel(terms: ConvWindowTerms, shown: Int, density: UnitDensity) -> StepperPanel {
        let channels = state.input.shape[1]
        let labelWidth = "ch \(channels - 1)".count
        let entries = (0..<channels).map { channel -> (String, Float) in
            (NumberFormatting.aligned("ch \(channel)", width: labelWidth, alignment: .left), terms.sum(channel: channel))
        }
        let valueWidth = entries.map { fixed($0.1).count }.max() ?? 4
        let rowCount = min(channels, max(density.sumRows, (channels + 3) / 4))
        var lines: [[Span]] = Array(repeating: [], count: rowCount)
        for (index, entry) in entries.enumerated() {
            let row = index % rowCount
            if !lines[row].isEmpty { lines[row].append(Span("  ")) }
            let style = index == shown && channels > 1 ? Style(bold: true) : .plain
            lines[row].append(Span("\(entry.0) \(NumberFormatting.aligned(fixed(entry.1), width: valueWidth, alignment: .right))", style: style))
        }
        return StepperPanel(title: channels > 1 ? "Sum per channel" : "Sum", body: .lines(lines))
    }

    /// Σ over channels, the bias, the output and its activation, beside the network's own cell.
    private func unitResultPanel(_ unit: ConvUnit, terms: ConvWindowTerms) -> StepperPanel {
        var rows: [(String, String, Style)] = [
            ("Σ channels", fixed(terms.sum), .plain),
            ("+ bias", fixed(terms.bias), .plain),
            ("= output", fixed(terms.total), Style(bold: true)),
        ]
        if let activation = unit.activation {
            rows.append((Self.activationName(activation), fixed(activation.value(terms.total)), .plain))
        }
        let row = terms.outputRow, column = terms.outputColumn
        if row < unit.networkMap.count, column < unit.networkMap[row].count {
            rows.append(("network map", fixed(unit.networkMap[row][column]), Style(foreground: .green, bold: true)))
        }
        let labelWidth = rows.map(\.0.count).max() ?? 0
        let valueWidth = rows.map(\.1.count).max() ?? 0
        let lines = rows.map { label, value, style in
            [Span(NumberFormatting.aligned(label, width: labelWidth + 1, alignment: .left)),
             Span(NumberFormatting.aligned(value, width: valueWidth, alignment: .right), style: style)]
        }
        return StepperPanel(title: "Result at (\(row), \(column))", body: .lines(lines))
    }

    /// The network's map of this channel around the current cell, the cell reversed.
    private func networkMapPanel(_ unit: ConvUnit, density: UnitDensity) -> StepperPanel {
        let map = unit.networkMap
        guard let window = state.currentWindow, !map.isEmpty else {
            return StepperPanel(title: "Network map", body: .lines([]))
        }
        let margin = max(density.margin, 1)
        let rows = Self.cropRange([window.outputRow], margin: margin, lower: 0, upper: map.count)
        let columns = Self.cropRange([window.outputColumn], margin: margin, lower: 0, upper: map[0].count)
        let values = rows.map { row in columns.map { column in map[row][column] } }
        let grid = NumberGrid(
            values: values, decimals: density.decimals,
            highlightedCells: [GridIndex(row: window.outputRow - rows.lowerBound, column: window.outputColumn - columns.lowerBound)],
            rowLabels: density.labels ? rows.map(String.init) : nil,
            columnLabels: density.labels ? columns.map(String.init) : nil)
        return StepperPanel(title: "Network map ch \(unit.channel)", body: .numbers(grid))
    }

    static func activationName(_ activation: Activation) -> String {
        switch activation {
        case .relu: "ReLU"
        case .leakyRelu: "leaky ReLU"
        case .sigmoid: "sigmoid"
        case .tanh: "tanh"
        }
    }
}
