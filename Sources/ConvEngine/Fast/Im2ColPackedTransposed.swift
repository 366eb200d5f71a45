// Layout: NCHW input.
//
// im2col for the weight gradient, dW (K×R) = dY (K × G·P) · columnsᵀ, written straight into the
// packed layout of its B operand, columnsᵀ (G·P × R): element (r, n) of the column matrix is
// element (p = n, r) of op(B) and goes to
//
//     p₀·R' + (r / 16)·kc_n·16 + (n − p₀)·16 + r % 16,   p₀ = n − n % kc, kc_n = min(kc, G·P − p₀),
//
// R' = R rounded up to 16. This replaces writing the column matrix and then transposing it
// into panels inside the GEMM, the costliest packing of a training step.

extension Im2ColLayout {
    /// im2col for images `firstImage..<firstImage + imageCount` of `input` (N×C×H×W) into
    /// `packed`, laid out as `GemmPacking.packWholeB` packs the transposed column matrix with
    /// depth block `depthBlock`; it must hold `GemmPacking.packedBCount(innerCount:
    /// imageCount·OH·OW, columnCount: R)` floats, and every one of them is written.
    func gatherPackedTransposed(
        input: UnsafePointer<Float>, firstImage: Int, imageCount: Int, depthBlock: Int,
        into packed: UnsafeMutablePointer<Float>, threadCount: Int
    ) {
        let depthCount = imageCount * outputPlane
        let rowCount = self.rowCount
        let paddedRows = GemmPacking.paddedColumnCount(rowCount)
        let validColumns = (0..<kernelWidth).map {
            Self.validOutputs(geometry.width, tap: $0, outputCount: outputWidth)
        }
        let lanes = GemmMicroKernel.columns
        let shared = UncheckedSendableBox((input, packed))
        FastThreading.forEachTask(imageCount * channels, threadCount: threadCount) { _, task in
            let (input, packed) = shared.value
            let (image, channel) = (task / channels, task % channels)
            let plane = input + ((firstImage + image) * channels + channel) * inputPlane
            for i in 0..<kernelHeight {
                for j in 0..<kernelWidth {
                    let row = (channel * kernelHeight + i) * kernelWidth + j
                    let target = PackedLane(
                        base: packed + row % lanes, panelOffset: (row / lanes) * lanes,
                        paddedRows: paddedRows, depthBlock: depthBlock, depthCount: depthCount)
                    let valid = validColumns[j]
                    let columnOffset = j * geometry.width.dilation - geometry.width.padding
                    let stride = geometry.width.stride
                    var column = image * outputPlane
                    for outputRow in 0..<outputHeight {
                        let inputRow = geometry.height.inputIndex(output: outputRow, tap: i)
                        if inputRow < 0 || inputRow >= height {
                            target.fill(from: column, count: outputWidth, source: nil, sourceStride: 0)
                        } else {
                            let rowStart = inputRow * width + columnOffset
                            target.fill(from: column, count: valid.lowerBound, source: nil, sourceStride: 0)
                            target.fill(from: column + valid.lowerBound, count: valid.count,
                                        source: plane + (rowStart + valid.lowerBound * stride), sourceStride: stride)
                            target.fill(from: column + valid.upperBound, count: outputWidth - valid.upperBound,
                                        source: nil, sourceStride: 0)
                        }
                        column += outputWidth
                    }
                }
            }
        }
        // Rows R..<R' of the last panel, at every depth: read by the kernel, never written back.
        guard paddedRows > rowCount else { return }
        for row in rowCount..<paddedRows {
            PackedLane(base: packed + row % lanes, panelOffset: (row / lanes) * lanes,
                       paddedRows: paddedRows, depthBlock: depthBlock, depthCount: depthCount)
                .fill(from: 0, count: depthCount, source: nil, sourceStride: 0)
        }
    }
}

/// One lane (a row r of the column matrix) of the transposed packed layout: column n of the
/// column matrix at `base[p₀·R' + panelOffset·kc_n + (n − p₀)·16]`, with `base` already
/// offset by r % 16 and `panelOffset` = (r / 16)·16.
private struct PackedLane {
    let base: UnsafeMutablePointer<Float>
    let panelOffset: Int
    let paddedRows: Int
    let depthBlock: Int
    let depthCount: Int

    /// Writes columns `column..<column + count` from `source` (stride `sourceStride`), or
    /// zeros when `source` is nil; one strided run per depth block.
    @inline(__always)
    func fill(from column: Int, count: Int, source: UnsafePointer<Float>?, sourceStride: Int) {
        let lanes = GemmMicroKernel.columns
        var (column, done) = (column, 0)
        while done < count {
            let blockStart = column - column % depthBlock
            let blockDepth = min(depthBlock, depthCount - blockStart)
            let piece = min(blockStart + blockDepth - column, count - done)
            let target = base + (blockStart * paddedRows + panelOffset * blockDepth + (column - blockStart) * lanes)
            if let source {
                let from = source + done * sourceStride
                for index in 0..<piece { target[index * lanes] = from[index * sourceStride] }
            } else {
                for index in 0..<piece { target[index * lanes] = 0 }
            }
            (column, done) = (column + piece, done + piece)
        }
    }
}
