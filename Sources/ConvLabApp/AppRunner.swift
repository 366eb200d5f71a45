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
    public static func run(backend: some Backend, app: inout App) {
        let clock = ContinuousClock()
        var lastTick = clock.now
        app.resize(width: backend.size.width, height: backend.size.height)
        draw(app, on: backend)
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
