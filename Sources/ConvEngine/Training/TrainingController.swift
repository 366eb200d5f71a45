import Dispatch
import Foundation
import Synchronization

/// Runs a `Trainer` on a background thread and lets another thread (the UI's) steer it and
/// read its progress without ever waiting for a batch to finish.
///
/// The two threads share only a small mailbox behind a `Mutex`: commands go in (pause, resume,
/// step one batch, set the learning rate, stop) and the latest `TrainingSnapshot` comes out.
/// The trainer itself lives on the training thread alone. Every lock is held for a few field
/// assignments, never across a batch, so `snapshot` returns at once whatever the trainer does.
public final class TrainingController: Sendable {
    private struct Mailbox: Sendable {
        var snapshot: TrainingSnapshot
        /// Set by `init`, taken by `start`.
        var pendingTrainer: Trainer?
        var paused: Bool
        /// Batches to run while paused (`stepOneBatch`).
        var pendingSteps = 0
        var pendingLearningRate: Float?
        var stopRequested = false
        var done = false
    }

    private let mailbox: Mutex<Mailbox>
    private let completion = DispatchSemaphore(value: 0)
    private let probeIndex: Int

    /// A controller for `trainer`; nothing runs until `start()`. With `startPaused`, the run
    /// waits for `resume()` or `stepOneBatch()` after starting.
    public init(trainer: Trainer, startPaused: Bool = false, probeIndex: Int = 0) {
        self.probeIndex = probeIndex
        let snapshot = TrainingSnapshot(trainer: trainer, status: .notStarted, imagesPerSecond: 0, probeIndex: probeIndex)
        mailbox = Mutex(Mailbox(snapshot: snapshot, pendingTrainer: trainer, paused: startPaused))
    }

    /// The latest published snapshot. Never blocks on training.
    public var snapshot: TrainingSnapshot { mailbox.withLock { $0.snapshot } }

    /// Starts the training thread (once; later calls do nothing).
    public func start() {
        guard let trainer = mailbox.withLock({ mailbox -> Trainer? in
            defer { mailbox.pendingTrainer = nil }
            return mailbox.pendingTrainer
        }) else { return }
        let thread = Thread { [self] in run(trainer) }
        thread.name = "convlab-training"
        thread.start()
    }

    /// Stops after the current batch; `resume` or `stepOneBatch` continue.
    public func pause() { mailbox.withLock { $0.paused = true } }
    /// Continues a paused run.
    public func resume() { mailbox.withLock { $0.paused = false; $0.pendingSteps = 0 } }
    /// While paused, trains exactly one more batch (calls add up).
    public func stepOneBatch() { mailbox.withLock { $0.pendingSteps += 1 } }
    /// Uses `learningRate` from the next batch on.
    public func setLearningRate(_ learningRate: Float) {
        precondition(learningRate >= 0 && learningRate.isFinite, "a learning rate must be finite and non-negative")
        mailbox.withLock { $0.pendingLearningRate = learningRate }
    }
    /// Ends the run after the current batch; the last snapshot's status becomes `.stopped`.
    public func stop() { mailbox.withLock { $0.stopRequested = true } }

    /// True once the thread has ended (finished, stopped or failed).
    public var isDone: Bool { mailbox.withLock { $0.done } }

    /// Blocks until the run ends and returns its last snapshot. For tests and headless use;
    /// a UI polls `snapshot` instead.
    public func waitUntilDone() -> TrainingSnapshot {
        completion.wait()
        completion.signal()  // later callers return at once too
        return snapshot
    }

    private enum Action { case train, wait, stop }

    /// The training thread's loop: take commands, train a batch, publish, repeat.
    private func run(_ initialTrainer: Trainer) {
        var trainer = initialTrainer
        var trainingTime = Duration.zero
        var imagesTrained = 0
        let clock = ContinuousClock()
        func rate() -> Double {
            let seconds = Double(trainingTime.components.seconds) + Double(trainingTime.components.attoseconds) * 1e-18
            return seconds > 0 ? Double(imagesTrained) / seconds : 0
        }
        func publish(_ status: TrainingSnapshot.Status) {
            let snapshot = TrainingSnapshot(trainer: trainer, status: status, imagesPerSecond: rate(), probeIndex: probeIndex)
            mailbox.withLock { $0.snapshot = snapshot }
        }
        defer {
            mailbox.withLock { $0.done = true }
            completion.signal()
        }
        var lastStatus: TrainingSnapshot.Status = .notStarted
        while true {
            let (action, newRate, paused) = mailbox.withLock { mailbox -> (Action, Float?, Bool) in
                let newRate = mailbox.pendingLearningRate
                mailbox.pendingLearningRate = nil
                if mailbox.stopRequested { return (.stop, newRate, mailbox.paused) }
                if !mailbox.paused { return (.train, newRate, false) }
                if mailbox.pendingSteps > 0 {
                    mailbox.pendingSteps -= 1
                    return (.train, newRate, true)
                }
                return (.wait, newRate, true)
            }
            if let newRate { trainer.learningRate = newRate }
            if trainer.isFinished { publish(.finished); return }
            switch action {
            case .stop:
                publish(.stopped)
                return
            case .wait:
                if lastStatus != .paused || newRate != nil {
                    lastStatus = .paused
                    publish(.paused)
                }
                // Paused: look at the mailbox again shortly. A UI's key press waits at most this.
                Thread.sleep(forTimeInterval: 0.005)
            case .train:
                do {
                    let start = clock.now
                    let result = try trainer.trainNextBatch()
                    trainingTime += clock.now - start
                    imagesTrained += result.size
                    if result.endsEpoch { trainer.finishEpoch() }
                } catch {
                    publish(.failed(error.description))
                    return
                }
                lastStatus = paused ? .paused : .running
                publish(trainer.isFinished ? .finished : lastStatus)
                if trainer.isFinished { return }
            }
        }
    }
}
