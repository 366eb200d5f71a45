/// Rows of text in aligned columns under a header, e.g. a network summary
/// (layer, output shape, parameters).
///
/// ```
/// layer   shape      params
/// ─────────────────────────
/// conv1   6×28×28       156
/// ```
/// Column widths are the given `Column.width`, or the widest of the header and cells. When the
/// columns do not fit the area, the widest column gives up one cell at a time (never below 1)
/// until they fit; text longer than its column ends in "…". `selectedRow` is drawn across the
/// whole width in `selectedStyle`; `rowOffset` scrolls the body, and the header stays.
public struct Table: Widget {
    public struct Column: Sendable {
        public var title: String
        public var alignment: Alignment
        /// Fixed width in cells; `nil` fits the content.
        public var width: Int?

        public init(_ title: String, alignment: Alignment = .left, width: Int? = nil) {
            self.title = title
            self.alignment = alignment
            self.width = width
        }
    }

    public var columns: [Column]
    public var rows: [[String]]
    public var columnSpacing: Int
    public var headerStyle: Style
    public var showsHeaderSeparator: Bool
    public var style: Style
    public var selectedRow: Int?
    public var selectedStyle: Style
    public var rowOffset: Int

    public init(
        columns: [Column], rows: [[String]], columnSpacing: Int = 2,
        headerStyle: Style = Style(bold: true), showsHeaderSeparator: Bool = true, style: Style = .plain,
        selectedRow: Int? = nil, selectedStyle: Style = Style(reverse: true), rowOffset: Int = 0
    ) {
        self.columns = columns
        self.rows = rows
        self.columnSpacing = columnSpacing
        self.headerStyle = headerStyle
        self.showsHeaderSeparator = showsHeaderSeparator
        self.style = style
        self.selectedRow = selectedRow
        self.selectedStyle = selectedStyle
        self.rowOffset = rowOffset
    }

    /// The width of each column after fitting into `availableWidth` (see the type's comment).
    public func columnWidths(availableWidth: Int) -> [Int] {
        var widths = columns.enumerated().map { index, column in
            column.width ?? max(column.title.count, rows.map { index < $0.count ? $0[index].count : 0 }.max() ?? 0)
        }
        let spacing = max(columnSpacing, 0) * max(columns.count - 1, 0)
        while widths.reduce(0, +) + spacing > availableWidth,
              let widest = widths.indices.max(by: { widths[$0] < widths[$1] }), widths[widest] > 1 {
            widths[widest] -= 1
        }
        return widths
    }

    public func render(into buffer: inout Buffer, area: Rect) {
        guard !area.isEmpty else { return }
        let widths = columnWidths(availableWidth: area.width)
        func drawRow(_ cells: [String], y: Int, style: Style) {
            var x = area.x
            for (index, column) in columns.enumerated() {
                let text = index < cells.count ? cells[index] : ""
                let field = NumberFormatting.aligned(text, width: widths[index], alignment: column.alignment)
                x = buffer.write(field, x: x, y: y, style: style, clip: area)
                if index < columns.count - 1 {
                    x = buffer.write(String(repeating: " ", count: max(columnSpacing, 0)), x: x, y: y, style: style, clip: area)
                }
            }
        }
        var y = area.y
        drawRow(columns.map(\.title), y: y, style: headerStyle)
        y += 1
        if showsHeaderSeparator, y < area.maxY {
            let total = widths.reduce(0, +) + max(columnSpacing, 0) * max(columns.count - 1, 0)
            buffer.write(String(repeating: "─", count: min(total, area.width)), x: area.x, y: y, style: style, clip: area)
            y += 1
        }
        for (index, row) in rows.enumerated().dropFirst(max(rowOffset, 0)) {
            guard y < area.maxY else { break }
            let isSelected = index == selectedRow
            if isSelected { buffer.fill(area.row(y - area.y), style: selectedStyle) }
            drawRow(row, y: y, style: isSelected ? style.patched(with: selectedStyle) : style)
            y += 1
        }
    }
}
