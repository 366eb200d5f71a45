import CConvKernels

// Layout: NCHW. Input N×C×H×W, output N×C×OH×OW; each channel is pooled on its own.
//
// The training max pool of the course's networks, 2×2 with stride 2 and no padding, on the
// vector kernels of CConvKernels/MaxPoolTaps.c. Its windows do not overlap, so which input won
// an output is one of four taps, kept in a byte (tap 2·i + j is input (2r + i, 2q + j) of
// output (r, q)) instead of a flat index in 8, and the backward pass writes every input
// element once (the gradient at the winner, zero at the other three) instead of zeroing the
// input gradient and scattering into it. Same values, winners and gradients as
// `maxPool2dForward` / `maxPool2dBackward`, bit for bit.

/// What a max pool's backward pass reads to send each gradient to its window's winner.
enum MaxPoolRoutes: Sendable {
    /// The flat input index of each output's winner (`maxPool2dForward`'s routes): any pool.
    case indices([Int])
    /// The winning tap of each output's window, 2·i + j, for a 2×2, stride-2 pool.
    case windowTaps([UInt8])
}

/// Whether the tap kernels pool `inputShape` with `config`: a 2×2 window, stride 2, no
/// padding, on N×C×H×W (an odd last row or column lies in no window and gets no gradient).
func maxPool2x2TapsApply(inputShape: [Int], config: Pool2DConfig) -> Bool {
    inputShape.count == 4 && config.kernelHeight == 2 && config.kernelWidth == 2
        && config.strideHeight == 2 && config.strideWidth == 2
        && config.paddingHeight == 0 && config.paddingWidth == 0
}

/// The 2×2, stride-2 pool's output (N×C×OH×OW) and each output's winning tap, written into
/// `output` and `taps` (see `reuseStorage`); `taps` then holds one byte per output. Only for
/// configurations `maxPool2x2TapsApply` accepts. Tests pick the kernel `build`.
/// - Parameter input: N×C×H×W.
func fastMaxPool2x2Forward(
    input: Tensor, config: Pool2DConfig, reusing output: inout [Float], taps: inout [UInt8],
    build: GemmMicroKernel.Build = GemmMicroKernel.build
) -> Tensor {
    precondition(maxPool2x2TapsApply(inputShape: input.shape, config: config),
                 "max pool taps: \(Tensor.describe(input.shape)) with a \(config.kernelHeight)×\(config.kernelWidth) window is not a 2×2, stride-2 pool")
    let geometry = pool2dGeometry(inputShape: input.shape, config: config, operation: "max pool")
    let (batch, channels, height, width) = input.nchw
    let (outputHeight, outputWidth) = geometry.outputSize
    precondition(2 * outputHeight <= height && 2 * outputWidth <= width,
                 "max pool taps: output \(outputHeight)×\(outputWidth) reaches past the input \(height)×\(width)")
    let count = batch * channels * outputHeight * outputWidth
    reuseStorage(&output, count: count)   // N×C×OH×OW, every cell written
    if taps.count != count { taps = [UInt8](repeating: 0, count: count) }
    let kernel = GemmMicroKernel.avx2OrPortableKernel(for: build)
    input.scalars.withUnsafeBufferPointer { source in
        output.withUnsafeMutableBufferPointer { destination in
            taps.withUnsafeMutableBufferPointer { tapBuffer in
                guard count > 0 else { return }
                convkernels_max_pool_2x2_taps(kernel, source.baseAddress!, batch * channels, height, width,
                                              outputHeight, outputWidth, destination.baseAddress!, tapBuffer.baseAddress!)
            }
        }
    }
    return Tensor(shape: [batch, channels, outputHeight, outputWidth], scalars: output)
}

/// The input gradient (N×C×H×W) of `fastMaxPool2x2Forward` given `dOutput` (N×C×OH×OW) and its
/// `taps`, through the ReLU before the pool when `poolOutput` is given: what
/// `maxPool2dBackward` then `activationBackward(_, .relu)` give, bit for bit. Written into
/// `dInput` (see `reuseStorage`).
///
/// For a pool over a ReLU's output, relu′ at a window's winner is (pool output > 0): the
/// winner's value is the ReLU's output there, positive exactly where its input is. So the
/// slope comes from the pool's own output (N×C×OH×OW, a quarter of the ReLU's input) instead
/// of reading the ReLU's input again.
/// - Parameter poolOutput: the forward output of this pool over a ReLU's output, or nil for a
///   pool with no ReLU before it.
func fastMaxPool2x2Backward(
    dOutput: Tensor, taps: [UInt8], poolOutput: Tensor?, inputShape: [Int], reusing dInput: inout [Float],
    build: GemmMicroKernel.Build = GemmMicroKernel.build
) -> Tensor {
    precondition(inputShape.count == 4 && dOutput.rank == 4 && Array(dOutput.shape.prefix(2)) == Array(inputShape.prefix(2))
                     && 2 * dOutput.shape[2] <= inputShape[2] && 2 * dOutput.shape[3] <= inputShape[3],
                 "max pool backward: dOutput \(Tensor.describe(dOutput.shape)) is not a 2×2 pool of \(Tensor.describe(inputShape))")
    precondition(taps.count == dOutput.count,
                 "max pool backward: dOutput \(Tensor.describe(dOutput.shape)) has \(dOutput.count) elements but there are \(taps.count) taps")
    if let poolOutput {
        precondition(poolOutput.shape == dOutput.shape,
                     "max pool + ReLU backward: the pool output \(Tensor.describe(poolOutput.shape)) does not match dOutput \(Tensor.describe(dOutput.shape))")
    }
    let (planes, height, width) = (inputShape[0] * inputShape[1], inputShape[2], inputShape[3])
    let (outputHeight, outputWidth) = (dOutput.shape[2], dOutput.shape[3])
    let count = planes * height * width
    reuseStorage(&dInput, count: count)   // N×C×H×W, every element written
    guard count > 0 else { return Tensor(shape: inputShape, scalars: dInput) }
    let kernel = GemmMicroKernel.avx2OrPortableKernel(for: build)
    dOutput.scalars.withUnsafeBufferPointer { gradient in
        taps.withUnsafeBufferPointer { tapBuffer in
            withOptionalPointer(poolOutput?.scalars) { outputPointer in
                dInput.withUnsafeMutableBufferPointer { destination in
                    // With no outputs (OH or OW = 0) the kernel reads neither gradient nor taps.
                    convkernels_max_pool_2x2_backward(
                        kernel, gradient.baseAddress, tapBuffer.baseAddress, outputPointer, planes, height, width,
                        outputHeight, outputWidth, destination.baseAddress!)
                }
            }
        }
    }
    return Tensor(shape: inputShape, scalars: dInput)
}
