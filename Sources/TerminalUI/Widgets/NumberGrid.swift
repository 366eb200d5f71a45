/// A matrix of numbers in fixed-width columns, as the convolution stepper shows an input, a
/// kernel or an output.
///
/// ```
///        0     1     2      ← column labels (optional)
/// r0  0.00  1.50 -2.25      ← row labels (optional), then one field per value
/// ```
/// Every value is right-aligned in `cellWidth` columns with `decimals` digits (see
/// `NumberFormatting.fixed(_:decimals:width:)`: decimals are dropped before a number is cut,
/// and `#` fills a field too narrow for the integer part). Fields are `columnSpacing` apart.
///
/// Styles stack, each layered with `Style.patched(with:)` over the one before:
/// `style` → `paddingStyle` (cells in `paddingCells`) → `highlightStyle` (cells in
/// `highlightedCells`, e.g. the current window) → `styleOverrides[index]`. So a padding cell
/// under the window is both dim and reversed. Padding cells show `paddingSymbol`, right-aligned,
/// when one is set, and their value otherwise.
public struct NumberGrid: Widget {
    /// Rows of values; rows may have different lengths (missing cells are left blank).
    public var values: [[Float]]
    public var decimals: Int
    /// Field width per value; `nil` fits the widest formatted value.
    public var cellWidth: Int?
    public var columnSpacing: Int
    public var style: Style
    public var highlightedCells: Set<GridIndex>
    public var highlightStyle: Style
    public var paddingCells: Set<GridIndex>
    public var paddingStyle: Style
    public var paddingSymbol: Character?
    public var styleOverrides: [GridIndex: Style]
    public var rowLabels: [String]?
    public var columnLabels: [String]?
    public var labelStyle: Style
    /// Rows and columns hidden at the top and left, for matrices larger than the area.
    public var rowOffset: Int
    public var columnOffset: Int

    public init(
        values: [[Float]], decimals: Int = 2, cellWidth: Int? = nil, columnSpacing: Int = 1,
        style: Style = .plain,
        highlightedCells: Set<GridIndex> = [], highlightStyle: Style = Style(reverse: true),
        paddingCells: Set<GridIndex> = [], paddingStyle: Style = Style(dim: true), paddingSymbol: Character? = nil,
        styleOverrides: [GridIndex: Style] = [:],
        rowLabels: [String]? = nil, columnLabels: [String]? = nil, labelStyle: Style = Style(dim: true),
        rowOffset: Int = 0, columnOffset: Int = 0
    ) {
        self.values = values
        self.decimals = decimals
        self.cellWidth = cellWidth
        self.columnSpacing = columnSpacing
        self.style = style
        self.highlightedCells = highlightedCells
        self.highlightStyle = highlightStyle
        self.paddingCells = paddingCells
        self.paddingStyle = paddingStyle
        self.paddingSymbol = paddingSymbol
        self.styleOverrides = styleOverrides
        self.rowLabels = rowLabels
        self.columnLabels = columnLabels
        self.labelStyle = labelStyle
        self.rowOffset = rowOffset
        self.columnOffset = columnOffset
    }

    /// The field width actually used: `cellWidth`, or the widest formatted value and column label.
    public var resolvedCellWidth: Int {
        if let cellWidth { return max(cellWidth, 1) }
        let widest = values.joined().map { NumberFormatting.fixed(Double($0), decimals: decimals).count }.max() ?? 1
        let widestLabel = columnLabels?.map(\.count).max() ?? 0
        return max(widest, widestLabel, 1)
    }

    /// Width of the row-label column including its trailing space (0 without labels).
    private var rowLabelWidth: Int {
        guard let rowLabels, let widest = rowLabels.map(\.count).max(), widest > 0 else { return 0 }
        return widest + 1
    }

    /// The size that shows every value: width × height in cells.
    public var preferredSize: (width: Int, height: Int) {
        let columns = values.map(\.count).max() ?? 0
        let fields = columns == 0 ? 0 : columns * resolvedCellWidth + (columns - 1) * columnSpacing
        return (rowLabelWidth + fields, values.count + (columnLabels == nil ? 0 : 1))
    }

    /// The style of the value at `index`, after stacking (see the type's comment).
    public func cellStyle(at index: GridIndex) -> Style {
        var result = style
        if paddingCells.contains(index) { result = result.patched(with: paddingStyle) }
        if highlightedCells.contains(index) { result = result.patched(with: highlightStyle) }
        if let override = styleOverrides[index] { result = result.patched(with: override) }
        return result
    }

    public func render(into buffer: inout Buffer, area: Rect) {
        guard !area.isEmpty else { return }
        let width = resolvedCellWidth
        let stride = width + max(columnSpacing, 0)
        let firstRow = max(rowOffset, 0), firstColumn = max(columnOffset, 0)
        var top = area.y
        let left = area.x + rowLabelWidth

        if let columnLabels {
            for (position, label) in columnLabels.dropFirst(firstColumn).enumerated() {
                let text = NumberFormatting.aligned(label, width: width, alignment: .right)
                buffer.write(text, x: left + position * stride, y: top, style: labelStyle, clip: area)
            }
            top += 1
        }
        for (position, row) in values.enumerated().dropFirst(firstRow) {
            let y = top + position - firstRow
            guard y < area.maxY else { break }
            if let rowLabels, position < rowLabels.count {
                buffer.write(NumberFormatting.truncated(rowLabels[position], width: rowLabelWidth - 1),
                             x: area.x, y: y, style: labelStyle, clip: area)
            }
            for (column, value) in row.enumerated().dropFirst(firstColumn) {
                let x = left + (column - firstColumn) * stride
                guard x < area.maxX else { break }
                let index = GridIndex(row: position, column: column)
                let text: String
                if paddingCells.contains(index), let paddingSymbol {
                    text = String(repeating: " ", count: width - 1) + String(paddingSymbol)
                } else {
                    text = NumberFormatting.fixed(Double(value), decimals: decimals, width: width)
                }
                buffer.write(text, x: x, y: y, style: cellStyle(at: index), clip: area)
            }
        }
    }
}
