// Layout: NCHW input and output, OIHW weight.
//
// A stride-1 convolution with many input channels as a GEMM whose B operand is read straight
// from the input: no column matrix, no B packing. Each image is copied once into zero-padded
// planes of width Wp = W + 2·PW and height Hp = H + 2·PH. Number the output positions in the
// padded width, q = oh·Wp + x; then for x < OW
//
//     out[k, oh, x] = Σ over c, i, j of  weight[k, c, i, j] · padded[c, q + i·DH·Wp + j·DW]
//
// and the positions OW ≤ x < Wp (D·(KW − 1) of every Wp: 2 of 58 for a 3×3 conv on 56×56)
// wrap into the next row: they are computed and dropped. Row p = (c·KH + i)·KW + j of B is
// therefore the padded input shifted by offset[p] = c·planeStride + i·DH·Wp + j·DW, and the
// micro-kernel reads NR consecutive floats of it in place (GemmMicroKernel.run with
// bRowOffsets). Only A, the K × C·KH·KW weight, is packed, once per call, and every task
// shares it.
//
// The copies this saves are the point: im2col writes C·KH·KW·OH·OW floats (9× the input for
// 3×3) which the GEMM then reads back and packs again, where here the input is copied once.
//
// Work: a chunk of q is computed for all K output channels over the whole depth into the
// worker's tile, depth block by depth block in order, then the bias is added and the valid
// positions stored. Threads take whole images when there are enough, else (image, chunk)
// pairs; chunks and depth blocks depend only on the shapes, so every output element sees the
// same roundings for any thread count.

/// The shapes this path takes and its tuning, fixed by the shapes alone.
struct ShiftedRowConvPlan: Sendable {
    let layout: Im2ColLayout
    let outChannels: Int
    let build: GemmMicroKernel.Build
    /// Output positions (in padded-width numbering) per task, a multiple of every NR.
    let chunk: Int
    /// Input channels per depth block: the block's A (K × channels·KH·KW) stays in L1/L2
    /// while the B rows it touches (channels·KH rows of NR floats) stay in L1.
    let channelsPerBlock: Int

    /// Fewer input channels than this go to im2col or a small-channel kernel: with a short
    /// depth the tile update and the padding copy outweigh what the copy saved.
    static let minimumChannels = 16

    /// Whether the conv is one this path computes: stride 1 on both axes, enough channels.
    static func applies(to layout: Im2ColLayout) -> Bool {
        layout.geometry.height.stride == 1 && layout.geometry.width.stride == 1
            && layout.channels >= minimumChannels && layout.outputPlane > 0
    }

    /// The default chunk: as many positions as keep the worker's K × chunk tile near 64 Ki
    /// floats (256 KiB, well inside a 4 MiB L2), 256 to 1,024. Larger chunks measured a few
    /// percent faster on W3 (K = 64: 1,024 positions), and fewer tasks leave less at the ends.
    static func defaultChunk(outChannels: Int) -> Int {
        let multiple = GemmMicroKernel.columnMultiple
        return min(1024, max(256, (1 << 16) / max(1, outChannels) / multiple * multiple))
    }

    init(layout: Im2ColLayout, outChannels: Int, build: GemmMicroKernel.Build? = nil,
         chunk: Int? = nil, channelsPerBlock: Int = 16) {
        let chunk = chunk ?? Self.defaultChunk(outChannels: outChannels)
        precondition(chunk > 0 && chunk % GemmMicroKernel.columnMultiple == 0,
                     "chunk must be a positive multiple of \(GemmMicroKernel.columnMultiple), got \(chunk)")
        precondition(channelsPerBlock > 0, "channels per block must be positive, got \(channelsPerBlock)")
        self.layout = layout
        self.outChannels = outChannels
        self.build = build ?? GemmMicroKernel.build(
            rows: outChannels, columns: layout.outputPlane, depth: layout.rowCount)
        self.chunk = chunk
        self.channelsPerBlock = channelsPerBlock
    }

    /// Wp, Hp: the padded plane.
    var paddedWidth: Int { layout.width + 2 * layout.geometry.width.padding }
    var paddedHeight: Int { layout.height + 2 * layout.geometry.height.padding }
    /// Floats per padded channel plane: Hp·Wp plus slack, because the last panel of a chunk
    /// reads up to NR floats past the last output position, and the dropped positions of the
    /// last row reach up to Wp − OW floats past the plane.
    var planeStride: Int { paddedHeight * paddedWidth + paddedWidth + build.columns }
    /// Output positions per image in padded-width numbering, OH·Wp.
    var positionCount: Int { layout.outputHeight * paddedWidth }
    var chunkCount: Int { (positionCount + chunk - 1) / chunk }
    /// K rounded up to whole A panels.
    var paddedOutChannels: Int { (outChannels + build.rows - 1) / build.rows * build.rows }
    var depth: Int { layout.rowCount }
    var depthPerBlock: Int { channelsPerBlock * layout.kernelHeight * layout.kernelWidth }

    /// offset[p] for p = (c·KH + i)·KW + j: where row p of B starts in a padded image.
    func rowOffsets() -> [Int] {
        let geometry = layout.geometry
        var offsets = [Int]()
        offsets.reserveCapacity(depth)
        for channel in 0..<layout.channels {
            for i in 0..<layout.kernelHeight {
                for j in 0..<layout.kernelWidth {
                    offsets.append(channel * planeStride + i * geometry.height.dilation * paddedWidth
                                   + j * geometry.width.dilation)
                }
            }
        }
        return offsets
    }

    /// Copies image `image` of `input` (N×C×H×W) into `padded` (C planes of `planeStride`),
    /// zeros around and after each plane. Tasks are (image, channel) pairs.
    func pad(input: UnsafePointer<Float>, image: Int, channel: Int, into padded: UnsafeMutablePointer<Float>) {
        let (height, width) = (layout.height, layout.width)
        let (paddingTop, paddingLeft) = (layout.geometry.height.padding, layout.geometry.width.padding)
        let source = input + (image * layout.channels + channel) * layout.inputPlane
        let plane = padded + channel * planeStride
        plane.update(repeating: 0, count: paddingTop * paddedWidth + paddingLeft)
        for row in 0..<height {
            let target = plane + (paddingTop + row) * paddedWidth + paddingLeft
            target.update(from: source + row * width, count: width)
            // Right padding of this row and left padding of the next are adjacent.
            (target + width).update(repeating: 0, count: 2 * paddingLeft)
        }
        let written = (paddingTop + height) * paddedWidth + paddingLeft
        (plane + written).update(repeating: 0, count: planeStride - written)
    }

    /// One task: positions `chunkIndex·chunk ..< +chunk` of one padded image, all K channels,
    /// into `tile` (K × chunk, row stride `chunk`), then `tile` + bias into `output` (that
    /// image's K×OH×OW block).
    func computeChunk(
        _ chunkIndex: Int, padded: UnsafePointer<Float>, packedWeight: UnsafePointer<Float>,
        rowOffsets: UnsafePointer<Int>, bias: UnsafePointer<Float>,
        tile: UnsafeMutablePointer<Float>, output: UnsafeMutablePointer<Float>
    ) {
        let (panelRows, panelColumns) = (build.rows, build.columns)
        let firstPosition = chunkIndex * chunk
        let positions = min(chunk, positionCount - firstPosition)
        for depthStart in stride(from: 0, to: depth, by: depthPerBlock) {
            let depthCount = min(depthPerBlock, depth - depthStart)
            let first = depthStart == 0
            let blockWeight = packedWeight + paddedOutChannels * depthStart
            for panelColumn in stride(from: 0, to: positions, by: panelColumns) {
                let b = padded + firstPosition + panelColumn
                for panelRow in stride(from: 0, to: outChannels, by: panelRows) {
                    GemmMicroKernel.run(
                        depth: depthCount, a: blockWeight + panelRow * depthCount, b: b,
                        bRowOffsets: rowOffsets + depthStart,
                        c: tile + panelRow * chunk + panelColumn, cRowStride: chunk,
                        validRows: min(panelRows, outChannels - panelRow),
                        validColumns: min(panelColumns, positions - panelColumn),
                        alpha: 1, beta: first ? 0 : 1, overwrite: first, build: build)
                }
            }
        }
        // tile[k, q − firstPosition] + bias[k] → output[k, oh, x] for the positions x < OW.
        let (width, outputWidth) = (paddedWidth, layout.outputWidth)
        for channel in 0..<outChannels {
            let shift = bias[channel]
            let source = tile + channel * chunk
            let target = output + channel * layout.outputPlane
            var position = firstPosition
            while position < firstPosition + positions {
                let (row, column) = position.quotientAndRemainder(dividingBy: width)
                let rowEnd = min(firstPosition + positions, position - column + width)
                if column < outputWidth {
                    let count = min(outputWidth, rowEnd - position + column) - column
                    let from = source + (position - firstPosition)
                    let to = target + row * outputWidth + column
                    for index in 0..<count { to[index] = from[index] + shift }
                }
                position = rowEnd
            }
        }
    }
}

/// The forward convolution by shifted rows (see above) of `batch` images of `input` (N×C×H×W)
/// with `kernel` (K × C·KH·KW, already rotated if flipped) plus `bias` ([K]) into `output`
/// (N×K×OH×OW, every element written).
func shiftedRowConv2dForward(
    plan: ShiftedRowConvPlan, input: UnsafePointer<Float>, batch: Int,
    kernel: UnsafePointer<Float>, bias: UnsafePointer<Float>,
    output: UnsafeMutablePointer<Float>, threadCount: Int, imageBudget: Int = defaultColumnBudget
) {
    let layout = plan.layout
    let outChannels = plan.outChannels
    let depth = plan.depth
    // A: the weight packed once, depth block after depth block, MR-row panels within each.
    let weightLease = ScratchPool.borrow(count: plan.paddedOutChannels * depth)
    defer { ScratchPool.giveBack(weightLease) }
    let packedWeight = weightLease.base
    let weightOperand = GemmOperand(base: kernel, rowStride: depth, transposed: false)
    for depthStart in stride(from: 0, to: depth, by: plan.depthPerBlock) {
        GemmPacking.packA(
            weightOperand, rowStart: 0, rowCount: outChannels, depthStart: depthStart,
            depthCount: min(plan.depthPerBlock, depth - depthStart), panelRows: plan.build.rows,
            into: packedWeight + plan.paddedOutChannels * depthStart)
    }
    let offsets = plan.rowOffsets()
    let perImage = layout.channels * plan.planeStride
    let threads = max(1, threadCount)
    offsets.withUnsafeBufferPointer { offsetBuffer in
        let rowOffsets = UncheckedSendableBox(offsetBuffer.baseAddress!)
        if batch >= threads {
            // At least an image per thread: a task is a whole image, padded into the worker's own
            // buffer and consumed from that core's L2 right away (measured: padding the batch
            // first and reading it back from memory cost about 6% of W3). Who computes an image
            // changes no operation on it, so the bits are those of the chunked split below.
            let workers = FastThreading.workerCount(taskCount: batch, threadCount: threads)
            let paddedLease = ScratchPool.borrow(count: workers * perImage)
            let tileLease = ScratchPool.borrow(count: workers * outChannels * plan.chunk)
            defer { ScratchPool.giveBack(paddedLease); ScratchPool.giveBack(tileLease) }
            let shared = UncheckedSendableBox((input, paddedLease.base, UnsafePointer(packedWeight), tileLease.base, output))
            FastThreading.forEachTask(batch, threadCount: threads) { worker, image in
                let (input, paddedBase, packedWeight, tiles, output) = shared.value
                let padded = paddedBase + worker * perImage
                for channel in 0..<layout.channels {
                    plan.pad(input: input, image: image, channel: channel, into: padded)
                }
                for chunkIndex in 0..<plan.chunkCount {
                    plan.computeChunk(
                        chunkIndex, padded: padded, packedWeight: packedWeight,
                        rowOffsets: rowOffsets.value, bias: bias,
                        tile: tiles + worker * outChannels * plan.chunk,
                        output: output + image * outChannels * layout.outputPlane)
                }
            }
            return
        }
        // Fewer images than threads (one large image): pad a group of images on all threads,
        // then split their chunks; groups keep the copy within the budget, at least one image.
        let groupSize = max(1, min(batch, imageBudget / max(1, perImage)))
        let paddedLease = ScratchPool.borrow(count: groupSize * perImage)
        let workers = FastThreading.workerCount(taskCount: groupSize * plan.chunkCount, threadCount: threads)
        let tileLease = ScratchPool.borrow(count: workers * outChannels * plan.chunk)
        defer { ScratchPool.giveBack(paddedLease); ScratchPool.giveBack(tileLease) }
        let shared = UncheckedSendableBox((input, paddedLease.base, UnsafePointer(packedWeight), tileLease.base, output))
        for firstImage in stride(from: 0, to: batch, by: groupSize) {
            let imageCount = min(groupSize, batch - firstImage)
            FastThreading.forEachTask(imageCount * layout.channels, threadCount: threads) { _, task in
                let (input, padded, _, _, _) = shared.value
                let (image, channel) = task.quotientAndRemainder(dividingBy: layout.channels)
                plan.pad(input: input, image: firstImage + image, channel: channel, into: padded + image * perImage)
            }
            FastThreading.forEachTask(imageCount * plan.chunkCount, threadCount: threads) { worker, task in
                let (_, padded, packedWeight, tiles, output) = shared.value
                let (image, chunkIndex) = task.quotientAndRemainder(dividingBy: plan.chunkCount)
                plan.computeChunk(
                    chunkIndex, padded: padded + image * perImage, packedWeight: packedWeight,
                    rowOffsets: rowOffsets.value, bias: bias,
                    tile: tiles + worker * outChannels * plan.chunk,
                    output: output + (firstImage + image) * outChannels * layout.outputPlane)
            }
        }
    }
}
