// Layout: NCHW. Counts are Float32 scalars (4 bytes) unless stated; shapes are per example.

/// The bytes a training run will allocate, worked out from its spec and sizes before anything
/// is allocated, so a run that cannot fit is refused with a number instead of dying in
/// `malloc` minutes later. Every product and sum is checked: a spec or size too large to
/// count is an error, never a trap. The estimate follows what the engine really holds:
///
///     parameters   P weights, their gradients, and the optimiser's state
///                  (SGD: one velocity per weight; Adam: two moments) = 4·P·(2 + state)
///     activations  training: every layer keeps its input for backward, so the batch's input
///                  and every layer's output live at once, plus the widest dInput/dOutput pair
///                  of the backward pass: B·(I + Σ Oᵢ + max(inᵢ + outᵢ)); evaluation then
///                  runs a copy of the network on batches of E, which keeps its own inputs:
///                  E·(I + Σ Oᵢ)
///     scratch      the fast conv's im2col buffers for the largest conv layer: columns,
///                  dColumns (R × G·P each, R = C·KH·KW, P = OH·OW, G images per group under
///                  its column budget), the product K × G·P, and the K × R kernel and dKernel
///     data         every image as C·H·W floats plus an 8-byte label, training and test
public struct MemoryEstimate: Sendable, Equatable {
    /// Weights, gradients and optimiser state.
    public var parameterBytes: Int
    /// Activations and their gradients for one training batch, plus one evaluation batch.
    public var activationBytes: Int
    /// The fast path's temporary buffers (freed after each conv call; the largest counts).
    public var scratchBytes: Int
    /// The training and test images and labels.
    public var dataBytes: Int
    /// The batch the activations were counted for (the batch size, or the training set when
    /// it is smaller).
    public var batchSize: Int

    /// The sum of the parts.
    public var totalBytes: Int { parameterBytes + activationBytes + scratchBytes + dataBytes }

    /// Bytes of one Float32 scalar.
    static let scalarBytes = 4
    /// Bytes of one label (`Int`).
    static let labelBytes = 8

    /// The estimate for training `architecture` on `trainingCount` and `testCount` examples in
    /// batches of `batchSize`, evaluated in batches of `evaluationBatchSize` (the trainer's).
    /// Throws the spec's `LayerShapeError` when its shapes do not work, and
    /// `MemoryEstimateError.uncountable` when a count overflows a 64-bit integer.
    public init(
        architecture: ArchitectureSpec, batchSize: Int, trainingCount: Int, testCount: Int,
        optimizer: OptimizerKind, evaluationBatchSize: Int = Trainer.evaluationBatchSize
    ) throws {
        guard batchSize >= 1, trainingCount >= 0, testCount >= 0, evaluationBatchSize >= 1 else {
            throw MemoryEstimateError.uncountable(part: "a negative size or an empty batch")
        }
        let outputShapes = try architecture.outputShapes()
        let inputShapes = [architecture.inputShape] + outputShapes.dropLast()
        let inputCount = try Self.count(architecture.inputShape, part: "the input")
        var outputCounts: [Int] = []
        var parameterCount = 0
        var widestPair = 0
        var scratch = 0
        let trainingBatch = trainingCount > 0 ? min(batchSize, trainingCount) : batchSize
        let evaluationBatch = min(evaluationBatchSize, max(trainingCount, testCount, 1))
        for (index, layer) in architecture.layers.enumerated() {
            let part = "layer \(index) (\(layer))"
            let outputCount = try Self.count(outputShapes[index], part: part)
            let inputCount = try Self.count(inputShapes[index], part: part)
            outputCounts.append(outputCount)
            widestPair = max(widestPair, try Self.checked(Limits.sum([inputCount, outputCount]), part: part))
            parameterCount = try Self.checked(
                Limits.sum([parameterCount, try Self.parameters(of: layer, input: inputShapes[index], part: part)]), part: part)
            if case let .conv(conv) = layer {
                let layerScratch = try Self.convScratch(
                    conv, input: inputShapes[index], output: outputShapes[index],
                    batch: max(trainingBatch, evaluationBatch), part: part)
                scratch = max(scratch, layerScratch)
            }
        }
        let kept = try Self.checked(Limits.sum([inputCount] + outputCounts), part: "the activations")
        let optimizerState = optimizer == .adam ? 2 : 1
        let imageBytes = try Self.checked(Limits.product([inputCount, Self.scalarBytes]), part: "one image")
        let exampleBytes = try Self.checked(Limits.sum([imageBytes, Self.labelBytes]), part: "one image")
        let examples = try Self.checked(Limits.sum([trainingCount, testCount]), part: "the data sets")

        parameterBytes = try Self.checked(Limits.product([parameterCount, 2 + optimizerState, Self.scalarBytes]), part: "the weights")
        let trainingActivations = try Self.checked(
            Limits.product([trainingBatch, try Self.checked(Limits.sum([kept, widestPair]), part: "the activations"), Self.scalarBytes]),
            part: "the activations for batch \(trainingBatch)")
        let evaluationActivations = try Self.checked(
            Limits.product([evaluationBatch, kept, Self.scalarBytes]), part: "the activations for evaluation")
        activationBytes = try Self.checked(Limits.sum([trainingActivations, evaluationActivations]), part: "the activations")
        scratchBytes = try Self.checked(Limits.product([scratch, Self.scalarBytes]), part: "the conv scratch")
        dataBytes = try Self.checked(Limits.product([examples, exampleBytes]), part: "the data sets")
        self.batchSize = trainingBatch
        _ = try Self.checked(Limits.sum([parameterBytes, activationBytes, scratchBytes, dataBytes]), part: "the whole run")
    }

    /// Throws `MemoryEstimateError.tooLarge` when the run needs more than `limit` bytes.
    public func check(limit: Int = Limits.memoryBytes) throws(MemoryEstimateError) {
        guard totalBytes <= limit else { throw .tooLarge(self, limit: limit) }
    }

    /// The parts, largest first, for messages: "activations 92.8 GB for batch 32, weights 1.2 MB".
    public var breakdown: String {
        let parts = [
            ("activations", activationBytes, " for batch \(batchSize)"), ("weights", parameterBytes, ""),
            ("data", dataBytes, ""), ("conv scratch", scratchBytes, ""),
        ]
        return parts.filter { $0.1 > 0 }.sorted { $0.1 > $1.1 }
            .map { "\($0.0) \(Limits.formatBytes($0.1))\($0.2)" }.joined(separator: ", ")
    }

    /// The largest part's name: what to shrink first.
    public var largestPart: String {
        [("activations", activationBytes), ("weights", parameterBytes), ("data", dataBytes), ("conv scratch", scratchBytes)]
            .max { $0.1 < $1.1 }!.0
    }

    // MARK: - Checked pieces

    private static func checked(_ value: Int?, part: String) throws(MemoryEstimateError) -> Int {
        guard let value else { throw .uncountable(part: part) }
        return value
    }

    private static func count(_ shape: [Int], part: String) throws(MemoryEstimateError) -> Int {
        try checked(Limits.product(shape), part: part)
    }

    /// Learnable scalars of one layer from its input shape: K·C·KH·KW (+ K) for a conv,
    /// F·out (+ out) for a linear layer.
    private static func parameters(of layer: LayerSpec, input: [Int], part: String) throws(MemoryEstimateError) -> Int {
        switch layer {
        case let .conv(conv):
            let weights = try checked(
                Limits.product([conv.outputChannels, input.first ?? 0, conv.kernelHeight, conv.kernelWidth]), part: part)
            return try checked(Limits.sum([weights, conv.bias ? conv.outputChannels : 0]), part: part)
        case let .linear(outputFeatures, bias):
            let weights = try checked(Limits.product([try count(input, part: part), outputFeatures]), part: part)
            return try checked(Limits.sum([weights, bias ? outputFeatures : 0]), part: part)
        default:
            return 0
        }
    }

    /// Scalars the fast conv allocates besides its output, for a batch of `batch`: the group
    /// size G follows `imagesPerGroup` in FastConv2D.swift (the column matrix R × G·P stays
    /// under the column budget, and G is at least 1).
    static func convScratch(
        _ conv: Conv2DSpec, input: [Int], output: [Int], batch: Int, part: String
    ) throws(MemoryEstimateError) -> Int {
        let rowCount = try checked(Limits.product([input.first ?? 0, conv.kernelHeight, conv.kernelWidth]), part: part)
        let plane = try checked(Limits.product(Array(output.dropFirst())), part: part)
        let perImage = max(1, try checked(Limits.product([rowCount, plane]), part: part))
        let group = max(1, min(batch, defaultColumnBudget / perImage))
        let columnScalars = try checked(Limits.product([group, plane]), part: part)
        let columnRows = try checked(Limits.sum([rowCount, rowCount, conv.outputChannels]), part: part)
        let buffers = try checked(Limits.product([columnRows, columnScalars]), part: part)
        let kernels = try checked(Limits.product([2, conv.outputChannels, rowCount]), part: part)
        return try checked(Limits.sum([buffers, kernels]), part: part)
    }
}

/// Why a run's memory was refused.
public enum MemoryEstimateError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The run needs more than the limit.
    case tooLarge(MemoryEstimate, limit: Int)
    /// A count overflowed a 64-bit integer: the run is far beyond any limit.
    case uncountable(part: String)

    public var description: String {
        switch self {
        case let .tooLarge(estimate, limit):
            "this run needs about \(Limits.formatBytes(estimate.totalBytes)) (\(estimate.breakdown)); the limit is \(Limits.formatBytes(limit))"
        case let .uncountable(part):
            "this run needs more memory than a 64-bit count can hold (\(part) alone overflows); the limit is \(Limits.formatBytes(Limits.memoryBytes))"
        }
    }
}
