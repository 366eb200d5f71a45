import TerminalUI

/// Connects an `App` to a `Backend`: render, draw, wait for an event, update, repeat.
///
/// Everything runs on the calling (main) thread, because ncurses is not thread-safe. Input is
/// polled with a `pollMilliseconds` timeout so the screens get a clock tick about ten times a
/// second even while keys keep arriving; each tick carries the milliseconds measured since the
/// previous one, so animations keep real time however late a tick comes.
public enum AppRunner {
    /// How long one `readEvent` waits for input, and how often ticks are sent.
    public static let pollMilliseconds = 100

    /// Runs until the app quits or the backend's input ends (`readEvent` returns nil). Does not
    /// restore the terminal: `TerminalSession.run` does that on every exit path.
    /// - Parameter trapAfterFirstFrame: crash on purpose once the first frame is drawn, so the
    ///   end-to-end tests can check that a crash gives the terminal back
    ///   (`CONVLAB_CRASH_TEST=1`, read by the command line).
    public static func run(backend: some Backend, app: inout App, trapAfterFirstFrame: Bool = false) {
        let clock = ContinuousClock()
        var lastTick = clock.now
        app.resize(width: backend.size.width, height: backend.size.height)
        draw(app, on: backend)
        if trapAfterFirstFrame { trap() }
        while let event = backend.readEvent(timeoutMilliseconds: pollMilliseconds) {
            if event != .tick {
                guard app.update(event: event) else { return }
            }
            let now = clock.now
            let elapsed = lastTick.duration(to: now)
            if event == .tick || elapsed >= .milliseconds(pollMilliseconds) {
                lastTick = now
                guard app.tick(milliseconds: milliseconds(elapsed)) else { return }
            }
            draw(app, on: backend)
        }
    }

    /// A Swift trap, as any failed precondition or out-of-range index would raise.
    private static func trap() -> Never {
        preconditionFailure("CONVLAB_CRASH_TEST: a deliberate crash after the first frame")
    }

    private static func draw(_ app: App, on backend: some Backend) {
        var buffer = backend.makeBuffer()
        app.render(into: &buffer)
        backend.draw(buffer)
    }

    /// Whole milliseconds in `duration`, rounded down.
    static func milliseconds(_ duration: Duration) -> Int {
        let (seconds, attoseconds) = duration.components
        return Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000)
    }
}
