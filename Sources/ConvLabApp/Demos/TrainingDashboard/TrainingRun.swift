import ConvEngine

/// A training run the dashboard can watch and steer: the commands of `TrainingController` and
/// its latest snapshot. The dashboard talks to this protocol rather than to the controller so
/// tests can hand it a fake that records commands and serves chosen snapshots.
///
/// Every member must return at once (the UI thread calls them between frames): commands only
/// leave a note for the training thread, and `snapshot` returns the last published value.
/// Only `waitUntilDone` blocks, and the dashboard calls it only after `stop`, to join the
/// training thread when it closes.
protocol TrainingRun: AnyObject, Sendable {
    /// The latest published snapshot.
    var snapshot: TrainingSnapshot { get }
    /// Starts training on its own thread (once).
    func start()
    /// Stops after the current batch.
    func pause()
    /// Continues a paused run.
    func resume()
    /// While paused, trains exactly one more batch.
    func stepOneBatch()
    /// Uses `learningRate` from the next batch on.
    func setLearningRate(_ learningRate: Float)
    /// Ends the run after the current batch.
    func stop()
    /// Blocks until the training thread has ended; returns the last snapshot.
    @discardableResult
    func waitUntilDone() -> TrainingSnapshot
}

extension TrainingController: TrainingRun {}

/// Makes the run for a trainer: a `TrainingController` in the program, a fake in tests.
typealias TrainingRunFactory = @Sendable (Trainer) -> any TrainingRun
