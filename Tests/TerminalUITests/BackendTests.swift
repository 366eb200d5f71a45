import Foundation
import Synchronization
import Testing
import TestSupport
@testable import TerminalUI

@Suite("MemoryBackend and TerminalSession", .serialized)
struct BackendTests {
    @Test("scripted events come back in order, then nil ends the loop")
    func scriptedEvents() {
        let backend = MemoryBackend(width: 20, height: 5, events: [.character("a"), .key(.up), .tick])
        #expect(backend.readEvent(timeoutMilliseconds: 50) == .key(.character("a")))
        #expect(backend.readEvent(timeoutMilliseconds: 50) == .key(.up))
        #expect(backend.readEvent(timeoutMilliseconds: 50) == .tick)
        #expect(backend.readEvent(timeoutMilliseconds: 50) == nil)
        #expect(backend.requestedTimeouts == [50, 50, 50, 50])
    }

    @Test("a scripted resize changes the size when it is delivered")
    func scriptedResize() {
        let backend = MemoryBackend(width: 20, height: 5, events: [.resize(width: 8, height: 2)])
        #expect(backend.size == (width: 20, height: 5))
        #expect(backend.readEvent(timeoutMilliseconds: 0) == .resize(width: 8, height: 2))
        #expect(backend.size == (width: 8, height: 2))
        #expect(backend.makeBuffer().area == Rect(width: 8, height: 2))
        backend.resize(width: 3, height: 1)
        #expect(backend.size == (width: 3, height: 1))
    }

    @Test("a bubbletea-style loop runs against the memory backend")
    func runLoop() {
        let backend = MemoryBackend(width: 12, height: 2)
        backend.enqueue(Event.typing("++"))
        backend.enqueue([.key(.down), .resize(width: 6, height: 1)])
        var count = 0
        func draw() {
            var buffer = backend.makeBuffer()
            Paragraph("count \(count)").render(into: &buffer, area: buffer.area)
            backend.draw(buffer)
        }
        draw()
        while let event = backend.readEvent(timeoutMilliseconds: 100) {
            switch event {
            case .key(.character("+")): count += 1
            case .key(.down): count -= 1
            default: break
            }
            draw()
        }
        backend.restore()
        #expect(backend.lastTrimmedLines == ["count"])   // "count 1" wrapped at width 6, one row
        #expect(backend.lastBuffer?.width == 6)
        #expect(count == 1)
        #expect(backend.drawCount == 5)
        #expect(backend.restoreCount == 1)
    }

    @Test("restoration runs on a normal return and on a thrown error")
    func restoreOnReturnAndThrow() {
        struct Failure: Error {}
        let restores = Mutex(0)
        let value = TerminalSession.withSignalHandling(signals: [SIGUSR1], restore: { restores.withLock { $0 += 1 } }) { 42 }
        #expect(value == 42)
        #expect(restores.withLock { $0 } == 1)
        #expect(throws: Failure.self) {
            try TerminalSession.withSignalHandling(signals: [SIGUSR1], restore: { restores.withLock { $0 += 1 } }) {
                throw Failure()
            }
        }
        #expect(restores.withLock { $0 } == 2)
    }

    /// The signal is only noted; the main thread sees `pendingSignal`, leaves its loop, and the
    /// terminal is restored and the process ended there, after the body, never from the signal
    /// queue while the main thread may be inside curses.
    @Test("a handled signal is noted, and the main thread restores and terminates after its loop")
    func signalEndsTheLoopOnTheMainThread() {
        let record = Mutex<(restores: Int, terminatedWith: [Int32], restoredBeforeLoopEnded: Bool)>((0, [], false))
        let loopEnded = Mutex(false)
        TerminalSession.withSignalHandling(
            signals: [SIGUSR2], grace: .seconds(60),
            restore: { record.withLock { $0.restores += 1; $0.restoredBeforeLoopEnded = $0.restoredBeforeLoopEnded || !loopEnded.withLock { $0 } } },
            terminate: { signal in record.withLock { $0.terminatedWith.append(signal) } }
        ) {
            kill(getpid(), SIGUSR2)
            // The run loop's poll, with a generous deadline so a broken handler fails instead of hanging.
            let deadline = ContinuousClock.now + .seconds(10)
            while TerminalSession.pendingSignal == nil, ContinuousClock.now < deadline { Thread.sleep(forTimeInterval: 0.01) }
            #expect(TerminalSession.pendingSignal == SIGUSR2)
            #expect(record.withLock { $0.restores } == 0)
            loopEnded.withLock { $0 = true }
        }
        #expect(record.withLock { $0.terminatedWith } == [SIGUSR2])
        #expect(record.withLock { $0.restores } == 1)
        #expect(record.withLock { $0.restoredBeforeLoopEnded } == false)
        #expect(TerminalSession.pendingSignal == nil)
    }

    /// (Another signal than the test above's: libdispatch may still be tearing down the
    /// previous source of a signal while a new one registers, and miss the delivery.)
    /// A main thread stuck past the grace period: the signal queue restores (without curses)
    /// and terminates itself, once; the return afterwards restores again (idempotent) but does
    /// not terminate a second time.
    @Test("a main thread that does not come back within the grace period is not waited for")
    func signalWithAStuckMainThread() {
        let record = Mutex<(restores: Int, terminatedWith: [Int32])>((0, []))
        let delivered = DispatchSemaphore(value: 0)
        TerminalSession.withSignalHandling(
            signals: [SIGALRM], grace: .milliseconds(50),
            restore: { record.withLock { $0.restores += 1 } },
            terminate: { signal in
                record.withLock { $0.terminatedWith.append(signal) }
                delivered.signal()
            }
        ) {
            kill(getpid(), SIGALRM)
            #expect(delivered.wait(timeout: .now() + 10) == .success)
        }
        #expect(record.withLock { $0.terminatedWith } == [SIGALRM])
        #expect(record.withLock { $0.restores } == 2)   // once by the queue, once on return
    }

    @Test("terminal errors say what went wrong in one line")
    func errorWording() {
        #expect(TerminalError.notInteractive.description.contains("interactive terminal"))
        #expect(TerminalError.cannotOpenTerminal(term: "").description.contains("TERM=unset"))
        #expect(TerminalError.cannotAddressCursor(term: "dumb").description
            == "cannot draw on this terminal (TERM=dumb): it cannot move the cursor; try TERM=xterm-256color, or the plain commands (convlab --help)")
    }
}
