// Layout: NCHW activations, OIHW weights (out, in, kh, kw), as in PyTorch's nn.Conv2d.

/// A 2-D convolution layer (cross-correlation, as every CNN library computes it):
///
///     output[n, k, i, j] = bias[k] + Σ_c Σ_u Σ_v input[n, c, i·S − P + u·D, j·S − P + v·D] · weight[k, c, u, v]
///
/// input N×C×H×W → output N×K×OH×OW with OH, OW from `ConvGeometry`.
public struct Conv2D: Layer {
    /// K×C×KH×KW, named `weight`.
    public private(set) var weight: Parameter
    /// [K], named `bias`; nil for a conv without bias.
    public private(set) var bias: Parameter?
    public let config: Conv2DConfig
    /// input N×C×H×W of the last forward pass.
    private var cachedInput: Tensor?
    /// The fast path's output (N×K×OH×OW) and dInput (N×C×H×W) of the last step, written
    /// again by the next one when nobody else holds them (`reuseStorage`).
    private var outputStorage: [Float] = []
    private var dInputStorage: [Float] = []

    /// A layer holding the given weights: weight K×C×KH×KW, bias [K] or nil.
    public init(weight: Tensor, bias: Tensor?, config: Conv2DConfig = Conv2DConfig()) {
        precondition(weight.rank == 4, "conv weight must be K×C×KH×KW, got \(Tensor.describe(weight.shape))")
        if let bias {
            precondition(bias.shape == [weight.shape[0]],
                         "conv bias must be [\(weight.shape[0])], got \(Tensor.describe(bias.shape))")
        }
        self.weight = Parameter(name: "weight", value: weight)
        self.bias = bias.map { Parameter(name: "bias", value: $0) }
        self.config = config
    }

    /// PyTorch's default initialisation: weight and bias both U(−1/√fanIn, 1/√fanIn) with
    /// fanIn = C·KH·KW, drawn weight first, then bias.
    public init(
        inputChannels: Int, outputChannels: Int, kernelHeight: Int, kernelWidth: Int,
        config: Conv2DConfig = Conv2DConfig(), bias: Bool = true, generator: inout SeededGenerator
    ) {
        let weight = Tensor.kaimingUniform([outputChannels, inputChannels, kernelHeight, kernelWidth], using: &generator)
        let fanIn = inputChannels * kernelHeight * kernelWidth
        let biasValues = bias ? Tensor.defaultBias(count: outputChannels, fanIn: fanIn, using: &generator) : nil
        self.init(weight: weight, bias: biasValues, config: config)
    }

    public var outputChannels: Int { weight.shape[0] }
    public var inputChannels: Int { weight.shape[1] }
    public var kernelHeight: Int { weight.shape[2] }
    public var kernelWidth: Int { weight.shape[3] }

    /// input N×C×H×W → output N×K×OH×OW.
    public mutating func forward(_ input: Tensor) -> Tensor {
        precondition(input.rank == 4 && input.shape[1] == inputChannels,
                     "conv expects N×\(inputChannels)×H×W, got \(Tensor.describe(input.shape))")
        cachedInput = input
        guard EngineImplementation.isFast else {
            return conv2dForward(input: input, weight: weight.value, bias: bias?.value, config: config)
        }
        return fastConv2dForward(input: input, weight: weight.value, bias: bias?.value, config: config,
                                 reusing: &outputStorage)
    }

    /// input N×C×H×W → ReLU(conv(input) + bias), N×K×OH×OW, in one pass over the output on the
    /// fast path (the bias and ReLU are applied where each output is computed); caches the
    /// input as `forward` does, so `backward` is unchanged. `Sequential` calls it for a conv
    /// followed by a ReLU layer.
    mutating func forwardWithRelu(_ input: Tensor) -> Tensor {
        precondition(input.rank == 4 && input.shape[1] == inputChannels,
                     "conv expects N×\(inputChannels)×H×W, got \(Tensor.describe(input.shape))")
        cachedInput = input
        return fastConv2dForward(input: input, weight: weight.value, bias: bias?.value, config: config, relu: true,
                                 reusing: &outputStorage)
    }

    /// dOutput N×K×OH×OW → dInput N×C×H×W; adds dWeight (K×C×KH×KW) and dBias ([K]).
    public mutating func backward(_ dOutput: Tensor) -> Tensor {
        let input = requireCached(cachedInput, layer: "Conv2D")
        guard EngineImplementation.isFast else {
            let gradients = conv2dBackward(
                dOutput: dOutput, input: input, weight: weight.value, hasBias: bias != nil, config: config)
            weight.accumulate(gradients.dWeight)
            if let dBias = gradients.dBias { bias?.accumulate(dBias) }
            return gradients.dInput
        }
        let gradients = fastConv2dGradients(
            dOutput: dOutput, input: input, weight: weight.value, hasBias: bias != nil, config: config,
            computeInputGradient: true, reusing: &dInputStorage)
        weight.accumulate(gradients.dWeight)
        if let dBias = gradients.dBias { bias?.accumulate(dBias) }
        return gradients.dInput!
    }

    /// dOutput N×K×OH×OW → adds dWeight and dBias without computing dInput.
    public mutating func accumulateParameterGradients(_ dOutput: Tensor) {
        guard EngineImplementation.isFast else { _ = backward(dOutput); return }
        let input = requireCached(cachedInput, layer: "Conv2D")
        let gradients = fastConv2dGradients(
            dOutput: dOutput, input: input, weight: weight.value, hasBias: bias != nil, config: config,
            computeInputGradient: false)
        weight.accumulate(gradients.dWeight)
        if let dBias = gradients.dBias { bias?.accumulate(dBias) }
    }

    public mutating func releaseCaches() { cachedInput = nil }

    public var parameters: [Parameter] { [weight] + (bias.map { [$0] } ?? []) }

    public mutating func updateParameters(_ body: (inout Parameter) throws -> Void) rethrows {
        try body(&weight)
        if bias != nil { try body(&bias!) }
    }
}
