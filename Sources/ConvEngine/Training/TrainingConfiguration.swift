/// Which optimiser a training run uses.
public enum OptimizerKind: String, Sendable, Hashable, CaseIterable, Codable {
    case sgd, adam
}

extension Limits {
    /// Most epochs one training run takes (a teaching run needs a handful; this bound only
    /// keeps a typo from meaning "train for ever").
    public static let epochs = 10_000
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

    /// Throws the first setting outside what the trainer accepts: epochs 0…`Limits.epochs`,
    /// a batch of 1…`Limits.batch`, a positive finite learning rate, momentum in [0, 1] and a
    /// finite weight decay ≥ 0. A configuration that passes cannot make the trainer trap or
    /// overflow; one that fails would diverge at once (an infinite decay) or do nothing.
    public func validate() throws(TrainingConfigurationError) {
        try Self.validate(epochs: epochs, batchSize: batchSize, learningRate: learningRate, momentum: momentum, weightDecay: weightDecay)
    }

    /// The same rules for settings not yet in a configuration (a command line checks its
    /// options before building one); nil values are left to the defaults.
    public static func validate(
        epochs: Int? = nil, batchSize: Int? = nil, learningRate: Float? = nil, momentum: Float? = nil, weightDecay: Float? = nil
    ) throws(TrainingConfigurationError) {
        if let epochs, !(0...Limits.epochs).contains(epochs) {
            throw TrainingConfigurationError(setting: .epochs, value: "\(epochs)", expected: "a whole number from 0 to \(Limits.epochs)")
        }
        if let batchSize, !(1...Limits.batch).contains(batchSize) {
            throw TrainingConfigurationError(setting: .batchSize, value: "\(batchSize)", expected: "a whole number from 1 to \(Limits.batch)")
        }
        if let learningRate, !(learningRate > 0 && learningRate.isFinite) {
            throw TrainingConfigurationError(setting: .learningRate, value: "\(learningRate)", expected: "a positive finite number")
        }
        if let momentum, !(0...1).contains(momentum) {
            throw TrainingConfigurationError(setting: .momentum, value: "\(momentum)", expected: "a number from 0 to 1")
        }
        if let weightDecay, !(weightDecay >= 0 && weightDecay.isFinite) {
            throw TrainingConfigurationError(setting: .weightDecay, value: "\(weightDecay)", expected: "a finite number, 0 or more")
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
