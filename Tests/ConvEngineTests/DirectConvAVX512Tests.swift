import CConvKernels
import Testing
@testable import ConvEngine

// Layout: NCHW input/output, OIHW weight.

/// The AVX-512 build of the direct forward (CConvKernels/DirectConvAVX512.c: 8 channels × two
/// 16-lane vectors, masked edges, two rows per tile for rows of 16 columns or fewer) against the
/// reference loops and, bit for bit, against the AVX2 build. On a CPU without AVX-512 only the
/// kernel choice is checked: there is no AVX-512 build to run.
@Suite struct DirectConvAVX512Tests {
    static let hasAVX512 = GemmMicroKernel.availableBuilds.contains(.avx512)

    /// A random direct-conv problem: 1 to 20 output channels (blocks of 8 with every tail),
    /// widths 1 to 70 (narrow rows paired, wide rows with tails of every length below 32), and,
    /// when `withNaN`, a few NaN inputs.
    static func problem(seed: UInt64, withNaN: Bool) -> FastConvTests.Problem {
        var rng = SeededGenerator(seed: seed)
        func pick(_ range: ClosedRange<Int>) -> Int { range.lowerBound + rng.nextInt(below: range.count) }
        let (batch, channels, outChannels) = (pick(1...2), pick(1...4), pick(1...20))
        let (kernelHeight, kernelWidth) = (pick(1...3), pick(1...3))
        let config = Conv2DConfig(
            strideHeight: pick(1...2), strideWidth: 1, paddingHeight: pick(0...1), paddingWidth: pick(0...2),
            dilationHeight: 1, dilationWidth: pick(1...2), flipped: rng.nextInt(below: 2) == 1)
        let outputHeight = pick(1...7), outputWidth = pick(1...70)
        let height = (outputHeight - 1) * config.strideHeight + kernelHeight
        let width = outputWidth - 1 + config.dilationWidth * (kernelWidth - 1) + 1
        var input = Tensor.normal([batch, channels, height, width], using: &rng)
        if withNaN {
            for _ in 0..<3 { input.scalars[rng.nextInt(below: input.count)] = .nan }
        }
        let weight = Tensor.uniform([outChannels, channels, kernelHeight, kernelWidth], low: -1, high: 1, using: &rng)
        let bias: Tensor? = rng.nextInt(below: 2) == 1 ? .uniform([outChannels], low: -1, high: 1, using: &rng) : nil
        return FastConvTests.Problem(input: input, weight: weight, bias: bias, config: config, dOutput: weight)
    }

    /// Same bits, NaN for NaN.
    static func sameBits(_ one: Tensor, _ two: Tensor) -> Bool {
        one.shape == two.shape && zip(one.scalars, two.scalars).allSatisfy { $0.bitPattern == $1.bitPattern || ($0.isNaN && $1.isNaN) }
    }

    @Test func avx512BuildTakesTheAVX512KernelOnlyWhereTheCPURunsIt() {
        let expected = Self.hasAVX512 ? convkernels_kernel_avx512 : GemmMicroKernel.avx2OrPortableKernel(for: .avx512)
        #expect(directConvForwardKernel(for: .avx512) == expected)
        for build in [GemmMicroKernel.Build.portable, .avx2FMA] {
            #expect(directConvForwardKernel(for: build) == GemmMicroKernel.avx2OrPortableKernel(for: build), "\(build)")
        }
    }

    @Test(arguments: 0..<60)
    func matchesReferenceAndAVX2(seed: Int) throws {
        guard Self.hasAVX512 else { return }
        let problem = Self.problem(seed: 12_000 + UInt64(seed), withNaN: seed % 4 == 3)
        let (input, weight, bias, config) = (problem.input, problem.weight, problem.bias, problem.config)
        try #require(directConvApplies(inputChannels: weight.shape[1], kernelHeight: weight.shape[2], kernelWidth: weight.shape[3], config: config))
        let reference = referenceConv2dForward(input: input, weight: weight, bias: bias, config: config)
        for relu in [false, true] {
            let expected = relu ? activationForward(reference, .relu) : reference
            let wide = directConv2dForward(input: input, weight: weight, bias: bias, config: config, relu: relu,
                                           threadCount: 1, build: .avx512)
            let avx2 = directConv2dForward(input: input, weight: weight, bias: bias, config: config, relu: relu,
                                           threadCount: 1, build: .avx2FMA)
            #expect(Self.sameBits(wide, avx2), "AVX-512 and AVX2 differ by up to \(wide.maxAbsDifference(avx2)) for \(problem), relu \(relu)")
            // NaN where the reference has NaN (a window touching a NaN, unless ReLU made it 0);
            // everywhere else within 1e-5 of the largest value.
            let scale = expected.scalars.filter { !$0.isNaN }.map(abs).max() ?? 0
            for (index, (value, wanted)) in zip(wide.scalars, expected.scalars).enumerated() {
                if wanted.isNaN {
                    #expect(value.isNaN, "element \(index): \(value), reference NaN, \(problem)")
                } else {
                    #expect(abs(value - wanted) <= 1e-5 * max(1, scale), "element \(index): \(value) vs \(wanted), \(problem)")
                }
            }
            let split = directConv2dForward(input: input, weight: weight, bias: bias, config: config, relu: relu,
                                            threadCount: 2, build: .avx512, minimumParallelWork: 0)
            #expect(Self.sameBits(wide, split), "AVX-512 on 1 and 2 threads differ for \(problem)")
        }
    }

    /// VGG16's first layer at its real size (W4: 3→64, 224 columns, 7 full 32-column tiles) and
    /// the teaching net's two convs (28 columns: one masked tile; 14 columns: rows in pairs).
    @Test func benchmarkShapesMatchAVX2BitForBit() {
        guard Self.hasAVX512 else { return }
        var rng = SeededGenerator(seed: 21)
        for (channels, outChannels, size) in [(3, 64, 224), (1, 8, 28), (8, 16, 14)] {
            let input = Tensor.normal([1, channels, size, size], using: &rng)
            let weight = Tensor.kaimingUniform([outChannels, channels, 3, 3], using: &rng)
            let bias = Tensor.defaultBias(count: outChannels, fanIn: channels * 9, using: &rng)
            let config = Conv2DConfig(padding: 1)
            let wide = directConv2dForward(input: input, weight: weight, bias: bias, config: config, relu: true,
                                           threadCount: 2, build: .avx512, minimumParallelWork: 0)
            let avx2 = directConv2dForward(input: input, weight: weight, bias: bias, config: config, relu: true,
                                           threadCount: 1, build: .avx2FMA)
            #expect(Self.sameBits(wide, avx2), "\(channels)→\(outChannels) at \(size): up to \(wide.maxAbsDifference(avx2))")
        }
    }

    /// LeNet-5's second conv (150 taps forward, 400 in its input gradient) runs the AVX-512
    /// kernel, and past its stack buffer of 512 taps the AVX-512 request runs the AVX2 kernel:
    /// the C entry point called directly, 12 channels, rows of 20 and of 10 columns (the narrow
    /// rows go in pairs), same bits.
    @Test(arguments: [(150, 20), (150, 10), (400, 14), (600, 20)])
    func manyTapsMatchAVX2(taps: Int, columns: Int) {
        guard Self.hasAVX512 else { return }
        var rng = SeededGenerator(seed: 5)
        let (channels, rows) = (12, 3)
        let rowStride = columns + taps + Int(convkernels_direct_columns)
        let input = (0..<(rows * rowStride + taps)).map { _ in Float.random(in: -1...1, using: &rng) }
        let weight = (0..<(channels * taps)).map { _ in Float.random(in: -1...1, using: &rng) }
        let offsets = Array(0..<taps)
        func run(_ kernel: convkernels_kernel) -> [Float] {
            var output = [Float](repeating: .nan, count: channels * rows * columns)
            convkernels_direct_conv_rows(kernel, input, rowStride, offsets, taps, weight, nil, channels,
                                         &output, rows * columns, columns, rows, columns, 1)
            return output
        }
        let wide = run(convkernels_kernel_avx512), avx2 = run(convkernels_kernel_avx2_fma)
        #expect(wide.allSatisfy { !$0.isNaN })
        #expect(zip(wide, avx2).allSatisfy { $0.bitPattern == $1.bitPattern })
    }
}
