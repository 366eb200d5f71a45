/// Word-wrapped styled text, scrolled by whole wrapped lines.
///
/// Wrapping follows `WordWrap`'s rules (breaks at spaces, `\n` forces a break, over-long words
/// are cut). `scrollOffset` is the number of wrapped lines hidden above the area; use
/// `lineCount(width:)` to clamp it.
public struct Paragraph: Widget {
    public var spans: [Span]
    public var scrollOffset: Int
    public var alignment: Alignment

    public init(spans: [Span], scrollOffset: Int = 0, alignment: Alignment = .left) {
        self.spans = spans
        self.scrollOffset = scrollOffset
        self.alignment = alignment
    }

    /// Plain text in one style.
    public init(_ text: String, style: Style = .plain, scrollOffset: Int = 0, alignment: Alignment = .left) {
        self.init(spans: [Span(text, style: style)], scrollOffset: scrollOffset, alignment: alignment)
    }

    /// Text with `**emphasis**` and `` `code` `` markup (see `Span.parse(markup:)`).
    public init(markup: String, style: Style = .plain, scrollOffset: Int = 0, alignment: Alignment = .left) {
        self.init(spans: Span.parse(markup: markup, baseStyle: style), scrollOffset: scrollOffset, alignment: alignment)
    }

    /// The wrapped lines at `width`, each a list of spans.
    public func wrappedLines(width: Int) -> [[Span]] { WordWrap.wrap(spans, width: width) }

    /// How many lines the text takes at `width`: the largest useful `scrollOffset` is
    /// `lineCount(width:) - area.height`.
    public func lineCount(width: Int) -> Int { wrappedLines(width: width).count }

    public func render(into buffer: inout Buffer, area: Rect) {
        guard !area.isEmpty else { return }
        let lines = wrappedLines(width: area.width).dropFirst(max(scrollOffset, 0)).prefix(area.height)
        for (row, line) in lines.enumerated() {
            let length = line.reduce(0) { $0 + $1.text.count }
            let start: Int
            switch alignment {
            case .left: start = area.x
            case .center: start = area.x + (area.width - length) / 2
            case .right: start = area.maxX - length
            }
            buffer.write(line, x: start, y: area.y + row, clip: area)
        }
    }
}
