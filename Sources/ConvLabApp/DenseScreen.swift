import ConvEngine
import TerminalUI

/// The dense demo, beyond classification: a small digit classifier slid over a larger canvas.
///
/// A CNN (`DenseDetectionExperiment`) is trained in-process on 14×14 digits and a background
/// class, a few batches per clock tick. Then every 14×14 window of a 17×44 canvas holding three
/// digits, at stride S, is classified: the class map. Sliding a classifier over an image is
/// running it convolutionally — the idea behind fully convolutional nets and segmentation.
/// For one chosen digit, a box b̂ is read off the class map (the confidence-weighted mean of
/// the windows predicting its class) and scored against the digit's true ink box b with the
/// L2 box loss ‖b̂ − b‖² over (x, y, w, h). Drawing is in `DenseScreen+Render`.
public struct DenseScreen: DemoScreen {
    public static let demoName = "dense"
    public static let summary = "Slide a digit classifier over a canvas: class map and a box from it"

    public static let strideRange = 1...6

    public static var parameterHelp: [KeyBinding] {
        [
            KeyBinding("seed", "seed of the training data, weights and canvas (default 1)"),
            KeyBinding("stride", "window stride in pixels, \(strideRange.lowerBound) to \(strideRange.upperBound) (default 2)"),
        ]
    }

    public let seed: UInt64
    public private(set) var stride: Int
    /// Which of the canvas's three digits the localisation view follows.
    public private(set) var chosenDigit = 0
    public private(set) var experiment: DenseDetectionExperiment
    /// The trained net over every window at `stride`; nil while training.
    public private(set) var classMap: ClassMap?
    let colorCapability: ColorCapability

    public init(parameters: [String: String], context: AppContext) throws(DemoParameterError) {
        let reader = try DemoParameterReader(parameters, help: Self.parameterHelp)
        let seedText = reader["seed"] ?? "1"
        guard let seed = UInt64(seedText.trimmingWhitespace) else {
            throw DemoParameterError(parameter: "seed", message: "expected a whole number of at least 0, got \"\(seedText)\"")
        }
        self.seed = seed
        stride = try reader.integer("stride", in: Self.strideRange, default: 2)
        experiment = DenseDetectionExperiment(seed: seed)
        colorCapability = context.colorCapability
    }

    public var title: String { "Dense prediction: a classifier slid over an image" }

    public var keyBindings: [KeyBinding] {
        [
            KeyBinding("s/S", "smaller / larger stride"),
            KeyBinding("tab", "localise the next digit"),
        ]
    }

    /// The chosen digit on the canvas.
    public var digit: DenseDetectionExperiment.PlacedDigit { experiment.digits[chosenDigit] }

    public var trainingPercent: Int { Int((experiment.trainer.trainingFraction * 100).rounded(.down)) }

    public var statusLine: String {
        let training = classMap == nil ? "training… \(trainingPercent)%" : "net trained"
        return "stride \(stride) · digit \(chosenDigit + 1)/\(experiment.digits.count) (class \(digit.label)) · \(training)"
    }

    /// b̂ for the chosen digit and how many windows it averages, once trained.
    public var estimatedBox: (box: BoundingBox, windows: Int)? { classMap?.estimatedBox(for: digit.label) }

    /// ‖b̂ − b‖² for the chosen digit, once trained and some window predicts its class.
    public var boxLoss: Double? { estimatedBox.map { $0.box.squaredDistance(to: digit.trueBox) } }

    // MARK: update

    public mutating func update(_ message: Message) -> [Effect] {
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
        switch key {
        case .character("s"): setStride(stride - 1)
        case .character("S"): setStride(stride + 1)
        case .tab: chosenDigit = (chosenDigit + 1) % experiment.digits.count
        case .backTab: chosenDigit = (chosenDigit + experiment.digits.count - 1) % experiment.digits.count
        default: break
        }
    }

    private mutating func setStride(_ value: Int) {
        stride = min(max(value, Self.strideRange.lowerBound), Self.strideRange.upperBound)
        if classMap != nil { classMap = experiment.classMap(stride: stride) }
    }
}
