/// A learnable tensor together with the gradient of the loss with respect to it.
///
/// Layers own their parameters (`weight`, `bias`); `backward` adds into `gradient` (so a
/// gradient over several batches accumulates until `zeroGradient()`), and an optimiser reads
/// `gradient` and writes `value`. `name` is the layer-local PyTorch name (`weight`, `bias`);
/// `Sequential` prefixes it with the module index (`0.weight`) when it lists parameters.
public struct Parameter: Equatable, Sendable {
    public var name: String
    /// The current values; same shape as `gradient`.
    public var value: Tensor
    /// ∂loss/∂value, accumulated over backward passes since the last zeroing.
    public var gradient: Tensor

    /// A parameter with a zero gradient.
    public init(name: String, value: Tensor) {
        self.name = name
        self.value = value
        self.gradient = Tensor.zeros(value.shape)
    }

    public init(name: String, value: Tensor, gradient: Tensor) {
        precondition(value.shape == gradient.shape,
                     "\(name): value \(Tensor.describe(value.shape)) vs gradient \(Tensor.describe(gradient.shape))")
        self.name = name
        self.value = value
        self.gradient = gradient
    }

    public var shape: [Int] { value.shape }

    /// gradient += delta.
    public mutating func accumulate(_ delta: Tensor) { gradient.add(delta) }

    /// gradient ← 0.
    public mutating func zeroGradient() {
        for index in gradient.scalars.indices { gradient.scalars[index] = 0 }
    }
}
