// Layout: NCHW. Images are N×C×H×W; the network's input shape is C×H×W.

/// Why a trainer cannot be built from a network, data and configuration.
public enum TrainerSetupError: Error, Equatable, Sendable, CustomStringConvertible {
    case configuration(TrainingConfigurationError)
    case imageShape(role: String, found: [Int], expected: [Int])
    case emptyTrainingSet
    case labels(largest: Int, outputs: Int)

    public var description: String {
        switch self {
        case let .configuration(error):
            error.description
        case let .imageShape(role, found, expected):
            "the \(role) images are \(Tensor.describe(found)) but the network takes \(Tensor.describe(expected))"
        case .emptyTrainingSet:
            "the training set is empty"
        case let .labels(largest, outputs):
            "the labels go up to \(largest) but the network has only \(outputs) outputs"
        }
    }
}

extension Trainer {
    /// Throws what `init(model:trainingSet:testSet:configuration:)` would otherwise stop on
    /// (its preconditions are for programmer errors), plus any setting outside the trainer's
    /// bounds: a library caller with values from outside calls this first and never traps.
    public static func check(
        model: Sequential, trainingSet: Dataset, testSet: Dataset, configuration: TrainingConfiguration
    ) throws(TrainerSetupError) {
        do { try configuration.validate() } catch { throw .configuration(error) }
        let inputShape = model.spec.inputShape
        for (role, set) in [("training", trainingSet), ("test", testSet)] where set.imageShape != inputShape {
            throw .imageShape(role: role, found: set.imageShape, expected: inputShape)
        }
        guard trainingSet.count > 0 else { throw .emptyTrainingSet }
        let outputs = ((try? model.spec.outputShape()).flatMap { Limits.product($0) }) ?? 0
        let classCount = max(trainingSet.classCount, testSet.classCount)
        guard classCount <= outputs else { throw .labels(largest: classCount - 1, outputs: outputs) }
    }
}
