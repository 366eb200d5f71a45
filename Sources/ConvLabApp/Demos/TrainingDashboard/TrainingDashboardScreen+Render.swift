import ConvEngine
import TerminalUI

// Drawing for the training dashboard. Two header rows (state, speed, learning rate; epoch and
// batch gauges), then a top band and, on tall terminals, a bottom band:
//
//   ┌ header ─────────────────────────────────────────────────────────────────────┐
//   │ loss curve          │ conv filters      │ probabilities │ confusion matrix  │  top band
//   │ accuracy curve      │ (+ probe image)   │               │ (wide only)       │
//   ├─────────────────────┴───────────────────┴───────────────┴───────────────────┤
//   │ activation maps of every layer                │ second conv layer's filters │  bottom band
//   └─────────────────────────────────────────────────────────────────────────────┘
//
// At 80×22 the top band is all there is: the curves on the left, the first layer's filters
// and the probabilities on the right. The panels are in `+Panels`.

extension TrainingDashboardScreen {
    static let titleStyle = Style(bold: true)
    static let dimStyle = Style(dim: true)
    static let failureStyle = Style(foreground: .red, bold: true)
    static let batchLossStyle = Style(foreground: .cyan)
    static let trainStyle = Style(foreground: .yellow, bold: true)
    static let testStyle = Style(foreground: .green, bold: true)

    /// The right-hand column (filters over probabilities) on narrow terminals.
    static let sideColumnWidth = 34
    /// The top band's height when a bottom band is drawn too.
    static let topBandHeight = 24
    /// From this body height on, the activation maps get a band of their own.
    static let bottomBandMinimumHeight = 40
    /// From this width on, the confusion matrix gets a column in the top band.
    static let confusionColumnMinimumWidth = 150
    static let confusionColumnWidth = 54

    public func render(into buffer: inout Buffer, area: Rect) {
        guard !area.isEmpty else { return }
        let rows = area.split(.vertical, [.length(2), .fill])
        renderHeader(into: &buffer, area: rows[0])
        guard let snapshot else {
            buffer.write("Drawing \(datasetSizeText) synthetic digits; training starts in a moment…", x: area.x, y: rows[1].y + 1, style: Self.dimStyle, clip: area)
            return
        }
        let body = rows[1]
        if inspection.page != .overview { return renderInspectionPage(snapshot, into: &buffer, area: body) }
        let hasBottomBand = body.height >= Self.bottomBandMinimumHeight
        let top = hasBottomBand ? Rect(x: body.x, y: body.y, width: body.width, height: Self.topBandHeight) : body
        renderTopBand(snapshot, showsActivations: hasBottomBand, into: &buffer, area: top)
        if hasBottomBand {
            let bottom = Rect(x: body.x, y: top.maxY + 1, width: body.width, height: body.maxY - top.maxY - 1)
            renderBottomBand(snapshot, into: &buffer, area: bottom)
        }
    }

    private var datasetSizeText: String {
        if case let .synthetic(training, test) = setup.data { return "\(training) + \(test)" }
        return ""
    }

    // MARK: header

    /// Row 1: state · epoch · batch · speed · learning rate (or the failure, in red, over both
    /// rows). Row 2: the run's and the epoch's progress.
    func renderHeader(into buffer: inout Buffer, area: Rect) {
        guard let snapshot else {
            buffer.write("preparing · \(setup.configuration.epochs) epochs of \(datasetSizeText) digits", x: area.x, y: area.y, style: Self.titleStyle, clip: area)
            return
        }
        if case let .failed(reason) = snapshot.status {
            // The run stopped at the batch that failed; the status line offers the way on (R).
            let text = Paragraph(spans: [Span("failed: ", style: Self.failureStyle), Span(reason, style: Style(foreground: .red))])
            text.render(into: &buffer, area: area)
            return
        }
        let rows = area.split(.vertical, [.length(1), .length(1)])
        buffer.write(headerText(snapshot), x: area.x, y: rows[0].y, clip: rows[0])
        buffer.write(stateText, x: area.x, y: rows[0].y, style: stateStyle, clip: rows[0])
        let gauges = rows[1].split(.horizontal, [.fill, .fill], spacing: 2)
        let epochCount = max(snapshot.epochCount, 1)
        let batches = max(snapshot.batchesPerEpoch, 1)
        let runRatio = (Double(snapshot.completedEpochs) + Double(snapshot.batchInEpoch) / Double(batches)) / Double(epochCount)
        let currentEpoch = min(snapshot.completedEpochs + 1, epochCount)
        Gauge(ratio: runRatio, label: "epoch \(currentEpoch)/\(snapshot.epochCount) \(Int(runRatio * 100))%", filledStyle: Style(foreground: .blue))
            .render(into: &buffer, area: gauges[0])
        let shownBatch = snapshot.status == .finished ? batches : snapshot.batchInEpoch
        Gauge(ratio: Double(shownBatch) / Double(batches), label: "batch \(shownBatch)/\(batches)", filledStyle: Style(foreground: .cyan))
            .render(into: &buffer, area: gauges[1])
    }

    /// `running · 812 img/s · lr 0.05 (sgd) · batch 32 · test 97.1%`; the state word is
    /// drawn again on top in its colour.
    func headerText(_ snapshot: TrainingSnapshot) -> String {
        var parts = [stateText]
        parts.append("\(Int(snapshot.imagesPerSecond.rounded())) img/s")
        if let learningRate {
            parts.append("lr \(Self.format(learningRate: learningRate)) (\(setup.configuration.optimizer.rawValue))")
        }
        parts.append("batch size \(setup.configuration.batchSize)")
        if let accuracy = snapshot.testAccuracy { parts.append("test acc \(Self.percent(accuracy))") }
        return parts.joined(separator: " · ")
    }

    var stateStyle: Style {
        switch stateText {
        case "running": Style(foreground: .green, bold: true)
        case "finished": Style(foreground: .blue, bold: true)
        case "failed": Self.failureStyle
        default: Style(foreground: .yellow, bold: true)
        }
    }

    static func percent(_ fraction: Double) -> String {
        NumberFormatting.fixed(fraction * 100, decimals: 1) + "%"
    }

    // MARK: bands

    /// The sentence that stands in for the activation maps when the terminal is too short for
    /// their band.
    static let activationsHint = "enlarge the terminal to see the activation maps"

    private func renderTopBand(_ snapshot: TrainingSnapshot, showsActivations: Bool, into buffer: inout Buffer, area: Rect) {
        let wide = area.width >= Self.confusionColumnMinimumWidth
        if !wide {
            let columns = area.split(.horizontal, [.fill, .length(Self.sideColumnWidth)], spacing: 1)
            renderCharts(snapshot, hintingActivations: !showsActivations, into: &buffer, area: columns[0])
            // Every class's probability (a title and one bar per class) comes first; the
            // filters take what is left, and their panel counts the tiles it could not show.
            let probabilitiesHeight = 1 + max(probeProbabilities.count, 10)
            let filtersHeight = min(filterPanelHeight(snapshot, width: columns[1].width), max(columns[1].height - probabilitiesHeight - 1, 2))
            let side = columns[1].split(.vertical, [.length(filtersHeight), .fill], spacing: 1)
            renderFirstLayerFilters(snapshot, into: &buffer, area: side[0])
            renderProbabilities(into: &buffer, area: side[1])
            return
        }
        let columns = area.split(.horizontal, [.fill, .length(Self.sideColumnWidth), .length(32), .length(Self.confusionColumnWidth)], spacing: 2)
        renderCharts(snapshot, hintingActivations: !showsActivations, into: &buffer, area: columns[0])
        renderFirstLayerFilters(snapshot, into: &buffer, area: columns[1])
        renderProbeAndProbabilities(into: &buffer, area: columns[2])
        renderConfusionMatrix(snapshot, into: &buffer, area: columns[3])
    }

    /// The charts, over a last row saying where the activation maps are when they have no
    /// band of their own (rather than leaving them unmentioned).
    private func renderCharts(_ snapshot: TrainingSnapshot, hintingActivations: Bool, into buffer: inout Buffer, area: Rect) {
        let hint = hintingActivations ? Paragraph(Self.activationsHint, style: Self.dimStyle) : nil
        let hintHeight = hint.map { min($0.lineCount(width: area.width), 2) } ?? 0
        guard let hint, area.height > hintHeight + 8 else {
            renderCharts(snapshot, into: &buffer, area: area)
            return
        }
        let charts = Rect(x: area.x, y: area.y, width: area.width, height: area.height - hintHeight)
        renderCharts(snapshot, into: &buffer, area: charts)
        hint.render(into: &buffer, area: Rect(x: area.x, y: charts.maxY, width: area.width, height: hintHeight))
    }

    private func renderBottomBand(_ snapshot: TrainingSnapshot, into buffer: inout Buffer, area: Rect) {
        let secondLayerWidth = secondLayerPanelWidth(snapshot)
        let showsSecondLayer = secondLayerWidth > 0 && area.width - secondLayerWidth >= 80
        let columns = area.split(.horizontal, [.fill, .length(showsSecondLayer ? secondLayerWidth : 0)], spacing: 2)
        if area.width < Self.confusionColumnMinimumWidth {
            // The confusion matrix did not fit in the top band: it goes first here.
            let parts = columns[0].split(.horizontal, [.length(Self.confusionColumnWidth), .fill], spacing: 2)
            renderConfusionMatrix(snapshot, into: &buffer, area: parts[0])
            renderActivations(into: &buffer, area: parts[1])
        } else {
            renderActivations(into: &buffer, area: columns[0])
        }
        if showsSecondLayer { renderSecondLayerFilters(snapshot, into: &buffer, area: columns[1]) }
    }

    // MARK: curves

    /// The loss (every batch, and each epoch's train and test loss at the epoch's end) over the
    /// accuracy (train and test, at each epoch's end); both span the whole run's batches so
    /// they fill in from the left.
    func renderCharts(_ snapshot: TrainingSnapshot, into buffer: inout Buffer, area: Rect) {
        let halves = area.split(.vertical, [.fill, .fill], spacing: 0)
        let totalBatches = max(snapshot.epochCount * snapshot.batchesPerEpoch, 1)
        let epochEnds = snapshot.epochs.map { $0.epoch * snapshot.batchesPerEpoch - 1 }
        func atEpochEnds(_ values: [Float]) -> [Float] {
            var series = [Float](repeating: .nan, count: (epochEnds.last ?? -1) + 1)
            for (end, value) in zip(epochEnds, values) { series[end] = value }
            return series
        }
        let lastLoss = snapshot.batchLosses.last.map { NumberFormatting.fixed(Double($0), decimals: 3) } ?? "–"
        let scale = lossScaleIsLogarithmic ? "log axis" : "linear axis"
        buffer.write("loss (\(scale)), last batch \(lastLoss)", x: halves[0].x, y: halves[0].y, style: Self.titleStyle, clip: halves[0])
        LineChart(series: [
            LineChart.Series(name: "batch", values: snapshot.batchLosses, style: Self.batchLossStyle, marker: "•"),
            LineChart.Series(name: "epoch train", values: atEpochEnds(snapshot.epochs.map(\.trainLoss)), style: Self.trainStyle, marker: "o"),
            LineChart.Series(name: "test", values: atEpochEnds(snapshot.epochs.map(\.testLoss)), style: Self.testStyle, marker: "x"),
        ], xSampleCount: totalBatches, logarithmic: lossScaleIsLogarithmic).render(into: &buffer, area: halves[0].inset(top: 1))

        let accuracyTitle = snapshot.epochs.isEmpty
            ? "accuracy %: after each epoch"
            : "accuracy %: train \(Self.percent(snapshot.epochs.last!.trainAccuracy)), test \(Self.percent(snapshot.epochs.last!.testAccuracy))"
        buffer.write(accuracyTitle, x: halves[1].x, y: halves[1].y, style: Self.titleStyle, clip: halves[1])
        LineChart(series: [
            LineChart.Series(name: "train", values: atEpochEnds(snapshot.epochs.map { Float($0.trainAccuracy * 100) }), style: Self.trainStyle, marker: "o"),
            LineChart.Series(name: "test", values: atEpochEnds(snapshot.epochs.map { Float($0.testAccuracy * 100) }), style: Self.testStyle, marker: "x"),
        ], yRange: 0...100, xSampleCount: totalBatches, labelDecimals: 0).render(into: &buffer, area: halves[1].inset(top: 1))
    }
}

extension Rect {
    /// This rectangle without its first `top` rows.
    func inset(top: Int) -> Rect {
        Rect(x: x, y: y + min(top, height), width: width, height: height - top)
    }
}
