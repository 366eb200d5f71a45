// Layout: logits are B×K, one row per example of the batch.

/// Which set a batch comes from: the trainer's training set, or the set it evaluates (the test
/// set after each epoch). A loss with per-example targets of its own (the boxes of a detection
/// head) looks them up by the example's index in that set.
public enum ExampleSet: Sendable, Hashable {
    case training, test
}

/// The objective a `Trainer` minimises: a mean over the batch's examples, and its gradient.
///
/// The loss must be a mean of per-example terms, L = (1/B) Σᵢ ℓᵢ, so that a batch split into
/// parts can be computed part by part: calling `lossAndGradient` on a subset S of the batch
/// gives L_S = (1/|S|) Σ_{i∈S} ℓᵢ and ∂L_S/∂logits, and weighting each part by |S|/B gives the
/// batch's mean and gradient exactly (Σ_S (|S|/B)·L_S = L). A normaliser that depends on which
/// examples are in the part (a mean over the digit windows only, say) breaks this, so
/// conformers fold such weights into ℓᵢ instead.
///
/// Conformers are values called from whichever thread trains, possibly from two at once on
/// different parts of a batch; any state they keep must be guarded.
public protocol TrainingLoss: Sendable {
    /// The mean loss over the rows of `logits` (B×K) and its gradient with respect to them
    /// (B×K). Row i is example `examples[i]` of `set`, with class `labels[i]`.
    func lossAndGradient(logits: Tensor, examples: [Int], labels: [Int], from set: ExampleSet) -> (loss: Float, dLogits: Tensor)

    /// The class each row of `logits` (B×K) predicts, for accuracy and the confusion matrix.
    func classPredictions(logits: Tensor) -> [Int]
}

extension TrainingLoss {
    /// The argmax of each whole row: every output is a class score.
    public func classPredictions(logits: Tensor) -> [Int] { predictedClasses(logits: logits) }
}

/// Softmax cross-entropy, PyTorch's `nn.CrossEntropyLoss()` with its default mean reduction:
/// ℓᵢ = −log softmax(logitsᵢ)[labelᵢ]. The trainer's default loss.
public struct CrossEntropyLoss: TrainingLoss {
    public init() {}

    public func lossAndGradient(logits: Tensor, examples: [Int], labels: [Int], from set: ExampleSet) -> (loss: Float, dLogits: Tensor) {
        softmaxCrossEntropy(logits: logits, labels: labels)
    }
}
