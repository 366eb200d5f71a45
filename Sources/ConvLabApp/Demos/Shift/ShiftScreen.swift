import ConvEngine
import TerminalUI

/// The shift demo: what moving an image does to a conv layer, a pooling layer and a network.
///
/// (a) Equivariance: conv(shift(x)) and shift(conv(x)) side by side with their difference,
///     which is exactly 0 wherever the kernel's window, before and after the shift, lies
///     inside the image ("away from the borders").
/// (b) Approximate invariance: max pooling of ReLU(conv) before and after one more pixel of
///     shift, and how many pooled cells changed against how many conv cells did.
/// (c) A small CNN and an MLP, trained in-process on centred synthetic digits
///     (`ShiftRobustnessExperiment`, one batch per clock tick), tested on digits shifted 0…6 px.
///
/// Every map comes from `conv2dForward`, `activationForward` and `maxPool2dForward`; shifting
/// is `ImageShift`. Drawing is in `ShiftScreen+Render`.
struct ShiftScreen: DemoScreen {
    static let demoName = "shift"
    static let defaultTitle = "Shifting an image: equivariance and invariance"
    static let summary = "Shift an image: conv output shifts with it, pooling barely changes, CNN vs MLP"

    static let shiftRange = -8...8

    static var parameterHelp: [KeyBinding] {
        [
            KeyBinding("image", "sample image to shift: \(SampleImage.names.joined(separator: ", ")) (default digit)"),
            KeyBinding("dx", "columns to shift right, \(shiftRange.lowerBound) to \(shiftRange.upperBound) (default 0)"),
            KeyBinding("dy", "rows to shift down, \(shiftRange.lowerBound) to \(shiftRange.upperBound) (default 0)"),
            KeyBinding("fill", "zero or wrap: what enters at the edge (default zero)"),
            KeyBinding("kernel", "gallery kernel of the conv layer (default sobel-x)"),
            KeyBinding("seed", "seed of the CNN-vs-MLP experiment's data and weights (default 1)"),
        ]
    }

    private(set) var image: SampleImage
    private(set) var kernel: NamedKernel
    private(set) var shiftRight: Int
    private(set) var shiftDown: Int
    private(set) var fill: ImageShift.Fill
    let seed: UInt64
    /// The CNN-vs-MLP experiment, advanced one step per tick until finished.
    private(set) var experiment: ShiftRobustnessExperiment
    let colorCapability: ColorCapability

    init(parameters: [String: String], context: AppContext) throws(DemoParameterError) {
        let reader = try DemoParameterReader(parameters, help: Self.parameterHelp)
        image = try reader.sampleImage("image", default: "digit")
        do {
            kernel = try KernelGallery.kernel(named: parameters["kernel"] ?? "sobel-x")
        } catch {
            throw DemoParameterError(parameter: "kernel", message: "\(error)")
        }
        shiftRight = try reader.integer("dx", in: Self.shiftRange, default: 0)
        shiftDown = try reader.integer("dy", in: Self.shiftRange, default: 0)
        fill = try ImageShift.Fill(rawValue: reader.choice("fill", from: ["zero", "wrap"], default: "zero"))!
        seed = try reader.seed("seed", default: 1)
        experiment = ShiftRobustnessExperiment(seed: seed)
        colorCapability = context.colorCapability
    }

    var title: String { "Shifting an image: equivariance and invariance" }

    /// What the keys do; the help and `handleKey` both come from `keyMap`.
    enum KeyAction: Sendable {
        case shift(right: Int, down: Int), reset, switchFill, image(Int), kernel(Int)
    }

    static let keyMap = KeyMap<KeyAction>([
        .init(
            presses: [(.left, .shift(right: -1, down: 0)), (.right, .shift(right: 1, down: 0)), (.up, .shift(right: 0, down: -1)), (.down, .shift(right: 0, down: 1))],
            "shift the image one pixel", aliases: [(.character("h"), .shift(right: -1, down: 0)), (.character("l"), .shift(right: 1, down: 0))], label: "arrows"),
        .init([.character("0")], "back to no shift", .reset),
        .init([.character("m")], "fill mode: zeros / wrap around", .switchFill),
        .pair(lower: "i", raise: "I", "previous / next sample image", lower: .image(-1), raise: .image(1)),
        .pair(lower: "k", raise: "K", "previous / next gallery kernel of the same size", lower: .kernel(-1), raise: .kernel(1)),
    ])

    var keyBindings: [KeyBinding] { Self.keyMap.bindings }

    var statusLine: String { status.text }

    /// The header line repeats the fill and the kernel, so those make way first.
    var status: StatusLine {
        let training = experiment.isFinished ? "nets trained"
            : experiment.failure != nil ? "training stopped" : "training \(experimentSteps)/\(experiment.stepCount)"
        return StatusLine([
            StatusLine.Part("dx \(shiftRight), dy \(shiftDown)", .essential), StatusLine.Part("\(fill.rawValue) fill", .useful),
            StatusLine.Part(kernel.name, .useful), StatusLine.Part(training, .essential),
        ])
    }

    /// Steps the experiment has taken (batches, then evaluated shifts).
    var experimentSteps: Int {
        experiment.cnn.isFinished ? experiment.batchCount + experiment.evaluatedShifts.count : experiment.batchesDone
    }

    // MARK: engine values

    /// The image as 1×C×H×W.
    var input: Tensor { image.pixels.reshaped([1, image.channels, image.height, image.width]) }

    /// "Same" padding keeps the map the image's size, so shifts compare cell for cell.
    var convConfig: Conv2DConfig { Conv2DConfig(padding: kernel.kernelHeight / 2) }

    func convolved(_ input: Tensor) -> Tensor {
        conv2dForward(input: input, weight: kernel.convWeight(channels: image.channels), bias: nil, config: convConfig)
    }

    var shiftedInput: Tensor { ImageShift.shifted(input, right: shiftRight, down: shiftDown, fill: fill) }
    /// conv(shift(x)), 1×1×H×W.
    var convOfShifted: Tensor { convolved(shiftedInput) }
    /// shift(conv(x)), 1×1×H×W.
    var shiftOfConv: Tensor { ImageShift.shifted(convolved(input), right: shiftRight, down: shiftDown, fill: fill) }

    /// Whether output cell (row, column)'s window lies inside the image both where it is and
    /// where it came from (before the shift): there the two maps must agree exactly.
    func isAwayFromBorders(row: Int, column: Int) -> Bool {
        let radius = kernel.kernelHeight / 2, height = image.height, width = image.width
        func inside(_ value: Int, _ size: Int) -> Bool { value >= radius && value < size - radius }
        var sourceRow = row - shiftDown, sourceColumn = column - shiftRight
        if fill == .wrap {
            sourceRow = ((sourceRow % height) + height) % height
            sourceColumn = ((sourceColumn % width) + width) % width
        }
        return inside(row, height) && inside(column, width) && inside(sourceRow, height) && inside(sourceColumn, width)
    }

    /// max |conv(shift x) − shift(conv x)| away from the borders and over every cell, and how
    /// many cells are away from the borders.
    var equivarianceGap: (inside: Float, everywhere: Float, insideCells: Int) {
        let first = convOfShifted, second = shiftOfConv
        var inside: Float = 0, everywhere: Float = 0, count = 0
        for row in 0..<image.height {
            for column in 0..<image.width {
                let gap = abs(first[0, 0, row, column] - second[0, 0, row, column])
                everywhere = max(everywhere, gap)
                if isAwayFromBorders(row: row, column: column) {
                    inside = max(inside, gap)
                    count += 1
                }
            }
        }
        return (inside, everywhere, count)
    }

    /// The first of 2×2 stride 2, 3×3 stride 2, 2×2 stride 1 that tiles the image.
    var poolConfig: Pool2DConfig {
        for (size, stride) in [(2, 2), (3, 2), (2, 1)] {
            let config = Pool2DConfig(kernelSize: size, stride: stride)
            if case .success = config.geometry(inputHeight: image.height, inputWidth: image.width).validated { return config }
        }
        return Pool2DConfig(kernelSize: 1)
    }

    /// ReLU(conv(x shifted by `extra` more columns)) and its max pooling.
    func pooledMaps(extraShift extra: Int) -> (activation: Tensor, pooled: Tensor) {
        let shifted = ImageShift.shifted(input, right: shiftRight + extra, down: shiftDown, fill: fill)
        let activation = activationForward(convolved(shifted), .relu)
        return (activation, maxPool2dForward(input: activation, config: poolConfig).output)
    }

    /// How many cells differ between the current shift and one more pixel right, for the
    /// ReLU(conv) map and for the pooled map.
    var changedByOnePixel: (activation: Int, activationCells: Int, pooled: Int, pooledCells: Int) {
        let before = pooledMaps(extraShift: 0), after = pooledMaps(extraShift: 1)
        let activation = zip(before.activation.scalars, after.activation.scalars).filter { $0 != $1 }.count
        let pooled = zip(before.pooled.scalars, after.pooled.scalars).filter { $0 != $1 }.count
        return (activation, before.activation.count, pooled, before.pooled.count)
    }

    // MARK: update

    mutating func update(_ message: Message) -> [Effect] {
        switch message {
        case .tick:
            experiment.advance()
        case .key(let key):
            handleKey(key)
        }
        return []
    }

    private mutating func handleKey(_ key: Key) {
        guard let action = Self.keyMap.action(for: key) else { return }
        switch action {
        case .shift(let right, let down): shift(right: shiftRight + right, down: shiftDown + down)
        case .reset: (shiftRight, shiftDown) = (0, 0)
        case .switchFill: fill = fill == .zero ? .wrap : .zero
        case .image(let delta):
            let count = SampleImage.all.count
            let index = SampleImage.all.firstIndex { $0.name == image.name } ?? 0
            image = SampleImage.all[(index + delta + count) % count]
        case .kernel(let delta):
            let same = KernelGallery.kernels.filter { $0.kernelHeight == kernel.kernelHeight && $0.kernelWidth == kernel.kernelWidth }
            let index = same.firstIndex { $0.name == kernel.name } ?? 0
            kernel = same[(index + delta + same.count) % same.count]
        }
    }

    private mutating func shift(right: Int, down: Int) {
        shiftRight = min(max(right, Self.shiftRange.lowerBound), Self.shiftRange.upperBound)
        shiftDown = min(max(down, Self.shiftRange.lowerBound), Self.shiftRange.upperBound)
    }
}
