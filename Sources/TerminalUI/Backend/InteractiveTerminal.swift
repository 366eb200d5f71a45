import Foundation

/// Whether both stdin and stdout are terminals, i.e. whether a full-screen interface can run.
/// Interactive commands check this first and otherwise point at the plain commands.
public func isInteractiveTerminal() -> Bool {
    isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1
}
