// Layout: NCHW. Batches are B×C×H×W images and B labels; logits are B×classes.

/// Mini-batch training of a `Sequential` classifier, as a PyTorch training loop does it:
///
///     for each epoch: for each batch (shuffled by seed, last partial batch kept):
///         zero the gradients
///         loss = mean over the batch of cross-entropy(softmax(model(x)), y)   (or `loss`)
///         backward, then one optimiser step
///     then evaluate on the test set
///
/// The trainer is a value that advances one batch per call, so a headless loop, a test and a
/// background thread (`TrainingController`) all drive it the same way. Nothing in it reads a
/// clock: its results depend only on the network, the data and the configuration (and the
/// thread count, which the fast path keeps bit-identical anyway).
public struct Trainer: Sendable {
    public private(set) var model: Sequential
    public private(set) var optimizer: any Optimizer
    public let configuration: TrainingConfiguration
    public let trainingSet: Dataset
    public let testSet: Dataset
    /// What the steps minimise and evaluation reports; softmax cross-entropy unless given.
    public let loss: any TrainingLoss
    /// Epochs finished so far (test set evaluated).
    public private(set) var completedEpochs = 0
    /// Batches done in the current epoch.
    public private(set) var batchInEpoch = 0
    /// The number of classes the network outputs (its output size).
    public let classCount: Int
    /// Every batch's loss so far, in order.
    public private(set) var batchLosses: [Float] = []
    /// One entry per finished epoch.
    public private(set) var epochs: [EpochMetrics] = []

    /// Draws each epoch's order; its own stream, so changing the batch size or data does not
    /// change the weights' initialisation and vice versa.
    private var shuffleGenerator: SeededGenerator
    /// The current epoch's batches as example indices; empty between epochs.
    private var epochBatches: [[Int]] = []
    private var epochLossSum = 0.0
    private var epochCorrect = 0
    private var epochSeen = 0
    /// The batch's shards and their network copies (Trainer+Shards.swift).
    private var shards = ShardedTrainingStep()

    /// A trainer for `model` (already initialised, e.g. `Sequential(spec:seed:)`). The images
    /// must have the network's input shape and every label must be below its output size.
    public init(
        model: Sequential, trainingSet: Dataset, testSet: Dataset, configuration: TrainingConfiguration,
        loss: any TrainingLoss = CrossEntropyLoss()
    ) {
        let inputShape = model.spec.inputShape
        precondition(trainingSet.imageShape == inputShape && testSet.imageShape == inputShape,
                     "images \(Tensor.describe(trainingSet.imageShape)) / \(Tensor.describe(testSet.imageShape)) do not fit the network's input \(Tensor.describe(inputShape))")
        precondition(trainingSet.count > 0, "the training set is empty")
        // The spec built a network, so its shapes are known to work.
        let classCount = (try? model.spec.outputShape())?.reduce(1, *) ?? 0
        precondition(trainingSet.classCount <= classCount && testSet.classCount <= classCount,
                     "labels go up to \(max(trainingSet.classCount, testSet.classCount) - 1) but the network has \(classCount) outputs")
        self.classCount = classCount
        self.model = model
        self.optimizer = configuration.makeOptimizer()
        self.configuration = configuration
        self.trainingSet = trainingSet
        self.testSet = testSet
        self.loss = loss
        self.shuffleGenerator = SeededGenerator(seed: configuration.seed ^ 0x5348_5546_464C_4521)
    }

    /// The step size, changeable between batches (the controller's "set learning rate").
    public var learningRate: Float {
        get { optimizer.learningRate }
        set { optimizer.learningRate = newValue }
    }

    /// ⌈N / batch size⌉, written so that no batch size can overflow it (N + B − 1 would).
    public var batchesPerEpoch: Int {
        let batchSize = max(configuration.batchSize, 1)
        let (whole, rest) = trainingSet.count.quotientAndRemainder(dividingBy: batchSize)
        return whole + (rest > 0 ? 1 : 0)
    }

    /// Examples per forward pass when evaluating (no gradients are kept, so it can exceed the
    /// training batch); `MemoryEstimate` counts its activations too.
    public static let evaluationBatchSize = 256
    /// True once every configured epoch has finished.
    public var isFinished: Bool { completedEpochs >= configuration.epochs }

    /// Trains on the next batch. After a result with `endsEpoch`, call `finishEpoch()`.
    /// Throws, without changing the weights, when the loss is not finite.
    @discardableResult
    public mutating func trainNextBatch() throws(TrainingError) -> BatchResult {
        precondition(!isFinished, "all \(configuration.epochs) epochs are done")
        if batchInEpoch == 0 {
            epochBatches = configuration.shuffle
                ? trainingSet.batchIndices(batchSize: configuration.batchSize, shuffledBy: &shuffleGenerator)
                : trainingSet.batchIndices(batchSize: configuration.batchSize)
            (epochLossSum, epochCorrect, epochSeen) = (0, 0, 0)
        }
        precondition(batchInEpoch < epochBatches.count, "the epoch is over: call finishEpoch() first")
        let examples = epochBatches[batchInEpoch]
        let (images, labels) = trainingSet.batch(indices: examples)  // B×C×H×W, B
        model.zeroGradients()
        let objective = self.loss
        let (loss, logits) = shards.forwardAndBackward(model: model, images: images) { logits, rows in  // B×classes
            objective.lossAndGradient(logits: logits, examples: Array(examples[rows]), labels: Array(labels[rows]), from: .training)
        }
        guard loss.isFinite else {
            // Before the first step the weights are the starting ones: a lower learning rate
            // cannot help, the weights or the images themselves are not finite.
            if completedEpochs == 0, batchLosses.isEmpty { throw .nonFiniteBeforeTraining(loss: loss) }
            throw .nonFiniteLoss(epoch: completedEpochs + 1, batch: batchInEpoch + 1, loss: loss, learningRate: learningRate)
        }
        shards.sumGradients(into: &model)
        optimizer.step(&model)

        let correct = zip(self.loss.classPredictions(logits: logits), labels).filter { $0 == $1 }.count
        batchInEpoch += 1
        batchLosses.append(loss)
        epochLossSum += Double(loss) * Double(labels.count)
        epochCorrect += correct
        epochSeen += labels.count
        return BatchResult(
            epoch: completedEpochs + 1, batch: batchInEpoch, loss: loss, size: labels.count, correct: correct,
            endsEpoch: batchInEpoch == epochBatches.count)
    }

    /// Closes the current epoch: evaluates the test set and records the epoch's metrics.
    @discardableResult
    public mutating func finishEpoch() -> EpochMetrics {
        precondition(batchInEpoch == epochBatches.count && batchInEpoch > 0, "the epoch's batches are not all done")
        let evaluation = evaluate(testSet)
        let metrics = EpochMetrics(
            epoch: completedEpochs + 1,
            trainLoss: Float(epochLossSum / Double(epochSeen)),
            trainAccuracy: Double(epochCorrect) / Double(epochSeen),
            testLoss: evaluation.loss, testAccuracy: evaluation.accuracy,
            confusionMatrix: evaluation.confusionMatrix, misclassified: evaluation.misclassified)
        epochs.append(metrics)
        completedEpochs += 1
        batchInEpoch = 0
        epochBatches = []
        return metrics
    }

    /// Runs one whole epoch, calling `onBatch` after each step; returns its metrics.
    @discardableResult
    public mutating func trainEpoch(onBatch: (BatchResult) -> Void = { _ in }) throws(TrainingError) -> EpochMetrics {
        while true {
            let result = try trainNextBatch()
            onBatch(result)
            if result.endsEpoch { return finishEpoch() }
        }
    }

    /// The current network's loss and predictions on `dataset`, in batches of `batchSize`
    /// (a copy of the network runs them, so training state is untouched). `set` tells the loss
    /// which set the examples' indices refer to.
    public func evaluate(_ dataset: Dataset, as set: ExampleSet = .test, batchSize: Int = Trainer.evaluationBatchSize) -> Evaluation {
        var network = model
        var matrix = ConfusionMatrix(classCount: classCount)
        var misclassified: [MisclassifiedExample] = []
        var lossSum = 0.0
        for indices in dataset.batchIndices(batchSize: batchSize) {
            let (images, labels) = dataset.batch(indices: indices)
            let logits = network.forward(images)
            lossSum += Double(loss.lossAndGradient(logits: logits, examples: indices, labels: labels, from: set).loss) * Double(labels.count)
            for (index, (label, prediction)) in zip(indices, zip(labels, loss.classPredictions(logits: logits))) {
                matrix.record(label: label, prediction: prediction)
                if label != prediction { misclassified.append(MisclassifiedExample(index: index, label: label, predicted: prediction)) }
            }
        }
        return Evaluation(loss: dataset.count == 0 ? 0 : Float(lossSum / Double(dataset.count)), confusionMatrix: matrix,
                          misclassified: misclassified)
    }
}
