import Testing
import TestSupport
@testable import TerminalUI

@Suite("Paragraph, Box, Gauge, KeyHelpBar")
struct TextWidgetTests {
    private func rendered(_ widget: some Widget, width: Int, height: Int) -> Buffer {
        var buffer = Buffer(width: width, height: height)
        widget.render(into: &buffer, area: buffer.area)
        return buffer
    }

    @Test("paragraph wraps at spaces")
    func paragraphWraps() {
        let buffer = rendered(Paragraph("the quick brown fox jumps"), width: 10, height: 4)
        expectLines(buffer, ["the quick ", "brown fox ", "jumps     ", "          "], trimmed: false)
    }

    @Test("newlines break, long words are cut, indentation is kept")
    func paragraphBreaks() {
        expectLines(rendered(Paragraph("ab\n  cd"), width: 6, height: 3), ["ab", "  cd", ""])
        expectLines(rendered(Paragraph("abcdefghij x"), width: 4, height: 4), ["abcd", "efgh", "ij x", ""])
        #expect(Paragraph("abcdefghij x").lineCount(width: 4) == 3)
    }

    @Test("scroll offset hides wrapped lines above")
    func paragraphScrolls() {
        let paragraph = Paragraph("one two three four", scrollOffset: 1)
        expectLines(rendered(paragraph, width: 5, height: 2), ["two", "three"])
    }

    @Test("emphasis keeps its style through wrapping")
    func paragraphStyles() {
        let buffer = rendered(Paragraph(markup: "see **the window** move"), width: 8, height: 3)
        expectLines(buffer, ["see the", "window", "move"])
        #expect(buffer.styleMask { $0.bold } == ["....###.", "######..", "........"])
    }

    @Test("paragraph in a sub-area stays inside it; 0×0 and 1×1 do not crash")
    func paragraphClipping() {
        var buffer = Buffer(width: 6, height: 3)
        Paragraph("abc def ghi").render(into: &buffer, area: Rect(x: 2, y: 1, width: 3, height: 1))
        expectLines(buffer, ["", "  abc", ""])
        expectLines(rendered(Paragraph("hello"), width: 1, height: 1), ["h"])
        #expect(rendered(Paragraph("hello"), width: 0, height: 0).lines.isEmpty)
        #expect(Paragraph("hello").wrappedLines(width: 0).isEmpty)
    }

    @Test("centred and right-aligned text")
    func paragraphAlignment() {
        expectLines(rendered(Paragraph("ab", alignment: .center), width: 6, height: 1), ["  ab"])
        expectLines(rendered(Paragraph("ab", alignment: .right), width: 6, height: 1), ["    ab"])
    }

    @Test("box draws a titled border and reports the inner area")
    func box() {
        var buffer = Buffer(width: 10, height: 4)
        let inner = Box(title: "Hi").renderFrame(into: &buffer, area: Rect(x: 1, y: 0, width: 8, height: 3))
        expectLines(buffer, [" ┌ Hi ──┐", " │      │", " └──────┘", ""])
        #expect(inner == Rect(x: 2, y: 1, width: 6, height: 1))
        #expect(buffer.styleMask { $0.bold }[0] == "...##.....")
    }

    @Test("a double-line box uses the double glyphs throughout")
    func doubleBox() {
        expectLines(rendered(Box(line: .double), width: 4, height: 3), ["╔══╗", "║  ║", "╚══╝"])
    }

    @Test("long titles are cut; tiny boxes draw nothing")
    func boxEdgeCases() {
        expectLines(rendered(Box(title: "Convolution"), width: 8, height: 2), ["┌ Con… ┐", "└──────┘"])
        expectLines(rendered(Box(title: "T"), width: 2, height: 2), ["┌┐", "└┘"])
        expectLines(rendered(Box(title: "T"), width: 1, height: 1), [""])
        #expect(Box().innerArea(of: Rect(width: 1, height: 1)).isEmpty)
        #expect(rendered(Box(), width: 0, height: 0).lines.isEmpty)
    }

    @Test("gauge fills ⌊ratio · width⌋ cells and shows ⌊percent⌋")
    func gauge() {
        expectLines(rendered(Gauge(ratio: 0.5), width: 10, height: 1), ["███░░░ 50%"])
        expectLines(rendered(Gauge(ratio: 1.2), width: 10, height: 1), ["█████ 100%"])
        expectLines(rendered(Gauge(ratio: 0.999), width: 10, height: 1), ["█████░ 99%"])
        expectLines(rendered(Gauge(ratio: .nan), width: 6, height: 1), ["░░░ 0%"])
        expectLines(rendered(Gauge(ratio: 0.3, label: "3/10"), width: 9, height: 1), ["█░░░ 3/10"])
        expectLines(rendered(Gauge(ratio: 0.5), width: 3, height: 1), ["50%"])
        expectLines(rendered(Gauge(ratio: 0.5), width: 1, height: 1), ["5"])
        #expect(rendered(Gauge(ratio: 0.5), width: 0, height: 0).lines.isEmpty)
    }

    @Test("key help drops whole bindings and marks the cut with …")
    func keyHelpBar() {
        let bar = KeyHelpBar([("q", "quit"), ("←/→", "move"), ("?", "help")])
        expectLines(rendered(bar, width: 30, height: 1), ["q quit  ←/→ move  ? help"])
        expectLines(rendered(bar, width: 20, height: 1), ["q quit  ←/→ move …"])
        expectLines(rendered(bar, width: 3, height: 1), ["…"])
        expectLines(rendered(bar, width: 1, height: 1), ["…"])
        #expect(rendered(bar, width: 0, height: 0).lines.isEmpty)
        let buffer = rendered(bar, width: 30, height: 1)
        #expect(buffer.styleMask { $0.bold }[0] == "#.......###.......#...........")
    }
}
