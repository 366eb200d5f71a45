import Foundation
import Synchronization

/// One piece of engine work (the strongest images of a channel, a shift measurement) run on its
/// own thread, so the dashboard keeps drawing while it runs; the UI thread polls `result`.
///
/// A class shared by the copies of the screen; a newer computation simply replaces an older
/// one in the screen's state, and the older thread's answer is dropped when it arrives. The
/// work is bounded (a few passes over the test set), so an abandoned thread ends by itself.
final class BackgroundComputation<Value: Sendable>: Sendable {
    private let outcome = Mutex<Value?>(nil)
    private let finished = DispatchSemaphore(value: 0)

    /// Starts `work` on a new thread named `name`.
    init(name: String, _ work: @escaping @Sendable () -> Value) {
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

    /// Blocks until the value is there (tests, and nothing on the UI thread).
    func waitForResult() -> Value {
        finished.wait()
        finished.signal()
        return outcome.withLock { $0! }
    }
}
