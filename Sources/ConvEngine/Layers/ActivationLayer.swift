/// An element-wise non-linearity (ReLU, leaky ReLU, sigmoid, tanh) as a layer: any shape in,
/// the same shape out, no parameters. Backward multiplies by the derivative at the cached
/// input: dInput = dOutput ⊙ f′(input).
public struct ActivationLayer: Layer {
    public let activation: Activation
    /// The input of the last forward pass, any shape.
    private var cachedInput: Tensor?
    /// The fast ReLU's output and dInput of the last step, reused by the next (`reuseStorage`).
    private var outputStorage: [Float] = []
    private var dInputStorage: [Float] = []

    public init(_ activation: Activation) { self.activation = activation }

    public mutating func forward(_ input: Tensor) -> Tensor {
        cachedInput = input
        if activation == .relu && EngineImplementation.isFast { return fastReluForward(input, reusing: &outputStorage) }
        return activationForward(input, activation)
    }

    /// Takes a ReLU output computed elsewhere (a conv with the ReLU fused) as this layer's
    /// forward pass. Caching the output in place of the input leaves `backward` exact:
    /// relu′(x) = 1 exactly when x > 0, which is exactly when relu(x) = x > 0.
    mutating func takeFusedReluOutput(_ output: Tensor) {
        precondition(activation == .relu, "only a ReLU layer can take a fused ReLU output, not \(activation)")
        cachedInput = output
    }

    /// What ReLU's backward multiplies by is `cachedInput > 0`; the fused pool + ReLU backward
    /// reads it here.
    var cachedReluInput: Tensor? { activation == .relu ? cachedInput : nil }

    public mutating func backward(_ dOutput: Tensor) -> Tensor {
        let input = requireCached(cachedInput, layer: "ActivationLayer")
        if activation == .relu && EngineImplementation.isFast {
            return fastReluBackward(dOutput: dOutput, input: input, reusing: &dInputStorage)
        }
        return activationBackward(dOutput: dOutput, input: input, activation)
    }

    public mutating func releaseCaches() { cachedInput = nil }
}
