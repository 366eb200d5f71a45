// What rounding down leaves unread. The windows of a geometry end at padded position
// (⌊span/S⌋·S + D·(F − 1) + 1) − 1, so the last r = span mod S positions of the padded input
// (W + 2P wide) are never read; the last P of those are padding, any before them are input.
// ResNet's stem (224, 7×7, stride 2, pad 3) has r = 1 ≤ P: it drops one padding row and no
// input; 8 wide with a 3-wide kernel at stride 2 and no padding has r = 1 and drops input 7.

extension AxisGeometry {
    /// (W + 2P − D·(F − 1) − 1) mod S: how many positions at the end of the padded input no
    /// whole window reads; 0 when the windows tile, and for any geometry `validated` refuses
    /// for its numbers (beyond `Limits.side`, below a minimum, kernel wider than the input).
    public var remainder: Int {
        guard isWithinLimits, inputSize >= 1, kernelSize >= 1, stride >= 1, dilation >= 1, span >= 0 else { return 0 }
        return span % stride
    }

    /// The input positions (in 0..<W) after the last whole window, which rounding down drops:
    /// the last r − P of them when the remainder r passes the padding; empty otherwise.
    public var droppedInputs: Range<Int> {
        let count = max(0, remainder - padding)
        return (inputSize - count)..<inputSize
    }

    /// How many positions of the trailing padding (bottom or right) no window reads: min(r, P).
    public var droppedPadding: Int { min(remainder, padding) }
}

/// What a `floor` layer leaves out, per axis: input rows and columns past the last whole
/// window, and trailing padding rows and columns no window reads. Carried by
/// `convlab arch --json` and drawn as a note under the layer in its table.
public struct DroppedPositions: Codable, Equatable, Hashable, Sendable {
    /// Input rows (0-based, top first) no window reads.
    public var rows: [Int]
    /// Input columns (0-based, left first) no window reads.
    public var columns: [Int]
    /// Bottom padding rows no window reads.
    public var paddingRows: Int
    /// Right padding columns no window reads.
    public var paddingColumns: Int

    public init(rows: [Int], columns: [Int], paddingRows: Int, paddingColumns: Int) {
        self.rows = rows
        self.columns = columns
        self.paddingRows = paddingRows
        self.paddingColumns = paddingColumns
    }

    /// What `geometry` drops when rounding down (whatever its own convention).
    public init(_ geometry: ConvGeometry) {
        self.init(
            rows: Array(geometry.height.droppedInputs), columns: Array(geometry.width.droppedInputs),
            paddingRows: geometry.height.droppedPadding, paddingColumns: geometry.width.droppedPadding)
    }

    /// Whether rounding down loses nothing at all (the windows tile on both axes).
    public var isEmpty: Bool { rows.isEmpty && columns.isEmpty && paddingRows == 0 && paddingColumns == 0 }

    /// One line for a layer table, e.g. `floor: drops input row 7 and input column 7`, or
    /// `floor: drops 1 padding row and 1 padding column, no input`; `floor: tiles, drops
    /// nothing` when nothing is lost.
    public var note: String {
        if isEmpty { return "floor: tiles, drops nothing" }
        var pieces: [String] = []
        if let span = Self.span(rows, singular: "row", plural: "rows") { pieces.append("input \(span)") }
        if paddingRows > 0 { pieces.append("\(paddingRows) padding \(paddingRows == 1 ? "row" : "rows")") }
        if let span = Self.span(columns, singular: "column", plural: "columns") { pieces.append("input \(span)") }
        if paddingColumns > 0 { pieces.append("\(paddingColumns) padding \(paddingColumns == 1 ? "column" : "columns")") }
        let listed = pieces.count > 1 ? pieces.dropLast().joined(separator: ", ") + " and " + pieces.last! : pieces[0]
        return "floor: drops \(listed)" + (rows.isEmpty && columns.isEmpty ? ", no input" : "")
    }

    /// `row 7`, `rows 6–7` (the dropped positions are always one run at the end); nil if none.
    private static func span(_ positions: [Int], singular: String, plural: String) -> String? {
        guard let first = positions.first, let last = positions.last else { return nil }
        return first == last ? "\(singular) \(first)" : "\(plural) \(first)–\(last)"
    }
}
