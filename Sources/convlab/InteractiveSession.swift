import ConvLabApp
import TerminalUI

/// Starts the full-screen interface: checks for a terminal (pointing at the plain commands
/// when there is none), opens curses through `TerminalSession` (which restores the terminal on
/// every exit path, signals included) and runs the app until it quits.
enum InteractiveSession {
    /// - Parameters:
    ///   - command: how the learner invoked it, for the no-terminal message.
    ///   - makeApp: builds the app once the terminal's colour capability is known.
    static func run(command: String, makeApp: (AppContext) throws -> App) throws {
        guard isInteractiveTerminal() else { throw CommandError.needsTerminal(command: command) }
        try TerminalSession.run { backend in
            var app = try makeApp(AppContext(colorCapability: backend.colorCapability))
            AppRunner.run(backend: backend, app: &app)
        }
    }
}
