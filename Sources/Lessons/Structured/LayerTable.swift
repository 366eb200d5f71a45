import ConvEngine

/// A network's layers as the course writes them: each layer's output shape (H×W×C for a
/// feature map, a feature count for a flat vector) and parameter count, all from the engine
/// (`ArchitectureSpec.outputShapes` and `parameterCounts`). Spot the error and trace a network
/// are both about this table.
public struct LayerTable: Hashable, Sendable {
    public struct Row: Hashable, Sendable {
        /// The layer as the spec language writes it: `conv 8 3x3`.
        public let layer: String
        /// H×W×C (the engine's C×H×W reordered), or [F] for flat features.
        public let output: [Int]
        public let parameters: Int
        /// How the parameter count comes about: `(3·3·3 + 1)·8 = 224`.
        public let parameterWorking: String
    }

    /// The input shape, in the course's order.
    public let input: [Int]
    public let rows: [Row]

    /// Most layers a table exercise may have: every row must fit one screen.
    public static let layerCounts = 1...8

    /// Builds the table; throws the engine's message when the spec cannot be read or its
    /// shapes do not work out.
    init(spec text: String) throws(DerivationError) {
        let spec: ArchitectureSpec
        let shapes: [[Int]]
        let counts: [Int]
        let inputs: [[Int]]
        do {
            spec = try ArchitectureSpec(nameOrSpec: text)
            shapes = try spec.outputShapes()
            counts = try spec.parameterCounts()
            inputs = try spec.layerInputShapes()
        } catch {
            throw DerivationError(line: 0, message: "\(error)")
        }
        guard Self.layerCounts.contains(spec.layers.count) else {
            throw DerivationError(line: 0, message: "the network has \(spec.layers.count) layers; a table exercise takes \(Self.layerCounts.lowerBound) to \(Self.layerCounts.upperBound)")
        }
        input = Self.courseOrder(spec.inputShape)
        rows = spec.layers.indices.map { index in
            Row(layer: spec.layers[index].description, output: Self.courseOrder(shapes[index]), parameters: counts[index],
                parameterWorking: Self.working(spec.layers[index], input: inputs[index], count: counts[index]))
        }
    }

    /// C×H×W → H×W×C; a flat shape stays as it is.
    static func courseOrder(_ shape: [Int]) -> [Int] {
        shape.count == 3 ? [shape[1], shape[2], shape[0]] : shape
    }

    /// `12×12×8`, or `1,152` for flat features.
    public static func display(_ shape: [Int]) -> String {
        shape.count == 1 ? AnswerFormat.number(Double(shape[0])) : shape.map(String.init).joined(separator: "×")
    }

    private static func working(_ layer: LayerSpec, input: [Int], count: Int) -> String {
        let total = AnswerFormat.number(Double(count))
        switch layer {
        case let .conv(conv):
            let channels = input.first ?? 0
            return "(\(conv.kernelHeight)·\(conv.kernelWidth)·\(channels)\(conv.bias ? " + 1" : ""))·\(conv.outputChannels) = \(total)"
        case let .linear(outputs, bias):
            let inputs = AnswerFormat.number(Double(input.reduce(1, *)))
            return "(\(inputs)\(bias ? " + 1" : ""))·\(AnswerFormat.number(Double(outputs))) = \(total)"
        default:
            return "no weights"
        }
    }

    /// One line per row: number, layer, then the given columns, aligned.
    func lines(output: (Int) -> String, parameters: (Int) -> String) -> [String] {
        let header = ["#", "layer", "output (H×W×C)", "parameters"]
        var table = [["", "input", Self.display(input), ""]]
        for (index, row) in rows.enumerated() {
            table.append(["\(index + 1)", row.layer, output(index), parameters(index)])
        }
        let all = [header] + table
        let widths = (0..<4).map { column in all.map { $0[column].count }.max() ?? 0 }
        return all.map { cells in
            "  " + cells.enumerated().map { column, text in
                column == 1 ? text.padding(toLength: widths[column], withPad: " ", startingAt: 0)
                    : String(repeating: " ", count: widths[column] - text.count) + text
            }.joined(separator: "  ")
        }
    }
}
