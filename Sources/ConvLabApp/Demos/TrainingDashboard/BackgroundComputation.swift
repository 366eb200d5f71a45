import Foundation
import Synchronization

/// One piece of engine work (the strongest images of a channel, a shift measurement) run on its
/// own thread, so the dashboard keeps drawing while it runs; the UI thread polls `result`.
///
/// The screen makes it and the app starts it: `update` returns `.startBackgroundJob(job.launch)`
/// while it is not started (`Screen` says why threads are the app's to start).
///
/// A class shared by the copies of the screen; a newer computation simply replaces an older
/// one in the screen's state, and the older thread's answer is dropped when it arrives. The
/// work is bounded (a few passes over the test set), so an abandoned thread ends by itself.
final class BackgroundComputation<Value: Sendable>: Sendable {
    private let name: String
    private let work: @Sendable () -> Value
    private let outcome = Mutex<Value?>(nil)
    private let started = Mutex(false)
    private let finished = DispatchSemaphore(value: 0)

    /// Work to run on a thread named `name` once started.
    init(name: String, _ work: @escaping @Sendable () -> Value) {
        self.name = name
        self.work = work
    }

    /// Whether `start()` has been called.
    var isStarted: Bool { started.withLock { $0 } }

    /// What the app is handed to start this computation.
    var launch: BackgroundJob { BackgroundJob(name: name) { [self] in start() } }

    /// Starts the work on a new thread; later calls do nothing.
    func start() {
        let first = started.withLock { started in
            defer { started = true }
            return !started
        }
        guard first else { return }
        let thread = Thread { [self] in
            let value = work()
            outcome.withLock { $0 = value }
            finished.signal()
        }
        thread.name = name
        thread.start()
    }

    /// The value once computed, else nil. Never blocks.
    var result: Value? { outcome.withLock { $0 } }

    /// Starts the work if needed and blocks until the value is there (tests, and nothing on
    /// the UI thread).
    func waitForResult() -> Value {
        start()
        finished.wait()
        finished.signal()
        return outcome.withLock { $0! }
    }
}

/// Work on its own thread for the app to start (`Effect.startBackgroundJob`); two jobs are
/// equal only when they are the same job.
public final class BackgroundJob: Hashable, Sendable {
    /// The thread's name, which also says what the work is (`convlab-shift`).
    public let name: String
    private let begin: @Sendable () -> Void

    init(name: String, start: @escaping @Sendable () -> Void) {
        self.name = name
        begin = start
    }

    /// Starts the work's thread (once, however often it is called).
    func start() { begin() }

    public static func == (left: BackgroundJob, right: BackgroundJob) -> Bool { left === right }
    public func hash(into hasher: inout Hasher) { hasher.combine(ObjectIdentifier(self)) }
}
