import ConvEngine
import Dispatch
import Foundation
import Synchronization

/// The training dashboard's hold on its runs: makes the current run once the data is ready,
/// replaces it on reset, and joins every training thread when the dashboard goes away.
///
/// Starting a thread is the app's work, not the screen's: the dashboard asks with
/// `Effect.startTraining` whenever `canStart`, and the app calls `start()`.
///
/// A class, because the screen is a value the app copies and finally drops: whichever copy
/// goes last ends the runs, in `deinit`, on the UI thread. Stopping takes effect after the
/// batch in progress, so closing waits for at most one batch (and for the digits still being
/// drawn, if the learner quits during the first second).
///
/// Used from the UI thread only; the one background job, drawing synthetic digits, hands its
/// result over through `PreparedData`.
final class TrainingSession {
    /// The setup of the next run made; `reset(learningRate:)` may change its learning rate.
    private(set) var setup: TrainingDashboardSetup
    private let makeRun: TrainingRunFactory
    /// The run shown and steered; nil until the data is ready.
    private(set) var run: (any TrainingRun)?
    /// Runs replaced by `reset`: told to stop, joined in `deinit`.
    private var retiredRuns: [any TrainingRun] = []
    /// The data every run trains on, once made.
    private(set) var datasets: (training: Dataset, test: Dataset)?
    /// The data job; a new one when a changed seed means new synthetic digits.
    private var preparedData = PreparedData()
    private var isPreparing = false
    /// Counts runs made, so the screen can tell a new run's snapshot from the old one's.
    private(set) var runNumber = 0

    init(setup: TrainingDashboardSetup, makeRun: @escaping TrainingRunFactory) {
        self.setup = setup
        self.makeRun = makeRun
    }

    /// Whether `start()` would start something now: there is no run, and the data is there or
    /// nobody is drawing it yet.
    var canStart: Bool { run == nil && (datasets != nil || !isPreparing) }

    /// Takes the digits drawn in the background, if they are ready. Never blocks, starts nothing.
    func collectPreparedData() {
        guard datasets == nil, isPreparing, let ready = preparedData.take() else { return }
        datasets = ready
    }

    /// Starts drawing the data (on its own thread), or, once the data is there, makes and
    /// starts the run. Returns at once either way.
    func start() {
        guard run == nil else { return }
        if datasets == nil {
            if setup.hasPreparedData {
                datasets = setup.makeDatasets()
            } else if !isPreparing {
                isPreparing = true
                preparedData.prepare(setup)
            }
        }
        guard let datasets else { return }
        let trainer = Trainer(model: setup.initialModel, trainingSet: datasets.training, testSet: datasets.test, configuration: setup.configuration)
        let newRun = makeRun(trainer)
        newRun.start()
        run = newRun
        runNumber += 1
    }

    /// Stops the current run (it ends after its batch); the next `start()` makes a fresh one
    /// from the same weights, data and configuration, with `learningRate` when one is given.
    func reset(learningRate: Float? = nil) {
        if let learningRate { setup.configuration.learningRate = learningRate }
        if let run {
            run.stop()
            retiredRuns.append(run)
        }
        run = nil
    }

    /// Stops the current run; the next `start()` makes one with `newSetup` (edited on the
    /// settings page).
    /// The data stays unless it is synthetic and the seed changed, which draws new digits.
    func replace(setup newSetup: TrainingDashboardSetup) {
        if case .synthetic = newSetup.data, newSetup.configuration.seed != setup.configuration.seed {
            if isPreparing { preparedData.waitUntilPrepared() }
            datasets = nil
            isPreparing = false
            preparedData = PreparedData()
        }
        setup = newSetup
        reset()
    }

    /// Stops every run and waits for their threads (and the data job) to end.
    func close() {
        let runs = retiredRuns + (run.map { [$0] } ?? [])
        for oldRun in runs { oldRun.stop() }
        for oldRun in runs { oldRun.waitUntilDone() }
        retiredRuns = []
        if isPreparing { preparedData.waitUntilPrepared() }
    }

    deinit { close() }
}

/// The synthetic digits, drawn on a background thread and collected by the UI thread.
final class PreparedData: Sendable {
    private let result = Mutex<(training: Dataset, test: Dataset)?>(nil)
    private let finished = DispatchSemaphore(value: 0)

    /// Draws `setup`'s datasets on a new thread.
    func prepare(_ setup: TrainingDashboardSetup) {
        let thread = Thread { [self] in
            let datasets = setup.makeDatasets()
            result.withLock { $0 = datasets }
            finished.signal()
        }
        thread.name = "convlab-digits"
        thread.start()
    }

    /// The datasets if drawn (once; later calls return nil).
    func take() -> (training: Dataset, test: Dataset)? {
        result.withLock { value in
            defer { value = nil }
            return value
        }
    }

    /// Blocks until the drawing thread has finished.
    func waitUntilPrepared() {
        finished.wait()
        finished.signal()
    }
}

/// A training session for the app to start (`Effect.startTraining`); two launches are equal
/// only when they are the same launch, of the same session.
///
/// `@unchecked Sendable`: effects are made and performed on the UI thread, so the session
/// inside never crosses a thread; the conformance only lets `Effect` stay `Sendable`.
public final class TrainingLaunch: Hashable, @unchecked Sendable {
    let session: TrainingSession

    init(_ session: TrainingSession) { self.session = session }

    /// Starts the session's next step: drawing its data, or its run.
    func start() { session.start() }

    public static func == (left: TrainingLaunch, right: TrainingLaunch) -> Bool { left === right }
    public func hash(into hasher: inout Hasher) { hasher.combine(ObjectIdentifier(self)) }
}
