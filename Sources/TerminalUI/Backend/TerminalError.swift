/// Why the terminal could not be used; the wording the user sees lives here.
public enum TerminalError: Error, Equatable, CustomStringConvertible {
    /// stdin or stdout is not a terminal (piped, redirected, or run by a script).
    case notInteractive
    /// ncurses could not set up the terminal named by `TERM`.
    case cannotOpenTerminal(term: String)
    /// The terminal named by `TERM` cannot move the cursor (TERM=dumb), so it cannot show a
    /// full-screen interface.
    case cannotAddressCursor(term: String)

    public var description: String {
        switch self {
        case .notInteractive:
            return "this command needs an interactive terminal (stdin and stdout must be a TTY)"
        case .cannotOpenTerminal(let term):
            return "cannot open the terminal (TERM=\(term.isEmpty ? "unset" : term)); try TERM=xterm-256color"
        case .cannotAddressCursor(let term):
            return "cannot draw on this terminal (TERM=\(term)): it cannot move the cursor; try TERM=xterm-256color, or the plain commands (convlab --help)"
        }
    }
}
