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
    ///
    /// Shape inference (`outputShape(for:)`) refuses a layer whose count would overflow, so
    /// after it succeeds this is exact; asking first for a count that overflows is a
    /// programmer error. Use `checkedParameterCount(for:)` for numbers not yet inferred.
    public func parameterCount(for inputShape: [Int]) -> Int {
        guard let count = checkedParameterCount(for: inputShape) else {
            preconditionFailure("parameter count of \(description) on \(Tensor.describe(inputShape)) overflows; infer its shape first")
        }
        return count
    }

    /// `parameterCount(for:)`, or nil when the count overflows `Int` (or a factor is negative).
    public func checkedParameterCount(for inputShape: [Int]) -> Int? {
        switch self {
        case let .conv(conv):
            return conv.checkedParameterCount(inputChannels: inputShape.first ?? 0)
        case let .linear(outputFeatures, bias):
            guard let features = Limits.product(inputShape),
                  let perOutput = Limits.sum([features, bias ? 1 : 0])
            else { return nil }
            return Limits.product([perOutput, outputFeatures])
        default:
            return 0
        }
    }

    private func inferShape(_ inputShape: [Int]) throws(LayerShapeError.Problem) -> [Int] {
        try Self.checkInput(inputShape)
        switch self {
        case let .conv(conv):
            let (height, width) = try featureMap(inputShape)
            guard conv.outputChannels >= 1 else { throw .notPositive(quantity: "output channels", value: conv.outputChannels) }
            guard conv.outputChannels <= Limits.channels else {
                throw .tooLarge(quantity: "output channels", value: conv.outputChannels, limit: Limits.channels)
            }
            let geometry = try conv.config().geometry(
                inputHeight: height, inputWidth: width, kernelHeight: conv.kernelHeight, kernelWidth: conv.kernelWidth)
            let output = try validated(geometry)
            // Padding can grow a map up to W + 2P; the next layer could not take more than the limit.
            for (quantity, side) in [("output height", output.height), ("output width", output.width)] where side > Limits.side {
                throw .tooLarge(quantity: quantity, value: side, limit: Limits.side)
            }
            guard checkedParameterCount(for: inputShape) != nil else { throw .parameterCountOverflow }
            return [conv.outputChannels, output.height, output.width]
        case let .maxPool(pool), let .avgPool(pool):
            let (height, width) = try featureMap(inputShape)
            // Compared as P > ⌊F/2⌋, which is P·2 > F without the doubling that could overflow.
            if pool.paddingHeight > pool.kernelHeight / 2 {
                throw .poolPaddingTooLarge(padding: pool.paddingHeight, kernelSize: pool.kernelHeight)
            }
            if pool.paddingWidth > pool.kernelWidth / 2 {
                throw .poolPaddingTooLarge(padding: pool.paddingWidth, kernelSize: pool.kernelWidth)
            }
            let output = try validated(pool.geometry(inputHeight: height, inputWidth: width))
            return [inputShape[0], output.height, output.width]
        case .relu, .leakyRelu, .sigmoid, .tanh:
            return inputShape
        case .flatten:
            // Within the input bounds C·H·W ≤ 2^16·2^14·2^14 cannot overflow; the limit is on
            // what a linear layer after it may take.
            guard let features = Limits.product(inputShape), features <= Limits.features else {
                throw .tooLarge(quantity: "flattened features", value: Limits.product(inputShape) ?? .max, limit: Limits.features)
            }
            return [features]
        case let .linear(outputFeatures, _):
            guard inputShape.count == 1 else { throw .needsFlatFeatures }
            guard outputFeatures >= 1 else { throw .notPositive(quantity: "output features", value: outputFeatures) }
            guard outputFeatures <= Limits.features else {
                throw .tooLarge(quantity: "output features", value: outputFeatures, limit: Limits.features)
            }
            return [outputFeatures]
        }
    }

    /// Checks each extent of an input shape against `Limits` before any arithmetic on it: a
    /// feature map's channels and sides, or a flat feature count.
    private static func checkInput(_ inputShape: [Int]) throws(LayerShapeError.Problem) {
        guard inputShape.count == 1 || inputShape.count == 3 else { throw .unsupportedShape }
        if let zero = inputShape.first(where: { $0 < 1 }) {
            throw .notPositive(quantity: "input extent", value: zero)
        }
        let bounds = inputShape.count == 1
            ? [("input features", Limits.features)]
            : [("input channels", Limits.channels), ("input height", Limits.side), ("input width", Limits.side)]
        for ((quantity, limit), value) in zip(bounds, inputShape) where value > limit {
            throw .tooLarge(quantity: quantity, value: value, limit: limit)
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

extension LayerSpec {
    /// How a conv or pooling layer treats windows that do not tile (`exact` unless written
    /// `floor`); nil for layers without windows.
    public var convention: OutputSizeConvention? {
        switch self {
        case let .conv(conv): conv.convention
        case let .maxPool(pool), let .avgPool(pool): pool.convention
        default: nil
        }
    }

    /// For a layer written with `floor`: the input rows and columns (and trailing padding) of
    /// `inputShape` ([C, H, W]) that no whole window reads. Nil for an `exact` layer, a layer
    /// without windows, or a shape shape inference would refuse.
    public func droppedPositions(for inputShape: [Int]) -> DroppedPositions? {
        guard convention == .floor, (try? outputShape(for: inputShape)) != nil else { return nil }
        let (height, width) = (inputShape[1], inputShape[2])
        switch self {
        case let .conv(conv):
            guard let config = try? conv.config() else { return nil }
            return DroppedPositions(config.geometry(
                inputHeight: height, inputWidth: width, kernelHeight: conv.kernelHeight, kernelWidth: conv.kernelWidth))
        case let .maxPool(pool), let .avgPool(pool):
            return DroppedPositions(pool.geometry(inputHeight: height, inputWidth: width))
        default:
            return nil
        }
    }
}
