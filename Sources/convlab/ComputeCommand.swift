import ArgumentParser
import ConvEngine
import ConvFiles
import Foundation

/// `convlab compute conv|pool`: run one engine op on `.npy` arrays, optionally with its
/// backward pass, so results can be checked against another framework.
struct ComputeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compute",
        abstract: "Run a convolution or pooling on .npy arrays (and its gradients).",
        discussion: """
            Arrays follow PyTorch's layout: input N×C×H×W (or C×H×W for one image), conv weight \
            K×C×FH×FW, bias K. Inputs may be float32, float64 or integer .npy files; outputs are \
            little-endian float32. Nothing is written unless every result was computed.
            """,
        subcommands: [Conv.self, Pool.self]
    )

    struct Conv: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "2-D convolution (PyTorch's conv2d: cross-correlation unless --flip).",
            discussion: """
                With --grad-output G.npy it also runs the backward pass for the upstream gradient G \
                (same shape as the output) and writes, next to --output OUT.npy:
                  OUT.grad_input.npy   dLoss/dInput   (input's shape)
                  OUT.grad_weight.npy  dLoss/dWeight  (weight's shape)
                  OUT.grad_bias.npy    dLoss/dBias    (K; only with --bias)
                A geometry whose windows do not tile the padded input, (H − FH + 2P)/S + 1 not a \
                whole number, is refused unless --floor asks for PyTorch's rounding down; then \
                stderr says which input rows and columns no window reads.
                """)

        @Option(help: "Input array, N×C×H×W or C×H×W (.npy).") var input: String
        @Option(help: "Weight array, K×C×FH×FW (.npy).") var weight: String
        @Option(help: "Bias array, K (.npy).") var bias: String?
        // Read `.unconditional`ly so "-1" is a value to refuse by name, not a missing one.
        @Option(parsing: .unconditional, help: "Stride: S or SHxSW, 1 to \(Limits.side).") var stride = AxisPair(1)
        @Option(parsing: .unconditional, help: "Zero padding: P or PHxPW, 0 to \(Limits.side).") var padding = AxisPair(0)
        @Option(parsing: .unconditional, help: "Dilation: D or DHxDW, 1 to \(Limits.side).") var dilation = AxisPair(1)
        @Flag(help: "True (mathematical) convolution: rotate the kernel 180° first.") var flip = false
        @Flag(help: "Round a non-tiling output size down, as PyTorch does, and report what is dropped.") var floor = false
        @Option(help: "Where to write the output (.npy).") var output: String
        @Option(help: "Upstream gradient dLoss/dOutput (.npy); also writes the gradients.") var gradOutput: String?

        func validate() throws {
            try stride.check("--stride", in: 1...Limits.side)
            try padding.check("--padding", in: 0...Limits.side)
            try dilation.check("--dilation", in: 1...Limits.side)
        }

        /// Every file this run writes, checked before anything is read or computed.
        var outputs: [(option: String, path: String)] {
            var outputs = [(option: "--output", path: output)]
            if gradOutput != nil {
                outputs.append(("--output (its grad_input)", ArrayArgument.sibling(of: output, suffix: "grad_input")))
                outputs.append(("--output (its grad_weight)", ArrayArgument.sibling(of: output, suffix: "grad_weight")))
                if bias != nil { outputs.append(("--output (its grad_bias)", ArrayArgument.sibling(of: output, suffix: "grad_bias"))) }
            }
            return outputs
        }

        func run() throws {
            try OutputPaths.check(outputs)
            var input = try ArrayArgument.load(self.input, role: "input", ranks: [3, 4])
            let weight = try ArrayArgument.load(self.weight, role: "weight", ranks: [4])
            let unbatched = input.rank == 3
            if unbatched { input = input.reshaped([1] + input.shape) }
            let (_, channels, height, width) = input.nchw
            let (filters, filterChannels, kernelHeight, kernelWidth) = weight.nchw
            guard channels == filterChannels else {
                throw CommandError.channelMismatch(
                    inputFile: self.input, inputChannels: channels, weightFile: self.weight, weightChannels: filterChannels)
            }
            let bias = try self.bias.map { path in
                let bias = try ArrayArgument.load(path, role: "bias", ranks: [1])
                guard bias.shape == [filters] else { throw CommandError.biasMismatch(file: path, shape: bias.shape, filters: filters) }
                return bias
            }
            let config = Conv2DConfig(
                strideHeight: stride.height, strideWidth: stride.width,
                paddingHeight: padding.height, paddingWidth: padding.width,
                dilationHeight: dilation.height, dilationWidth: dilation.width, flipped: flip,
                convention: floor ? .floor : .exact)
            let geometry = config.geometry(
                inputHeight: height, inputWidth: width, kernelHeight: kernelHeight, kernelWidth: kernelWidth)
            let outputSize = try FloorReport.outputSize(of: geometry, floor: floor)
            let batch = input.shape[0]
            try ArrayArgument.checkWork(
                "this convolution", [batch, filters, outputSize.height, outputSize.width, channels, kernelHeight, kernelWidth])

            let result = conv2dForward(input: input, weight: weight, bias: bias, config: config)
            var files: [(String, Tensor)] = [(output, ArrayArgument.unbatch(result, unbatched))]
            if let gradOutput {
                let dOutput = try ArrayArgument.loadGradient(gradOutput, matching: result.shape, unbatched: unbatched)
                let gradients = conv2dBackward(
                    dOutput: dOutput, input: input, weight: weight, hasBias: bias != nil, config: config)
                files.append((ArrayArgument.sibling(of: output, suffix: "grad_input"), ArrayArgument.unbatch(gradients.dInput, unbatched)))
                files.append((ArrayArgument.sibling(of: output, suffix: "grad_weight"), gradients.dWeight))
                if let dBias = gradients.dBias {
                    files.append((ArrayArgument.sibling(of: output, suffix: "grad_bias"), dBias))
                }
            }
            try ArrayArgument.writeAll(files)
        }
    }

    struct Pool: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "2-D max or average pooling (PyTorch's max_pool2d / avg_pool2d).",
            discussion: """
                Max pooling pads with −∞; average pooling counts padded zeros in the divisor \
                (PyTorch's count_include_pad=True). With --grad-output G.npy it also writes \
                OUT.grad_input.npy, dLoss/dInput, next to --output OUT.npy. A window that does \
                not tile the padded input is refused unless --floor asks for PyTorch's rounding \
                down (ceil_mode=False); then stderr says which rows and columns are dropped.
                """)

        enum Kind: String, ExpressibleByArgument, CaseIterable { case max, avg }

        @Option(help: "max or avg.") var kind: Kind
        @Option(parsing: .unconditional, help: "Window size: K or KHxKW, 1 to \(Limits.side).") var size: AxisPair
        @Option(parsing: .unconditional, help: "Stride: S or SHxSW, 1 to \(Limits.side) (default: the window size).") var stride: AxisPair?
        @Option(parsing: .unconditional, help: "Padding: P or PHxPW, 0 to \(Limits.side).") var padding = AxisPair(0)
        @Option(help: "Input array, N×C×H×W or C×H×W (.npy).") var input: String
        @Option(help: "Where to write the output (.npy).") var output: String
        @Option(help: "Upstream gradient dLoss/dOutput (.npy); also writes the input gradient.") var gradOutput: String?
        @Flag(help: "Round a non-tiling output size down, as PyTorch does, and report what is dropped.") var floor = false

        func validate() throws {
            try size.check("--size", in: 1...Limits.side)
            try stride?.check("--stride", in: 1...Limits.side)
            try padding.check("--padding", in: 0...Limits.side)
        }

        /// Every file this run writes, checked before anything is read or computed.
        var outputs: [(option: String, path: String)] {
            var outputs = [(option: "--output", path: output)]
            if gradOutput != nil { outputs.append(("--output (its grad_input)", ArrayArgument.sibling(of: output, suffix: "grad_input"))) }
            return outputs
        }

        func run() throws {
            try OutputPaths.check(outputs)
            var input = try ArrayArgument.load(self.input, role: "input", ranks: [3, 4])
            let unbatched = input.rank == 3
            if unbatched { input = input.reshaped([1] + input.shape) }
            let stride = self.stride ?? size
            // PyTorch's rule: a window that could lie wholly in the padding has no maximum. P > ⌊K/2⌋
            // is 2P > K without a doubling that could overflow.
            for (pad, kernel) in [(padding.height, size.height), (padding.width, size.width)] where pad > kernel / 2 {
                throw CommandError.poolPadding(padding: pad, kernel: kernel)
            }
            let config = Pool2DConfig(
                kernelHeight: size.height, kernelWidth: size.width,
                strideHeight: stride.height, strideWidth: stride.width,
                paddingHeight: padding.height, paddingWidth: padding.width, convention: floor ? .floor : .exact)
            let (batch, channels, height, width) = input.nchw
            let outputSize = try FloorReport.outputSize(of: config.geometry(inputHeight: height, inputWidth: width), floor: floor)
            try ArrayArgument.checkWork(
                "this pooling", [batch, channels, outputSize.height, outputSize.width, size.height, size.width])
            let result: Tensor
            var routes: [Int] = []
            switch kind {
            case .max: (result, routes) = maxPool2dForward(input: input, config: config)
            case .avg: result = avgPool2dForward(input: input, config: config)
            }
            var files: [(String, Tensor)] = [(output, ArrayArgument.unbatch(result, unbatched))]
            if let gradOutput {
                let dOutput = try ArrayArgument.loadGradient(gradOutput, matching: result.shape, unbatched: unbatched)
                let dInput = switch kind {
                case .max: maxPool2dBackward(dOutput: dOutput, inputShape: input.shape, routes: routes)
                case .avg: avgPool2dBackward(dOutput: dOutput, inputShape: input.shape, config: config)
                }
                files.append((ArrayArgument.sibling(of: output, suffix: "grad_input"), ArrayArgument.unbatch(dInput, unbatched)))
            }
            try ArrayArgument.writeAll(files)
        }
    }
}

/// The output size of a `compute` geometry, with `--floor`'s report: without it a geometry
/// that does not tile is an error that names the option; with it, what rounding down drops
/// goes to stderr (the output file holds only the numbers), as `convlab arch` notes it.
enum FloorReport {
    static func outputSize(of geometry: ConvGeometry, floor: Bool) throws -> (height: Int, width: Int) {
        let size: (height: Int, width: Int)
        do { size = try geometry.requireOutputSize() } catch {
            if case .doesNotTile = error { throw CommandError.geometryNeedsFloor(error) }
            throw CommandError.geometry(error)
        }
        if floor {
            let dropped = DroppedPositions(geometry)
            FileHandle.standardError.write(Data("output \(size.height)×\(size.width); \(dropped.note)\n".utf8))
        }
        return size
    }
}

/// Loading, checking and writing the arrays named on the command line.
enum ArrayArgument {
    static func load(_ path: String, role: String, ranks: [Int]) throws -> Tensor {
        let tensor = try NumpyArray.read(from: URL(fileURLWithPath: path))
        guard ranks.contains(tensor.rank) else {
            let expected = ranks == [3, 4] ? "N×C×H×W or C×H×W" : ranks == [4] ? "K×C×FH×FW" : "a vector"
            throw CommandError.wrongRank(file: path, role: role, expected: expected, shape: tensor.shape)
        }
        return tensor
    }

    /// Loads an upstream gradient and checks it has the output's shape (batched or not).
    static func loadGradient(_ path: String, matching outputShape: [Int], unbatched: Bool) throws -> Tensor {
        let tensor = try NumpyArray.read(from: URL(fileURLWithPath: path))
        let expected = unbatched ? Array(outputShape.dropFirst()) : outputShape
        guard tensor.shape == expected else {
            throw CommandError.gradientShape(file: path, shape: tensor.shape, expected: expected)
        }
        return tensor.reshaped(outputShape)
    }

    static func unbatch(_ tensor: Tensor, _ unbatched: Bool) -> Tensor {
        unbatched ? tensor.reshaped(Array(tensor.shape.dropFirst())) : tensor
    }

    /// Refuses a computation of more than `Limits.computeTerms` window terms (the product of
    /// `factors`), which would run for minutes or hours.
    static func checkWork(_ what: String, _ factors: [Int]) throws {
        let terms = Limits.product(factors)
        guard let terms, terms <= Limits.computeTerms else {
            throw CommandError.tooMuchWork(what: what, terms: terms, limit: Limits.computeTerms)
        }
    }

    /// `out/y.npy` + `grad_input` → `out/y.grad_input.npy`.
    static func sibling(of path: String, suffix: String) -> String {
        let stem = path.hasSuffix(".npy") ? String(path.dropLast(4)) : path
        return "\(stem).\(suffix).npy"
    }

    /// Writes each file atomically, only after every result exists.
    static func writeAll(_ files: [(String, Tensor)]) throws {
        for (path, tensor) in files {
            try NumpyArray.write(tensor, to: URL(fileURLWithPath: path))
        }
    }
}
