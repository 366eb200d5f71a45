import ConvEngine
import TerminalUI

/// The dense demo, beyond classification: a small two-headed CNN slid over a larger canvas.
///
/// The net (`DenseDetectionExperiment`) is trained in-process on 14×14 windows, for a slice of
/// time per clock tick, with cross-entropy on its 11 class scores (10 digits and background)
/// plus λ·‖b̂ − b‖² on its 4 box numbers. Then every 14×14 window of an 18×44 canvas holding
/// three digits, at stride S, is classified: the class map. Sliding a classifier over an image
/// is running it convolutionally — the idea behind fully convolutional nets and segmentation.
/// For one chosen digit, the window most sure of its class gives the box head's b̂, drawn on
/// the canvas with the digit's true ink box b and scored by the L2 box loss ‖b̂ − b‖² over
/// (x, y, w, h). Drawing is in `DenseScreen+Render`.
struct DenseScreen: DemoScreen {
    static let demoName = "dense"
    static let defaultTitle = "Dense prediction: a classifier slid over an image"
    static let summary = "Slide a two-headed digit net over a canvas: class map and boxes"

    static let strideRange = 1...6

    static var parameterHelp: [KeyBinding] {
        let examples = DenseDetectionExperiment.examplesRange
        return [
            KeyBinding("seed", "seed of the training data, weights and canvas (default 1)"),
            KeyBinding("stride", "window stride in pixels, \(strideRange.lowerBound) to \(strideRange.upperBound) (default 2)"),
            KeyBinding("examples", "training windows, \(examples.lowerBound) to \(examples.upperBound) (default \(DenseDetectionExperiment.defaultExamples))"),
        ]
    }

    let seed: UInt64
    private(set) var stride: Int
    /// Which of the canvas's three digits the localisation view follows.
    private(set) var chosenDigit = 0
    private(set) var experiment: DenseDetectionExperiment
    /// The trained net over every window at `stride`; nil while training.
    private(set) var classMap: ClassMap?
    let colorCapability: ColorCapability

    init(parameters: [String: String], context: AppContext) throws(DemoParameterError) {
        let reader = try DemoParameterReader(parameters, help: Self.parameterHelp)
        seed = try reader.seed("seed", default: 1)
        stride = try reader.integer("stride", in: Self.strideRange, default: 2)
        let examples = try reader.integer("examples", in: DenseDetectionExperiment.examplesRange,
                                          default: DenseDetectionExperiment.defaultExamples)
        experiment = DenseDetectionExperiment(seed: seed, examples: examples)
        colorCapability = context.colorCapability
    }

    var title: String { "Dense prediction: a classifier slid over an image" }

    /// What the keys do; the help and `handleKey` both come from `keyMap`.
    enum KeyAction: Sendable {
        case stride(Int), digit(Int)
    }

    static let keyMap = KeyMap<KeyAction>([
        .pair(lower: "s", raise: "S", "stride down / up", lower: .stride(-1), raise: .stride(1)),
        .init(presses: [(.tab, .digit(1))], "localise the next digit", aliases: [(.backTab, .digit(-1))]),
    ])

    var keyBindings: [KeyBinding] { Self.keyMap.bindings }

    /// The chosen digit on the canvas.
    var digit: DenseDetectionExperiment.PlacedDigit { experiment.digits[chosenDigit] }

    var trainingPercent: Int { Int((experiment.trainingFraction * 100).rounded(.down)) }

    var statusLine: String {
        let training = classMap == nil ? "training… \(trainingPercent)%" : "net trained"
        return "stride \(stride) · digit \(chosenDigit + 1)/\(experiment.digits.count) (class \(digit.label)) · \(training)"
    }

    /// The chosen digit's localisation once trained: the window most sure of its class, that
    /// window's probability for it, and its box head's b̂ in canvas pixels.
    var localisation: (window: Int, probability: Float, box: BoundingBox)? { classMap?.localisation(of: digit.label) }

    /// ‖b̂ − b‖² in pixels² for the chosen digit, once trained.
    var boxLoss: Double? { localisation.map { $0.box.squaredDistance(to: digit.trueBox) } }

    // MARK: update

    mutating func update(_ message: Message) -> [Effect] {
        switch message {
        case .tick:
            guard classMap == nil else { break }
            experiment.advance()
            if experiment.isFinished { classMap = experiment.classMap(stride: stride) }
        case .key(let key):
            handleKey(key)
        }
        return []
    }

    private mutating func handleKey(_ key: Key) {
        guard let action = Self.keyMap.action(for: key) else { return }
        switch action {
        case .stride(let delta): setStride(stride + delta)
        case .digit(let delta): chosenDigit = (chosenDigit + delta + experiment.digits.count) % experiment.digits.count
        }
    }

    private mutating func setStride(_ value: Int) {
        stride = min(max(value, Self.strideRange.lowerBound), Self.strideRange.upperBound)
        if classMap != nil { classMap = experiment.classMap(stride: stride) }
    }
}
