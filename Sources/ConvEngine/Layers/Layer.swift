// Layout: NCHW. Every layer takes and returns a batch: N×C×H×W for feature maps, N×F for flat
// features.

/// One stage of a network with a forward and a backward pass.
///
/// - `forward` computes the output and caches what `backward` will need (the input, or the
///   max-pool routes), which is why it is `mutating`.
/// - `backward` takes ∂loss/∂output (`dOutput`, the output's shape), **adds** ∂loss/∂weight and
///   ∂loss/∂bias into the parameters' gradients (`dWeight`, `dBias`), and returns ∂loss/∂input
///   (`dInput`, the input's shape). It must follow a `forward` on the same batch.
/// - `parameters` lists the learnable tensors with their gradients, `weight` before `bias`
///   (PyTorch's order); `updateParameters` lets an optimiser change them in place.
///
/// Layers are value types: copying a network snapshots its weights (the arrays share storage
/// until one copy is written), which is how a trainer hands a consistent view to the UI.
public protocol Layer: Sendable {
    /// output = layer(input); caches what backward needs.
    mutating func forward(_ input: Tensor) -> Tensor
    /// Accumulates parameter gradients from `dOutput` and returns `dInput`.
    mutating func backward(_ dOutput: Tensor) -> Tensor
    /// `backward` for a layer whose dInput nobody reads (a network's first layer): adds the
    /// same parameter gradients, and may skip computing dInput.
    mutating func accumulateParameterGradients(_ dOutput: Tensor)
    /// The learnable tensors, `weight` then `bias`; empty for layers without any.
    var parameters: [Parameter] { get }
    /// Calls `body` on each parameter in `parameters` order, in place. The body must keep each
    /// parameter's name and shape.
    mutating func updateParameters(_ body: (inout Parameter) throws -> Void) rethrows
    /// Drops what `forward` cached for `backward` (a following `backward` needs a new
    /// `forward`). The arrays the cache shared with the layer before it are then held by that
    /// layer alone, which writes its next output into them instead of allocating: a training
    /// step's shards call this after backward.
    mutating func releaseCaches()
}

extension Layer {
    public var parameters: [Parameter] { [] }
    public mutating func updateParameters(_ body: (inout Parameter) throws -> Void) rethrows {}
    public mutating func accumulateParameterGradients(_ dOutput: Tensor) { _ = backward(dOutput) }
    public mutating func releaseCaches() {}

    /// `forward`, spelt as a call: `output = layer(input)`.
    public mutating func callAsFunction(_ input: Tensor) -> Tensor { forward(input) }

    /// Sets every parameter gradient to zero, before accumulating a new batch.
    public mutating func zeroGradients() {
        updateParameters { $0.zeroGradient() }
    }

    /// The number of learnable scalars.
    public var parameterCount: Int { parameters.reduce(0) { $0 + $1.value.count } }
}

/// The cached forward input a backward pass needs; a programmer error if absent.
func requireCached<Value>(_ value: Value?, layer: String) -> Value {
    guard let value else { preconditionFailure("\(layer).backward called before forward") }
    return value
}
