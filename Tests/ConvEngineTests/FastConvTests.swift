import Testing
@testable import ConvEngine

// Layout: NCHW input/output, OIHW weight.

/// The fast conv (im2col + GEMM) against the reference loops on random configurations, plus a
/// hand-worked example and a finite-difference check of its own gradients.
@Suite struct FastConvTests {
    /// One random conv problem whose geometry tiles exactly.
    struct Problem: CustomStringConvertible {
        let input: Tensor, weight: Tensor, bias: Tensor?, config: Conv2DConfig, dOutput: Tensor
        var description: String {
            "input \(Tensor.describe(input.shape)) weight \(Tensor.describe(weight.shape)) bias \(bias != nil) "
                + "stride \(config.strideHeight)×\(config.strideWidth) padding \(config.paddingHeight)×\(config.paddingWidth) "
                + "dilation \(config.dilationHeight)×\(config.dilationWidth) flipped \(config.flipped)"
        }

        init(input: Tensor, weight: Tensor, bias: Tensor?, config: Conv2DConfig, dOutput: Tensor) {
            (self.input, self.weight, self.bias, self.config, self.dOutput) = (input, weight, bias, config, dOutput)
        }

        /// Picks the output size first and derives the input size H = (OH − 1)·S + D·(KH − 1) + 1 − 2P,
        /// so every configuration tiles.
        init(seed: UInt64) {
            var rng = SeededGenerator(seed: seed)
            func pick(_ range: ClosedRange<Int>) -> Int { range.lowerBound + rng.nextInt(below: range.count) }
            func axis(kernel: Int, stride: Int, padding: Int, dilation: Int) -> Int {
                var outputSize = pick(1...5)
                while (outputSize - 1) * stride + dilation * (kernel - 1) + 1 - 2 * padding < 1 { outputSize += 1 }
                return (outputSize - 1) * stride + dilation * (kernel - 1) + 1 - 2 * padding
            }
            let (batch, channels, outChannels) = (pick(1...3), pick(1...5), pick(1...6))
            let (kernelHeight, kernelWidth) = (pick(1...3), pick(1...4))
            let config = Conv2DConfig(
                strideHeight: pick(1...3), strideWidth: pick(1...3),
                paddingHeight: pick(0...2), paddingWidth: pick(0...2),
                dilationHeight: pick(1...2), dilationWidth: pick(1...2), flipped: rng.nextInt(below: 2) == 1)
            let height = axis(kernel: kernelHeight, stride: config.strideHeight, padding: config.paddingHeight, dilation: config.dilationHeight)
            let width = axis(kernel: kernelWidth, stride: config.strideWidth, padding: config.paddingWidth, dilation: config.dilationWidth)
            let hasBias = rng.nextInt(below: 2) == 1
            input = .normal([batch, channels, height, width], using: &rng)
            weight = .uniform([outChannels, channels, kernelHeight, kernelWidth], low: -1, high: 1, using: &rng)
            bias = hasBias ? .uniform([outChannels], low: -1, high: 1, using: &rng) : nil
            self.config = config
            let (outputHeight, outputWidth) = config.geometry(
                inputHeight: height, inputWidth: width, kernelHeight: kernelHeight, kernelWidth: kernelWidth).outputSize
            dOutput = .normal([batch, outChannels, outputHeight, outputWidth], using: &rng)
        }
    }

    /// Expects `fast` within 1e-5·max(1, max|reference|) of `reference` (the relative agreement
    /// the engine promises between its two paths), reporting the max difference.
    static func expectClose(_ fast: Tensor, _ reference: Tensor, _ what: String, _ problem: Problem) {
        #expect(fast.shape == reference.shape, "\(what) shape \(fast.shape) vs \(reference.shape) for \(problem)")
        guard fast.shape == reference.shape else { return }
        let scale = reference.scalars.map(abs).max() ?? 0
        let difference = fast.maxAbsDifference(reference)
        #expect(difference <= 1e-5 * max(1, scale), "\(what): max difference \(difference) (scale \(scale)) for \(problem)")
    }

    static func expectIdentical(_ one: Tensor, _ two: Tensor, _ what: String, _ problem: Problem) {
        let identical = one.shape == two.shape && zip(one.scalars, two.scalars).allSatisfy { $0.bitPattern == $1.bitPattern }
        #expect(identical, "\(what) differs between 1 and 2 threads by up to \(one.maxAbsDifference(two)) for \(problem)")
    }

    @Test(arguments: 0..<30)
    func matchesReference(seed: Int) {
        let problem = Problem(seed: 1000 + UInt64(seed))
        let reference = referenceConv2dForward(input: problem.input, weight: problem.weight, bias: problem.bias, config: problem.config)
        let fast = fastConv2dForward(input: problem.input, weight: problem.weight, bias: problem.bias, config: problem.config, threadCount: 1)
        Self.expectClose(fast, reference, "output", problem)

        let referenceGradients = referenceConv2dBackward(
            dOutput: problem.dOutput, input: problem.input, weight: problem.weight,
            hasBias: problem.bias != nil, config: problem.config)
        let fastGradients = fastConv2dBackward(
            dOutput: problem.dOutput, input: problem.input, weight: problem.weight,
            hasBias: problem.bias != nil, config: problem.config, threadCount: 1)
        Self.expectClose(fastGradients.dInput, referenceGradients.dInput, "dInput", problem)
        Self.expectClose(fastGradients.dWeight, referenceGradients.dWeight, "dWeight", problem)
        #expect((fastGradients.dBias == nil) == (problem.bias == nil), "dBias presence for \(problem)")
        if let fastBias = fastGradients.dBias, let referenceBias = referenceGradients.dBias {
            Self.expectClose(fastBias, referenceBias, "dBias", problem)
        }

        let parallel = fastConv2dForward(input: problem.input, weight: problem.weight, bias: problem.bias, config: problem.config, threadCount: 2)
        let parallelGradients = fastConv2dBackward(
            dOutput: problem.dOutput, input: problem.input, weight: problem.weight,
            hasBias: problem.bias != nil, config: problem.config, threadCount: 2)
        Self.expectIdentical(fast, parallel, "output", problem)
        Self.expectIdentical(fastGradients.dInput, parallelGradients.dInput, "dInput", problem)
        Self.expectIdentical(fastGradients.dWeight, parallelGradients.dWeight, "dWeight", problem)

        // One image per group: dWeight then sums over several GEMM calls (β = 1 after the first).
        let grouped = fastConv2dBackward(
            dOutput: problem.dOutput, input: problem.input, weight: problem.weight,
            hasBias: problem.bias != nil, config: problem.config, threadCount: 2, columnBudget: 1)
        let groupedOutput = fastConv2dForward(
            input: problem.input, weight: problem.weight, bias: problem.bias, config: problem.config,
            threadCount: 2, columnBudget: 1)
        Self.expectClose(groupedOutput, reference, "output, one image per group", problem)
        Self.expectClose(grouped.dInput, referenceGradients.dInput, "dInput, one image per group", problem)
        Self.expectClose(grouped.dWeight, referenceGradients.dWeight, "dWeight, one image per group", problem)
    }

    /// A teaching-net-sized layer (2 images, 8→16 channels, 14×14, 3×3, padding 1): GEMMs with
    /// several micro-tiles, and a dWeight product over 392 columns (two depth blocks, one tile)
    /// that takes the split-depth path with 2 threads.
    @Test func teachingNetLayerMatchesReference() {
        var rng = SeededGenerator(seed: 5)
        let input = Tensor.normal([2, 8, 14, 14], using: &rng)
        let weight = Tensor.kaimingUniform([16, 8, 3, 3], using: &rng)
        let bias = Tensor.defaultBias(count: 16, fanIn: 72, using: &rng)
        let dOutput = Tensor.normal([2, 16, 14, 14], using: &rng)
        for flipped in [false, true] {
            let config = Conv2DConfig(padding: 1, flipped: flipped)
            let problem = Problem(input: input, weight: weight, bias: bias, config: config, dOutput: dOutput)
            let reference = referenceConv2dForward(input: input, weight: weight, bias: bias, config: config)
            let referenceGradients = referenceConv2dBackward(dOutput: dOutput, input: input, weight: weight, hasBias: true, config: config)
            var results: [[Tensor]] = []
            for threads in [1, 2] {
                let output = fastConv2dForward(input: input, weight: weight, bias: bias, config: config, threadCount: threads)
                let gradients = fastConv2dBackward(dOutput: dOutput, input: input, weight: weight, hasBias: true, config: config, threadCount: threads)
                Self.expectClose(output, reference, "output, \(threads) threads", problem)
                Self.expectClose(gradients.dInput, referenceGradients.dInput, "dInput, \(threads) threads", problem)
                Self.expectClose(gradients.dWeight, referenceGradients.dWeight, "dWeight, \(threads) threads", problem)
                Self.expectClose(gradients.dBias!, referenceGradients.dBias!, "dBias, \(threads) threads", problem)
                results.append([output, gradients.dInput, gradients.dWeight])
            }
            for (index, name) in ["output", "dInput", "dWeight"].enumerated() {
                Self.expectIdentical(results[0][index], results[1][index], name, problem)
            }
        }
    }

    /// 3×3 input 1…9, 2×2 kernel [1 2; 3 4], stride 1, no padding, bias 10:
    ///   cross-correlation: 1·1 + 2·2 + 4·3 + 5·4 = 37 → 47, then 57, 77, 87;
    ///   flipped (kernel [4 3; 2 1]):   1·4 + 2·3 + 4·2 + 5·1 = 23 → 33, then 43, 63, 73.
    @Test func handWorkedExample() {
        let input = Tensor(shape: [1, 1, 3, 3], scalars: [1, 2, 3, 4, 5, 6, 7, 8, 9])
        let weight = Tensor(shape: [1, 1, 2, 2], scalars: [1, 2, 3, 4])
        let bias = Tensor(shape: [1], scalars: [10])
        let plain = fastConv2dForward(input: input, weight: weight, bias: bias, config: Conv2DConfig())
        #expect(plain.shape == [1, 1, 2, 2])
        #expect(plain.scalars == [47, 57, 77, 87])
        let flipped = fastConv2dForward(input: input, weight: weight, bias: bias, config: Conv2DConfig(flipped: true))
        #expect(flipped.scalars == [33, 43, 63, 73])
        // Padding 1, stride 3: windows start at (−1, −1), (−1, 2), (2, −1), (2, 2), and each
        // has one tap on a real pixel: 1·4, 3·3, 7·2, 9·1.
        let strided = fastConv2dForward(input: input, weight: weight, bias: nil, config: Conv2DConfig(stride: 3, padding: 1))
        #expect(strided.scalars == [4, 9, 14, 9])
    }

    /// Central differences of L = Σ output·R (R random) in Float64 against the fast gradients.
    /// The conv is linear in input and weight, so the differences are exact up to rounding.
    @Test func gradientsMatchFiniteDifferences() {
        let problem = Problem(seed: 77)
        let config = problem.config
        func loss(_ input: Tensor, _ weight: Tensor, _ bias: Tensor?) -> Double {
            let output = fastConv2dForward(input: input, weight: weight, bias: bias, config: config)
            return zip(output.scalars, problem.dOutput.scalars).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
        }
        let gradients = fastConv2dBackward(dOutput: problem.dOutput, input: problem.input, weight: problem.weight,
                                           hasBias: problem.bias != nil, config: config)
        let step: Float = 0.01
        var worst = 0.0
        for index in stride(from: 0, to: problem.input.count, by: max(1, problem.input.count / 7)) {
            var plus = problem.input, minus = problem.input
            plus.scalars[index] += step
            minus.scalars[index] -= step
            let numeric = (loss(plus, problem.weight, problem.bias) - loss(minus, problem.weight, problem.bias)) / Double(2 * step)
            worst = max(worst, abs(numeric - Double(gradients.dInput.scalars[index])))
        }
        for index in stride(from: 0, to: problem.weight.count, by: max(1, problem.weight.count / 7)) {
            var plus = problem.weight, minus = problem.weight
            plus.scalars[index] += step
            minus.scalars[index] -= step
            let numeric = (loss(problem.input, plus, problem.bias) - loss(problem.input, minus, problem.bias)) / Double(2 * step)
            worst = max(worst, abs(numeric - Double(gradients.dWeight.scalars[index])))
        }
        #expect(worst < 2e-2, "finite differences disagree by up to \(worst) for \(problem)")
    }
}
