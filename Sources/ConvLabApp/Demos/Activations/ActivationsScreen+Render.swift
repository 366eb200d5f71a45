import ConvEngine
import TerminalUI

// Drawing for the activations demo. Top: the four functions (the chosen one reversed) and its
// formulas. Middle: f (•) and f′ (+) over x ∈ [−6, 6], one sample per column, the cursor's
// column marked, the saturated columns shaded (with colour) and strip-marked "saturated" below
// the x labels (always). Then the cursor's reading, and the dead neuron's numbers. From 120
// columns a table of f and f′ at whole x sits on the right.

extension ActivationsScreen {
    private static let valueStyle = Style(foreground: .cyan, bold: true)
    private static let derivativeStyle = Style(foreground: .yellow, bold: true)
    private static let labelStyle = Style(dim: true)
    private static let titleStyle = Style(bold: true)
    private static let saturatedBackground = Color.indexed(237)
    private static let deadStyle = Style(foreground: .red, bold: true)
    /// Width of the y labels plus the axis column.
    private static let gutter = 7
    private static let tableWidth = 30

    func render(into buffer: inout Buffer, area: Rect) {
        guard area.width >= 20, area.height >= 10 else { return }
        renderTabs(into: &buffer, y: area.y, area: area)
        let formulas = function.formulas
        buffer.write(formulas.value + "    " + formulas.derivative, x: area.x, y: area.y + 1, clip: area)

        let hasTable = area.width >= 120
        let chartWidth = hasTable ? area.width - Self.tableWidth - 2 : area.width
        // Under the plot: x labels, the saturation strip, the reading, (a gap when tall,) three
        // dead-neuron lines.
        let footerHeight = 6 + (area.height >= 30 ? 1 : 0)
        let plotHeight = area.height - 2 - footerHeight
        let plot = Rect(x: area.x + Self.gutter, y: area.y + 2, width: chartWidth - Self.gutter, height: plotHeight)
        renderPlot(into: &buffer, plot: plot)
        var y = plot.maxY
        renderXLabels(into: &buffer, plot: plot, y: y)
        y += 1
        renderSaturationStrip(into: &buffer, plot: plot, y: y)
        y += 1
        renderReading(into: &buffer, x: area.x, y: y, width: chartWidth)
        y += area.height >= 30 ? 2 : 1
        renderDeadNeuron(into: &buffer, area: Rect(x: area.x, y: y, width: chartWidth, height: area.maxY - y))
        if hasTable {
            renderTable(into: &buffer, area: Rect(x: area.maxX - Self.tableWidth, y: area.y + 2, width: Self.tableWidth, height: area.height - 2))
        }
    }

    private func renderTabs(into buffer: inout Buffer, y: Int, area: Rect) {
        var x = area.x
        for (index, candidate) in Function.allCases.enumerated() {
            var label = "\(index + 1) \(candidate.displayName)"
            if candidate == .leakyRelu { label += " (a = \(Self.number(slope, decimals: 2)))" }
            let style = candidate == function ? Style(bold: true, reverse: true) : Self.labelStyle
            x = buffer.write(" \(label) ", x: x, y: y, style: style, clip: area) + 1
        }
    }

    // MARK: plot

    /// The x of plot column `column` of `width`: −6 + 12·column/(width − 1).
    static func x(column: Int, width: Int) -> Float {
        xRange.lowerBound + (xRange.upperBound - xRange.lowerBound) * Float(column) / Float(max(width - 1, 1))
    }

    /// The column nearest to `x`.
    static func column(x: Float, width: Int) -> Int {
        Int(((x - xRange.lowerBound) / (xRange.upperBound - xRange.lowerBound) * Float(max(width - 1, 1))).rounded())
    }

    /// The y range drawn: every f and f′ sample and 0, widened out to multiples of 0.5.
    func yRange(width: Int) -> ClosedRange<Float> {
        var low: Float = 0, high: Float = 0
        for column in 0..<max(width, 1) {
            let x = Self.x(column: column, width: width)
            for value in [activation.value(x), activation.derivative(x)] {
                low = min(low, value)
                high = max(high, value)
            }
        }
        return ((low * 2).rounded(.down) / 2)...max((high * 2).rounded(.up) / 2, 0.5)
    }

    private func renderPlot(into buffer: inout Buffer, plot: Rect) {
        guard plot.width > 1, plot.height > 1 else { return }
        let range = yRange(width: plot.width)
        // Rows are counted from the zero axis, so a value within half a row of 0 (tanh′ and
        // sigmoid′ out at ±6, about 5e-5) sits on the axis. Counted from the top, when 0 falls
        // halfway between two rows the axis rounds one way and 0.00005 the other, and the
        // flat tails float a row above the axis.
        let rowsPerUnit = Float(plot.height - 1) / (range.upperBound - range.lowerBound)
        let zeroRow = plot.y + Int((range.upperBound * rowsPerUnit).rounded())
        func row(_ value: Float) -> Int {
            min(max(zeroRow - Int((value * rowsPerUnit).rounded()), plot.y), plot.maxY - 1)
        }
        // Labels and axis: the range's ends, and 0 when it lies inside.
        for y in plot.y..<plot.maxY {
            buffer.set(x: plot.x - 1, y: y, "│", style: Self.labelStyle)
        }
        for (value, y) in [(range.upperBound, plot.y), (range.lowerBound, plot.maxY - 1), (0, zeroRow)] {
            let label = NumberFormatting.fixed(Double(value), decimals: 2, width: Self.gutter - 1)
            buffer.write(label, x: plot.x - Self.gutter, y: y, style: Self.labelStyle)
            buffer.set(x: plot.x - 1, y: y, "┤", style: Self.labelStyle)
        }
        let zeroColumn = Self.column(x: 0, width: plot.width)
        let cursorColumn = Self.column(x: cursorX, width: plot.width)
        for column in 0..<plot.width {
            let x = Self.x(column: column, width: plot.width)
            let saturated = isSaturated(at: x)
            for y in plot.y..<plot.maxY {
                var character: Character = " "
                if y == zeroRow { character = "─" }
                if column == zeroColumn { character = y == zeroRow ? "┼" : "│" }
                if column == cursorColumn { character = "┊" }
                var style = Self.labelStyle
                if saturated, colorCapability != .none { style = style.withBackground(Self.saturatedBackground) }
                buffer.set(x: plot.x + column, y: y, character, style: style)
            }
        }
        for column in 0..<plot.width {
            // The cursor's column plots the cursor's own x, so its marks match the reading.
            let x = column == cursorColumn ? cursorX : Self.x(column: column, width: plot.width)
            for (value, marker, style) in [(activation.derivative(x), Character("+"), Self.derivativeStyle),
                                           (activation.value(x), Character("•"), Self.valueStyle)] {
                let y = row(value)
                var cellStyle = style
                if column == cursorColumn { cellStyle = cellStyle.reversed() }
                let background = buffer[plot.x + column, y].style.background
                buffer.set(x: plot.x + column, y: y, marker, style: cellStyle.withBackground(background))
            }
        }
    }

    private func renderXLabels(into buffer: inout Buffer, plot: Rect, y: Int) {
        for value in stride(from: -6, through: 6, by: 2) {
            let text = "\(value)"
            let column = Self.column(x: Float(value), width: plot.width)
            let x = min(max(plot.x + column - text.count / 2, plot.x), plot.maxX - text.count)
            buffer.write(text, x: x, y: y, style: Self.labelStyle)
        }
    }

    /// `░` under every saturated column, with the word written inside each stretch wide enough.
    private func renderSaturationStrip(into buffer: inout Buffer, plot: Rect, y: Int) {
        var runStart: Int?
        func finish(_ end: Int) {
            guard let start = runStart else { return }
            let width = end - start
            buffer.write(String(repeating: "░", count: width), x: plot.x + start, y: y, style: Self.labelStyle)
            let word = width >= 11 ? " saturated " : width >= 5 ? " sat " : ""
            if !word.isEmpty { buffer.write(word, x: plot.x + start + (width - word.count) / 2, y: y, style: Self.titleStyle) }
            runStart = nil
        }
        for column in 0..<plot.width {
            if isSaturated(at: Self.x(column: column, width: plot.width)) {
                if runStart == nil { runStart = column }
            } else {
                finish(column)
            }
        }
        finish(plot.width)
        if saturatedIntervals.isEmpty {
            buffer.write("nowhere saturated: |f′| ≥ 0.05 for every x", x: plot.x, y: y, style: Self.labelStyle)
        }
    }

    /// `• f(0.00) = 0.500  + f′(0.00) = 0.250  saturated |f′| < 0.05: x ≤ −4.50, x ≥ 4.50`.
    func readingText() -> String {
        let x = Self.number(cursorX, decimals: 2)
        var text = "• f(\(x)) = \(Self.number(cursorValue, decimals: 3))   + f′(\(x)) = \(Self.number(cursorDerivative, decimals: 3))"
        if isSaturated(at: cursorX) { text += "  ← saturated" }
        return text
    }

    /// The saturated stretches as text: `|f′| < 0.05 for x ≤ −4.50 and x ≥ 4.50`.
    func saturationText() -> String {
        let parts = saturatedIntervals.map { interval -> String in
            let low = Self.number(interval.lowerBound, decimals: 2), high = Self.number(interval.upperBound, decimals: 2)
            if interval.lowerBound <= Self.xRange.lowerBound, interval.upperBound >= Self.xRange.upperBound { return "every x" }
            if interval.lowerBound <= Self.xRange.lowerBound { return "x ≤ \(high)" }
            if interval.upperBound >= Self.xRange.upperBound { return "x ≥ \(low)" }
            return "\(low) ≤ x ≤ \(high)"
        }
        return parts.isEmpty ? "" : "|f′| < 0.05 for " + parts.joined(separator: ", ")
    }

    private func renderReading(into buffer: inout Buffer, x: Int, y: Int, width: Int) {
        let clip = Rect(x: x, y: y, width: width, height: 1)
        let reading = readingText()
        var end = buffer.write(reading, x: x, y: y, style: Self.titleStyle, clip: clip)
        let saturation = saturationText()
        if !saturation.isEmpty, end + 3 + saturation.count <= x + width {
            end = buffer.write("   " + saturation, x: end, y: y, style: Self.labelStyle, clip: clip)
        }
    }

    // MARK: dead neuron

    /// Three lines: the neuron and batch, its pre-activations and outputs, and the gradients.
    func deadNeuronLines() -> [String] {
        let dead = deadNeuron
        func list(_ tensor: Tensor) -> String { tensor.scalars.map { Self.number($0, decimals: 2) }.joined(separator: " ") }
        let w = Self.deadWeight.scalars.map { Self.number($0, decimals: 1) }.joined(separator: ", ")
        let batch = stride(from: 0, to: Self.deadInputs.scalars.count, by: 2)
            .map { "(\(Int(Self.deadInputs.scalars[$0])),\(Int(Self.deadInputs.scalars[$0 + 1])))" }.joined(separator: " ")
        let learns = dead.dWeight.scalars.allSatisfy { $0 == 0 } && dead.dBias.scalars.allSatisfy { $0 == 0 }
        let verdict = learns ? "dead" : "still learns"
        return [
            "Dead ReLU? z = w·x + b, w = (\(w)), b = \(Self.number(Self.deadBias.scalars[0], decimals: 1)), x = \(batch)",
            "z = \(list(dead.z))  (all < 0)  →  f(z) = \(list(dead.output))",
            "dz = 1·f′(z) = \(list(dead.dZ)) → dw = (\(list(dead.dWeight).replacingOccurrences(of: " ", with: ", "))), db = \(list(dead.dBias)): \(verdict)",
        ]
    }

    private func renderDeadNeuron(into buffer: inout Buffer, area: Rect) {
        let lines = deadNeuronLines()
        for (index, line) in lines.enumerated() where index < area.height {
            let style = index == 2 ? (line.hasSuffix(": dead") ? Self.deadStyle : Self.titleStyle) : Style.plain
            buffer.write(line, x: area.x, y: area.y + index, style: style, clip: area)
        }
    }

    // MARK: table

    /// f and f′ at x = −6…6, one row each, saturated rows marked.
    private func renderTable(into buffer: inout Buffer, area: Rect) {
        buffer.write("    x      f(x)     f′(x)", x: area.x, y: area.y, style: Self.titleStyle, clip: area)
        for (row, value) in (-6...6).enumerated() where row + 1 < area.height {
            let x = Float(value)
            let text = NumberFormatting.fixed(Double(x), decimals: 1, width: 5)
                + NumberFormatting.fixed(Double(activation.value(x)), decimals: 4, width: 10)
                + NumberFormatting.fixed(Double(activation.derivative(x)), decimals: 4, width: 10)
                + (isSaturated(at: x) ? " sat" : "")
            let style = x == cursorX ? Style(reverse: true) : Style.plain
            buffer.write(text, x: area.x, y: area.y + 1 + row, style: style, clip: area)
        }
    }
}
