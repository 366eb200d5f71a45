import ConvEngine
import ConvFiles
import Foundation
import TerminalUI

/// Inside a network: every layer's output for a probe image as a column of activation maps
/// (all channels, paged when they do not fit), with its shape, each conv layer's learned
/// filters beside its maps, and the class scores. The learner picks a layer, a channel and a
/// cell with the keys, and Enter opens the convolution stepper on exactly the computation that
/// produced that cell (`ConvUnit`).
///
/// The network comes from a `NetworkFeed`: the dashboard's run (key `i` there), a checkpoint
/// (`--init`), or, standalone without one, a short run of the trainer on synthetic digits that
/// goes on in the background while the view follows it. Maps are recomputed only when the
/// weights or the probe change. Drawing is in `NetworkScreen+Render`.
public struct NetworkScreen: DemoScreen {
    public static let demoName = "network"
    public static let defaultTitle = "Inside the network"
    public static let summary = "Inside a trained network: every layer's maps; step into any unit"
    public static var parameterHelp: [KeyBinding] { NetworkParameters.help }

    let source: any NetworkFeed
    let colorCapability: ColorCapability
    /// What the view shows now; nil until the source has a network and a probe.
    private(set) var inspection: NetworkInspection?
    /// The caption of the network shown (where its weights come from).
    public private(set) var caption = ""
    public private(set) var probeIndex: Int
    /// The learner's own picture (the dashboard's `o` probe): its file name and 1×C×H×W, shown
    /// instead of the test images until `n` or `N` moves to them.
    public private(set) var fileProbe: (name: String, image: Tensor)?
    /// The module whose maps the cursor is on (0-based, as in the checkpoint keys).
    public private(set) var selectedLayer: Int
    public private(set) var selectedChannel: Int
    public private(set) var selectedRow: Int
    public private(set) var selectedColumn: Int
    /// One line about the last key's outcome; cleared by the next key.
    public private(set) var message = ""
    /// (weights version, probe) the inspection was computed for.
    private var inspectedKey: InspectedKey?

    private struct InspectedKey: Equatable {
        var version: Int
        var probeIndex: Int
        var showsFile: Bool
    }

    public init(parameters: [String: String], context: AppContext) throws(DemoParameterError) {
        let setup = try NetworkParameters(parameters)
        self.init(source: try setup.makeSource(), context: context, probeIndex: setup.probeIndex,
                  layer: setup.layer, channel: setup.channel, row: setup.row, column: setup.column)
    }

    /// A view of `source`'s network, the cursor at (`layer`, `channel`, `row`, `column`),
    /// clamped to the network once it is there.
    init(
        source: any NetworkFeed, context: AppContext, probeIndex: Int = 0, fileProbe: (name: String, image: Tensor)? = nil,
        layer: Int = 0, channel: Int = 0, row: Int = 0, column: Int = 0
    ) {
        self.source = source
        self.colorCapability = context.colorCapability
        self.probeIndex = probeIndex
        selectedLayer = layer
        selectedChannel = channel
        selectedRow = row
        selectedColumn = column
        self.fileProbe = fileProbe
        // A fixed network can be shown at once (tests render without ticking); a run's
        // first snapshot comes with the first tick.
        if source is FixedNetworkFeed { refresh() }
    }

    public var title: String { "Inside the network" }

    // MARK: keys

    /// One key: how it is written, what it does, and the change it makes.
    struct NetworkKey {
        var keys: [Key]
        var binding: KeyBinding
        var action: (inout NetworkScreen) -> [Effect]
    }

    /// Every key of the screen, in the order the `?` overlay lists them; `update` dispatches
    /// from this table and `keyBindings` is made from it.
    static var keys: [NetworkKey] {
        [
            NetworkKey(keys: [.left, .character("h")], binding: KeyBinding("←/h", "cell left")) { $0.moveCell(rows: 0, columns: -1); return [] },
            NetworkKey(keys: [.right, .character("l")], binding: KeyBinding("→/l", "cell right")) { $0.moveCell(rows: 0, columns: 1); return [] },
            NetworkKey(keys: [.up], binding: KeyBinding("↑", "cell up")) { $0.moveCell(rows: -1, columns: 0); return [] },
            NetworkKey(keys: [.down], binding: KeyBinding("↓", "cell down")) { $0.moveCell(rows: 1, columns: 0); return [] },
            NetworkKey(keys: [.tab, .character(">")], binding: KeyBinding("tab/>", "next layer")) { $0.moveLayer(by: 1); return [] },
            NetworkKey(keys: [.backTab, .character("<")], binding: KeyBinding("shift-tab/<", "previous layer")) { $0.moveLayer(by: -1); return [] },
            NetworkKey(keys: [.character("C")], binding: KeyBinding("C", "next channel")) { $0.moveChannel(by: 1); return [] },
            NetworkKey(keys: [.character("c")], binding: KeyBinding("c", "previous channel")) { $0.moveChannel(by: -1); return [] },
            NetworkKey(keys: [.enter], binding: KeyBinding("Enter", "step into the selected unit (conv layers)")) { $0.stepIntoUnit() },
            NetworkKey(keys: [.character("I")], binding: KeyBinding("I", "next probe image")) { $0.moveProbe(by: 1); return [] },
            NetworkKey(keys: [.character("i")], binding: KeyBinding("i", "previous probe image")) { $0.moveProbe(by: -1); return [] },
        ]
    }

    public var keyBindings: [KeyBinding] { Self.keys.map(\.binding) }

    public var statusLine: String {
        if !message.isEmpty { return message }
        guard let inspection else { return "waiting for the network…" }
        if inspection.steppableConvolution(from: selectedLayer) != nil {
            return "Enter steps into ch \(selectedChannel) at (\(selectedRow), \(selectedColumn))"
        }
        return "tab moves to a conv layer, whose units Enter steps into"
    }

    // MARK: update

    public mutating func update(_ message: Message) -> [Effect] {
        var effects: [Effect] = []
        switch message {
        case .tick:
            refresh()
        case .key(let key):
            self.message = ""
            refresh()
            if let entry = Self.keys.first(where: { $0.keys.contains(key) }) { effects = entry.action(&self) }
        }
        // A run that is not going yet is started by the app, not here.
        if let launch = source.pendingLaunch { effects.append(.startTraining(launch)) }
        return effects
    }

    public mutating func effectFinished(_ outcome: EffectOutcome) {
        if case .trainingStarted = outcome { refresh() }
    }

    /// Asks the source for its network and recomputes the maps when the weights or the probe
    /// changed since the last time.
    mutating func refresh() {
        source.advance()
        let probe = fileProbe.map { (image: $0.image, label: Int?.none) } ?? source.probe(at: probeIndex)
        guard let latest = source.latest, let probe else { return }
        let key = InspectedKey(version: latest.version, probeIndex: probeIndex, showsFile: fileProbe != nil)
        caption = latest.caption
        guard key != inspectedKey else { return }
        inspectedKey = key
        inspection = NetworkInspection(model: latest.model, probe: probe.image)
        probeLabel = probe.label
        clampSelection()
    }

    /// The probe's true class, when known.
    public private(set) var probeLabel: Int?

    // MARK: selection

    /// The selected layer's output, or nil before the network is there.
    var selectedOutput: Tensor? {
        guard let inspection, inspection.outputs.indices.contains(selectedLayer) else { return nil }
        return inspection.outputs[selectedLayer]
    }

    private mutating func clampSelection() {
        guard let inspection, inspection.layerCount > 0 else { return }
        selectedLayer = min(max(selectedLayer, 0), inspection.layerCount - 1)
        let output = inspection.outputs[selectedLayer]
        if output.rank == 4 {
            let (_, channels, height, width) = output.nchw
            selectedChannel = min(max(selectedChannel, 0), channels - 1)
            selectedRow = min(max(selectedRow, 0), height - 1)
            selectedColumn = min(max(selectedColumn, 0), width - 1)
        } else {
            // A flat output is one column of features: the channel is the feature.
            selectedChannel = min(max(selectedChannel, 0), max(output.count - 1, 0))
            selectedRow = 0
            selectedColumn = 0
        }
    }

    private mutating func moveCell(rows: Int, columns: Int) {
        guard let output = selectedOutput else { return }
        if output.rank != 4 {
            moveChannel(by: rows + columns)
            return
        }
        selectedRow += rows
        selectedColumn += columns
        clampSelection()
    }

    private mutating func moveLayer(by delta: Int) {
        guard let inspection, inspection.layerCount > 0 else { return }
        let count = inspection.layerCount
        let old = selectedOutput
        selectedLayer = ((selectedLayer + delta) % count + count) % count
        // Keep the cell where the maps keep their size (a conv and its activation); a map of
        // another size keeps the same place in proportion.
        if let old, old.rank == 4, let new = selectedOutput, new.rank == 4, old.shape[2] != new.shape[2] || old.shape[3] != new.shape[3] {
            selectedRow = selectedRow * new.shape[2] / max(old.shape[2], 1)
            selectedColumn = selectedColumn * new.shape[3] / max(old.shape[3], 1)
        }
        clampSelection()
    }

    private mutating func moveChannel(by delta: Int) {
        guard let output = selectedOutput else { return }
        let count = output.rank == 4 ? output.shape[1] : output.count
        guard count > 0 else { return }
        selectedChannel = ((selectedChannel + delta) % count + count) % count
    }

    private mutating func moveProbe(by delta: Int) {
        let count = source.probeCount
        guard count > 0 else { return }
        if fileProbe != nil {
            // The first n or N leaves the learner's picture for the test image it was opened at.
            fileProbe = nil
        } else {
            probeIndex = ((probeIndex + delta) % count + count) % count
        }
        refresh()
    }

    /// The unit under the cursor, when the selected layer is a conv (or the activation after one).
    public var selectedUnit: ConvUnit? {
        inspection?.unit(layer: selectedLayer, channel: selectedChannel, row: selectedRow, column: selectedColumn)
    }

    private mutating func stepIntoUnit() -> [Effect] {
        guard let inspection else {
            message = "the network is not ready yet"
            return []
        }
        guard let unit = selectedUnit else {
            message = "layer \(selectedLayer) (\(inspection.layerText(selectedLayer))) is not a convolution: tab moves to one"
            return []
        }
        let stepper = ConvStepperScreen(unit: unit, context: AppContext(colorCapability: colorCapability))
        return [.push(ScreenHandle(stepper))]
    }

    /// "16×14×14" for maps, "784" for flat features (the batch dimension left out).
    static func shapeText(_ output: Tensor) -> String {
        output.shape.dropFirst().map(String.init).joined(separator: "×")
    }
}
