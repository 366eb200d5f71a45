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
}

/// Something the run loop reacts to.
public enum Event: Hashable, Sendable {
    case key(Key)
    /// The terminal changed size; the values are the new size in cells.
    case resize(width: Int, height: Int)
    /// The read timeout passed without input: time for the app to poll background work.
    case tick

    /// Shorthand for `.key(.character(character))`, handy in scripted test events.
    public static func character(_ character: Character) -> Event { .key(.character(character)) }

    /// One `.key(.character(_))` event per character of `text`, for typing in tests.
    public static func typing(_ text: String) -> [Event] { text.map { .key(.character($0)) } }
}
