/// A key the user pressed, as the backend decoded it.
public enum Key: Hashable, Sendable {
    /// A printable character (including space).
    case character(Character)
    /// Ctrl plus a letter, given in lower case (`.control("l")` is Ctrl-L). Ctrl-C normally
    /// arrives as SIGINT instead, and Ctrl-I/Ctrl-M/Ctrl-H arrive as Tab/Enter/Backspace.
    case control(Character)
    case up, down, left, right
    case enter, escape, backspace, tab, backTab, delete
    case pageUp, pageDown, home, end
    /// F1…F12.
    case function(Int)
    /// A mouse button, where the terminal reports one. A key rather than an event of its own so
    /// it reaches screens through `Message.key` like everything the learner does.
    case mouse(MouseEvent)
}
