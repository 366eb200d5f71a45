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
