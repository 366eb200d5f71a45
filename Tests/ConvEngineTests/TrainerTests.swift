import Foundation
import Testing
@testable import ConvEngine

/// A teaching net (seeded) with a trainer over synthetic digits.
func makeTrainer(trainCount: Int, testCount: Int, configuration: TrainingConfiguration, modelSeed: UInt64 = 1) throws -> Trainer {
    let model = try Sequential(spec: NamedArchitecture.teachingNet.spec, seed: modelSeed)
    return Trainer(
        model: model,
        trainingSet: SyntheticDigits.trainingSet(count: trainCount, seed: modelSeed),
        testSet: SyntheticDigits.testSet(count: testCount, seed: modelSeed),
        configuration: configuration)
}

@Suite struct TrainerTests {
    /// 300 digits, 2 epochs of 30 batches: far above the 10% of guessing. Deterministic by
    /// seed, so the threshold cannot flake.
    @Test func aShortRunLearnsTheDigits() throws {
        var trainer = try makeTrainer(
            trainCount: 300, testCount: 100,
            configuration: TrainingConfiguration(epochs: 2, batchSize: 10, learningRate: 0.05, seed: 1))
        let initial = trainer.evaluate(trainer.testSet)
        try trainer.trainEpoch()
        try trainer.trainEpoch()
        #expect(trainer.isFinished)
        #expect(trainer.epochs.count == 2)
        #expect(trainer.batchLosses.count == 60)
        let last = try #require(trainer.epochs.last)
        #expect(last.testAccuracy > 0.5, "test accuracy \(last.testAccuracy) (initially \(initial.accuracy))")
        #expect(last.trainLoss < trainer.epochs[0].trainLoss)
        #expect(last.testLoss < initial.loss)
        #expect(last.confusionMatrix.total == 100)
        #expect(Double(last.confusionMatrix.correct) / 100 == last.testAccuracy)
    }

    /// Two runs with the same seeds give the same weights bit for bit, and the same losses.
    @Test func sameSeedSameWeightsBitForBit() throws {
        let configuration = TrainingConfiguration(epochs: 1, batchSize: 16, seed: 9)
        var first = try makeTrainer(trainCount: 40, testCount: 10, configuration: configuration)
        var second = try makeTrainer(trainCount: 40, testCount: 10, configuration: configuration)
        try first.trainEpoch()
        try second.trainEpoch()
        #expect(first.batchLosses == second.batchLosses)
        for (a, b) in zip(first.model.parameters, second.model.parameters) {
            #expect(a.value.scalars.map(\.bitPattern) == b.value.scalars.map(\.bitPattern), "\(a.name) differs")
        }
        // Another shuffling seed visits the examples in another order: other weights.
        var third = try makeTrainer(
            trainCount: 40, testCount: 10, configuration: TrainingConfiguration(epochs: 1, batchSize: 16, seed: 10))
        try third.trainEpoch()
        #expect(third.model.parameters[0].value != first.model.parameters[0].value)
    }

    /// One trainer step is exactly: zero gradients, forward, mean cross-entropy, backward, one
    /// SGD step; the last, partial batch is used with its own size as the mean's divisor.
    @Test func aStepIsForwardBackwardAndOneOptimizerStepIncludingThePartialBatch() throws {
        let configuration = TrainingConfiguration(epochs: 1, batchSize: 4, learningRate: 0.1, momentum: 0.9, shuffle: false)
        var trainer = try makeTrainer(trainCount: 6, testCount: 2, configuration: configuration)
        var model = trainer.model
        var optimizer = SGD(learningRate: 0.1, momentum: 0.9)
        for (batch, indices) in [[0, 1, 2, 3], [4, 5]].enumerated() {
            let (images, labels) = trainer.trainingSet.batch(indices: indices)
            model.zeroGradients()
            let (loss, dLogits) = softmaxCrossEntropy(logits: model.forward(images), labels: labels)
            _ = model.backward(dLogits)
            optimizer.step(&model)
            let result = try trainer.trainNextBatch()
            #expect(result.loss == loss)
            #expect(result.size == indices.count)
            #expect(result.endsEpoch == (batch == 1))
            #expect(trainer.model.parameters == model.parameters)
        }
        let metrics = trainer.finishEpoch()
        // The epoch's loss weights each batch's mean by its size.
        let expected = (Double(trainer.batchLosses[0]) * 4 + Double(trainer.batchLosses[1]) * 2) / 6
        #expect(abs(Double(metrics.trainLoss) - expected) < 1e-6)
    }

    @Test func aDivergingRunStopsWithAMessageSuggestingALowerRate() throws {
        var trainer = try makeTrainer(
            trainCount: 64, testCount: 8, configuration: TrainingConfiguration(epochs: 3, batchSize: 8, learningRate: 1e10, seed: 2))
        var caught: TrainingError?
        do {
            while !trainer.isFinished { try trainer.trainEpoch() }
        } catch {
            caught = error
        }
        // (Rates of 10 to 1000 kill every ReLU instead: the loss stays finite, the net learns nothing.)
        let error = try #require(caught, "a learning rate of 10¹⁰ should make the loss blow up")
        guard case let .nonFiniteLoss(_, _, loss, rate) = error else { Issue.record("unexpected \(error)"); return }
        #expect(!loss.isFinite)
        #expect(rate == 1e10)
        #expect(error.description.contains("training diverged with learning rate 1e+10; try a lower one, such as --lr 1e+09"), "\(error.description)")
        #expect(trainer.completedEpochs == 0)
    }

    @Test func settingTheLearningRateReachesTheOptimizer() throws {
        var trainer = try makeTrainer(trainCount: 8, testCount: 2, configuration: TrainingConfiguration(epochs: 1, optimizer: .adam))
        #expect(trainer.learningRate == 0.001)
        trainer.learningRate = 0.01
        #expect(trainer.optimizer.learningRate == 0.01)
        #expect(trainer.optimizer is Adam)
    }

    @Test func confusionMatrixCountsAndRenders() {
        var matrix = ConfusionMatrix(classCount: 3)
        for (label, prediction) in [(0, 0), (0, 0), (1, 2), (2, 2), (1, 1)] { matrix.record(label: label, prediction: prediction) }
        #expect(matrix.counts == [[2, 0, 0], [0, 1, 1], [0, 0, 1]])
        #expect(matrix.total == 5)
        #expect(matrix.correct == 4)
        #expect(matrix.accuracy == 0.8)
        #expect(matrix.rendered() == """
            true\\pred 0 1 2
                    0 2 0 0
                    1 0 1 1
                    2 0 0 1
            """)
        #expect(predictedClasses(logits: Tensor(shape: [2, 3], scalars: [0, 5, 1, 2, 2, -1])) == [1, 0])
    }
}
