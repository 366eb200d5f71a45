// Layout: NCHW. Input N×C×H×W, weight K×C×KH×KW (OIHW, as PyTorch), bias [K], output N×K×OH×OW.
//
// With S, P, D the per-axis stride, padding and dilation (`Conv2DConfig`), output cell (r, q)
// of channel k is
//
//     out[n, k, r, q] = b[k] + Σ_{c, i, j} x[n, c, r·S_h − P_h + i·D_h, q·S_w − P_w + j·D_w] · w[k, c, i', j']
//
// where (i', j') = (i, j) for cross-correlation and (KH − 1 − i, KW − 1 − j) when `flipped`.
// Positions outside the input are zero padding. OH and OW come from `ConvGeometry` only.

/// 2-D convolution forward: the entry point layers call. It dispatches to the implementation
/// `EngineImplementation.current` names; every implementation must agree with
/// `referenceConv2dForward`.
///
/// - Parameters:
///   - input: N×C×H×W.
///   - weight: K×C×KH×KW.
///   - bias: [K], or nil for no bias.
/// - Returns: N×K×OH×OW.
public func conv2dForward(input: Tensor, weight: Tensor, bias: Tensor?, config: Conv2DConfig) -> Tensor {
    EngineImplementation.isFast
        ? fastConv2dForward(input: input, weight: weight, bias: bias, config: config)
        : referenceConv2dForward(input: input, weight: weight, bias: bias, config: config)
}

/// 2-D convolution backward: given ∂L/∂out, the gradients of the loss with respect to the
/// input, the weight and (when `hasBias`) the bias. Dispatches like `conv2dForward`.
///
/// - Parameters:
///   - dOutput: N×K×OH×OW, ∂L/∂out.
///   - input: N×C×H×W, the forward input.
///   - weight: K×C×KH×KW, the forward weight.
/// - Returns: dInput N×C×H×W, dWeight K×C×KH×KW, dBias [K] (nil unless `hasBias`).
public func conv2dBackward(dOutput: Tensor, input: Tensor, weight: Tensor, hasBias: Bool, config: Conv2DConfig)
    -> (dInput: Tensor, dWeight: Tensor, dBias: Tensor?)
{
    EngineImplementation.isFast
        ? fastConv2dBackward(dOutput: dOutput, input: input, weight: weight, hasBias: hasBias, config: config)
        : referenceConv2dBackward(dOutput: dOutput, input: input, weight: weight, hasBias: hasBias, config: config)
}

/// The readable convolution: for each output cell, walk its window, multiply each input value
/// under a tap by that tap's weight, sum the products over taps and input channels, add the
/// bias. The stepper shows exactly these steps.
///
/// - Parameters:
///   - input: N×C×H×W.
///   - weight: K×C×KH×KW.
///   - bias: [K], or nil.
/// - Returns: N×K×OH×OW.
public func referenceConv2dForward(input: Tensor, weight: Tensor, bias: Tensor?, config: Conv2DConfig) -> Tensor {
    let geometry = conv2dGeometry(input: input, weight: weight, bias: bias, config: config)
    let (batch, inputChannels, inputHeight, inputWidth) = input.nchw
    let (outputChannels, _, kernelHeight, kernelWidth) = weight.nchw
    let (outputHeight, outputWidth) = geometry.outputSize
    var output = Tensor.zeros([batch, outputChannels, outputHeight, outputWidth])  // N×K×OH×OW
    let windows = geometry.windows
    for n in 0..<batch {
        for k in 0..<outputChannels {
            for window in windows {
                var sum: Float = 0
                for c in 0..<inputChannels {
                    for tapRow in 0..<kernelHeight {
                        for tapColumn in 0..<kernelWidth {
                            let (row, column) = window.inputPosition(tapRow: tapRow, tapColumn: tapColumn)
                            // A tap in the padding reads zero and adds nothing.
                            guard row >= 0, row < inputHeight, column >= 0, column < inputWidth else { continue }
                            let kernelRow = config.kernelRow(tapRow: tapRow, kernelHeight: kernelHeight)
                            let kernelColumn = config.kernelColumn(tapColumn: tapColumn, kernelWidth: kernelWidth)
                            sum += input.scalars[input.nchwOffset(n, c, row, column)]
                                * weight.scalars[weight.nchwOffset(k, c, kernelRow, kernelColumn)]
                        }
                    }
                }
                let outputOffset = output.nchwOffset(n, k, window.outputRow, window.outputColumn)
                output.scalars[outputOffset] = sum + (bias?.scalars[k] ?? 0)
            }
        }
    }
    return output
}

/// The readable backward pass, the forward loop run in reverse: every product
/// x·w that fed out[n, k, r, q] sends dOut[n, k, r, q]·w back to that input value and
/// dOut[n, k, r, q]·x back to that weight; the bias received dOut once per output cell.
///
///     dInput[n, c, row, column] = Σ over the (k, r, q, i, j) that read it of dOut[n, k, r, q]·w[k, c, i', j']
///     dWeight[k, c, i', j']      = Σ_{n, r, q} dOut[n, k, r, q]·x[n, c, row, column]
///     dBias[k]                  = Σ_{n, r, q} dOut[n, k, r, q]
///
/// - Parameters:
///   - dOutput: N×K×OH×OW.
///   - input: N×C×H×W.
///   - weight: K×C×KH×KW.
/// - Returns: dInput N×C×H×W, dWeight K×C×KH×KW, dBias [K] (nil unless `hasBias`).
public func referenceConv2dBackward(dOutput: Tensor, input: Tensor, weight: Tensor, hasBias: Bool, config: Conv2DConfig)
    -> (dInput: Tensor, dWeight: Tensor, dBias: Tensor?)
{
    let geometry = conv2dGeometry(input: input, weight: weight, bias: nil, config: config)
    let (batch, inputChannels, inputHeight, inputWidth) = input.nchw
    let (outputChannels, _, kernelHeight, kernelWidth) = weight.nchw
    let (outputHeight, outputWidth) = geometry.outputSize
    let expectedShape = [batch, outputChannels, outputHeight, outputWidth]
    precondition(
        dOutput.shape == expectedShape,
        "conv2d backward: dOutput is \(Tensor.describe(dOutput.shape)) but the forward output is \(Tensor.describe(expectedShape))")
    var dInput = Tensor.zeros(input.shape)  // N×C×H×W
    var dWeight = Tensor.zeros(weight.shape)  // K×C×KH×KW
    var dBias = Tensor.zeros([outputChannels])  // [K]
    let windows = geometry.windows
    for n in 0..<batch {
        for k in 0..<outputChannels {
            for window in windows {
                let gradient = dOutput.scalars[dOutput.nchwOffset(n, k, window.outputRow, window.outputColumn)]
                dBias.scalars[k] += gradient
                for c in 0..<inputChannels {
                    for tapRow in 0..<kernelHeight {
                        for tapColumn in 0..<kernelWidth {
                            let (row, column) = window.inputPosition(tapRow: tapRow, tapColumn: tapColumn)
                            guard row >= 0, row < inputHeight, column >= 0, column < inputWidth else { continue }
                            let kernelRow = config.kernelRow(tapRow: tapRow, kernelHeight: kernelHeight)
                            let kernelColumn = config.kernelColumn(tapColumn: tapColumn, kernelWidth: kernelWidth)
                            let inputOffset = input.nchwOffset(n, c, row, column)
                            let weightOffset = weight.nchwOffset(k, c, kernelRow, kernelColumn)
                            dInput.scalars[inputOffset] += weight.scalars[weightOffset] * gradient
                            dWeight.scalars[weightOffset] += input.scalars[inputOffset] * gradient
                        }
                    }
                }
            }
        }
    }
    return (dInput, dWeight, hasBias ? dBias : nil)
}

/// Checks the shapes a convolution needs (naming both shapes on a mismatch) and returns the
/// window geometry. An invalid geometry fails when its output size is asked for, naming the
/// `GeometryError`; callers that take user input validate it first.
func conv2dGeometry(input: Tensor, weight: Tensor, bias: Tensor?, config: Conv2DConfig) -> ConvGeometry {
    precondition(input.rank == 4, "conv2d: input must be N×C×H×W, got \(Tensor.describe(input.shape))")
    precondition(weight.rank == 4, "conv2d: weight must be K×C×KH×KW, got \(Tensor.describe(weight.shape))")
    precondition(
        weight.shape[1] == input.shape[1],
        "conv2d: weight \(Tensor.describe(weight.shape)) expects \(weight.shape[1]) input channels but input \(Tensor.describe(input.shape)) has \(input.shape[1])")
    if let bias {
        precondition(
            bias.shape == [weight.shape[0]],
            "conv2d: bias \(Tensor.describe(bias.shape)) does not match weight \(Tensor.describe(weight.shape)): expected \(weight.shape[0])")
    }
    let geometry = config.geometry(
        inputHeight: input.shape[2], inputWidth: input.shape[3],
        kernelHeight: weight.shape[2], kernelWidth: weight.shape[3])
    if case let .failure(error) = geometry.validated {
        preconditionFailure("conv2d: invalid geometry for input \(Tensor.describe(input.shape)) and weight \(Tensor.describe(weight.shape)): \(error)")
    }
    return geometry
}
