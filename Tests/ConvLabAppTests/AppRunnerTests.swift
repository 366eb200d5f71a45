import Testing
import TerminalUI
import TestSupport
@testable import ConvLabApp

@Suite("AppRunner against MemoryBackend")
struct AppRunnerTests {
    @Test("draws once at the start and after every event, resize included, until input ends")
    func drawsAfterEveryEvent() throws {
        let backend = MemoryBackend(width: 80, height: 24, events: [
            .key(.down), .resize(width: 60, height: 20), .resize(width: 80, height: 24), .key(.up), .tick,
        ])
        var app = App.home(catalog: testCatalog, width: 1, height: 1)
        AppRunner.run(backend: backend, app: &app)
        #expect(backend.drawCount == 6)
        #expect(backend.pendingEvents.isEmpty)
        #expect(backend.requestedTimeouts == Array(repeating: AppRunner.pollMilliseconds, count: 6))
        #expect(app.size == (width: 80, height: 24))
        expectLines(try #require(backend.lastBuffer), HomeScreenTests.homeAt80x24)
        // The runner leaves restoring the terminal to TerminalSession.
        #expect(backend.restoreCount == 0)
    }

    @Test("takes the backend's size at the start, so a small terminal shows the message at once")
    func startsAtTheBackendsSize() {
        let backend = MemoryBackend(width: 60, height: 20)
        var app = App.home(catalog: testCatalog)
        AppRunner.run(backend: backend, app: &app)
        #expect(backend.lastTrimmedLines[9] == "   ConvLab needs at least 80×24; this terminal is 60×20.")
    }

    @Test("stops as soon as the app quits, leaving later events unread")
    func stopsOnQuit() {
        let backend = MemoryBackend(width: 80, height: 24, events: [
            .key(.enter), .character("+"), .character("q"), .character("q"), .character("j"),
        ])
        var app = App.home(catalog: testCatalog)
        AppRunner.run(backend: backend, app: &app)
        #expect(backend.pendingEvents == [.character("j")])
        #expect(backend.drawCount == 4)  // start, enter, +, q back to home; the quitting q draws nothing
        #expect(backend.lastTrimmedLines[0] == " ConvLab — Home")
    }

    @Test("ticks reach the demo as milliseconds measured by the clock")
    func ticksCarryMeasuredTime() throws {
        let backend = MemoryBackend(width: 80, height: 24, events: [.tick, .tick])
        var app = try App.demo(DemoRequest(name: "counter"), catalog: testCatalog)
        AppRunner.run(backend: backend, app: &app)
        let counter = try #require(app.currentScreen as? CounterDemo)
        // One tick per scripted .tick, each carrying the measured (never negative) interval.
        #expect(counter.tickedMilliseconds.count == 2)
        #expect(counter.tickedMilliseconds.allSatisfy { $0 >= 0 })
        #expect(backend.lastTrimmedLines[2] == "  count 0, ticks 2")
    }

    @Test("whole milliseconds from a Duration")
    func millisecondsFromDuration() {
        #expect(AppRunner.milliseconds(.milliseconds(250)) == 250)
        #expect(AppRunner.milliseconds(.seconds(2) + .microseconds(1999)) == 2001)
        #expect(AppRunner.milliseconds(.zero) == 0)
    }
}
