import ConvEngine
import TerminalUI

/// The receptive field demo: a stack of conv and pooling layers the learner edits, one output
/// cell picked at the top, and the patch of every map below that the cell depends on.
///
/// Sizes follow `ReceptiveField` (r_out = r_in + (k − 1)·j_in, j_out = j_in·s); each map's size
/// and each window's position come from `AxisGeometry` (no padding, so a window at output p
/// starts at p·s). The input is the smallest square, at least 7 wide, on which every layer
/// tiles exactly and the top map has room to move the cell (see `sides`). Presets compare two 3×3 convs with
/// one 5×5 (field 5; 18 against 25 weights per channel pair) and three 3×3 with one 7×7 (7; 27
/// against 49), counts from `LayerSpec.parameterCount(for:)`. Drawing is in
/// `ReceptiveFieldScreen+Render`.
struct ReceptiveFieldScreen: DemoScreen {
    static let demoName = "receptive"
    static let defaultTitle = "Receptive field: 2 layers, field 5×5"
    static let summary = "Receptive fields through a stack of layers you edit: r_out = r_in + (k − 1)·j_in"

    /// One layer of the stack: a k×k window with stride s, with weights (conv) or without (max pool).
    struct StackLayer: Hashable, Sendable {
        enum Kind: Hashable, Sendable { case conv, maxPool }
        var kind: Kind
        var kernelSize: Int
        var stride: Int

        static func conv(_ kernelSize: Int, stride: Int = 1) -> StackLayer { StackLayer(kind: .conv, kernelSize: kernelSize, stride: stride) }
        static let maxPool2 = StackLayer(kind: .maxPool, kernelSize: 2, stride: 2)

        /// `conv 3×3`, `conv 3×3 s2`, `maxpool 2×2`.
        var text: String {
            (kind == .conv ? "conv" : "maxpool") + " \(kernelSize)×\(kernelSize)" + (stride > 1 && kind == .conv ? " s\(stride)" : "")
        }

        /// The layer as an architecture spec, one channel in and out, without bias.
        var spec: LayerSpec {
            kind == .conv ? .conv(outputChannels: 1, kernelSize: kernelSize, stride: stride, bias: false) : .maxPool(kernelSize: kernelSize, stride: stride)
        }
    }

    /// The presets `p` cycles through, by name.
    static let presets: [(name: String, layers: [StackLayer])] = [
        ("two-3x3", [.conv(3), .conv(3)]),
        ("one-5x5", [.conv(5)]),
        ("three-3x3", [.conv(3), .conv(3), .conv(3)]),
        ("one-7x7", [.conv(7)]),
    ]
    static let kernelSizes = [1, 2, 3, 5, 7]
    static let maximumLayers = 6

    static var parameterHelp: [KeyBinding] {
        [
            KeyBinding("layers", "how many conv layers to start with, 0 to \(maximumLayers) (default 2)"),
            KeyBinding("kernel", "their kernel size, 1 to 7 (default 3)"),
            KeyBinding("stride", "their stride, 1 to 3 (default 1)"),
            KeyBinding("preset", "\(presets.map(\.name).joined(separator: ", ")) (instead of layers)"),
        ]
    }

    private(set) var layers: [StackLayer]
    /// The layer whose kernel and stride the keys change (an index into `layers`).
    private(set) var selected: Int
    /// The picked cell of the top map.
    private(set) var outputRow = 0
    private(set) var outputColumn = 0
    /// One line about what the last key did; cleared by the next key.
    private(set) var message = ""
    let colorCapability: ColorCapability

    init(parameters: [String: String], context: AppContext) throws(DemoParameterError) {
        let reader = try DemoParameterReader(parameters, help: Self.parameterHelp)
        if let name = reader["preset"] {
            guard let preset = Self.presets.first(where: { $0.name == name.lowercased() }) else {
                throw .notOneOf("preset", choices: Self.presets.map(\.name), got: name)
            }
            layers = preset.layers
        } else {
            let count = try reader.integer("layers", in: 0...Self.maximumLayers, default: 2)
            let kernel = try reader.integer("kernel", in: 1...7, default: 3)
            let stride = try reader.integer("stride", in: 1...3, default: 1)
            layers = Array(repeating: .conv(kernel, stride: stride), count: count)
        }
        selected = max(layers.count - 1, 0)
        colorCapability = context.colorCapability
        centreOutputCell()
    }

    var title: String { "Receptive field: \(layers.count) layer\(layers.count == 1 ? "" : "s"), field \(fields.last!.size)×\(fields.last!.size)" }

    /// What the keys do; the help and `update` both come from `keyMap`.
    enum KeyAction: Sendable {
        case move(rows: Int, columns: Int), selectLayer(Int), insert(StackLayer), delete, kernel(Int), stride(Int), nextPreset
    }

    static let keyMap = KeyMap<KeyAction>([
        .init(
            presses: [(.left, .move(rows: 0, columns: -1)), (.right, .move(rows: 0, columns: 1)), (.up, .move(rows: -1, columns: 0)), (.down, .move(rows: 1, columns: 0))],
            "move the output cell", aliases: [(.character("h"), .move(rows: 0, columns: -1)), (.character("l"), .move(rows: 0, columns: 1))], label: "arrows"),
        .init(presses: [(.tab, .selectLayer(1)), (.backTab, .selectLayer(-1))], "select the next / previous layer"),
        .init(
            presses: [(.character("1"), .insert(.conv(3))), (.character("2"), .insert(.conv(5))), (.character("3"), .insert(.conv(3, stride: 2))), (.character("4"), .insert(.maxPool2))],
            "add conv 3×3, conv 5×5, conv 3×3 stride 2, maxpool 2×2 above the selected layer", label: "1 2 3 4"),
        .init([.character("x"), .delete], "delete the selected layer", .delete, aliases: [.backspace]),
        .pair(lower: "k", raise: "K", "selected layer's kernel down / up", lower: .kernel(-1), raise: .kernel(1)),
        .pair(lower: "s", raise: "S", "selected layer's stride down / up", lower: .stride(-1), raise: .stride(1)),
        .init([.character("n")], "next preset: two 3×3, one 5×5, three 3×3, one 7×7", .nextPreset),
    ])

    var keyBindings: [KeyBinding] { Self.keyMap.bindings }

    // MARK: derived values (ConvEngine's ReceptiveField, AxisGeometry and LayerSpec)

    /// The field after each layer, input first: `fields[0]` is (1, 1), `fields[i]` after layer i.
    var fields: [ReceptiveField] {
        layers.reduce(into: [ReceptiveField.input]) { fields, layer in
            // At most 6 layers of kernel ≤ 7 and stride ≤ 3: the field stays in the thousands,
            // so an overflow here would be a bug in those bounds, not a learner's doing.
            do { fields.append(try fields.last!.through(kernelSize: layer.kernelSize, stride: layer.stride)) } catch {
                preconditionFailure("\(error)")
            }
        }
    }

    /// Map sides from the top down: a top map of `topSide` and, below each layer, the one input
    /// side its windows tile exactly, (o − 1)·s + k. Input first.
    static func sides(for layers: [StackLayer], topSide: Int) -> [Int] {
        layers.reversed().reduce(into: [topSide]) { sides, layer in
            sides.insert((sides[0] - 1) * layer.stride + layer.kernelSize, at: 0)
        }
    }

    /// Every map's side, input first: the smallest input, at least 7 wide, on which each layer
    /// tiles exactly and the top map is 3 wide; when that input passes 40, a narrower top map
    /// (2, then 1) keeps it small. Working down from the top always tiles, so every stack the
    /// keys or the options can build has sides; a stride-3 stack of six 7×7 convs needs an
    /// input of 2,185 (its whole field), which the grids show around the patch.
    var sides: [Int] {
        var topSide = 3
        while Self.sides(for: layers, topSide: topSide)[0] < 7 { topSide += 1 }
        while topSide > 1 {
            let narrower = Self.sides(for: layers, topSide: topSide - 1)[0]
            guard Self.sides(for: layers, topSide: topSide)[0] > 40, narrower >= 7 else { break }
            topSide -= 1
        }
        return Self.sides(for: layers, topSide: topSide)
    }

    /// The rows (or columns, the same by symmetry) each map's patch covers, input first: the
    /// picked top cell, then each layer's windows over it, p·s … q·s + k − 1.
    func patch(outputIndex: Int) -> [ClosedRange<Int>] {
        var ranges = [outputIndex...outputIndex]
        let sides = self.sides
        for (index, layer) in layers.enumerated().reversed() {
            let geometry = AxisGeometry(inputSize: sides[index], kernelSize: layer.kernelSize, stride: layer.stride)
            let above = ranges[0]
            ranges.insert(geometry.windowStart(above.lowerBound)...(geometry.windowStart(above.upperBound) + geometry.effectiveKernelSize - 1), at: 0)
        }
        return ranges
    }

    /// k·k weights per input–output channel pair for each conv layer (0 for pooling).
    var weightsPerLayer: [Int] {
        layers.map { layer in layer.spec.parameterCount(for: [1, 64, 64]) }
    }

    /// One conv with the stack's whole field as its kernel: r·r weights per channel pair.
    var singleLayerWeights: Int {
        let size = fields.last!.size
        return LayerSpec.conv(outputChannels: 1, kernelSize: size, bias: false).parameterCount(for: [1, size, size])
    }

    var statusLine: String { status.text }

    var status: StatusLine {
        let top = sides.last!
        var parts = [StatusLine.Part("output cell (\(outputRow), \(outputColumn)) of \(top)×\(top)", .essential),
                     StatusLine.Part("field \(fields.last!.size)×\(fields.last!.size)", .essential)]
        if !layers.isEmpty { parts.append(StatusLine.Part("layer \(selected + 1): \(layers[selected].text)", .useful)) }
        return StatusLine(parts + StatusLine.message(message))
    }

    // MARK: update

    mutating func update(_ message: Message) -> [Effect] {
        guard case let .key(key) = message else { return [] }
        self.message = ""
        let top = sides.last! - 1
        guard let action = Self.keyMap.action(for: key) else { return [] }
        switch action {
        case .move(let rows, let columns):
            outputRow = min(max(outputRow + rows, 0), top)
            outputColumn = min(max(outputColumn + columns, 0), top)
        case .selectLayer(let delta): if !layers.isEmpty { selected = (selected + delta + layers.count) % layers.count }
        case .insert(let layer): insert(layer)
        case .delete:
            guard !layers.isEmpty else { self.message = "no layer to delete"; break }
            layers.remove(at: selected)
            selected = max(min(selected, layers.count - 1), 0)
            centreOutputCell()
        case .kernel(let direction):
            changeSelected { layer in
                layer.kernelSize = (direction > 0 ? Self.kernelSizes.first { $0 > layer.kernelSize } : Self.kernelSizes.last { $0 < layer.kernelSize }) ?? layer.kernelSize
            }
        case .stride(let delta): changeSelected { $0.stride = min(max($0.stride + delta, 1), 3) }
        case .nextPreset:
            let current = Self.presets.firstIndex { $0.layers == layers }
            let next = Self.presets[((current ?? -1) + 1) % Self.presets.count]
            layers = next.layers
            selected = layers.count - 1
            self.message = "preset \(next.name)"
            centreOutputCell()
        }
        return []
    }

    private mutating func insert(_ layer: StackLayer) {
        guard layers.count < Self.maximumLayers else {
            message = "at most \(Self.maximumLayers) layers"
            return
        }
        let position = layers.isEmpty ? 0 : selected + 1
        layers.insert(layer, at: position)
        selected = position
        centreOutputCell()
    }

    private mutating func changeSelected(_ change: (inout StackLayer) -> Void) {
        guard !layers.isEmpty else { return }
        change(&layers[selected])
        centreOutputCell()
    }

    /// Puts the picked cell in the middle of the (possibly resized) top map.
    private mutating func centreOutputCell() {
        let top = sides.last!
        outputRow = (top - 1) / 2
        outputColumn = (top - 1) / 2
    }
}
