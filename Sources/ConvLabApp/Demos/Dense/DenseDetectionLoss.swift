import ConvEngine
import Synchronization

// Layout: the network's output is B×15, per row 11 class scores (10 digits, background) then
// 4 box numbers (x, y, w, h in units of the window's side). Box targets are N×4.

/// The dense demo's training objective, classification plus localisation as in Fast R-CNN
/// (Girshick, 2015): per window i,
///
///     ℓᵢ = CE(scoresᵢ, labelᵢ) + λ · [labelᵢ is a digit] · ‖b̂ᵢ − bᵢ‖²
///
/// averaged over the batch, L = (1/B) Σᵢ ℓᵢ. A background window has no box, so the bracket
/// drops its box term and its box outputs get no gradient. The mean runs over all B windows,
/// not over the digit windows alone, so the loss of a part of a batch weighted by the part's
/// size adds up to the batch's (`TrainingLoss`).
///
/// It holds each window's box target b, for the training windows and the held-out ones the
/// trainer evaluates, and tallies the training batches' two terms for the screen's per-epoch
/// lines (the trainer itself reports only their weighted sum). The tally is why this is a
/// class: the trainer keeps the loss, the experiment keeps a reference to read it.
final class DenseDetectionLoss: TrainingLoss {
    /// The class index of "no digit here".
    let backgroundClass: Int
    /// The number of class scores before the box numbers in each output row.
    let classCount: Int
    /// λ, the box term's weight.
    let boxWeight: Float
    /// N×4 box targets of the training windows and of the held-out (test) windows.
    let trainingBoxes: Tensor
    let testBoxes: Tensor
    private let tally = Mutex(Tally())

    /// The training batches' terms since the last `takeTally()`.
    struct Tally: Sendable, Hashable {
        /// Σ CE over the windows seen, and how many.
        var classLossSum = 0.0
        var windows = 0
        /// Σ ‖b̂ − b‖² over the digit windows seen, and how many.
        var boxLossSum = 0.0
        var digitWindows = 0

        /// The mean cross-entropy per window.
        var classLoss: Double { classLossSum / Double(max(windows, 1)) }
        /// The mean ‖b̂ − b‖² per digit window, in window units.
        var boxLoss: Double { boxLossSum / Double(max(digitWindows, 1)) }
    }

    init(backgroundClass: Int, classCount: Int, boxWeight: Float, trainingBoxes: Tensor, testBoxes: Tensor) {
        self.backgroundClass = backgroundClass
        self.classCount = classCount
        self.boxWeight = boxWeight
        self.trainingBoxes = trainingBoxes
        self.testBoxes = testBoxes
    }

    /// The two terms unweighted — the mean CE over the batch and Σ‖b̂ − b‖² over its digit
    /// windows (D of them) — and the gradient of L = CE + (λ/B) Σ‖b̂ − b‖², B×15.
    func terms(output: Tensor, labels: [Int], boxes: Tensor) -> (classLoss: Float, boxLossSum: Float, digitWindows: Int, dOutput: Tensor) {
        let width = classCount + 4
        precondition(output.rank == 2 && output.shape[1] == width && output.shape[0] == labels.count && boxes.shape == [labels.count, 4],
                     "dense loss: output \(Tensor.describe(output.shape)), \(labels.count) labels, boxes \(Tensor.describe(boxes.shape))")
        let batch = labels.count
        let heads = DenseDetectionExperiment.split(output)
        let (classLoss, dScores) = softmaxCrossEntropy(logits: heads.scores, labels: labels)  // dScores already /B
        var dOutput = Tensor.zeros(output.shape)  // B×15
        var boxLossSum = 0.0
        var digitWindows = 0
        let scale = 2 * boxWeight / Float(max(batch, 1))
        for row in 0..<batch {
            for column in 0..<classCount { dOutput.scalars[row * width + column] = dScores.scalars[row * classCount + column] }
            guard labels[row] != backgroundClass else { continue }
            digitWindows += 1
            for coordinate in 0..<4 {
                let difference = output.scalars[row * width + classCount + coordinate] - boxes.scalars[row * 4 + coordinate]
                boxLossSum += Double(difference) * Double(difference)
                dOutput.scalars[row * width + classCount + coordinate] = scale * difference
            }
        }
        return (classLoss, Float(boxLossSum), digitWindows, dOutput)
    }

    func lossAndGradient(logits: Tensor, examples: [Int], labels: [Int], from set: ExampleSet) -> (loss: Float, dLogits: Tensor) {
        let boxes = (set == .training ? trainingBoxes : testBoxes).rows(examples)  // B×4
        let terms = terms(output: logits, labels: labels, boxes: boxes)
        let batch = Float(max(labels.count, 1))
        if set == .training {
            tally.withLock { tally in
                tally.classLossSum += Double(terms.classLoss) * Double(labels.count)
                tally.windows += labels.count
                tally.boxLossSum += Double(terms.boxLossSum)
                tally.digitWindows += terms.digitWindows
            }
        }
        return (terms.classLoss + boxWeight * terms.boxLossSum / batch, terms.dOutput)
    }

    /// The argmax of the 11 class scores only; the box numbers are not classes.
    func classPredictions(logits: Tensor) -> [Int] {
        predictedClasses(logits: DenseDetectionExperiment.split(logits).scores)
    }

    /// The training batches' terms since the last call, and a fresh start.
    func takeTally() -> Tally {
        tally.withLock { tally in
            defer { tally = Tally() }
            return tally
        }
    }
}
