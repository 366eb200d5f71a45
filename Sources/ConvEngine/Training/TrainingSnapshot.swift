// Layout: NCHW; conv weights OIHW.

/// An immutable picture of a training run at one moment, for a UI to draw: where the run is,
/// how it has gone, and what the network currently looks like inside. A `TrainingController`
/// publishes a fresh one after every batch; the reader gets a value it can keep as long as it
/// likes, with no lock held.
public struct TrainingSnapshot: Sendable {
    /// What the run is doing.
    public enum Status: Sendable, Hashable {
        case notStarted, running, paused, finished, stopped
        /// Training stopped itself; the message says why and what to try.
        case failed(String)
    }

    public var status: Status
    /// Epochs finished.
    public var completedEpochs: Int
    /// Epochs configured.
    public var epochCount: Int
    /// Batches done in the current epoch, and how many it has.
    public var batchInEpoch: Int
    public var batchesPerEpoch: Int
    /// Every batch's loss so far.
    public var batchLosses: [Float]
    /// One entry per finished epoch: losses, accuracies, confusion matrix.
    public var epochs: [EpochMetrics]
    public var learningRate: Float
    /// Training throughput, measured over the time spent in training steps (pauses and test
    /// evaluations excluded); 0 before the first batch.
    public var imagesPerSecond: Double
    /// The weights of the network's first two conv layers, OIHW each (fewer if it has fewer).
    public var convolutionWeights: [Tensor]
    /// The image whose activations are shown: 1×C×H×W, and its label.
    public var probeImage: Tensor
    public var probeLabel: Int
    /// Every layer's output for the probe image, in module order (1×C×H×W or 1×F each).
    public var probeActivations: [Tensor]
    /// softmax of the last layer's output for the probe: one probability per class.
    public var probeProbabilities: [Float]
    /// The network as it stands, so a reader can run it on other images (another probe, a
    /// learner's own picture) or save it, without asking the training thread. A copy: the
    /// trainer's next step leaves it unchanged (copy-on-write), at the cost of copying the
    /// weights once per batch.
    public var model: Sequential

    /// The snapshot of `trainer` as it stands, with the probe taken from its test set (its
    /// training set when the test set is empty).
    public init(trainer: Trainer, status: Status, imagesPerSecond: Double, probeIndex: Int = 0) {
        self.status = status
        completedEpochs = trainer.completedEpochs
        epochCount = trainer.configuration.epochs
        batchInEpoch = trainer.batchInEpoch
        batchesPerEpoch = trainer.batchesPerEpoch
        batchLosses = trainer.batchLosses
        epochs = trainer.epochs
        learningRate = trainer.learningRate
        self.imagesPerSecond = imagesPerSecond
        convolutionWeights = Array(trainer.model.layers.compactMap { ($0 as? Conv2D)?.weight.value }.prefix(2))
        let source = trainer.testSet.count > 0 ? trainer.testSet : trainer.trainingSet
        let index = min(max(probeIndex, 0), source.count - 1)
        probeImage = source.image(at: index)
        probeLabel = source.labels[index]
        probeActivations = trainer.model.layerOutputs(for: probeImage)
        let logits = probeActivations.last ?? Tensor.zeros([1, 0])
        probeProbabilities = softmax(logits: logits.reshaped([1, logits.count])).scalars
        model = trainer.model
    }

    /// The latest test accuracy, if an epoch has finished.
    public var testAccuracy: Double? { epochs.last?.testAccuracy }
}
