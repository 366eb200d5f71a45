import Testing
@testable import ConvEngine

@Suite struct TrainingValidationTests {
    @Test func eachSettingIsRefusedByNameWithItsValue() {
        let cases: [(TrainingConfiguration, String)] = [
            (TrainingConfiguration(epochs: Limits.epochs + 1), "the number of epochs must be a whole number from 0 to 10000, got 10001"),
            (TrainingConfiguration(batchSize: Limits.batch + 1), "the batch size must be a whole number from 1 to 65536, got 65537"),
            (TrainingConfiguration(learningRate: -0.05), "the learning rate must be a positive finite number, got -0.05"),
            (TrainingConfiguration(learningRate: .nan), "the learning rate must be a positive finite number, got nan"),
            (TrainingConfiguration(momentum: 1.5), "the momentum must be a number from 0 to 1, got 1.5"),
            (TrainingConfiguration(weightDecay: .infinity), "the weight decay must be a finite number, 0 or more, got inf"),
        ]
        for (configuration, message) in cases {
            #expect(throws: TrainingConfigurationError.self) { try configuration.validate() }
            do { try configuration.validate() } catch { #expect(error.description == message) }
        }
        #expect(throws: Never.self) { try TrainingConfiguration().validate() }
        #expect(throws: Never.self) { try TrainingConfiguration(epochs: 0, batchSize: 1, momentum: 0).validate() }
    }

    @Test func aCommandLineNamesItsOwnOption() throws {
        let error = try #require(throws: TrainingConfigurationError.self) {
            try TrainingConfiguration.validate(learningRate: -0.05)
        }
        #expect(error.setting == .learningRate)
        #expect(error.description(naming: "--lr") == "--lr must be a positive finite number, got -0.05")
    }

    /// ⌈N / B⌉ without computing N + B − 1, which overflowed for a batch of Int.max.
    @Test func batchesPerEpochCannotOverflow() throws {
        let huge = try makeTrainer(trainCount: 10, testCount: 2, configuration: TrainingConfiguration(epochs: 1, batchSize: Int.max))
        #expect(huge.batchesPerEpoch == 1)
        let uneven = try makeTrainer(trainCount: 10, testCount: 2, configuration: TrainingConfiguration(epochs: 1, batchSize: 3))
        #expect(uneven.batchesPerEpoch == 4)
        let even = try makeTrainer(trainCount: 9, testCount: 2, configuration: TrainingConfiguration(epochs: 1, batchSize: 3))
        #expect(even.batchesPerEpoch == 3)
        // A snapshot reads the same count (where the overflow trapped before).
        #expect(TrainingSnapshot(trainer: huge, status: .notStarted, imagesPerSecond: 0).batchesPerEpoch == 1)
    }

    /// NaN weights make the very first loss NaN: the message blames the weights or images, not
    /// the learning rate, since no step has been taken.
    @Test func nonFiniteStartingWeightsDoNotAdviseALowerRate() throws {
        var trainer = try makeTrainer(trainCount: 8, testCount: 2, configuration: TrainingConfiguration(epochs: 1, batchSize: 4))
        var model = trainer.model
        model.updateParameters { $0.value = $0.value.map { _ in Float.nan } }
        trainer = Trainer(model: model, trainingSet: trainer.trainingSet, testSet: trainer.testSet, configuration: trainer.configuration)
        let error = try #require(throws: TrainingError.self) { try trainer.trainNextBatch() }
        guard case .nonFiniteBeforeTraining = error else { Issue.record("unexpected \(error)"); return }
        #expect(error.description.contains("before any step"), "\(error.description)")
        #expect(!error.description.contains("--lr"), "\(error.description)")
        #expect(trainer.batchLosses.isEmpty)
    }
}

@Suite struct TrainerCheckTests {
    @Test func whatTheInitialiserWouldStopOnIsThrown() throws {
        let model = try Sequential(spec: NamedArchitecture.teachingNet.spec, seed: 1)
        let digits = SyntheticDigits.trainingSet(count: 4, seed: 1)
        let tests = SyntheticDigits.testSet(count: 2, seed: 1)
        #expect(throws: Never.self) {
            try Trainer.check(model: model, trainingSet: digits, testSet: tests, configuration: TrainingConfiguration())
        }
        #expect(throws: TrainerSetupError.configuration(
            TrainingConfigurationError(setting: .batchSize, value: "\(Int.max)", expected: "a whole number from 1 to 65536"))) {
            try Trainer.check(model: model, trainingSet: digits, testSet: tests, configuration: TrainingConfiguration(batchSize: Int.max))
        }
        #expect(throws: TrainerSetupError.emptyTrainingSet) {
            try Trainer.check(model: model, trainingSet: digits.prefix(0), testSet: tests, configuration: TrainingConfiguration())
        }
        let small = digits.resized(height: 14, width: 14)
        let error = try #require(throws: TrainerSetupError.self) {
            try Trainer.check(model: model, trainingSet: small, testSet: tests, configuration: TrainingConfiguration())
        }
        #expect(error.description == "the training images are 1×14×14 but the network takes 1×28×28", "\(error)")
        let twoOutputs = try Sequential(spec: ArchitectureSpec(parsing: "input 28x28x1 | flatten | linear 2"), seed: 1)
        #expect(throws: TrainerSetupError.labels(largest: digits.classCount - 1, outputs: 2)) {
            try Trainer.check(model: twoOutputs, trainingSet: digits, testSet: tests, configuration: TrainingConfiguration())
        }
    }
}
