// Single-precision matrix multiply on row-major buffers, the workhorse of the fast conv path:
//
//     C = α·op(A)·op(B) + β·C,   op(A): M×K, op(B): K×N, C: M×N,
//
// where op(X) is X or Xᵀ. The structure is the classic packed GEMM (Goto / BLIS): the depth K
// is cut into blocks of kc; for each block a kc×nc slab of op(B) and an mc×kc block of op(A)
// are packed into micro-panels, and a register-blocked micro-kernel (GemmMicroKernel: 12×32
// with AVX-512, 6×16 with AVX2 + FMA or portable vectors) runs over them.
//
// Threads: C is cut into mc×nc tiles whose size depends only on the blocking, never on the
// thread count, and each tile is computed by one worker. When C has fewer tiles than there are
// threads but K spans several depth blocks (a conv weight gradient: tiny C, huge K), the depth
// blocks are computed in parallel into separate buffers and summed in block order afterwards.
// Either way every element of C goes through the same sequence of roundings:
//
//     C ← β·C + α·acc₀ (or α·acc₀ when β = 0),   C ← 1·C + α·acc_b for b = 1, 2, …
//
// with acc_b the sum over depth block b in index order. Results are therefore bit-identical
// for every thread count (and equal to the single-threaded result) with a given build of the
// micro-kernel. The AVX2 and AVX-512 builds both fuse each multiply-add, in the same depth
// order, so they agree bit for bit; the portable build rounds products apart, so its bits differ.

/// Block sizes of the packed GEMM. Tests shrink them to reach the multi-block and split-depth
/// paths with small matrices.
package struct GemmBlocking: Hashable, Sendable {
    /// kc: depth per packed block. An MR×kc panel of A and a kc×NR panel of B stay in L1.
    package var depthBlock: Int
    /// mc: rows of C per tile, a multiple of 12 (every kernel's MR divides it).
    package var rowBlock: Int
    /// nc: columns of C per tile, a multiple of 32 (every kernel's NR divides it).
    package var columnBlock: Int

    package init(depthBlock: Int, rowBlock: Int, columnBlock: Int) {
        precondition(depthBlock > 0, "depth block must be positive, got \(depthBlock)")
        precondition(rowBlock > 0 && rowBlock % GemmMicroKernel.rowMultiple == 0,
                     "row block must be a positive multiple of \(GemmMicroKernel.rowMultiple), got \(rowBlock)")
        precondition(columnBlock > 0 && columnBlock % GemmMicroKernel.columnMultiple == 0,
                     "column block must be a positive multiple of \(GemmMicroKernel.columnMultiple), got \(columnBlock)")
        self.depthBlock = depthBlock
        self.rowBlock = rowBlock
        self.columnBlock = columnBlock
    }

    /// kc = 192, mc = 192, nc = 512, for a 48 KiB L1d and a 4 MiB L2 per core: a kc×32 panel
    /// of B (24 KiB) and a 12×kc panel of A (9 KiB) stay in L1 together, the packed A block
    /// (144 KiB) and B slab (384 KiB) in L2. Against kc = 256, mc = 96 (a 32 KiB B panel that
    /// crowds L1 with the 12×32 tile), a 512³ product on one thread went from 122 to 130–132
    /// GFLOP/s (best of five, loaded machine); two threads and the training workloads level.
    package static let standard = GemmBlocking(depthBlock: 192, rowBlock: 192, columnBlock: 512)
}

/// C = α·op(A)·op(B) + β·C for `Float` matrices stored row-major behind pointers.
public enum Gemm {
    /// Largest number of partial-product elements (M·N·depth blocks) the split-depth path may
    /// buffer; beyond it the tiled path runs instead.
    static let splitDepthElementLimit = 1 << 22

    /// Computes C = α·op(A)·op(B) + β·C.
    ///
    /// - Parameters:
    ///   - rowCount: M, rows of op(A) and of C.
    ///   - columnCount: N, columns of op(B) and of C.
    ///   - innerCount: K, columns of op(A) and rows of op(B).
    ///   - a: A stored row-major: M×K with row stride `aRowStride` ≥ K, or, when `transposeA`,
    ///     K×M with row stride ≥ M (so op(A) = Aᵀ is M×K).
    ///   - b: B stored row-major: K×N with row stride `bRowStride` ≥ N, or, when `transposeB`,
    ///     N×K with row stride ≥ K.
    ///   - beta: when 0, C is only written, never read (so it may hold garbage).
    ///   - c: C, M×N with row stride `cRowStride` ≥ N; must not overlap A or B.
    ///   - threadCount: threads to use; the result does not depend on it.
    public static func multiply(
        rowCount: Int, columnCount: Int, innerCount: Int,
        alpha: Float = 1,
        a: UnsafePointer<Float>, aRowStride: Int, transposeA: Bool = false,
        b: UnsafePointer<Float>, bRowStride: Int, transposeB: Bool = false,
        beta: Float = 0,
        c: UnsafeMutablePointer<Float>, cRowStride: Int,
        threadCount: Int = FastThreading.threadCount
    ) {
        multiply(
            rowCount: rowCount, columnCount: columnCount, innerCount: innerCount, alpha: alpha,
            a: a, aRowStride: aRowStride, transposeA: transposeA,
            b: b, bRowStride: bRowStride, transposeB: transposeB,
            beta: beta, c: c, cRowStride: cRowStride, threadCount: threadCount, blocking: .standard,
            build: GemmMicroKernel.build(rows: rowCount, columns: columnCount, depth: innerCount))
    }

    /// `multiply` with explicit block sizes (tests use small ones) and micro-kernel build.
    package static func multiply(
        rowCount m: Int, columnCount n: Int, innerCount k: Int,
        alpha: Float = 1,
        a: UnsafePointer<Float>, aRowStride: Int, transposeA: Bool = false,
        b: UnsafePointer<Float>, bRowStride: Int, transposeB: Bool = false,
        beta: Float = 0,
        c: UnsafeMutablePointer<Float>, cRowStride: Int,
        threadCount: Int, blocking: GemmBlocking, build: GemmMicroKernel.Build = GemmMicroKernel.build
    ) {
        precondition(m >= 0 && n >= 0 && k >= 0, "GEMM sizes must be non-negative, got M \(m), N \(n), K \(k)")
        precondition(aRowStride >= max(1, transposeA ? m : k), "A row stride \(aRowStride) too small for \(transposeA ? "K×M" : "M×K") A with M \(m), K \(k)")
        precondition(bRowStride >= max(1, transposeB ? k : n), "B row stride \(bRowStride) too small for \(transposeB ? "N×K" : "K×N") B with K \(k), N \(n)")
        precondition(cRowStride >= max(1, n), "C row stride \(cRowStride) too small for N \(n)")
        guard m > 0, n > 0 else { return }
        let output = GemmOutput(base: c, rowStride: cRowStride)
        guard k > 0 else {
            // An empty sum: C = β·C.
            for row in 0..<m {
                for column in 0..<n {
                    output.base[row * cRowStride + column] = beta == 0 ? 0 : beta * output.base[row * cRowStride + column]
                }
            }
            return
        }
        let problem = GemmProblem(
            rowCount: m, columnCount: n, innerCount: k, alpha: alpha, beta: beta,
            a: GemmOperand(base: a, rowStride: aRowStride, transposed: transposeA),
            b: GemmOperand(base: b, rowStride: bRowStride, transposed: transposeB),
            blocking: blocking, build: build)
        let threads = max(1, threadCount)
        if threads > 1 && problem.tileCount < threads && problem.depthBlockCount > 1
            && m * n * problem.depthBlockCount <= splitDepthElementLimit {
            problem.runSplitDepth(into: output, threadCount: threads)
        } else {
            problem.runTiled(into: output, threadCount: threads)
        }
    }
}

/// C's base and row stride, shareable with workers that each write their own tile.
struct GemmOutput: @unchecked Sendable {
    let base: UnsafeMutablePointer<Float>
    let rowStride: Int
}
