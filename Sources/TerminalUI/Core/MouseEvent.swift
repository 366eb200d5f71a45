/// A mouse button pressed, dragged or released, where the terminal reports it (xterm-style
/// terminals and tmux with its mouse option on do; many others report nothing).
public struct MouseEvent: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        /// The button went down.
        case press
        /// The pointer moved with the button held.
        case drag
        /// The button came up.
        case release
    }

    /// The cell under the pointer, counted from the terminal's top-left corner.
    public var column: Int
    public var row: Int
    public var kind: Kind
    /// The part of the terminal the receiver draws in: the backend gives the whole terminal,
    /// the app narrows it to the screen's body, so a screen can find which of its widgets was
    /// hit with the same layout it renders with.
    public var area: Rect

    public init(column: Int, row: Int, kind: Kind, area: Rect) {
        self.column = column
        self.row = row
        self.kind = kind
        self.area = area
    }
}
