import ConvEngine

/// The wrong answers behind the built-in slips, computed by the engine from the same
/// parameters the right answer came from: a parameter count of the same spec with its biases
/// switched off, an `AxisGeometry` over W + P with no padding for "padding counted once", the
/// geometry's `wholeWindowCount` for the floor. Only called after `derive` succeeded, so every
/// number has passed `DerivationBounds`; a slip the engine cannot compute is left out.
extension Derivation {
    /// Each slip that applies to these values, with its wrong answer, where that differs from
    /// `expected`.
    func mistakes(values: [String: Int], expected: Answer) -> [(MistakeVariant, Answer, MistakeFacts)] {
        let input = DerivationParameters(entries: parameters, values: values, line: location.line)
        var found: [(MistakeVariant, Answer, MistakeFacts)] = []
        switch kind {
        case .convOutputSize, .pooledShape:
            if let window = try? windowProblem(input) { found += window.mistakes(expected: expected) }
        case .parameters:
            found += parameterMistakes(input, expected: expected)
        case .mlpWeights:
            if let inputs = try? input.integer("inputs"), let hidden = try? input.integer("hidden"),
               (try? input.boolean("biases", fallback: false)) == true {
                let (weights, overflow) = inputs.multipliedReportingOverflow(by: hidden)
                if !overflow { found.append((.noBias, .number(Double(weights)), MistakeFacts())) }
            }
        case .outputShape:
            found += outputShapeMistakes(input, expected: expected)
        case .receptiveField, .cell:
            break
        }
        if case let .shape(sizes) = expected, sizes.count == 3 {
            found.append((.otherOrder, .shape([sizes[2], sizes[0], sizes[1]]), MistakeFacts()))
        }
        return found.filter { !AnswerChecker.sameValue($0.1, expected) }
    }

    // MARK: window geometries

    /// The axes of a conv or pooling exercise, and the depth its shape carries.
    struct WindowProblem {
        var axes: [AxisGeometry]
        /// The output depth of a volume (`filters`, or the pooled input's channels).
        var depth: Int?
        /// One axis answers with a number, two or three with a shape.
        var isSingleAxis: Bool

        func answer(_ sizes: [Int]) -> Answer {
            isSingleAxis ? .number(Double(sizes[0])) : .shape(sizes + (depth.map { [$0] } ?? []))
        }

        /// Every slip's value per axis; a slip missing on any axis is left out.
        func mistakes(expected: Answer) -> [(MistakeVariant, Answer, MistakeFacts)] {
            var found: [(MistakeVariant, Answer, MistakeFacts)] = []
            func add(_ variant: MistakeVariant, facts: MistakeFacts = MistakeFacts(), _ value: (AxisGeometry) -> Int?) {
                let sizes = axes.compactMap(value)
                if sizes.count == axes.count { found.append((variant, answer(sizes), facts)) }
            }
            let tiles = axes.allSatisfy { $0.outputSize != nil }
            if tiles {
                add(.noPlusOne) { geometry in geometry.outputSize.map { $0 - 1 } }
                add(.paddingOnce) { geometry in
                    guard geometry.padding > 0 else { return nil }
                    return AxisGeometry(inputSize: geometry.inputSize + geometry.padding, kernelSize: geometry.kernelSize,
                                        stride: geometry.stride, dilation: geometry.dilation).outputSize
                }
            } else if axes.allSatisfy({ geometry in
                if case .failure(.doesNotTile) = geometry.validated { return true }
                return geometry.outputSize != nil
            }) {
                if case .doesNotTile = expected {
                    let working = axes.map { "⌊\($0.span)/\($0.stride)⌋ + 1 = \($0.wholeWindowCount)" }
                    let facts = MistakeFacts(floorWorking: Array(Set(working)).sorted().joined(separator: "; "))
                    add(.floor, facts: facts) { $0.wholeWindowCount }
                } else {
                    // The exercise asks for the floor; "does not tile" is CS231n's answer.
                    found.append((.floor, .doesNotTile(reason: ""), MistakeFacts(expectsFloor: true)))
                }
            }
            add(.kernelSize) { $0.kernelSize }
            return found
        }
    }

    /// The same reading of `input`, `kernel`, `padding`, `stride` and `dilation` as the
    /// derivation itself; nil when a parameter is missing or malformed.
    func windowProblem(_ input: DerivationParameters) throws(DerivationError) -> WindowProblem? {
        let sizes = try input.sizes("input")
        if kind == .pooledShape {
            guard sizes.count == 2 || sizes.count == 3 else { return nil }
            let kernel = try input.integer("kernel", fallback: 2)
            let stride = try input.integer("stride", fallback: kernel)
            let padding = try input.integer("padding", fallback: 0)
            let axes = sizes.prefix(2).map { AxisGeometry(inputSize: $0, kernelSize: kernel, padding: padding, stride: stride) }
            return WindowProblem(axes: axes, depth: sizes.count == 3 ? sizes[2] : nil, isSingleAxis: false)
        }
        let kernel = try input.sizes("kernel")
        guard (1...3).contains(sizes.count), (1...2).contains(kernel.count) else { return nil }
        let kernelSizes = kernel.count == 1 ? [kernel[0], kernel[0]] : kernel
        let stride = try input.integer("stride", fallback: 1)
        let dilation = try input.integer("dilation", fallback: 1)
        let padding: Int
        if try input.text("padding")?.lowercased() == "same" {
            guard let same = AxisGeometry.samePadding(kernelSize: kernelSizes[0], dilation: dilation) else { return nil }
            padding = same
        } else {
            padding = try input.integer("padding", fallback: 0)
        }
        let axes = sizes.prefix(2).enumerated().map { axis, size in
            AxisGeometry(inputSize: size, kernelSize: kernelSizes[axis], padding: padding, stride: stride, dilation: dilation)
        }
        let depth = sizes.count == 3 ? try input.integer("filters") : nil
        return WindowProblem(axes: axes, depth: depth, isSingleAxis: sizes.count == 1)
    }

    // MARK: counts

    private func parameterMistakes(_ input: DerivationParameters, expected: Answer) -> [(MistakeVariant, Answer, MistakeFacts)] {
        guard let (spec, index) = countedSpec(input) else { return [] }
        var found: [(MistakeVariant, Answer, MistakeFacts)] = []
        let withoutBiases = ArchitectureSpec(inputShape: spec.inputShape, layers: spec.layers.map(Self.withoutBias))
        var weights: Answer?
        if let counts = try? withoutBiases.parameterCounts() {
            let count = index.map { counts[$0] } ?? counts.reduce(0, +)
            weights = .number(Double(count))
            found.append((.noBias, .number(Double(count)), MistakeFacts()))
        }
        // The channels a single layer's weights run over, with or without its biases.
        if let index, let shapes = try? spec.layerInputShapes(), shapes[index].count == 3 {
            found += Self.channelFactorMistakes(expected: expected, channels: shapes[index][0])
            if let weights { found += Self.channelFactorMistakes(expected: weights, channels: shapes[index][0]) }
        }
        return found
    }

    /// The spec whose count was asked, and the layer when one was; nil when the parameters
    /// do not name one (the derivation itself reports why).
    private func countedSpec(_ input: DerivationParameters) -> (ArchitectureSpec, Int?)? {
        if input.has("layer") {
            guard let shape = try? input.requiredText("input"), let layer = try? input.requiredText("layer"),
                  let spec = try? ArchitectureSpec(nameOrSpec: "input \(shape) | \(layer)") else { return nil }
            return (spec, 0)
        }
        guard let text = try? input.requiredText("network"), let spec = try? ArchitectureSpec(nameOrSpec: text) else { return nil }
        guard input.has("index") else { return (spec, nil) }
        guard let index = try? input.integer("index"), spec.layers.indices.contains(index) else { return nil }
        return (spec, index)
    }

    private static func withoutBias(_ layer: LayerSpec) -> LayerSpec {
        switch layer {
        case var .conv(conv):
            conv.bias = false
            return .conv(conv)
        case let .linear(outputs, _):
            return .linear(outputFeatures: outputs, bias: false)
        default:
            return layer
        }
    }

    /// A flat feature count answered per channel (or times the channels again).
    private func outputShapeMistakes(_ input: DerivationParameters, expected: Answer) -> [(MistakeVariant, Answer, MistakeFacts)] {
        guard case .number = expected, let text = try? input.requiredText("network"),
              let spec = try? ArchitectureSpec(nameOrSpec: text), let shapes = try? spec.outputShapes() else { return [] }
        let last = input.has("index") ? ((try? input.integer("index")) ?? shapes.count - 1) : shapes.count - 1
        guard shapes.indices.contains(last) else { return [] }
        let maps = ([spec.inputShape] + shapes.prefix(last + 1)).filter { $0.count == 3 }
        guard let channels = maps.last?[0] else { return [] }
        return Self.channelFactorMistakes(expected: expected, channels: channels)
    }

    /// `expected` × C and, when whole, `expected` ÷ C.
    static func channelFactorMistakes(expected: Answer, channels: Int) -> [(MistakeVariant, Answer, MistakeFacts)] {
        guard channels > 1, case let .number(value) = expected, value == value.rounded(), abs(value) < 9e15 else { return [] }
        let whole = Int(value)
        let facts = MistakeFacts(channels: channels)
        var found: [(MistakeVariant, Answer, MistakeFacts)] = []
        let (product, overflow) = whole.multipliedReportingOverflow(by: channels)
        if !overflow { found.append((.channelFactor, .number(Double(product)), facts)) }
        if whole % channels == 0 { found.append((.channelFactor, .number(Double(whole / channels)), facts)) }
        return found
    }
}
