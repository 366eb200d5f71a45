import Lessons
import TerminalUI

/// Wrapping styled text into lines for screens that scroll by whole lines, with the hanging
/// indents lists need (`Paragraph` wraps flush left only).
enum StyledLines {
    /// `spans` wrapped to `width`; lines after the first start `indent` columns in.
    static func wrap(_ spans: [Span], width: Int, indent: Int = 0) -> [[Span]] {
        guard width > indent else { return Paragraph(spans: spans).wrappedLines(width: max(width, 1)) }
        let first = Paragraph(spans: spans).wrappedLines(width: width)
        guard indent > 0, first.count > 1 else { return first }
        // Wrap the first line at full width, the rest at width − indent behind the indent.
        let firstLength = first[0].reduce(0) { $0 + $1.text.count }
        let rest = dropCharacters(firstLength, from: spans)
        let restLines = Paragraph(spans: rest).wrappedLines(width: width - indent)
        let pad = Span(String(repeating: " ", count: indent))
        return [first[0]] + restLines.map { [pad] + $0 }
    }

    static func wrap(_ text: String, style: Style = .plain, width: Int, indent: Int = 0) -> [[Span]] {
        wrap([Span(text, style: style)], width: width, indent: indent)
    }

    /// A text step: paragraphs with bold emphasis, `•` list items with a hanging indent, a
    /// blank line between blocks.
    static func richText(_ text: RichText, width: Int) -> [[Span]] {
        var lines: [[Span]] = []
        for (index, block) in text.blocks.enumerated() {
            if index > 0 { lines.append([]) }
            switch block {
            case let .paragraph(runs):
                lines += wrap(spans(runs), width: width)
            case let .list(items):
                for item in items {
                    lines += wrap([Span("• ")] + spans(item), width: width, indent: 2)
                }
            }
        }
        return lines
    }

    static func spans(_ runs: [RichText.Run]) -> [Span] {
        runs.map { Span($0.text, style: $0.emphasized ? Style(bold: true) : .plain) }
    }

    /// `spans` without their first `count` characters and the spaces after them.
    private static func dropCharacters(_ count: Int, from spans: [Span]) -> [Span] {
        var remaining = count
        var result: [Span] = []
        for span in spans {
            if remaining >= span.text.count {
                remaining -= span.text.count
                continue
            }
            result.append(Span(String(span.text.dropFirst(remaining)), style: span.style))
            remaining = 0
        }
        while let first = result.first, first.text.first == " " {
            let trimmed = String(first.text.drop { $0 == " " })
            if trimmed.isEmpty { result.removeFirst() } else { result[0].text = trimmed }
        }
        return result
    }
}
