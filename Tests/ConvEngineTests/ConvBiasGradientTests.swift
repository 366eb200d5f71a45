import Testing
@testable import ConvEngine

// Layout: NCHW. dOutput N×K×OH×OW, dBias [K].

/// The fast path's dBias (sixteen Double partial sums per channel) against the reference's.
@Suite struct ConvBiasGradientTests {
    /// Planes of 1 to 35 elements (runs of 16, of 4 and single ones left over) and the teaching
    /// net's 14×14 and 28×28, with values whose Float sum would lose digits (1e4 beside 1e-3).
    @Test(arguments: [(1, 1), (1, 3), (2, 2), (3, 3), (1, 9), (5, 7), (14, 14), (28, 28)])
    func matchesReference(height: Int, width: Int) {
        var rng = SeededGenerator(seed: UInt64(height * 31 + width))
        var dOutput = Tensor.normal([3, 5, height, width], using: &rng)
        dOutput.scalars[0] = 1e4
        dOutput.scalars[1 % dOutput.count] = 1e-3
        let input = Tensor.normal([3, 2, height + 2, width + 2], using: &rng)
        let weight = Tensor.normal([5, 2, 3, 3], using: &rng)
        let reference = referenceConv2dBackward(dOutput: dOutput, input: input, weight: weight, hasBias: true, config: Conv2DConfig())
        let fast = fastConvBiasGradient(dOutput: dOutput)
        #expect(fast.shape == [5])
        let expected = try! #require(reference.dBias)
        #expect(fast.maxAbsDifference(expected) <= 1e-5 * max(1, expected.scalars.map(abs).max()!),
                "max difference \(fast.maxAbsDifference(expected))")
    }

    /// Worked by hand: channel 0 holds 1…8 over two images (36), channel 1 a NaN.
    @Test func handWorkedSums() {
        let dOutput = Tensor(shape: [2, 2, 1, 4], scalars: [1, 2, 3, 4, 0, .nan, 0, 0, 5, 6, 7, 8, 1, 1, 1, 1])
        let dBias = fastConvBiasGradient(dOutput: dOutput)
        #expect(dBias.scalars[0] == 36)
        #expect(dBias.scalars[1].isNaN)
        #expect(fastConvBiasGradient(dOutput: Tensor.zeros([0, 3, 2, 2])).scalars == [0, 0, 0])
    }

    /// Two images, two channels of 1×5 (one run of four and one left over): channel 0 sums
    /// 1…5 and 10…14 = 15 + 60 = 75; channel 1 sums −1 five times and 0.5 five times = −2.5.
    @Test func handWorkedTail() {
        let dOutput = Tensor(shape: [2, 2, 1, 5], scalars: [1, 2, 3, 4, 5, -1, -1, -1, -1, -1,
                                                            10, 11, 12, 13, 14, 0.5, 0.5, 0.5, 0.5, 0.5])
        #expect(fastConvBiasGradient(dOutput: dOutput).scalars == [75, -2.5])
    }
}
