import ConvEngine
import TerminalUI

// The shift-behaviour page: for the network as trained so far, each layer's relative
// equivariance error for right shifts 0…4 (ShiftEquivariance: circular shifts; at a layer of
// cumulative stride S a shift s is compared with s/S, or with the nearer whole shift when S
// does not divide s, marked ~), and the classification consistency of Zhang (2019) beside a
// perceptron of about the same parameter count trained the same way (ShiftComparison). The
// engine measures, off the UI thread; this file draws.

extension TrainingDashboardScreen {
    /// Right shifts measured for equivariance, and the ± range of the consistency's shifts
    /// (the synthetic digits already wander ±3 px, so a network that learnt them should cope).
    static let measuredShift = 4

    /// While the page is up: collects a finished measurement, and starts one when the weights
    /// changed since the last (once an epoch while training runs, at once when paused), never
    /// two at a time.
    mutating func refreshShiftComparison() {
        if let pending = inspection.pendingShiftComparison, let result = pending.job.result {
            inspection.shiftComparison = result
            inspection.shiftComparisonKey = pending.key
            inspection.pendingShiftComparison = nil
        }
        guard inspection.pendingShiftComparison == nil, let snapshot, let datasets = session.datasets, datasets.test.count > 0 else { return }
        let batches = snapshot.status == .running ? snapshot.completedEpochs * max(snapshot.batchesPerEpoch, 1) : snapshot.batchLosses.count
        let key = DashboardInspection.WeightsKey(run: session.runNumber, batches: batches)
        guard key != inspection.shiftComparisonKey else { return }
        let model = snapshot.model, configuration = setup.configuration
        let epochs = max(snapshot.completedEpochs, 1), seed = configuration.seed
        inspection.pendingShiftComparison = (key, BackgroundComputation(name: "convlab-shift") {
            ShiftComparison.measure(model: model, training: datasets.training, test: datasets.test, configuration: configuration,
                                    epochs: epochs, maximumShift: Self.measuredShift, seed: seed)
        })
    }

    func renderShiftBehaviourPage(into buffer: inout Buffer, area: Rect) {
        guard !area.isEmpty else { return }
        buffer.write("shift behaviour: ‖F(shift x) − shift F(x)‖ / ‖F(x)‖ per layer", x: area.x, y: area.y, style: Self.titleStyle, clip: area)
        guard let comparison = inspection.shiftComparison else {
            buffer.write("measuring, and training a perceptron the same way to compare…", x: area.x, y: area.y + 2, style: Self.dimStyle, clip: area)
            return
        }
        let stale = inspection.pendingShiftComparison != nil ? " (measuring again…)" : ""
        buffer.write("right shifts, circular; ~ nearest whole shift at a strided layer\(stale)", x: area.x, y: area.y + 1, style: Self.dimStyle, clip: area)
        let labelWidth = min(30, max(area.width - 6 * comparison.equivariance.shifts.count, 8))
        var y = area.y + 2
        var x = buffer.write("layer \\ shift", x: area.x, y: y, style: Self.dimStyle, clip: area)
        x = area.x + labelWidth
        for shift in comparison.equivariance.shifts {
            x = buffer.write(String(repeating: " ", count: max(0, 6 - String(shift).count)) + String(shift), x: x, y: y, style: Self.dimStyle, clip: area)
        }
        y += 1
        for (index, row) in comparison.equivariance.layers.enumerated() where y < area.maxY - 3 {
            let label = "\(index) \(row.name)" + (row.isSpatial ? "" : " (invariance)")
            buffer.write(String(label.prefix(labelWidth - 1)), x: area.x, y: y, clip: area)
            var cellX = area.x + labelWidth
            for (error, whole) in zip(row.errors, row.isWholeShift) {
                let text = (error.isFinite ? NumberFormatting.fixed(Double(error), decimals: 2) : "inf") + (whole ? " " : "~")
                cellX = buffer.write(String(repeating: " ", count: max(0, 6 - text.count)) + text, x: cellX, y: y, style: Self.errorStyle(error), clip: area)
            }
            y += 1
        }
        y += 1
        let percent = { (value: Double) in NumberFormatting.fixed(value * 100, decimals: 1) + "%" }
        buffer.write("same class for two random shifts of ±\(Self.measuredShift) px (Zhang 2019):", x: area.x, y: y, style: Self.titleStyle, clip: area)
        buffer.write("network: \(percent(comparison.networkConsistency)), \(comparison.networkParameterCount) parameters, test acc \(percent(comparison.networkAccuracy))",
                     x: area.x, y: y + 1, clip: area)
        let perceptron: String
        if let consistency = comparison.perceptronConsistency, let accuracy = comparison.perceptronAccuracy {
            perceptron = "perceptron: \(percent(consistency)), \(comparison.perceptronParameterCount) parameters, test acc \(percent(accuracy)), \(comparison.epochs) epoch\(comparison.epochs == 1 ? "" : "s")"
        } else {
            perceptron = "perceptron: training failed (\(comparison.perceptronFailure ?? "?"))"
        }
        buffer.write(perceptron, x: area.x, y: y + 2, clip: area)
        buffer.write(comparison.perceptronSpec, x: area.x, y: y + 3, style: Self.dimStyle, clip: area)
    }

    /// Green below 1%, yellow below 10%, red above: how far from equivariant.
    static func errorStyle(_ error: Float) -> Style {
        if error < 0.01 { return Style(foreground: .green) }
        if error < 0.1 { return Style(foreground: .yellow) }
        return Style(foreground: .red, bold: true)
    }
}
