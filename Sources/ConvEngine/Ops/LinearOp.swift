// Layout: input N×in, weight out×in (as PyTorch's nn.Linear), bias [out], output N×out.
//
//     out[n, o] = b[o] + Σ_i x[n, i] · w[o, i]

/// Fully connected layer forward: every output is a weighted sum of every input.
///
/// - Parameters:
///   - input: N×in.
///   - weight: out×in.
///   - bias: [out], or nil.
/// - Returns: N×out.
public func linearForward(input: Tensor, weight: Tensor, bias: Tensor?) -> Tensor {
    checkLinearShapes(input: input, weight: weight, bias: bias)
    let (batch, inputFeatures) = (input.shape[0], input.shape[1])
    let outputFeatures = weight.shape[0]
    var output = Tensor.zeros([batch, outputFeatures])  // N×out
    for n in 0..<batch {
        for o in 0..<outputFeatures {
            var sum: Float = 0
            for i in 0..<inputFeatures {
                sum += input.scalars[n * inputFeatures + i] * weight.scalars[o * inputFeatures + i]
            }
            output.scalars[n * outputFeatures + o] = sum + (bias?.scalars[o] ?? 0)
        }
    }
    return output
}

/// Fully connected layer backward:
///
///     dInput[n, i]  = Σ_o dOut[n, o] · w[o, i]     (dOut · W)
///     dWeight[o, i] = Σ_n dOut[n, o] · x[n, i]     (dOutᵀ · X)
///     dBias[o]      = Σ_n dOut[n, o]
///
/// - Parameters:
///   - dOutput: N×out.
///   - input: N×in, the forward input.
///   - weight: out×in.
/// - Returns: dInput N×in, dWeight out×in, dBias [out] (nil unless `hasBias`).
public func linearBackward(dOutput: Tensor, input: Tensor, weight: Tensor, hasBias: Bool)
    -> (dInput: Tensor, dWeight: Tensor, dBias: Tensor?)
{
    checkLinearShapes(input: input, weight: weight, bias: nil)
    let (batch, inputFeatures) = (input.shape[0], input.shape[1])
    let outputFeatures = weight.shape[0]
    precondition(
        dOutput.shape == [batch, outputFeatures],
        "linear backward: dOutput is \(Tensor.describe(dOutput.shape)) but the forward output is \(Tensor.describe([batch, outputFeatures]))")
    var dInput = Tensor.zeros(input.shape)  // N×in
    var dWeight = Tensor.zeros(weight.shape)  // out×in
    var dBias = Tensor.zeros([outputFeatures])  // [out]
    for n in 0..<batch {
        for o in 0..<outputFeatures {
            let gradient = dOutput.scalars[n * outputFeatures + o]
            dBias.scalars[o] += gradient
            for i in 0..<inputFeatures {
                dInput.scalars[n * inputFeatures + i] += gradient * weight.scalars[o * inputFeatures + i]
                dWeight.scalars[o * inputFeatures + i] += gradient * input.scalars[n * inputFeatures + i]
            }
        }
    }
    return (dInput, dWeight, hasBias ? dBias : nil)
}

/// Preconditions naming both shapes when input, weight and bias do not fit together.
private func checkLinearShapes(input: Tensor, weight: Tensor, bias: Tensor?) {
    precondition(input.rank == 2, "linear: input must be N×in, got \(Tensor.describe(input.shape))")
    precondition(weight.rank == 2, "linear: weight must be out×in, got \(Tensor.describe(weight.shape))")
    precondition(
        weight.shape[1] == input.shape[1],
        "linear: weight \(Tensor.describe(weight.shape)) expects \(weight.shape[1]) input features but input \(Tensor.describe(input.shape)) has \(input.shape[1])")
    if let bias {
        precondition(
            bias.shape == [weight.shape[0]],
            "linear: bias \(Tensor.describe(bias.shape)) does not match weight \(Tensor.describe(weight.shape)): expected \(weight.shape[0])")
    }
}
