/// Greedy word wrapping of styled text, the layout behind `Paragraph`.
///
/// Rules: `\n` always breaks a line. Words (runs of non-spaces) are never split unless a single
/// word is wider than the whole line, in which case it is cut into line-sized pieces. The
/// spaces between two words stay as written when both words land on the same line and vanish
/// at a break; spaces leading a paragraph (indentation) are kept.
enum WordWrap {
    typealias StyledCharacter = (character: Character, style: Style)

    static func wrap(_ spans: [Span], width: Int) -> [[Span]] {
        guard width > 0 else { return [] }
        var paragraphs: [[StyledCharacter]] = [[]]
        for span in spans {
            for character in span.text {
                if character == "\n" { paragraphs.append([]) } else { paragraphs[paragraphs.count - 1].append((character, span.style)) }
            }
        }
        return paragraphs.flatMap { wrapParagraph($0, width: width) }.map(mergedSpans)
    }

    /// Splits one paragraph (no newlines) into lines of at most `width` characters.
    private static func wrapParagraph(_ characters: [StyledCharacter], width: Int) -> [[StyledCharacter]] {
        var lines: [[StyledCharacter]] = []
        var line: [StyledCharacter] = []
        var pendingSpaces: [StyledCharacter] = []
        var isFirstLine = true
        var index = 0
        while index < characters.count {
            if characters[index].character == " " {
                pendingSpaces.append(characters[index])
                index += 1
                continue
            }
            var word: [StyledCharacter] = []
            while index < characters.count, characters[index].character != " " {
                word.append(characters[index])
                index += 1
            }
            let keepSpaces = !line.isEmpty || (isFirstLine && lines.isEmpty)
            let spaces = keepSpaces ? pendingSpaces : []
            pendingSpaces = []
            if line.count + spaces.count + word.count <= width {
                line += spaces + word
                continue
            }
            if !line.isEmpty {
                lines.append(line)
                line = []
                isFirstLine = false
            }
            while word.count > width {
                lines.append(Array(word.prefix(width)))
                word.removeFirst(width)
                isFirstLine = false
            }
            line = word
        }
        if line.isEmpty, !pendingSpaces.isEmpty, lines.isEmpty {
            line = Array(pendingSpaces.prefix(width))
        }
        lines.append(line)
        return lines
    }

    private static func mergedSpans(_ characters: [StyledCharacter]) -> [Span] {
        var spans: [Span] = []
        for (character, style) in characters {
            if let last = spans.last, last.style == style {
                spans[spans.count - 1].text.append(character)
            } else {
                spans.append(Span(String(character), style: style))
            }
        }
        return spans
    }
}
