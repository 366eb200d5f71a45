// Layout: NCHW in, N×(C·H·W) out. Row-major storage already orders C, H, W as PyTorch's
// flatten does, so flattening only reinterprets the shape: no element moves.

/// Flattens every axis after the batch axis: N×C×H×W → N×(C·H·W), element (c, h, w) at
/// feature c·H·W + h·W + w. Any rank of at least 2 is accepted (N×F passes through).
///
/// - Parameter input: N×C×H×W (or N×…).
/// - Returns: N×(product of the other axes).
public func flattenForward(_ input: Tensor) -> Tensor {
    precondition(input.rank >= 2, "flatten: input needs a batch axis and at least one more, got \(Tensor.describe(input.shape))")
    let batch = input.shape[0]
    return input.reshaped([batch, input.shape.dropFirst().reduce(1, *)])
}

/// Flatten backward: the gradient takes the input's shape back.
///
/// - Parameters:
///   - dOutput: N×(C·H·W).
///   - inputShape: the forward input's shape, N×C×H×W.
/// - Returns: dInput, N×C×H×W.
public func flattenBackward(dOutput: Tensor, inputShape: [Int]) -> Tensor {
    precondition(inputShape.count >= 2, "flatten backward: input shape \(Tensor.describe(inputShape)) needs at least two axes")
    let flatShape = [inputShape[0], inputShape.dropFirst().reduce(1, *)]
    precondition(
        dOutput.shape == flatShape,
        "flatten backward: dOutput is \(Tensor.describe(dOutput.shape)) but flattening \(Tensor.describe(inputShape)) gives \(Tensor.describe(flatShape))")
    return dOutput.reshaped(inputShape)
}
