import Synchronization
import Testing
@testable import ConvEngine

/// A loss that is twice the cross-entropy, records what the trainer hands it, and predicts
/// class 0 for every example.
private final class RecordingLoss: TrainingLoss {
    let calls = Mutex<[(examples: [Int], set: ExampleSet)]>([])

    func lossAndGradient(logits: Tensor, examples: [Int], labels: [Int], from set: ExampleSet) -> (loss: Float, dLogits: Tensor) {
        calls.withLock { $0.append((examples, set)) }
        let (loss, dLogits) = softmaxCrossEntropy(logits: logits, labels: labels)
        return (2 * loss, dLogits.map { 2 * $0 })
    }

    func classPredictions(logits: Tensor) -> [Int] { Array(repeating: 0, count: logits.shape[0]) }
}

@Suite struct TrainingLossTests {
    /// The trainer steps on the loss it is given: 2·CE at learning rate 0.05 lands on the same
    /// weights, bit for bit, as CE at 0.1 (doubling is exact in floating point), each batch's
    /// example indices reach the loss, evaluation says it is the test set, and accuracy counts
    /// the loss's predictions.
    @Test func theTrainerUsesItsLoss() throws {
        let slow = TrainingConfiguration(epochs: 1, batchSize: 4, learningRate: 0.05, momentum: 0, shuffle: false)
        let fast = TrainingConfiguration(epochs: 1, batchSize: 4, learningRate: 0.1, momentum: 0, shuffle: false)
        let model = try Sequential(spec: NamedArchitecture.teachingNet.spec, seed: 3)
        let training = SyntheticDigits.trainingSet(count: 6, seed: 3), test = SyntheticDigits.testSet(count: 3, seed: 3)
        let loss = RecordingLoss()
        var doubled = Trainer(model: model, trainingSet: training, testSet: test, configuration: slow, loss: loss)
        var plain = Trainer(model: model, trainingSet: training, testSet: test, configuration: fast)
        let metrics = try doubled.trainEpoch()
        try plain.trainEpoch()
        for (a, b) in zip(doubled.model.parameters, plain.model.parameters) {
            #expect(a.value.scalars.map(\.bitPattern) == b.value.scalars.map(\.bitPattern), "\(a.name) differs")
        }
        #expect(doubled.batchLosses == plain.batchLosses.map { 2 * $0 })
        let calls = loss.calls.withLock { $0 }
        #expect(calls.map(\.examples) == [[0, 1, 2, 3], [4, 5], [0, 1, 2]])
        #expect(calls.map(\.set) == [.training, .training, .test])
        let zeros = { (set: Dataset) in Double(set.labels.filter { $0 == 0 }.count) / Double(set.count) }
        #expect(metrics.trainAccuracy == zeros(training) && metrics.testAccuracy == zeros(test))
        #expect(plain.loss is CrossEntropyLoss)
    }

    /// Cross-entropy as a `TrainingLoss` is the op itself, and its prediction is the argmax.
    @Test func crossEntropyIsTheOp() {
        var generator = SeededGenerator(seed: 8)
        let logits = Tensor.uniform([4, 10], low: -2, high: 2, using: &generator)
        let labels = [3, 0, 9, 3]
        let direct = softmaxCrossEntropy(logits: logits, labels: labels)
        let through = CrossEntropyLoss().lossAndGradient(logits: logits, examples: [7, 1, 2, 5], labels: labels, from: .training)
        #expect(through.loss == direct.loss && through.dLogits == direct.dLogits)
        #expect(CrossEntropyLoss().classPredictions(logits: logits) == predictedClasses(logits: logits))
    }
}
