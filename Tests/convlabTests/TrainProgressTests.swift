@testable import ConvEngine
import Testing
@testable import convlab

/// What `convlab train` writes into a log (output not a terminal) during an epoch.
@Suite struct TrainProgressTests {
    static func result(batch: Int, of batches: Int, epoch: Int = 1) -> BatchResult {
        BatchResult(epoch: epoch, batch: batch, loss: 1.25, size: 32, correct: 10, endsEpoch: batch == batches)
    }

    /// 25 batches: a line after batches 3, 5, 8, 10, … (each crossing a tenth), none after the
    /// last, which the epoch's summary line reports.
    @Test func aLineAtEachTenthOfAnEpochWhenNotATerminal() {
        let progress = TrainProgress(quiet: false, epochCount: 2, batchesPerEpoch: 25, batchSize: 32, trainingCount: 800, isTerminal: false)
        let lines = (1...25).compactMap { progress.plainLine(after: Self.result(batch: $0, of: 25), imagesPerSecond: 811.6) }
        #expect(lines.count == 9)
        #expect(lines.first == "epoch 1/2 batch 3/25 loss=1.2500 images_per_s=812")
        #expect(lines.last == "epoch 1/2 batch 23/25 loss=1.2500 images_per_s=812")
    }

    /// With fewer than ten batches every batch but the last gets a line.
    @Test func shortEpochsReportEveryBatchButTheLast() {
        let progress = TrainProgress(quiet: false, epochCount: 1, batchesPerEpoch: 4, batchSize: 10, trainingCount: 40, isTerminal: false)
        let batches = (1...4).filter { progress.plainLine(after: Self.result(batch: $0, of: 4), imagesPerSecond: 1) != nil }
        #expect(batches == [1, 2, 3])
    }
}
