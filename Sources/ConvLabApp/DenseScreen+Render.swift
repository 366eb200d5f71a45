import ConvEngine
import TerminalUI

// Drawing for the dense demo. Left: the canvas, as large as fits, with rulers under it marking
// the chosen digit's true box b and estimated box b̂ across the columns. Right: the class map
// (one character per window position) and the localisation numbers; while the net trains, its
// progress instead.

extension DenseScreen {
    private static let labelStyle = Style(dim: true)
    private static let titleStyle = Style(bold: true)
    private static let gap = 2
    /// The narrowest right column: the class map at stride 1 is 31 windows wide.
    private static let columnWidth = 34

    public func render(into buffer: inout Buffer, area: Rect) {
        guard !area.isEmpty else { return }
        let canvasHeight = DenseDetectionExperiment.canvasHeight, canvasWidth = DenseDetectionExperiment.canvasWidth
        let size = DenseDetectionExperiment.windowSize
        buffer.write("A \(size)×\(size) digit classifier slid over a \(canvasHeight)×\(canvasWidth) canvas, stride \(stride)",
                     x: area.x, y: area.y, style: Self.titleStyle, clip: area)
        let scale = canvasScale(area: area)
        let canvasArea = Rect(x: area.x, y: area.y + 2, width: canvasWidth * scale,
                              height: colorCapability == .none ? canvasHeight * scale : (canvasHeight * scale + 1) / 2)
        buffer.write("canvas, 3 digits", x: area.x, y: area.y + 1, style: Self.labelStyle, clip: area)
        let pixels = (0..<canvasHeight).map { row in (0..<canvasWidth).map { experiment.canvas[0, 0, row, $0] } }
        Heatmap(values: pixels, colorMap: .sequential, range: 0...1, colorCapability: colorCapability,
                scale: scale, showsLegend: false).render(into: &buffer, area: canvasArea.intersection(area))
        var y = canvasArea.maxY
        for (box, name) in [(Optional(digit.trueBox), "b true"), (estimatedBox?.box, "b̂ estimate")] {
            guard let box, y < area.maxY else { continue }
            buffer.write(Self.ruler(from: box.x, width: box.width, scale: scale) + " " + name,
                         x: area.x, y: y, style: name == "b true" ? Style(foreground: .green, bold: true) : Style(foreground: .yellow, bold: true), clip: area)
            y += 1
        }
        let columnX = canvasArea.maxX + Self.gap
        let column = Rect(x: columnX, y: area.y + 1, width: max(area.maxX - columnX, 0), height: area.height - 1)
        renderColumn(into: &buffer, area: column)
    }

    /// `├────┤` under canvas columns x…x+width, indented to x (both scaled and rounded).
    static func ruler(from x: Double, width: Double, scale: Int) -> String {
        let start = Int((x * Double(scale)).rounded()), length = max(Int((width * Double(scale)).rounded()), 2)
        return String(repeating: " ", count: max(start, 0)) + "├" + String(repeating: "─", count: length - 2) + "┤"
    }

    /// The largest canvas scale (up to 4) that leaves the right column and the header rows room.
    private func canvasScale(area: Rect) -> Int {
        for scale in Swift.stride(from: 4, to: 1, by: -1) {
            let rows = colorCapability == .none ? DenseDetectionExperiment.canvasHeight * scale : (DenseDetectionExperiment.canvasHeight * scale + 1) / 2
            if DenseDetectionExperiment.canvasWidth * scale + Self.gap + Self.columnWidth <= area.width && rows + 4 <= area.height {
                return scale
            }
        }
        return 1
    }

    private func renderColumn(into buffer: inout Buffer, area: Rect) {
        var y = area.y
        func paragraph(_ text: String, _ style: Style = .plain) {
            for line in Paragraph(text, style: style).wrappedLines(width: area.width) where y < area.maxY {
                buffer.write(line, x: area.x, y: y, clip: area)
                y += 1
            }
        }
        guard let classMap else {
            paragraph("training… \(trainingPercent)%", Self.titleStyle)
            paragraph("a CNN on \(DenseDetectionExperiment.digitCount) digits + \(DenseDetectionExperiment.backgroundCount) background crops, \(DenseDetectionExperiment.epochs) epochs", Self.labelStyle)
            return
        }
        paragraph("class map \(classMap.rows)×\(classMap.columns) (· background, dim p<50%)", Self.labelStyle)
        for row in classMap.lines(highlighting: digit.label, colorCapability: colorCapability) where y < area.maxY {
            buffer.write(row, x: area.x, y: y, clip: area)
            y += 1
        }
        y += 1
        paragraph("Sliding the classifier over every window = running it convolutionally (a fully convolutional net: the idea behind segmentation).")
        y += 1
        for (text, style) in localisationLines { paragraph(text, style) }
    }

    static func number(_ value: Double) -> String { NumberFormatting.fixed(value, decimals: 1) }

    /// The localisation view's text: which digit, how b̂ is made, b̂, b and the loss's terms.
    var localisationLines: [(String, Style)] {
        let truth = digit.trueBox
        var lines: [(String, Style)] = [
            ("digit \(chosenDigit + 1) of \(experiment.digits.count), class \(digit.label):", Self.titleStyle),
            ("b̂ = confidence-weighted mean of the windows predicting \(digit.label), not a trained regressor", Self.labelStyle),
        ]
        let tuple = { (box: BoundingBox) in "(" + box.components.map(Self.number).joined(separator: ", ") + ")" }
        guard let estimate = estimatedBox else {
            lines.append(("no window predicts \(digit.label): no box", .plain))
            lines.append(("b  (x,y,w,h) = \(tuple(truth))", Style(foreground: .green)))
            return lines
        }
        lines.append(("b̂ (x,y,w,h) = \(tuple(estimate.box)) from \(estimate.windows) windows", Style(foreground: .yellow)))
        lines.append(("b  (x,y,w,h) = \(tuple(truth)) ink box", Style(foreground: .green)))
        let terms = zip(estimate.box.components, truth.components).map { Self.number(($0 - $1) * ($0 - $1)) }
        lines.append(("‖b̂−b‖² = \(terms.joined(separator: " + ")) = \(Self.number(boxLoss ?? 0))", Self.titleStyle))
        return lines
    }
}

extension ClassMap {
    /// One line per window row: each window's class digit (`·` for background), dimmed when
    /// its probability is below ½; windows predicting `label` are shown reversed.
    func lines(highlighting label: Int, colorCapability: ColorCapability) -> [[Span]] {
        (0..<rows).map { row in
            (0..<columns).map { column in
                let predicted = classes[row][column]
                let text = predicted == DenseDetectionExperiment.backgroundClass ? "·" : "\(predicted)"
                var style = confidences[row][column] < 0.5 ? Style(dim: true) : Style.plain
                if predicted == label { style = colorCapability == .none ? style.reversed() : style.withForeground(.yellow).bolded() }
                return Span(text, style: style)
            }
        }
    }
}
