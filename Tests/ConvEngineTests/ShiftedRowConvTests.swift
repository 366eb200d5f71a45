import Testing
@testable import ConvEngine

// Layout: NCHW input/output, OIHW weight.

/// The stride-1, many-channel forward conv that reads shifted input rows in place
/// (ShiftedRowConv2D.swift) against the reference loops: random kernels, paddings, dilations
/// and flips, every micro-kernel build this CPU runs, small chunks and depth blocks that cut
/// through rows, channels and panels, and bit-identical results for 1, 2 and 3 threads.
@Suite struct ShiftedRowConvTests {
    struct Problem: CustomStringConvertible {
        let input: Tensor, weight: Tensor, bias: Tensor?, config: Conv2DConfig
        var description: String {
            "input \(Tensor.describe(input.shape)) weight \(Tensor.describe(weight.shape)) bias \(bias != nil) "
                + "padding \(config.paddingHeight)×\(config.paddingWidth) "
                + "dilation \(config.dilationHeight)×\(config.dilationWidth) flipped \(config.flipped)"
        }

        init(seed: UInt64) {
            var rng = SeededGenerator(seed: seed)
            func pick(_ range: ClosedRange<Int>) -> Int { range.lowerBound + rng.nextInt(below: range.count) }
            let (batch, channels, outChannels) = (pick(1...3), pick(16...40), pick(1...30))
            let (kernelHeight, kernelWidth) = (pick(1...4), pick(1...4))
            config = Conv2DConfig(
                strideHeight: 1, strideWidth: 1, paddingHeight: pick(0...2), paddingWidth: pick(0...2),
                dilationHeight: pick(1...2), dilationWidth: pick(1...2), flipped: rng.nextInt(below: 2) == 1)
            let height = max(pick(1...12), config.dilationHeight * (kernelHeight - 1) + 1 - 2 * config.paddingHeight)
            let width = max(pick(1...20), config.dilationWidth * (kernelWidth - 1) + 1 - 2 * config.paddingWidth)
            input = .normal([batch, channels, height, width], using: &rng)
            weight = .uniform([outChannels, channels, kernelHeight, kernelWidth], low: -1, high: 1, using: &rng)
            bias = rng.nextInt(below: 2) == 1 ? .uniform([outChannels], low: -1, high: 1, using: &rng) : nil
        }

        var layout: Im2ColLayout {
            let geometry = config.geometry(
                inputHeight: input.shape[2], inputWidth: input.shape[3],
                kernelHeight: weight.shape[2], kernelWidth: weight.shape[3])
            return Im2ColLayout(channels: input.shape[1], height: input.shape[2], width: input.shape[3],
                                kernelHeight: weight.shape[2], kernelWidth: weight.shape[3], geometry: geometry)
        }

        /// The path called directly with a given build, chunk, depth block and image budget.
        func run(build: GemmMicroKernel.Build, chunk: Int, channelsPerBlock: Int, imageBudget: Int, threads: Int) -> Tensor {
            let plan = ShiftedRowConvPlan(layout: layout, outChannels: weight.shape[0], build: build,
                                          chunk: chunk, channelsPerBlock: channelsPerBlock)
            let (batch, outChannels) = (input.shape[0], weight.shape[0])
            var kernel = weight.scalars
            if config.flipped {
                // The caller hands the kernel over already rotated by 180°.
                let taps = weight.shape[2] * weight.shape[3]
                for start in stride(from: 0, to: kernel.count, by: taps) {
                    for tap in 0..<taps { kernel[start + tap] = weight.scalars[start + taps - 1 - tap] }
                }
            }
            let biasValues = bias?.scalars ?? [Float](repeating: 0, count: outChannels)
            var output = [Float](repeating: .nan, count: batch * outChannels * layout.outputPlane)
            input.scalars.withUnsafeBufferPointer { input in
                kernel.withUnsafeBufferPointer { kernel in
                    biasValues.withUnsafeBufferPointer { bias in
                        output.withUnsafeMutableBufferPointer { output in
                            shiftedRowConv2dForward(
                                plan: plan, input: input.baseAddress!, batch: batch, kernel: kernel.baseAddress!,
                                bias: bias.baseAddress!, output: output.baseAddress!, threadCount: threads,
                                imageBudget: imageBudget)
                        }
                    }
                }
            }
            return Tensor(shape: [batch, outChannels, layout.outputHeight, layout.outputWidth], scalars: output)
        }
    }

    static func expectClose(_ fast: Tensor, _ reference: Tensor, _ what: String) {
        let scale = reference.scalars.map(abs).max() ?? 0
        let difference = fast.maxAbsDifference(reference)
        // NaN (an element never written) fails here too: the difference is NaN.
        #expect(difference <= 1e-5 * max(1, scale), "\(what): max difference \(difference) (scale \(scale))")
    }

    @Test(arguments: 0..<12)
    func matchesReference(seed: Int) {
        let problem = Problem(seed: 5000 + UInt64(seed))
        let reference = referenceConv2dForward(input: problem.input, weight: problem.weight, bias: problem.bias, config: problem.config)
        // Through the engine's entry point, which must take this path for these shapes.
        #expect(ShiftedRowConvPlan.applies(to: problem.layout))
        let viaEntry = fastConv2dForward(input: problem.input, weight: problem.weight, bias: problem.bias,
                                         config: problem.config, threadCount: 2)
        Self.expectClose(viaEntry, reference, "entry point \(problem)")
        for build in GemmMicroKernel.availableBuilds {
            // Small chunks and blocks: many tasks, depth blocks that end mid-channel-list, panels cut by chunks.
            let single = problem.run(build: build, chunk: 32, channelsPerBlock: 5, imageBudget: 1, threads: 1)
            Self.expectClose(single, reference, "\(build) small blocks \(problem)")
            for threads in [2, 3] {
                let parallel = problem.run(build: build, chunk: 32, channelsPerBlock: 5, imageBudget: 1, threads: threads)
                #expect(zip(single.scalars, parallel.scalars).allSatisfy { $0.bitPattern == $1.bitPattern },
                        "\(build) \(problem): \(threads) threads differ from 1 by up to \(single.maxAbsDifference(parallel))")
            }
            let standard = problem.run(build: build, chunk: 256, channelsPerBlock: 16, imageBudget: defaultColumnBudget, threads: 2)
            Self.expectClose(standard, reference, "\(build) standard blocks \(problem)")
        }
    }

    /// The shape of the benchmark's W3 in small (64→64 channels, 3×3, padding 1, 2 images of
    /// 20×20): whole 12-row panels and a partial one, rows of 22 padded positions.
    @Test func benchmarkShapeMatchesReference() {
        var rng = SeededGenerator(seed: 9)
        let input = Tensor.normal([2, 64, 20, 20], using: &rng)
        let weight = Tensor.kaimingUniform([64, 64, 3, 3], using: &rng)
        let bias = Tensor.uniform([64], low: -1, high: 1, using: &rng)
        let config = Conv2DConfig(padding: 1)
        let reference = referenceConv2dForward(input: input, weight: weight, bias: bias, config: config)
        let one = fastConv2dForward(input: input, weight: weight, bias: bias, config: config, threadCount: 1)
        let two = fastConv2dForward(input: input, weight: weight, bias: bias, config: config, threadCount: 2)
        Self.expectClose(one, reference, "W3-like, 1 thread")
        #expect(zip(one.scalars, two.scalars).allSatisfy { $0.bitPattern == $1.bitPattern }, "W3-like: 1 and 2 threads differ")
    }

    /// Strided or few-channel convs stay on im2col (or a small-channel kernel).
    @Test func takesOnlyStrideOneManyChannels() {
        func layout(channels: Int, stride: Int) -> Im2ColLayout {
            let config = Conv2DConfig(stride: stride, padding: 1)
            return Im2ColLayout(channels: channels, height: 9, width: 9, kernelHeight: 3, kernelWidth: 3,
                                geometry: config.geometry(inputHeight: 9, inputWidth: 9, kernelHeight: 3, kernelWidth: 3))
        }
        #expect(ShiftedRowConvPlan.applies(to: layout(channels: 16, stride: 1)))
        #expect(!ShiftedRowConvPlan.applies(to: layout(channels: 16, stride: 2)))
        #expect(!ShiftedRowConvPlan.applies(to: layout(channels: 15, stride: 1)))
    }
}
