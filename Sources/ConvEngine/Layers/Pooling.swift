// Layout: NCHW. Pooling slides a window over each channel separately, so C is unchanged:
// input N×C×H×W → output N×C×OH×OW with OH, OW from `ConvGeometry`. No parameters.

/// Max pooling: each output is the largest input in its window (padding counts as −∞).
/// Backward sends each output's gradient to the one input that won its window.
public struct MaxPool2D: Layer {
    public let config: Pool2DConfig
    /// The input shape and the winners of the last forward pass: `routes[i]` = flat input
    /// index of output i's maximum, or on the fast path's 2×2 pool its window tap.
    private var cache: (inputShape: [Int], routes: MaxPoolRoutes)?
    /// The fast path's output, routes (or taps) and dInput of the last step, reused by the
    /// next (`reuseStorage`).
    private var outputStorage: [Float] = []
    private var routesStorage: [Int] = []
    private var tapsStorage: [UInt8] = []
    private var dInputStorage: [Float] = []

    public init(config: Pool2DConfig) { self.config = config }

    public mutating func forward(_ input: Tensor) -> Tensor {
        precondition(input.rank == 4, "max pooling expects N×C×H×W, got \(Tensor.describe(input.shape))")
        guard EngineImplementation.isFast else {
            let (output, routes) = maxPool2dForward(input: input, config: config)
            cache = (input.shape, .indices(routes))
            return output
        }
        if maxPool2x2TapsApply(inputShape: input.shape, config: config) {
            let output = fastMaxPool2x2Forward(input: input, config: config, reusing: &outputStorage, taps: &tapsStorage)
            cache = (input.shape, .windowTaps(tapsStorage))
            return output
        }
        let (output, routes) = fastMaxPool2dForward(input: input, config: config, reusing: &outputStorage, routes: &routesStorage)
        cache = (input.shape, .indices(routes))
        return output
    }

    /// The backward pass of this pool and the ReLU before it in one pass: dInput of the ReLU,
    /// given the ReLU's input (`reluInput`, this pool's input shape). See
    /// `fastMaxPool2dReluBackward`; the 2×2 pool's taps read relu′ from this pool's own output
    /// instead (`fastMaxPool2x2Backward`), which needs this pool's input to be that ReLU's output.
    mutating func backwardThroughRelu(_ dOutput: Tensor, reluInput: Tensor) -> Tensor {
        let (inputShape, routes) = requireCached(cache, layer: "MaxPool2D")
        switch routes {
        case .indices(let indices):
            return fastMaxPool2dReluBackward(dOutput: dOutput, reluInput: reluInput, inputShape: inputShape, routes: indices)
        case .windowTaps(let taps):
            // The slope comes from this pool's output of the same step, still in `outputStorage`.
            precondition(outputStorage.count == dOutput.count, "max pool backward: dOutput \(Tensor.describe(dOutput.shape)) does not match the last output")
            return fastMaxPool2x2Backward(dOutput: dOutput, taps: taps, poolOutput: Tensor(shape: dOutput.shape, scalars: outputStorage),
                                          inputShape: inputShape, reusing: &dInputStorage)
        }
    }

    public mutating func backward(_ dOutput: Tensor) -> Tensor {
        let (inputShape, routes) = requireCached(cache, layer: "MaxPool2D")
        switch routes {
        case .indices(let indices):
            return EngineImplementation.isFast
                ? fastMaxPool2dBackward(dOutput: dOutput, inputShape: inputShape, routes: indices, reusing: &dInputStorage)
                : maxPool2dBackward(dOutput: dOutput, inputShape: inputShape, routes: indices)
        case .windowTaps(let taps):
            return fastMaxPool2x2Backward(dOutput: dOutput, taps: taps, poolOutput: nil, inputShape: inputShape,
                                          reusing: &dInputStorage)
        }
    }

    public mutating func releaseCaches() { cache = nil }
}

/// Average pooling: each output is the mean of its window, padded zeros included in the
/// divisor KH·KW (PyTorch's `count_include_pad=True`). Backward spreads each output's gradient
/// evenly, 1/(KH·KW) to every input of its window.
public struct AvgPool2D: Layer {
    public let config: Pool2DConfig
    /// The input shape N×C×H×W of the last forward pass.
    private var cachedInputShape: [Int]?

    public init(config: Pool2DConfig) { self.config = config }

    public mutating func forward(_ input: Tensor) -> Tensor {
        precondition(input.rank == 4, "average pooling expects N×C×H×W, got \(Tensor.describe(input.shape))")
        cachedInputShape = input.shape
        return avgPool2dForward(input: input, config: config)
    }

    public mutating func backward(_ dOutput: Tensor) -> Tensor {
        let inputShape = requireCached(cachedInputShape, layer: "AvgPool2D")
        return avgPool2dBackward(dOutput: dOutput, inputShape: inputShape, config: config)
    }
}
