// Layout: NCHW input, OIHW weight.
//
// im2col turns a convolution into one matrix product. For a group of G images the column
// matrix has R = C·KH·KW rows and G·OH·OW columns:
//
//     columns[(c·KH + i)·KW + j,  g·OH·OW + oh·OW + ow] = input[n₀ + g, c, oh·SH − PH + i·DH, ow·SW − PW + j·DW]
//
// (zero where the index falls in the padding). Row r matches the flattened OIHW weight's
// column r, so output = weight (K×R) · columns (R × G·OH·OW). col2im is the adjoint: it adds
// every column entry back onto the input pixel it was copied from.

/// The sizes of one conv problem and the two data movements between images and the column
/// matrix. Work is split into (image, channel) tasks, each writing only its own rows (im2col)
/// or its own input plane (col2im), so the result never depends on the thread count.
struct Im2ColLayout: Sendable {
    let channels: Int
    let height: Int
    let width: Int
    let kernelHeight: Int
    let kernelWidth: Int
    let geometry: ConvGeometry
    let outputHeight: Int
    let outputWidth: Int

    init(channels: Int, height: Int, width: Int, kernelHeight: Int, kernelWidth: Int, geometry: ConvGeometry) {
        self.channels = channels
        self.height = height
        self.width = width
        self.kernelHeight = kernelHeight
        self.kernelWidth = kernelWidth
        self.geometry = geometry
        (outputHeight, outputWidth) = geometry.outputSize
    }

    /// R = C·KH·KW, rows of the column matrix.
    var rowCount: Int { channels * kernelHeight * kernelWidth }
    /// OH·OW, columns per image.
    var outputPlane: Int { outputHeight * outputWidth }
    /// H·W, one input channel plane.
    var inputPlane: Int { height * width }

    /// The output columns whose tap `tap` lands inside 0..<W (or 0..<H): those ow with
    /// 0 ≤ ow·S − P + tap·D < size. Outside this range the tap reads padding.
    private static func validOutputs(_ axis: AxisGeometry, tap: Int, outputCount: Int) -> Range<Int> {
        let offset = tap * axis.dilation - axis.padding            // input index at output 0
        let first = offset >= 0 ? 0 : (-offset + axis.stride - 1) / axis.stride
        let lastInput = axis.inputSize - 1 - offset                // need ow·S ≤ this
        let end = lastInput < 0 ? 0 : lastInput / axis.stride + 1
        let lower = min(first, outputCount)
        return lower..<max(lower, min(end, outputCount))
    }

    /// im2col for images `firstImage..<firstImage + imageCount` of `input` (N×C×H×W) into
    /// `columns` (R × imageCount·OH·OW, row stride imageCount·OH·OW). Every entry is written.
    func gather(
        input: UnsafePointer<Float>, firstImage: Int, imageCount: Int,
        into columns: UnsafeMutablePointer<Float>, threadCount: Int
    ) {
        let rowStride = imageCount * outputPlane
        let validColumns = (0..<kernelWidth).map {
            Self.validOutputs(geometry.width, tap: $0, outputCount: outputWidth)
        }
        let shared = UncheckedSendableBox((input, columns))
        FastThreading.forEachTask(imageCount * channels, threadCount: threadCount) { _, task in
            let (input, columns) = shared.value
            let (image, channel) = (task / channels, task % channels)
            let plane = input + ((firstImage + image) * channels + channel) * inputPlane
            for i in 0..<kernelHeight {
                for j in 0..<kernelWidth {
                    let row = (channel * kernelHeight + i) * kernelWidth + j
                    let valid = validColumns[j]
                    let columnOffset = j * geometry.width.dilation - geometry.width.padding
                    let stride = geometry.width.stride
                    var destination = columns + row * rowStride + image * outputPlane
                    for outputRow in 0..<outputHeight {
                        let inputRow = geometry.height.inputIndex(output: outputRow, tap: i)
                        if inputRow < 0 || inputRow >= height {
                            destination.update(repeating: 0, count: outputWidth)
                        } else {
                            // Index arithmetic, not a shifted pointer: the offset may be negative.
                            let rowStart = inputRow * width + columnOffset
                            for outputColumn in 0..<valid.lowerBound { destination[outputColumn] = 0 }
                            if stride == 1 {
                                // A contiguous run: one copy instead of an indexed loop.
                                (destination + valid.lowerBound).update(
                                    from: plane + (rowStart + valid.lowerBound), count: valid.count)
                            } else {
                                for outputColumn in valid { destination[outputColumn] = plane[rowStart + outputColumn * stride] }
                            }
                            for outputColumn in valid.upperBound..<outputWidth { destination[outputColumn] = 0 }
                        }
                        destination += outputWidth
                    }
                }
            }
        }
    }

    /// col2im: adds `columns` (R × imageCount·OH·OW, laid out as `gather` writes it) onto
    /// images `firstImage..<firstImage + imageCount` of `dInput` (N×C×H×W). Each input pixel
    /// receives its contributions in the fixed order (i, j, oh, ow).
    func scatterAdd(
        columns: UnsafePointer<Float>, firstImage: Int, imageCount: Int,
        into dInput: UnsafeMutablePointer<Float>, threadCount: Int
    ) {
        let rowStride = imageCount * outputPlane
        let validColumns = (0..<kernelWidth).map {
            Self.validOutputs(geometry.width, tap: $0, outputCount: outputWidth)
        }
        let shared = UncheckedSendableBox((columns, dInput))
        FastThreading.forEachTask(imageCount * channels, threadCount: threadCount) { _, task in
            let (columns, dInput) = shared.value
            let (image, channel) = (task / channels, task % channels)
            let plane = dInput + ((firstImage + image) * channels + channel) * inputPlane
            for i in 0..<kernelHeight {
                for j in 0..<kernelWidth {
                    let row = (channel * kernelHeight + i) * kernelWidth + j
                    let valid = validColumns[j]
                    let columnOffset = j * geometry.width.dilation - geometry.width.padding
                    let stride = geometry.width.stride
                    var source = columns + row * rowStride + image * outputPlane
                    for outputRow in 0..<outputHeight {
                        let inputRow = geometry.height.inputIndex(output: outputRow, tap: i)
                        if inputRow >= 0 && inputRow < height {
                            let rowStart = inputRow * width + columnOffset
                            if stride == 1 {
                                // Contiguous on both sides, so the compiler vectorises the adds.
                                let target = plane + (rowStart + valid.lowerBound)
                                let from = source + valid.lowerBound
                                for index in 0..<valid.count { target[index] += from[index] }
                            } else {
                                for outputColumn in valid { plane[rowStart + outputColumn * stride] += source[outputColumn] }
                            }
                        }
                        source += outputWidth
                    }
                }
            }
        }
    }
}
