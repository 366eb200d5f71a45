/// A network's shapes and parameter counts, layer by layer: what `convlab arch` prints as a
/// table and, with `--json`, encodes as JSON. Built from a spec alone, so it is instant even
/// for VGG16.
public struct ArchitectureSummary: Codable, Equatable, Sendable {
    /// One layer's line.
    public struct Row: Codable, Equatable, Sendable {
        /// The layer's index in the module list, counting from 0 (PyTorch's numbering).
        public var index: Int
        /// The layer's spec text, e.g. `conv 6 5x5 pad 2`.
        public var text: String
        /// The per-example output shape, C×H×W or [features].
        public var outputShape: [Int]
        /// The layer's learnable scalars.
        public var parameters: Int
        /// `floor` for a conv or pooling layer that rounds its output size down; absent (nil)
        /// for every other layer, including conv and pooling under the exact rule.
        public var convention: OutputSizeConvention?
        /// For a `floor` layer, what rounding down leaves unread (empty lists when it tiles).
        public var dropped: DroppedPositions?

        public init(
            index: Int, text: String, outputShape: [Int], parameters: Int,
            convention: OutputSizeConvention? = nil, dropped: DroppedPositions? = nil
        ) {
            self.index = index
            self.text = text
            self.outputShape = outputShape
            self.parameters = parameters
            self.convention = convention
            self.dropped = dropped
        }
    }

    /// The canonical spec text of the whole network.
    public var spec: String
    /// The per-example input shape, C×H×W or [features].
    public var inputShape: [Int]
    public var layers: [Row]
    public var totalParameters: Int

    public init(spec: String, inputShape: [Int], layers: [Row], totalParameters: Int) {
        self.spec = spec
        self.inputShape = inputShape
        self.layers = layers
        self.totalParameters = totalParameters
    }

    /// Works out every shape and count; throws the first layer whose shape fails.
    public init(_ architecture: ArchitectureSpec) throws(LayerShapeError) {
        let shapes = try architecture.outputShapes()
        let counts = try architecture.parameterCounts()
        let inputShapes = [architecture.inputShape] + shapes.dropLast()
        let rows = architecture.layers.indices.map { index in
            let layer = architecture.layers[index]
            let dropped = layer.droppedPositions(for: inputShapes[index])
            return Row(index: index, text: layer.description,
                       outputShape: shapes[index], parameters: counts[index],
                       convention: dropped == nil ? nil : .floor, dropped: dropped)
        }
        // parameterCounts() refuses a network whose total overflows, so this sum fits.
        self.init(spec: architecture.specText, inputShape: architecture.inputShape, layers: rows,
                  totalParameters: counts.reduce(0, +))
    }
}

extension ArchitectureSpec {
    /// The layer-by-layer summary of this spec.
    public func summary() throws(LayerShapeError) -> ArchitectureSummary {
        try ArchitectureSummary(self)
    }
}
