// Layout: NCHW. Images are N×C×H×W.

/// A network's shift behaviour beside a multilayer perceptron's: the same data, the same
/// training configuration (optimiser, learning rate, batch size, seed, epochs) and about the
/// same number of parameters, so what differs is the architecture — weight sharing and
/// pooling against one weight per pixel per unit.
public struct ShiftComparison: Sendable {
    /// The learner's network, layer by layer.
    public var equivariance: ShiftEquivariance
    /// `ShiftConsistency` of the learner's network and of the perceptron.
    public var networkConsistency: Double
    public var perceptronConsistency: Double?
    /// Test accuracy (unshifted) of each.
    public var networkAccuracy: Double
    public var perceptronAccuracy: Double?
    /// The perceptron's spec text and parameter count.
    public var perceptronSpec: String
    public var perceptronParameterCount: Int
    /// The network's parameter count.
    public var networkParameterCount: Int
    /// Epochs the perceptron was trained.
    public var epochs: Int
    /// Why the perceptron's training stopped early (its loss stopped being finite), if it did.
    public var perceptronFailure: String?

    /// Images the equivariance is measured on (the first of the test set) and the most the
    /// consistency uses.
    public static let equivarianceImages = 32
    public static let consistencyImages = 500

    /// Measures `model` on `test` (right shifts 0…`maximumShift`, random shifts within
    /// ±`maximumShift`), and trains a matched perceptron on `training` for `epochs` epochs
    /// with `configuration` (its epoch count replaced) to measure it the same way.
    public static func measure(
        model: Sequential, training: Dataset, test: Dataset, configuration: TrainingConfiguration, epochs: Int,
        maximumShift: Int, seed: UInt64
    ) -> ShiftComparison {
        precondition(test.count > 0 && training.count > 0, "both sets must hold images")
        let classCount = (try? model.spec.outputShape())?.reduce(1, *) ?? 10
        let probeSet = test.prefix(equivarianceImages)
        let consistencySet = test.prefix(consistencyImages)
        let networkTrainer = Trainer(model: model, trainingSet: training, testSet: test, configuration: configuration)
        let perceptronSpec = matchedPerceptronSpec(inputShape: model.spec.inputShape, classCount: classCount, parameterCount: model.parameterCount)
        // A spec built from whole positive sizes always makes a network.
        let perceptron = try! Sequential(spec: perceptronSpec, seed: configuration.seed)
        var comparison = ShiftComparison(
            equivariance: ShiftEquivariance.measure(model: model, images: probeSet.images, maximumShift: maximumShift),
            networkConsistency: ShiftConsistency.measure(model: model, images: consistencySet.images, maximumShift: maximumShift, seed: seed),
            networkAccuracy: networkTrainer.evaluate(test).accuracy,
            perceptronSpec: perceptronSpec.description, perceptronParameterCount: perceptron.parameterCount,
            networkParameterCount: model.parameterCount, epochs: max(epochs, 1))
        var configuration = configuration
        configuration.epochs = max(epochs, 1)
        var trainer = Trainer(model: perceptron, trainingSet: training, testSet: test, configuration: configuration)
        do {
            while !trainer.isFinished { try trainer.trainEpoch() }
        } catch {
            comparison.perceptronFailure = error.description
            return comparison
        }
        comparison.perceptronAccuracy = trainer.evaluate(test).accuracy
        comparison.perceptronConsistency = ShiftConsistency.measure(
            model: trainer.model, images: consistencySet.images, maximumShift: maximumShift, seed: seed)
        return comparison
    }

    /// `input … | flatten | linear H | relu | linear K`, with H the hidden width whose
    /// parameter count, H·(F + 1 + K) + K for F input values, comes nearest `parameterCount`
    /// (at least one hidden unit).
    public static func matchedPerceptronSpec(inputShape: [Int], classCount: Int, parameterCount: Int) -> ArchitectureSpec {
        precondition(inputShape.count == 3 && classCount > 0, "a C×H×W input and at least one class")
        let features = inputShape.reduce(1, *)
        let perUnit = Double(features + 1 + classCount)
        let hidden = max(1, min(Limits.features, Int((Double(parameterCount - classCount) / perUnit).rounded())))
        let text = "input \(inputShape[1])x\(inputShape[2])x\(inputShape[0]) | flatten | linear \(hidden) | relu | linear \(classCount)"
        return try! ArchitectureSpec(parsing: text)
    }
}
