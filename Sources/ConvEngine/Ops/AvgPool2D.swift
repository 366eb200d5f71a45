// Layout: NCHW. Input N×C×H×W, output N×C×OH×OW; each channel is pooled on its own.

/// Average pooling forward: each output cell is the mean of its window, padding counted as
/// zeros in the divisor (PyTorch's default `count_include_pad = true`):
///
///     out[n, c, r, q] = (1 / (KH·KW)) · Σ_{i, j} x[n, c, r·S_h − P_h + i, q·S_w − P_w + j]
///
/// - Parameter input: N×C×H×W.
/// - Returns: N×C×OH×OW.
public func avgPool2dForward(input: Tensor, config: Pool2DConfig) -> Tensor {
    let geometry = pool2dGeometry(inputShape: input.shape, config: config, operation: "average pool")
    let (batch, channels, _, _) = input.nchw
    let (outputHeight, outputWidth) = geometry.outputSize
    let divisor = Float(config.kernelHeight * config.kernelWidth)
    var output = Tensor.zeros([batch, channels, outputHeight, outputWidth])  // N×C×OH×OW
    // Made one at a time: an array of every window (about 100 bytes each) would outweigh a
    // large input's output many times over.
    let windows = (0..<outputHeight * outputWidth).lazy.map { cell in
        Window(outputRow: cell / outputWidth, outputColumn: cell % outputWidth, geometry: geometry)
    }
    // Padded zeros add nothing (they count only in the divisor), so only taps over real input
    // are walked; that also keeps a window far wider than the input from costing KH·KW per cell.
    let rowTaps = (0..<outputHeight).map { geometry.height.tapsInsideInput(output: $0) }
    let columnTaps = (0..<outputWidth).map { geometry.width.tapsInsideInput(output: $0) }
    for n in 0..<batch {
        for c in 0..<channels {
            for window in windows {
                var sum: Float = 0
                for tapRow in rowTaps[window.outputRow] {
                    for tapColumn in columnTaps[window.outputColumn] {
                        let (row, column) = window.inputPosition(tapRow: tapRow, tapColumn: tapColumn)
                        sum += input.scalars[input.nchwOffset(n, c, row, column)]
                    }
                }
                output.scalars[output.nchwOffset(n, c, window.outputRow, window.outputColumn)] = sum / divisor
            }
        }
    }
    return output
}

/// Average pooling backward: every real input value in a window received 1/(KH·KW) of that
/// window's gradient, summed over the windows that cover it.
///
/// - Parameters:
///   - dOutput: N×C×OH×OW.
///   - inputShape: the forward input's shape, N×C×H×W.
/// - Returns: dInput, N×C×H×W.
public func avgPool2dBackward(dOutput: Tensor, inputShape: [Int], config: Pool2DConfig) -> Tensor {
    let geometry = pool2dGeometry(inputShape: inputShape, config: config, operation: "average pool backward")
    let (batch, channels) = (inputShape[0], inputShape[1])
    let (outputHeight, outputWidth) = geometry.outputSize
    let expectedShape = [batch, channels, outputHeight, outputWidth]
    precondition(
        dOutput.shape == expectedShape,
        "average pool backward: dOutput is \(Tensor.describe(dOutput.shape)) but the forward output is \(Tensor.describe(expectedShape))")
    let divisor = Float(config.kernelHeight * config.kernelWidth)
    var dInput = Tensor.zeros(inputShape)  // N×C×H×W
    // Made one at a time: an array of every window (about 100 bytes each) would outweigh a
    // large input's output many times over.
    let windows = (0..<outputHeight * outputWidth).lazy.map { cell in
        Window(outputRow: cell / outputWidth, outputColumn: cell % outputWidth, geometry: geometry)
    }
    // Padded zeros add nothing (they count only in the divisor), so only taps over real input
    // are walked; that also keeps a window far wider than the input from costing KH·KW per cell.
    let rowTaps = (0..<outputHeight).map { geometry.height.tapsInsideInput(output: $0) }
    let columnTaps = (0..<outputWidth).map { geometry.width.tapsInsideInput(output: $0) }
    for n in 0..<batch {
        for c in 0..<channels {
            for window in windows {
                let share = dOutput.scalars[dOutput.nchwOffset(n, c, window.outputRow, window.outputColumn)] / divisor
                for tapRow in rowTaps[window.outputRow] {
                    for tapColumn in columnTaps[window.outputColumn] {
                        let (row, column) = window.inputPosition(tapRow: tapRow, tapColumn: tapColumn)
                        dInput.scalars[dInput.nchwOffset(n, c, row, column)] += share
                    }
                }
            }
        }
    }
    return dInput
}
