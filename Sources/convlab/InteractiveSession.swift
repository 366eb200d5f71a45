import ConvLabApp
import Foundation
import TerminalUI

/// Starts the full-screen interface: checks for a terminal (pointing at the plain commands
/// when there is none), opens curses through `TerminalSession` (which restores the terminal on
/// every exit path, signals included) and runs the app until it quits.
///
/// `CONVLAB_CRASH_TEST=1` in the environment makes the app trap right after its first frame:
/// a hidden hook for the end-to-end test that a crash gives the terminal back and never waits
/// for a key.
enum InteractiveSession {
    /// - Parameters:
    ///   - command: how the learner invoked it, for the no-terminal message.
    ///   - makeApp: builds the app once the terminal's colour capability is known.
    static func run(command: String, makeApp: (AppContext) throws -> App) throws {
        guard isInteractiveTerminal() else { throw CommandError.needsTerminal(command: command) }
        try TerminalSession.run { backend in
            var app = try makeApp(AppContext(colorCapability: backend.colorCapability))
            let crashTest = ProcessInfo.processInfo.environment["CONVLAB_CRASH_TEST"] == "1"
            AppRunner.run(backend: backend, app: &app, trapAfterFirstFrame: crashTest)
        }
    }
}
