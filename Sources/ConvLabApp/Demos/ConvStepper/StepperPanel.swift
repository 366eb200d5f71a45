import TerminalUI

/// One titled block of the stepper's screen: a number grid, a marked heat map or lines of
/// text, under a one-line title. Panels know their size, so the screen can try layouts from
/// roomy to compact and keep the first that fits (`StepperPanel.flow`).
struct StepperPanel {
    enum Body {
        case numbers(NumberGrid)
        case heatmap(MarkedHeatmap)
        case lines([[Span]])
    }

    var title: String
    var titleStyle = Style(bold: true)
    var body: Body

    var bodySize: (width: Int, height: Int) {
        switch body {
        case .numbers(let grid): grid.preferredSize
        case .heatmap(let heatmap): heatmap.preferredSize
        case .lines(let lines): (lines.map { $0.reduce(0) { $0 + $1.text.count } }.max() ?? 0, lines.count)
        }
    }

    /// Title line plus body.
    var size: (width: Int, height: Int) {
        let body = bodySize
        return (max(title.count, body.width), body.height + 1)
    }

    func render(into buffer: inout Buffer, area: Rect) {
        guard !area.isEmpty else { return }
        buffer.write(NumberFormatting.truncated(title, width: area.width), x: area.x, y: area.y, style: titleStyle, clip: area)
        let bodyArea = Rect(x: area.x, y: area.y + 1, width: area.width, height: area.height - 1)
        switch body {
        case .numbers(var grid):
            grid.rowOffset = Self.rowOffset(keeping: grid.highlightedCells.map(\.row), of: grid,
                                            visibleRows: bodyArea.height - (grid.columnLabels == nil ? 0 : 1))
            grid.render(into: &buffer, area: bodyArea)
        case .heatmap(let heatmap): heatmap.render(into: &buffer, area: bodyArea)
        case .lines(let lines):
            for (row, line) in lines.enumerated() where row < bodyArea.height {
                buffer.write(line, x: bodyArea.x, y: bodyArea.y + row, clip: bodyArea)
            }
        }
    }

    /// The first row to draw so that `rows` (the current window's) are in view when the grid is
    /// taller than `visibleRows`: the grid scrolls just far enough to show the window's last
    /// row, and never past its first. 0 when everything fits or nothing is highlighted.
    static func rowOffset(keeping rows: [Int], of grid: NumberGrid, visibleRows: Int) -> Int {
        guard let first = rows.min(), let last = rows.max(), visibleRows > 0, grid.values.count > visibleRows else { return 0 }
        return min(max(last - visibleRows + 1, 0), first)
    }

    /// Places groups of panels left to right, starting a new row when the next panel would pass
    /// the right edge, or when a whole group that would fit on a row of its own does not fit
    /// in what is left of this one (so related panels stay side by side). Panels in a row share
    /// its top; the row is as tall as its tallest panel.
    /// - Returns: one rectangle per panel, in order, and whether everything fitted inside `area`.
    static func flow(_ groups: [[StepperPanel]], in area: Rect, columnGap: Int, rowGap: Int) -> (rects: [Rect], fits: Bool) {
        var rects: [Rect] = []
        var x = area.x, y = area.y, rowHeight = 0
        var fits = true
        func newRow() {
            x = area.x
            y += rowHeight + rowGap
            rowHeight = 0
        }
        for group in groups {
            let groupWidth = group.map(\.size.width).reduce(0, +) + columnGap * max(group.count - 1, 0)
            if x > area.x && x + groupWidth > area.maxX && groupWidth <= area.width { newRow() }
            for panel in group {
                let (width, height) = panel.size
                if x > area.x && x + width > area.maxX { newRow() }
                if width > area.width || y + height > area.maxY { fits = false }
                rects.append(Rect(x: x, y: y, width: min(width, area.maxX - x), height: min(height, max(area.maxY - y, 0))))
                x += width + columnGap
                rowHeight = max(rowHeight, height)
            }
        }
        return (rects, fits)
    }
}
