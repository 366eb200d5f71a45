import ConvEngine
import TerminalUI

/// The activations demo: sigmoid, tanh, ReLU and leaky ReLU plotted over x ∈ [−6, 6] with their
/// derivatives, a cursor that reads off f(x) and f′(x), the saturated stretches where
/// |f′(x)| < 0.05 (so almost no gradient passes back), and a "dead ReLU": a neuron whose
/// pre-activation is negative for a whole batch, so ReLU passes back exactly zero gradient and
/// its weights never change.
///
/// Every value is ConvEngine's: `Activation.value`/`derivative` for the curves and the cursor,
/// `linearForward`, `activationBackward` and `linearBackward` for the dead neuron. Drawing is
/// in `ActivationsScreen+Render`.
struct ActivationsScreen: DemoScreen {
    static let demoName = "activations"
    static let defaultTitle = "Activations: sigmoid and its derivative"
    static let summary = "Sigmoid, tanh, ReLU and leaky ReLU with their slopes, saturation and dead ReLUs"

    /// The functions in key order (1–4).
    enum Function: String, CaseIterable, Sendable {
        case sigmoid, tanh, relu, leakyRelu

        /// How the learner names it on screen.
        var displayName: String {
            switch self {
            case .sigmoid: "sigmoid"
            case .tanh: "tanh"
            case .relu: "ReLU"
            case .leakyRelu: "leaky ReLU"
            }
        }

        /// The formula of f and of f′, as the notes would write them.
        var formulas: (value: String, derivative: String) {
            switch self {
            case .sigmoid: ("σ(x) = 1/(1 + e^(−x))", "σ′(x) = σ(x)·(1 − σ(x))")
            case .tanh: ("tanh(x) = (e^x − e^(−x))/(e^x + e^(−x))", "tanh′(x) = 1 − tanh²(x)")
            case .relu: ("ReLU(x) = max(0, x)", "ReLU′(x) = 1 if x > 0, else 0")
            case .leakyRelu: ("f(x) = x if x > 0, else a·x", "f′(x) = 1 if x > 0, else a")
            }
        }

        /// Parses a parameter value: relu, leakyrelu (or leaky-relu, leaky), sigmoid, tanh.
        static func named(_ text: String) -> Function? {
            switch text.lowercased().filter({ !"-_ ".contains($0) }) {
            case "sigmoid": .sigmoid
            case "tanh": .tanh
            case "relu": .relu
            case "leakyrelu", "leaky": .leakyRelu
            default: nil
            }
        }
    }

    /// The plotted interval of x.
    static let xRange: ClosedRange<Float> = -6...6
    /// Cursor step: x moves in quarters.
    static let cursorStep: Float = 0.25
    /// |f′(x)| below this counts as saturated: less than a twentieth of the gradient gets back.
    static let saturationThreshold: Float = 0.05
    /// Leaky ReLU's slope when the demo opens: the engine's default, 0.01 (PyTorch's
    /// `negative_slope`), which lesson 4 teaches and its cell exercises use, so the lesson and
    /// the demo show the same function.
    static let defaultSlope: Float = LayerSpec.defaultLeakySlope
    /// The leaky slopes a/A step through.
    static let slopes: [Float] = [0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.5]

    /// The dead neuron: z = w·x + b over a batch of four two-feature inputs. The bias is so
    /// negative (it might have been pushed there by one large update) that z < 0 for all four.
    static let deadInputs = Tensor(shape: [4, 2], scalars: [1, 0, 0, 1, 2, 1, 1, 2])   // N×in
    static let deadWeight = Tensor(shape: [1, 2], scalars: [0.5, -0.5])                 // out×in
    static let deadBias = Tensor(shape: [1], scalars: [-2])                              // [out]

    static var parameterHelp: [KeyBinding] {
        [
            KeyBinding("function", "relu, leakyrelu, sigmoid or tanh (default sigmoid)"),
            KeyBinding("slope", "leaky ReLU's slope a for x < 0, from 0.01 to 0.5 (default \(number(defaultSlope, decimals: 2)))"),
            KeyBinding("x", "where the cursor starts, from −6 to 6 (default 0)"),
        ]
    }

    private(set) var function: Function
    private(set) var slope: Float
    /// The cursor as a count of `cursorStep`s from 0: x = cursorIndex · 0.25.
    private(set) var cursorIndex: Int
    let colorCapability: ColorCapability

    init(parameters: [String: String], context: AppContext) throws(DemoParameterError) {
        let reader = try DemoParameterReader(parameters, help: Self.parameterHelp)
        let name = reader["function"] ?? "sigmoid"
        guard let function = Function.named(name) else {
            throw .notOneOf("function", choices: ["relu", "leakyrelu", "sigmoid", "tanh"], got: name)
        }
        self.function = function
        slope = try reader.decimal("slope", in: 0.01...0.5, default: Self.defaultSlope)
        let x = try reader.decimal("x", in: Self.xRange, default: 0)
        cursorIndex = Int((x / Self.cursorStep).rounded())
        colorCapability = context.colorCapability
    }

    var title: String { "Activations: \(function.displayName) and its derivative" }

    /// What the keys do; the help and `update` both come from `keyMap`.
    enum KeyAction: Sendable {
        case function(Int), choose(Function), move(Int), first, last, zero, slope(Int)
    }

    static var keyMap: KeyMap<KeyAction> {
        KeyMap([
            .init(
                presses: [(.tab, .function(1)), (.character("1"), .choose(.sigmoid)), (.character("2"), .choose(.tanh)), (.character("3"), .choose(.relu)), (.character("4"), .choose(.leakyRelu))],
                "next function / sigmoid, tanh, ReLU, leaky ReLU", aliases: [(.backTab, .function(-1))], label: "tab/1–4"),
            .init(presses: [(.left, .move(-1)), (.right, .move(1))], "move the cursor along x by 0.25", aliases: [(.character("h"), .move(-1)), (.character("l"), .move(1))]),
            .init(presses: [(.home, .first), (.end, .last)], "cursor to x = −6 / 6", aliases: [(.character("g"), .first), (.character("G"), .last)]),
            .init([.character("0")], "cursor to x = 0", .zero),
            .pair(lower: "a", raise: "A", "leaky ReLU slope down / up (\(slopes.map { number($0, decimals: 2) }.joined(separator: ", ")))", lower: .slope(-1), raise: .slope(1)),
        ])
    }

    var keyBindings: [KeyBinding] { Self.keyMap.bindings }

    // MARK: derived values (all from ConvEngine)

    /// The engine's activation for the chosen function (leaky ReLU with the current slope).
    var activation: Activation { Self.activation(function, slope: slope) }

    static func activation(_ function: Function, slope: Float) -> Activation {
        switch function {
        case .sigmoid: .sigmoid
        case .tanh: .tanh
        case .relu: .relu
        case .leakyRelu: .leakyRelu(slope: slope)
        }
    }

    var cursorX: Float { Float(cursorIndex) * Self.cursorStep }
    var cursorValue: Float { activation.value(cursorX) }
    var cursorDerivative: Float { activation.derivative(cursorX) }

    static var cursorLimit: Int { Int(xRange.upperBound / cursorStep) }

    func isSaturated(at x: Float) -> Bool { abs(activation.derivative(x)) < Self.saturationThreshold }

    /// The saturated stretches of [−6, 6] on the cursor's grid, as closed intervals of x: where
    /// every grid point has |f′| < 0.05.
    var saturatedIntervals: [ClosedRange<Float>] {
        var intervals: [ClosedRange<Float>] = []
        var start: Float?
        var last: Float = 0
        for index in -Self.cursorLimit...Self.cursorLimit {
            let x = Float(index) * Self.cursorStep
            if isSaturated(at: x) {
                if start == nil { start = x }
                last = x
            } else if let begin = start {
                intervals.append(begin...last)
                start = nil
            }
        }
        if let begin = start { intervals.append(begin...last) }
        return intervals
    }

    /// The dead-neuron batch through the current function: pre-activations z (4×1), outputs
    /// f(z), the gradient reaching z when each output's gradient is 1 (activationBackward), and
    /// the weight and bias gradients that follow (linearBackward).
    var deadNeuron: (z: Tensor, output: Tensor, dZ: Tensor, dWeight: Tensor, dBias: Tensor) {
        let z = linearForward(input: Self.deadInputs, weight: Self.deadWeight, bias: Self.deadBias)  // N×1
        let output = activationForward(z, activation)
        let dZ = activationBackward(dOutput: Tensor(shape: z.shape, repeating: 1), input: z, activation)
        let gradients = linearBackward(dOutput: dZ, input: Self.deadInputs, weight: Self.deadWeight, hasBias: true)
        return (z, output, dZ, gradients.dWeight, gradients.dBias ?? Tensor(shape: [1], repeating: 0))
    }

    var statusLine: String { status.text }

    /// The readings at the cursor are the point; the function's name is in the title and the
    /// slope a in the list of functions.
    var status: StatusLine {
        var parts = [StatusLine.Part(function.displayName, .useful), StatusLine.Part("x = \(Self.number(cursorX, decimals: 2))", .essential),
                     StatusLine.Part("f(x) = \(Self.number(cursorValue, decimals: 3))", .essential),
                     StatusLine.Part("f′(x) = \(Self.number(cursorDerivative, decimals: 3))", .essential)]
        if function == .leakyRelu { parts.append(StatusLine.Part("a = \(Self.number(slope, decimals: 2))", .detail)) }
        if isSaturated(at: cursorX) { parts.append(StatusLine.Part("saturated", .essential)) }
        return StatusLine(parts)
    }

    // MARK: update

    mutating func update(_ message: Message) -> [Effect] {
        guard case let .key(key) = message else { return [] }
        guard let action = Self.keyMap.action(for: key) else { return [] }
        switch action {
        case .function(let delta):
            let all = Function.allCases
            function = all[(all.firstIndex(of: function)! + delta + all.count) % all.count]
        case .choose(let chosen): function = chosen
        case .move(let delta): moveCursor(to: cursorIndex + delta)
        case .first: moveCursor(to: -Self.cursorLimit)
        case .last: moveCursor(to: Self.cursorLimit)
        case .zero: cursorIndex = 0
        case .slope(let direction): changeSlope(by: direction)
        }
        return []
    }

    private mutating func moveCursor(to index: Int) {
        cursorIndex = min(max(index, -Self.cursorLimit), Self.cursorLimit)
    }

    /// Steps to the next preset slope below or above the current one; a/A also switch to leaky
    /// ReLU, since the slope means nothing for the others.
    private mutating func changeSlope(by direction: Int) {
        function = .leakyRelu
        if direction > 0 {
            slope = Self.slopes.first { $0 > slope + 1e-6 } ?? slope
        } else {
            slope = Self.slopes.last { $0 < slope - 1e-6 } ?? slope
        }
    }

    static func number(_ value: Float, decimals: Int) -> String {
        NumberFormatting.fixed(Double(value), decimals: decimals)
    }
}
