/// A row and column of a matrix, counted from 0 at the top left.
public struct GridIndex: Hashable, Sendable {
    public var row: Int
    public var column: Int

    public init(row: Int, column: Int) {
        self.row = row
        self.column = column
    }

    /// Every index in a rectangular block: the cells a kernel window covers.
    public static func block(rows: Range<Int>, columns: Range<Int>) -> Set<GridIndex> {
        Set(rows.flatMap { row in columns.map { GridIndex(row: row, column: $0) } })
    }
}
