/// What one epoch achieved. Deterministic for a fixed seed and thread count (wall time is not
/// part of it; callers measure that).
public struct EpochMetrics: Sendable, Hashable, Codable {
    /// 1 for the first epoch.
    public var epoch: Int
    /// The mean loss (the trainer's `loss`, cross-entropy by default) over the epoch's training
    /// examples, each batch's mean weighted by its size (so a short last batch counts for what
    /// it holds), as measured during training.
    public var trainLoss: Float
    /// The fraction of training examples the network got right at the moment it saw them.
    public var trainAccuracy: Double
    /// The mean loss over the test set after the epoch.
    public var testLoss: Float
    /// The fraction of the test set classified correctly after the epoch.
    public var testAccuracy: Double
    /// Test-set predictions after the epoch.
    public var confusionMatrix: ConfusionMatrix
    /// The test examples the network got wrong after the epoch, in dataset order. Left out of
    /// the JSON a headless run prints (the matrix already counts them).
    public var misclassified: [MisclassifiedExample] = []

    private enum CodingKeys: String, CodingKey {
        case epoch, trainLoss, trainAccuracy, testLoss, testAccuracy, confusionMatrix
    }
}

/// What one training step did.
public struct BatchResult: Sendable, Hashable {
    /// The epoch the batch belongs to, from 1.
    public var epoch: Int
    /// The batch's index within its epoch, from 1.
    public var batch: Int
    /// The batch's mean loss, before the step.
    public var loss: Float
    /// Examples in the batch.
    public var size: Int
    /// How many of them the network classified correctly, before the step.
    public var correct: Int
    /// True for the epoch's last batch: call `Trainer.finishEpoch()` next.
    public var endsEpoch: Bool
}

/// The result of running a network over a dataset without training.
public struct Evaluation: Sendable, Hashable {
    /// The mean loss (cross-entropy unless the trainer was given another).
    public var loss: Float
    public var confusionMatrix: ConfusionMatrix
    /// The examples predicted wrongly, in dataset order.
    public var misclassified: [MisclassifiedExample]
    public var accuracy: Double { confusionMatrix.accuracy }

    public init(loss: Float, confusionMatrix: ConfusionMatrix, misclassified: [MisclassifiedExample] = []) {
        self.loss = loss
        self.confusionMatrix = confusionMatrix
        self.misclassified = misclassified
    }
}
