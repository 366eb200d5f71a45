import ConvEngine
import Foundation
import TerminalUI

/// The pooling demo: max and average pooling stepped window by window over a real activation
/// map. The map is a sample image convolved with a few gallery kernels (`conv2dForward`, "same"
/// padding) and passed through ReLU (`activationForward`), so it is C×H×W with one channel per
/// kernel. Each step shows one window in every channel, the element max pooling chooses (or
/// the sum and divisor average pooling uses), and the pooled maps filling in; a header gives
/// the shape change for this map and for the notes' 224×224×64 example, and the parameter
/// count (none) against a conv layer's.
///
/// All values come from ConvEngine (`maxPool2dForward`, `avgPool2dForward`,
/// `pool2dWindowTerms`, `LayerSpec`); this type keeps the learner's choices. Drawing is in
/// `PoolingScreen+Render`.
struct PoolingScreen: DemoScreen {
    static let demoName = "pool"
    static let defaultTitle = "Pooling: max over an activation map"
    static let summary = "Max and average pooling over an activation map, window by window"

    static let kernelRange = 1...4
    static let strideRange = 1...4
    static let defaultFilters = ["sobel-x", "sobel-y", "laplacian", "sharpen"]
    /// Milliseconds between window steps while playing.
    static let playInterval = 500

    static var parameterHelp: [KeyBinding] {
        [
            KeyBinding("image", "sample image the map is made from: \(SampleImage.names.joined(separator: ", ")) (default digit)"),
            KeyBinding("filters", "1 to 4 comma-separated gallery kernels of one size, one channel each (default \(defaultFilters.joined(separator: ",")))"),
            KeyBinding("kernel", "pooling window size, \(rangeText(kernelRange)) (default 2)"),
            KeyBinding("stride", "step between windows, \(rangeText(strideRange)) (default: the window size)"),
            KeyBinding("padding", "padding on every side, at most half the window (default 0)"),
            KeyBinding("mode", "max or avg (default max)"),
            KeyBinding("view", "numbers or heatmap (default numbers)"),
        ]
    }

    private(set) var image: SampleImage
    private(set) var filters: [NamedKernel]
    /// The activation map, 1×C×H×W: ReLU(conv(image, filters)).
    private(set) var activation: Tensor
    private(set) var kernelSize: Int
    private(set) var stride: Int
    private(set) var padding: Int
    private(set) var kind: PoolKind
    /// The current window, row-major over the output.
    private(set) var position = 0
    /// The channel drawn in full when only one fits.
    private(set) var focusChannel = 0
    /// Play and pause: one window per `playInterval` while playing.
    private(set) var playback = Playback(interval: playInterval)
    var isPlaying: Bool { playback.isPlaying }
    private(set) var showsHeatmap: Bool
    /// One line about what the last key did; cleared by the next key.
    private(set) var message = ""
    let colorCapability: ColorCapability

    init(parameters: [String: String], context: AppContext) throws(DemoParameterError) {
        let reader = try DemoParameterReader(parameters, help: Self.parameterHelp)
        let image = try reader.sampleImage("image", default: "digit")
        self.image = image
        filters = try reader.galleryKernels("filters", default: Self.defaultFilters)
        kernelSize = try reader.integer("kernel", in: Self.kernelRange, default: 2)
        stride = try reader.integer("stride", in: Self.strideRange, default: kernelSize)
        padding = try reader.integer("padding", in: 0...(kernelSize / 2), default: 0)
        kind = try reader.choice("mode", from: ["max", "avg", "average"], default: "max") == "max" ? .max : .average
        showsHeatmap = try reader.choice("view", from: ["numbers", "heatmap"], default: "numbers") == "heatmap"
        activation = Self.activationMap(image: image, filters: filters)
        colorCapability = context.colorCapability
    }

    /// ReLU(conv(image, filters)) with "same" padding and stride 1: 1×K×H×W.
    static func activationMap(image: SampleImage, filters: [NamedKernel]) -> Tensor {
        let input = image.pixels.reshaped([1, image.channels, image.height, image.width])  // 1×C×H×W
        let weight = Tensor(
            shape: [filters.count, image.channels, filters[0].kernelHeight, filters[0].kernelWidth],
            scalars: filters.flatMap { $0.convWeight(channels: image.channels).scalars })  // K×C×F×F
        let same = AxisGeometry.samePadding(kernelSize: filters[0].kernelHeight) ?? 0
        let convolved = conv2dForward(input: input, weight: weight, bias: nil, config: Conv2DConfig(padding: same))
        return activationForward(convolved, .relu)
    }

    var title: String { "Pooling: \(kind == .max ? "max" : "average") over an activation map" }

    /// What the keys do; the help and `handleKey` both come from `keyMap`.
    enum KeyAction: Sendable {
        case step(Int), first, last, playOrPause, switchMode, kernel(Int), stride(Int), padding(Int), channel(Int), image(Int), switchView
    }

    static let keyMap = KeyMap<KeyAction>([
        .init(presses: [(.left, .step(-1)), (.right, .step(1))], "previous / next window", aliases: [(.character("h"), .step(-1)), (.character("l"), .step(1))]),
        .init(presses: [(.home, .first), (.end, .last)], "first / last window"),
        .init([.character(" ")], "play / pause", .playOrPause),
        .init([.character("m")], "mode: max / average pooling", .switchMode),
        .pair(lower: "k", raise: "K", "kernel (window) size down / up; the stride follows while equal", lower: .kernel(-1), raise: .kernel(1)),
        .pair(lower: "s", raise: "S", "stride down / up", lower: .stride(-1), raise: .stride(1)),
        .pair(lower: "p", raise: "P", "padding down / up", lower: .padding(-1), raise: .padding(1)),
        .pair(lower: "c", raise: "C", "previous / next channel in detail", lower: .channel(-1), raise: .channel(1)),
        .pair(lower: "i", raise: "I", "previous / next sample image", lower: .image(-1), raise: .image(1)),
        .init([.character("v")], "numbers / heat maps", .switchView),
    ])

    var keyBindings: [KeyBinding] { Self.keyMap.bindings }

    // MARK: derived values (all from ConvEngine)

    var channels: Int { activation.shape[1] }
    var mapHeight: Int { activation.shape[2] }
    var mapWidth: Int { activation.shape[3] }

    var config: Pool2DConfig { Pool2DConfig(kernelSize: kernelSize, stride: stride, padding: padding) }

    /// The pooling layer as an architecture would write it.
    var layer: LayerSpec { kind == .max ? .maxPool(config) : .avgPool(config) }

    /// The pooled size, or why there is none.
    var outputSize: Result<(height: Int, width: Int), GeometryError> {
        config.geometry(inputHeight: mapHeight, inputWidth: mapWidth).validated
    }

    /// The engine's pooled map, 1×C×OH×OW, or nil when the window does not tile the map.
    var pooled: Tensor? {
        guard case .success = outputSize else { return nil }
        switch kind {
        case .max: return maxPool2dForward(input: activation, config: config).output
        case .average: return avgPool2dForward(input: activation, config: config)
        }
    }

    var windowCount: Int {
        guard case let .success(size) = outputSize else { return 0 }
        return size.height * size.width
    }

    /// (output row, output column) of the current window.
    var currentCell: (row: Int, column: Int)? {
        guard case let .success(size) = outputSize, windowCount > 0 else { return nil }
        return (position / size.width, position % size.width)
    }

    /// The breakdown of the current window in `channel`, from `pool2dWindowTerms`.
    func windowTerms(channel: Int) -> PoolWindowTerms? {
        guard let cell = currentCell else { return nil }
        return pool2dWindowTerms(kind: kind, input: activation, config: config, channel: channel, outputRow: cell.row, outputColumn: cell.column)
    }

    var statusLine: String { status.text }

    /// The setup line names the pooling kind, so an 80-column line lets it go first.
    var status: StatusLine {
        var parts: [StatusLine.Part] = []
        if let cell = currentCell {
            parts.append(StatusLine.Part("window \(position + 1)/\(windowCount) at row \(cell.row), col \(cell.column)", .essential))
        } else {
            parts.append(StatusLine.Part("no windows: the geometry does not tile", .essential))
        }
        parts.append(StatusLine.Part("\(kind == .max ? "max" : "average") pooling", .detail))
        parts.append(StatusLine.Part("channel \(focusChannel + 1)/\(channels)", .useful))
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
        case .switchMode: kind = kind == .max ? .average : .max
        case .kernel(let delta): changeKernel(by: delta)
        case .stride(let delta): changeStride(by: delta)
        case .padding(let delta): changePadding(by: delta)
        case .channel(let delta): focusChannel = (focusChannel + delta + channels) % channels
        case .image(let delta): changeImage(by: delta)
        case .switchView: showsHeatmap.toggle()
        }
    }

    private mutating func moveTo(_ wanted: Int) {
        guard windowCount > 0 else { return }
        position = min(max(wanted, 0), windowCount - 1)
    }

    private mutating func changeKernel(by delta: Int) {
        let wanted = kernelSize + delta
        guard Self.kernelRange.contains(wanted) else {
            message = "window size stays \(Self.rangeText(Self.kernelRange))"
            return
        }
        if stride == kernelSize, Self.strideRange.contains(wanted) { stride = wanted }
        kernelSize = wanted
        padding = min(padding, kernelSize / 2)
        position = 0
    }

    private mutating func changeStride(by delta: Int) {
        let wanted = stride + delta
        guard Self.strideRange.contains(wanted) else {
            message = "stride stays \(Self.rangeText(Self.strideRange))"
            return
        }
        stride = wanted
        position = 0
    }

    private mutating func changePadding(by delta: Int) {
        let wanted = padding + delta
        guard (0...(kernelSize / 2)).contains(wanted) else {
            message = "padding stays from 0 to \(kernelSize / 2) (at most half the \(kernelSize)-wide window)"
            return
        }
        padding = wanted
        position = 0
    }

    /// The next (`delta` 1) or previous (-1) sample image, wrapping around.
    private mutating func changeImage(by delta: Int) {
        let count = SampleImage.all.count
        let index = SampleImage.all.firstIndex { $0.name == image.name } ?? 0
        image = SampleImage.all[(index + delta + count) % count]
        activation = Self.activationMap(image: image, filters: filters)
        position = 0
        message = "image \(image.name): \(image.height)×\(image.width)×\(image.channels)"
    }

    // MARK: parameters

    static func rangeText(_ range: ClosedRange<Int>) -> String { "from \(range.lowerBound) to \(range.upperBound)" }
}
