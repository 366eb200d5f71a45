import TerminalUI

/// The `?` overlay: every key of the current screen, then the app's own, in a framed box
/// centred over the body (drawn over whatever is there).
///
/// ```
/// ┌ Keys: Home ──────────────────────┐
/// │ ↑/↓       move                   │
/// │ enter     open                   │
/// │                                  │
/// │ ?         show or hide this list │
/// │ q/Esc     quit                   │
/// │                                  │
/// │ Press any key to close.          │
/// └──────────────────────────────────┘
/// ```
/// When the keys do not fit in one column under the area's height, they flow into more
/// columns side by side. When the columns are wider than the area, long actions wrap onto
/// lines of their own under the action column (a binding never splits across columns), so the
/// whole action stays readable; only an area too small for even that clips.
struct KeyListOverlay: Widget {
    var title: String
    var screenBindings: [KeyBinding]
    var appBindings: [KeyBinding]

    static let footer = "Press any key to close."
    static let columnGap = 3
    /// The narrowest action column wrapping may shrink to; narrower would leave a word a line.
    static let narrowestAction = 12

    /// Screen keys, a blank separator (nil), then app keys.
    private var rows: [KeyBinding?] {
        screenBindings.isEmpty ? appBindings : screenBindings + [nil] + appBindings
    }

    /// One text line of the list: the keys (empty on an action's continuation lines) and the
    /// action text on that line.
    private struct Line {
        var keys: String
        var action: String
    }

    /// The rows wrapped to `actionWidth` and dealt into columns of at most `height` lines.
    private func columns(actionWidth: Int, height: Int) -> [[Line]] {
        var columns: [[Line]] = [[]]
        for binding in rows {
            var block = [Line(keys: "", action: "")]
            if let binding {
                let wrapped = Paragraph(spans: [Span(binding.action)]).wrappedLines(width: max(actionWidth, 1))
                    .map { $0.map(\.text).joined() }
                block = (wrapped.isEmpty ? [""] : wrapped).enumerated().map { Line(keys: $0.offset == 0 ? binding.keys : "", action: $0.element) }
            }
            if !columns[columns.count - 1].isEmpty, columns[columns.count - 1].count + block.count > height {
                columns.append([])
                if binding == nil { continue }
            }
            columns[columns.count - 1] += block
        }
        return columns
    }

    func render(into buffer: inout Buffer, area: Rect) {
        // Border (2) + blank line and footer (2) around the key rows.
        let height = max(area.height - 4, 1)
        let keyWidth = rows.compactMap { $0?.keys.count }.max() ?? 0
        let longestAction = rows.compactMap { $0?.action.count }.max() ?? 0
        func width(of columns: [[Line]], actionWidth: Int) -> Int {
            columns.count * (keyWidth + 2 + actionWidth) + (columns.count - 1) * Self.columnGap
        }
        // The widest action column whose layout fits the area, down to `narrowestAction`.
        var actionWidth = longestAction
        var layout = columns(actionWidth: actionWidth, height: height)
        while width(of: layout, actionWidth: actionWidth) > area.width - 4, actionWidth > Self.narrowestAction {
            actionWidth -= 1
            layout = columns(actionWidth: actionWidth, height: height)
        }
        let columnWidth = keyWidth + 2 + actionWidth
        let rowsPerColumn = layout.map(\.count).max() ?? 0
        let innerWidth = max(width(of: layout, actionWidth: actionWidth), Self.footer.count, title.count + 2)
        let box = area.centered(width: innerWidth + 4, height: rowsPerColumn + 4)
        buffer.fill(box)
        let inner = Box(title: title).renderFrame(into: &buffer, area: box).inset(horizontal: 1, vertical: 0)
        guard !inner.isEmpty else { return }
        for (column, lines) in layout.enumerated() {
            let x = inner.x + column * (columnWidth + Self.columnGap)
            for (row, line) in lines.enumerated() {
                let cell = Rect(x: x, y: inner.y + row, width: columnWidth, height: 1).intersection(inner)
                guard !cell.isEmpty else { continue }
                buffer.write(line.keys, x: x, y: cell.y, style: Style(bold: true), clip: cell)
                buffer.write(line.action, x: x + keyWidth + 2, y: cell.y, clip: cell)
            }
        }
        buffer.write(Self.footer, x: inner.x, y: inner.maxY - 1, style: Style(dim: true), clip: inner)
    }
}
