import Testing
@testable import ConvEngine
import CConvKernels

// Layout: NCHW input/output, OIHW weight.

/// The direct small-channel conv (FastDirectConv.swift) against the reference loops, with and
/// without the fused ReLU, on every kernel build this CPU runs, on one thread and split over
/// rows on two.
@Suite struct DirectConvTests {
    /// A random direct-conv shape: stride 1 along rows (what the kernel needs), anything else
    /// random, widths from 1 to 40 so rows end inside a 16-column tile and span several, and
    /// 1 to 9 output channels so the last block of 4 is partly empty.
    static func problem(seed: UInt64) -> FastConvTests.Problem {
        var rng = SeededGenerator(seed: seed)
        func pick(_ range: ClosedRange<Int>) -> Int { range.lowerBound + rng.nextInt(below: range.count) }
        let (batch, channels, outChannels) = (pick(1...3), pick(1...3), pick(1...9))
        let (kernelHeight, kernelWidth) = (pick(1...3), pick(1...4))
        let config = Conv2DConfig(
            strideHeight: pick(1...3), strideWidth: 1, paddingHeight: pick(0...2), paddingWidth: pick(0...2),
            dilationHeight: pick(1...2), dilationWidth: pick(1...2), flipped: rng.nextInt(below: 2) == 1)
        var outputHeight = pick(1...6), outputWidth = pick(1...40)
        func size(_ output: Int, _ kernel: Int, _ stride: Int, _ padding: Int, _ dilation: Int) -> Int {
            (output - 1) * stride + dilation * (kernel - 1) + 1 - 2 * padding
        }
        while size(outputHeight, kernelHeight, config.strideHeight, config.paddingHeight, config.dilationHeight) < 1 { outputHeight += 1 }
        while size(outputWidth, kernelWidth, 1, config.paddingWidth, config.dilationWidth) < 1 { outputWidth += 1 }
        let height = size(outputHeight, kernelHeight, config.strideHeight, config.paddingHeight, config.dilationHeight)
        let width = size(outputWidth, kernelWidth, 1, config.paddingWidth, config.dilationWidth)
        let hasBias = rng.nextInt(below: 2) == 1
        let input = Tensor.normal([batch, channels, height, width], using: &rng)
        let weight = Tensor.uniform([outChannels, channels, kernelHeight, kernelWidth], low: -1, high: 1, using: &rng)
        let bias: Tensor? = hasBias ? .uniform([outChannels], low: -1, high: 1, using: &rng) : nil
        let dOutput = Tensor.normal([batch, outChannels, outputHeight, outputWidth], using: &rng)
        return FastConvTests.Problem(input: input, weight: weight, bias: bias, config: config, dOutput: dOutput)
    }

    /// The direct weight gradient and the pool exist in AVX2 and portable builds only: a wider
    /// GEMM build (AVX-512) must still give them AVX2, not drop them to the portable loops.
    @Test func everyVectorBuildTakesTheAVX2Kernel() {
        let hasAVX2 = GemmMicroKernel.availableBuilds.contains(.avx2FMA)
        for build in GemmMicroKernel.Build.allCases {
            let expected = build != .portable && hasAVX2 ? convkernels_kernel_avx2_fma : convkernels_kernel_portable
            #expect(GemmMicroKernel.avx2OrPortableKernel(for: build) == expected, "\(build)")
        }
    }

    @Test(arguments: 0..<40)
    func matchesReference(seed: Int) {
        let problem = Self.problem(seed: 7000 + UInt64(seed))
        let (input, weight, bias, config) = (problem.input, problem.weight, problem.bias, problem.config)
        #expect(directConvApplies(inputChannels: weight.shape[1], kernelHeight: weight.shape[2], kernelWidth: weight.shape[3], config: config))
        let reference = referenceConv2dForward(input: input, weight: weight, bias: bias, config: config)
        let referenceRelu = activationForward(reference, .relu)
        for build in GemmMicroKernel.availableBuilds {
            for relu in [false, true] {
                let expected = relu ? referenceRelu : reference
                let single = directConv2dForward(input: input, weight: weight, bias: bias, config: config, relu: relu,
                                                 threadCount: 1, build: build)
                FastConvTests.expectClose(single, expected, "\(build) relu \(relu)", problem)
                // Two threads, forced past the work threshold: bands of rows, or images.
                let split = directConv2dForward(input: input, weight: weight, bias: bias, config: config, relu: relu,
                                                threadCount: 2, build: build, minimumParallelWork: 0)
                FastConvTests.expectIdentical(single, split, "\(build) relu \(relu)", problem)
            }
        }
        // The public entry point takes the direct path for this shape and agrees as well.
        let dispatched = fastConv2dForward(input: input, weight: weight, bias: bias, config: config, threadCount: 1)
        FastConvTests.expectClose(dispatched, reference, "fastConv2dForward", problem)
    }

    /// A hand-worked case: one 3×3 image, a 2×2 kernel of ones and one of [[1, 0], [0, −1]]
    /// (channel 2), padding 0, bias 1 and −10 on channel 2 so ReLU clips it.
    ///
    ///     image 1 2 3     ones: 1+2+4+5 = 12, 2+3+5+6 = 16, 4+5+7+8 = 24, 5+6+8+9 = 28, +1
    ///           4 5 6     diagonal: 1−5 = −4, 2−6, 4−8, 5−9 = −4 each, −10 → −14 → ReLU 0
    ///           7 8 9
    @Test func handWorkedExample() {
        let input = Tensor(shape: [1, 1, 3, 3], scalars: [1, 2, 3, 4, 5, 6, 7, 8, 9])
        let weight = Tensor(shape: [2, 1, 2, 2], scalars: [1, 1, 1, 1, 1, 0, 0, -1])
        let bias = Tensor(shape: [2], scalars: [1, -10])
        for build in GemmMicroKernel.availableBuilds {
            let plain = directConv2dForward(input: input, weight: weight, bias: bias, config: Conv2DConfig(), relu: false,
                                            threadCount: 1, build: build)
            #expect(plain.scalars == [13, 17, 25, 29, -14, -14, -14, -14], "\(build)")
            let clipped = directConv2dForward(input: input, weight: weight, bias: bias, config: Conv2DConfig(), relu: true,
                                              threadCount: 1, build: build)
            #expect(clipped.scalars == [13, 17, 25, 29, 0, 0, 0, 0], "\(build)")
        }
    }

    /// The shapes the benchmarks and the course meet: the teaching net's layers (R = 9 and 72)
    /// and VGG16's first layer (R = 27, 224 columns: 14 whole tiles), on two threads.
    @Test func courseShapesMatchReference() {
        var rng = SeededGenerator(seed: 11)
        for (channels, outChannels, size) in [(1, 8, 28), (8, 16, 14), (3, 64, 40)] {
            let input = Tensor.normal([1, channels, size, size], using: &rng)
            let weight = Tensor.kaimingUniform([outChannels, channels, 3, 3], using: &rng)
            let bias = Tensor.defaultBias(count: outChannels, fanIn: channels * 9, using: &rng)
            let config = Conv2DConfig(padding: 1)
            let problem = FastConvTests.Problem(input: input, weight: weight, bias: bias, config: config, dOutput: input)
            let reference = activationForward(referenceConv2dForward(input: input, weight: weight, bias: bias, config: config), .relu)
            let fast = directConv2dForward(input: input, weight: weight, bias: bias, config: config, relu: true,
                                           threadCount: 2, minimumParallelWork: 0)
            FastConvTests.expectClose(fast, reference, "course shape", problem)
        }
    }

    @Test func refusesShapesItCannotCompute() {
        #expect(!directConvApplies(inputChannels: 1, kernelHeight: 3, kernelWidth: 3, config: Conv2DConfig(stride: 2)))
        #expect(!directConvApplies(inputChannels: 64, kernelHeight: 3, kernelWidth: 3, config: Conv2DConfig(padding: 1)))
        #expect(directConvApplies(inputChannels: 3, kernelHeight: 3, kernelWidth: 3,
                                  config: Conv2DConfig(strideHeight: 2, strideWidth: 1, paddingHeight: 0, paddingWidth: 0)))
    }
}

/// The direct weight gradient (a first layer's backward pass) against the reference's dWeight.
@Suite struct DirectConvWeightGradientTests {
    @Test(arguments: 0..<40)
    func matchesReference(seed: Int) {
        let problem = DirectConvTests.problem(seed: 9000 + UInt64(seed))
        let (input, weight, config, dOutput) = (problem.input, problem.weight, problem.config, problem.dOutput)
        let reference = referenceConv2dBackward(dOutput: dOutput, input: input, weight: weight, hasBias: problem.bias != nil, config: config)
        for build in GemmMicroKernel.availableBuilds {
            let single = directConv2dWeightGradient(dOutput: dOutput, input: input, weight: weight, config: config,
                                                    threadCount: 1, build: build)
            FastConvTests.expectClose(single, reference.dWeight, "\(build) dWeight", problem)
            let split = directConv2dWeightGradient(dOutput: dOutput, input: input, weight: weight, config: config,
                                                   threadCount: 2, build: build, minimumParallelWork: 0)
            FastConvTests.expectIdentical(single, split, "\(build) dWeight", problem)
        }
        // The layer's training backward (no dInput) takes this path and agrees as well.
        let gradients = fastConv2dGradients(dOutput: dOutput, input: input, weight: weight, hasBias: problem.bias != nil,
                                            config: config, threadCount: 1, computeInputGradient: false)
        #expect(gradients.dInput == nil)
        FastConvTests.expectClose(gradients.dWeight, reference.dWeight, "fastConv2dGradients dWeight", problem)
        if let dBias = gradients.dBias, let referenceBias = reference.dBias {
            FastConvTests.expectClose(dBias, referenceBias, "dBias", problem)
        }
    }
}
