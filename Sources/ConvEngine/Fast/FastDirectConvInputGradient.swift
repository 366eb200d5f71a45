import CConvKernels

// Layout: NCHW input, output and gradients, OIHW weight.
//
// The input gradient of a stride-1 convolution as a direct convolution of the output gradient,
// on the forward kernel (CConvKernels/DirectConv.c), instead of Wᵀ·dY into a column matrix
// and col2im onto dInput. For stride 1, with w′ the kernel the forward pass slides (rotated
// when `flipped`),
//
//     dInput[n, c, y, x] = Σ_{k, u, v} w′[k, c, u, v] · dY[n, k, y + P_h − u·D_h, x + P_w − v·D_w]
//
// and with i = KH−1−u, j = KW−1−v and dY zero-padded by P′ = D·(K−1) − P on each side, that is
//
//     dInput[n, c, y, x] = Σ_{k, i, j} w″[c, k, i, j] · padded dY[n, k, y + i·D_h, x + j·D_w],
//     w″[c, k, i, j] = w′[k, c, KH−1−i, KW−1−j]
//
// a convolution with K input channels, C output channels and R′ = K·KH·KW taps (the teaching
// net's 8→16 layer: R′ = 144 taps into 8 channels), which writes every element of dInput once:
// no zero fill, no column matrix, no scatter. It needs P ≤ D·(K−1) (else P′ < 0: the forward
// pass reads no input near the edge's far side) along both axes.

/// Whether `directConv2dInputGradient` computes dInput for a conv of this shape: a stride of 1
/// along both axes and padding at most D·(K−1) along each (a "same" or "valid" conv).
func directConvInputGradientApplies(kernelHeight: Int, kernelWidth: Int, config: Conv2DConfig) -> Bool {
    config.strideHeight == 1 && config.strideWidth == 1
        && config.paddingHeight <= config.dilationHeight * (kernelHeight - 1)
        && config.paddingWidth <= config.dilationWidth * (kernelWidth - 1)
}

/// dInput (`inputShape`, N×C×H×W) of a conv with `weight` (K×C×KH×KW) given `dOutput`
/// (N×K×OH×OW), written into `dInput` (see `reuseStorage`): same semantics as the dInput of
/// `referenceConv2dBackward`, summed in the order (k, i, j) of the transposed taps. Only for
/// shapes `directConvInputGradientApplies` accepts. Tests pick the kernel `build` and lower
/// `minimumParallelWork` (multiply-adds below which one thread runs) to reach the split over
/// images with small shapes; each image is one call, so the split does not change the bits.
package func directConv2dInputGradient(
    dOutput: Tensor, inputShape: [Int], weight: Tensor, config: Conv2DConfig,
    threadCount: Int = FastThreading.threadCount, build: GemmMicroKernel.Build = GemmMicroKernel.build,
    minimumParallelWork: Int = directConvParallelThreshold, reusing dInput: inout [Float]
) -> Tensor {
    let (outChannels, channels, kernelHeight, kernelWidth) = weight.nchw
    precondition(inputShape.count == 4 && inputShape[1] == channels,
                 "conv input gradient: input \(Tensor.describe(inputShape)) does not match weight \(Tensor.describe(weight.shape))")
    precondition(directConvInputGradientApplies(kernelHeight: kernelHeight, kernelWidth: kernelWidth, config: config),
                 "conv input gradient: stride \(config.strideHeight)×\(config.strideWidth), padding \(config.paddingHeight)×\(config.paddingWidth) is not a direct input-gradient shape")
    let (batch, height, width) = (inputShape[0], inputShape[2], inputShape[3])
    let (extentHeight, extentWidth) = (config.dilationHeight * (kernelHeight - 1), config.dilationWidth * (kernelWidth - 1))
    let (outputHeight, outputWidth) = (height + 2 * config.paddingHeight - extentHeight, width + 2 * config.paddingWidth - extentWidth)
    precondition(dOutput.shape == [batch, outChannels, outputHeight, outputWidth],
                 "dOutput \(Tensor.describe(dOutput.shape)) does not match the forward output \(Tensor.describe([batch, outChannels, outputHeight, outputWidth]))")
    let inputPlane = height * width
    reuseStorage(&dInput, count: batch * channels * inputPlane)   // every element written below
    let taps = outChannels * kernelHeight * kernelWidth
    guard !dInput.isEmpty, taps > 0 else { return Tensor(shape: inputShape, scalars: dInput) }

    // dY padded by P′ = D·(K−1) − P: its rows are OH + 2P′ = H + D·(KH−1), so H output rows.
    let transposed = Conv2DConfig(
        strideHeight: 1, strideWidth: 1,
        paddingHeight: extentHeight - config.paddingHeight, paddingWidth: extentWidth - config.paddingWidth,
        dilationHeight: config.dilationHeight, dilationWidth: config.dilationWidth)
    let padded = DirectConvPadding(channels: outChannels, height: outputHeight, width: outputWidth, config: transposed)
    // Slack past the last image (the last tile of a row reads whole 16-column vectors), then
    // the transposed weight, C × R′: one lease, so a step after the first allocates nothing.
    let slackEnd = batch * padded.imageCount + Int(convkernels_direct_columns)
    let lease = ScratchPool.borrow(count: slackEnd + channels * taps)
    defer { ScratchPool.giveBack(lease) }
    let scratch = UncheckedSendableBox(lease.base)
    (lease.base + batch * padded.imageCount).initialize(repeating: 0, count: Int(convkernels_direct_columns))
    let transposedWeight = lease.base + slackEnd
    let work = batch * channels * taps * inputPlane
    let threads = work < minimumParallelWork ? 1 : max(1, threadCount)
    let kernel = directConvForwardKernel(for: build)   // the forward's kernel, AVX-512 included

    withUnsafeTemporaryAllocation(of: Int.self, capacity: taps) { offsets in
        padded.fillTapOffsets(offsets, kernelHeight: kernelHeight, kernelWidth: kernelWidth, config: transposed)
        let tapOffsets = UncheckedSendableBox(UnsafePointer(offsets.baseAddress!))
        // w″[c, k, i, j] = w′[k, c, KH−1−i, KW−1−j]; w′ is w rotated when flipped, so the
        // two rotations cancel.
        weight.scalars.withUnsafeBufferPointer { source in
            let kernelSize = kernelHeight * kernelWidth
            for k in 0..<outChannels {
                for c in 0..<channels {
                    let from = (k * channels + c) * kernelSize
                    let to = c * taps + k * kernelSize
                    for tap in 0..<kernelSize {
                        transposedWeight[to + tap] = source[from + (config.flipped ? tap : kernelSize - 1 - tap)]
                    }
                }
            }
        }
        let weightPointer = UncheckedSendableBox(UnsafePointer(transposedWeight))
        dInput.withUnsafeMutableBufferPointer { destination in
            let output = UncheckedSendableBox(destination.baseAddress!)
            FastThreading.forEachTask(batch, threadCount: threads) { _, image in
                let imageGradient = scratch.value + image * padded.imageCount
                padded.copy(dOutput, image: image, into: imageGradient)
                convkernels_direct_conv_rows(
                    kernel, imageGradient, padded.width, tapOffsets.value, taps, weightPointer.value, nil,
                    channels, output.value + image * channels * inputPlane, inputPlane, width, height, width, 0)
            }
        }
    }
    return Tensor(shape: inputShape, scalars: dInput)
}
