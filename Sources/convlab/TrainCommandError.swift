import ConvEngine

/// The errors `convlab train` reports beyond the engine's own (which name their files
/// already). Each renders as one line.
enum TrainCommandError: Error, CustomStringConvertible {
    case badDataSource(String)
    case checkpoint(file: String, problem: String)
    case channelMismatch(source: String, found: Int, expected: Int)
    case notAClassifier(outputShape: [Int])
    case flatInput(inputShape: [Int])
    case tooManyClasses(labels: Int, outputs: Int)
    case emptySet(role: String)
    case badValue(option: String, value: String, expected: String)
    case setting(TrainingConfigurationError)
    case nonFiniteWeights(file: String, tensor: String, count: Int)
    case memory(MemoryEstimateError)
    case emptyTestSet(source: String)

    /// The option that sets each training setting.
    static func option(for setting: TrainingConfigurationError.Setting) -> String {
        switch setting {
        case .epochs: "--epochs"
        case .batchSize: "--batch"
        case .learningRate: "--lr"
        case .momentum: "--momentum"
        case .weightDecay: "--weight-decay"
        }
    }

    var description: String {
        switch self {
        case let .badDataSource(value):
            "--data: expected 'synthetic' or 'idx:DIR' (a folder with MNIST's IDX files), got '\(value)'"
        case let .checkpoint(file, problem):
            "\(file): does not fit this network: \(problem)"
        case let .channelMismatch(source, found, expected):
            "\(source): images have \(found) channel\(found == 1 ? "" : "s") but the network takes \(expected)"
        case let .notAClassifier(shape):
            "the network must end in one score per class (e.g. '… | flatten | linear 10'), but its output is \(Tensor.describe(shape))"
        case let .flatInput(shape):
            "the network takes flat inputs of \(Tensor.describe(shape)) values; training needs images, so start the spec with 'input HxWxC'"
        case let .tooManyClasses(labels, outputs):
            "the labels go up to \(labels - 1) but the network has only \(outputs) outputs"
        case let .emptySet(role):
            "the \(role) set is empty: pass a positive --\(role)-size"
        case let .badValue(option, value, expected):
            "\(option): expected \(expected), got \(value)"
        case let .setting(error):
            error.description(naming: Self.option(for: error.setting))
        case let .nonFiniteWeights(file, tensor, count):
            "\(file): '\(tensor)' holds \(count) value\(count == 1 ? "" : "s") that \(count == 1 ? "is" : "are") NaN or infinite; a checkpoint must hold finite weights (was it saved from a run that diverged?)"
        case let .memory(error):
            "\(error): \(Self.advice(for: error))"
        case let .emptyTestSet(source):
            "\(source): the test set is empty, so there is no accuracy to report; give it test images"
        }
    }

    /// What to shrink when a run needs too much memory: its largest part first.
    private static func advice(for error: MemoryEstimateError) -> String {
        guard case let .tooLarge(estimate, _) = error else { return "use smaller layers, --batch or sizes" }
        return switch estimate.largestPart {
        case "activations": "lower --batch or use smaller layers"
        case "data": "lower --train-size or --test-size"
        default: "use smaller layers"
        }
    }
}
