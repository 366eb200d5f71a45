import CConvKernels

// Layout: NCHW. Input N×C×H×W, output N×C×OH×OW; each channel is pooled on its own.
//
// Max pooling where a pass over memory can be saved: the backward pass of a ReLU and the max
// pool after it in one pass, and a forward pass for inference that keeps no routes.

/// The gradient of ReLU then max pool with respect to the ReLU's input, in one pass: what
/// `fastMaxPool2dBackward` followed by `fastReluBackward` give, bit for bit.
///
///     dReluInput[i] = (Σ over outputs o with routes[o] = i of dOutput[o]) · relu′(reluInput[i])
///
/// Only the routed elements can be non-zero, so after the scatter only they are multiplied by
/// the slope (0 or 1; applying it twice to an element two windows share changes nothing,
/// not even the sign of a zero) instead of a second pass over the whole input.
/// - Parameters:
///   - dOutput: N×C×OH×OW, the gradient of the pool's output.
///   - reluInput: the ReLU's forward input (or its output: both are positive at the same
///     places), `inputShape`.
///   - inputShape: N×C×H×W, the pool's input shape.
///   - routes: the pool's routes, one flat input index per output element.
/// - Returns: dReluInput, N×C×H×W.
public func fastMaxPool2dReluBackward(dOutput: Tensor, reluInput: Tensor, inputShape: [Int], routes: [Int]) -> Tensor {
    precondition(
        routes.count == dOutput.count,
        "max pool backward: dOutput \(Tensor.describe(dOutput.shape)) has \(dOutput.count) elements but there are \(routes.count) routes")
    precondition(
        reluInput.shape == inputShape,
        "max pool + ReLU backward: the ReLU input \(Tensor.describe(reluInput.shape)) does not match the pool input \(Tensor.describe(inputShape))")
    var dInput = Tensor.zeros(inputShape)  // N×C×H×W
    let inputCount = dInput.count
    dInput.scalars.withUnsafeMutableBufferPointer { dInputBuffer in
        dOutput.scalars.withUnsafeBufferPointer { dOutputBuffer in
            reluInput.scalars.withUnsafeBufferPointer { reluBuffer in
                for (outputIndex, route) in routes.enumerated() {
                    precondition(route >= 0 && route < inputCount,
                                 "max pool backward: route \(route) lies outside the input \(Tensor.describe(inputShape))")
                    dInputBuffer[route] += dOutputBuffer[outputIndex]
                }
                for route in routes {
                    let slope: Float = reluBuffer[route] > 0 ? 1 : 0
                    dInputBuffer[route] = dInputBuffer[route] * slope
                }
            }
        }
    }
    return dInput
}

/// The output of `maxPool2dForward` without its routes, for inference: nothing is kept for a
/// backward pass. Same values (a NaN in a window wins; of a +0 and a −0 either may come out);
/// the 2×2, stride-2 pool of the course's networks runs a vector kernel
/// (CConvKernels/MaxPool.c), any other configuration `fastMaxPool2dForward`.
/// - Parameter input: N×C×H×W.
/// - Returns: N×C×OH×OW.
public func fastMaxPool2dValues(input: Tensor, config: Pool2DConfig) -> Tensor {
    let isTwoByTwo = config.kernelHeight == 2 && config.kernelWidth == 2 && config.strideHeight == 2
        && config.strideWidth == 2 && config.paddingHeight == 0 && config.paddingWidth == 0
    guard isTwoByTwo, input.rank == 4 else { return fastMaxPool2dForward(input: input, config: config).output }
    let geometry = pool2dGeometry(inputShape: input.shape, config: config, operation: "max pool")
    let (batch, channels, height, width) = input.nchw
    let (outputHeight, outputWidth) = geometry.outputSize
    guard 2 * outputHeight <= height, 2 * outputWidth <= width else {
        return fastMaxPool2dForward(input: input, config: config).output
    }
    var output = uninitializedFloats(count: batch * channels * outputHeight * outputWidth)  // every cell written
    let kernel = GemmMicroKernel.avx2OrPortableKernel(for: GemmMicroKernel.build)
    input.scalars.withUnsafeBufferPointer { inputBuffer in
        output.withUnsafeMutableBufferPointer { outputBuffer in
            convkernels_max_pool_2x2(kernel, inputBuffer.baseAddress!, batch * channels, height, width,
                                     outputHeight, outputWidth, outputBuffer.baseAddress!)
        }
    }
    return Tensor(shape: [batch, channels, outputHeight, outputWidth], scalars: output)
}
