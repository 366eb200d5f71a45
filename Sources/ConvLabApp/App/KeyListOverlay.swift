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
/// columns side by side; actions that still do not fit the width end in "…".
struct KeyListOverlay: Widget {
    var title: String
    var screenBindings: [KeyBinding]
    var appBindings: [KeyBinding]

    static let footer = "Press any key to close."
    static let columnGap = 3

    /// Screen keys, a blank separator (nil), then app keys.
    private var rows: [KeyBinding?] {
        screenBindings.isEmpty ? appBindings : screenBindings + [nil] + appBindings
    }

    func render(into buffer: inout Buffer, area: Rect) {
        let rows = self.rows
        // Border (2) + blank line and footer (2) around the key rows.
        let rowsPerColumn = max(min(rows.count, area.height - 4), 1)
        let columnCount = (rows.count + rowsPerColumn - 1) / rowsPerColumn
        let keyWidth = rows.compactMap { $0?.keys.count }.max() ?? 0
        let actionWidth = rows.compactMap { $0?.action.count }.max() ?? 0
        let columnWidth = keyWidth + 2 + actionWidth
        let innerWidth = max(columnCount * columnWidth + (columnCount - 1) * Self.columnGap, Self.footer.count, title.count + 2)
        let box = area.centered(width: innerWidth + 4, height: rowsPerColumn + 4)
        buffer.fill(box)
        let inner = Box(title: title).renderFrame(into: &buffer, area: box).inset(horizontal: 1, vertical: 0)
        guard !inner.isEmpty else { return }
        let fittedColumnWidth = min(columnWidth, inner.width)
        for (index, binding) in rows.enumerated() {
            guard let binding else { continue }
            let column = index / rowsPerColumn, row = index % rowsPerColumn
            let x = inner.x + column * (columnWidth + Self.columnGap)
            let cell = Rect(x: x, y: inner.y + row, width: fittedColumnWidth, height: 1).intersection(inner)
            guard !cell.isEmpty else { continue }
            let keyEnd = buffer.write(binding.keys.padded(to: keyWidth + 2), x: x, y: cell.y, style: Style(bold: true), clip: cell)
            buffer.write(NumberFormatting.truncated(binding.action, width: cell.maxX - keyEnd), x: keyEnd, y: cell.y, clip: cell)
        }
        buffer.write(Self.footer, x: inner.x, y: inner.maxY - 1, style: Style(dim: true), clip: inner)
    }
}
