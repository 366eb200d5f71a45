import Foundation

/// Keeps the terminal usable whatever way the program ends.
///
/// Curses mode leaves the terminal without echo and in the alternate screen; a program that
/// dies without `endwin` leaves the user's shell unusable. `run` restores it on a normal return
/// and on a thrown error (a `defer`), and on SIGINT, SIGTERM and SIGHUP: those signals are set
/// to be ignored by default handling and delivered through `DispatchSource` on a background
/// queue instead, whose handler restores the terminal and exits with status 128 + signal, the
/// shell convention for "killed by a signal".
///
/// Ctrl-C in cbreak mode still raises SIGINT, so it quits cleanly too.
public enum TerminalSession {
    /// The signals after which the terminal is restored and the process exits.
    public static let handledSignals: [Int32] = [SIGINT, SIGTERM, SIGHUP]

    /// Opens an `NcursesBackend`, runs `body` with it and restores the terminal on every exit
    /// path.
    /// - Throws: `TerminalError.notInteractive` without a TTY, `TerminalError.cannotOpenTerminal`,
    ///   or whatever `body` throws (after the terminal is restored).
    public static func run<Result>(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        _ body: (NcursesBackend) throws -> Result
    ) throws -> Result {
        guard isInteractiveTerminal() else { throw TerminalError.notInteractive }
        return try withSignalHandling(restore: { NcursesBackend.restoreAfterSignal() }) {
            let backend = try NcursesBackend(environment: environment)
            defer { backend.restore() }
            return try body(backend)
        }
    }

    /// Runs `body` with `signals` routed to `restore` followed by `terminate(signal)`, then puts
    /// the previous signal dispositions back. `restore` also runs when `body` returns or throws,
    /// so it must be idempotent.
    ///
    /// `terminate` defaults to `exit(128 + signal)`; tests pass their own so the process lives.
    public static func withSignalHandling<Result>(
        signals: [Int32] = handledSignals,
        restore: @escaping @Sendable () -> Void,
        terminate: @escaping @Sendable (Int32) -> Void = { signal in exit(128 + signal) },
        _ body: () throws -> Result
    ) rethrows -> Result {
        let queue = DispatchQueue(label: "TerminalSession.signals")
        var previousHandlers: [(signal: Int32, handler: sig_t?)] = []
        var sources: [DispatchSourceSignal] = []
        for signalNumber in signals {
            // Ignore the default action (termination without cleanup); the source still fires.
            previousHandlers.append((signalNumber, signal(signalNumber, SIG_IGN)))
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: queue)
            source.setEventHandler {
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
            for source in sources { source.cancel() }
            for (signalNumber, handler) in previousHandlers { signal(signalNumber, handler) }
        }
        return try body()
    }
}
