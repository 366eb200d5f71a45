import ConvEngine
import TerminalUI

/// The architecture demo: a network spec laid out layer by layer — each layer's output shape
/// (H×W×C as the notes write it) and its parameter count as a horizontal bar, on a linear or a
/// log scale — with the fully connected layers' share of the total, the spatial size halving
/// while the depth doubles, and the selected layer's count worked out as a formula.
///
/// Every shape and count comes from `ArchitectureSummary` (shape inference and counting over
/// the spec, no weights allocated), so VGG16's 138,357,544 parameters are shown instantly.
/// Opened as `arch` with `--spec "input … | …"` (or a known name) and as `vgg16` through
/// `VGG16Screen`. Drawing is in `ArchitectureScreen+Render`.
struct ArchitectureScreen: DemoScreen {
    static let demoName = "arch"
    static let defaultTitle = "Architecture: lenet5, layer by layer"
    static let summary = "Any network spec, layer by layer: shapes and parameter counts"

    static var parameterHelp: [KeyBinding] {
        [
            KeyBinding("spec", "a spec like \"input 28x28x1 | conv 8 3x3 pad 1 | relu | …\" or a name (\(NamedArchitecture.allCases.map(\.name).joined(separator: ", "))); default lenet5"),
            KeyBinding("layer", "the layer selected first, counting from 0 (default 0)"),
            KeyBinding("scale", "linear or log bars (default log)"),
        ]
    }

    /// The name shown in the title: the architecture's name, or "spec" for typed text.
    let networkName: String
    let architecture: ArchitectureSpec
    /// Shapes and counts of every layer, from the engine.
    let summary: ArchitectureSummary
    /// The selected layer, an index into `summary.layers`.
    private(set) var selectedLayer: Int
    /// The first layer row shown; keeps the selection in view.
    private(set) var scrollOffset = 0
    private(set) var usesLogScale: Bool
    /// Rows a page key moves: the layer list's height at 80×24. Rendering works out the real
    /// height and keeps the selection in view itself (`shownOffset(rows:)`).
    let visibleRows = 17

    init(parameters: [String: String], context: AppContext) throws(DemoParameterError) {
        try self.init(parameters: parameters, defaultSpec: NamedArchitecture.lenet5.name, acceptsSpec: true)
    }

    /// Shared by `arch` and `vgg16`: `vgg16` fixes the spec and refuses a `spec` parameter.
    init(parameters: [String: String], defaultSpec: String, acceptsSpec: Bool) throws(DemoParameterError) {
        let reader = try DemoParameterReader(parameters, help: Self.parameterHelp.filter { acceptsSpec || $0.keys != "spec" })
        let text = parameters["spec"] ?? defaultSpec
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        do {
            if trimmed.contains("|") || trimmed.lowercased().hasPrefix("input") {
                architecture = try ArchitectureSpec(parsing: trimmed)
                networkName = "spec"
            } else {
                let named = try NamedArchitecture(named: trimmed)
                architecture = named.spec
                networkName = named.name
            }
        } catch let error as ArchitectureParseError {
            throw DemoParameterError(parameter: "spec", message: "\(error)")
        } catch {
            throw DemoParameterError(parameter: "spec", message: "\(error)")
        }
        do {
            summary = try architecture.summary()
        } catch {
            throw DemoParameterError(parameter: "spec", message: "\(error)")
        }
        guard !summary.layers.isEmpty else {
            throw DemoParameterError(parameter: "spec", message: "the spec has no layers after its input")
        }
        let lastLayer = summary.layers.count - 1
        selectedLayer = try reader.integer("layer", in: 0...lastLayer, default: 0)
        usesLogScale = try reader.choice("scale", from: ["linear", "log"], default: "log") == "log"
        keepSelectionVisible()
    }

    var title: String {
        networkName == "spec" ? "Architecture: a spec, layer by layer" : "Architecture: \(networkName), layer by layer"
    }

    /// What the keys do; the help and `update` both come from `keyMap`.
    enum KeyAction: Sendable {
        case layer(Int), page(Int), first, last, switchScale
    }

    static let keyMap = KeyMap<KeyAction>([
        .init(presses: [(.down, .layer(1)), (.up, .layer(-1))], "next / previous layer"),
        .init(presses: [(.pageDown, .page(1)), (.pageUp, .page(-1))], "a page of layers down / up"),
        .init(presses: [(.home, .first), (.end, .last)], "first / last layer", aliases: [(.character("g"), .first), (.character("G"), .last)]),
        .init([.character("v")], "view: parameter bars on a log / linear scale", .switchScale),
    ])

    var keyBindings: [KeyBinding] { Self.keyMap.bindings }

    var statusLine: String { status.text }

    var status: StatusLine {
        let row = summary.layers[selectedLayer]
        return StatusLine([
            StatusLine.Part("layer \(selectedLayer)/\(summary.layers.count - 1): \(row.text)", .essential),
            StatusLine.Part("\(usesLogScale ? "log" : "linear") scale", .useful), StatusLine.Part("v toggles", .useful),
        ])
    }

    // MARK: derived values (all from ArchitectureSummary)

    /// Whether layer `index` is fully connected.
    func isFullyConnected(_ index: Int) -> Bool {
        if case .linear = architecture.layers[index] { return true }
        return false
    }

    /// Parameters held by the fully connected (linear) layers.
    var fullyConnectedParameters: Int {
        summary.layers.filter { isFullyConnected($0.index) }.map(\.parameters).reduce(0, +)
    }

    /// Parameters held by the conv layers.
    var convolutionParameters: Int {
        summary.layers.filter { row in
            if case .conv = architecture.layers[row.index] { return true }
            return false
        }.map(\.parameters).reduce(0, +)
    }

    /// The shape entering layer `index`: the input shape or the previous layer's output.
    func inputShape(ofLayer index: Int) -> [Int] {
        index == 0 ? summary.inputShape : summary.layers[index - 1].outputShape
    }

    /// The spatial sizes (H) and depths (C) the feature maps pass through, each change listed
    /// once: VGG16 gives 224, 112, 56, 28, 14, 7 and 3, 64, 128, 256, 512.
    var spatialAndDepthSteps: (sizes: [Int], depths: [Int]) {
        var sizes: [Int] = [], depths: [Int] = []
        for shape in [summary.inputShape] + summary.layers.map(\.outputShape) where shape.count == 3 {
            if sizes.last != shape[1] { sizes.append(shape[1]) }
            if depths.last != shape[0] { depths.append(shape[0]) }
        }
        return (sizes, depths)
    }

    // MARK: update

    mutating func update(_ message: Message) -> [Effect] {
        guard case .key(let key) = message else { return [] }
        let last = summary.layers.count - 1
        guard let action = Self.keyMap.action(for: key) else { return [] }
        switch action {
        case .layer(let delta): selectedLayer = min(max(selectedLayer + delta, 0), last)
        case .page(let direction): selectedLayer = min(max(selectedLayer + direction * max(visibleRows - 1, 1), 0), last)
        case .first: selectedLayer = 0
        case .last: selectedLayer = last
        case .switchScale: usesLogScale.toggle()
        }
        keepSelectionVisible()
        return []
    }

    private mutating func keepSelectionVisible() {
        if selectedLayer < scrollOffset { scrollOffset = selectedLayer }
        if selectedLayer >= scrollOffset + visibleRows { scrollOffset = selectedLayer - visibleRows + 1 }
        scrollOffset = max(0, min(scrollOffset, max(summary.layers.count - visibleRows, 0)))
    }
}
