// Layout: NCHW input.
//
// im2col written straight into the packed layout the GEMM's micro-kernel reads
// (GemmPacking.packWholeB), instead of into a plain R × G·P column matrix that every GEMM tile
// then copies into panels a second time. The values are those of `gather`; only their
// addresses differ: element (r, n) of the column matrix goes to
//
//     p₀·N' + (n / 16)·kc_r·16 + (r − p₀)·16 + n % 16,   p₀ = r − r % kc, kc_r = min(kc, R − p₀),
//
// N' = N rounded up to 16. A run of output columns is contiguous in the column matrix and
// contiguous in the packed layout within each 16-column panel, so copies stay runs.

extension Im2ColLayout {
    /// im2col for images `firstImage..<firstImage + imageCount` of `input` (N×C×H×W) into
    /// `packed`, which must hold `GemmPacking.packedBCount(innerCount: R, columnCount:
    /// imageCount·OH·OW)` floats; every one of them is written (the panel padding with zeros).
    /// `depthBlock` must be the kc of the GEMM that reads it.
    func gatherPacked(
        input: UnsafePointer<Float>, firstImage: Int, imageCount: Int, depthBlock: Int,
        into packed: UnsafeMutablePointer<Float>, threadCount: Int
    ) {
        let columnCount = imageCount * outputPlane
        let paddedColumns = GemmPacking.paddedColumnCount(columnCount)
        let rowCount = self.rowCount
        let validColumns = (0..<kernelWidth).map {
            Self.validOutputs(geometry.width, tap: $0, outputCount: outputWidth)
        }
        let shared = UncheckedSendableBox((input, packed))
        FastThreading.forEachTask(imageCount * channels, threadCount: threadCount) { _, task in
            let (input, packed) = shared.value
            let (image, channel) = (task / channels, task % channels)
            let plane = input + ((firstImage + image) * channels + channel) * inputPlane
            for i in 0..<kernelHeight {
                for j in 0..<kernelWidth {
                    let row = (channel * kernelHeight + i) * kernelWidth + j
                    let depthStart = row - row % depthBlock
                    let target = PackedRow(
                        base: packed + depthStart * paddedColumns + (row - depthStart) * GemmMicroKernel.columns,
                        panelStride: min(depthBlock, rowCount - depthStart) * GemmMicroKernel.columns)
                    let valid = validColumns[j]
                    let columnOffset = j * geometry.width.dilation - geometry.width.padding
                    let stride = geometry.width.stride
                    var column = image * outputPlane
                    for outputRow in 0..<outputHeight {
                        let inputRow = geometry.height.inputIndex(output: outputRow, tap: i)
                        if inputRow < 0 || inputRow >= height {
                            target.zero(from: column, count: outputWidth)
                        } else {
                            let rowStart = inputRow * width + columnOffset
                            target.zero(from: column, count: valid.lowerBound)
                            if stride == 1 {
                                target.copy(from: plane + (rowStart + valid.lowerBound),
                                            to: column + valid.lowerBound, count: valid.count)
                            } else {
                                for outputColumn in valid {
                                    target.store(plane[rowStart + outputColumn * stride], at: column + outputColumn)
                                }
                            }
                            target.zero(from: column + valid.upperBound, count: outputWidth - valid.upperBound)
                        }
                        column += outputWidth
                    }
                }
            }
        }
        // The last panel's columns N..<N' in every row: read by the kernel, never written back.
        guard paddedColumns > columnCount else { return }
        for row in 0..<rowCount {
            let depthStart = row - row % depthBlock
            let target = PackedRow(
                base: packed + depthStart * paddedColumns + (row - depthStart) * GemmMicroKernel.columns,
                panelStride: min(depthBlock, rowCount - depthStart) * GemmMicroKernel.columns)
            target.zero(from: columnCount, count: paddedColumns - columnCount)
        }
    }
}

/// One row r of the column matrix inside the packed layout: column n at
/// `base[(n / 16)·panelStride + n % 16]`.
private struct PackedRow {
    let base: UnsafeMutablePointer<Float>
    let panelStride: Int

    @inline(__always)
    func store(_ value: Float, at column: Int) {
        let panelColumns = GemmMicroKernel.columns
        base[(column / panelColumns) * panelStride + column % panelColumns] = value
    }

    /// Copies `count` values to columns `column..<column + count`, one contiguous piece per panel.
    @inline(__always)
    func copy(from source: UnsafePointer<Float>, to column: Int, count: Int) {
        let panelColumns = GemmMicroKernel.columns
        var (column, done) = (column, 0)
        while done < count {
            let offset = column % panelColumns
            let piece = min(panelColumns - offset, count - done)
            (base + ((column / panelColumns) * panelStride + offset)).update(from: source + done, count: piece)
            (column, done) = (column + piece, done + piece)
        }
    }

    /// Zeros columns `column..<column + count`.
    @inline(__always)
    func zero(from column: Int, count: Int) {
        let panelColumns = GemmMicroKernel.columns
        var (column, done) = (column, 0)
        while done < count {
            let offset = column % panelColumns
            let piece = min(panelColumns - offset, count - done)
            (base + ((column / panelColumns) * panelStride + offset)).update(repeating: 0, count: piece)
            (column, done) = (column + piece, done + piece)
        }
    }
}
