import Foundation
import Testing
@testable import ConvEngine

/// Polls `condition` every few milliseconds, for at most a minute (a generous bound on a slow
/// debug build; the test is about order, not speed).
private func eventually(_ condition: () -> Bool) -> Bool {
    for _ in 0..<12_000 {
        if condition() { return true }
        Thread.sleep(forTimeInterval: 0.005)
    }
    return condition()
}

@Suite struct TrainingControllerTests {
    @Test func runsToTheEndAndPublishesWhatTheUIDraws() throws {
        let trainer = try makeTrainer(trainCount: 24, testCount: 6, configuration: TrainingConfiguration(epochs: 2, batchSize: 8, seed: 3))
        let controller = TrainingController(trainer: trainer, probeIndex: 2)
        #expect(controller.snapshot.status == .notStarted)
        controller.start()
        let snapshot = controller.waitUntilDone()
        #expect(snapshot.status == .finished)
        #expect(snapshot.completedEpochs == 2)
        #expect(snapshot.batchLosses.count == 6)
        #expect(snapshot.epochs.count == 2)
        #expect(snapshot.imagesPerSecond > 0)
        #expect(snapshot.convolutionWeights.map(\.shape) == [[8, 1, 3, 3], [16, 8, 3, 3]])
        #expect(snapshot.probeImage.shape == [1, 1, 28, 28])
        #expect(snapshot.probeLabel == 2)  // synthetic labels cycle 0…9
        #expect(snapshot.probeActivations.map(\.shape) == [
            [1, 8, 28, 28], [1, 8, 28, 28], [1, 8, 14, 14], [1, 16, 14, 14], [1, 16, 14, 14], [1, 16, 7, 7], [1, 784], [1, 10],
        ])
        #expect(abs(snapshot.probeProbabilities.reduce(0, +) - 1) < 1e-5)

        // The same run driven directly gives the same result: the thread changes nothing.
        var direct = trainer
        try direct.trainEpoch()
        try direct.trainEpoch()
        #expect(direct.batchLosses == snapshot.batchLosses)
        #expect(direct.model.parameters[0].value == snapshot.convolutionWeights[0])
    }

    @Test func pauseStepSetRateAndStop() throws {
        let trainer = try makeTrainer(trainCount: 80, testCount: 4, configuration: TrainingConfiguration(epochs: 5, batchSize: 8, seed: 4))
        let controller = TrainingController(trainer: trainer, startPaused: true)
        controller.start()
        #expect(eventually { controller.snapshot.status == .paused })
        #expect(controller.snapshot.batchLosses.isEmpty)
        controller.stepOneBatch()
        controller.stepOneBatch()
        #expect(eventually { controller.snapshot.batchLosses.count == 2 })
        Thread.sleep(forTimeInterval: 0.05)
        #expect(controller.snapshot.batchLosses.count == 2, "a paused run trains only the batches asked for")
        controller.setLearningRate(0.01)
        #expect(eventually { controller.snapshot.learningRate == 0.01 })
        controller.resume()
        #expect(eventually { controller.snapshot.batchLosses.count > 2 })
        controller.stop()
        let last = controller.waitUntilDone()
        #expect(last.status == .stopped)
        #expect(last.batchLosses.count < 50)
        #expect(controller.isDone)
    }

    @Test func aDivergingRunEndsAsFailedWithTheMessage() throws {
        let trainer = try makeTrainer(trainCount: 64, testCount: 4, configuration: TrainingConfiguration(epochs: 3, batchSize: 8, learningRate: 1e10, seed: 2))
        let controller = TrainingController(trainer: trainer)
        controller.start()
        let last = controller.waitUntilDone()
        guard case let .failed(message) = last.status else { Issue.record("status \(last.status)"); return }
        #expect(message.contains("try a lower one"))
    }
}
