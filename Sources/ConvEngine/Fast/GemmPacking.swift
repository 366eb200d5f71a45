// Packing copies a block of op(A) or op(B) into the order the micro-kernel reads it, so the
// kernel walks memory strictly forward whatever the operands' layout or transposition.
// Rows or columns past the edge of the matrix are filled with zeros; the kernel computes them
// and the update simply does not write them back.

/// A row-major matrix operand as the caller stored it, read through an optional transpose:
/// element (row, column) of op(M) is `base[row·rowStride + column]`, or
/// `base[column·rowStride + row]` when `transposed`.
struct GemmOperand: @unchecked Sendable {
    let base: UnsafePointer<Float>
    let rowStride: Int
    let transposed: Bool
}

enum GemmPacking {
    /// Packs rows `rowStart..<rowStart + rowCount` and depth `depthStart..<depthStart + depthCount`
    /// of op(A) into panels of `panelRows` rows (the kernel's MR): panel q holds element
    /// (q·MR + r, p) at `destination[(q·depthCount + p)·MR + r]`.
    static func packA(
        _ a: GemmOperand, rowStart: Int, rowCount: Int, depthStart: Int, depthCount: Int,
        panelRows: Int, into destination: UnsafeMutablePointer<Float>
    ) {
        var panel = destination
        for panelStart in stride(from: 0, to: rowCount, by: panelRows) {
            let rows = min(panelRows, rowCount - panelStart)
            let firstRow = rowStart + panelStart
            if a.transposed {
                // Stored depth × rows: the MR values of one depth step are adjacent.
                for p in 0..<depthCount {
                    let source = a.base + (depthStart + p) * a.rowStride + firstRow
                    let target = panel + p * panelRows
                    for r in 0..<rows { target[r] = source[r] }
                    for r in rows..<panelRows { target[r] = 0 }
                }
            } else {
                // Stored rows × depth: read each row forward, write with stride MR.
                for r in 0..<rows {
                    let source = a.base + (firstRow + r) * a.rowStride + depthStart
                    for p in 0..<depthCount { panel[p * panelRows + r] = source[p] }
                }
                for r in rows..<panelRows {
                    for p in 0..<depthCount { panel[p * panelRows + r] = 0 }
                }
            }
            panel += depthCount * panelRows
        }
    }

    /// Packs depth `depthStart..<depthStart + depthCount` and columns
    /// `columnStart..<columnStart + columnCount` of op(B) into panels of `panelColumns`
    /// columns (the kernel's NR): panel q holds element (p, q·NR + j) at
    /// `destination[(q·depthCount + p)·NR + j]`.
    static func packB(
        _ b: GemmOperand, depthStart: Int, depthCount: Int, columnStart: Int, columnCount: Int,
        panelColumns: Int, into destination: UnsafeMutablePointer<Float>
    ) {
        var panel = destination
        for panelStart in stride(from: 0, to: columnCount, by: panelColumns) {
            let columns = min(panelColumns, columnCount - panelStart)
            let firstColumn = columnStart + panelStart
            if b.transposed {
                // Stored columns × depth: read each stored row forward, write with stride NR.
                for j in 0..<columns {
                    let source = b.base + (firstColumn + j) * b.rowStride + depthStart
                    for p in 0..<depthCount { panel[p * panelColumns + j] = source[p] }
                }
                for j in columns..<panelColumns {
                    for p in 0..<depthCount { panel[p * panelColumns + j] = 0 }
                }
            } else {
                // Stored depth × columns: each depth step is a contiguous run.
                for p in 0..<depthCount {
                    let source = b.base + (depthStart + p) * b.rowStride + firstColumn
                    let target = panel + p * panelColumns
                    if columns == panelColumns {
                        target.update(from: source, count: panelColumns)
                    } else {
                        for j in 0..<columns { target[j] = source[j] }
                        for j in columns..<panelColumns { target[j] = 0 }
                    }
                }
            }
            panel += depthCount * panelColumns
        }
    }
}
