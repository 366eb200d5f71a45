/// One terminal cell: a single-width character and its style.
///
/// Wide characters (CJK, emoji) are out of scope: every character written into a `Buffer` is
/// assumed to take one column. Box-drawing characters, block elements (`▀`, `█`), braille and
/// the middle dot are all single width.
public struct Cell: Hashable, Sendable {
    public var character: Character
    public var style: Style

    public init(_ character: Character = " ", style: Style = .plain) {
        self.character = character
        self.style = style
    }

    /// A space in the terminal's default colours: what an empty buffer is full of.
    public static let blank = Cell()
}
