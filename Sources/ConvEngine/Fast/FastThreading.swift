import Dispatch
import Foundation
import Synchronization

/// How many threads the fast path (GEMM, im2col, col2im) may use, and the one place work is
/// spread over them.
///
/// Work is always cut into the same pieces whatever the thread count; threads only decide who
/// computes which piece, and every output element is written by exactly one piece with a fixed
/// order of operations. So results are bit-identical for any thread count, not merely for a
/// fixed one.
public enum FastThreading {
    /// 0 means "not set": use the active processor count.
    private static let storedThreadCount = Atomic<Int>(0)

    /// True inside `runSingleThreaded`: the caller already spreads whole pieces of work (the
    /// shards of a training batch) over the threads, so the ops inside one piece run on the
    /// thread they are called on.
    @TaskLocal private static var isInsideThreadedWork = false

    /// Runs `body` with `threadCount` reading 1 on this thread, however many threads are set;
    /// ops in it run inline without touching Dispatch. Results do not change (see above).
    static func runSingleThreaded<Result>(_ body: () throws -> Result) rethrows -> Result {
        try $isInsideThreadedWork.withValue(true, operation: body)
    }

    /// The threads that split work at the level above the ops (the shards of a training
    /// batch): `threadCount`, ignoring `runSingleThreaded`.
    static var configuredThreadCount: Int {
        let stored = storedThreadCount.load(ordering: .relaxed)
        return stored > 0 ? stored : max(1, ProcessInfo.processInfo.activeProcessorCount)
    }

    /// The thread count the fast path uses when a call does not pass one. Defaults to
    /// `ProcessInfo.processInfo.activeProcessorCount`; values below 1 restore that default.
    /// Reads 1 inside `runSingleThreaded`.
    public static var threadCount: Int {
        get {
            isInsideThreadedWork ? 1 : configuredThreadCount
        }
        set { storedThreadCount.store(max(0, newValue), ordering: .relaxed) }
    }

    /// How many workers `forEachTask` starts: never more than there are tasks.
    static func workerCount(taskCount: Int, threadCount: Int) -> Int {
        max(1, min(threadCount, taskCount))
    }

    /// Runs `body(worker, task)` for every task in `0..<taskCount` on
    /// `workerCount(taskCount:threadCount:)` threads. Worker w takes tasks w, w + T, w + 2T, …
    /// (T workers), so no task runs twice, a worker may own scratch memory indexed by `worker`,
    /// and the split never changes what a task computes. With one worker it runs inline,
    /// without touching Dispatch.
    static func forEachTask(_ taskCount: Int, threadCount: Int, _ body: (_ worker: Int, _ task: Int) -> Void) {
        let workerCount = workerCount(taskCount: taskCount, threadCount: threadCount)
        if workerCount <= 1 {
            for task in 0..<taskCount { body(0, task) }
            return
        }
        // `body` is not @Sendable: each task touches its own disjoint slice of the caller's
        // buffers, which the caller promises, so crossing threads here is sound.
        withoutActuallyEscaping(body) { body in
            let shared = UncheckedSendableBox(body)
            DispatchQueue.concurrentPerform(iterations: workerCount) { worker in
                var task = worker
                while task < taskCount {
                    shared.value(worker, task)
                    task += workerCount
                }
            }
        }
    }
}

/// Carries a value across `concurrentPerform` when the caller guarantees the tasks share no
/// mutable state (each writes a disjoint region of memory it owns).
struct UncheckedSendableBox<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
