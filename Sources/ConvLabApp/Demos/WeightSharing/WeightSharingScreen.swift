import ConvEngine
import TerminalUI

/// The weight sharing demo: why a convolution needs so few weights.
///
/// A 1-D signal of n pixels meets three n×n weight matrices: fully connected (n² distinct
/// weights), banded but unshared (each output sees only b neighbours; every in-band entry is
/// its own weight), and banded and shared (one set of b weights slid along the diagonal: a
/// convolution). The shared matrix times the signal (`linearForward`) equals the signal
/// convolved with the b weights (`conv2dForward` on a 1×n image with a 1×b kernel, padding
/// 0×⌊b/2⌋), and both vectors are shown. Then the same count in 2-D for an image size, channels
/// and kernel the learner chooses: a fully connected layer from H×W×C inputs to H·W hidden
/// units has (H·W·C)·(H·W) weights, a conv layer F·F·C·K (+K biases); counts come from
/// `LayerSpec.parameterCount(for:)`. Drawing is in `WeightSharingScreen+Render`.
struct WeightSharingScreen: DemoScreen {
    static let demoName = "sharing"
    static let defaultTitle = "Weight sharing: 8 inputs, 5 shared weights"
    static let summary = "Fully connected versus shared, banded weights: the same output, far fewer weights"

    static let inputsRange = 5...12
    static let bandwidths = [1, 3, 5, 7]
    /// The shared weights, taken from the front: distinct values so each is told apart.
    static let sharedWeightValues: [Float] = [1, -1, 2, 3, -2, 0.5, -3]
    /// The signal, taken from the front: small whole numbers so products are easy to check.
    static let signalValues: [Float] = [1, 2, 0, 3, 1, 4, 2, 0, 1, 3, 2, 1]
    /// The 2-D parameters' bounds. The fully connected count is (H·W)²·C weights, so
    /// H, W ≤ 4,096 and C ≤ 4,096 keep it below 2⁶⁰ (a side of 100,000 overflowed 64 bits and
    /// trapped); the conv count (F²·C + 1)·K stays below 2⁴⁰.
    static let sideRange = 1...4096
    static let channelsRange = 1...4096
    static let kernelRange = 1...99
    static let filtersRange = 1...4096
    static let imageSides = [5, 28, 32, 64, 128, 224, 256, 512, 1000, 2000]
    static let channelChoices = [1, 3, 16, 64]
    static let kernelSizes = [1, 3, 5, 7, 9, 11]
    static let filterChoices = [1, 8, 16, 32, 64, 128]

    static var parameterHelp: [KeyBinding] {
        [
            KeyBinding("inputs", "signal length n, \(inputsRange.lowerBound) to \(inputsRange.upperBound) (default 8)"),
            KeyBinding("bandwidth", "shared weights b: 1, 3, 5 or 7 (default 5)"),
            KeyBinding("shared", "true: the banded matrix shares its weights; false: each entry its own (default true)"),
            KeyBinding("side", "2-D image side H = W, \(sideRange.lowerBound) to \(sideRange.upperBound) (default 1000)"),
            KeyBinding("channels", "2-D input channels C, \(channelsRange.lowerBound) to \(channelsRange.upperBound) (default 1)"),
            KeyBinding("kernel", "2-D kernel size F, \(kernelRange.lowerBound) to \(kernelRange.upperBound) (default 3)"),
            KeyBinding("filters", "2-D filters K, \(filtersRange.lowerBound) to \(filtersRange.upperBound) (default 1)"),
        ]
    }

    private(set) var inputs: Int
    private(set) var bandwidth: Int
    private(set) var isShared: Bool
    private(set) var side: Int
    private(set) var channels: Int
    private(set) var kernelSize: Int
    private(set) var filters: Int
    /// One line about what the last key did; cleared by the next key.
    private(set) var message = ""
    let colorCapability: ColorCapability

    init(parameters: [String: String], context: AppContext) throws(DemoParameterError) {
        let reader = try DemoParameterReader(parameters, help: Self.parameterHelp)
        inputs = try reader.integer("inputs", in: Self.inputsRange, default: 8)
        bandwidth = try reader.integer("bandwidth", in: 1...7, default: 5)
        guard Self.bandwidths.contains(bandwidth) else {
            throw DemoParameterError(parameter: "bandwidth", message: "expected 1, 3, 5 or 7 (an odd band centred on each output), got \(bandwidth)")
        }
        isShared = try reader.flag("shared", default: true)
        side = try reader.integer("side", in: Self.sideRange, default: 1000)
        channels = try reader.integer("channels", in: Self.channelsRange, default: 1)
        kernelSize = try reader.integer("kernel", in: Self.kernelRange, default: 3)
        filters = try reader.integer("filters", in: Self.filtersRange, default: 1)
        colorCapability = context.colorCapability
    }

    var title: String { "Weight sharing: \(inputs) inputs, \(bandwidth) shared weights" }

    /// What the keys do; the help and `update` both come from `keyMap`.
    enum KeyAction: Sendable {
        case inputs(Int), bandwidth(Int), switchSharing, side(Int), channels(Int), kernelSize(Int), filters(Int)
    }

    static let keyMap = KeyMap<KeyAction>([
        .pair(lower: "n", raise: "N", "signal length down / up (\(inputsRange.lowerBound)–\(inputsRange.upperBound))", lower: .inputs(-1), raise: .inputs(1)),
        .pair(lower: "b", raise: "B", "band width down / up (1, 3, 5, 7)", lower: .bandwidth(-1), raise: .bandwidth(1)),
        .init([.character("m")], "mode: the band's weights shared / separate", .switchSharing),
        .pair(lower: "i", raise: "I", "2-D image side down / up", lower: .side(-1), raise: .side(1)),
        .pair(lower: "c", raise: "C", "2-D channels down / up", lower: .channels(-1), raise: .channels(1)),
        .pair(lower: "k", raise: "K", "2-D kernel size down / up", lower: .kernelSize(-1), raise: .kernelSize(1)),
        .pair(lower: "f", raise: "F", "2-D filters down / up", lower: .filters(-1), raise: .filters(1)),
    ])

    var keyBindings: [KeyBinding] { Self.keyMap.bindings }

    // MARK: the 1-D signal (values from ConvEngine)

    /// ⌊b/2⌋: the band reaches this far either side of the diagonal.
    var halfBand: Int { bandwidth / 2 }
    var sharedWeights: [Float] { Array(Self.sharedWeightValues.prefix(bandwidth)) }
    /// The signal, 1×n.
    var signal: Tensor { Tensor(shape: [1, inputs], scalars: Array(Self.signalValues.prefix(inputs))) }

    /// Which shared weight sits at row `row`, column `column` of the band, or nil outside it:
    /// output i reads inputs i − ⌊b/2⌋ … i + ⌊b/2⌋ with weights w₀ … w_(b−1).
    func bandIndex(row: Int, column: Int) -> Int? {
        let offset = column - row + halfBand
        return (0..<bandwidth).contains(offset) ? offset : nil
    }

    /// The banded, shared matrix, n×n (out×in): zeros outside the band.
    var bandedMatrix: Tensor {
        var scalars: [Float] = []
        for row in 0..<inputs {
            for column in 0..<inputs { scalars.append(bandIndex(row: row, column: column).map { sharedWeights[$0] } ?? 0) }
        }
        return Tensor(shape: [inputs, inputs], scalars: scalars)
    }

    /// The banded matrix times the signal: `linearForward`, 1×n.
    var matrixOutput: Tensor { linearForward(input: signal, weight: bandedMatrix, bias: nil) }

    /// The signal convolved with the shared weights: `conv2dForward` of the 1×1×1×n signal
    /// with a 1×1×1×b kernel, padding 0 rows × ⌊b/2⌋ columns, flattened to 1×n.
    var convolutionOutput: Tensor {
        let image = signal.reshaped([1, 1, 1, inputs])  // N×C×H×W
        let kernel = Tensor(shape: [1, 1, 1, bandwidth], scalars: sharedWeights)  // K×C×1×b
        let config = Conv2DConfig(strideHeight: 1, strideWidth: 1, paddingHeight: 0, paddingWidth: halfBand)
        return conv2dForward(input: image, weight: kernel, bias: nil, config: config).reshaped([1, inputs])
    }

    /// Entries inside the band: n·b less the ones that would fall off either end of the signal.
    var bandEntryCount: Int {
        (0..<inputs).reduce(0) { total, row in total + (0..<inputs).filter { bandIndex(row: row, column: $0) != nil }.count }
    }

    /// Distinct weights of each matrix: n², the in-band entries, b.
    var fullyConnectedCount: Int { LayerSpec.linear(outputFeatures: inputs, bias: false).parameterCount(for: [inputs]) }
    var distinctBandWeights: Int { isShared ? bandwidth : bandEntryCount }

    // MARK: the 2-D count (from LayerSpec)

    /// (H·W·C)·(H·W): a linear layer from the flattened image to one hidden unit per pixel.
    var fullyConnected2D: Int { fullyConnected2D(side: side) }

    /// The fully connected count for a `side`×`side` image with this screen's channels.
    func fullyConnected2D(side: Int) -> Int {
        LayerSpec.linear(outputFeatures: side * side, bias: false).parameterCount(for: [side * side * channels])
    }

    /// F·F·C·K weights and K biases of the conv layer.
    var convolution2D: (weights: Int, biases: Int) { convolution2D(side: side) }

    /// The conv layer's weights and biases on a `side`×`side` image: the same for every side.
    func convolution2D(side: Int) -> (weights: Int, biases: Int) {
        let withBias = LayerSpec.conv(outputChannels: filters, kernelSize: kernelSize, bias: true).parameterCount(for: [channels, side, side])
        let withoutBias = LayerSpec.conv(outputChannels: filters, kernelSize: kernelSize, bias: false).parameterCount(for: [channels, side, side])
        return (withoutBias, withBias - withoutBias)
    }

    /// The sides the growth table compares: a few common image sizes and the chosen one.
    var growthSides: [Int] { Array(Set([28, 224, 1000, side]).filter { $0 >= kernelSize }).sorted() }

    var statusLine: String { status.text }

    var status: StatusLine {
        let parts = [StatusLine.Part("n = \(inputs)", .essential), StatusLine.Part("b = \(bandwidth)", .essential),
                     StatusLine.Part(isShared ? "shared" : "not shared", .essential),
                     StatusLine.Part("2-D \(side)×\(side)×\(channels), \(kernelSize)×\(kernelSize) × \(filters)", .useful)]
        return StatusLine(parts + StatusLine.message(message))
    }

    // MARK: update

    mutating func update(_ message: Message) -> [Effect] {
        guard case let .key(key) = message else { return [] }
        self.message = ""
        guard let action = Self.keyMap.action(for: key) else { return [] }
        switch action {
        case .inputs(let delta): inputs = min(max(inputs + delta, Self.inputsRange.lowerBound), Self.inputsRange.upperBound)
        case .bandwidth(let direction): bandwidth = Self.step(bandwidth, in: Self.bandwidths, by: direction)
        case .switchSharing:
            isShared.toggle()
            self.message = isShared ? "sharing on: \(bandwidth) weights" : "sharing off: \(bandEntryCount) weights"
        case .side(let direction): side = Self.step(side, in: Self.imageSides, by: direction)
        case .channels(let direction): channels = Self.step(channels, in: Self.channelChoices, by: direction)
        case .kernelSize(let direction): kernelSize = Self.step(kernelSize, in: Self.kernelSizes, by: direction)
        case .filters(let direction): filters = Self.step(filters, in: Self.filterChoices, by: direction)
        }
        return []
    }

    /// The next preset below (`direction` −1) or above (+1) `value`; `value` itself at the end.
    static func step(_ value: Int, in presets: [Int], by direction: Int) -> Int {
        direction > 0 ? (presets.first { $0 > value } ?? value) : (presets.last { $0 < value } ?? value)
    }
}
