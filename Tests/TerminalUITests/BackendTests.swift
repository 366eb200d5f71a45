import Foundation
import Synchronization
import Testing
import TestSupport
@testable import TerminalUI

@Suite("MemoryBackend and TerminalSession")
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

    @Test("a handled signal restores, then terminates with the signal number")
    func restoreOnSignal() {
        let record = Mutex<(restores: Int, terminatedWith: Int32?)>((0, nil))
        let delivered = DispatchSemaphore(value: 0)
        TerminalSession.withSignalHandling(
            signals: [SIGUSR2],
            restore: { record.withLock { $0.restores += 1 } },
            terminate: { signal in
                record.withLock { $0.terminatedWith = signal }
                delivered.signal()
            }
        ) {
            kill(getpid(), SIGUSR2)
            // A generous deadline only so a broken handler fails the test instead of hanging it.
            #expect(delivered.wait(timeout: .now() + 10) == .success)
        }
        #expect(record.withLock { $0.terminatedWith } == SIGUSR2)
        #expect(record.withLock { $0.restores } == 2)   // once for the signal, once on return
    }

    @Test("terminal errors say what went wrong in one line")
    func errorWording() {
        #expect(TerminalError.notInteractive.description.contains("interactive terminal"))
        #expect(TerminalError.cannotOpenTerminal(term: "").description.contains("TERM=unset"))
    }
}
