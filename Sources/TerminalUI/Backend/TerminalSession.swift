import Foundation
import Synchronization

/// Keeps the terminal usable whatever way the program ends.
///
/// Curses mode leaves the terminal without echo and in the alternate screen; a program that
/// dies without `endwin` leaves the user's shell unusable. `run` restores it on a normal return
/// and on a thrown error (a `defer`), and on SIGINT, SIGTERM and SIGHUP: those signals are set
/// to be ignored by default handling and delivered through `DispatchSource` on a background
/// queue instead. Crashes are `NcursesBackend`'s business (a signal handler that restores the
/// terminal without curses).
///
/// The background queue must not call curses: ncurses is not thread-safe, and an `endwin` there
/// while the main thread is inside `wget_wch` or `refresh` is undone by that call, which finds
/// curses mode off and switches it back on — the alternate screen stays and echo stays off
/// after the process exits (Ctrl-C held in `demo pool` hit it about once in 165 presses). So
/// the queue only notes the signal in `pendingSignal`; the main thread's next `readEvent`
/// (within one poll, 100 ms) returns nil, the run loop ends, the terminal is restored on the
/// main thread, and the process exits with 128 + signal, the shell convention for "killed by a
/// signal". Should the main thread not get there within `mainThreadGrace` (stuck in long work),
/// the queue restores the terminal without curses (`NcursesBackend.restoreFromAnyThread`) and
/// exits itself.
///
/// Ctrl-C in cbreak mode still raises SIGINT, so it quits cleanly too.
public enum TerminalSession {
    /// The signals after which the terminal is restored and the process exits.
    public static let handledSignals: [Int32] = [SIGINT, SIGTERM, SIGHUP]

    /// How long a noted signal waits for the main thread before the queue ends the process.
    public static let mainThreadGrace: Duration = .seconds(2)

    private static let pending = Mutex<Int32?>(nil)

    /// The handled signal that arrived and has not yet ended the process, if any. Run loops stop
    /// when it is set (`NcursesBackend.readEvent` returns nil).
    public static var pendingSignal: Int32? { pending.withLock { $0 } }

    /// Opens an `NcursesBackend`, runs `body` with it and restores the terminal on every exit
    /// path.
    /// - Throws: `TerminalError.notInteractive` without a TTY, `TerminalError.cannotOpenTerminal`,
    ///   `TerminalError.cannotAddressCursor`, or whatever `body` throws (after the terminal is
    ///   restored).
    public static func run<Result>(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        _ body: (NcursesBackend) throws -> Result
    ) throws -> Result {
        guard isInteractiveTerminal() else { throw TerminalError.notInteractive }
        return try withSignalHandling(restore: { NcursesBackend.restoreFromAnyThread() }) {
            let backend = try NcursesBackend(environment: environment)
            defer { backend.restore() }
            return try body(backend)
        }
    }

    /// Runs `body` with `signals` noted in `pendingSignal` instead of ending the process, then
    /// puts the previous signal dispositions back. When `body` returns or throws, `restore`
    /// runs, and then, if a signal was noted, `terminate(signal)`. When `body` has not returned
    /// `grace` after a signal, `restore` and `terminate(signal)` run on the signal queue
    /// instead. `restore` may run on either thread, so it must be idempotent and thread-safe;
    /// `terminate` runs once per signal noted.
    ///
    /// `terminate` defaults to `exit(128 + signal)` on the main thread and `_exit(128 + signal)`
    /// on the signal queue, where running the atexit handlers would race the main thread that
    /// is still working; tests pass their own so the process lives.
    public static func withSignalHandling<Result>(
        signals: [Int32] = handledSignals,
        grace: Duration = mainThreadGrace,
        restore: @escaping @Sendable () -> Void,
        terminate: @escaping @Sendable (Int32) -> Void = { signal in
            if Thread.isMainThread { exit(128 + signal) } else { _exit(128 + signal) }
        },
        _ body: () throws -> Result
    ) rethrows -> Result {
        let queue = DispatchQueue(label: "TerminalSession.signals")
        // Who ends the process for a noted signal: the main thread on return, or the queue
        // after the grace period; whichever comes first claims it.
        let claimed = Mutex(false)
        let returned = DispatchSemaphore(value: 0)
        var previousHandlers: [(signal: Int32, handler: sig_t?)] = []
        var sources: [DispatchSourceSignal] = []
        for signalNumber in signals {
            // Ignore the default action (termination without cleanup); the source still fires.
            previousHandlers.append((signalNumber, signal(signalNumber, SIG_IGN)))
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: queue)
            source.setEventHandler {
                let isFirst = pending.withLock { noted in
                    defer { if noted == nil { noted = signalNumber } }
                    return noted == nil
                }
                guard isFirst else { return }
                let seconds = Double(grace.components.seconds) + Double(grace.components.attoseconds) * 1e-18
                guard returned.wait(timeout: .now() + seconds) == .timedOut else { return }
                guard claimed.withLock({ isClaimed in defer { isClaimed = true }; return !isClaimed }) else { return }
                restore()
                terminate(signalNumber)
            }
            // Wait until the source is live: resume() registers asynchronously, and a signal that
            // arrives before registration would be lost to SIG_IGN.
            let registered = DispatchSemaphore(value: 0)
            source.setRegistrationHandler { registered.signal() }
            source.resume()
            registered.wait()
            sources.append(source)
        }
        defer {
            restore()
            returned.signal()
            for source in sources { source.cancel() }
            for (signalNumber, handler) in previousHandlers { signal(signalNumber, handler) }
            let noted = pending.withLock { noted in
                defer { noted = nil }
                return noted
            }
            if let noted, claimed.withLock({ isClaimed in defer { isClaimed = true }; return !isClaimed }) {
                terminate(noted)
            }
        }
        return try body()
    }
}
