import CConvKernels

// Layout: NCHW input and output, OIHW weight.
//
// The direct convolution for inputs with few channels (CConvKernels/DirectConv.c): where
// R = C·KH·KW is small, im2col writes every input value R times and gives the GEMM an inner
// dimension too short to pay for its packing, so the kernel reads a zero-padded copy of each
// image in place instead. With Hp = H + 2·P_h and Wp = W + 2·P_w the padded sizes, output
// (r, q) of channel k is
//
//     out[n, k, r, q] = f(b[k] + Σ_{c, i, j} w′[k, c, i, j] · padded[n, c, r·S_h + i·D_h, q + j·D_w])
//
// with w′ the weight, rotated by 180° when `flipped` (as the im2col path and the reference sum
// the taps in window order, so flipping equals rotating the kernel bit for bit), and f = ReLU
// when fused. One offset per tap, c·Hp·Wp + i·D_h·Wp + j·D_w, carries padding and dilation, so
// the kernel only needs consecutive output columns to read consecutive inputs: a stride of 1
// along the row. Each output element is computed by one call with a fixed order of operations,
// so the result does not depend on how the rows are split over threads.

/// Largest R = C·KH·KW the direct kernel takes. Measured with `convlab bench` on the teaching
/// net (R = 9 and 72), VGG16's first layer (R = 27) and LeNet-5's second (R = 150, which took
/// W2 from 33.8 to 27.9 ms of CPU time per 256 images against im2col + GEMM): see bench/README.md.
package let directConvLargestTapCount = 150

/// Multiply-adds below which a direct conv runs on the calling thread: a dispatch to a second
/// thread costs several microseconds, more than such a conv takes.
package let directConvParallelThreshold = 1 << 20

/// Whether the direct kernel computes a convolution of this shape: a stride of 1 along the
/// row, and R = C·KH·KW at most `directConvLargestTapCount`.
func directConvApplies(inputChannels: Int, kernelHeight: Int, kernelWidth: Int, config: Conv2DConfig) -> Bool {
    guard config.strideWidth == 1 else { return false }
    let (taps, overflow) = inputChannels.multipliedReportingOverflow(by: kernelHeight * kernelWidth)
    return !overflow && taps > 0 && taps <= directConvLargestTapCount
}

/// The direct convolution of `input` (N×C×H×W) with `weight` (K×C×KH×KW) plus `bias` ([K]),
/// followed by ReLU when `relu`: N×K×OH×OW, same semantics as `referenceConv2dForward`
/// (then `activationForward(_, .relu)`). Only for shapes `directConvApplies` accepts. Tests
/// pick the kernel `build` and lower `minimumParallelWork` (multiply-adds below which one
/// thread runs) to reach the threaded split with small shapes.
package func directConv2dForward(
    input: Tensor, weight: Tensor, bias: Tensor?, config: Conv2DConfig, relu: Bool,
    threadCount: Int = FastThreading.threadCount, build: GemmMicroKernel.Build = GemmMicroKernel.build,
    minimumParallelWork: Int = directConvParallelThreshold
) -> Tensor {
    var storage: [Float] = []
    return directConv2dForward(input: input, weight: weight, bias: bias, config: config, relu: relu,
                               threadCount: threadCount, build: build, minimumParallelWork: minimumParallelWork,
                               reusing: &storage)
}

/// `directConv2dForward` writing the output into `output` (see `reuseStorage`): a layer passes
/// the buffer of its last step.
package func directConv2dForward(
    input: Tensor, weight: Tensor, bias: Tensor?, config: Conv2DConfig, relu: Bool,
    threadCount: Int = FastThreading.threadCount, build: GemmMicroKernel.Build = GemmMicroKernel.build,
    minimumParallelWork: Int = directConvParallelThreshold, reusing output: inout [Float]
) -> Tensor {
    let shape = DirectConvShape(input: input, weight: weight, bias: bias, config: config)
    let (batch, channels, height, width) = (shape.batch, shape.channels, shape.height, shape.width)
    let (outChannels, kernelHeight, kernelWidth) = (shape.outChannels, shape.kernelHeight, shape.kernelWidth)
    let (outputHeight, outputWidth) = (shape.outputHeight, shape.outputWidth)
    let outputShape = [batch, outChannels, outputHeight, outputWidth]
    let outputPlane = outputHeight * outputWidth
    reuseStorage(&output, count: batch * outChannels * outputPlane)  // every element written below
    guard output.count > 0 else { return Tensor(shape: outputShape, scalars: output) }

    let padded = DirectConvPadding(channels: channels, height: height, width: width, config: config)
    let taps = channels * kernelHeight * kernelWidth
    // Slack past the last image: the last tile of a row reads whole 16-column vectors.
    let lease = ScratchPool.borrow(count: batch * padded.imageCount + Int(convkernels_direct_columns))
    defer { ScratchPool.giveBack(lease) }
    let scratch = UncheckedSendableBox(lease.base)
    (lease.base + batch * padded.imageCount).initialize(repeating: 0, count: Int(convkernels_direct_columns))

    let work = batch * outChannels * taps * outputPlane
    let threads = work < minimumParallelWork ? 1 : max(1, threadCount)
    // One task per image when the batch spreads evenly over the threads; otherwise every
    // image is cut into `threads` bands of rows (a single large image uses both cores).
    let bands = batch % threads == 0 ? 1 : min(threads, outputHeight)
    let bandRows = (outputHeight + bands - 1) / bands
    if bands > 1 {
        for image in 0..<batch { padded.copy(input, image: image, into: scratch.value + image * padded.imageCount) }
    }
    let kernel = directConvForwardKernel(for: build)
    let inputRowStride = config.strideHeight * padded.width

    withUnsafeTemporaryAllocation(of: Int.self, capacity: taps) { offsets in
        padded.fillTapOffsets(offsets, kernelHeight: kernelHeight, kernelWidth: kernelWidth, config: config)
        let tapOffsets = UncheckedSendableBox(UnsafePointer(offsets.baseAddress!))
        orientedKernel(weight, flipped: config.flipped).withUnsafeBufferPointer { weightBuffer in
            withOptionalPointer(bias?.scalars) { biasPointer in
                output.withUnsafeMutableBufferPointer { outputBuffer in
                    let pointers = UncheckedSendableBox((weightBuffer.baseAddress!, biasPointer, outputBuffer.baseAddress!))
                    FastThreading.forEachTask(batch * bands, threadCount: threads) { _, task in
                        let (image, band) = (task / bands, task % bands)
                        let imageInput = scratch.value + image * padded.imageCount
                        if bands == 1 { padded.copy(input, image: image, into: imageInput) }
                        let firstRow = band * bandRows
                        let rowCount = min(bandRows, outputHeight - firstRow)
                        guard rowCount > 0 else { return }
                        let (weightPointer, biasPointer, outputPointer) = pointers.value
                        convkernels_direct_conv_rows(
                            kernel, imageInput + firstRow * inputRowStride, inputRowStride,
                            tapOffsets.value, taps, weightPointer, biasPointer, outChannels,
                            outputPointer + image * outChannels * outputPlane + firstRow * outputWidth,
                            outputPlane, outputWidth, rowCount, outputWidth, relu ? 1 : 0)
                    }
                }
            }
        }
    }
    return Tensor(shape: outputShape, scalars: output)
}

/// The kernel of the direct forward for `build`: AVX-512 (8 channels × 32 columns,
/// DirectConvAVX512.c) where the build is AVX-512 and the CPU runs it, else what
/// `avx2OrPortableKernel` gives. The AVX-512 and AVX2 builds give the same bits.
package func directConvForwardKernel(for build: GemmMicroKernel.Build) -> convkernels_kernel {
    build == .avx512 && GemmMicroKernel.availableBuilds.contains(.avx512)
        ? convkernels_kernel_avx512 : GemmMicroKernel.avx2OrPortableKernel(for: build)
}

/// The sizes of a direct conv, checked once for the forward pass and the weight gradient: the
/// geometry must work (`conv2dGeometry`) and the shape must be one the direct kernel takes.
struct DirectConvShape {
    let batch, channels, height, width: Int
    let outChannels, kernelHeight, kernelWidth: Int
    let outputHeight, outputWidth: Int

    init(input: Tensor, weight: Tensor, bias: Tensor?, config: Conv2DConfig) {
        let geometry = conv2dGeometry(input: input, weight: weight, bias: bias, config: config)
        (batch, channels, height, width) = input.nchw
        (outChannels, _, kernelHeight, kernelWidth) = weight.nchw
        precondition(directConvApplies(inputChannels: channels, kernelHeight: kernelHeight, kernelWidth: kernelWidth, config: config),
                     "direct conv: weight \(Tensor.describe(weight.shape)) with stride \(config.strideHeight)×\(config.strideWidth) is not a direct-conv shape")
        (outputHeight, outputWidth) = geometry.outputSize
    }
}

/// The zero-padded copy of one image the direct kernel reads: C planes of Hp×Wp.
struct DirectConvPadding: Sendable {
    let channels, height, width: Int
    let paddingHeight, paddingWidth: Int
    /// Hp×Wp, the padded plane.
    var plane: Int { height * width }
    /// C·Hp·Wp, floats per padded image.
    var imageCount: Int { channels * plane }
    let inputHeight, inputWidth: Int

    init(channels: Int, height: Int, width: Int, config: Conv2DConfig) {
        self.channels = channels
        (inputHeight, inputWidth) = (height, width)
        (paddingHeight, paddingWidth) = (config.paddingHeight, config.paddingWidth)
        self.height = height + 2 * config.paddingHeight
        self.width = width + 2 * config.paddingWidth
    }

    /// Copies image `image` of `input` (N×C×H×W) into `destination` (C×Hp×Wp), zeros around it.
    func copy(_ input: Tensor, image: Int, into destination: UnsafeMutablePointer<Float>) {
        let inputPlane = inputHeight * inputWidth
        input.scalars.withUnsafeBufferPointer { source in
            let imageStart = source.baseAddress! + image * channels * inputPlane
            if paddingHeight == 0 && paddingWidth == 0 {
                destination.update(from: imageStart, count: imageCount)
                return
            }
            for channel in 0..<channels {
                let target = destination + channel * plane
                let from = imageStart + channel * inputPlane
                // The rows of padding above and below, then each row with its left and right margins.
                target.initialize(repeating: 0, count: paddingHeight * width)
                (target + (paddingHeight + inputHeight) * width).initialize(repeating: 0, count: paddingHeight * width)
                for row in 0..<inputHeight {
                    Self.copyRow(from + row * inputWidth, count: inputWidth,
                                 into: target + (paddingHeight + row) * width, margin: paddingWidth)
                }
            }
        }
    }

    /// `count` floats from `source` into `row` after `margin` zeros, then `margin` zeros more,
    /// in inline loops: the course's rows are 14 to 28 floats, where a call to memset, memmove
    /// and memset again per row cost more than the copy (7% of a training step in `perf`).
    private static func copyRow(_ source: UnsafePointer<Float>, count: Int, into row: UnsafeMutablePointer<Float>, margin: Int) {
        for column in 0..<margin {
            row[column] = 0
            row[margin + count + column] = 0
        }
        let destination = UnsafeMutableRawPointer(row + margin)
        let start = UnsafeRawPointer(source)
        var column = 0
        while column + 4 <= count {
            let offset = column * MemoryLayout<Float>.stride
            destination.storeBytes(of: start.loadUnaligned(fromByteOffset: offset, as: SIMD4<Float>.self),
                                   toByteOffset: offset, as: SIMD4<Float>.self)
            column += 4
        }
        while column < count {
            row[margin + column] = source[column]
            column += 1
        }
    }

    /// offsets[c·KH·KW + i·KW + j] = where tap (c, i, j) reads, relative to the padded
    /// position of the output's window corner: c·Hp·Wp + i·D_h·Wp + j·D_w.
    func fillTapOffsets(_ offsets: UnsafeMutableBufferPointer<Int>, kernelHeight: Int, kernelWidth: Int, config: Conv2DConfig) {
        var index = 0
        for channel in 0..<channels {
            for tapRow in 0..<kernelHeight {
                for tapColumn in 0..<kernelWidth {
                    offsets[index] = channel * plane + tapRow * config.dilationHeight * width + tapColumn * config.dilationWidth
                    index += 1
                }
            }
        }
    }
}

/// Calls `body` with a pointer to `values`' elements, or nil when `values` is nil.
func withOptionalPointer<Result>(_ values: [Float]?, _ body: (UnsafePointer<Float>?) -> Result) -> Result {
    guard let values else { return body(nil) }
    return values.withUnsafeBufferPointer { body($0.baseAddress!) }
}

/// dWeight (K×C×KH×KW) of `directConv2dForward` given `dOutput` (N×K×OH×OW) and its `input`
/// (N×C×H×W), for a layer whose dInput nobody reads (a network's first layer): the direct
/// kernel's dot products over each image, no im2col. Same semantics as the dWeight of
/// `referenceConv2dBackward`. Each image's sums are kept apart and added in image order, so
/// the result does not depend on the thread count.
package func directConv2dWeightGradient(
    dOutput: Tensor, input: Tensor, weight: Tensor, config: Conv2DConfig,
    threadCount: Int = FastThreading.threadCount, build: GemmMicroKernel.Build = GemmMicroKernel.build,
    minimumParallelWork: Int = directConvParallelThreshold
) -> Tensor {
    let shape = DirectConvShape(input: input, weight: weight, bias: nil, config: config)
    let (batch, channels, height, width) = (shape.batch, shape.channels, shape.height, shape.width)
    let (outChannels, kernelHeight, kernelWidth) = (shape.outChannels, shape.kernelHeight, shape.kernelWidth)
    let (outputHeight, outputWidth) = (shape.outputHeight, shape.outputWidth)
    let outputPlane = outputHeight * outputWidth
    precondition(dOutput.shape == [batch, outChannels, outputHeight, outputWidth],
                 "dOutput \(Tensor.describe(dOutput.shape)) does not match the forward output \(Tensor.describe([batch, outChannels, outputHeight, outputWidth]))")
    let taps = channels * kernelHeight * kernelWidth
    let kernelCount = outChannels * taps
    guard batch > 0, outputPlane > 0, kernelCount > 0 else { return Tensor.zeros(weight.shape) }

    let padded = DirectConvPadding(channels: channels, height: height, width: width, config: config)
    let paddedLease = ScratchPool.borrow(count: batch * padded.imageCount + Int(convkernels_direct_columns))
    let partialLease = ScratchPool.borrow(count: batch * kernelCount)   // N × K × R, one dW per image
    defer { ScratchPool.giveBack(paddedLease); ScratchPool.giveBack(partialLease) }
    let scratch = UncheckedSendableBox((paddedLease.base, partialLease.base))
    let work = batch * kernelCount * outputPlane
    let threads = work < minimumParallelWork ? 1 : max(1, threadCount)
    // 16-lane steps where the CPU has AVX-512: the course's 14- and 28-column rows (DirectConvWeightGradient.c).
    let kernel = build == .avx512 ? convkernels_kernel_avx512 : GemmMicroKernel.avx2OrPortableKernel(for: build)
    let inputRowStride = config.strideHeight * padded.width

    withUnsafeTemporaryAllocation(of: Int.self, capacity: taps) { offsets in
        padded.fillTapOffsets(offsets, kernelHeight: kernelHeight, kernelWidth: kernelWidth, config: config)
        let tapOffsets = UncheckedSendableBox(UnsafePointer(offsets.baseAddress!))
        dOutput.scalars.withUnsafeBufferPointer { dOutputBuffer in
            let gradient = UncheckedSendableBox(dOutputBuffer.baseAddress!)
            FastThreading.forEachTask(batch, threadCount: threads) { _, image in
                let (paddedBase, partialBase) = scratch.value
                let imageInput = paddedBase + image * padded.imageCount
                padded.copy(input, image: image, into: imageInput)
                convkernels_direct_conv_weight_gradient(
                    kernel, imageInput, inputRowStride, tapOffsets.value, taps,
                    gradient.value + image * outChannels * outputPlane, outChannels, outputPlane, outputWidth,
                    outputHeight, outputWidth, partialBase + image * kernelCount)
            }
        }
    }
    var sums = [Float](repeating: 0, count: kernelCount)   // K × R, images added in order
    let partials = partialLease.base
    for image in 0..<batch {
        let partial = partials + image * kernelCount
        for index in 0..<kernelCount { sums[index] += partial[index] }
    }
    // The sums are for the rotated kernel when flipped; rotating back is the same map.
    return Tensor(shape: weight.shape, scalars: orientedKernel(Tensor(shape: weight.shape, scalars: sums), flipped: config.flipped))
}
