import ConvEngine
import Foundation
import Testing
import TestSupport

@Suite struct SoftmaxTests {
    /// Logits [0, ln 3] give e^0 : e^(ln 3) = 1 : 3, so probabilities 1/4 and 3/4.
    @Test func handWorkedRow() {
        let probabilities = softmax(logits: Tensor(shape: [1, 2], scalars: [0, Float(log(3.0))]))
        #expect(abs(probabilities.scalars[0] - 0.25) < 1e-6 && abs(probabilities.scalars[1] - 0.75) < 1e-6, "\(probabilities)")
    }

    /// Subtracting the row maximum keeps huge logits finite: [1000, 1000, −1000] → [½, ½, 0].
    @Test func largeLogitsStayFinite() {
        let probabilities = softmax(logits: Tensor(shape: [1, 3], scalars: [1000, 1000, -1000]))
        #expect(probabilities.scalars == [0.5, 0.5, 0])
    }

    @Test func rowsSumToOneAndIgnoreAShift() {
        var rng = SeededGenerator(seed: 51)
        let logits = Tensor.uniform([3, 5], low: -4, high: 4, using: &rng)
        let probabilities = softmax(logits: logits)
        for n in 0..<3 {
            let total = (0..<5).reduce(Float(0)) { $0 + probabilities[n, $1] }
            #expect(abs(total - 1) < 1e-6, "row \(n) sums to \(total)")
        }
        let shifted = softmax(logits: logits.map { $0 + 7 })
        #expect(shifted.maxAbsDifference(probabilities) < 1e-6)
    }
}

@Suite struct SoftmaxCrossEntropyTests {
    /// Equal logits over 4 classes give p = 1/4 everywhere: loss −log ¼ = log 4 and
    /// dLogits = p − onehot = [¼, ¼, −¾, ¼] for label 2, halved when averaged over N = 2.
    @Test func uniformLogits() {
        let single = softmaxCrossEntropy(logits: Tensor.zeros([1, 4]), labels: [2])
        #expect(abs(single.loss - Float(log(4.0))) < 1e-6)
        #expect(single.dLogits.scalars == [0.25, 0.25, -0.75, 0.25])

        let batch = softmaxCrossEntropy(logits: Tensor.zeros([2, 4]), labels: [2, 0])
        #expect(abs(batch.loss - Float(log(4.0))) < 1e-6)
        #expect(batch.dLogits.scalars == [0.125, 0.125, -0.375, 0.125, -0.375, 0.125, 0.125, 0.125])
    }

    /// A confident wrong answer, logits [100, −100] with label 1, costs −log p = 200, not ∞.
    @Test func confidentWrongAnswerHasFiniteLoss() {
        let result = softmaxCrossEntropy(logits: Tensor(shape: [1, 2], scalars: [100, -100]), labels: [1])
        #expect(abs(result.loss - 200) < 1e-3, "loss \(result.loss)")
        #expect(result.dLogits.scalars == [1, -1])
    }

    @Test func dLogitsMatchFiniteDifferences() {
        var rng = SeededGenerator(seed: 61)
        let logits = Tensor.uniform([3, 5], low: -3, high: 3, using: &rng)
        let labels = [4, 0, 2]
        let dLogits = softmaxCrossEntropy(logits: logits, labels: labels).dLogits
        expectGradientMatches("cross-entropy dLogits", analytic: dLogits, at: logits) { probe in
            Double(softmaxCrossEntropy(logits: probe, labels: labels).loss)
        }
    }

    @Test func labelOutOfRangeIsAPreconditionFailure() async {
        await #expect(processExitsWith: .failure) {
            _ = softmaxCrossEntropy(logits: Tensor.zeros([2, 3]), labels: [0, 3])
        }
    }
}

@Suite struct SquaredErrorLossTests {
    /// Two boxes, off by (1, 2, 0, 0) and (0, 0, 3, 0): ‖·‖² = 5 and 9, mean 7; the gradient is
    /// 2(p − t)/2 = p − t.
    @Test func handWorkedBoxes() {
        let predictions = Tensor(shape: [2, 4], scalars: [1, 2, 10, 10, 5, 5, 7, 4])
        let targets = Tensor(shape: [2, 4], scalars: [0, 0, 10, 10, 5, 5, 4, 4])
        let result = squaredErrorLoss(predictions: predictions, targets: targets)
        #expect(result.loss == 7)
        #expect(result.dPredictions.scalars == [1, 2, 0, 0, 0, 0, 3, 0])
    }

    @Test func emptyBatchCostsNothing() {
        let result = squaredErrorLoss(predictions: Tensor.zeros([0, 4]), targets: Tensor.zeros([0, 4]))
        #expect(result.loss == 0 && result.dPredictions.shape == [0, 4])
    }

    @Test func dPredictionsMatchFiniteDifferences() {
        var rng = SeededGenerator(seed: 62)
        let predictions = Tensor.uniform([3, 4], low: -2, high: 2, using: &rng)
        let targets = Tensor.uniform([3, 4], low: -2, high: 2, using: &rng)
        let dPredictions = squaredErrorLoss(predictions: predictions, targets: targets).dPredictions
        expectGradientMatches("squared error dPredictions", analytic: dPredictions, at: predictions) { probe in
            Double(squaredErrorLoss(predictions: probe, targets: targets).loss)
        }
    }
}
