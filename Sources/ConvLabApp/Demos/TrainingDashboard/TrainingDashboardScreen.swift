import ConvEngine
import ConvFiles
import Foundation
import TerminalUI

/// The live training dashboard: a small CNN learns digits on its own thread while this screen
/// shows the loss and accuracy curves, the first conv layer's filters (and the second's, per
/// input channel), every layer's activation map for a probe image, the class probabilities,
/// the test set's confusion matrix and the run's progress, and lets the learner pause, step,
/// change the learning rate, pick the probe, restart and save a checkpoint. Pages look inside
/// the run: where it fails (`+Failures`), its shift behaviour (`+ShiftBehaviour`), and its
/// settings, edited while it learns (`+Settings`); `+Pages` switches between them.
///
/// Threads: the trainer runs behind a `TrainingRun` (a `TrainingController`); this screen only
/// reads its latest snapshot on each tick and leaves commands in its mailbox, so nothing here
/// waits for a batch, and every curses call stays on the UI thread. A key's effect shows in the
/// frame drawn right after it: the screen remembers what it asked for (pause, a new learning
/// rate) and shows it until the next snapshot confirms it.
///
/// The run starts on the first tick, not in `init`, so listing the demo (the home screen makes
/// one to read its title) trains nothing. The screen starts no thread and writes no file
/// itself: it returns `.startTraining` (first tick, reset, new settings) and `.writeFile`
/// (checkpoint, command line), and the app performs them. Closing the screen stops and joins
/// the training thread (`TrainingSession`). Drawing is in `TrainingDashboardScreen+Render` and `+Panels`.
public struct TrainingDashboardScreen: DemoScreen {
    public static let demoName = "train"
    public static let defaultTitle = "Live training: teaching-net on digits"
    public static let summary = "Train a small CNN live: curves, filters, activations, probabilities"
    public static var parameterHelp: [KeyBinding] { TrainingDashboardSetup.parameterHelp }

    /// Which image the activation maps and probabilities are for.
    public enum Probe: Hashable, Sendable {
        /// Test image `index` (its label is known).
        case testImage(Int)
        /// The learner's own picture, 1×C×H×W, already fitted to the network's input.
        case file(path: String, image: Tensor)
    }

    let session: TrainingSession
    let colorCapability: ColorCapability
    /// The latest snapshot read from the run; nil while the data is being drawn.
    public internal(set) var snapshot: TrainingSnapshot?
    public internal(set) var probe: Probe = .testImage(0)
    /// Every layer's output for the probe under the snapshot's weights (1×C×H×W or 1×F each).
    public private(set) var probeActivations: [Tensor] = []
    /// softmax of the network's output for the probe.
    public private(set) var probeProbabilities: [Float] = []
    /// What the learner asked for and the snapshot may not show yet.
    public internal(set) var isPauseRequested = false
    public internal(set) var requestedLearningRate: Float?
    /// One line about the last key's outcome (saved, refused, loaded).
    public internal(set) var message = ""
    /// The loss chart's y axis: logarithmic (the default, so the fall from 2.3 to 0.01 stays
    /// visible) or linear.
    public private(set) var lossScaleIsLogarithmic = true
    /// (run number, batches trained, probe) the probe values were computed for.
    var probeKey: ProbeKey?
    /// The inspection pages' state (failures, strongest images, shift behaviour, settings).
    var inspection = DashboardInspection()
    /// "(epoch 2, 40 batches)": what the checkpoint asked for holds, for the message once written.
    var checkpointNote = ""

    struct ProbeKey: Equatable {
        var run: Int
        var batches: Int
        var epochs: Int
        var probe: Probe
    }

    public init(parameters: [String: String], context: AppContext) throws(DemoParameterError) {
        self.init(setup: try TrainingDashboardSetup(parameters: parameters), context: context)
    }

    /// A dashboard for `setup`, training on a background thread.
    public init(setup: TrainingDashboardSetup, context: AppContext) {
        self.init(setup: setup, context: context, makeRun: { TrainingController(trainer: $0) })
    }

    /// A dashboard for `setup`. `makeRun` makes the run for each trainer (tests pass a fake).
    init(setup: TrainingDashboardSetup, context: AppContext, makeRun: @escaping TrainingRunFactory) {
        session = TrainingSession(setup: setup, makeRun: makeRun)
        colorCapability = context.colorCapability
        inspection.page = setup.openingPage
    }

    public var setup: TrainingDashboardSetup { session.setup }

    public var title: String { "Live training: \(setup.architectureName) on digits" }

    /// What the keys do; the help and `handle` both come from `keyMap`.
    enum KeyAction: Sendable {
        case pauseOrResume, oneBatch, learningRate(Float), probe(Int), probeFile, reset, restartSlower, saveCheckpoint, switchLossScale
        case network
        /// The inspection pages (`+Pages`) and what they step through.
        case page(DashboardInspection.Page), mistake(Int), topLayer(Int), topChannel(Int)
    }

    static let keyMap = KeyMap<KeyAction>([
        .init([.character(" ")], "pause / resume", .pauseOrResume),
        .init([.character("."), .right], "one batch (while paused)", .oneBatch),
        .init(presses: [(.character("+"), .learningRate(2)), (.character("-"), .learningRate(0.5))], "learning rate ×2 / ÷2",
              aliases: [(.character("="), .learningRate(2)), (.character("_"), .learningRate(0.5))]),
        .pair(lower: "i", raise: "I", "previous / next probe image", lower: .probe(-1), raise: .probe(1)),
        .init([.character("o")], "probe: your image (probe parameter)", .probeFile),
        .init([.character("r")], "reset: start again", .reset),
        .init([.character("R")], "start again at a tenth of the learning rate (after a failure)", .restartSlower),
        .init([.character("w")], "write a checkpoint (.npz)", .saveCheckpoint),
        .init([.character("v")], "view: loss axis on a log / linear scale", .switchLossScale),
        .init([.character("n")], "inside the network: every layer's maps, step into a unit", .network),
        .init([.character("f")], "page: confusion matrix and misclassified images", .page(.failures)),
        .pair(lower: "x", raise: "X", "probe: previous / next misclassified test image", lower: .mistake(-1), raise: .mistake(1)),
        .init([.character("t")], "page: the 9 test images that excite a channel most", .page(.strongestImages)),
        .pair(lower: "[", raise: "]", "strongest images: previous / next layer", lower: .topLayer(-1), raise: .topLayer(1)),
        .pair(lower: "c", raise: "C", "strongest images: previous / next channel", lower: .topChannel(-1), raise: .topChannel(1)),
        .init([.character("d")], "page: displacement (shift) equivariance per layer, consistency vs a perceptron", .page(.shiftBehaviour)),
        .init([.character("e")], "page: edit architecture and settings, restart or keep weights", .page(.settings)),
    ])

    public var keyBindings: [KeyBinding] { Self.keyMap.bindings }

    public var statusLine: String {
        if !message.isEmpty { return message }
        // The settings page takes every key as text, so the line says how to finish.
        if inspection.page == .settings { return "editing the run: Enter restarts it, Esc leaves it unchanged" }
        guard let snapshot else { return "drawing the digits…" }
        if case .failed = snapshot.status, let current = learningRate {
            return "training stopped: R starts again at learning rate \(Self.format(learningRate: current / 10)), r at \(Self.format(learningRate: current))"
        }
        return "probe: \(probeDescription)"
    }

    /// After a failure an 80-column line keeps the way on (R at a tenth) whole and lets the
    /// plain restart (r, also in the key list) go.
    public var status: StatusLine {
        guard message.isEmpty, inspection.page != .settings, let snapshot, case .failed = snapshot.status, let current = learningRate else {
            return StatusLine(statusLine)
        }
        return StatusLine([
            StatusLine.Part("training stopped", .useful),
            StatusLine.Part("R starts again at learning rate \(Self.format(learningRate: current / 10))", .essential, joiner: ": "),
            StatusLine.Part("r at \(Self.format(learningRate: current))", .detail, joiner: ", "),
        ])
    }

    // MARK: derived state

    /// What the run is doing, as the learner should read it: the snapshot's status, or the
    /// state a command just asked for until the training thread confirms it.
    public var stateText: String {
        guard let snapshot else { return "preparing" }
        switch snapshot.status {
        case .notStarted: return isPauseRequested ? "paused" : "starting"
        case .running: return isPauseRequested ? "pausing" : "running"
        case .paused: return isPauseRequested ? "paused" : "resuming"
        case .finished: return "finished"
        case .stopped: return "stopped"
        case .failed: return "failed"
        }
    }

    /// The learning rate in force from the next batch: the one asked for, else the run's.
    public var learningRate: Float? { requestedLearningRate ?? snapshot?.learningRate }

    /// Whether the run has ended by itself (keys that steer it do nothing then).
    public var hasEnded: Bool {
        switch snapshot?.status {
        case .finished, .stopped, .failed: true
        default: false
        }
    }

    /// The probe's true class, when known.
    public var probeLabel: Int? {
        guard case let .testImage(index) = probe, let test = session.datasets?.test, test.count > 0 else { return nil }
        return test.labels[index % test.count]
    }

    /// The probe image, 1×C×H×W.
    public var probeImage: Tensor? {
        switch probe {
        case let .testImage(index):
            guard let test = session.datasets?.test, test.count > 0 else { return nil }
            return test.image(at: index % test.count).reshaped([1] + test.imageShape)
        case let .file(_, image):
            return image
        }
    }

    public var probeDescription: String {
        switch probe {
        case let .testImage(index):
            let count = session.datasets?.test.count ?? 0
            return "test image \(index + 1)/\(count)" + (probeLabel.map { " (a \($0))" } ?? "")
        case let .file(path, _):
            return URL(fileURLWithPath: path).lastPathComponent
        }
    }

    // MARK: update

    public mutating func update(_ message: Message) -> [Effect] {
        var effects: [Effect] = []
        switch message {
        case .tick:
            poll()
        case .key(let key):
            // On the settings page every key is text (`n` included).
            if inspection.page != .settings, case .network? = Self.keyMap.action(for: key) { return [openNetworkView()] }
            self.message = ""
            effects = handle(key)
            poll()
        }
        // No run yet (first tick, reset, new settings), or the digits just drawn: start it.
        if session.canStart { effects.append(.startTraining(TrainingLaunch(session))) }
        // A ranking or a measurement the pages asked for and nobody started yet.
        effects += inspection.unstartedJobs.map { .startBackgroundJob($0) }
        return effects
    }

    public mutating func effectFinished(_ outcome: EffectOutcome) {
        switch outcome {
        case .trainingStarted:
            poll()
        case let .fileWritten(write, path):
            switch write.contents {
            case .tensorArchive: message = "saved \(path) \(checkpointNote)"
            case .text: message = "saved the run's command line to \(path)"
            }
        case let .fileNotWritten(_, reason):
            message = reason
        }
    }

    /// The network view on this run, following it as it trains (paused or not), on the same
    /// probe as here: a test image, or the learner's own picture.
    func openNetworkView() -> Effect {
        var probeIndex = 0
        var fileProbe: (name: String, image: Tensor)?
        switch probe {
        case let .testImage(index): probeIndex = index
        case let .file(_, image): fileProbe = (probeDescription, image)
        }
        let view = NetworkScreen(source: TrainingNetworkFeed(session: session), context: AppContext(colorCapability: colorCapability),
                                 probeIndex: probeIndex, fileProbe: fileProbe)
        return .push(ScreenHandle(view))
    }

    /// Reads the latest snapshot (starting the run if needed), drops requests it confirms, and
    /// recomputes the probe's activations when the weights or the probe changed.
    mutating func poll() {
        session.collectPreparedData()
        guard let run = session.run else { return }
        let latest = run.snapshot
        snapshot = latest
        if !latest.batchLosses.isEmpty {
            // The draw demo (and any screen using NetworkFeed) opens on the network trained here.
            TrainedNetworks.shared.publish(latest.model, description: "\(latest.batchLosses.count) batches, \(latest.completedEpochs) epochs done")
        }
        if let requested = requestedLearningRate, latest.learningRate == requested, latest.status != .notStarted {
            requestedLearningRate = nil
        }
        refreshInspection()
        let key = ProbeKey(run: session.runNumber, batches: latest.batchLosses.count, epochs: latest.completedEpochs, probe: probe)
        guard key != probeKey, let image = probeImage else { return }
        probeKey = key
        probeActivations = latest.model.layerOutputs(for: image)
        let logits = probeActivations.last ?? Tensor.zeros([1, 0])
        probeProbabilities = softmax(logits: logits.reshaped([1, logits.count])).scalars
    }

    private mutating func handle(_ key: Key) -> [Effect] {
        if inspection.page == .settings { return handleSettingsKey(key) }
        guard let action = Self.keyMap.action(for: key) else { return [] }
        switch action {
        case .saveCheckpoint: return saveCheckpoint()
        case .pauseOrResume: togglePause()
        case .oneBatch: stepOneBatch()
        case .network: break  // an effect: `update` returns it
        case .learningRate(let factor): changeLearningRate(by: factor)
        case .probe(let delta): moveProbe(by: delta)
        case .probeFile: loadProbeFile()
        case .reset: reset()
        case .restartSlower: restartSlower()
        case .switchLossScale: lossScaleIsLogarithmic.toggle()
        case .page(.settings): openSettings()
        case .page(let page): togglePage(page)
        case .mistake(let delta): stepThroughMistakes(by: delta)
        case .topLayer(let delta): chooseTopLayer(by: delta)
        case .topChannel(let delta): chooseTopChannel(by: delta)
        }
        return []
    }

    private mutating func togglePause() {
        guard let run = session.run, !hasEnded else {
            message = hasEnded ? "the run has ended; r starts it again" : "the run starts once the digits are drawn"
            return
        }
        if isPauseRequested {
            run.resume()
            isPauseRequested = false
        } else {
            run.pause()
            isPauseRequested = true
        }
    }

    private mutating func stepOneBatch() {
        guard let run = session.run, !hasEnded else {
            message = "the run has ended; r starts it again"
            return
        }
        guard isPauseRequested else {
            message = "pause first (space); then . trains one batch at a time"
            return
        }
        run.stepOneBatch()
        message = "one more batch"
    }

    private mutating func changeLearningRate(by factor: Float) {
        guard let run = session.run, let current = learningRate, !hasEnded else {
            message = "no run to change"
            return
        }
        let wanted = current * factor
        guard wanted.isFinite, wanted > 0 else { return }
        run.setLearningRate(wanted)
        requestedLearningRate = wanted
        message = "learning rate \(Self.format(learningRate: wanted)) from the next batch"
    }

    private mutating func moveProbe(by delta: Int) {
        guard let count = session.datasets?.test.count, count > 0 else { return }
        let current: Int
        if case let .testImage(index) = probe { current = index } else { current = delta > 0 ? -1 : 0 }
        probe = .testImage(((current + delta) % count + count) % count)
    }

    /// Shows the learner's probe, read and checked when the setup was made.
    private mutating func loadProbeFile() {
        switch setup.probe {
        case nil:
            message = "no image to load: start with --probe FILE.pgm (28×28 greyscale)"
        case let .failure(error)?:
            message = error.message
        case let .success(image)?:
            probe = .file(path: image.path, image: image.batch)
            message = image.note
        }
    }

    private mutating func reset(learningRate: Float? = nil) {
        session.reset(learningRate: learningRate)
        snapshot = nil
        probeKey = nil
        isPauseRequested = false
        requestedLearningRate = nil
        message = "started again from the same weights and seed"
    }

    /// The learning rate `R` restarts with: a tenth of the one in force.
    public var slowerLearningRate: Float? { learningRate.map { $0 / 10 } }

    /// After a failed run (a loss that became NaN or infinite, the weights having diverged),
    /// starts again from the same weights at a tenth of the learning rate.
    private mutating func restartSlower() {
        guard case .failed = snapshot?.status, let slower = slowerLearningRate, slower > 0 else {
            message = "R restarts a failed run at a tenth of its learning rate; r starts again"
            return
        }
        reset(learningRate: slower)
        message = "started again at learning rate \(Self.format(learningRate: slower))"
    }

    /// Asks the app to write the snapshot's weights to the checkpoint file.
    private mutating func saveCheckpoint() -> [Effect] {
        guard let snapshot else {
            message = "nothing to save yet"
            return []
        }
        checkpointNote = "(epoch \(snapshot.completedEpochs + (snapshot.batchInEpoch > 0 ? 1 : 0)), \(snapshot.batchLosses.count) batches)"
        return [.writeFile(FileWrite(path: setup.checkpointPath, contents: .tensorArchive(snapshot.model.stateDictionary)))]
    }

    /// 0.05, 0.0125, 3.2e-05, 1.0e+20: enough digits to tell halvings apart, and no run of
    /// twenty digits for a rate that diverged.
    static func format(learningRate: Float) -> String {
        if learningRate >= 0.001 && learningRate < 10_000 {
            var text = String(format: "%.4f", Double(learningRate))
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
            return text
        }
        return String(format: "%.1e", Double(learningRate))
    }
}
