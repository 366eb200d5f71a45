/// A whole network as a spec: the per-example input shape and the layers in order, without
/// weights. It reads and writes the one-line architecture language, e.g.
///
///     input 28x28x1 | conv 8 3x3 pad 1 | relu | maxpool 2 | flatten | linear 10
///
/// (grammar in `ArchitectureSpecParser`), and answers shape and parameter questions from the
/// spec alone. Layer indices count from 0 over `layers`, the `input` line excluded, exactly as
/// the equivalent PyTorch `nn.Sequential` numbers its modules.
public struct ArchitectureSpec: Hashable, Sendable {
    /// The shape of one example: `[C, H, W]` for images, `[F]` for flat features.
    public var inputShape: [Int]
    public var layers: [LayerSpec]

    public init(inputShape: [Int], layers: [LayerSpec]) {
        self.inputShape = inputShape
        self.layers = layers
    }

    /// An image input of the given height, width and channels (stored C×H×W).
    public init(inputHeight: Int, inputWidth: Int, inputChannels: Int, layers: [LayerSpec]) {
        self.init(inputShape: [inputChannels, inputHeight, inputWidth], layers: layers)
    }

    /// Parses the architecture language; the error names the column, what was expected and
    /// what was found.
    public init(parsing text: String) throws(ArchitectureParseError) {
        self = try ArchitectureSpecParser(text: text).parse()
    }

    /// The `input` line's text: `input 28x28x1` (height x width x channels) or `input 784`.
    public var inputText: String {
        inputShape.count == 3
            ? "input \(inputShape[1])x\(inputShape[2])x\(inputShape[0])"
            : "input " + inputShape.map(String.init).joined(separator: "x")
    }

    /// The canonical one-line text; parsing it gives back an equal spec.
    public var specText: String {
        ([inputText] + layers.map(\.description)).joined(separator: " | ")
    }

    /// The output shape of every layer, in order (`outputShapes()[i]` is layer i's output).
    /// Throws the first layer's `LayerShapeError`, with its index filled in.
    public func outputShapes() throws(LayerShapeError) -> [[Int]] {
        var shapes: [[Int]] = []
        var shape = inputShape
        for (index, layer) in layers.enumerated() {
            do {
                shape = try layer.outputShape(for: shape)
            } catch {
                var located = error
                located.layerIndex = index
                throw located
            }
            shapes.append(shape)
        }
        return shapes
    }

    /// The network's output shape (the input shape when there are no layers).
    public func outputShape() throws(LayerShapeError) -> [Int] {
        try outputShapes().last ?? inputShape
    }

    /// The shape entering each layer: the input shape, then every output but the last.
    public func layerInputShapes() throws(LayerShapeError) -> [[Int]] {
        Array(([inputShape] + (try outputShapes())).prefix(layers.count))
    }

    /// Each layer's parameter count, in order. Throws when a count, or the running total, would
    /// overflow `Int`, naming the layer where it does; so summing the result cannot overflow.
    public func parameterCounts() throws(LayerShapeError) -> [Int] {
        let inputShapes = try layerInputShapes()
        var counts: [Int] = []
        var total = 0
        for (index, (layer, shape)) in zip(layers, inputShapes).enumerated() {
            func failure(_ problem: LayerShapeError.Problem) -> LayerShapeError {
                LayerShapeError(layerIndex: index, layerText: layer.description, inputShape: shape, problem: problem)
            }
            guard let count = layer.checkedParameterCount(for: shape) else { throw failure(.parameterCountOverflow) }
            guard let next = Limits.sum([total, count]) else {
                throw failure(.totalParametersOverflow(totalBefore: total, layerParameters: count))
            }
            counts.append(count)
            total = next
        }
        return counts
    }

    /// The total number of learnable scalars.
    public func parameterCount() throws(LayerShapeError) -> Int {
        // parameterCounts() has checked that this sum fits.
        try parameterCounts().reduce(0, +)
    }
}

extension ArchitectureSpec: CustomStringConvertible {
    public var description: String { specText }
}
