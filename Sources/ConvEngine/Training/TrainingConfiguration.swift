/// Which optimiser a training run uses.
public enum OptimizerKind: String, Sendable, Hashable, CaseIterable, Codable {
    case sgd, adam
}

/// Everything that decides a training run besides the network and the data. Two runs with
/// equal configurations, networks and data give bit-identical results.
public struct TrainingConfiguration: Sendable, Hashable, Codable {
    /// Passes over the training set.
    public var epochs: Int
    /// Examples per step; the last batch of an epoch may be smaller and is still used.
    public var batchSize: Int
    /// The optimiser's step size.
    public var learningRate: Float
    public var optimizer: OptimizerKind
    /// SGD's μ (ignored by Adam).
    public var momentum: Float
    /// The L2 coefficient both optimisers add to the gradient as weightDecay · w.
    public var weightDecay: Float
    /// Seeds the shuffling (the network's initial weights are seeded by whoever builds it).
    public var seed: UInt64
    /// Whether each epoch visits the examples in a fresh random order (false: in file order).
    public var shuffle: Bool

    public init(
        epochs: Int = 3, batchSize: Int = 64, learningRate: Float? = nil, optimizer: OptimizerKind = .sgd,
        momentum: Float = 0.9, weightDecay: Float = 0, seed: UInt64 = 0, shuffle: Bool = true
    ) {
        precondition(epochs >= 0 && batchSize > 0, "epochs must be ≥ 0 and the batch size > 0")
        self.epochs = epochs
        self.batchSize = batchSize
        self.learningRate = learningRate ?? Self.defaultLearningRate(for: optimizer)
        self.optimizer = optimizer
        self.momentum = momentum
        self.weightDecay = weightDecay
        self.seed = seed
        self.shuffle = shuffle
    }

    /// 0.05 for SGD with momentum (the teaching net learns the synthetic digits in one epoch
    /// with it), PyTorch's own default 0.001 for Adam.
    public static func defaultLearningRate(for optimizer: OptimizerKind) -> Float {
        switch optimizer {
        case .sgd: 0.05
        case .adam: 0.001
        }
    }

    /// A fresh optimiser with this configuration's settings.
    public func makeOptimizer() -> any Optimizer {
        switch optimizer {
        case .sgd: SGD(learningRate: learningRate, momentum: momentum, weightDecay: weightDecay)
        case .adam: Adam(learningRate: learningRate, weightDecay: weightDecay)
        }
    }
}
