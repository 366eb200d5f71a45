import Testing
@testable import ConvEngine

// Layout: NCHW input/output, OIHW weight.

/// The input gradient of a stride-1 conv as a direct conv of dOutput
/// (FastDirectConvInputGradient.swift) against the reference's dInput.
@Suite struct DirectConvInputGradientTests {
    /// A random stride-1 conv with padding up to D·(K − 1): 1 to 9 input channels (the output
    /// channels of the transposed conv, so the last block of 4 is partly empty), widths 1 to 40
    /// (rows ending inside a 16-column tile and spanning several), dilation 1 or 2, flipped or not.
    static func problem(seed: UInt64) -> FastConvTests.Problem {
        var rng = SeededGenerator(seed: seed)
        func pick(_ range: ClosedRange<Int>) -> Int { range.lowerBound + rng.nextInt(below: range.count) }
        let (batch, channels, outChannels) = (pick(1...3), pick(1...9), pick(1...9))
        let (kernelHeight, kernelWidth) = (pick(1...4), pick(1...4))
        let (dilationHeight, dilationWidth) = (pick(1...2), pick(1...2))
        let config = Conv2DConfig(
            strideHeight: 1, strideWidth: 1,
            paddingHeight: pick(0...dilationHeight * (kernelHeight - 1)), paddingWidth: pick(0...dilationWidth * (kernelWidth - 1)),
            dilationHeight: dilationHeight, dilationWidth: dilationWidth, flipped: rng.nextInt(below: 2) == 1)
        let (outputHeight, outputWidth) = (pick(1...7), pick(1...40))
        // H = OH + D·(KH − 1) − 2P, at least 1 since P ≤ D·(KH − 1).
        let height = max(1, outputHeight + dilationHeight * (kernelHeight - 1) - 2 * config.paddingHeight)
        let width = max(1, outputWidth + dilationWidth * (kernelWidth - 1) - 2 * config.paddingWidth)
        let input = Tensor.normal([batch, channels, height, width], using: &rng)
        let weight = Tensor.uniform([outChannels, channels, kernelHeight, kernelWidth], low: -1, high: 1, using: &rng)
        let geometry = config.geometry(inputHeight: height, inputWidth: width, kernelHeight: kernelHeight, kernelWidth: kernelWidth)
        let (realHeight, realWidth) = geometry.outputSize
        let dOutput = Tensor.normal([batch, outChannels, realHeight, realWidth], using: &rng)
        return FastConvTests.Problem(input: input, weight: weight, bias: nil, config: config, dOutput: dOutput)
    }

    @Test(arguments: 0..<40)
    func matchesReference(seed: Int) {
        let problem = Self.problem(seed: 12000 + UInt64(seed))
        let (input, weight, config, dOutput) = (problem.input, problem.weight, problem.config, problem.dOutput)
        #expect(directConvInputGradientApplies(kernelHeight: weight.shape[2], kernelWidth: weight.shape[3], config: config))
        let reference = referenceConv2dBackward(dOutput: dOutput, input: input, weight: weight, hasBias: false, config: config)
        for build in GemmMicroKernel.availableBuilds {
            var storage: [Float] = []
            let single = directConv2dInputGradient(dOutput: dOutput, inputShape: input.shape, weight: weight, config: config,
                                                   threadCount: 1, build: build, reusing: &storage)
            FastConvTests.expectClose(single, reference.dInput, "\(build) dInput", problem)
            var splitStorage: [Float] = []
            let split = directConv2dInputGradient(dOutput: dOutput, inputShape: input.shape, weight: weight, config: config,
                                                  threadCount: 2, build: build, minimumParallelWork: 0, reusing: &splitStorage)
            FastConvTests.expectIdentical(single, split, "\(build) dInput", problem)
        }
        // The layer's backward takes this path for direct-conv shapes and agrees as well.
        let gradients = fastConv2dBackward(dOutput: dOutput, input: input, weight: weight, hasBias: false, config: config, threadCount: 1)
        FastConvTests.expectClose(gradients.dInput, reference.dInput, "fastConv2dBackward dInput", problem)
        FastConvTests.expectClose(gradients.dWeight, reference.dWeight, "fastConv2dBackward dWeight", problem)
    }

    /// NaN and infinity in dOutput reach the inputs whose windows hold them, as in the reference.
    @Test func nonFiniteGradientsSpreadAsInTheReference() {
        var problem = Self.problem(seed: 12345)
        var dOutput = problem.dOutput
        dOutput.scalars[0] = .nan
        dOutput.scalars[dOutput.count - 1] = .infinity
        problem = FastConvTests.Problem(input: problem.input, weight: problem.weight, bias: nil, config: problem.config, dOutput: dOutput)
        let reference = referenceConv2dBackward(dOutput: dOutput, input: problem.input, weight: problem.weight, hasBias: false,
                                                config: problem.config).dInput
        for build in GemmMicroKernel.availableBuilds {
            var storage: [Float] = []
            let fast = directConv2dInputGradient(dOutput: dOutput, inputShape: problem.input.shape, weight: problem.weight,
                                                 config: problem.config, threadCount: 1, build: build, reusing: &storage)
            #expect(zip(fast.scalars, reference.scalars).allSatisfy { $0.isNaN == $1.isNaN && ($0.isNaN || $0.isFinite == $1.isFinite) },
                    "\(build): NaN or infinity in different places for \(problem)")
        }
    }

    /// A hand-worked case: a 3×3 input, the 2×2 kernel [[1, 2], [3, 4]], no padding, and
    /// dOutput [[1, 0], [0, 10]]: each output's gradient lays the kernel over its window,
    ///
    ///     1 2 0       0  0  0      1  2  0
    ///     3 4 0  + 10·0  1  2  =   3 14 20
    ///     0 0 0       0  3  4      0 30 40
    @Test func handWorkedExample() {
        let weight = Tensor(shape: [1, 1, 2, 2], scalars: [1, 2, 3, 4])
        let dOutput = Tensor(shape: [1, 1, 2, 2], scalars: [1, 0, 0, 10])
        for build in GemmMicroKernel.availableBuilds {
            var storage: [Float] = []
            let dInput = directConv2dInputGradient(dOutput: dOutput, inputShape: [1, 1, 3, 3], weight: weight,
                                                   config: Conv2DConfig(), threadCount: 1, build: build, reusing: &storage)
            #expect(dInput.scalars == [1, 2, 0, 3, 14, 20, 0, 30, 40], "\(build)")
        }
    }

    /// The teaching net's second conv (8 → 16, 3×3, padding 1, 14×14): the shape the training
    /// benchmark runs, on a batch of 16.
    @Test func teachingNetShapeMatchesReference() {
        var rng = SeededGenerator(seed: 31)
        let input = Tensor.normal([16, 8, 14, 14], using: &rng)
        let weight = Tensor.kaimingUniform([16, 8, 3, 3], using: &rng)
        let dOutput = Tensor.normal([16, 16, 14, 14], using: &rng)
        let config = Conv2DConfig(padding: 1)
        let problem = FastConvTests.Problem(input: input, weight: weight, bias: nil, config: config, dOutput: dOutput)
        let reference = referenceConv2dBackward(dOutput: dOutput, input: input, weight: weight, hasBias: false, config: config)
        var storage: [Float] = []
        let fast = directConv2dInputGradient(dOutput: dOutput, inputShape: input.shape, weight: weight, config: config,
                                             threadCount: 1, reusing: &storage)
        FastConvTests.expectClose(fast, reference.dInput, "teaching net dInput", problem)
    }

    @Test func refusesShapesItCannotCompute() {
        #expect(directConvInputGradientApplies(kernelHeight: 3, kernelWidth: 3, config: Conv2DConfig(padding: 1)))
        #expect(directConvInputGradientApplies(kernelHeight: 3, kernelWidth: 3, config: Conv2DConfig(padding: 2)))
        #expect(!directConvInputGradientApplies(kernelHeight: 3, kernelWidth: 3, config: Conv2DConfig(padding: 3)))
        #expect(!directConvInputGradientApplies(kernelHeight: 3, kernelWidth: 3, config: Conv2DConfig(stride: 2, padding: 1)))
        #expect(!directConvInputGradientApplies(
            kernelHeight: 3, kernelWidth: 3, config: Conv2DConfig(strideHeight: 2, strideWidth: 1, paddingHeight: 1, paddingWidth: 1)))
    }
}
