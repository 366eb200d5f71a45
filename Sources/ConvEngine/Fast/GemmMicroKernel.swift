// The innermost loop of the GEMM: a 6×32 block of C held in twelve SIMD16<Float> accumulators
// while the depth index runs over one packed panel of A (6 rows) and one of B (32 columns).
//
// Written as `accumulator += a * b` on SIMD types: with default compiler flags (no target CPU)
// that becomes a vector multiply and a vector add. `addProduct` would ask for a fused
// multiply-add, which without a target CPU that has FMA is a library call per lane, about
// forty times slower. Keeping multiply and add separate also means every element of C sees the
// same rounded operations whichever code path (full tile, edge tile, split depth) computed it.

/// The register-blocked kernel and the update rule that writes its accumulators into C.
enum GemmMicroKernel {
    /// Rows of C per micro-tile (MR).
    static let rows = 6
    /// Columns of C per micro-tile (NR): two SIMD16 vectors.
    static let columns = 32

    /// Computes acc = Σ_p A[r, p]·B[p, j] over one packed depth block and writes it into the
    /// micro-tile of C at `c`:
    ///
    ///     C[r, j] = α·acc[r, j]                (when `overwrite`, C is not read)
    ///     C[r, j] = β·C[r, j] + α·acc[r, j]    (otherwise)
    ///
    /// - Parameters:
    ///   - depth: length of the packed panels (kc).
    ///   - a: packed A panel, depth × 6, element (r, p) at `a[p·6 + r]`.
    ///   - b: packed B panel, depth × 32, element (p, j) at `b[p·32 + j]`.
    ///   - c: top-left element of the micro-tile in C (row stride `cRowStride`).
    ///   - validRows, validColumns: how much of the 6×32 tile lies inside C; the packed panels
    ///     are zero beyond it, and only the valid part is written.
    @inline(__always)
    static func run(
        depth: Int,
        a: UnsafePointer<Float>, b: UnsafePointer<Float>,
        c: UnsafeMutablePointer<Float>, cRowStride: Int,
        validRows: Int, validColumns: Int,
        alpha: Float, beta: Float, overwrite: Bool
    ) {
        var c00 = SIMD16<Float>(), c01 = SIMD16<Float>()
        var c10 = SIMD16<Float>(), c11 = SIMD16<Float>()
        var c20 = SIMD16<Float>(), c21 = SIMD16<Float>()
        var c30 = SIMD16<Float>(), c31 = SIMD16<Float>()
        var c40 = SIMD16<Float>(), c41 = SIMD16<Float>()
        var c50 = SIMD16<Float>(), c51 = SIMD16<Float>()
        var aPointer = a
        var bPointer = UnsafeRawPointer(b)
        for _ in 0..<depth {
            let b0 = bPointer.loadUnaligned(as: SIMD16<Float>.self)
            let b1 = bPointer.loadUnaligned(fromByteOffset: 64, as: SIMD16<Float>.self)
            var broadcast = SIMD16<Float>(repeating: aPointer[0])
            c00 += broadcast * b0
            c01 += broadcast * b1
            broadcast = SIMD16<Float>(repeating: aPointer[1])
            c10 += broadcast * b0
            c11 += broadcast * b1
            broadcast = SIMD16<Float>(repeating: aPointer[2])
            c20 += broadcast * b0
            c21 += broadcast * b1
            broadcast = SIMD16<Float>(repeating: aPointer[3])
            c30 += broadcast * b0
            c31 += broadcast * b1
            broadcast = SIMD16<Float>(repeating: aPointer[4])
            c40 += broadcast * b0
            c41 += broadcast * b1
            broadcast = SIMD16<Float>(repeating: aPointer[5])
            c50 += broadcast * b0
            c51 += broadcast * b1
            aPointer += 6
            bPointer += 128
        }

        if validRows == rows && validColumns == columns {
            updateRow(c, c00, c01, alpha: alpha, beta: beta, overwrite: overwrite)
            updateRow(c + cRowStride, c10, c11, alpha: alpha, beta: beta, overwrite: overwrite)
            updateRow(c + 2 * cRowStride, c20, c21, alpha: alpha, beta: beta, overwrite: overwrite)
            updateRow(c + 3 * cRowStride, c30, c31, alpha: alpha, beta: beta, overwrite: overwrite)
            updateRow(c + 4 * cRowStride, c40, c41, alpha: alpha, beta: beta, overwrite: overwrite)
            updateRow(c + 5 * cRowStride, c50, c51, alpha: alpha, beta: beta, overwrite: overwrite)
            return
        }
        // Edge tile: park the accumulators, then update only the valid part, element by
        // element with the same two roundings as the vector path.
        withUnsafeTemporaryAllocation(of: SIMD16<Float>.self, capacity: 12) { tile in
            tile[0] = c00; tile[1] = c01; tile[2] = c10; tile[3] = c11
            tile[4] = c20; tile[5] = c21; tile[6] = c30; tile[7] = c31
            tile[8] = c40; tile[9] = c41; tile[10] = c50; tile[11] = c51
            let accumulators = UnsafeRawPointer(tile.baseAddress!).assumingMemoryBound(to: Float.self)
            for row in 0..<validRows {
                let source = accumulators + row * columns
                let destination = c + row * cRowStride
                for column in 0..<validColumns {
                    destination[column] = GemmMicroKernel.update(
                        destination[column], accumulator: source[column],
                        alpha: alpha, beta: beta, overwrite: overwrite)
                }
            }
        }
    }

    /// The scalar form of the update rule; the vector path computes exactly this per lane.
    @inline(__always)
    static func update(_ old: Float, accumulator: Float, alpha: Float, beta: Float, overwrite: Bool) -> Float {
        overwrite ? alpha * accumulator : beta * old + alpha * accumulator
    }

    @inline(__always)
    private static func updateRow(
        _ destination: UnsafeMutablePointer<Float>, _ low: SIMD16<Float>, _ high: SIMD16<Float>,
        alpha: Float, beta: Float, overwrite: Bool
    ) {
        let raw = UnsafeMutableRawPointer(destination)
        var newLow = low * alpha
        var newHigh = high * alpha
        if !overwrite {
            newLow = raw.loadUnaligned(as: SIMD16<Float>.self) * beta + newLow
            newHigh = raw.loadUnaligned(fromByteOffset: 64, as: SIMD16<Float>.self) * beta + newHigh
        }
        raw.storeBytes(of: newLow, as: SIMD16<Float>.self)
        raw.storeBytes(of: newHigh, toByteOffset: 64, as: SIMD16<Float>.self)
    }
}
