import ConvEngine
import TerminalUI

/// The backpropagation demo: where a gradient comes from, term by term, for a small conv layer
/// and for max and average pooling, with a finite-difference check computed live beside it.
///
/// The loss is L = Σ y ⊙ g, where y is the layer's output and g a seeded "upstream gradient"
/// of y's shape, so that ∂L/∂y = g exactly as if the rest of a network had sent g back.
/// - conv (5×5 input x, 3×3 kernel w, stride 1, no bias → 3×3 output):
///   ∂L/∂w[i,j] = Σ over output cells (r,c) of x[r+i, c+j] · g[r,c]. The learner picks a weight
///   with the arrows and steps through the nine terms; the running sum ends at the engine's
///   `referenceConv2dBackward` dWeight for that weight. The conv runs on the reference loops,
///   as the stepper's do: the same rounding on every CPU, so the finite-difference check
///   shows the same digits on every machine (a fused multiply-add kernel rounds differently).
/// - max pool (6×6 input, 2×2 windows, stride 2 → 3×3): each window's g goes to its argmax,
///   every other input gets 0 (`maxPool2dBackward`); average pooling spreads g/4 over the
///   window (`avgPool2dBackward`). Stepping fills dL/dx window by window (the engine's backward
///   of g with the later windows zeroed); the arrows pick the input cell that is checked.
///
/// The check perturbs the selected value by ±ε, runs the engine's forward twice and shows
/// (L₊ − L₋)/2ε. L is linear in w (and piecewise linear in x), so the two agree up to float
/// rounding. Drawing is in `BackpropScreen+Render`.
struct BackpropScreen: DemoScreen {
    static let demoName = "backprop"
    static let defaultTitle = "Backprop through a conv layer: one weight's gradient"
    static let summary = "One weight's gradient as a sum of terms; pooling routes; a finite-difference check"

    /// The layer the gradient flows back through.
    enum LayerKind: String, CaseIterable, Sendable {
        case conv, maxpool, avgpool
    }

    static var parameterHelp: [KeyBinding] {
        [
            KeyBinding("layer", "conv, maxpool or avgpool (default conv)"),
            KeyBinding("seed", "seed for the input, kernel and upstream gradient, a whole number (default 1)"),
        ]
    }

    /// ε of the central difference; L is (piecewise) linear, so any small ε gives the slope,
    /// and pool inputs are at least 0.1 apart so ±ε never changes a window's argmax.
    static let epsilon: Float = 0.01
    /// Milliseconds between steps while playing.
    static let playInterval = 400
    static let convInputSize = 5, kernelSize = 3, poolInputSize = 6, poolSize = 2

    private(set) var layer: LayerKind
    let seed: UInt64
    /// 1×1×5×5 conv input, values in tenths from −1 to 1.
    let convInput: Tensor
    /// 1×1×3×3 kernel.
    let weight: Tensor
    /// 1×1×3×3 upstream gradient g = ∂L/∂y for the conv output.
    let convUpstream: Tensor
    /// 1×1×6×6 pool input: 36 distinct values in tenths (no ties, so every argmax is unique).
    let poolInput: Tensor
    /// 1×1×3×3 upstream gradient for the pooled output.
    let poolUpstream: Tensor
    /// The engine's ∂L/∂x for the conv layer, 1×1×5×5, from one backward pass at init.
    let inputGradient: Tensor
    /// The engine's ∂L/∂w, 1×1×3×3, from the same backward pass.
    let weightGradient: Tensor
    /// The selected weight (conv) or input cell (pooling).
    private(set) var selectedRow = 0
    private(set) var selectedColumn = 0
    /// How many terms (conv) or windows (pooling) have been shown, 0…9.
    private(set) var step = 0
    /// Play and pause over the steps 0…`stepCount`: one step per `playInterval`.
    private(set) var playback = Playback(interval: playInterval)
    var isPlaying: Bool { playback.isPlaying }
    let colorCapability: ColorCapability

    init(parameters: [String: String], context: AppContext) throws(DemoParameterError) {
        let reader = try DemoParameterReader(parameters, help: Self.parameterHelp)
        let layer = try LayerKind(rawValue: reader.choice("layer", from: LayerKind.allCases.map(\.rawValue), default: "conv"))!
        self.layer = layer
        let seed = try reader.seed("seed", default: 1)
        self.seed = seed
        var generator = SeededGenerator(seed: seed)
        func tenths(_ shape: [Int]) -> Tensor {
            Tensor(shape: shape, scalars: (0..<shape.reduce(1, *)).map { _ in Float(generator.nextInt(below: 21) - 10) / 10 })
        }
        convInput = tenths([1, 1, Self.convInputSize, Self.convInputSize])
        weight = tenths([1, 1, Self.kernelSize, Self.kernelSize])
        convUpstream = tenths([1, 1, 3, 3])
        var values = Array(0..<(Self.poolInputSize * Self.poolInputSize))
        values.shuffle(using: &generator)
        poolInput = Tensor(shape: [1, 1, Self.poolInputSize, Self.poolInputSize], scalars: values.map { Float($0 - 18) / 10 })
        poolUpstream = tenths([1, 1, 3, 3])
        let gradients = referenceConv2dBackward(dOutput: convUpstream, input: convInput, weight: weight, hasBias: false, config: Self.convConfig)
        (inputGradient, weightGradient) = (gradients.dInput, gradients.dWeight)
        colorCapability = context.colorCapability
    }

    var title: String {
        switch layer {
        case .conv: "Backprop through a conv layer: one weight's gradient"
        case .maxpool: "Backprop through max pooling: gradients go to the argmax"
        case .avgpool: "Backprop through average pooling: gradients spread evenly"
        }
    }

    /// What the keys do; the help and `handleKey` both come from `keyMap`.
    enum KeyAction: Sendable {
        case select(rows: Int, columns: Int), step(Int), every, playOrPause, switchMode
    }

    static func keyMap(layer: LayerKind) -> KeyMap<KeyAction> {
        KeyMap([
            .init(
                presses: [(.left, .select(rows: 0, columns: -1)), (.right, .select(rows: 0, columns: 1)), (.up, .select(rows: -1, columns: 0)), (.down, .select(rows: 1, columns: 0))],
                layer == .conv ? "select a kernel weight" : "select an input cell to check",
                aliases: [(.character("h"), .select(rows: 0, columns: -1)), (.character("l"), .select(rows: 0, columns: 1))], label: "arrows"),
            .init(presses: [(.character(","), .step(-1)), (.character("."), .step(1))], "one term (conv) or window (pooling) back / forward"),
            .init([.character("e")], "every term at once", .every),
            .init([.character(" ")], "play / pause", .playOrPause),
            .init([.character("m")], "mode: conv → max pool → average pool", .switchMode),
        ])
    }

    var keyBindings: [KeyBinding] { Self.keyMap(layer: layer).bindings }

    var statusLine: String { status.text }

    /// The header names the layer and the seed, so those make way first.
    var status: StatusLine {
        let what = layer == .conv ? "w[\(selectedRow),\(selectedColumn)] term" : "x[\(selectedRow),\(selectedColumn)] · window"
        return StatusLine([
            StatusLine.Part(layer.rawValue, .useful), StatusLine.Part("\(what) \(step)/\(stepCount)", .essential),
            StatusLine.Part("seed \(seed)", .detail), StatusLine.Part(playback.stateText, .essential),
        ])
    }

    // MARK: engine values

    static let convConfig = Conv2DConfig(stride: 1)
    var poolConfig: Pool2DConfig { Pool2DConfig(kernelSize: Self.poolSize) }

    /// Output cells of the layer: the number of terms or windows to step through.
    var stepCount: Int { 9 }

    /// conv output y = x ⋆ w, 1×1×3×3.
    var convOutput: Tensor { referenceConv2dForward(input: convInput, weight: weight, bias: nil, config: Self.convConfig) }

    /// The same ∂L/∂x written as a forward pass: g zero-padded by F − 1 = 2 and convolved (the
    /// true, flipped convolution) with w. Each input pixel collects g from every window that
    /// covered it, weighted by the kernel tap that touched it.
    var inputGradientAsConvolution: Tensor {
        referenceConv2dForward(input: convUpstream, weight: weight, bias: nil, config: Conv2DConfig(stride: 1, padding: Self.kernelSize - 1, flipped: true))
    }

    /// One term of ∂L/∂w[i,j]: output cell (r, c), x[r+i, c+j], g[r, c] and their product.
    struct Term: Equatable, Sendable {
        var outputRow: Int, outputColumn: Int, inputRow: Int, inputColumn: Int
        var input: Float, upstream: Float
        var product: Float { input * upstream }
    }

    /// The nine terms of the selected weight's gradient, in output order.
    var terms: [Term] {
        let geometry = Self.convConfig.geometry(inputHeight: Self.convInputSize, inputWidth: Self.convInputSize, kernelHeight: Self.kernelSize, kernelWidth: Self.kernelSize)
        guard case let .success(size) = geometry.validated else { return [] }
        var result: [Term] = []
        for row in 0..<size.height {
            for column in 0..<size.width {
                let inputRow = row * Self.convConfig.strideHeight + selectedRow, inputColumn = column * Self.convConfig.strideWidth + selectedColumn
                result.append(Term(outputRow: row, outputColumn: column, inputRow: inputRow, inputColumn: inputColumn,
                                   input: convInput[0, 0, inputRow, inputColumn], upstream: convUpstream[0, 0, row, column]))
            }
        }
        return result
    }

    /// The pooled output and max pooling's routes (flat input index per output cell).
    var pooled: (output: Tensor, routes: [Int]) { maxPool2dForward(input: poolInput, config: poolConfig) }

    /// The engine's ∂L/∂x for pooling with only the first `windows` windows' gradients sent
    /// back (the rest zeroed), 1×1×6×6; `windows` = 9 is the whole gradient.
    func poolInputGradient(windows: Int) -> Tensor {
        var upstream = poolUpstream
        for index in windows..<upstream.count { upstream.scalars[index] = 0 }
        switch layer {
        case .avgpool: return avgPool2dBackward(dOutput: upstream, inputShape: poolInput.shape, config: poolConfig)
        default: return maxPool2dBackward(dOutput: upstream, inputShape: poolInput.shape, routes: pooled.routes)
        }
    }

    /// L = Σ y ⊙ g for the current layer with the selected value (weight or input) set to
    /// `value`, accumulated in Double.
    func loss(selectedValue value: Float) -> Double {
        let output: Tensor, upstream: Tensor
        switch layer {
        case .conv:
            var perturbed = weight
            perturbed.scalars[selectedRow * Self.kernelSize + selectedColumn] = value
            output = referenceConv2dForward(input: convInput, weight: perturbed, bias: nil, config: Self.convConfig)
            upstream = convUpstream
        case .maxpool, .avgpool:
            var perturbed = poolInput
            perturbed.scalars[selectedRow * Self.poolInputSize + selectedColumn] = value
            output = layer == .maxpool ? maxPool2dForward(input: perturbed, config: poolConfig).output : avgPool2dForward(input: perturbed, config: poolConfig)
            upstream = poolUpstream
        }
        return zip(output.scalars, upstream.scalars).reduce(0) { $0 + Double($1.0) * Double($1.1) }
    }

    /// The selected value, its analytic gradient from the engine's backward, and the central
    /// difference (L₊ − L₋)/2ε with L₊ and L₋.
    var gradientCheck: (value: Float, analytic: Float, lossPlus: Double, lossMinus: Double, numeric: Double) {
        let value: Float, analytic: Float
        if layer == .conv {
            value = weight[0, 0, selectedRow, selectedColumn]
            analytic = weightGradient[0, 0, selectedRow, selectedColumn]
        } else {
            value = poolInput[0, 0, selectedRow, selectedColumn]
            analytic = poolInputGradient(windows: stepCount)[0, 0, selectedRow, selectedColumn]
        }
        let plus = loss(selectedValue: value + Self.epsilon), minus = loss(selectedValue: value - Self.epsilon)
        // The step actually taken in Float, so rounding of value ± ε does not bias the slope.
        let width = Double(value + Self.epsilon) - Double(value - Self.epsilon)
        return (value, analytic, plus, minus, (plus - minus) / width)
    }

    // MARK: update

    mutating func update(_ message: Message) -> [Effect] {
        switch message {
        case .tick(let milliseconds):
            // Steps run from 0 (nothing shown) to stepCount (every term): stepCount + 1 of them.
            step = playback.tick(milliseconds: milliseconds, position: step, count: stepCount + 1)
        case .key(let key):
            handleKey(key)
        }
        return []
    }

    private mutating func handleKey(_ key: Key) {
        let size = layer == .conv ? Self.kernelSize : Self.poolInputSize
        guard let action = Self.keyMap(layer: layer).action(for: key) else { return }
        switch action {
        case .select(let rows, let columns): select(row: selectedRow + rows, column: selectedColumn + columns, size: size)
        case .step(let delta): step = min(max(step + delta, 0), stepCount)
        case .every: step = stepCount
        case .playOrPause: step = playback.playOrPause(position: step, count: stepCount + 1)
        case .switchMode:
            let all = LayerKind.allCases
            layer = all[(all.firstIndex(of: layer)! + 1) % all.count]
            (selectedRow, selectedColumn, step) = (0, 0, 0)
            playback.pause()
        }
    }

    /// Moves the selection; in conv mode a new weight starts its sum again.
    private mutating func select(row: Int, column: Int, size: Int) {
        let row = min(max(row, 0), size - 1), column = min(max(column, 0), size - 1)
        guard row != selectedRow || column != selectedColumn else { return }
        (selectedRow, selectedColumn) = (row, column)
        if layer == .conv { step = 0 }
    }
}
