// Layout: NCHW. Input N×C×H×W, output N×C×OH×OW; each channel is pooled on its own.
//
// Max pooling on raw pointers, same semantics as `maxPool2dForward` (Ops/MaxPool2D.swift): the
// first maximum in row-major window order wins ties, a NaN wins over numbers, and routes hold
// the flat input index of each winner. It covers windows that lie wholly inside the input (no
// padding), which is every pooling layer of the course's networks; any other configuration
// runs the reference.

/// `maxPool2dForward`, fast where the windows need no padding.
/// - Parameter input: N×C×H×W.
/// - Returns: output N×C×OH×OW and one route per output element.
public func fastMaxPool2dForward(input: Tensor, config: Pool2DConfig) -> (output: Tensor, routes: [Int]) {
    let geometry = pool2dGeometry(inputShape: input.shape, config: config, operation: "max pool")
    let (batch, channels, height, width) = input.nchw
    let (outputHeight, outputWidth) = geometry.outputSize
    let (kernelHeight, kernelWidth) = (config.kernelHeight, config.kernelWidth)
    let (strideHeight, strideWidth) = (config.strideHeight, config.strideWidth)
    let inside = config.paddingHeight == 0 && config.paddingWidth == 0
        && (outputHeight == 0 || (outputHeight - 1) * strideHeight + kernelHeight <= height)
        && (outputWidth == 0 || (outputWidth - 1) * strideWidth + kernelWidth <= width)
    guard inside else { return maxPool2dForward(input: input, config: config) }

    let planeCount = batch * channels
    let (inputPlane, outputPlane) = (height * width, outputHeight * outputWidth)
    var output = [Float](repeating: 0, count: planeCount * outputPlane)   // N×C×OH×OW
    var routes = [Int](repeating: 0, count: planeCount * outputPlane)
    input.scalars.withUnsafeBufferPointer { inputBuffer in
        output.withUnsafeMutableBufferPointer { outputBuffer in
            routes.withUnsafeMutableBufferPointer { routeBuffer in
                let source = inputBuffer.baseAddress!
                var outputIndex = 0
                for plane in 0..<planeCount {
                    let planeStart = plane * inputPlane
                    for outputRow in 0..<outputHeight {
                        let rowStart = planeStart + outputRow * strideHeight * width
                        for outputColumn in 0..<outputWidth {
                            let windowStart = rowStart + outputColumn * strideWidth
                            var best = source[windowStart]
                            var route = windowStart
                            for tapRow in 0..<kernelHeight {
                                let tapStart = windowStart + tapRow * width
                                for tapColumn in 0..<kernelWidth {
                                    let value = source[tapStart + tapColumn]
                                    // Strictly greater keeps the first of equal maxima.
                                    if value > best || (value.isNaN && !best.isNaN) {
                                        best = value
                                        route = tapStart + tapColumn
                                    }
                                }
                            }
                            outputBuffer[outputIndex] = best
                            routeBuffer[outputIndex] = route
                            outputIndex += 1
                        }
                    }
                }
            }
        }
    }
    return (Tensor(shape: [batch, channels, outputHeight, outputWidth], scalars: output), routes)
}

/// `maxPool2dBackward` on raw pointers: dInput[routes[i]] += dOutput[i].
/// - Parameters:
///   - dOutput: N×C×OH×OW.
///   - inputShape: N×C×H×W.
/// - Returns: dInput, N×C×H×W.
public func fastMaxPool2dBackward(dOutput: Tensor, inputShape: [Int], routes: [Int]) -> Tensor {
    precondition(
        routes.count == dOutput.count,
        "max pool backward: dOutput \(Tensor.describe(dOutput.shape)) has \(dOutput.count) elements but there are \(routes.count) routes")
    var dInput = Tensor.zeros(inputShape)  // N×C×H×W
    let inputCount = dInput.count
    dInput.scalars.withUnsafeMutableBufferPointer { dInputBuffer in
        dOutput.scalars.withUnsafeBufferPointer { dOutputBuffer in
            for (outputIndex, route) in routes.enumerated() {
                precondition(route >= 0 && route < inputCount,
                             "max pool backward: route \(route) lies outside the input \(Tensor.describe(inputShape))")
                dInputBuffer[route] += dOutputBuffer[outputIndex]
            }
        }
    }
    return dInput
}
