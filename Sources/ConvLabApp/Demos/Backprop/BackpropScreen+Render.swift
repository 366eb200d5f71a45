import ConvEngine
import TerminalUI

// Drawing for the backprop demo. Top: the layer and the loss L = Σ y ⊙ g, and the rule for
// the gradient. Middle: the grids (conv: x with the current term's window and cell, w with the
// selected weight, g with the current output cell, and with room the engine's whole dL/dw;
// pooling: x with each window's argmax, g, and dL/dx filling in). Bottom: the terms with the
// running sum (conv) or the current window's routing (pooling), the engine's value and the
// finite-difference check.

extension BackpropScreen {
    private static let labelStyle = Style(dim: true)
    private static let titleStyle = Style(bold: true)
    private static let currentStyle = Style(reverse: true)
    private static let selectedStyle = Style(foreground: .red, bold: true, underline: true)
    private static let goodStyle = Style(foreground: .green, bold: true)

    func render(into buffer: inout Buffer, area: Rect) {
        guard !area.isEmpty else { return }
        var y = area.y
        for text in headerLines {
            for line in Paragraph(text).wrappedLines(width: area.width) where y < area.maxY {
                buffer.write(line, x: area.x, y: y, clip: area)
                y += 1
            }
        }
        y += 1
        let gridTop = y
        let gridHeight = 1 + (layer == .conv ? Self.convInputSize : Self.poolInputSize)
        if layer == .conv { renderConvGrids(into: &buffer, area: Rect(x: area.x, y: gridTop, width: area.width, height: gridHeight).intersection(area)) } else {
            renderPoolGrids(into: &buffer, area: Rect(x: area.x, y: gridTop, width: area.width, height: gridHeight).intersection(area))
        }
        y = gridTop + gridHeight + 1
        let lines = layer == .conv ? convLines : poolLines
        for (text, style) in lines where y < area.maxY {
            buffer.write(text, x: area.x, y: y, style: style, clip: area)
            y += 1
        }
        // With room to spare, the conv layer's input gradient as a convolution of its own.
        let extra = layer == .conv ? inputGradientLines : []
        if !extra.isEmpty, area.maxY - y > extra.count, extra.allSatisfy({ $0.0.count <= area.width }) {
            y += 1
            for (text, style) in extra {
                buffer.write(text, x: area.x, y: y, style: style, clip: area)
                y += 1
            }
        }
    }

    /// How ∂L/∂x comes about, and that a true convolution of the padded g with w gives it.
    var inputGradientLines: [(String, Style)] {
        let difference = inputGradient.maxAbsDifference(inputGradientAsConvolution)
        let agrees = difference < 1e-5
        return [
            ("∂L/∂x[p,q] = Σ over the windows (r,c) covering (p,q) of w[p−r,q−c]·g[r,c]: every input collects g back through the tap that touched it", Self.titleStyle),
            ("that is g zero-padded by 2, convolved with w rotated 180° (a true convolution): the backward pass of a conv is a conv", .plain),
            ("conv2d(g, w, padding 2, flipped) vs the engine's dL/dx: largest difference \(NumberFormatting.fixed(Double(difference), decimals: 6))\(agrees ? " ✓ the same" : "")",
             agrees ? Self.goodStyle : .plain),
        ]
    }

    /// The two header lines: the setting and the rule.
    var headerLines: [String] {
        switch layer {
        case .conv:
            return ["conv 3×3, stride 1: x 5×5 → y 3×3; L = Σ y ⊙ g, g = ∂L/∂y given (seed \(seed))",
                    "∂L/∂w[i,j] = Σ over outputs (r,c) of x[r+i,c+j]·g[r,c], one term per window"]
        case .maxpool:
            return ["max pool 2×2, stride 2: x 6×6 → y 3×3; L = Σ y ⊙ g (seed \(seed))",
                    "each window's g goes to its max (underlined); the window's other inputs get 0"]
        case .avgpool:
            return ["average pool 2×2, stride 2: x 6×6 → y 3×3; L = Σ y ⊙ g (seed \(seed))",
                    "each window's g is shared equally: every input of the window gets g/4"]
        }
    }

    private static func rows(_ tensor: Tensor) -> [[Float]] {
        let height = tensor.shape[2], width = tensor.shape[3]
        return (0..<height).map { row in (0..<width).map { tensor[0, 0, row, $0] } }
    }

    private func drawGrid(_ title: String, _ values: [[Float]], decimals: Int, cellWidth: Int, x: Int, area: Rect,
                          highlighted: Set<GridIndex> = [], overrides: [GridIndex: Style] = [:], into buffer: inout Buffer) -> Int {
        let width = (values.first?.count ?? 0) * (cellWidth + 1) - 1
        buffer.write(title, x: x, y: area.y, style: Self.titleStyle, clip: area)
        let grid = NumberGrid(values: values, decimals: decimals, cellWidth: cellWidth, columnSpacing: 1,
                              highlightedCells: highlighted, highlightStyle: Self.currentStyle, styleOverrides: overrides)
        grid.render(into: &buffer, area: Rect(x: x, y: area.y + 1, width: width, height: area.height - 1).intersection(area))
        return x + max(width, title.count) + 3
    }

    private func renderConvGrids(into buffer: inout Buffer, area: Rect) {
        let current = step > 0 ? terms[step - 1] : nil
        var window = Set<GridIndex>(), cell: [GridIndex: Style] = [:], outputCell = Set<GridIndex>()
        if let current {
            for row in 0..<Self.kernelSize {
                for column in 0..<Self.kernelSize {
                    window.insert(GridIndex(row: current.inputRow - selectedRow + row, column: current.inputColumn - selectedColumn + column))
                }
            }
            cell[GridIndex(row: current.inputRow, column: current.inputColumn)] = Self.selectedStyle.reversed()
            outputCell.insert(GridIndex(row: current.outputRow, column: current.outputColumn))
        }
        let selected = [GridIndex(row: selectedRow, column: selectedColumn): Self.selectedStyle.reversed()]
        var x = drawGrid("input x", Self.rows(convInput), decimals: 1, cellWidth: 4, x: area.x, area: area,
                         highlighted: window, overrides: cell, into: &buffer)
        x = drawGrid("kernel w", Self.rows(weight), decimals: 1, cellWidth: 4, x: x, area: area, overrides: selected, into: &buffer)
        x = drawGrid("upstream g", Self.rows(convUpstream), decimals: 1, cellWidth: 4, x: x, area: area, highlighted: outputCell, into: &buffer)
        if area.maxX - x >= 3 * 6 {
            x = drawGrid("dL/dw (engine)", Self.rows(weightGradient), decimals: 2, cellWidth: 5, x: x, area: area, overrides: selected, into: &buffer)
        }
        if area.maxX - x >= Self.convInputSize * 6 {
            _ = drawGrid("dL/dx (engine)", Self.rows(inputGradient), decimals: 2, cellWidth: 5, x: x, area: area, into: &buffer)
        }
    }

    private func renderPoolGrids(into buffer: inout Buffer, area: Rect) {
        let routes = pooled.routes
        var chosen: [GridIndex: Style] = [:]
        if layer == .maxpool {
            for route in routes { chosen[GridIndex(row: route / Self.poolInputSize, column: route % Self.poolInputSize)] = Self.selectedStyle }
        }
        var window = Set<GridIndex>(), outputCell = Set<GridIndex>()
        if step > 0 {
            let outputRow = (step - 1) / 3, outputColumn = (step - 1) % 3
            for row in 0..<Self.poolSize {
                for column in 0..<Self.poolSize {
                    window.insert(GridIndex(row: outputRow * Self.poolSize + row, column: outputColumn * Self.poolSize + column))
                }
            }
            outputCell.insert(GridIndex(row: outputRow, column: outputColumn))
        }
        let selected = [GridIndex(row: selectedRow, column: selectedColumn): Style(bold: true, underline: true).reversed()]
        var x = drawGrid("input x", Self.rows(poolInput), decimals: 1, cellWidth: 4, x: area.x, area: area,
                         highlighted: window, overrides: chosen, into: &buffer)
        x = drawGrid("upstream g", Self.rows(poolUpstream), decimals: 1, cellWidth: 4, x: x, area: area, highlighted: outputCell, into: &buffer)
        let decimals = layer == .avgpool ? 3 : 1
        _ = drawGrid(Self.poolGradientTitle(step: step), Self.rows(poolInputGradient(windows: step)), decimals: decimals, cellWidth: layer == .avgpool ? 6 : 4,
                     x: x, area: area, highlighted: window, overrides: selected, into: &buffer)
    }

    /// The pooled gradient's title: which windows have sent their gradient back so far. Before
    /// the first step no window has, and "windows 1–0" would read as a range.
    static func poolGradientTitle(step: Int) -> String {
        switch step {
        case ...0: "dL/dx, no window yet"
        case 1: "dL/dx, window 1"
        default: "dL/dx, windows 1–\(step)"
        }
    }

    static func number(_ value: Float, decimals: Int = 2) -> String {
        NumberFormatting.fixed(Double(value), decimals: decimals)
    }

    /// The check line: `check by finite differences: (L(w+ε) − L(w−ε))/2ε = (a − b)/0.02 = c`.
    private func checkLines(name: String) -> [(String, Style)] {
        let check = gradientCheck
        let plus = NumberFormatting.fixed(check.lossPlus, decimals: 4), minus = NumberFormatting.fixed(check.lossMinus, decimals: 4)
        let difference = abs(check.numeric - Double(check.analytic))
        let agrees = difference < 1e-3
        return [
            ("finite difference: (L(\(name)+ε) − L(\(name)−ε))/2ε = (\(plus) − \(minus))/\(Self.number(2 * Self.epsilon)) = \(NumberFormatting.fixed(check.numeric, decimals: 4))", .plain),
            ("analytic \(NumberFormatting.fixed(Double(check.analytic), decimals: 4)), numeric \(NumberFormatting.fixed(check.numeric, decimals: 4)) (ε = \(Self.number(Self.epsilon))): difference \(NumberFormatting.fixed(difference, decimals: 6))\(agrees ? " ✓ agree" : "")",
             agrees ? Self.goodStyle : .plain),
        ]
    }

    /// The conv terms (shown up to `step`), the sum, the engine's dWeight and the check.
    var convLines: [(String, Style)] {
        let all = terms
        var lines: [(String, Style)] = []
        var sum: Float = 0
        let name = "w[\(selectedRow),\(selectedColumn)]"
        lines.append(("\(name) = \(Self.number(weight[0, 0, selectedRow, selectedColumn], decimals: 1)), term \(step) of \(all.count); each term (r,c): x[r+\(selectedRow),c+\(selectedColumn)] · g[r,c] = product", Self.titleStyle))
        // Terms in three columns of three, so nine fit at 80×24.
        var columns: [[String]] = [[], [], []]
        for (index, term) in all.enumerated() {
            let text: String
            if index < step {
                sum += term.product
                text = "(\(term.outputRow),\(term.outputColumn)): \(Self.number(term.input, decimals: 1))·\(Self.number(term.upstream, decimals: 1)) = \(Self.number(term.product))"
            } else {
                text = "(\(term.outputRow),\(term.outputColumn)): ·"
            }
            columns[index / 3].append(text)
        }
        let columnWidth = 26
        for row in 0..<3 {
            let text = columns.map { $0[row].padding(toLength: columnWidth, withPad: " ", startingAt: 0) }.joined()
            lines.append((text, .plain))
        }
        let engine = weightGradient[0, 0, selectedRow, selectedColumn]
        lines.append(("running sum of \(step) term\(step == 1 ? "" : "s") = \(NumberFormatting.fixed(Double(sum), decimals: 4))"
                      + (step == all.count ? " = ∂L/∂\(name)" : ""), Self.titleStyle))
        lines.append(("engine conv2dBackward: dWeight[0,0,\(selectedRow),\(selectedColumn)] = \(NumberFormatting.fixed(Double(engine), decimals: 4))", .plain))
        return lines + checkLines(name: "w")
    }

    /// The current window's routing, the engine's dInput for the selected cell and the check.
    var poolLines: [(String, Style)] {
        var lines: [(String, Style)] = []
        if step > 0 {
            let index = step - 1
            let outputRow = index / 3, outputColumn = index % 3
            let g = poolUpstream.scalars[index]
            if layer == .maxpool {
                let route = pooled.routes[index]
                let row = route / Self.poolInputSize, column = route % Self.poolInputSize
                lines.append(("window \(step)/9 at (\(outputRow),\(outputColumn)): max x[\(row),\(column)] = \(Self.number(poolInput.scalars[route], decimals: 1)) receives g[\(outputRow),\(outputColumn)] = \(Self.number(g, decimals: 1)); the other 3 get 0", Self.titleStyle))
            } else {
                lines.append(("window \(step)/9 at (\(outputRow),\(outputColumn)): each of its 4 inputs receives g/4 = \(Self.number(g, decimals: 1))/4 = \(Self.number(g / 4, decimals: 3))", Self.titleStyle))
            }
        } else {
            lines.append(("no window sent back yet: press . to route the first", Self.titleStyle))
        }
        let check = gradientCheck
        let function = layer == .maxpool ? "maxPool2dBackward" : "avgPool2dBackward"
        lines.append(("selected x[\(selectedRow),\(selectedColumn)] = \(Self.number(check.value, decimals: 1)): engine \(function) dInput = \(NumberFormatting.fixed(Double(check.analytic), decimals: 4))", .plain))
        return lines + checkLines(name: "x")
    }
}
