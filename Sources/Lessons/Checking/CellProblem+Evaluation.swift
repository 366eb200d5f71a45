import ConvEngine

extension CellProblem {
    /// The activation names a cell exercise may use; `none` (or leaving it out) means none.
    public static let activationNames = ["none", "relu", "leakyrelu", "sigmoid", "tanh"]

    /// `relu`, `leakyrelu` (slope 0.01, PyTorch's default) or `leakyrelu 0.1`, `sigmoid`,
    /// `tanh`; `.some(nil)` for `none`; nil when the name is unknown.
    public static func activation(named name: String) -> Activation?? {
        let words = name.lowercased().split(separator: " ").map(String.init)
        switch words.first?.replacingOccurrences(of: "-", with: "") {
        case "none": return .some(nil)
        case "relu" where words.count == 1: return .relu
        case "sigmoid" where words.count == 1: return .sigmoid
        case "tanh" where words.count == 1: return .tanh
        case "leakyrelu":
            if words.count == 1 { return .leakyRelu(slope: LayerSpec.defaultLeakySlope) }
            guard words.count == 2, let slope = Float(words[1]) else { return nil }
            return .leakyRelu(slope: slope)
        default: return nil
        }
    }

    /// The pre-activation sum Σ patch ⊙ kernel + bias and the cell's output, computed by the
    /// engine's `conv2dForward` on a 1×1×H×W input and a 1×1×H×W weight (one window, one
    /// output), then `Activation.value`. An unknown activation name counts as none; the
    /// decoder has already reported it.
    public func evaluate() -> (sum: Double, output: Double) {
        let height = patch.count
        let width = patch.first?.count ?? 0
        let input = Tensor(shape: [1, 1, height, width], scalars: patch.flatMap { $0.map(Float.init) })   // 1×1×H×W
        let weight = Tensor(shape: [1, 1, height, width], scalars: kernel.flatMap { $0.map(Float.init) })  // 1×1×H×W
        let biasTensor = Tensor(shape: [1], scalars: [Float(bias)])                                         // [1]
        let output = conv2dForward(input: input, weight: weight, bias: biasTensor, config: Conv2DConfig(flipped: flipped))
        let sum = output.scalars[0]
        let activated = activation.flatMap { Self.activation(named: $0) ?? nil }.map { $0.value(sum) } ?? sum
        return (Double(sum), Double(activated))
    }
}
