import ConvEngine
import ConvFiles
import Foundation

/// Everything the training dashboard needs to start (and, with `r`, restart) a run: the
/// network's starting weights, where the data comes from, the training configuration, and the
/// learner's files. `convlab demo train --option value` builds one from parameters;
/// `convlab train --tui` builds one from the command's own options (IDX data, `--init`, …).
public struct TrainingDashboardSetup: Sendable {
    /// Where the images come from.
    public enum DataSource: Sendable {
        /// Procedural digits (`SyntheticDigits`), drawn off the UI thread when the run starts,
        /// seeded by the configuration's seed.
        case synthetic(trainingCount: Int, testCount: Int)
        /// Sets already loaded, fitting the network's input.
        case prepared(training: Dataset, test: Dataset)
    }

    /// How the network was named (`teaching-net` or spec text), for the title.
    public var architectureName: String
    /// The weights every run (the first and each reset) starts from.
    public var initialModel: Sequential
    public var data: DataSource
    public var configuration: TrainingConfiguration
    /// Where `w` writes the checkpoint.
    public var checkpointPath: String
    /// The learner's own PGM/PPM image, shown as the probe with `o`.
    public var probePath: String?
    /// The page the dashboard opens on (`page` parameter): the overview unless a lesson step
    /// sends the learner straight to the mistakes, the strongest images or the shift page.
    var openingPage: DashboardInspection.Page = .overview
    /// `probePath` read, checked against the network and resized to its input, when the setup
    /// was made — before the interface starts, so a bad file is one line on the command line
    /// instead of a surprise on `o`. nil without a probe file.
    public let probe: Result<ProbeImage, DemoParameterError>?
    /// The `convlab train` options that give this setup's data (`--train-size 6000 …`, or
    /// `--data idx:DIR`), for the run's command line (`RunCommandLine`). Synthetic data states
    /// its sizes by itself; a caller that prepared the sets says where they came from.
    public var dataOptions: [String] {
        get {
            if let explicitDataOptions { return explicitDataOptions }
            if case let .synthetic(training, test) = data { return ["--train-size", String(training), "--test-size", String(test)] }
            return []
        }
        set { explicitDataOptions = newValue }
    }
    private var explicitDataOptions: [String]?

    /// The learner's probe image, ready for the network.
    public struct ProbeImage: Sendable {
        public var path: String
        /// 1×C×H×W at the network's input size.
        public var batch: Tensor
        /// What the status line says when it is shown: the file, and a resize if there was one.
        public var note: String
    }

    /// The checkpoint file when no `save` parameter is given, in the current directory.
    public static let defaultCheckpointPath = "convlab-checkpoint.npz"
    /// Defaults small enough to stay lively on two cores: 6,000 training digits, 1,000 test
    /// digits, batches of 32, three epochs.
    public static let defaultTrainingCount = 6_000
    public static let defaultTestCount = 1_000
    public static let defaultBatchSize = 32
    public static let defaultEpochs = 3
    /// Most epochs a dashboard run takes: at the defaults, days of training on two cores.
    public static let maximumEpochs = 1_000
    /// The largest batch the dashboard trains: the teaching net's activations for 4,096 digits
    /// take about 0.7 GB, a batch of Limits.batch (65,536) about 11.5 GB.
    public static let maximumBatchSize = 4_096

    public init(
        architectureName: String, initialModel: Sequential, data: DataSource, configuration: TrainingConfiguration,
        checkpointPath: String = defaultCheckpointPath, probePath: String? = nil
    ) {
        self.architectureName = architectureName
        self.initialModel = initialModel
        self.data = data
        self.configuration = configuration
        self.checkpointPath = checkpointPath
        self.probePath = probePath
        probe = probePath.map { path in Result { () throws(DemoParameterError) in try Self.loadProbe(path: path, inputShape: initialModel.spec.inputShape) } }
    }

    /// Refuses the setup when its probe file could not be used.
    /// - Throws: the probe's `DemoParameterError` (parameter `probe`), naming the file.
    public func checkProbe() throws(DemoParameterError) {
        if case let .failure(error) = probe { throw error }
    }

    /// Reads a PGM/PPM for a network taking `inputShape` (C×H×W): the channels must match, the
    /// sides are resized bilinearly by the engine.
    static func loadProbe(path: String, inputShape: [Int]) throws(DemoParameterError) -> ProbeImage {
        let image: Tensor  // C×H×W
        do {
            image = try PortableAnymap.read(from: URL(fileURLWithPath: path))
        } catch {
            throw DemoParameterError(parameter: "probe", message: "\(error)")
        }
        guard image.shape[0] == inputShape[0] else {
            throw DemoParameterError(parameter: "probe", message: "\(path) has \(image.shape[0]) channel\(image.shape[0] == 1 ? "" : "s"), the network takes \(inputShape[0]) (use a PGM)")
        }
        let batch = image.reshaped([1] + image.shape)  // 1×C×H×W
        guard Array(image.shape.dropFirst()) != Array(inputShape.dropFirst()) else {
            return ProbeImage(path: path, batch: batch, note: "probe \(path)")
        }
        return ProbeImage(path: path, batch: batch.resizedBilinear(height: inputShape[1], width: inputShape[2]),
                          note: "probe \(path), resized from \(image.shape[1])×\(image.shape[2])")
    }

    /// The parameters `init(parameters:)` reads, with help, in the order `--list` shows them.
    public static var parameterHelp: [KeyBinding] {
        [
            KeyBinding("arch", "a named architecture or a spec taking 28x28x1 digits (default \(NamedArchitecture.teachingNet.name))"),
            KeyBinding("epochs", "passes over the training set, 1 to \(maximumEpochs) (default \(defaultEpochs))"),
            KeyBinding("batch", "examples per step, 1 to \(maximumBatchSize) (default \(defaultBatchSize))"),
            KeyBinding("lr", "learning rate (default 0.05 for sgd, 0.001 for adam)"),
            KeyBinding("optimizer", "sgd or adam (default sgd)"),
            KeyBinding("seed", "seeds the weights, the digits and the shuffling (default 0)"),
            KeyBinding("train-size", "synthetic training digits, 1 to \(Limits.examples) (default \(defaultTrainingCount))"),
            KeyBinding("test-size", "synthetic test digits, 1 to \(Limits.examples) (default \(defaultTestCount))"),
            KeyBinding("save", "checkpoint file for w (default \(defaultCheckpointPath))"),
            KeyBinding("probe", "your own PGM image, shown with o"),
            KeyBinding("page", "the page it opens on: \(openingPages.map(\.name).joined(separator: ", ")) (default overview)"),
        ]
    }

    /// The pages a lesson step (or `--page`) may open the dashboard on, by name.
    static let openingPages: [(name: String, page: DashboardInspection.Page)] = [
        ("overview", .overview), ("failures", .failures), ("strongest", .strongestImages), ("shift", .shiftBehaviour),
    ]

    /// A setup from demo parameters (all optional), on synthetic digits.
    /// - Throws: the first parameter that is unknown or unusable, with what was expected.
    public init(parameters: [String: String]) throws(DemoParameterError) {
        let reader = try DemoParameterReader(parameters, help: Self.parameterHelp)
        let architectureName = parameters["arch"] ?? NamedArchitecture.teachingNet.name
        let seed = try reader.seed("seed", default: 0)
        let epochs = try reader.integer("epochs", in: 1...Self.maximumEpochs, default: Self.defaultEpochs)
        let batch = try reader.integer("batch", in: 1...Self.maximumBatchSize, default: Self.defaultBatchSize)
        let trainingCount = try reader.integer("train-size", in: 1...Limits.examples, default: Self.defaultTrainingCount)
        let testCount = try reader.integer("test-size", in: 1...Limits.examples, default: Self.defaultTestCount)
        let optimizer = try OptimizerKind(rawValue: reader.choice("optimizer", from: ["sgd", "adam"], default: OptimizerKind.sgd.rawValue))!
        let model = try Self.model(
            architectureName: architectureName, seed: seed, batchSize: batch,
            trainingCount: trainingCount, testCount: testCount, optimizer: optimizer)
        let learningRate = try reader.positiveDecimal("lr")
        let configuration = TrainingConfiguration(epochs: epochs, batchSize: batch, learningRate: learningRate, optimizer: optimizer, seed: seed)
        self.init(
            architectureName: architectureName, initialModel: model,
            data: .synthetic(trainingCount: trainingCount, testCount: testCount), configuration: configuration,
            checkpointPath: parameters["save"] ?? Self.defaultCheckpointPath, probePath: parameters["probe"])
        let pageName = try reader.choice("page", from: Self.openingPages.map(\.name), default: "overview")
        openingPage = Self.openingPages.first { $0.name == pageName }!.page
        try checkProbe()
    }

    /// The network `architectureName` names, with seeded weights, checked to take one 28×28
    /// digit and give at least ten class scores, and to fit in `Limits.memoryBytes` when trained
    /// in batches of `batchSize` on `trainingCount` and `testCount` digits (the engine's
    /// `MemoryEstimate`, the same `convlab train` uses, checked before any weight is allocated).
    static func model(
        architectureName: String, seed: UInt64, batchSize: Int = defaultBatchSize,
        trainingCount: Int = defaultTrainingCount, testCount: Int = defaultTestCount, optimizer: OptimizerKind = .sgd
    ) throws(DemoParameterError) -> Sequential {
        let spec: ArchitectureSpec
        do {
            spec = try ArchitectureSpec(nameOrSpec: architectureName)
        } catch {
            throw DemoParameterError(parameter: "arch", message: "\(error)")
        }
        let digitShape = [1, SyntheticDigits.imageSize, SyntheticDigits.imageSize]
        guard spec.inputShape == digitShape else {
            // Written H×W×C, as the spec's `input` that the advice quotes.
            let order = spec.inputShape.count == 3 ? " (H×W×C)" : ""
            throw DemoParameterError(parameter: "arch", message: "the network takes \(ArchitectureScreen.shapeText(spec.inputShape))\(order) but the digits are \(ArchitectureScreen.shapeText(digitShape)); start the spec with 'input 28x28x1'")
        }
        let outputShape: [Int]
        do { outputShape = try spec.outputShape() } catch { throw DemoParameterError(parameter: "arch", message: "\(error)") }
        guard outputShape.count == 1, outputShape[0] >= 10 else {
            throw DemoParameterError(parameter: "arch", message: "the network must end in at least 10 class scores ('… | flatten | linear 10'), but its output is \(Tensor.describe(outputShape))")
        }
        do {
            try MemoryEstimate(
                architecture: spec, batchSize: batchSize, trainingCount: trainingCount, testCount: testCount, optimizer: optimizer
            ).check()
            return try Sequential(spec: spec, seed: seed)
        } catch {
            throw DemoParameterError(parameter: "arch", message: "\(error)")
        }
    }

    /// The training and test sets (generating synthetic digits: call it off the UI thread).
    public func makeDatasets() -> (training: Dataset, test: Dataset) {
        switch data {
        case let .synthetic(trainingCount, testCount):
            (SyntheticDigits.trainingSet(count: trainingCount, seed: configuration.seed),
             SyntheticDigits.testSet(count: testCount, seed: configuration.seed))
        case let .prepared(training, test):
            (training, test)
        }
    }

    /// Whether `makeDatasets()` costs nothing and may run on the UI thread.
    public var hasPreparedData: Bool {
        if case .prepared = data { return true }
        return false
    }
}
