import Testing
import TestSupport
@testable import TerminalUI

@Suite("Table")
struct TableTests {
    private let table = Table(
        columns: [Table.Column("layer"), Table.Column("params", alignment: .right)],
        rows: [["conv1", "156"], ["fc", "10"]])

    private func rendered(_ table: Table, width: Int, height: Int) -> Buffer {
        var buffer = Buffer(width: width, height: height)
        table.render(into: &buffer, area: buffer.area)
        return buffer
    }

    @Test("header, separator and aligned columns")
    func layout() {
        let buffer = rendered(table, width: 15, height: 4)
        expectLines(buffer, ["layer  params", "─────────────", "conv1     156", "fc         10"])
        #expect(buffer.styleMask { $0.bold }[0] == "#############..")
    }

    @Test("columns shrink widest-first and cut text with …")
    func truncation() {
        #expect(table.columnWidths(availableWidth: 10) == [4, 4])
        expectLines(rendered(table, width: 10, height: 4), ["lay…  par…", "──────────", "con…   156", "fc      10"])
    }

    @Test("fixed widths, centre alignment, missing cells")
    func fixedWidths() {
        let centred = Table(
            columns: [Table.Column("a", alignment: .center, width: 5), Table.Column("b")],
            rows: [["x"], ["yy", "z"]], columnSpacing: 1, showsHeaderSeparator: false)
        expectLines(rendered(centred, width: 10, height: 3), ["  a   b", "  x", " yy   z"])
    }

    @Test("the selected row is reversed across the width; the body scrolls under the header")
    func selectionAndScroll() {
        var selected = table
        selected.selectedRow = 1
        selected.rowOffset = 1
        let buffer = rendered(selected, width: 15, height: 4)
        expectLines(buffer, ["layer  params", "─────────────", "fc         10", ""])
        #expect(buffer.styleMask { $0.reverse } == ["...............", "...............", "###############", "..............."])
    }

    @Test("0×0 and 1×1 areas")
    func tinyAreas() {
        expectLines(rendered(table, width: 1, height: 1), ["…"])
        #expect(rendered(table, width: 0, height: 0).lines.isEmpty)
    }
}
