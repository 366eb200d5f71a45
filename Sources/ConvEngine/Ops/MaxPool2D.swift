// Layout: NCHW. Input N×C×H×W, output N×C×OH×OW; each channel is pooled on its own.

/// Max pooling forward: each output cell is the largest input value in its window.
///
///     out[n, c, r, q] = max_{i, j} x[n, c, r·S_h − P_h + i, q·S_w − P_w + j]
///
/// Padding counts as −∞, so it never wins against a real value (zero padding would beat an
/// all-negative window). On a tie the first maximum in row-major window order wins, as in
/// PyTorch; a NaN in the window wins over numbers, so it propagates.
///
/// - Parameter input: N×C×H×W.
/// - Returns: the output N×C×OH×OW, and `routes`, one per output element in the output's
///   row-major order: the flat index into `input.scalars` of the value that won. Backward
///   sends each gradient down its route.
public func maxPool2dForward(input: Tensor, config: Pool2DConfig) -> (output: Tensor, routes: [Int]) {
    let geometry = pool2dGeometry(inputShape: input.shape, config: config, operation: "max pool")
    let (batch, channels, _, _) = input.nchw
    let (outputHeight, outputWidth) = geometry.outputSize
    var output = Tensor.zeros([batch, channels, outputHeight, outputWidth])  // N×C×OH×OW
    var routes = [Int](repeating: 0, count: output.count)
    // Made one at a time: an array of every window (about 100 bytes each) would outweigh a
    // large input's output many times over.
    let windows = (0..<outputHeight * outputWidth).lazy.map { cell in
        Window(outputRow: cell / outputWidth, outputColumn: cell % outputWidth, geometry: geometry)
    }
    // Padding is −∞ and never wins, so only taps over real input are walked; that also keeps a
    // window far wider than the input from costing KH·KW per cell.
    let rowTaps = (0..<outputHeight).map { geometry.height.tapsInsideInput(output: $0) }
    let columnTaps = (0..<outputWidth).map { geometry.width.tapsInsideInput(output: $0) }
    for n in 0..<batch {
        for c in 0..<channels {
            for window in windows {
                var best = -Float.infinity
                var route = -1
                for tapRow in rowTaps[window.outputRow] {
                    for tapColumn in columnTaps[window.outputColumn] {
                        let (row, column) = window.inputPosition(tapRow: tapRow, tapColumn: tapColumn)
                        let offset = input.nchwOffset(n, c, row, column)
                        let value = input.scalars[offset]
                        // Strictly greater keeps the first of equal maxima.
                        if route < 0 || value > best || (value.isNaN && !best.isNaN) {
                            best = value
                            route = offset
                        }
                    }
                }
                let outputOffset = output.nchwOffset(n, c, window.outputRow, window.outputColumn)
                output.scalars[outputOffset] = best
                routes[outputOffset] = route
            }
        }
    }
    return (output, routes)
}

/// Max pooling backward: only the winner of each window influenced the output, so
/// dInput[routes[i]] += dOutput[i] and every other input gets zero. A value that wins
/// several overlapping windows collects all their gradients.
///
/// - Parameters:
///   - dOutput: N×C×OH×OW.
///   - inputShape: the forward input's shape, N×C×H×W.
///   - routes: the forward pass's routes, one per element of `dOutput`.
/// - Returns: dInput, N×C×H×W.
public func maxPool2dBackward(dOutput: Tensor, inputShape: [Int], routes: [Int]) -> Tensor {
    precondition(
        routes.count == dOutput.count,
        "max pool backward: dOutput \(Tensor.describe(dOutput.shape)) has \(dOutput.count) elements but there are \(routes.count) routes")
    var dInput = Tensor.zeros(inputShape)  // N×C×H×W
    for (outputOffset, route) in routes.enumerated() {
        precondition(
            route >= 0 && route < dInput.count,
            "max pool backward: route \(route) lies outside the input \(Tensor.describe(inputShape))")
        dInput.scalars[route] += dOutput.scalars[outputOffset]
    }
    return dInput
}
