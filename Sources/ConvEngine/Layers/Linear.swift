// Layout: input N×in, weight out×in (PyTorch's nn.Linear), bias [out], output N×out.

/// A fully connected layer: output[n, o] = bias[o] + Σ_i input[n, i] · weight[o, i].
public struct Linear: Layer {
    /// out×in, named `weight`.
    public private(set) var weight: Parameter
    /// [out], named `bias`; nil without bias.
    public private(set) var bias: Parameter?
    /// input N×in of the last forward pass.
    private var cachedInput: Tensor?

    /// A layer holding the given weights: weight out×in, bias [out] or nil.
    public init(weight: Tensor, bias: Tensor?) {
        precondition(weight.rank == 2, "linear weight must be out×in, got \(Tensor.describe(weight.shape))")
        if let bias {
            precondition(bias.shape == [weight.shape[0]],
                         "linear bias must be [\(weight.shape[0])], got \(Tensor.describe(bias.shape))")
        }
        self.weight = Parameter(name: "weight", value: weight)
        self.bias = bias.map { Parameter(name: "bias", value: $0) }
    }

    /// PyTorch's default initialisation: weight and bias U(−1/√in, 1/√in), weight drawn first.
    public init(inputFeatures: Int, outputFeatures: Int, bias: Bool = true, generator: inout SeededGenerator) {
        let weight = Tensor.kaimingUniform([outputFeatures, inputFeatures], using: &generator)
        let biasValues = bias ? Tensor.defaultBias(count: outputFeatures, fanIn: inputFeatures, using: &generator) : nil
        self.init(weight: weight, bias: biasValues)
    }

    public var inputFeatures: Int { weight.shape[1] }
    public var outputFeatures: Int { weight.shape[0] }

    /// input N×in → output N×out.
    public mutating func forward(_ input: Tensor) -> Tensor {
        precondition(input.rank == 2 && input.shape[1] == inputFeatures,
                     "linear expects N×\(inputFeatures), got \(Tensor.describe(input.shape))")
        cachedInput = input
        return EngineImplementation.isFast
            ? fastLinearForward(input: input, weight: weight.value, bias: bias?.value)
            : linearForward(input: input, weight: weight.value, bias: bias?.value)
    }

    /// dOutput N×out → dInput N×in; adds dWeight (out×in) and dBias ([out]).
    public mutating func backward(_ dOutput: Tensor) -> Tensor {
        let input = requireCached(cachedInput, layer: "Linear")
        if EngineImplementation.isFast {
            // dWeight goes straight onto the gradient: no dWeight tensor, no second pass.
            let (dInput, dBias) = fastLinearBackward(
                dOutput: dOutput, input: input, weight: weight.value, hasBias: bias != nil,
                addingWeightGradientTo: &weight.gradient)
            if let dBias { bias?.accumulate(dBias) }
            return dInput
        }
        let gradients = linearBackward(dOutput: dOutput, input: input, weight: weight.value, hasBias: bias != nil)
        weight.accumulate(gradients.dWeight)
        if let dBias = gradients.dBias { bias?.accumulate(dBias) }
        return gradients.dInput
    }

    public mutating func releaseCaches() { cachedInput = nil }

    public var parameters: [Parameter] { [weight] + (bias.map { [$0] } ?? []) }

    public mutating func updateParameters(_ body: (inout Parameter) throws -> Void) rethrows {
        try body(&weight)
        if bias != nil { try body(&bias!) }
    }
}
