/// Flattens each example: N×C×H×W → N×(C·H·W), in C, H, W order (PyTorch's `nn.Flatten`), so
/// feature index c·H·W + h·W + w is input[n, c, h, w]. A rank-2 N×F input passes through.
/// Backward reshapes the gradient back. No parameters.
public struct Flatten: Layer {
    /// The input shape of the last forward pass.
    private var cachedInputShape: [Int]?

    public init() {}

    public mutating func forward(_ input: Tensor) -> Tensor {
        cachedInputShape = input.shape
        return flattenForward(input)
    }

    public mutating func backward(_ dOutput: Tensor) -> Tensor {
        flattenBackward(dOutput: dOutput, inputShape: requireCached(cachedInputShape, layer: "Flatten"))
    }
}
