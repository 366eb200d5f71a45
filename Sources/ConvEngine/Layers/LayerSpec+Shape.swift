// Shape inference and parameter counts from a spec alone: nothing is allocated, so a summary
// of VGG16 costs a few integer operations per layer. Shapes are per example (no batch axis):
// a feature map is [C, H, W], flat features are [F].

extension LayerSpec {
    /// The shape this layer produces from `inputShape`, using `ConvGeometry` for every window
    /// (conv: `[C, H, W] → [K, OH, OW]` with O = (W + 2P − D·(F − 1) − 1)/S + 1).
    ///
    /// Throws a `LayerShapeError` (its `layerIndex` is nil here; `ArchitectureSpec` fills it)
    /// when the geometry does not tile or the layer receives the wrong kind of shape.
    public func outputShape(for inputShape: [Int]) throws(LayerShapeError) -> [Int] {
        do {
            return try inferShape(inputShape)
        } catch {
            throw LayerShapeError(layerIndex: nil, layerText: description, inputShape: inputShape, problem: error)
        }
    }

    /// The number of learnable scalars: (KH·KW·C + 1)·K for a conv over C input channels,
    /// (F + 1)·out for a linear layer over F features (no +1 without bias), 0 otherwise.
    /// A linear layer counts every element of its input, so give it the flattened shape.
    public func parameterCount(for inputShape: [Int]) -> Int {
        switch self {
        case let .conv(conv):
            return conv.parameterCount(inputChannels: inputShape.first ?? 0)
        case let .linear(outputFeatures, bias):
            return (inputShape.reduce(1, *) + (bias ? 1 : 0)) * outputFeatures
        default:
            return 0
        }
    }

    private func inferShape(_ inputShape: [Int]) throws(LayerShapeError.Problem) -> [Int] {
        guard inputShape.count == 1 || inputShape.count == 3 else { throw .unsupportedShape }
        if let zero = inputShape.first(where: { $0 < 1 }) {
            throw .notPositive(quantity: "input extent", value: zero)
        }
        switch self {
        case let .conv(conv):
            let (height, width) = try featureMap(inputShape)
            guard conv.outputChannels >= 1 else { throw .notPositive(quantity: "output channels", value: conv.outputChannels) }
            let geometry = try conv.config().geometry(
                inputHeight: height, inputWidth: width, kernelHeight: conv.kernelHeight, kernelWidth: conv.kernelWidth)
            let output = try validated(geometry)
            return [conv.outputChannels, output.height, output.width]
        case let .maxPool(pool), let .avgPool(pool):
            let (height, width) = try featureMap(inputShape)
            if pool.paddingHeight * 2 > pool.kernelHeight {
                throw .poolPaddingTooLarge(padding: pool.paddingHeight, kernelSize: pool.kernelHeight)
            }
            if pool.paddingWidth * 2 > pool.kernelWidth {
                throw .poolPaddingTooLarge(padding: pool.paddingWidth, kernelSize: pool.kernelWidth)
            }
            let output = try validated(pool.geometry(inputHeight: height, inputWidth: width))
            return [inputShape[0], output.height, output.width]
        case .relu, .leakyRelu, .sigmoid, .tanh:
            return inputShape
        case .flatten:
            return [inputShape.reduce(1, *)]
        case let .linear(outputFeatures, _):
            guard inputShape.count == 1 else { throw .needsFlatFeatures }
            guard outputFeatures >= 1 else { throw .notPositive(quantity: "output features", value: outputFeatures) }
            return [outputFeatures]
        }
    }

    private func featureMap(_ shape: [Int]) throws(LayerShapeError.Problem) -> (height: Int, width: Int) {
        guard shape.count == 3 else { throw .needsFeatureMap }
        return (shape[1], shape[2])
    }

    private func validated(_ geometry: ConvGeometry) throws(LayerShapeError.Problem) -> (height: Int, width: Int) {
        switch geometry.validated {
        case let .success(size): return size
        case let .failure(error): throw .geometry(error)
        }
    }
}
