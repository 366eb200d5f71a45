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
    var output: [Float] = []
    var routes: [Int] = []
    return fastMaxPool2dForward(input: input, config: config, reusing: &output, routes: &routes)
}

/// `fastMaxPool2dForward` writing into `output` and `routes` where the windows need no
/// padding (see `reuseStorage`); the returned routes share `routes`' storage.
func fastMaxPool2dForward(
    input: Tensor, config: Pool2DConfig, reusing output: inout [Float], routes: inout [Int]
) -> (output: Tensor, routes: [Int]) {
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
    reuseStorage(&output, count: planeCount * outputPlane)   // N×C×OH×OW, every cell written
    if routes.count != planeCount * outputPlane { routes = [Int](repeating: 0, count: planeCount * outputPlane) }
    input.scalars.withUnsafeBufferPointer { inputBuffer in
        output.withUnsafeMutableBufferPointer { outputBuffer in
            routes.withUnsafeMutableBufferPointer { routeBuffer in
                let source = inputBuffer.baseAddress!
                if kernelHeight == 2 && kernelWidth == 2 && strideHeight == 2 && strideWidth == 2 {
                    maxPool2x2(source, width: width, planeCount: planeCount, inputPlane: inputPlane,
                               outputHeight: outputHeight, outputWidth: outputWidth,
                               output: outputBuffer.baseAddress!, routes: routeBuffer.baseAddress!)
                    return
                }
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

/// The 2×2, stride-2 pool of every course network, its four taps unrolled in the same order
/// and with the same comparison as the general loop.
private func maxPool2x2(
    _ source: UnsafePointer<Float>, width: Int, planeCount: Int, inputPlane: Int,
    outputHeight: Int, outputWidth: Int,
    output: UnsafeMutablePointer<Float>, routes: UnsafeMutablePointer<Int>
) {
    @inline(__always) func wins(_ value: Float, over best: Float) -> Bool {
        value > best || (value.isNaN && !best.isNaN)
    }
    var outputIndex = 0
    for plane in 0..<planeCount {
        for outputRow in 0..<outputHeight {
            let top = plane * inputPlane + 2 * outputRow * width
            let bottom = top + width
            for outputColumn in 0..<outputWidth {
                let column = 2 * outputColumn
                var best = source[top + column]
                var route = top + column
                // Selects rather than branches: which tap wins is data, and mispredicted
                // branches cost more than the comparisons.
                let topRight = source[top + column + 1]
                var takes = wins(topRight, over: best)
                best = takes ? topRight : best
                route = takes ? top + column + 1 : route
                let bottomLeft = source[bottom + column]
                takes = wins(bottomLeft, over: best)
                best = takes ? bottomLeft : best
                route = takes ? bottom + column : route
                let bottomRight = source[bottom + column + 1]
                takes = wins(bottomRight, over: best)
                best = takes ? bottomRight : best
                route = takes ? bottom + column + 1 : route
                output[outputIndex] = best
                routes[outputIndex] = route
                outputIndex += 1
            }
        }
    }
}

/// `maxPool2dBackward` on raw pointers: dInput[routes[i]] += dOutput[i].
/// - Parameters:
///   - dOutput: N×C×OH×OW.
///   - inputShape: N×C×H×W.
/// - Returns: dInput, N×C×H×W.
public func fastMaxPool2dBackward(dOutput: Tensor, inputShape: [Int], routes: [Int]) -> Tensor {
    var storage: [Float] = []
    return fastMaxPool2dBackward(dOutput: dOutput, inputShape: inputShape, routes: routes, reusing: &storage)
}

/// `fastMaxPool2dBackward` writing dInput into `dInput` (see `reuseStorage`).
func fastMaxPool2dBackward(dOutput: Tensor, inputShape: [Int], routes: [Int], reusing dInput: inout [Float]) -> Tensor {
    precondition(
        routes.count == dOutput.count,
        "max pool backward: dOutput \(Tensor.describe(dOutput.shape)) has \(dOutput.count) elements but there are \(routes.count) routes")
    let inputCount = inputShape.reduce(1, *)
    reuseZeroedStorage(&dInput, count: inputCount)  // N×C×H×W
    dInput.withUnsafeMutableBufferPointer { dInputBuffer in
        dOutput.scalars.withUnsafeBufferPointer { dOutputBuffer in
            for (outputIndex, route) in routes.enumerated() {
                precondition(route >= 0 && route < inputCount,
                             "max pool backward: route \(route) lies outside the input \(Tensor.describe(inputShape))")
                dInputBuffer[route] += dOutputBuffer[outputIndex]
            }
        }
    }
    return Tensor(shape: inputShape, scalars: dInput)
}
