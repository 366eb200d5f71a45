import ConvEngine
import Testing
import TerminalUI
@testable import ConvLabApp

@Suite struct ActivationsScreenTests {
    private func makeScreen(_ parameters: [String: String] = [:]) throws -> ActivationsScreen {
        try ActivationsScreen(parameters: parameters, context: AppContext(colorCapability: .none))
    }

    private func render(_ screen: ActivationsScreen, width: Int = 80, height: Int = 22) -> [String] {
        var buffer = Buffer(width: width, height: height)
        screen.render(into: &buffer, area: buffer.area)
        return buffer.trimmedLines
    }

    private func send(_ screen: inout ActivationsScreen, _ keys: Key...) {
        for key in keys { _ = screen.update(.key(key)) }
    }

    /// Sigmoid at 80×22: the tabs, formulas, the plot's ends, the saturation strip (σ′ < 0.05
    /// beyond |x| = 3) and the reading at x = 0 (σ = 0.5, σ′ = 0.25).
    @Test func sigmoidLinesAtEightyByTwentyTwo() throws {
        let lines = render(try makeScreen())
        #expect(lines.count == 22)
        #expect(lines[0] == " 1 sigmoid   2 tanh   3 ReLU   4 leaky ReLU (a = 0.01)")
        #expect(lines[1] == "σ(x) = 1/(1 + e^(−x))    σ′(x) = σ(x)·(1 − σ(x))")
        #expect(lines[2] == "  1.00┤                                    ┊                   •••••••••••••••••")
        #expect(lines[15] == "  0.00┤•••••••••••••••••───────────────────┊───────────────────+++++++++++++++++")
        #expect(lines[16] == "       -6         -4          -2           0           2           4           6")
        #expect(lines[17] == "       ░░░░ saturated ░░░░                                   ░░░░ saturated ░░░░")
        #expect(lines[18] == "• f(0.00) = 0.500   + f′(0.00) = 0.250   |f′| < 0.05 for x ≤ -3.00, x ≥ 3.00")
        #expect(lines[21] == "dz = 1·f′(z) = 0.15 0.07 0.15 0.07 → dw = (0.52, 0.36), db = 0.44: still learns")
    }

    /// ReLU: every z of the batch is negative, so f′(z) = 0 and dw, db are exactly 0.
    @Test func deadReluPassesNoGradient() throws {
        let lines = render(try makeScreen(["function": "relu"]))
        #expect(Array(lines.suffix(3)) == [
            "Dead ReLU? z = w·x + b, w = (0.5, -0.5), b = -2.0, x = (1,0) (0,1) (2,1) (1,2)",
            "z = -1.50 -2.50 -1.50 -2.50  (all < 0)  →  f(z) = 0.00 0.00 0.00 0.00",
            "dz = 1·f′(z) = 0.00 0.00 0.00 0.00 → dw = (0.00, 0.00), db = 0.00: dead",
        ])
        // Leaky ReLU lets a·1 through for each z, so the same neuron still learns.
        let leaky = try makeScreen(["function": "leakyrelu", "slope": "0.1"]).deadNeuron
        #expect(leaky.dZ.scalars == [0.1, 0.1, 0.1, 0.1])
        #expect(leaky.dWeight.scalars.allSatisfy { $0 > 0 })
    }

    /// The dead neuron's numbers are the engine's own forward and backward.
    @Test func deadNeuronIsTheEnginesForwardAndBackward() throws {
        let screen = try makeScreen(["function": "relu"])
        let z = linearForward(input: ActivationsScreen.deadInputs, weight: ActivationsScreen.deadWeight, bias: ActivationsScreen.deadBias)
        #expect(z.scalars == [-1.5, -2.5, -1.5, -2.5])
        let dZ = activationBackward(dOutput: Tensor(shape: [4, 1], repeating: 1), input: z, .relu)
        #expect(screen.deadNeuron.dZ == dZ)
        #expect(screen.deadNeuron.dWeight.scalars == [0, 0])
    }

    /// Tab cycles the four functions, 1–4 choose one, a/A step the leaky slope (and pick leaky ReLU).
    @Test func keysChooseFunctionAndSlope() throws {
        var screen = try makeScreen()
        send(&screen, .tab)
        #expect(screen.function == .tanh)
        send(&screen, .tab, .tab)
        #expect(screen.function == .leakyRelu)
        send(&screen, .tab)
        #expect(screen.function == .sigmoid)
        send(&screen, .character("3"))
        #expect(screen.function == .relu)
        send(&screen, .character("A"))
        #expect(screen.function == .leakyRelu)
        #expect(screen.slope == 0.02)
        send(&screen, .character("a"), .character("a"), .character("a"), .character("a"), .character("a"), .character("a"))
        #expect(screen.slope == 0.01)
        #expect(screen.activation == .leakyRelu(slope: 0.01))
        #expect(render(screen)[0] == " 1 sigmoid   2 tanh   3 ReLU   4 leaky ReLU (a = 0.01)")
    }

    /// The cursor moves in quarters and stops at ±6; the reading and status line are the
    /// engine's value and derivative at the cursor.
    @Test func cursorReadsTheEngine() throws {
        var screen = try makeScreen(["function": "tanh", "x": "1"])
        #expect(screen.cursorX == 1)
        send(&screen, .right, .right)
        #expect(screen.cursorX == 1.5)
        #expect(screen.cursorValue == Activation.tanh.value(1.5))
        #expect(screen.cursorDerivative == Activation.tanh.derivative(1.5))
        #expect(screen.statusLine == "tanh · x = 1.50 · f(x) = 0.905 · f′(x) = 0.181")
        send(&screen, .end, .right)
        #expect(screen.cursorX == 6)
        #expect(screen.statusLine.hasSuffix("saturated"))
        send(&screen, .home, .left)
        #expect(screen.cursorX == -6)
        send(&screen, .character("0"))
        #expect(screen.cursorX == 0)
    }

    /// Saturated stretches: exactly the grid points with |f′| < 0.05.
    @Test func saturatedIntervalsFollowTheDerivative() throws {
        #expect(try makeScreen().saturatedIntervals == [-6 ... -3, 3...6])
        #expect(try makeScreen(["function": "relu"]).saturatedIntervals == [-6...0])
        #expect(try makeScreen(["function": "leakyrelu", "slope": "0.1"]).saturatedIntervals.isEmpty)
        for x in stride(from: Float(-6), through: 6, by: 0.25) {
            let screen = try makeScreen(["function": "tanh"])
            #expect(screen.isSaturated(at: x) == (abs(Activation.tanh.derivative(x)) < 0.05))
        }
    }

    /// The demo opens at the slope lesson 4 teaches and the lessons' `leakyrelu` computes with,
    /// 0.01 (PyTorch's default), so lesson and demo never disagree.
    @Test func defaultSlopeIsTheLessonsSlope() throws {
        let screen = try makeScreen(["function": "leakyrelu"])
        #expect(screen.slope == 0.01)
        #expect(screen.activation == .leakyRelu(slope: LayerSpec.defaultLeakySlope))
        #expect(abs(screen.activation.value(-3) - (-0.03)) < 1e-6)
    }

    /// Lesson 4 opens the demo with `function: sigmoid`; bad values name the parameter.
    @Test func parameters() throws {
        #expect(try makeScreen(["function": "sigmoid"]).function == .sigmoid)
        #expect(try makeScreen(["function": "leaky-relu"]).function == .leakyRelu)
        #expect(throws: DemoParameterError.self) { try makeScreen(["function": "softplus"]) }
        #expect(throws: DemoParameterError.self) { try makeScreen(["slope": "2"]) }
        #expect(throws: DemoParameterError.self) { try makeScreen(["colour": "red"]) }
    }

    /// At 200×60 the table of f and f′ at whole x sits on the right.
    @Test func wideLayoutShowsTable() throws {
        let lines = render(try makeScreen(["function": "tanh"]), width: 200, height: 60)
        #expect(lines[2].hasSuffix("    x      f(x)     f′(x)"))
        #expect(lines[3].hasSuffix(" -6.0   -1.0000    0.0000 sat"))
        #expect(lines[9].hasSuffix("  0.0    0.0000    1.0000"))
    }
}
