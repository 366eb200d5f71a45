import Synchronization

/// Scratch memory the fast path reuses from call to call: column matrices, GEMM products and
/// packing panels are the same sizes at every training step, and allocating them afresh cost
/// page faults and zeroing on every step (several percent of a step, measured with perf).
///
/// A call borrows a buffer and gives it back when done (`defer`); buffers are never shared
/// while borrowed, so concurrent callers (the trainer's thread and the UI's) each get
/// their own. The pool keeps at most `limit` buffers; contents are undefined on borrowing.
enum ScratchPool {
    /// One 64-byte-aligned block of floats.
    fileprivate final class Buffer: @unchecked Sendable {
        let base: UnsafeMutablePointer<Float>
        let capacity: Int

        init(capacity: Int) {
            self.capacity = capacity
            let raw = UnsafeMutableRawPointer.allocate(byteCount: capacity * MemoryLayout<Float>.stride, alignment: 64)
            base = raw.bindMemory(to: Float.self, capacity: capacity)
        }

        deinit { UnsafeMutableRawPointer(base).deallocate() }
    }

    /// Most buffers kept between calls (a conv backward borrows three at once, the GEMM one
    /// per call, on each of two callers).
    static let limit = 16

    private static let idle = Mutex<[Buffer]>([])

    /// Borrowed scratch memory: at least the requested number of floats at `base`
    /// (uninitialised), until handed back with `giveBack`.
    struct Lease: @unchecked Sendable {
        fileprivate let buffer: Buffer
        var base: UnsafeMutablePointer<Float> { buffer.base }
    }

    /// Lends at least `count` floats: the smallest idle buffer that is large enough, or a new one.
    static func borrow(count: Int) -> Lease {
        let needed = max(1, count)
        let buffer = idle.withLock { buffers -> Buffer? in
            // A plain loop, not filter + min: borrowing must not allocate (a one-image
            // inference borrows on every call).
            var chosen: Int?
            for index in buffers.indices where buffers[index].capacity >= needed {
                if chosen == nil || buffers[index].capacity < buffers[chosen!].capacity { chosen = index }
            }
            guard let chosen else { return nil }
            return buffers.remove(at: chosen)
        } ?? Buffer(capacity: needed)
        return Lease(buffer: buffer)
    }

    /// Returns a lease's memory to the pool; the caller must not touch `base` afterwards.
    static func giveBack(_ lease: Lease) {
        idle.withLock { buffers in
            buffers.append(lease.buffer)
            if buffers.count > limit {
                // Drop the smallest: large ones are the expensive ones to make again.
                let smallest = buffers.indices.min { buffers[$0].capacity < buffers[$1].capacity }!
                buffers.remove(at: smallest)
            }
        }
    }
}
