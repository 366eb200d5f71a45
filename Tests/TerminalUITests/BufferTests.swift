import Testing
import TestSupport
@testable import TerminalUI

@Suite("Buffer")
struct BufferTests {
    @Test("writes are clipped to the buffer; lines keep trailing spaces, trimmedLines drop them")
    func clippingAndLines() {
        var buffer = Buffer(width: 5, height: 2)
        let end = buffer.write("hello world", x: 2, y: 0)
        buffer.write("abc", x: -1, y: 1)
        buffer.write("ignored", x: 0, y: 5)
        #expect(buffer.lines == ["  hel", "bc   "])
        #expect(buffer.trimmedLines == ["  hel", "bc"])
        #expect(end == 13)
    }

    @Test("a clip rectangle limits a write")
    func clipRect() {
        var buffer = Buffer(width: 6, height: 2)
        buffer.write("abcdef", x: 0, y: 1, clip: Rect(x: 1, y: 1, width: 3, height: 1))
        buffer.write("zzz", x: 0, y: 0, clip: Rect(x: 1, y: 1, width: 3, height: 1))
        expectLines(buffer, ["", " bcd"])
    }

    @Test("set, fill and style lookup")
    func setFillStyle() {
        var buffer = Buffer(width: 4, height: 3)
        buffer.fill(Rect(x: 1, y: 1, width: 2, height: 2), with: "#", style: Style(bold: true))
        buffer.set(x: 0, y: 0, "x", style: Style(foreground: .red))
        buffer.set(x: 9, y: 9, "!")
        expectLines(buffer, ["x", " ##", " ##"])
        #expect(buffer.style(x: 0, y: 0).foreground == .red)
        #expect(buffer.styleMask { $0.bold } == ["....", ".##.", ".##."])
        #expect(buffer[9, 9] == .blank)
    }

    @Test("updateStyle keeps characters")
    func updateStyle() {
        var buffer = Buffer(width: 3, height: 1)
        buffer.write("abc", x: 0, y: 0)
        buffer.updateStyle(in: Rect(x: 1, y: 0, width: 5, height: 1)) { $0.reverse = true }
        expectLines(buffer, ["abc"])
        #expect(buffer.styleMask { $0.reverse } == [".##"])
    }

    @Test("changed positions: only differing cells, or all after a size change")
    func diff() {
        var first = Buffer(width: 3, height: 2)
        first.write("abc", x: 0, y: 0)
        var second = first
        second.set(x: 1, y: 1, "z")
        second.set(x: 0, y: 0, "a", style: Style(bold: true))
        #expect(second.changedPositions(since: first).map { [$0.x, $0.y] } == [[0, 0], [1, 1]])
        #expect(Buffer(width: 2, height: 2).changedPositions(since: first).count == 4)
    }

    @Test("0×0 buffers have no lines and ignore writes")
    func emptyBuffer() {
        var buffer = Buffer(width: 0, height: 0)
        buffer.write("x", x: 0, y: 0)
        buffer.fill(Rect(width: 3, height: 3), with: "#")
        #expect(buffer.lines.isEmpty)
    }

    @Test("markup spans: ** for emphasis, backticks for code, lone * is literal")
    func markup() {
        let spans = Span.parse(markup: "a **b** `c` 3*3 **open", emphasisStyle: Style(bold: true), codeStyle: Style(underline: true))
        #expect(spans == [
            Span("a "), Span("b", style: Style(bold: true)), Span(" "),
            Span("c", style: Style(underline: true)), Span(" 3*3 **open"),
        ])
    }

    @Test("number formatting: fixed decimals, no negative zero, dropping decimals before #")
    func numberFormatting() {
        #expect(NumberFormatting.fixed(-0.001, decimals: 2) == "0.00")
        #expect(NumberFormatting.fixed(-1.5, decimals: 1) == "-1.5")
        #expect(NumberFormatting.fixed(.nan, decimals: 2) == "nan")
        #expect(NumberFormatting.fixed(2.5, decimals: 2, width: 6) == "  2.50")
        #expect(NumberFormatting.fixed(12.345, decimals: 2, width: 3) == " 12")
        #expect(NumberFormatting.fixed(1234, decimals: 2, width: 3) == "###")
        #expect(NumberFormatting.truncated("convolution", width: 5) == "conv…")
        #expect(NumberFormatting.aligned("ab", width: 5, alignment: .center) == " ab  ")
    }
}
