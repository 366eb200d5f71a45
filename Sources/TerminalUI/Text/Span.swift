/// A run of text in one style: the unit of styled text for `Paragraph` and `Buffer.write`.
public struct Span: Hashable, Sendable {
    public var text: String
    public var style: Style

    public init(_ text: String, style: Style = .plain) {
        self.text = text
        self.style = style
    }

    /// Splits lightweight markup into spans: `**emphasis**` takes `emphasisStyle` and
    /// `` `code` `` takes `codeStyle`; everything else takes `baseStyle`. A marker without its
    /// closing partner is kept as literal text. A single `*` is never markup, so formulas such as
    /// `3*3` survive untouched.
    public static func parse(
        markup: String, baseStyle: Style = .plain,
        emphasisStyle: Style = Style(bold: true), codeStyle: Style = Style(foreground: .cyan)
    ) -> [Span] {
        var spans: [Span] = []
        var plain = ""
        var rest = Substring(markup)
        func flushPlain() {
            if !plain.isEmpty { spans.append(Span(plain, style: baseStyle)); plain = "" }
        }
        while let first = rest.first {
            if rest.hasPrefix("**"), let close = rest.dropFirst(2).range(of: "**") {
                flushPlain()
                spans.append(Span(String(rest[rest.index(rest.startIndex, offsetBy: 2)..<close.lowerBound]), style: emphasisStyle))
                rest = rest[close.upperBound...]
            } else if first == "`", let close = rest.dropFirst().firstIndex(of: "`") {
                flushPlain()
                spans.append(Span(String(rest[rest.index(after: rest.startIndex)..<close]), style: codeStyle))
                rest = rest[rest.index(after: close)...]
            } else {
                plain.append(first)
                rest = rest.dropFirst()
            }
        }
        flushPlain()
        return spans
    }
}
