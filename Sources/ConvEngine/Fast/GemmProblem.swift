// One GEMM call cut into work: tiles of C (mc × nc) and blocks of the depth (kc), and the two
// ways of spreading them over threads. See Gemm.swift for the arithmetic contract.

/// The operands, sizes and blocking of one `Gemm.multiply` call.
struct GemmProblem: @unchecked Sendable {
    let rowCount: Int
    let columnCount: Int
    let innerCount: Int
    let alpha: Float
    let beta: Float
    let a: GemmOperand
    let b: GemmOperand
    let blocking: GemmBlocking
    /// The micro-kernel build every tile of this call uses, so one call never mixes roundings.
    let build: GemmMicroKernel.Build

    var rowTileCount: Int { (rowCount + blocking.rowBlock - 1) / blocking.rowBlock }
    var columnTileCount: Int { (columnCount + blocking.columnBlock - 1) / blocking.columnBlock }
    var tileCount: Int { rowTileCount * columnTileCount }
    var depthBlockCount: Int { (innerCount + blocking.depthBlock - 1) / blocking.depthBlock }

    /// Packed-A floats per worker: mc rows (rounded to panels) × kc.
    private var packedASize: Int { blocking.rowBlock * blocking.depthBlock }
    /// Packed-B floats per worker: nc columns × kc.
    private var packedBSize: Int { blocking.columnBlock * blocking.depthBlock }

    /// Rows and columns of C covered by tile `tile` (row tiles vary slowest).
    private func tileRange(_ tile: Int) -> (rows: Range<Int>, columns: Range<Int>) {
        let rowStart = (tile / columnTileCount) * blocking.rowBlock
        let columnStart = (tile % columnTileCount) * blocking.columnBlock
        return (rowStart..<min(rowCount, rowStart + blocking.rowBlock),
                columnStart..<min(columnCount, columnStart + blocking.columnBlock))
    }

    /// Every tile of C computed over the whole depth by one worker.
    func runTiled(into output: GemmOutput, threadCount: Int) {
        let workers = FastThreading.workerCount(taskCount: tileCount, threadCount: threadCount)
        withPackingScratch(workerCount: workers) { scratch in
            FastThreading.forEachTask(tileCount, threadCount: threadCount) { worker, tile in
                let (rows, columns) = tileRange(tile)
                computeTile(
                    rows: rows, columns: columns, depthBlocks: 0..<depthBlockCount,
                    alpha: alpha, beta: beta, into: output,
                    packedA: scratch.packedA(worker), packedB: scratch.packedB(worker))
            }
        }
    }

    /// For a C too small to keep every thread busy: partial_b = Σ over depth block b (α = 1,
    /// overwrite) for every (tile, block) in parallel, then C ← β·C + α·partial₀ and
    /// C ← 1·C + α·partial_b in block order, exactly the roundings of `runTiled`.
    func runSplitDepth(into output: GemmOutput, threadCount: Int) {
        let blockCount = depthBlockCount
        let planeSize = rowCount * columnCount
        let partialsLease = ScratchPool.borrow(count: planeSize * blockCount)
        defer { ScratchPool.giveBack(partialsLease) }
        let partials = partialsLease.base
        let taskCount = tileCount * blockCount
        let workers = FastThreading.workerCount(taskCount: taskCount, threadCount: threadCount)
        let shared = GemmOutput(base: partials, rowStride: columnCount)
        withPackingScratch(workerCount: workers) { scratch in
            FastThreading.forEachTask(taskCount, threadCount: threadCount) { worker, task in
                let block = task % blockCount
                let (rows, columns) = tileRange(task / blockCount)
                let plane = GemmOutput(base: shared.base + block * planeSize, rowStride: columnCount)
                computeTile(
                    rows: rows, columns: columns, depthBlocks: block..<(block + 1),
                    alpha: 1, beta: 0, into: plane,
                    packedA: scratch.packedA(worker), packedB: scratch.packedB(worker))
            }
        }
        FastThreading.forEachTask(rowCount, threadCount: threadCount) { _, row in
            let destination = output.base + row * output.rowStride
            for block in 0..<blockCount {
                let source = shared.base + block * planeSize + row * columnCount
                let first = block == 0
                for column in 0..<columnCount {
                    destination[column] = GemmMicroKernel.update(
                        destination[column], accumulator: source[column], alpha: alpha,
                        beta: first ? beta : 1, overwrite: first && beta == 0)
                }
            }
        }
    }

    /// C[rows, columns] over depth blocks `depthBlocks`: the first block applies β (or
    /// overwrites when β = 0), later blocks add with β = 1.
    private func computeTile(
        rows: Range<Int>, columns: Range<Int>, depthBlocks: Range<Int>,
        alpha: Float, beta: Float, into output: GemmOutput,
        packedA: UnsafeMutablePointer<Float>, packedB: UnsafeMutablePointer<Float>
    ) {
        let panelRows = build.rows
        let panelColumns = build.columns
        for block in depthBlocks {
            let depthStart = block * blocking.depthBlock
            let depthCount = min(blocking.depthBlock, innerCount - depthStart)
            let first = block == depthBlocks.lowerBound
            GemmPacking.packB(b, depthStart: depthStart, depthCount: depthCount,
                              columnStart: columns.lowerBound, columnCount: columns.count,
                              panelColumns: panelColumns, into: packedB)
            GemmPacking.packA(a, rowStart: rows.lowerBound, rowCount: rows.count,
                              depthStart: depthStart, depthCount: depthCount, panelRows: panelRows, into: packedA)
            // Column panels outside, row panels inside: one kc×NR panel of B stays hot in L1
            // while the packed A block streams past it from L2.
            for panelColumn in stride(from: 0, to: columns.count, by: panelColumns) {
                let bPanel = UnsafePointer(packedB + panelColumn * depthCount)
                for panelRow in stride(from: 0, to: rows.count, by: panelRows) {
                    GemmMicroKernel.run(
                        depth: depthCount,
                        a: UnsafePointer(packedA + panelRow * depthCount), b: bPanel,
                        c: output.base + (rows.lowerBound + panelRow) * output.rowStride
                            + columns.lowerBound + panelColumn,
                        cRowStride: output.rowStride,
                        validRows: min(panelRows, rows.count - panelRow),
                        validColumns: min(panelColumns, columns.count - panelColumn),
                        alpha: alpha, beta: first ? beta : 1, overwrite: first && beta == 0,
                        build: build)
                }
            }
        }
    }

    /// Packing buffers for `workerCount` workers, borrowed from the scratch pool (64-byte aligned).
    private func withPackingScratch(workerCount: Int, _ body: (PackingScratch) -> Void) {
        let perWorker = packedASize + packedBSize
        let lease = ScratchPool.borrow(count: perWorker * workerCount)
        defer { ScratchPool.giveBack(lease) }
        let base = lease.base
        body(PackingScratch(base: base, packedASize: packedASize, perWorker: perWorker))
    }
}

/// Per-worker packing buffers carved from one allocation.
private struct PackingScratch: @unchecked Sendable {
    let base: UnsafeMutablePointer<Float>
    let packedASize: Int
    let perWorker: Int

    func packedA(_ worker: Int) -> UnsafeMutablePointer<Float> { base + worker * perWorker }
    func packedB(_ worker: Int) -> UnsafeMutablePointer<Float> { base + worker * perWorker + packedASize }
}
