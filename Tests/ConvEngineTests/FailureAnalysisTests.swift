import Foundation
import Testing
@testable import ConvEngine

/// Where a network fails: the confusion matrix and the misclassified list from the trainer's
/// evaluation, and the images that excite a channel most, on networks built by hand.
@Suite struct FailureAnalysisTests {
    /// input 1×1×3 → linear 3 with identity weights: the predicted class is the brightest of
    /// the three input channels, so every prediction is known in advance.
    static func argMaxNetwork() throws -> Sequential {
        var model = try Sequential(spec: ArchitectureSpec(parsing: "input 1x1x3 | flatten | linear 3"), seed: 0)
        try model.loadStateDictionary([
            "1.weight": Tensor(shape: [3, 3], scalars: [1, 0, 0, 0, 1, 0, 0, 0, 1]),
            "1.bias": Tensor(shape: [3], scalars: [0, 0, 0]),
        ])
        return model
    }

    @Test func evaluationCountsAndListsTheMistakes() throws {
        // Six examples: brightest channel 0, 1, 2, 1, 0, 2; labels 0, 2, 2, 1, 1, 0.
        let images = Tensor(shape: [6, 3, 1, 1], scalars: [
            9, 1, 1,  1, 9, 1,  1, 1, 9,  0, 5, 2,  7, 3, 3,  2, 0, 4,
        ])
        let dataset = Dataset(images: images, labels: [0, 2, 2, 1, 1, 0])
        let trainer = Trainer(model: try Self.argMaxNetwork(), trainingSet: dataset, testSet: dataset,
                              configuration: TrainingConfiguration(epochs: 1, batchSize: 2))
        // Batches of 4 then 2: the indices must survive the batching.
        let evaluation = trainer.evaluate(dataset, batchSize: 4)
        #expect(evaluation.confusionMatrix.counts == [[1, 0, 1], [1, 1, 0], [0, 1, 1]])
        #expect(evaluation.misclassified == [
            MisclassifiedExample(index: 1, label: 2, predicted: 1),
            MisclassifiedExample(index: 4, label: 1, predicted: 0),
            MisclassifiedExample(index: 5, label: 0, predicted: 2),
        ])
        // Every off-diagonal count is the number of listed mistakes of that pair.
        let matrix = evaluation.confusionMatrix
        for label in 0..<3 {
            for predicted in 0..<3 where label != predicted {
                #expect(matrix.counts[label][predicted] == evaluation.misclassified.filter { $0.label == label && $0.predicted == predicted }.count)
            }
        }
    }

    @Test func anEpochRecordsItsMistakes() throws {
        var trainer = try makeTrainer(trainCount: 64, testCount: 40, configuration: TrainingConfiguration(epochs: 1, batchSize: 32))
        let metrics = try trainer.trainEpoch()
        #expect(metrics.misclassified.count == metrics.confusionMatrix.total - metrics.confusionMatrix.correct)
        for mistake in metrics.misclassified {
            #expect(trainer.testSet.labels[mistake.index] == mistake.label && mistake.label != mistake.predicted)
        }
        // The JSON a headless run prints stays as it was.
        let json = String(decoding: try JSONEncoder().encode(metrics), as: UTF8.self)
        #expect(!json.contains("misclassified"))
    }

    /// conv 1 2x2 with all weights 1 and no bias: each map cell sums a 2×2 window, so an
    /// image's peak is its brightest 2×2 block, worked out here by hand.
    @Test func topActivationsRankPeaksWithTiesToTheLowerIndex() throws {
        var model = try Sequential(spec: ArchitectureSpec(parsing: "input 3x3x1 | conv 1 2x2 nobias"), seed: 0)
        try model.loadStateDictionary(["0.weight": Tensor(shape: [1, 1, 2, 2], repeating: 1)])
        let images: [[Float]] = [
            [0, 0, 0, 0, 0, 0, 0, 0, 1],  // peak 1 at (1, 1)
            [5, 0, 0, 0, 0, 0, 0, 0, 0],  // peak 5 at (0, 0)
            [0, 0, 0, 0, 2, 2, 0, 0, 0],  // peak 4 at (0, 1): the first of (0, 1) and (1, 1)
            [0, 0, 0, 0, 0, 0, 0, 0, 1],  // peak 1, ties with image 0
            [0, 0, 3, 0, 0, 0, 0, 0, 0],  // peak 3 at (0, 1)
        ]
        let dataset = Dataset(images: Tensor(shape: [5, 1, 3, 3], scalars: images.flatMap { $0 }), labels: [0, 0, 0, 0, 0])
        for batchSize in [1, 2, 5] {
            let top = TopActivations.strongest(model: model, layer: 0, channel: 0, dataset: dataset, count: 4, batchSize: batchSize)
            #expect(top.map(\.index) == [1, 2, 4, 0], "batch \(batchSize)")
            #expect(top.map(\.value) == [5, 4, 3, 1])
            #expect(top.map { [$0.row, $0.column] } == [[0, 0], [0, 1], [0, 1], [1, 1]])
        }
        #expect(TopActivations.strongest(model: model, layer: 0, channel: 0, dataset: dataset, count: 9).count == 5)
    }

    @Test func matchingParametersCarryOverAfterAnEdit() throws {
        let old = try Sequential(spec: ArchitectureSpec(parsing: "input 8x8x1 | conv 4 3x3 | relu | flatten | linear 10"), seed: 1)
        // Same conv, wider classifier: the conv carries over, the linear layer cannot.
        var edited = try Sequential(spec: ArchitectureSpec(parsing: "input 8x8x1 | conv 4 3x3 | relu | flatten | linear 12"), seed: 2)
        let freshLinear = edited.stateDictionary["3.weight"]
        let transfer = edited.copyMatchingParameters(from: old)
        #expect(transfer.copied == ["0.weight", "0.bias"])
        #expect(transfer.kept == ["3.weight", "3.bias"])
        #expect(edited.stateDictionary["0.weight"] == old.stateDictionary["0.weight"])
        #expect(edited.stateDictionary["3.weight"] == freshLinear)
    }
}
