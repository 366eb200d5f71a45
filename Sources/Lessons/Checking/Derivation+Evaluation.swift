import ConvEngine

extension Derivation {
    /// Asks the engine for the answer, with `values` filling any `{placeholders}` in the
    /// parameters. Throws when a parameter is missing, malformed or asks for something the
    /// engine refuses (a kernel larger than its input, an unknown network).
    public func derive(values: [String: Int] = [:]) throws(DerivationError) -> DerivedAnswer {
        try derive(values: values, convention: nil)
    }

    /// `derive(values:)`, with `convention` (when given) in place of the one the lesson
    /// writes; for conv-output-size and pooled-shape, the only kinds it affects.
    func derive(values: [String: Int], convention override: OutputSizeConvention?) throws(DerivationError) -> DerivedAnswer {
        let input = DerivationParameters(entries: parameters, values: values, line: location.line)
        do { try DerivationBounds.check(kind, parameters, values: values) } catch { throw DerivationError(line: error.line, message: error.issue.description) }
        // The written convention is read (and so judged) even when overridden.
        let written = try input.convention()
        switch kind {
        case .convOutputSize: return try convOutputSize(input, convention: override ?? written)
        case .pooledShape: return try pooledShape(input, convention: override ?? written)
        case .parameters: return try parameterCount(input)
        case .mlpWeights: return try mlpWeights(input)
        case .receptiveField: return try receptiveField(input)
        case .cell: return try cell(input)
        case .outputShape: return try outputShape(input)
        }
    }

    /// `convention` nil means the lesson names none: fine while the windows tile, an error
    /// (at `derive:`) when they do not.
    private func convOutputSize(_ input: DerivationParameters, convention: OutputSizeConvention?) throws(DerivationError) -> DerivedAnswer {
        let sizes = try input.sizes("input")
        let kernel = try input.sizes("kernel")
        guard (1...3).contains(sizes.count), (1...2).contains(kernel.count) else {
            throw DerivationError(line: input.lineOf("input"), message: "'input' must be W, HxW or HxWxC and 'kernel' F or FHxFW")
        }
        let stride = try input.integer("stride", fallback: 1)
        let dilation = try input.integer("dilation", fallback: 1)
        let kernelSizes = kernel.count == 1 ? [kernel[0], kernel[0]] : kernel
        let padding: Int
        if try input.text("padding")?.lowercased() == "same" {
            guard let same = AxisGeometry.samePadding(kernelSize: kernelSizes[0], dilation: dilation) else {
                throw DerivationError(line: input.lineOf("padding"), message: "'same' padding needs an odd kernel")
            }
            padding = same
        } else {
            padding = try input.integer("padding", fallback: 0)
        }
        let axes = sizes.count == 1 ? [sizes[0]] : [sizes[0], sizes[1]]
        var outputs: [Int] = []
        var workings: [String] = []
        var untiledAxis: AxisGeometry?
        for (axis, size) in axes.enumerated() {
            let geometry = AxisGeometry(
                inputSize: size, kernelSize: kernelSizes[axis], padding: padding, stride: stride, dilation: dilation,
                convention: convention ?? .exact)
            if geometry.remainder != 0 {
                guard convention != nil else { throw Self.conventionMissing(geometry, line: location.line) }
                untiledAxis = untiledAxis ?? geometry
            }
            switch geometry.validated {
            case let .success(output):
                outputs.append(output)
                workings.append("\(geometry.formula) = \(output)")
            case let .failure(error):
                if case .doesNotTile = error {
                    return DerivedAnswer(answer: .doesNotTile(reason: error.description), working: error.description, untiledAxis: geometry)
                }
                throw DerivationError(line: input.lineOf("input"), message: error.description)
            }
        }
        let working = axes.count == 2 && axes[0] == axes[1] && kernelSizes[0] == kernelSizes[1]
            ? workings[0] : workings.joined(separator: "; ")
        switch sizes.count {
        case 1: return DerivedAnswer(answer: .number(Double(outputs[0])), working: working, untiledAxis: untiledAxis)
        case 2: return DerivedAnswer(answer: .shape(outputs), working: working, untiledAxis: untiledAxis)
        default:
            guard input.has("filters") else {
                throw DerivationError(line: input.lineOf("input"), message: "a volume input (HxWxC) needs 'filters', the output depth")
            }
            let filters = try input.integer("filters")
            return DerivedAnswer(answer: .shape(outputs + [filters]), working: "\(working); depth = \(filters) filters", untiledAxis: untiledAxis)
        }
    }

    private func pooledShape(_ input: DerivationParameters, convention: OutputSizeConvention?) throws(DerivationError) -> DerivedAnswer {
        let sizes = try input.sizes("input")
        guard sizes.count == 2 || sizes.count == 3 else {
            throw DerivationError(line: input.lineOf("input"), message: "'input' must be HxW or HxWxC")
        }
        let kernel = try input.integer("kernel", fallback: 2)
        let stride = try input.integer("stride", fallback: kernel)
        let padding = try input.integer("padding", fallback: 0)
        let geometry = Pool2DConfig(kernelSize: kernel, stride: stride, padding: padding, convention: convention ?? .exact)
            .geometry(inputHeight: sizes[0], inputWidth: sizes[1])
        let untiledAxis = [geometry.height, geometry.width].first { $0.remainder != 0 }
        if let untiledAxis, convention == nil { throw Self.conventionMissing(untiledAxis, line: location.line) }
        switch geometry.validated {
        case let .success(output):
            let working = "\(geometry.height.formula) = \(output.height) per side; depth unchanged"
            return DerivedAnswer(answer: .shape([output.height, output.width] + sizes.dropFirst(2)), working: working, untiledAxis: untiledAxis)
        case let .failure(error):
            if case .doesNotTile = error {
                return DerivedAnswer(answer: .doesNotTile(reason: error.description), working: error.description, untiledAxis: untiledAxis)
            }
            throw DerivationError(line: input.lineOf("input"), message: error.description)
        }
    }

    private func parameterCount(_ input: DerivationParameters) throws(DerivationError) -> DerivedAnswer {
        if input.has("layer") {
            let layer = try input.requiredText("layer")
            let shape = try input.requiredText("input")
            let spec = try architecture("input \(shape) | \(layer)", line: input.lineOf("layer"))
            let count = try counts(spec, line: input.lineOf("layer"))[0]
            return DerivedAnswer(answer: .number(Double(count)), working: Self.layerWorking(spec, count: count))
        }
        guard input.has("network") else {
            throw DerivationError(line: location.line, message: "give either 'layer' with 'input', or 'network'")
        }
        let spec = try architecture(try input.requiredText("network"), line: input.lineOf("network"))
        let layerCounts = try counts(spec, line: input.lineOf("network"))
        if input.has("index") {
            let index = try layerIndex(input, in: spec)
            let single = ArchitectureSpec(inputShape: (try? spec.layerInputShapes()[index]) ?? spec.inputShape, layers: [spec.layers[index]])
            return DerivedAnswer(answer: .number(Double(layerCounts[index])), working: Self.layerWorking(single, count: layerCounts[index]))
        }
        let total = layerCounts.reduce(0, +)
        return DerivedAnswer(answer: .number(Double(total)), working: "sum over \(layerCounts.filter { $0 > 0 }.count) layers with weights = \(AnswerFormat.number(Double(total)))")
    }

    /// `(3·3·3 + 1)·64 = 1,792` for a conv, `(25,088 + 1)·4,096 = …` for a linear layer.
    static func layerWorking(_ spec: ArchitectureSpec, count: Int) -> String {
        let total = AnswerFormat.number(Double(count))
        switch spec.layers.first {
        case let .conv(conv)?:
            let channels = spec.inputShape.first ?? 0
            let bias = conv.bias ? " + 1" : ""
            return "(\(conv.kernelHeight)·\(conv.kernelWidth)·\(channels)\(bias))·\(conv.outputChannels) = \(total)"
        case let .linear(outputs, bias)?:
            let inputs = AnswerFormat.number(Double(spec.inputShape.reduce(1, *)))
            return "(\(inputs)\(bias ? " + 1" : ""))·\(AnswerFormat.number(Double(outputs))) = \(total)"
        default:
            return "\(total) (no weights)"
        }
    }

    private func mlpWeights(_ input: DerivationParameters) throws(DerivationError) -> DerivedAnswer {
        let inputs = try input.integer("inputs")
        let hidden = try input.integer("hidden")
        let biases = try input.boolean("biases", fallback: false)
        let (product, overflow) = inputs.multipliedReportingOverflow(by: hidden)
        guard !overflow, inputs >= 1, hidden >= 1 else {
            throw DerivationError(line: input.lineOf("inputs"), message: "'inputs' and 'hidden' must be positive and their product must fit in 64 bits")
        }
        guard let total = Limits.sum([product, biases ? hidden : 0]) else {
            throw DerivationError(line: input.lineOf("hidden"), message: "'inputs' × 'hidden' plus the biases must fit in 64 bits")
        }
        let text = { (value: Int) in AnswerFormat.number(Double(value)) }
        let working = "\(text(inputs)) × \(text(hidden))\(biases ? " + \(text(hidden))" : "") = \(text(total))"
        return DerivedAnswer(answer: .number(Double(total)), working: working)
    }

    private func receptiveField(_ input: DerivationParameters) throws(DerivationError) -> DerivedAnswer {
        var sizes = [1]
        let field: ReceptiveField
        if input.has("network") {
            let spec = try architecture(try input.requiredText("network"), line: input.lineOf("network"))
            do { field = try spec.receptiveField().height } catch {
                throw DerivationError(line: input.lineOf("network"), message: error.description)
            }
        } else if let entry = input.entry("layers"), let items = entry.value.list, !items.isEmpty {
            var running = ReceptiveField.input
            for (index, item) in items.enumerated() {
                let text = try Placeholders.fill(item.scalar ?? "", values: input.values, line: item.line)
                let parts = text.split(separator: "/").map { String($0).trimmingWhitespace() }
                guard (1...2).contains(parts.count), let kernel = Int(parts[0]), kernel >= 1,
                      let stride = parts.count == 2 ? Int(parts[1]) : 1, stride >= 1 else {
                    throw DerivationError(line: item.line, message: "each layer must be kernel/stride like 3/1 or 2/2 (or just a kernel size), found '\(text)'")
                }
                do { running = try running.through(kernelSize: kernel, stride: stride) } catch {
                    throw DerivationError(line: item.line, message: error.at(layerIndex: index).description)
                }
                sizes.append(running.size)
            }
            field = running
        } else {
            throw DerivationError(line: location.line, message: "give 'layers' as a list like [3/1, 3/1], or 'network'")
        }
        let working = sizes.count > 1 ? "r: " + sizes.map(String.init).joined(separator: " → ") : "r = \(field.size), jump \(field.jump)"
        return DerivedAnswer(answer: .number(Double(field.size)), working: working)
    }

    private func cell(_ input: DerivationParameters) throws(DerivationError) -> DerivedAnswer {
        let patch = try input.matrix("patch")
        let kernel = try input.matrix("kernel", allowKernelName: true)
        guard patch.count == kernel.count, patch[0].count == kernel[0].count else {
            throw DerivationError(line: input.lineOf("kernel"), message: "the kernel is \(kernel.count)×\(kernel[0].count) but the patch is \(patch.count)×\(patch[0].count); they must match")
        }
        let bias = try input.number("bias", fallback: 0)
        let flipped = try input.boolean("flipped", fallback: false)
        let activationName = try input.text("activation")
        if let activationName, CellProblem.activation(named: activationName) == nil {
            throw DerivationError(line: input.lineOf("activation"), message: "'activation' must be one of \(CellProblem.activationNames.joined(separator: ", ")), found '\(activationName)'")
        }
        let result = CellProblem(patch: patch, kernel: kernel, bias: bias, activation: activationName, flipped: flipped).evaluate()
        var working = "Σ patch ⊙ \(flipped ? "flipped kernel" : "kernel")\(bias != 0 ? " + bias" : "") = \(AnswerFormat.number(result.sum))"
        if let activationName, activationName.lowercased() != "none" { working += ", \(activationName) → \(AnswerFormat.number(result.output))" }
        return DerivedAnswer(answer: .number(result.output), working: working)
    }

    private func outputShape(_ input: DerivationParameters) throws(DerivationError) -> DerivedAnswer {
        let spec = try architecture(try input.requiredText("network"), line: input.lineOf("network"))
        let shapes: [[Int]]
        do { shapes = try spec.outputShapes() } catch {
            throw DerivationError(line: input.lineOf("network"), message: "\(error)")
        }
        let index = input.has("index") ? try layerIndex(input, in: spec) : spec.layers.count - 1
        let shape = index >= 0 ? shapes[index] : spec.inputShape
        let layerText = index >= 0 ? "after layer \(index) (\(spec.layers[index]))" : "input"
        if shape.count == 1 {
            return DerivedAnswer(answer: .number(Double(shape[0])), working: "\(layerText): \(AnswerFormat.number(Double(shape[0]))) features")
        }
        let written = [shape[1], shape[2], shape[0]]
        // The spec stores C×H×W; the course writes H×W×C, and says so.
        return DerivedAnswer(answer: .shape(written), working: "\(layerText): \(Answer.shape(written).labelledDisplay)")
    }

    private func layerIndex(_ input: DerivationParameters, in spec: ArchitectureSpec) throws(DerivationError) -> Int {
        let index = try input.integer("index")
        guard spec.layers.indices.contains(index) else {
            throw DerivationError(line: input.lineOf("index"), message: "'index' must be a layer from 0 to \(spec.layers.count - 1), found \(index)")
        }
        return index
    }

    private func architecture(_ text: String, line: Int) throws(DerivationError) -> ArchitectureSpec {
        do { return try ArchitectureSpec(nameOrSpec: text) } catch {
            throw DerivationError(line: line, message: "\(error)")
        }
    }

    private func counts(_ spec: ArchitectureSpec, line: Int) throws(DerivationError) -> [Int] {
        do { return try spec.parameterCounts() } catch {
            throw DerivationError(line: line, message: "\(error)")
        }
    }
}
