import ConvEngine
import Foundation

/// What `convlab train` prints while it trains. On a terminal: one progress line redrawn in
/// place with `\r` (bar, images/s, ETA, running loss), replaced by a summary at each epoch's
/// end. Otherwise (a pipe, a log file): plain `key=value` lines, nothing redrawn: one at each
/// tenth of an epoch, so a long epoch shows it is alive, and one at each epoch's end.
struct TrainProgress {
    let isTerminal: Bool
    let quiet: Bool
    let epochCount: Int
    let batchesPerEpoch: Int
    let batchSize: Int
    let trainingCount: Int
    private var lastDraw: ContinuousClock.Instant?
    private let clock = ContinuousClock()

    init(
        quiet: Bool, epochCount: Int, batchesPerEpoch: Int, batchSize: Int, trainingCount: Int,
        isTerminal: Bool = isatty(STDOUT_FILENO) == 1
    ) {
        self.isTerminal = isTerminal
        self.quiet = quiet
        self.epochCount = epochCount
        self.batchesPerEpoch = batchesPerEpoch
        self.batchSize = batchSize
        self.trainingCount = trainingCount
    }

    /// After each batch: redraws the bar on a terminal, at most ten times a second.
    mutating func batchDone(_ result: BatchResult, imagesPerSecond: Double) {
        guard !quiet else { return }
        guard isTerminal else {
            if let line = plainLine(after: result, imagesPerSecond: imagesPerSecond) { write(line + "\n") }
            return
        }
        let now = clock.now
        if let lastDraw, now - lastDraw < .milliseconds(100), !result.endsEpoch { return }
        lastDraw = now
        let fraction = Double(result.batch) / Double(batchesPerEpoch)
        let width = 24
        let filled = Int(fraction * Double(width))
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        let remainingImages = Double(trainingCount) * Double(epochCount - result.epoch + 1) - Double(trainingCount) * fraction
        let eta = imagesPerSecond > 0 ? Self.duration(remainingImages / imagesPerSecond) : "?"
        let line = "epoch \(result.epoch)/\(epochCount) [\(bar)] \(Int(fraction * 100))% "
            + "\(Int(imagesPerSecond.rounded())) img/s ETA \(eta) loss \(Self.fixed(Double(result.loss)))"
        write("\r\u{1B}[K" + line)
    }

    /// The line for a log after `result`'s batch, when that batch completes another tenth of
    /// its epoch (not the epoch's last batch: `epochDone` reports that), else nil.
    /// `epoch 1/3 batch 188/1875 loss=2.1034 images_per_s=812`
    func plainLine(after result: BatchResult, imagesPerSecond: Double) -> String? {
        guard !result.endsEpoch, batchesPerEpoch > 0, result.batch > 0, result.batch < batchesPerEpoch else { return nil }
        // The tenths reached after this batch and after the one before; a line when they differ.
        let tenths = result.batch * 10 / batchesPerEpoch, before = (result.batch - 1) * 10 / batchesPerEpoch
        guard tenths > before else { return nil }
        return "epoch \(result.epoch)/\(epochCount) batch \(result.batch)/\(batchesPerEpoch) loss=\(Self.fixed(Double(result.loss))) "
            + "images_per_s=\(Int(imagesPerSecond.rounded()))"
    }

    /// After each epoch: its metrics on one line (replacing the bar on a terminal).
    func epochDone(_ metrics: EpochMetrics, imagesPerSecond: Double) {
        guard !quiet else { return }
        let line = "epoch \(metrics.epoch)/\(epochCount) train_loss=\(Self.fixed(Double(metrics.trainLoss))) "
            + "train_accuracy=\(Self.fixed(metrics.trainAccuracy)) test_loss=\(Self.fixed(Double(metrics.testLoss))) "
            + "test_accuracy=\(Self.fixed(metrics.testAccuracy)) images_per_s=\(Int(imagesPerSecond.rounded()))"
        write((isTerminal ? "\r\u{1B}[K" : "") + line + "\n")
    }

    /// Any other line.
    func line(_ text: String) {
        guard !quiet else { return }
        write(text + "\n")
    }

    private func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    /// Four decimals: `0.9812`.
    static func fixed(_ value: Double) -> String { String(format: "%.4f", value) }

    /// `1:05` or `1:02:03`.
    static func duration(_ seconds: Double) -> String {
        let total = Int(seconds.rounded())
        let (hours, minutes, rest) = (total / 3600, total / 60 % 60, total % 60)
        return hours > 0 ? String(format: "%d:%02d:%02d", hours, minutes, rest) : String(format: "%d:%02d", minutes, rest)
    }
}
