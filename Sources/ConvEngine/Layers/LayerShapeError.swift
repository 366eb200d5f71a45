/// Why a layer cannot take the shape it is given: thrown by shape inference
/// (`LayerSpec.outputShape(for:)`, `ArchitectureSpec.outputShapes()`) and when a `Sequential`
/// is built. It names the layer (its index in the module list, counting from 0 as PyTorch's
/// `nn.Sequential` does, and its spec text), the input shape it received, and the problem.
public struct LayerShapeError: Error, Equatable, Sendable {
    /// What is wrong, independent of which layer it is.
    public enum Problem: Error, Equatable, Sendable {
        /// The window does not fit or tile (the geometry's own sentence says why).
        case geometry(GeometryError)
        /// A conv or pooling layer received flat features instead of a C×H×W map.
        case needsFeatureMap
        /// A linear layer received a C×H×W map; it needs `flatten` first.
        case needsFlatFeatures
        /// The shape is neither C×H×W nor a feature count.
        case unsupportedShape
        /// A channel or feature count below 1.
        case notPositive(quantity: String, value: Int)
        /// A channel count, side or feature count above its bound in `Limits`.
        case tooLarge(quantity: String, value: Int, limit: Int)
        /// The layer's own parameter count does not fit in an `Int`.
        case parameterCountOverflow
        /// The network's running parameter total overflows an `Int` at this layer.
        case totalParametersOverflow(totalBefore: Int, layerParameters: Int)
        /// Building the network would hold `bytes` of weights and gradients by this layer, more
        /// than `limit` (`Limits.memoryBytes`); `Int.max` stands for a size past counting.
        case weightsTooLarge(bytes: Int, limit: Int)
        /// `pad same` with a stride above 1, which PyTorch also rejects.
        case samePaddingNeedsStrideOne(strideHeight: Int, strideWidth: Int)
        /// `pad same` with an even effective kernel, which would need uneven padding.
        case samePaddingNeedsOddKernel(axis: String, effectiveKernelSize: Int)
        /// Pooling padding above half the window, so some windows would read only padding.
        case poolPaddingTooLarge(padding: Int, kernelSize: Int)
    }

    /// The layer's index in the module list (0-based, the `input` line excluded); nil when a
    /// lone `LayerSpec` was asked.
    public var layerIndex: Int?
    /// The layer's spec text, e.g. `conv 16 5x5`.
    public var layerText: String
    /// The per-example shape the layer received (C×H×W or [features]).
    public var inputShape: [Int]
    public var problem: Problem

    public init(layerIndex: Int?, layerText: String, inputShape: [Int], problem: Problem) {
        self.layerIndex = layerIndex
        self.layerText = layerText
        self.inputShape = inputShape
        self.problem = problem
    }
}

extension LayerShapeError: CustomStringConvertible {
    /// One line, e.g. `layer 3 (conv 16 5x5) on input 6×4×4 (C×H×W): height: kernel 5 is
    /// larger than the padded input 4 + 2·0 = 4`. The order is named because the spec that
    /// caused it writes its input H×W×C.
    public var description: String {
        let name = layerIndex.map { "layer \($0) (\(layerText))" } ?? "layer \(layerText)"
        let order = inputShape.count == 3 ? " (C×H×W)" : ""
        return "\(name) on input \(Tensor.describe(inputShape))\(order): \(problem.explanation(inputShape: inputShape))"
    }
}

extension LayerShapeError.Problem {
    /// The problem as a clause a learner can act on.
    func explanation(inputShape: [Int]) -> String {
        switch self {
        case let .geometry(error):
            // Here the learner can act on it: the spec language's `floor` is PyTorch's rule.
            if case .doesNotTile = error { return "\(error.description); add `floor` to round down as PyTorch does" }
            return error.description
        case .needsFeatureMap:
            return "needs a C×H×W feature map, but its input is \(inputShape.first ?? 0) flat features; put it before flatten"
        case .needsFlatFeatures:
            return "needs flat features, but its input is a \(Tensor.describe(inputShape)) feature map; add flatten before it"
        case .unsupportedShape:
            return "expects a C×H×W feature map or a feature count"
        case let .notPositive(quantity, value):
            return "\(quantity) must be at least 1, got \(value)"
        case let .tooLarge(quantity, value, limit):
            return "\(quantity) must be at most \(limit), got \(value)"
        case .parameterCountOverflow:
            return "its parameter count is more than \(Int.max), the most a count can hold"
        case let .weightsTooLarge(bytes, limit):
            let size = bytes == .max ? "more than \(Limits.formatBytes(.max))" : Limits.formatBytes(bytes)
            return "the network's weights and gradients up to this layer need \(size), more than the \(Limits.formatBytes(limit)) a run may use"
        case let .totalParametersOverflow(totalBefore, layerParameters):
            return "the network's parameter total, \(totalBefore) before this layer plus its \(layerParameters), is more than \(Int.max), the most a count can hold"
        case let .samePaddingNeedsStrideOne(strideHeight, strideWidth):
            let stride = strideHeight == strideWidth ? "\(strideHeight)" : "\(strideHeight)x\(strideWidth)"
            return "pad same keeps the size only at stride 1, got stride \(stride)"
        case let .samePaddingNeedsOddKernel(axis, effectiveKernelSize):
            return "\(axis): pad same needs an odd kernel extent, got \(effectiveKernelSize), which would need uneven padding"
        case let .poolPaddingTooLarge(padding, kernelSize):
            return "padding \(padding) is more than half the window \(kernelSize), so a window could read only padding"
        }
    }
}
