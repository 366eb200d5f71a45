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

        public init(index: Int, text: String, outputShape: [Int], parameters: Int) {
            self.index = index
            self.text = text
            self.outputShape = outputShape
            self.parameters = parameters
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
        let rows = architecture.layers.indices.map { index in
            Row(index: index, text: architecture.layers[index].description,
                outputShape: shapes[index], parameters: counts[index])
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
