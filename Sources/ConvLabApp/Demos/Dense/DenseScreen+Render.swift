import ConvEngine
import TerminalUI

// Drawing for the dense demo. Left: the canvas, as large as fits; once trained, the chosen
// digit's true ink box (single line) and the box head's prediction (double line) drawn on it,
// with a legend under it. Right: while the net trains, its progress and losses per epoch; then
// the class map (one character per window position) and the localisation numbers. The screen
// writes "pred" and "true" rather than b̂ and b: a combining circumflex does not survive every
// terminal.

extension DenseScreen {
    private static let labelStyle = Style(dim: true)
    private static let titleStyle = Style(bold: true)
    private static let truthStyle = Style(foreground: .green, bold: true)
    private static let estimateStyle = Style(foreground: .yellow, bold: true)
    private static let problemStyle = Style(foreground: .red)
    private static let gap = 2
    /// The narrowest right column: the class map at stride 1 is 31 windows wide.
    private static let columnWidth = 34

    func render(into buffer: inout Buffer, area: Rect) {
        guard !area.isEmpty else { return }
        let canvasHeight = DenseDetectionExperiment.canvasHeight, canvasWidth = DenseDetectionExperiment.canvasWidth
        let size = DenseDetectionExperiment.windowSize
        buffer.write("A \(size)×\(size) two-headed net slid over an \(canvasHeight)×\(canvasWidth) canvas, stride \(stride)",
                     x: area.x, y: area.y, style: Self.titleStyle, clip: area)
        buffer.write("canvas, 3 digits", x: area.x, y: area.y + 1, style: Self.labelStyle, clip: area)
        let scale = canvasScale(area: area)
        let canvasArea = Rect(x: area.x, y: area.y + 2, width: canvasWidth * scale,
                              height: (canvasHeight * scale + 1) / 2)
            .intersection(area)
        let pixels = (0..<canvasHeight).map { row in (0..<canvasWidth).map { experiment.canvas[0, 0, row, $0] } }
        Heatmap(values: pixels, colorMap: .sequential, range: 0...1, colorCapability: colorCapability,
                scale: scale, showsLegend: false).render(into: &buffer, area: canvasArea)
        if let localisation {
            Box(borderStyle: Self.truthStyle).render(into: &buffer, area: cells(of: digit.trueBox, scale: scale, canvas: canvasArea))
            Box(borderStyle: Self.estimateStyle, line: .double)
                .render(into: &buffer, area: cells(of: localisation.box, scale: scale, canvas: canvasArea))
            let legend = [Span("┌┐ true ink box", style: Self.truthStyle), Span("  "), Span("╔╗ pred by the box head", style: Self.estimateStyle)]
            buffer.write(legend, x: area.x, y: canvasArea.maxY, clip: area)
        }
        let columnX = canvasArea.maxX + Self.gap
        let column = Rect(x: columnX, y: area.y + 1, width: max(area.maxX - columnX, 0), height: area.height - 1)
        renderColumn(into: &buffer, area: column)
    }

    /// The cells a box in canvas pixels covers on the canvas drawn at `scale` (two pixel rows
    /// per text row, with or without colour), kept inside the canvas and at least 2×2 so it has a border.
    func cells(of box: BoundingBox, scale: Int, canvas: Rect) -> Rect {
        let horizontal = Double(scale), vertical = Double(scale) / 2
        var left = Int((box.x * horizontal).rounded(.down)), right = Int(((box.x + box.width) * horizontal).rounded(.up)) - 1
        var top = Int((box.y * vertical).rounded(.down)), bottom = Int(((box.y + box.height) * vertical).rounded(.up)) - 1
        left = min(max(left, 0), canvas.width - 2)
        top = min(max(top, 0), canvas.height - 2)
        right = min(max(right, left + 1), canvas.width - 1)
        bottom = min(max(bottom, top + 1), canvas.height - 1)
        return Rect(x: canvas.x + left, y: canvas.y + top, width: right - left + 1, height: bottom - top + 1)
    }

    /// The largest canvas scale (up to 4) that leaves the right column and the header rows room.
    private func canvasScale(area: Rect) -> Int {
        for scale in Swift.stride(from: 4, to: 1, by: -1) {
            let rows = (DenseDetectionExperiment.canvasHeight * scale + 1) / 2
            if DenseDetectionExperiment.canvasWidth * scale + Self.gap + Self.columnWidth <= area.width && rows + 3 <= area.height {
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
        if let tilingNote { paragraph(tilingNote, Self.problemStyle) }
        guard let classMap else {
            for (text, style) in trainingLines { paragraph(text, style) }
            return
        }
        paragraph("class map \(classMap.rows)×\(classMap.columns) (· background, dim p<50%)", Self.labelStyle)
        for row in classMap.lines(highlighting: digit.label, colorCapability: colorCapability) where y < area.maxY {
            buffer.write(row, x: area.x, y: y, clip: area)
            y += 1
        }
        y += 1
        paragraph("One net run on every window at once: the fully convolutional idea behind segmentation.")
        y += 1
        for (text, style) in localisationLines { paragraph(text, style) }
    }

    static func number(_ value: Double, decimals: Int = 1) -> String { NumberFormatting.fixed(value, decimals: decimals) }

    /// Why the windows at this stride leave the canvas's last rows or columns unseen, from the
    /// exact rule's geometry: `stride 3 does not tile the 18×44 canvas: height (18 − 14 + 2·0)/3
    /// + 1 = 2.33, the last 1 row gets no window; …`. Nil when the stride tiles.
    var tilingNote: String? {
        let exact = DenseDetectionExperiment.windowGeometry(stride: stride, convention: .exact)
        guard case .failure = exact.validated else { return nil }
        var parts: [String] = []
        for (name, axis, noun) in [("height", exact.height, "row"), ("width", exact.width, "column")] where axis.remainder > 0 {
            let value = Double(axis.exactOutput.numerator) / Double(axis.exactOutput.denominator)
            let count = axis.remainder
            parts.append("\(name) \(axis.formula) = \(Self.number(value, decimals: 2)), so the last \(count) \(noun)\(count == 1 ? "" : "s") \(count == 1 ? "gets" : "get") no window")
        }
        let canvas = "\(DenseDetectionExperiment.canvasHeight)×\(DenseDetectionExperiment.canvasWidth)"
        return "stride \(stride) does not tile the \(canvas) canvas: " + parts.joined(separator: "; ") + " (rounded down, as PyTorch does)"
    }

    /// "λ" in the loss as the experiment sets it.
    private static var lossFormula: String {
        "CE + \(NumberFormatting.fixed(Double(DenseDetectionExperiment.boxLossWeight), decimals: 0))·‖pred − true‖²"
    }

    /// While training: the progress, what the net is, and each finished epoch's losses.
    var trainingLines: [(String, Style)] {
        var lines: [(String, Style)] = [
            ("training… \(trainingPercent)%", Self.titleStyle),
            ("one CNN, two heads: 11 class scores (10 digits, background) and 4 box numbers; loss = batch mean of \(Self.lossFormula) (box term for digit windows only); \(experiment.training.count) windows",
             Self.labelStyle),
        ]
        if !experiment.epochLosses.isEmpty { lines.append(("epoch: mean CE, mean box loss, % right", Self.labelStyle)) }
        for (index, epoch) in experiment.epochLosses.enumerated() {
            lines.append(("epoch \(index + 1): CE \(Self.number(epoch.classLoss, decimals: 2)), box \(Self.number(epoch.boxLoss, decimals: 3)), \(Int((epoch.accuracy * 100).rounded()))%", .plain))
        }
        switch experiment.failure {
        case let .nonFiniteLoss(epoch, batch, _, _)?:
            lines.append(("training stopped: the loss was not finite at epoch \(epoch), batch \(batch)", Self.problemStyle))
        case .nonFiniteBeforeTraining?:
            lines.append(("training stopped: the loss was not finite before the first step", Self.problemStyle))
        case nil:
            break
        }
        return lines
    }

    /// Once trained: which digit, the window used, pred, true, the loss's terms and the held-out score.
    var localisationLines: [(String, Style)] {
        guard let localisation, let classMap else { return [] }
        let truth = digit.trueBox
        let (row, column) = classMap.origin(of: localisation.window)
        let tuple = { (box: BoundingBox) in "(" + box.components.map { Self.number($0) }.joined(separator: ", ") + ")" }
        let terms = localisation.box.squaredTerms(to: truth).map { Self.number($0) }
        var lines: [(String, Style)] = [
            ("digit \(chosenDigit + 1) of \(experiment.digits.count), class \(digit.label)", Self.titleStyle),
            ("pred = box head of the window most sure it is a \(digit.label), at (\(column), \(row)) with p = \(Self.number(Double(localisation.probability), decimals: 2)); (x, y, w, h) in px:", Self.labelStyle),
            ("pred = \(tuple(localisation.box))", Self.estimateStyle),
            ("true = \(tuple(truth))", Self.truthStyle),
            ("‖pred − true‖² = \(terms.joined(separator: " + ")) = \(Self.number(boxLoss ?? 0)) px²", Self.titleStyle),
        ]
        if let score = experiment.heldOutScore {
            lines.append(("held-out windows: \(Int((score.accuracy * 100).rounded()))% right, mean box loss \(Self.number(score.boxLoss)) px²; trained on \(Self.lossFormula)",
                          Self.labelStyle))
        }
        return lines
    }
}

extension ClassMap {
    /// One line per window row: each window's class digit (`·` for background), dimmed when
    /// its probability is below ½; windows predicting `label` are shown in yellow (reversed
    /// without colour).
    func lines(highlighting label: Int, colorCapability: ColorCapability) -> [[Span]] {
        (0..<rows).map { row in
            (0..<columns).map { column in
                let (predicted, probability) = prediction(row * columns + column)
                let text = predicted == DenseDetectionExperiment.backgroundClass ? "·" : "\(predicted)"
                var style = probability < 0.5 ? Style(dim: true) : Style.plain
                if predicted == label { style = colorCapability == .none ? style.reversed() : style.withForeground(.yellow).bolded() }
                return Span(text, style: style)
            }
        }
    }
}
