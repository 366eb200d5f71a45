import Testing
@testable import ConvEngine

// Layout: NCHW gradient.

/// The conv layer's dBias (Fast/FastBiasGradient.swift): its four Double lanes against a
/// plain sum, on planes of every remainder modulo 4.
@Suite struct ConvBiasGradientTests {
    /// Two images, two channels of 1×5 (one whole group of four and a tail of one):
    /// channel 0 sums 1…5 and 10…14 = 15 + 60 = 75; channel 1 sums −1 five times and 0.5 five times = −2.5.
    @Test func handWorkedExample() {
        let dOutput = Tensor(shape: [2, 2, 1, 5], scalars: [1, 2, 3, 4, 5, -1, -1, -1, -1, -1,
                                                            10, 11, 12, 13, 14, 0.5, 0.5, 0.5, 0.5, 0.5])
        #expect(fastConvBiasGradient(dOutput).scalars == [75, -2.5])
    }

    @Test(arguments: 0..<12)
    func matchesReference(seed: Int) {
        var rng = SeededGenerator(seed: 300 + UInt64(seed))
        let shape = [1 + rng.nextInt(below: 9), 1 + rng.nextInt(below: 7), 1 + rng.nextInt(below: 9), 1 + rng.nextInt(below: 30)]
        let dOutput = Tensor.normal(shape, using: &rng)
        let input = Tensor.normal([shape[0], 1, shape[2], shape[3]], using: &rng)
        let weight = Tensor.normal([shape[1], 1, 1, 1], using: &rng)
        let reference = referenceConv2dBackward(dOutput: dOutput, input: input, weight: weight, hasBias: true, config: Conv2DConfig())
        FastLayerTests.expectClose(fastConvBiasGradient(dOutput), reference.dBias!, "dBias of \(Tensor.describe(shape))")
    }
}
