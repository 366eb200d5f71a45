import Testing
@testable import ConvEngine

// Layout: input N×in, weight out×in, output N×out.

/// The linear layer's in-place kernels (CConvKernels/LinearKernels.c) against the reference
/// loops, on every kernel build this CPU runs: every remainder of the 8-lane and 16-column
/// steps, row counts that leave the 2- and 4-row blocks partly empty and span several
/// 32-row tasks, the weight gradient added onto a gradient that is not zero, NaN inputs, and
/// weights past the in-place limit (the GEMM path).
@Suite struct LinearKernelTests {
    static func expectIdentical(_ one: Tensor, _ two: Tensor, _ what: String) {
        let identical = one.shape == two.shape && zip(one.scalars, two.scalars).allSatisfy { $0.bitPattern == $1.bitPattern }
        #expect(identical, "\(what) differs between 1 and 2 threads by up to \(one.maxAbsDifference(two))")
    }

    struct Shape: CustomStringConvertible {
        let batch, inputFeatures, outputFeatures: Int
        let hasBias: Bool
        var description: String { "linear \(batch)×\(inputFeatures) → \(outputFeatures), bias \(hasBias)" }
    }

    /// LeNet-5's layers on a shard of 8 and on a batch of 64, then random shapes.
    static let shapes: [Shape] = {
        var shapes = [Shape(batch: 8, inputFeatures: 400, outputFeatures: 120, hasBias: true),
                      Shape(batch: 64, inputFeatures: 120, outputFeatures: 84, hasBias: true),
                      Shape(batch: 8, inputFeatures: 84, outputFeatures: 10, hasBias: false)]
        var rng = SeededGenerator(seed: 4242)
        for index in 0..<24 {
            shapes.append(Shape(batch: 1 + rng.nextInt(below: 70), inputFeatures: 1 + rng.nextInt(below: 70),
                                outputFeatures: 1 + rng.nextInt(below: 70), hasBias: index % 3 != 0))
        }
        return shapes
    }()

    @Test(arguments: shapes)
    func matchesReference(shape: Shape) {
        var rng = SeededGenerator(seed: UInt64(shape.batch * 10_000 + shape.inputFeatures * 100 + shape.outputFeatures))
        let input = Tensor.normal([shape.batch, shape.inputFeatures], using: &rng)
        let weight = Tensor.uniform([shape.outputFeatures, shape.inputFeatures], low: -1, high: 1, using: &rng)
        let bias: Tensor? = shape.hasBias ? .uniform([shape.outputFeatures], low: -1, high: 1, using: &rng) : nil
        let dOutput = Tensor.normal([shape.batch, shape.outputFeatures], using: &rng)
        let earlierGradient = Tensor.uniform(weight.shape, low: -1, high: 1, using: &rng)
        let reference = linearBackward(dOutput: dOutput, input: input, weight: weight, hasBias: shape.hasBias)
        var expectedGradient = earlierGradient
        expectedGradient.add(reference.dWeight)
        let referenceOutput = linearForward(input: input, weight: weight, bias: bias)
        for build in GemmMicroKernel.availableBuilds {
            var outputs: [Tensor] = [], dInputs: [Tensor] = [], gradients: [Tensor] = []
            for threads in [1, 2] {
                let label = "\(shape) \(build) \(threads) threads"
                let output = fastLinearForward(input: input, weight: weight, bias: bias, threadCount: threads, build: build)
                FastLayerTests.expectClose(output, referenceOutput, "\(label) output")
                var gradient = earlierGradient
                let (dInput, dBias) = fastLinearBackward(
                    dOutput: dOutput, input: input, weight: weight, hasBias: shape.hasBias,
                    addingWeightGradientTo: &gradient, threadCount: threads, build: build)
                FastLayerTests.expectClose(dInput, reference.dInput, "\(label) dInput")
                FastLayerTests.expectClose(gradient, expectedGradient, "\(label) gradient + dWeight")
                #expect((dBias == nil) == (reference.dBias == nil), "\(label): dBias presence")
                if let dBias, let referenceBias = reference.dBias {
                    FastLayerTests.expectClose(dBias, referenceBias, "\(label) dBias")
                }
                outputs.append(output); dInputs.append(dInput); gradients.append(gradient)
            }
            Self.expectIdentical(outputs[0], outputs[1], "\(shape) \(build) output")
            Self.expectIdentical(dInputs[0], dInputs[1], "\(shape) \(build) dInput")
            Self.expectIdentical(gradients[0], gradients[1], "\(shape) \(build) gradient")
        }
    }

    /// out[n, o] = 1·1 + 2·2 + … + 20·20 = 2,870 for every o with a weight row of 1…20 and an
    /// input row of ones times the index; bias 0.5 on top. 20 features: two whole 8-lane steps
    /// and a tail of 4.
    @Test func handWorkedForward() {
        let row = (1...20).map(Float.init)
        let input = Tensor(shape: [3, 20], scalars: row + row + row.map { -$0 })
        let weight = Tensor(shape: [5, 20], scalars: Array((0..<5).map { _ in row }.joined()))
        let bias = Tensor(shape: [5], scalars: [0.5, 0.5, 0.5, 0.5, 0.5])
        for build in GemmMicroKernel.availableBuilds {
            let output = fastLinearForward(input: input, weight: weight, bias: bias, threadCount: 1, build: build)
            #expect(output.scalars == [Float](repeating: 2870.5, count: 10) + [Float](repeating: -2869.5, count: 5), "\(build)")
        }
    }

    /// A NaN in an input row makes that row's outputs NaN, as the reference sum does, and
    /// leaves the other rows alone; in backward it reaches the dWeight of every output.
    @Test func notANumberPropagatesAsInTheReference() {
        var rng = SeededGenerator(seed: 77)
        var input = Tensor.normal([5, 19], using: &rng)
        input.scalars[2 * 19 + 18] = .nan   // row 2, in the 8-lane tail
        let weight = Tensor.uniform([6, 19], low: -1, high: 1, using: &rng)
        let dOutput = Tensor.normal([5, 6], using: &rng)
        for build in GemmMicroKernel.availableBuilds {
            let output = fastLinearForward(input: input, weight: weight, bias: nil, threadCount: 1, build: build)
            for n in 0..<5 {
                for o in 0..<6 {
                    #expect(output[n, o].isNaN == (n == 2), "\(build) output (\(n), \(o))")
                }
            }
            var gradient = Tensor.zeros(weight.shape)
            _ = fastLinearBackward(dOutput: dOutput, input: input, weight: weight, hasBias: false,
                                   addingWeightGradientTo: &gradient, threadCount: 1, build: build)
            for o in 0..<6 {
                for i in 0..<19 {
                    #expect(gradient[o, i].isNaN == (i == 18), "\(build) dWeight (\(o), \(i))")
                }
            }
        }
    }

    /// A weight past `linearInPlaceWeightLimit` takes the packed GEMM and still agrees.
    @Test func largeWeightTakesTheGemm() {
        var rng = SeededGenerator(seed: 78)
        let (batch, inputFeatures, outputFeatures) = (3, 1100, 240)
        #expect(inputFeatures * outputFeatures > linearInPlaceWeightLimit)
        let input = Tensor.normal([batch, inputFeatures], using: &rng)
        let weight = Tensor.uniform([outputFeatures, inputFeatures], low: -0.1, high: 0.1, using: &rng)
        let bias = Tensor.uniform([outputFeatures], low: -1, high: 1, using: &rng)
        let dOutput = Tensor.normal([batch, outputFeatures], using: &rng)
        FastLayerTests.expectClose(fastLinearForward(input: input, weight: weight, bias: bias, threadCount: 2),
                                   linearForward(input: input, weight: weight, bias: bias), "large output")
        let fast = fastLinearBackward(dOutput: dOutput, input: input, weight: weight, hasBias: true, threadCount: 2)
        let reference = linearBackward(dOutput: dOutput, input: input, weight: weight, hasBias: true)
        FastLayerTests.expectClose(fast.dInput, reference.dInput, "large dInput")
        FastLayerTests.expectClose(fast.dWeight, reference.dWeight, "large dWeight")
    }
}

/// LeNet-5's second conv (6 → 16 channels, 5×5 on 14×14, R = 150): the largest R the direct
/// kernel takes, forward with and without ReLU and its weight gradient, against the reference.
@Suite struct LeNetSecondConvTests {
    @Test func directKernelTakesItAndMatchesReference() {
        var rng = SeededGenerator(seed: 150)
        let input = Tensor.normal([3, 6, 14, 14], using: &rng)
        let weight = Tensor.kaimingUniform([16, 6, 5, 5], using: &rng)
        let bias = Tensor.defaultBias(count: 16, fanIn: 150, using: &rng)
        let dOutput = Tensor.normal([3, 16, 10, 10], using: &rng)
        let config = Conv2DConfig()
        let problem = FastConvTests.Problem(input: input, weight: weight, bias: bias, config: config, dOutput: dOutput)
        #expect(directConvApplies(inputChannels: 6, kernelHeight: 5, kernelWidth: 5, config: config))
        #expect(!directConvApplies(inputChannels: 7, kernelHeight: 5, kernelWidth: 5, config: config), "R = 175 is past the limit")
        let reference = referenceConv2dForward(input: input, weight: weight, bias: bias, config: config)
        for build in GemmMicroKernel.availableBuilds {
            for relu in [false, true] {
                let fast = directConv2dForward(input: input, weight: weight, bias: bias, config: config, relu: relu,
                                               threadCount: 1, build: build)
                FastConvTests.expectClose(fast, relu ? activationForward(reference, .relu) : reference, "\(build) relu \(relu)", problem)
            }
        }
        let referenceGradients = referenceConv2dBackward(dOutput: dOutput, input: input, weight: weight, hasBias: true, config: config)
        for computeInputGradient in [false, true] {
            let fast = fastConv2dGradients(dOutput: dOutput, input: input, weight: weight, hasBias: true, config: config,
                                           threadCount: 2, computeInputGradient: computeInputGradient)
            FastConvTests.expectClose(fast.dWeight, referenceGradients.dWeight, "dWeight", problem)
            FastConvTests.expectClose(fast.dBias!, referenceGradients.dBias!, "dBias", problem)
            if computeInputGradient { FastConvTests.expectClose(fast.dInput!, referenceGradients.dInput, "dInput", problem) }
        }
    }
}
