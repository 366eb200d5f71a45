import ConvEngine
import TerminalUI

// Drawing for the geometry explorer. Top: the formula with the numbers substituted, what the
// result means, suggestions that would tile and the "same" padding offer, each wrapped to the
// width. Below: the padded W×W input (padding cells `0`, input cells `·`, never-read cells `×`,
// the current window's taps reversed) with the output grid and a legend to its right; when the
// padded input is too large for the area, one axis drawn as a strip instead (the geometry is
// square, so one axis tells all). With room to spare the strip is drawn under the grid too.

extension GeometryExplorerScreen {
    private static let paddingStyle = Style(foreground: .blue, dim: true)
    private static let uncoveredStyle = Style(foreground: .red, bold: true)
    private static let windowStyle = Style(bold: true, reverse: true)
    private static let startStyle = Style(foreground: .green, bold: true)
    private static let problemStyle = Style(foreground: .red, bold: true)
    private static let goodStyle = Style(foreground: .green, bold: true)
    private static let labelStyle = Style(dim: true)

    func render(into buffer: inout Buffer, area: Rect) {
        guard !area.isEmpty else { return }
        var y = area.y
        for paragraph in headerParagraphs {
            for line in Paragraph(spans: paragraph).wrappedLines(width: area.width) {
                guard y < area.maxY else { return }
                buffer.write(line, x: area.x, y: y, clip: area)
                y += 1
            }
        }
        y += 1
        let body = Rect(x: area.x, y: y, width: area.width, height: area.maxY - y)
        guard !body.isEmpty else { return }
        let size = axis.paddedSize
        // On a big terminal each position gets 4 columns and 2 rows instead of 2 and 1, as long
        // as the output and legend still fit beside it and the one-axis strip under it.
        let zoom = 3 + 4 * size + 3 + Self.sideWidth <= body.width && 2 * size + 6 <= body.height ? 2 : 1
        let gridWidth = 3 + 2 * zoom * size
        let gridHeight = 1 + zoom * size
        if !prefersAxisStrip, gridHeight <= body.height, gridWidth <= body.width {
            renderGrid(into: &buffer, area: Rect(x: body.x, y: body.y, width: gridWidth, height: gridHeight), zoom: zoom)
            let side = Rect(x: body.x + gridWidth + 3, y: body.y, width: body.maxX - body.x - gridWidth - 3, height: body.height)
            let sideHeight = renderOutputAndLegend(into: &buffer, area: side)
            // Spare rows under the grid (a tall terminal) show the same geometry as one axis.
            let used = max(gridHeight, sideHeight) + 1
            let below = Rect(x: body.x, y: body.y + used, width: body.width, height: body.height - used)
            if below.height >= 4 { renderAxisStrip(into: &buffer, area: below) }
        } else {
            renderAxisStrip(into: &buffer, area: body)
            let side = Rect(x: body.x, y: body.y + 7, width: body.width, height: body.height - 7)
            renderOutputAndLegend(into: &buffer, area: side)
        }
    }

    // MARK: text

    /// The formula, symbolic then with numbers: `(W − F + 2P)/S + 1 = (7 − 3 + 2·0)/1 + 1 = 5`;
    /// a result that is not whole is given as a reduced fraction and two decimals (`7/3 = 2.33`).
    var formulaText: String {
        let symbolic = dilation == 1 ? "(W − F + 2P)/S + 1" : "(W − F′ + 2P)/S + 1"
        return "\(symbolic) = \(axis.formula) = \(resultText)"
    }

    /// `5`, or `7/3 = 2.33` from `AxisGeometry.exactOutput`.
    var resultText: String {
        let (numerator, denominator) = axis.exactOutput
        if denominator == 1 { return "\(numerator)" }
        return "\(numerator)/\(denominator) = \(NumberFormatting.fixed(Double(numerator) / Double(denominator), decimals: 2))"
    }

    /// Paragraphs of styled text above the drawing, in order.
    var headerParagraphs: [[Span]] {
        var paragraphs: [[Span]] = []
        let validated = axis.validated
        let formulaStyle: Style
        if case .success = validated { formulaStyle = Self.goodStyle } else { formulaStyle = Self.problemStyle }
        let formula = formulaText
        let resultStart = formula.index(formula.endIndex, offsetBy: -resultText.count)
        paragraphs.append([Span(String(formula[..<resultStart])), Span(resultText, style: formulaStyle)])
        if dilation > 1 {
            paragraphs.append([Span(
                "dilated window F′ = D·(F − 1) + 1 = \(dilation)·(\(kernelSize) − 1) + 1 = \(axis.effectiveKernelSize) input positions")])
        }
        let uncovered = axis.uncoveredInputs
        switch validated {
        case let .success(output):
            var text = "Output \(output)×\(output): \(output * output) windows"
            text += uncovered.isEmpty
                ? ", and every input row and column is read."
                : "; rows and columns \(Self.list(uncovered)) are never read (×): the stride skips past them."
            paragraphs.append([Span(text)])
        case .failure(.doesNotTile):
            let (numerator, denominator) = axis.exactOutput
            paragraphs.append([
                Span("\(numerator)/\(denominator) = \(NumberFormatting.fixed(Double(numerator) / Double(denominator), decimals: 2)) is not a whole number", style: Self.problemStyle),
                Span(": the windows do not tile the padded input."),
            ])
            let whole = axis.wholeWindowCount
            if uncovered.isEmpty {
                paragraphs.append([Span("Only padding is left over; rounding down would give \(whole)×\(whole).")])
            } else {
                paragraphs.append([
                    Span("Input rows and columns "), Span(Self.list(uncovered), style: Self.uncoveredStyle),
                    Span(" would never be covered (×); rounding down to \(whole)×\(whole) would silently drop them."),
                ])
            }
            paragraphs.append([Span(suggestionText)])
        case let .failure(error):
            paragraphs.append([Span("No output: \(error).", style: Self.problemStyle)])
        }
        paragraphs.append([Span(samePaddingText)])
        return paragraphs
    }

    /// `Tiles with padding 1 or 4, or stride 2 or 4 · t applies padding 1`.
    var suggestionText: String {
        let suggestions = axis.tilingSuggestions()
        var options: [String] = []
        if !suggestions.paddings.isEmpty {
            options.append("padding \(suggestions.paddings.map(String.init).joined(separator: " or "))")
        }
        if !suggestions.strides.isEmpty {
            options.append("stride \(suggestions.strides.map(String.init).joined(separator: " or "))")
        }
        guard !options.isEmpty else { return "No nearby padding or stride tiles; change W or F." }
        var text = "Tiles with \(options.joined(separator: ", or "))"
        if let first = firstSuggestion { text += " · t applies \(first.parameter) \(first.value)" }
        return text + "."
    }

    /// The "same" padding offer from `AxisGeometry.samePadding`.
    var samePaddingText: String {
        guard let same = AxisGeometry.samePadding(kernelSize: kernelSize, dilation: dilation) else {
            return "No \"same\" padding: the window is \(axis.effectiveKernelSize) wide (even), so no equal padding on both sides keeps W."
        }
        if same == padding {
            return "P = \(same) is \"same\" padding for this window: at stride 1 the output stays \(inputSize)×\(inputSize)."
        }
        return "\"Same\" padding for this window is P = \(same) (output \(inputSize)×\(inputSize) at stride 1) · = applies it."
    }

    /// 6 → "6"; [5, 6] → "5 and 6"; [1, 3, 5] → "1, 3 and 5".
    static func list(_ numbers: [Int]) -> String {
        let texts = numbers.map(String.init)
        guard texts.count > 1 else { return texts.first ?? "" }
        return texts.dropLast().joined(separator: ", ") + " and " + texts.last!
    }

    // MARK: drawing

    /// What one padded position along an axis holds, and how it looks: padding `0`, an input
    /// index no window reads `×`, any other input index `·`.
    private func axisCell(_ paddedIndex: Int) -> (Character, Style) {
        let input = paddedIndex - padding
        if input < 0 || input >= inputSize { return ("0", Self.paddingStyle) }
        if axis.uncoveredInputs.contains(input) { return ("×", Self.uncoveredStyle) }
        return ("·", .plain)
    }

    /// A padded grid cell: padding if either axis is, never read if either index is.
    private func cell(paddedIndex row: Int, _ column: Int) -> (Character, Style) {
        let (rowCharacter, rowStyle) = axisCell(row), (columnCharacter, columnStyle) = axisCell(column)
        if rowCharacter == "0" { return (rowCharacter, rowStyle) }
        if columnCharacter == "0" { return (columnCharacter, columnStyle) }
        if rowCharacter == "×" { return (rowCharacter, rowStyle) }
        return (columnCharacter, columnStyle)
    }

    /// Input positions (row, column) of the current window's taps.
    private var windowTaps: Set<GridIndex> {
        guard let window = currentWindow else { return [] }
        var taps = Set<GridIndex>()
        for tapRow in 0..<kernelSize {
            for tapColumn in 0..<kernelSize {
                let position = window.inputPosition(tapRow: tapRow, tapColumn: tapColumn)
                taps.insert(GridIndex(row: position.row, column: position.column))
            }
        }
        return taps
    }

    /// Input indices where a whole window starts along one axis.
    private var windowStarts: [Int] { (0..<windowsPerAxis).map { axis.windowStart($0) } }

    /// The padded grid: a label row, then one text row per padded row, two columns per cell.
    /// The width the output grid and legend need beside the input grid for the zoomed grid.
    private static let sideWidth = 30

    /// The padded input, one position per `2·zoom` columns and `zoom` rows: zoom 1 draws each
    /// glyph with a gap column after it; zoom 2 centres it in a 3-wide cell with a spare row
    /// under it. A window's taps are filled in, and neighbouring taps (no dilation gap between
    /// them) join into one solid block, across and down.
    private func renderGrid(into buffer: inout Buffer, area: Rect, zoom: Int) {
        let size = axis.paddedSize
        let taps = windowTaps
        let starts = Set(windowStarts)
        let pitch = 2 * zoom, cellWidth = pitch - 1
        // The glyph of position (row, column) sits at (glyphX, glyphY).
        func glyphX(_ column: Int) -> Int { area.x + 4 + pitch * column + (zoom - 1) }
        func glyphY(_ row: Int) -> Int { area.y + 1 + zoom * row }
        for column in 0..<size {
            let input = column - padding
            if input >= 0, input < inputSize, inputSize <= 10 || input % 5 == 0 {
                buffer.write(Self.rightAligned("\(input)", 2), x: glyphX(column) - 1, y: area.y, style: Self.labelStyle, clip: area)
            }
        }
        func isTap(_ row: Int, _ column: Int) -> Bool { taps.contains(GridIndex(row: row - padding, column: column - padding)) }
        for row in 0..<size {
            let inputRow = row - padding
            if inputRow >= 0, inputRow < inputSize, inputSize <= 10 || inputRow % 5 == 0 {
                buffer.write(Self.rightAligned("\(inputRow)", 2), x: area.x, y: glyphY(row), style: Self.labelStyle, clip: area)
            }
            for column in 0..<size {
                let inputColumn = column - padding
                var (character, style) = cell(paddedIndex: row, column)
                if showsAllStarts, starts.contains(inputRow), starts.contains(inputColumn) {
                    character = "+"
                    style = Self.startStyle
                }
                let left = area.x + 4 + pitch * column
                if isTap(row, column) {
                    style = style.patched(with: Self.windowStyle)
                    let joinsRight = isTap(row, column + 1), joinsDown = isTap(row + 1, column)
                    for dy in 0..<zoom where dy == 0 || joinsDown {
                        let width = cellWidth + (joinsRight && (dy == 0 || isTap(row + 1, column + 1)) ? 1 : 0)
                        for dx in 0..<width { buffer.set(x: left + dx, y: glyphY(row) + dy, " ", style: Self.windowStyle) }
                    }
                }
                buffer.set(x: glyphX(column), y: glyphY(row), character, style: style)
            }
        }
    }

    /// The output grid (current cell reversed) and the legend, top to bottom.
    /// - Returns: the rows used.
    @discardableResult
    private func renderOutputAndLegend(into buffer: inout Buffer, area: Rect) -> Int {
        guard !area.isEmpty else { return 0 }
        var y = area.y
        let count = windowsPerAxis
        let title: String
        if let output = axis.outputSize {
            title = "output \(output)×\(output)"
        } else if count > 0 {
            title = "whole windows \(count)×\(count) (rounded down)"
        } else {
            title = "no output: no window fits"
        }
        buffer.write(title, x: area.x, y: y, style: Style(bold: true), clip: area)
        y += 1
        if count > 0, count + y <= area.maxY - 3, 2 * count <= area.width {
            let current = currentWindow
            for row in 0..<count {
                for column in 0..<count {
                    let isCurrent = current?.outputRow == row && current?.outputColumn == column
                    buffer.set(x: area.x + 1 + 2 * column, y: y, "·", style: isCurrent ? Self.windowStyle : .plain)
                }
                y += 1
            }
        } else if count > 0 {
            buffer.write("(too large to draw here)", x: area.x, y: y, style: Self.labelStyle, clip: area)
            y += 1
        }
        y += 1
        var legend: [(Character, Style, String)] = [
            ("0", Self.paddingStyle, "padding (zeros)"),
            ("·", .plain, "input value"),
            ("·", Self.windowStyle, "current window's taps"),
        ]
        if !axis.uncoveredInputs.isEmpty { legend.append(("×", Self.uncoveredStyle, "never read by any window")) }
        if showsAllStarts { legend.append(("+", Self.startStyle, "where a window starts")) }
        for (character, style, text) in legend where y < area.maxY {
            buffer.set(x: area.x + 1, y: y, character, style: style)
            buffer.write(text, x: area.x + 3, y: y, style: Self.labelStyle, clip: area)
            y += 1
        }
        return y - area.y
    }

    /// One axis as a strip: positions (padding, input, never read; the current window's taps
    /// reversed), window starts marked `^`, and the input index below (tens above units).
    private func renderAxisStrip(into buffer: inout Buffer, area: Rect) {
        guard area.height >= 2 else { return }
        let size = axis.paddedSize
        let fits = size + 2 <= area.width
        let title = "One axis (rows and columns alike), W + 2P = \(inputSize) + 2·\(padding) = \(size) positions"
            + (fits ? ":" : ", cut at the edge:")
        buffer.write(title, x: area.x, y: area.y, style: Style(bold: true), clip: area)
        let columnTaps = Set(windowTaps.map(\.column))
        let starts = Set(windowStarts)
        let current = currentWindow.map { axis.windowStart($0.outputColumn) }
        let left = area.x + 2
        for position in 0..<size {
            let input = position - padding
            let (character, baseStyle) = axisCell(position)
            let isPadding = input < 0 || input >= inputSize
            let style = columnTaps.contains(input) ? baseStyle.patched(with: Self.windowStyle) : baseStyle
            buffer.set(x: left + position, y: area.y + 1, character, style: style)
            if area.height > 2, starts.contains(input) {
                buffer.set(x: left + position, y: area.y + 2, "^", style: input == current ? Self.windowStyle : Self.startStyle)
            }
            // Indices past 9 are written downwards, tens above units, so each column reads as
            // its number (1 over 2 is 12); indices below 10 have no tens digit. Sizes stop at
            // 64, so two rows always suffice. Without room for both rows only units show.
            if area.height > 3, !isPadding {
                let hasTensRow = inputSize > 10 && area.height > 4
                if hasTensRow, input >= 10 {
                    buffer.set(x: left + position, y: area.y + 3, Character("\(input / 10)"), style: Self.labelStyle)
                }
                buffer.set(x: left + position, y: area.y + (hasTensRow ? 4 : 3), Character("\(input % 10)"), style: Self.labelStyle)
            }
        }
        let textRow = area.y + (inputSize > 10 ? 5 : 4)
        if textRow < area.maxY {
            buffer.write(windowStartsText, x: area.x, y: textRow, style: Self.labelStyle, clip: area)
        }
    }

    /// `Window starts: 0, 3; the last reads 3…5, so 6 is left over.` (Indices below 0 or from
    /// W up lie in the padding.)
    var windowStartsText: String {
        let starts = windowStarts
        guard let last = starts.last else { return "No window fits inside the padded input." }
        let shown = starts.count > 6
            ? starts.prefix(3).map(String.init).joined(separator: ", ") + ", …, " + String(last)
            : starts.map(String.init).joined(separator: ", ")
        let lastEnd = axis.inputIndex(output: starts.count - 1, tap: kernelSize - 1)
        var text = "Window starts: \(shown); the last reads \(last)…\(lastEnd)"
        let paddedEnd = inputSize - 1 + padding
        if lastEnd < paddedEnd {
            text += lastEnd + 1 == paddedEnd ? ", so \(paddedEnd) is left over" : ", so \(lastEnd + 1)…\(paddedEnd) are left over"
        }
        return text + "."
    }

    private static func rightAligned(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(width - text.count, 0)) + text
    }
}
