import ConvEngine
import ConvFiles
import Foundation
import Synchronization
import Testing
import TerminalUI
import TestSupport
@testable import ConvLabApp

/// A run that trains nothing: it records the commands the dashboard sends and serves the
/// snapshot the test sets.
final class FakeTrainingRun: TrainingRun {
    private let state: Mutex<(snapshot: TrainingSnapshot, commands: [String])>

    init(snapshot: TrainingSnapshot) {
        state = Mutex((snapshot, []))
    }

    var snapshot: TrainingSnapshot {
        get { state.withLock { $0.snapshot } }
        set { state.withLock { $0.snapshot = newValue } }
    }
    var commands: [String] { state.withLock { $0.commands } }
    private func record(_ command: String) { state.withLock { $0.commands.append(command) } }

    func start() { record("start") }
    func pause() { record("pause") }
    func resume() { record("resume") }
    func stepOneBatch() { record("step") }
    func setLearningRate(_ learningRate: Float) { record("lr \(learningRate)") }
    func stop() { record("stop") }
    func waitUntilDone() -> TrainingSnapshot { record("wait"); return snapshot }
}

/// Hands out fake runs and remembers them, so a test can reach the run the screen made.
final class FakeRunFactory: Sendable {
    private let runs = Mutex<[FakeTrainingRun]>([])
    let shape: @Sendable (inout TrainingSnapshot) -> Void

    init(shape: @escaping @Sendable (inout TrainingSnapshot) -> Void = { _ in }) {
        self.shape = shape
    }

    var made: [FakeTrainingRun] { runs.withLock { $0 } }

    func make(_ trainer: Trainer) -> any TrainingRun {
        var snapshot = TrainingSnapshot(trainer: trainer, status: .running, imagesPerSecond: 0)
        shape(&snapshot)
        let run = FakeTrainingRun(snapshot: snapshot)
        runs.withLock { $0.append(run) }
        return run
    }
}

@Suite struct TrainingDashboardScreenTests {
    /// 40 training and 20 test digits, batches of 10: 4 batches per epoch, 2 epochs.
    static func setup(checkpointPath: String = TrainingDashboardSetup.defaultCheckpointPath, probePath: String? = nil) throws -> TrainingDashboardSetup {
        let model = try Sequential(spec: NamedArchitecture.teachingNet.spec, seed: 0)
        return TrainingDashboardSetup(
            architectureName: "teaching-net", initialModel: model,
            data: .prepared(training: SyntheticDigits.trainingSet(count: 40, seed: 0), test: SyntheticDigits.testSet(count: 20, seed: 0)),
            configuration: TrainingConfiguration(epochs: 2, batchSize: 10, seed: 0),
            checkpointPath: checkpointPath, probePath: probePath)
    }

    /// A snapshot halfway through: 6 batch losses, epoch 1 with chosen metrics, 812 img/s.
    static func midRun(_ snapshot: inout TrainingSnapshot) {
        snapshot.batchLosses = [2.0, 1.6, 1.2, 0.8, 0.6, 0.5]
        snapshot.batchInEpoch = 2
        snapshot.completedEpochs = 1
        snapshot.imagesPerSecond = 812.4
        var matrix = ConfusionMatrix(classCount: 10)
        for label in 0..<10 { matrix.record(label: label, prediction: label < 8 ? label : 0) }
        snapshot.epochs = [EpochMetricsFixture.metrics(epoch: 1, trainLoss: 1.4, trainAccuracy: 0.5, testLoss: 1.0, testAccuracy: 0.8, matrix: matrix)]
    }

    private func makeScreen(
        factory: FakeRunFactory = FakeRunFactory(shape: midRun), color: ColorCapability = .none,
        setup: TrainingDashboardSetup? = nil
    ) throws -> TrainingDashboardScreen {
        var screen = TrainingDashboardScreen(setup: try setup ?? Self.setup(), context: AppContext(colorCapability: color),
                                             makeRun: { factory.make($0) })
        _ = screen.updatePerformingEffects(.tick(milliseconds: 100))
        return screen
    }

    private func render(_ screen: TrainingDashboardScreen, width: Int = 80, height: Int = 22) -> Buffer {
        var buffer = Buffer(width: width, height: height)
        screen.render(into: &buffer, area: buffer.area)
        return buffer
    }

    /// The header, the curve titles and legends, the y labels (2.00 … 0.50 for the batch
    /// losses; 0 … 100 for accuracy) and the right column's titles at 80×22.
    @Test func headerCurvesAndTitlesAtEightyByTwentyTwo() throws {
        let lines = render(try makeScreen()).trimmedLines
        #expect(lines.count == 22)
        #expect(lines[0] == "running · 812 img/s · lr 0.05 (sgd) · batch size 10 · test acc 80.0%")
        // Epoch 2 of 2, batch 2 of 4: (1 + 2/4)/2 = 75% of the run.
        #expect(lines[1].contains("epoch 2/2 75%"))
        #expect(lines[1].hasSuffix("batch 2/4"))
        #expect(lines[2].hasPrefix("loss (log axis), last batch 0.500"))
        #expect(lines[2].hasSuffix("layer 0 filters: 8 × 3×3"))
        // The loss axis is logarithmic: 2.0 at the top, 0.50 at the bottom, their geometric
        // mean's row (3 of 0…6) labelled 2·(0.5/2)^(3/6) = 1.0. (The charts' last two rows
        // say where the activation maps went.)
        #expect(lines[3].hasPrefix(" 2.0┤•"))
        #expect(lines[6].hasPrefix(" 1.0┤"))
        #expect(lines[9].hasPrefix("0.50┤"))
        #expect(lines.contains { $0.hasPrefix("• batch  o epoch train  x test") })
        #expect(lines.contains { $0.hasPrefix("accuracy %: train 50.0%, test 80.0%") })
        #expect(lines.contains { $0.hasPrefix("100┤") })
        #expect(lines.contains { $0.hasPrefix("  0┤") })
        #expect(lines.contains { $0.hasPrefix("o train  x test") })
        #expect(lines.contains { $0.contains("P(class) for the probe:") })
    }

    /// v switches the loss axis to linear (labels 2.00 … 0.50, no middle label) and back.
    @Test func lossAxisToggles() throws {
        var screen = try makeScreen()
        _ = screen.update(.key(.character("v")))
        #expect(!screen.lossScaleIsLogarithmic)
        let linear = render(screen).trimmedLines
        #expect(linear[2].hasPrefix("loss (linear axis), last batch 0.500"))
        #expect(linear[3].hasPrefix("2.00┤•") && linear[9].hasPrefix("0.50┤") && linear[6].hasPrefix("    │"))
        _ = screen.update(.key(.character("v")))
        #expect(render(screen).trimmedLines[3].hasPrefix(" 2.0┤•"))
        #expect(screen.keyBindings.contains { $0.keys == "v" })
    }

    /// The bars are softmax of the engine's forward pass for test image 0, the true label is
    /// marked ▶ and the predicted class is named.
    @Test func probabilitiesComeFromTheNetworkAndMarkTheLabel() throws {
        let screen = try makeScreen()
        let setup = try Self.setup()
        let test = SyntheticDigits.testSet(count: 20, seed: 0)
        var network = setup.initialModel
        let logits = network.forward(test.image(at: 0).reshaped([1, 1, 28, 28]))
        let expected = softmax(logits: logits).scalars
        #expect(screen.probeProbabilities == expected)
        let predicted = expected.indices.max { expected[$0] < expected[$1] }!
        let lines = render(screen).trimmedLines
        let title = try #require(lines.firstIndex { $0.contains("P(class) for the probe:") })
        #expect(lines[title].hasSuffix("P(class) for the probe: \(predicted), \(predicted == test.labels[0] ? "right" : "wrong")"))
        for digit in 0..<10 {
            let row = lines[title + 1 + digit]
            let marker = digit == test.labels[0] ? "▶" : " "
            #expect(row.contains("\(marker)\(digit) "), "row \(digit): \(row)")
            #expect(row.hasSuffix(NumberFormatting.fixed(Double(expected[digit]), decimals: 2)), "row \(digit): \(row)")
        }
    }

    /// The first layer's 8 filters as ASCII tiles with one shared range ±max|w| in the legend.
    @Test func firstLayerFiltersShareOneRange() throws {
        let screen = try makeScreen()
        let weight = try Self.setup().initialModel.parameters[0].value  // 8×1×3×3
        let magnitude = weight.scalars.map(abs).max()!
        let legend = "\(NumberFormatting.fixed(Double(-magnitude), decimals: 2)) ●◐○◦·░▒▓█ \(NumberFormatting.fixed(Double(magnitude), decimals: 2))"
        #expect(render(screen).trimmedLines.contains { $0.hasSuffix(legend) }, "\(render(screen).trimmedLines.joined(separator: "\n"))")
    }

    /// A failed run shows the engine's message in the header.
    @Test func failureShowsTheMessage() throws {
        let factory = FakeRunFactory { snapshot in
            snapshot.status = .failed("the loss became NaN at epoch 1, batch 3: training diverged with learning rate 50.0")
        }
        let screen = try makeScreen(factory: factory)
        let lines = render(screen).trimmedLines
        #expect(lines[0] == "failed: the loss became NaN at epoch 1, batch 3: training diverged with learning")
        #expect(lines[1] == "rate 50.0")
        #expect(screen.stateText == "failed")
    }

    /// Each key leaves the right command with the run, and the screen shows the request at once.
    @Test func keysSendTheRunsCommands() throws {
        let factory = FakeRunFactory(shape: Self.midRun)
        var screen = try makeScreen(factory: factory)
        let run = try #require(factory.made.first)
        #expect(run.commands == ["start"])
        _ = screen.update(.key(.character(".")))
        #expect(screen.message.hasPrefix("pause first"))
        _ = screen.update(.key(.character(" ")))
        #expect(screen.stateText == "pausing")
        #expect(render(screen).trimmedLines[0].hasPrefix("pausing ·"))
        run.snapshot.status = .paused
        _ = screen.updatePerformingEffects(.tick(milliseconds: 100))
        #expect(screen.stateText == "paused")
        _ = screen.update(.key(.character(".")))
        _ = screen.update(.key(.character("+")))
        #expect(render(screen).trimmedLines[0].contains("lr 0.1 (sgd)"))
        _ = screen.update(.key(.character("-")))
        _ = screen.update(.key(.character("-")))
        #expect(screen.learningRate == 0.025)
        _ = screen.update(.key(.character(" ")))
        #expect(screen.stateText == "resuming")
        #expect(run.commands == ["start", "pause", "step", "lr 0.1", "lr 0.05", "lr 0.025", "resume"])
    }

    /// r stops the run and asks the app to start a fresh one, which the app does; closing the
    /// screen stops and joins every run.
    @Test func resetReplacesTheRunAndClosingJoinsAll() throws {
        let factory = FakeRunFactory(shape: Self.midRun)
        do {
            var screen = try makeScreen(factory: factory)
            let effects = screen.update(.key(.character("r")))
            guard case let .startTraining(launch)? = effects.first, effects.count == 1 else {
                Issue.record("r returned \(effects), not one .startTraining")
                return
            }
            // The screen itself started nothing; the app does, and the screen shows the new run.
            #expect(factory.made.count == 1 && screen.snapshot == nil)
            var app = App(root: screen)
            let running = app.tick(milliseconds: 0)
            #expect(running)
            #expect(factory.made.count == 2)
            #expect((app.currentScreen as? TrainingDashboardScreen)?.snapshot != nil)
            #expect(launch.session === screen.session)
            #expect(factory.made[0].commands == ["start", "stop"])
            #expect(factory.made[1].commands == ["start"])
        }
        // The screen is gone: both runs were told to stop and were waited for.
        #expect(factory.made[0].commands.suffix(2) == ["stop", "wait"])
        #expect(factory.made[1].commands == ["start", "stop", "wait"])
    }

    /// i and I walk the test set back and forward (wrapping); the activations follow the probe.
    @Test func probeKeysChangeTheImage() throws {
        var screen = try makeScreen()
        let first = screen.probeActivations
        _ = screen.update(.key(.character("i")))
        #expect(screen.probe == .testImage(19))
        #expect(screen.probeDescription == "test image 20/20 (a 9)")
        _ = screen.update(.key(.character("I")))
        _ = screen.update(.key(.character("I")))
        #expect(screen.probe == .testImage(1))
        #expect(screen.probeActivations.count == 8)
        #expect(screen.probeActivations[0].scalars != first[0].scalars)
    }

    /// o loads the learner's PGM (resized to 28×28 when needed) as the probe.
    @Test func ownImageBecomesTheProbe() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("dashboard-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("mine.pgm")
        try PortableAnymap.write(Tensor(shape: [1, 14, 14], repeating: 0.5), to: file)
        var screen = try makeScreen(setup: try Self.setup(probePath: file.path))
        _ = screen.update(.key(.character("o")))
        #expect(screen.message == "probe \(file.path), resized from 14×14")
        #expect(screen.probeDescription == "mine.pgm")
        #expect(screen.probeLabel == nil)
        #expect(screen.probeActivations.first?.shape == [1, 8, 28, 28])
    }

    /// A learning rate that diverges: the real run stops at the batch whose loss is not finite
    /// (no retrying it), the header says why, the status line offers R, and R starts again at a
    /// tenth of the rate.
    @Test func divergingRunStopsAndOffersASlowerRestart() throws {
        var setup = try Self.setup()
        setup.configuration.learningRate = 1e20
        var screen = TrainingDashboardScreen(setup: setup, context: AppContext(colorCapability: .none))
        _ = screen.updatePerformingEffects(.tick(milliseconds: 100))
        let run = try #require(screen.session.run)
        let last = run.waitUntilDone()
        guard case let .failed(reason) = last.status else {
            Issue.record("a learning rate of 10²⁰ did not fail the run: \(last.status)")
            return
        }
        #expect(reason.contains("NaN") || reason.contains("infinite"))
        _ = screen.updatePerformingEffects(.tick(milliseconds: 100))
        let batches = screen.snapshot?.batchLosses.count
        #expect(batches.map { $0 < 8 } == true)
        let lines = render(screen).trimmedLines
        #expect(lines[0].hasPrefix("failed: the loss became"))
        #expect(screen.statusLine == "training stopped: R starts again at learning rate 1.0e+19, r at 1.0e+20")
        for _ in 0..<3 { _ = screen.updatePerformingEffects(.tick(milliseconds: 100)) }
        #expect(screen.snapshot?.batchLosses.count == batches)

        screen.updatePerformingEffects(.key(.character("R")))
        #expect(screen.message == "started again at learning rate 1.0e+19")
        #expect(screen.setup.configuration.learningRate == Float(1e20) / 10)
        #expect(screen.session.runNumber == 2)
        screen.session.run?.stop()
    }

    /// R only restarts a failed run.
    @Test func slowerRestartNeedsAFailedRun() throws {
        var screen = try makeScreen()
        _ = screen.update(.key(.character("R")))
        #expect(screen.message == "R restarts a failed run at a tenth of its learning rate; r starts again")
        #expect(screen.session.runNumber == 1)
    }

    /// w asks the app to write the snapshot's weights, and touches no file itself.
    @Test func checkpointKeyReturnsTheWrite() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("dashboard-\(UUID().uuidString).npz").path
        var screen = try makeScreen(setup: try Self.setup(checkpointPath: path))
        let effects = screen.update(.key(.character("w")))
        let weights = try #require(screen.snapshot).model.stateDictionary
        #expect(effects == [.writeFile(FileWrite(path: path, contents: .tensorArchive(weights)))])
        #expect(!FileManager.default.fileExists(atPath: path))
        #expect(screen.message.isEmpty)
        // What the app hands back becomes the status line.
        screen.effectFinished(.fileWritten(FileWrite(path: path, contents: .tensorArchive(weights)), path: "/somewhere/run.npz"))
        #expect(screen.statusLine == "saved /somewhere/run.npz (epoch 2, 6 batches)")
        screen.effectFinished(.fileNotWritten(FileWrite(path: path, contents: .tensorArchive(weights)), reason: "\(path): cannot write: full"))
        #expect(screen.statusLine == "\(path): cannot write: full")
    }

    /// In the app, w writes the snapshot's weights as a .npz that loads back into the network,
    /// and the status line names the file.
    @Test func checkpointIsALoadableArchive() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("dashboard-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("run.npz").path
        var app = App(root: try makeScreen(setup: try Self.setup(checkpointPath: path)), width: 160, height: 30)
        let running = app.update(event: .key(.character("w")))
        #expect(running)
        var buffer = Buffer(width: 160, height: 30)
        app.render(into: &buffer)
        #expect(buffer.trimmedLines[29].hasPrefix(" saved \(directory.standardizedFileURL.path)/run.npz (epoch 2, 6 batches)"),
                "\(buffer.trimmedLines[29])")
        let archive = try NumpyArchive.read(from: URL(fileURLWithPath: path))
        let model = try Self.setup().initialModel
        #expect(archive.keys.sorted() == model.stateDictionaryKeys.sorted())
        #expect(archive["0.weight"] == model.stateDictionary["0.weight"])
        var fresh = try Sequential(spec: NamedArchitecture.teachingNet.spec, seed: 9)
        try fresh.loadStateDictionary(archive)
        #expect(fresh.stateDictionary == model.stateDictionary)
    }

    /// Through a real `TrainingController`: the run trains to the end and the screen says so.
    @Test func realRunFinishes() throws {
        var screen = TrainingDashboardScreen(setup: try Self.setup(), context: AppContext(colorCapability: .none))
        _ = screen.updatePerformingEffects(.tick(milliseconds: 100))
        let run = try #require(screen.session.run)
        let last = run.waitUntilDone()
        #expect(last.status == .finished)
        _ = screen.updatePerformingEffects(.tick(milliseconds: 100))
        let lines = render(screen).trimmedLines
        #expect(lines[0].hasPrefix("finished ·"))
        #expect(lines[1].contains("epoch 2/2 100%"))
        #expect(lines[1].hasSuffix("batch 4/4"))
        #expect(screen.snapshot?.batchLosses.count == 8)
    }

    /// At 200×60 the confusion matrix, every layer's activations and the second layer's
    /// filters are drawn too.
    @Test func largeTerminalShowsEverything() throws {
        let lines = render(try makeScreen(), width: 200, height: 60).trimmedLines
        let text = lines.joined(separator: "\n")
        #expect(text.contains("test confusion, epoch 1: 8/10 right"))
        #expect(text.contains("activations for the probe (test image 1/20 (a 0)), every layer"))
        for layer in ["input → 1×28×28", "0 conv 8 3x3 pad 1 → 8×28×28", "1 relu → 8×28×28", "2 maxpool 2 → 8×14×14", "3 conv 16 3x3 pad 1 → 16×14×14", "4 relu → 16×14×14", "5 maxpool 2 → 16×7×7", "6 flatten → 784 values", "7 linear 10 → 10 values"] {
            #expect(text.contains(layer), "missing \(layer)")
        }
        #expect(text.contains("layer 3 filters: 16 × 8 channels × 3×3"))
        #expect(!text.contains("more layers"))
    }

    /// Parameters: defaults, and a bad value names its parameter; making the screen (as the
    /// home screen does for its title) starts no run.
    @Test func parametersAndLazyStart() throws {
        let screen = try TrainingDashboardScreen(parameters: [:], context: AppContext())
        #expect(screen.session.run == nil)
        #expect(screen.setup.configuration.batchSize == 32)
        #expect(screen.title == "Live training: teaching-net on digits")
        #expect(DemoCatalog().names.contains("train"))
        for (parameters, name) in [(["epochs": "0"], "epochs"), (["optimizer": "rmsprop"], "optimizer"), (["lr": "-1"], "lr"),
                                   (["arch": "lenet"], "arch"), (["arch": "input 32x32x3 | flatten | linear 10"], "arch"), (["speed": "1"], "speed")] {
            #expect(throws: DemoParameterError.self) { try TrainingDashboardScreen(parameters: parameters, context: AppContext()) }
            do {
                _ = try TrainingDashboardScreen(parameters: parameters, context: AppContext())
            } catch {
                #expect(error.parameter == name)
            }
        }
    }
}

/// `EpochMetrics` has no public initialiser: one real epoch on ten digits gives a value whose
/// public fields the tests then set.
enum EpochMetricsFixture {
    static let base: EpochMetrics = {
        let digits = SyntheticDigits.trainingSet(count: 10, seed: 0)
        var trainer = Trainer(
            model: try! Sequential(spec: NamedArchitecture.teachingNet.spec, seed: 0), trainingSet: digits, testSet: digits,
            configuration: TrainingConfiguration(epochs: 1, batchSize: 10))
        return try! trainer.trainEpoch()
    }()

    static func metrics(epoch: Int, trainLoss: Float, trainAccuracy: Double, testLoss: Float, testAccuracy: Double, matrix: ConfusionMatrix) -> EpochMetrics {
        var metrics = base
        metrics.epoch = epoch
        metrics.trainLoss = trainLoss
        metrics.trainAccuracy = trainAccuracy
        metrics.testLoss = testLoss
        metrics.testAccuracy = testAccuracy
        metrics.confusionMatrix = matrix
        return metrics
    }
}
