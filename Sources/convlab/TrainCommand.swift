import ArgumentParser
import ConvEngine
import ConvFiles
import ConvLabApp
import Foundation
import TerminalUI

/// `convlab train`: trains a network on digits without the interactive interface, printing
/// progress and ending with one machine-readable line.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train a network on digits and report its accuracy.",
        discussion: """
            Data: 'synthetic' draws digits procedurally (--train-size, --test-size); 'idx:DIR' \
            reads MNIST's four IDX files (optionally .gz) from DIR. Pixels become value/255.
            Training follows PyTorch: the loss is the batch mean of cross-entropy, SGD uses \
            v = momentum*v + g, w = w - lr*v, and the last partial batch is used. The same \
            --seed and --threads give bit-identical results.
            Checkpoints (--init, --save) are .npz files keyed like the state_dict of the \
            equivalent torch.nn.Sequential ("0.weight", "0.bias", ...), loadable with
              model.load_state_dict({k: torch.from_numpy(v) for k, v in np.load(f).items()})
            The last line reads: test_accuracy=... train_loss=... images_per_s=...
            """)

    @Option(help: "A named architecture or a spec in quotes (see 'convlab arch').")
    var arch = NamedArchitecture.teachingNet.name
    @Option(help: "synthetic, or idx:DIR for a folder of MNIST IDX files.") var data = "synthetic"
    // Numbers read `.unconditional`ly so a negative value reaches validate() and is refused
    // by name ("--lr must be a positive finite number, got -0.05") instead of being taken for
    // an option and reported as a missing value.
    @Option(parsing: .unconditional, help: "Training images (synthetic: how many to draw; idx: use the first N), 1 to \(Limits.examples).")
    var trainSize: Int?
    @Option(parsing: .unconditional, help: "Test images (synthetic: how many to draw; idx: use the first N), 1 to \(Limits.examples).")
    var testSize: Int?
    @Option(parsing: .unconditional, help: "Passes over the training set, 0 to \(Limits.epochs) (0 evaluates only).") var epochs = 3
    @Option(parsing: .unconditional, help: "Examples per step, 1 to \(Limits.batch) (default 64; 32 with --tui).") var batch: Int?
    @Option(parsing: .unconditional, help: "Learning rate (default 0.05 for sgd, 0.001 for adam).") var lr: Float?
    @Option(help: "sgd or adam.") var optimizer: OptimizerKind = .sgd
    @Option(parsing: .unconditional, help: "SGD momentum, 0 to 1.") var momentum: Float = 0.9
    @Option(parsing: .unconditional, help: "L2 weight decay added to the gradient.") var weightDecay: Float = 0
    @Option(parsing: .unconditional, help: "Seeds the weights, the synthetic digits and the shuffling (0 to \(UInt64.max)).",
            transform: TrainCommand.seed)
    var seed: UInt64 = 0
    @Flag(help: "Visit the training examples in file order every epoch.") var noShuffle = false
    @Option(help: "Start from this checkpoint (.npz) instead of random weights.") var `init`: String?
    @Option(help: "Write the trained weights here (.npz, atomically).") var save: String?
    @Option(parsing: .unconditional, help: "Threads for the convolutions, 1 to \(Limits.threads) (default: all cores).") var threads: Int?
    @Flag(help: "Resize images of another size to the network's input (bilinear).") var resize = false
    @Flag(help: "Print one JSON document instead of progress lines.") var json = false
    @Flag(help: "Open the live dashboard instead of printing progress (needs a terminal).") var tui = false
    @Option(help: "With --tui: your own PGM image, shown as the probe with the o key.") var probe: String?
    @Option(help: "Write the first 8 test images and the trained network's logits for them (.npz: images, labels, logits).")
    var exportLogits: String?

    static let defaultTrainSize = 10_000
    static let defaultTestSize = 2_000
    static let defaultBatchSize = 64

    /// The batch size in force: the option, or the headless or dashboard default.
    var batchSize: Int { batch ?? (tui ? TrainingDashboardSetup.defaultBatchSize : Self.defaultBatchSize) }

    func run() throws {
        // Without a terminal the dashboard says so before any data is loaded.
        if tui, !isInteractiveTerminal() { throw CommandError.needsTerminal(command: "convlab train --tui") }
        // Every output is checked before any work, so a long run never ends unable to save.
        try OutputPaths.check(outputs)
        if let threads { FastThreading.threadCount = threads }
        let spec = try ArchitectureSpec(nameOrSpec: arch)
        let outputShape = try spec.outputShape()
        guard outputShape.count == 1 else { throw TrainCommandError.notAClassifier(outputShape: outputShape) }
        // The memory is estimated before the network or the data take any: synthetic sizes
        // are known now; IDX sizes are counted again once the files are read.
        try checkMemory(spec: spec, trainingCount: plannedTrainingCount, testCount: plannedTestCount)
        var model = try Sequential(spec: spec, seed: seed)
        if let path = self.`init` {
            do {
                try model.loadStateDictionary(try NumpyArchive.read(from: URL(fileURLWithPath: path)))
            } catch let error as StateDictionaryError {
                throw TrainCommandError.checkpoint(file: path, problem: error.description)
            }
            try Self.requireFiniteWeights(model, file: path)
        }
        let (trainingSet, testSet) = try loadData(inputShape: spec.inputShape)
        guard trainingSet.count > 0 else { throw TrainCommandError.emptySet(role: "train") }
        guard testSet.count > 0 else { throw TrainCommandError.emptyTestSet(source: dataSourceName) }
        if data != "synthetic" { try checkMemory(spec: spec, trainingCount: trainingSet.count, testCount: testSet.count) }
        let classCount = max(trainingSet.classCount, testSet.classCount)
        guard classCount <= outputShape[0] else { throw TrainCommandError.tooManyClasses(labels: classCount, outputs: outputShape[0]) }

        let configuration = TrainingConfiguration(
            epochs: epochs, batchSize: batchSize, learningRate: lr, optimizer: optimizer, momentum: momentum,
            weightDecay: weightDecay, seed: seed, shuffle: !noShuffle)
        // The checks above name options; this one is the trainer's own, so no precondition of
        // its initialiser can trap whatever slipped past them.
        try Trainer.check(model: model, trainingSet: trainingSet, testSet: testSet, configuration: configuration)
        if tui {
            try runDashboard(model: model, trainingSet: trainingSet, testSet: testSet, configuration: configuration)
            return
        }
        var trainer = Trainer(model: model, trainingSet: trainingSet, testSet: testSet, configuration: configuration)
        var progress = TrainProgress(
            quiet: json, epochCount: epochs, batchesPerEpoch: trainer.batchesPerEpoch, batchSize: batchSize,
            trainingCount: trainingSet.count)
        progress.line("training \(arch) (\(model.parameterCount) parameters) on \(trainingSet.count) images, testing on \(testSet.count); \(configuration.optimizer.rawValue) lr \(configuration.learningRate), batch \(batchSize), \(FastThreading.threadCount) thread\(FastThreading.threadCount == 1 ? "" : "s")")

        // Throughput counts only the time spent in training steps, not test evaluation.
        let clock = ContinuousClock()
        var trainingTime = Duration.zero
        var imagesTrained = 0
        func imagesPerSecond() -> Double {
            let seconds = Double(trainingTime.components.seconds) + Double(trainingTime.components.attoseconds) * 1e-18
            return seconds > 0 ? Double(imagesTrained) / seconds : 0
        }
        while !trainer.isFinished {
            let start = clock.now
            let result = try trainer.trainNextBatch()
            trainingTime += clock.now - start
            imagesTrained += result.size
            progress.batchDone(result, imagesPerSecond: imagesPerSecond())
            if result.endsEpoch { progress.epochDone(trainer.finishEpoch(), imagesPerSecond: imagesPerSecond()) }
        }

        // With no epochs the figures come from evaluating the (loaded or fresh) network.
        let testEvaluation = trainer.epochs.last.map { Evaluation(loss: $0.testLoss, confusionMatrix: $0.confusionMatrix) }
            ?? trainer.evaluate(testSet)
        let trainLoss = trainer.epochs.last?.trainLoss ?? trainer.evaluate(trainingSet, as: .training).loss
        if let save {
            let arrays = trainer.model.parameters.map { (name: $0.name, tensor: $0.value) }
            try NumpyArchive.write(arrays, to: URL(fileURLWithPath: save))
        }
        if let exportLogits {
            let probe = testSet.count > 0 ? testSet.prefix(8) : trainingSet.prefix(8)
            var network = trainer.model
            let logits = network.forward(probe.images)
            let labels = Tensor(shape: [probe.count], scalars: probe.labels.map(Float.init))
            try NumpyArchive.write([(name: "images", tensor: probe.images), (name: "labels", tensor: labels), (name: "logits", tensor: logits)],
                                   to: URL(fileURLWithPath: exportLogits))
        }
        if json {
            try printJSON(trainer: trainer, testEvaluation: testEvaluation, trainLoss: trainLoss, imagesPerSecond: imagesPerSecond())
            return
        }
        if testSet.count > 0 {
            progress.line("test set confusion matrix (rows: true digit, columns: predicted):")
            progress.line(testEvaluation.confusionMatrix.rendered())
        }
        if let save { progress.line("saved \(save)") }
        progress.line("test_accuracy=\(TrainProgress.fixed(testEvaluation.accuracy)) train_loss=\(TrainProgress.fixed(Double(trainLoss))) images_per_s=\(Int(imagesPerSecond().rounded()))")
    }

    /// `--tui`: the live dashboard on the prepared network, data and configuration; `w` saves
    /// to --save (or the dashboard's default file).
    private func runDashboard(model: Sequential, trainingSet: Dataset, testSet: Dataset, configuration: TrainingConfiguration) throws {
        var setup = TrainingDashboardSetup(
            architectureName: arch, initialModel: model, data: .prepared(training: trainingSet, test: testSet),
            configuration: configuration, checkpointPath: save ?? TrainingDashboardSetup.defaultCheckpointPath, probePath: probe)
        setup.dataOptions = dashboardDataOptions
        try setup.checkProbe()  // the probe file is read with the setup, before curses starts
        try InteractiveSession.run(command: "convlab train --tui") { context in
            App(root: TrainingDashboardScreen(setup: setup, context: context), context: context)
        }
    }

    /// The training and test sets, checked against (and with --resize fitted to) the network's
    /// input C×H×W.
    func loadData(inputShape: [Int]) throws -> (Dataset, Dataset) {
        let source: String
        var train: Dataset, test: Dataset
        if data == "synthetic" {
            source = dataSourceName
            train = SyntheticDigits.trainingSet(count: plannedTrainingCount, seed: seed)
            test = SyntheticDigits.testSet(count: plannedTestCount, seed: seed)
        } else if data.hasPrefix("idx:"), data.count > 4 {
            source = String(data.dropFirst(4))
            (train, test) = try MNISTFolder.load(from: URL(fileURLWithPath: source))
            if let trainSize { train = train.prefix(trainSize) }
            if let testSize { test = test.prefix(testSize) }
        } else {
            throw TrainCommandError.badDataSource(data)
        }
        guard inputShape.count == 3 else { throw TrainCommandError.flatInput(inputShape: inputShape) }
        guard train.imageShape[0] == inputShape[0] else {
            throw TrainCommandError.channelMismatch(source: source, found: train.imageShape[0], expected: inputShape[0])
        }
        for (role, set) in [("training", train), ("test", test)] where set.imageShape != inputShape {
            guard resize else {
                throw DatasetFileError.sizeMismatch(file: "\(source) (\(role) images)", found: set.imageShape, expected: inputShape)
            }
        }
        if train.imageShape != inputShape { train = train.resized(height: inputShape[1], width: inputShape[2]) }
        if test.imageShape != inputShape { test = test.resized(height: inputShape[1], width: inputShape[2]) }
        return (train, test)
    }

    private func printJSON(trainer: Trainer, testEvaluation: Evaluation, trainLoss: Float, imagesPerSecond: Double) throws {
        struct Report: Encodable {
            var architecture: String
            var parameters: Int
            var trainingImages: Int
            var testImages: Int
            var configuration: TrainingConfiguration
            var threads: Int
            var epochs: [EpochMetrics]
            var testAccuracy: Double
            var testLoss: Float
            var trainLoss: Float
            var imagesPerSecond: Double
            var confusionMatrix: [[Int]]
            var saved: String?
        }
        let report = Report(
            architecture: arch, parameters: trainer.model.parameterCount, trainingImages: trainer.trainingSet.count,
            testImages: trainer.testSet.count, configuration: trainer.configuration, threads: FastThreading.threadCount,
            epochs: trainer.epochs, testAccuracy: testEvaluation.accuracy, testLoss: testEvaluation.loss, trainLoss: trainLoss,
            imagesPerSecond: imagesPerSecond, confusionMatrix: testEvaluation.confusionMatrix.counts, saved: save)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        print(String(decoding: try encoder.encode(report), as: UTF8.self))
    }
}

extension OptimizerKind: ExpressibleByArgument {}
