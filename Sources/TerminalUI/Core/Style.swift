/// How a cell looks: colours and the four attributes every terminal supports.
public struct Style: Hashable, Sendable {
    public var foreground: Color
    public var background: Color
    public var bold: Bool
    public var dim: Bool
    public var reverse: Bool
    public var underline: Bool

    public init(
        foreground: Color = .default, background: Color = .default,
        bold: Bool = false, dim: Bool = false, reverse: Bool = false, underline: Bool = false
    ) {
        self.foreground = foreground
        self.background = background
        self.bold = bold
        self.dim = dim
        self.reverse = reverse
        self.underline = underline
    }

    /// Terminal defaults, no attributes.
    public static let plain = Style()

    /// This style with `other` layered on top: a non-default colour of `other` replaces ours,
    /// and an attribute is on if either has it. (Layering can add, never remove, which is what
    /// stacking highlights needs: a padding cell inside the window stays dim and turns reverse.)
    public func patched(with other: Style) -> Style {
        Style(
            foreground: other.foreground == .default ? foreground : other.foreground,
            background: other.background == .default ? background : other.background,
            bold: bold || other.bold, dim: dim || other.dim,
            reverse: reverse || other.reverse, underline: underline || other.underline)
    }

    public func withForeground(_ color: Color) -> Style { var copy = self; copy.foreground = color; return copy }
    public func withBackground(_ color: Color) -> Style { var copy = self; copy.background = color; return copy }
    public func bolded() -> Style { var copy = self; copy.bold = true; return copy }
    public func dimmed() -> Style { var copy = self; copy.dim = true; return copy }
    public func reversed() -> Style { var copy = self; copy.reverse = true; return copy }
    public func underlined() -> Style { var copy = self; copy.underline = true; return copy }
}
