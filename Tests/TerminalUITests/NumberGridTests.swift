import Testing
import TestSupport
@testable import TerminalUI

@Suite("NumberGrid")
struct NumberGridTests {
    private let values: [[Float]] = [[1, -2.5], [0.25, 10]]

    private func rendered(_ grid: NumberGrid, width: Int, height: Int) -> Buffer {
        var buffer = Buffer(width: width, height: height)
        grid.render(into: &buffer, area: buffer.area)
        return buffer
    }

    @Test("values right-aligned in the widest field")
    func formatting() {
        let grid = NumberGrid(values: values)
        #expect(grid.resolvedCellWidth == 5)
        #expect(grid.preferredSize == (width: 11, height: 2))
        expectLines(rendered(grid, width: 11, height: 2), [" 1.00 -2.50", " 0.25 10.00"], trimmed: false)
    }

    @Test("decimals and a fixed cell width")
    func decimalsAndWidth() {
        let grid = NumberGrid(values: [[3.14159, -0.001], [1234, 7]], decimals: 1, cellWidth: 3)
        expectLines(rendered(grid, width: 7, height: 2), ["3.1 0.0", "### 7.0"])
    }

    @Test("row and column labels")
    func labels() {
        let grid = NumberGrid(values: values, rowLabels: ["a", "b"], columnLabels: ["0", "1"])
        expectLines(rendered(grid, width: 14, height: 3), ["      0     1", "a  1.00 -2.50", "b  0.25 10.00"])
        #expect(grid.preferredSize == (width: 13, height: 3))
    }

    @Test("the window highlight covers exactly its cells")
    func highlight() {
        let grid = NumberGrid(values: values, highlightedCells: GridIndex.block(rows: 0..<1, columns: 1..<2))
        let buffer = rendered(grid, width: 11, height: 2)
        #expect(buffer.styleMask { $0.reverse } == ["......#####", "..........."])
    }

    @Test("padding cells show the symbol, dim; under the window they are dim and reversed")
    func padding() {
        let padding: Set<GridIndex> = [GridIndex(row: 1, column: 0), GridIndex(row: 0, column: 0)]
        let grid = NumberGrid(
            values: values, highlightedCells: [GridIndex(row: 0, column: 0)],
            paddingCells: padding, paddingSymbol: "·")
        let buffer = rendered(grid, width: 11, height: 2)
        expectLines(buffer, ["    · -2.50", "    · 10.00"])
        #expect(buffer.styleMask { $0.dim } == ["#####......", "#####......"])
        #expect(buffer.styleMask { $0.reverse } == ["#####......", "..........."])
        #expect(grid.cellStyle(at: GridIndex(row: 0, column: 0)) == Style(dim: true, reverse: true))
    }

    @Test("padding without a symbol shows the value dimmed")
    func paddingValue() {
        let grid = NumberGrid(values: [[0, 1]], decimals: 0, paddingCells: [GridIndex(row: 0, column: 0)])
        let buffer = rendered(grid, width: 3, height: 1)
        expectLines(buffer, ["0 1"])
        #expect(buffer.styleMask { $0.dim } == ["#.."])
    }

    @Test("a per-cell override wins over the base style")
    func override() {
        let grid = NumberGrid(values: values, styleOverrides: [GridIndex(row: 1, column: 1): Style(foreground: .red)])
        let buffer = rendered(grid, width: 11, height: 2)
        #expect(buffer.styleMask { $0.foreground == .red } == ["...........", "......#####"])
    }

    @Test("clipped to a small area; offsets scroll; 0×0 and 1×1 are safe")
    func clipping() {
        expectLines(rendered(NumberGrid(values: values), width: 7, height: 1), [" 1.00 -"])
        var buffer = Buffer(width: 12, height: 3)
        NumberGrid(values: values).render(into: &buffer, area: Rect(x: 1, y: 1, width: 7, height: 1))
        expectLines(buffer, ["", "  1.00 -", ""])
        expectLines(rendered(NumberGrid(values: values, rowOffset: 1, columnOffset: 1), width: 11, height: 2), ["10.00", ""])
        #expect(rendered(NumberGrid(values: values), width: 1, height: 1).lines == [" "])
        #expect(rendered(NumberGrid(values: values), width: 0, height: 0).lines.isEmpty)
        #expect(rendered(NumberGrid(values: []), width: 3, height: 1).lines == ["   "])
    }
}
