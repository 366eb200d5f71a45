import ConvEngine
import TerminalUI

/// The padding/stride explorer: the learner changes the input size W, kernel size F, padding
/// P, stride S and dilation D and watches the output size follow
///
///     O = (W − F + 2P)/S + 1       (F replaced by the dilated extent D·(F − 1) + 1 when D > 1)
///
/// over a drawing of the padded input with the window sliding across it. A combination that
/// does not tile shows the exact fraction, the input rows and columns no window reads, and the
/// nearest paddings and strides that would tile, one key away.
///
/// The geometry is square (the same W, F, P, S and D on both axes), so one axis tells the whole
/// story. Every number comes from `AxisGeometry` and `ConvGeometry`; this type keeps the
/// learner's choices and the window position. Drawing is in `GeometryExplorerScreen+Render`.
struct GeometryExplorerScreen: DemoScreen {
    static let demoName = "geometry"
    static let defaultTitle = "Geometry explorer: padding, stride and output size"
    static let summary = "Padding, stride and dilation: watch the output size formula"

    static let sizeRange = 1...64
    static let kernelRange = 1...15
    static let paddingRange = 0...16
    static let strideRange = 1...16
    static let dilationRange = 1...8
    /// Milliseconds between window steps while playing.
    static let playInterval = 500

    static var parameterHelp: [KeyBinding] {
        [
            KeyBinding("size", "input width and height W, \(rangeText(sizeRange)) (default 7; drawn up to the screen's size, larger as one axis)"),
            KeyBinding("kernel", "kernel size F, \(rangeText(kernelRange)) (default 3)"),
            KeyBinding("padding", "zeros added on every side P, \(rangeText(paddingRange)) (default 0)"),
            KeyBinding("stride", "step between windows S, \(rangeText(strideRange)) (default 1)"),
            KeyBinding("dilation", "gap between kernel taps D, \(rangeText(dilationRange)) (default 1)"),
        ]
    }

    /// W: the input is W×W.
    private(set) var inputSize: Int
    /// F: the kernel is F×F.
    private(set) var kernelSize: Int
    private(set) var padding: Int
    private(set) var stride: Int
    private(set) var dilation: Int
    /// The current window, row-major among the whole windows that fit.
    private(set) var position = 0
    /// Play and pause: one window per `playInterval` while playing.
    private(set) var playback = Playback(interval: playInterval)
    var isPlaying: Bool { playback.isPlaying }
    /// Marks every window's first tap instead of only highlighting the current window.
    private(set) var showsAllStarts = false
    /// Draws one axis as a strip even when the 2-D grid would fit.
    private(set) var prefersAxisStrip = false
    /// One line about what the last key did; cleared by the next key.
    private(set) var message = ""
    let colorCapability: ColorCapability

    init(parameters: [String: String], context: AppContext) throws(DemoParameterError) {
        let reader = try DemoParameterReader(parameters, help: Self.parameterHelp)
        inputSize = try reader.integer("size", in: Self.sizeRange, default: 7)
        kernelSize = try reader.integer("kernel", in: Self.kernelRange, default: 3)
        padding = try reader.integer("padding", in: Self.paddingRange, default: 0)
        stride = try reader.integer("stride", in: Self.strideRange, default: 1)
        dilation = try reader.integer("dilation", in: Self.dilationRange, default: 1)
        colorCapability = context.colorCapability
    }

    var title: String { "Geometry explorer: padding, stride and output size" }

    /// What the keys do; the help and `handleKey` both come from `keyMap`.
    enum KeyAction: Sendable {
        case step(Int), first, last, playOrPause, inputSize(Int), kernelSize(Int), padding(Int), stride(Int), dilation(Int)
        case applyTiling, applySamePadding, switchMarks, switchView
    }

    static let keyMap = KeyMap<KeyAction>([
        .init(presses: [(.left, .step(-1)), (.right, .step(1))], "previous / next window", aliases: [(.character("h"), .step(-1)), (.character("l"), .step(1))]),
        .init(presses: [(.home, .first), (.end, .last)], "first / last window"),
        .init([.character(" ")], "play / pause the window", .playOrPause),
        .pair(lower: "i", raise: "I", "input image size W down / up", lower: .inputSize(-1), raise: .inputSize(1)),
        .pair(lower: "k", raise: "K", "kernel size F down / up", lower: .kernelSize(-1), raise: .kernelSize(1)),
        .pair(lower: "p", raise: "P", "padding P down / up", lower: .padding(-1), raise: .padding(1)),
        .pair(lower: "s", raise: "S", "stride S down / up", lower: .stride(-1), raise: .stride(1)),
        .pair(lower: "d", raise: "D", "dilation D down / up", lower: .dilation(-1), raise: .dilation(1)),
        .init([.character("t")], "apply the first setting that tiles", .applyTiling),
        .init([.character("=")], "apply \"same\" padding (odd kernels)", .applySamePadding),
        .init([.character("a")], "mark every window start / only the current window", .switchMarks),
        .init([.character("v")], "view: 2-D grid / one axis as a strip", .switchView),
    ])

    var keyBindings: [KeyBinding] { Self.keyMap.bindings }

    // MARK: geometry (all from ConvEngine)

    /// One axis; the other is identical.
    var axis: AxisGeometry {
        AxisGeometry(inputSize: inputSize, kernelSize: kernelSize, padding: padding, stride: stride, dilation: dilation)
    }

    /// Both axes, for window positions.
    var geometry: ConvGeometry {
        ConvGeometry(inputHeight: inputSize, inputWidth: inputSize, kernelSize: kernelSize, padding: padding, stride: stride, dilation: dilation)
    }

    /// Windows per axis: the output size when the geometry tiles, otherwise the whole windows
    /// that fit (what a framework that rounds down would use).
    var windowsPerAxis: Int { axis.outputSize ?? axis.wholeWindowCount }

    /// Whole windows over the 2-D input.
    var windowCount: Int { windowsPerAxis * windowsPerAxis }

    /// The window at `position`, or nil when none fits.
    var currentWindow: Window? {
        guard windowCount > 0 else { return nil }
        let index = min(position, windowCount - 1)
        return Window(outputRow: index / windowsPerAxis, outputColumn: index % windowsPerAxis, geometry: geometry)
    }

    /// The first suggestion that tiles: the nearest padding, else the nearest stride.
    var firstSuggestion: (parameter: String, value: Int)? {
        guard case .failure(.doesNotTile) = axis.validated else { return nil }
        let suggestions = axis.tilingSuggestions()
        if let padding = suggestions.paddings.first, Self.paddingRange.contains(padding) { return ("padding", padding) }
        if let stride = suggestions.strides.first, Self.strideRange.contains(stride) { return ("stride", stride) }
        return nil
    }

    var statusLine: String { status.text }

    /// The formula line above shows W, F, P and S, so the settings part makes way first.
    var status: StatusLine {
        var parts: [StatusLine.Part] = []
        if let window = currentWindow {
            parts.append(StatusLine.Part("window \(min(position, windowCount - 1) + 1)/\(windowCount) at row \(window.outputRow), col \(window.outputColumn)", .essential))
        } else {
            parts.append(StatusLine.Part("no window fits", .essential))
        }
        parts.append(StatusLine.Part("W \(inputSize) F \(kernelSize) P \(padding) S \(stride) D \(dilation)", .useful))
        parts.append(StatusLine.Part(playback.stateText, .essential))
        return StatusLine(parts + StatusLine.message(message))
    }

    // MARK: update

    mutating func update(_ message: Message) -> [Effect] {
        switch message {
        case .tick(let milliseconds):
            position = playback.tick(milliseconds: milliseconds, position: position, count: windowCount)
        case .key(let key):
            self.message = ""
            handleKey(key)
        }
        return []
    }

    private mutating func handleKey(_ key: Key) {
        guard let action = Self.keyMap.action(for: key) else { return }
        switch action {
        case .step(let delta): moveTo(position + delta)
        case .first: moveTo(0)
        case .last: moveTo(windowCount - 1)
        case .playOrPause: position = playback.playOrPause(position: position, count: windowCount)
        case .inputSize(let delta): change(\.inputSize, by: delta, in: Self.sizeRange, name: "size W")
        case .kernelSize(let delta): change(\.kernelSize, by: delta, in: Self.kernelRange, name: "kernel F")
        case .padding(let delta): change(\.padding, by: delta, in: Self.paddingRange, name: "padding P")
        case .stride(let delta): change(\.stride, by: delta, in: Self.strideRange, name: "stride S")
        case .dilation(let delta): change(\.dilation, by: delta, in: Self.dilationRange, name: "dilation D")
        case .applyTiling: applyFirstSuggestion()
        case .applySamePadding: applySamePadding()
        case .switchMarks: showsAllStarts.toggle()
        case .switchView: prefersAxisStrip.toggle()
        }
    }

    private mutating func moveTo(_ wanted: Int) {
        guard windowCount > 0 else { return }
        position = min(max(wanted, 0), windowCount - 1)
    }

    private mutating func change(_ field: WritableKeyPath<Self, Int>, by delta: Int, in range: ClosedRange<Int>, name: String) {
        let wanted = self[keyPath: field] + delta
        guard range.contains(wanted) else {
            message = "\(name) stays \(Self.rangeText(range))"
            return
        }
        self[keyPath: field] = wanted
        position = min(position, max(windowCount - 1, 0))
    }

    private mutating func applyFirstSuggestion() {
        guard let suggestion = firstSuggestion else {
            message = axis.outputSize != nil ? "this combination already tiles" : "no nearby padding or stride tiles"
            return
        }
        if suggestion.parameter == "padding" { padding = suggestion.value } else { stride = suggestion.value }
        position = 0
        message = "\(suggestion.parameter) set to \(suggestion.value)"
    }

    private mutating func applySamePadding() {
        guard let same = AxisGeometry.samePadding(kernelSize: kernelSize, dilation: dilation) else {
            message = "no \"same\" padding for an even window (\(axis.effectiveKernelSize) wide)"
            return
        }
        guard Self.paddingRange.contains(same) else {
            message = "same padding \(same) is outside \(Self.rangeText(Self.paddingRange))"
            return
        }
        padding = same
        position = min(position, max(windowCount - 1, 0))
        message = "padding set to \(same) (\"same\")"
    }

    // MARK: parameters

    static func rangeText(_ range: ClosedRange<Int>) -> String { "from \(range.lowerBound) to \(range.upperBound)" }
}
