// Layout: NCHW. A batch enters as N×C×H×W (or N×F for a flat-input spec) and every layer
// passes a batch on.

/// A network built from an `ArchitectureSpec`: the layers in order, run forward and backward
/// over a batch.
///
/// Layer `i` of the spec becomes module `i` here, exactly as the equivalent PyTorch
/// `nn.Sequential` numbers its modules (the `input` line is not a module; activations,
/// pooling and flatten take an index but own no parameters). Parameters are therefore named as
/// in PyTorch's `state_dict`: `0.weight`, `0.bias`, `3.weight`, … (see
/// `Sequential+StateDictionary.swift`).
public struct Sequential: Sendable {
    public let spec: ArchitectureSpec
    /// One layer per entry of `spec.layers`.
    public internal(set) var layers: [any Layer]
    /// What `predict` keeps between calls (shared by copies; see `InferencePlanCache`).
    let inferencePlans = InferencePlanCache()

    /// Bytes each parameter holds here: its Float32 value and its Float32 gradient.
    static let bytesPerParameter = 8

    /// Builds every layer with PyTorch's default initialisation, drawing from `generator` layer
    /// by layer, weight before bias. Throws the first layer whose shape does not work, or at
    /// which the weights and gradients so far would pass `Limits.memoryBytes`: checked before
    /// anything is allocated, so a huge spec is refused instead of exhausting memory.
    public init(spec: ArchitectureSpec, generator: inout SeededGenerator) throws(LayerShapeError) {
        let inputShapes = try spec.layerInputShapes()
        var bytes = 0
        for (index, count) in try spec.parameterCounts().enumerated() {
            bytes = Limits.sum([bytes, Limits.product([count, Self.bytesPerParameter]) ?? .max]) ?? .max
            guard bytes <= Limits.memoryBytes else {
                throw LayerShapeError(
                    layerIndex: index, layerText: spec.layers[index].description, inputShape: inputShapes[index],
                    problem: .weightsTooLarge(bytes: bytes, limit: Limits.memoryBytes))
            }
        }
        var layers: [any Layer] = []
        for (layerSpec, inputShape) in zip(spec.layers, inputShapes) {
            layers.append(Self.makeLayer(layerSpec, inputShape: inputShape, generator: &generator))
        }
        self.spec = spec
        self.layers = layers
    }

    /// Builds the network from a fresh generator seeded with `seed`; same seed, same weights.
    public init(spec: ArchitectureSpec, seed: UInt64) throws(LayerShapeError) {
        var generator = SeededGenerator(seed: seed)
        try self.init(spec: spec, generator: &generator)
    }

    /// The layer for one spec entry, given the per-example shape it receives (already checked
    /// by shape inference).
    static func makeLayer(_ layer: LayerSpec, inputShape: [Int], generator: inout SeededGenerator) -> any Layer {
        switch layer {
        case let .conv(conv):
            let config: Conv2DConfig
            do { config = try conv.config() } catch { preconditionFailure("shape inference accepted \(layer): \(error)") }
            return Conv2D(
                inputChannels: inputShape[0], outputChannels: conv.outputChannels,
                kernelHeight: conv.kernelHeight, kernelWidth: conv.kernelWidth,
                config: config, bias: conv.bias, generator: &generator)
        case let .maxPool(config):
            return MaxPool2D(config: config)
        case let .avgPool(config):
            return AvgPool2D(config: config)
        case .relu, .leakyRelu, .sigmoid, .tanh:
            return ActivationLayer(layer.activation!)
        case .flatten:
            return Flatten()
        case let .linear(outputFeatures, bias):
            return Linear(
                inputFeatures: inputShape.reduce(1, *), outputFeatures: outputFeatures, bias: bias, generator: &generator)
        }
    }

    /// input N×(spec input shape) → output N×(spec output shape); caches for backward.
    public mutating func forward(_ input: Tensor) -> Tensor {
        precondition(input.rank == spec.inputShape.count + 1 && Array(input.shape.dropFirst()) == spec.inputShape,
                     "network expects N×\(Tensor.describe(spec.inputShape)), got \(Tensor.describe(input.shape))")
        if EngineImplementation.isFast { return fusedForward(input) }
        var activation = input
        for index in layers.indices { activation = layers[index].forward(activation) }
        return activation
    }

    /// `forward`, spelt as a call.
    public mutating func callAsFunction(_ input: Tensor) -> Tensor { forward(input) }

    /// dOutput (the output's shape) → dInput (the input's shape), through every layer in
    /// reverse; adds each layer's parameter gradients. Follows a `forward` on the same batch.
    public mutating func backward(_ dOutput: Tensor) -> Tensor {
        if EngineImplementation.isFast { return fusedBackward(dOutput, firstInputGradient: true)! }
        var gradient = dOutput
        for index in layers.indices.reversed() { gradient = layers[index].backward(gradient) }
        return gradient
    }

    /// `backward` for training: the same parameter gradients, but the first layer computes no
    /// dInput (nothing reads the gradient with respect to the images).
    public mutating func accumulateParameterGradients(_ dOutput: Tensor) {
        if EngineImplementation.isFast { _ = fusedBackward(dOutput, firstInputGradient: false); return }
        var gradient = dOutput
        for index in layers.indices.reversed() {
            if index == layers.startIndex {
                layers[index].accumulateParameterGradients(gradient)
            } else {
                gradient = layers[index].backward(gradient)
            }
        }
    }

    /// Every layer's output for `input`, in order, without touching this network's caches
    /// (it runs on a copy): what the activation-map views show.
    public func layerOutputs(for input: Tensor) -> [Tensor] {
        var copy = self
        var outputs: [Tensor] = []
        var activation = input
        for index in copy.layers.indices {
            activation = copy.layers[index].forward(activation)
            outputs.append(activation)
        }
        return outputs
    }

    /// Every parameter in module order, named as in PyTorch's `state_dict` (`0.weight`).
    public var parameters: [Parameter] {
        layers.enumerated().flatMap { index, layer in
            layer.parameters.map { parameter in
                var named = parameter
                named.name = "\(index).\(parameter.name)"
                return named
            }
        }
    }

    /// Calls `body` on every parameter in module order, in place, with its qualified name
    /// (`0.weight`), so optimisers can key their state by it. The body must keep name and shape.
    public mutating func updateParameters(_ body: (inout Parameter) throws -> Void) rethrows {
        for index in layers.indices {
            try layers[index].updateParameters { parameter in
                let localName = parameter.name
                let shape = parameter.shape
                parameter.name = "\(index).\(localName)"
                defer { parameter.name = localName }
                try body(&parameter)
                precondition(parameter.shape == shape && parameter.gradient.shape == shape,
                             "\(index).\(localName) must keep shape \(Tensor.describe(shape))")
            }
        }
    }

    /// Sets every gradient to zero, before accumulating a new batch.
    public mutating func zeroGradients() {
        updateParameters { $0.zeroGradient() }
    }

    /// The number of learnable scalars (equals `spec.parameterCount()`).
    public var parameterCount: Int { layers.reduce(0) { $0 + $1.parameterCount } }
}
