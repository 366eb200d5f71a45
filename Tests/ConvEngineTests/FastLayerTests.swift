import Testing
@testable import ConvEngine

// Layout: NCHW for pooling, N×features for linear layers.

/// The fast linear layer (GEMM) and fast max pooling against the readable reference ops, on
/// random shapes, forward and backward, and the engine-wide switch's parsing.
@Suite struct FastLayerTests {
    /// Expects max|fast − reference| ≤ 1e-5 · max(1, max|reference|), naming the worst difference.
    static func expectClose(_ fast: Tensor, _ reference: Tensor, _ what: String) {
        #expect(fast.shape == reference.shape, "\(what): shape \(fast.shape) vs \(reference.shape)")
        guard fast.shape == reference.shape else { return }
        let scale = max(1, reference.scalars.map(abs).max() ?? 0)
        let difference = fast.maxAbsDifference(reference)
        #expect(difference <= 1e-5 * scale, "\(what): max difference \(difference), scale \(scale)")
    }

    @Test(arguments: 0..<20)
    func linearMatchesReference(seed: Int) {
        var rng = SeededGenerator(seed: 500 + UInt64(seed))
        let batch = 1 + rng.nextInt(below: 40)
        let inputFeatures = 1 + rng.nextInt(below: 300)
        let outputFeatures = 1 + rng.nextInt(below: 40)
        let hasBias = seed % 3 != 0
        let input = Tensor.normal([batch, inputFeatures], using: &rng)
        let weight = Tensor.uniform([outputFeatures, inputFeatures], low: -1, high: 1, using: &rng)
        let bias: Tensor? = hasBias ? .uniform([outputFeatures], low: -1, high: 1, using: &rng) : nil
        let dOutput = Tensor.normal([batch, outputFeatures], using: &rng)
        let label = "linear \(batch)×\(inputFeatures) → \(outputFeatures), bias \(hasBias)"
        for threads in [1, 2] {
            Self.expectClose(fastLinearForward(input: input, weight: weight, bias: bias, threadCount: threads),
                             linearForward(input: input, weight: weight, bias: bias), "\(label) output, \(threads) threads")
            let fast = fastLinearBackward(dOutput: dOutput, input: input, weight: weight, hasBias: hasBias, threadCount: threads)
            let reference = linearBackward(dOutput: dOutput, input: input, weight: weight, hasBias: hasBias)
            Self.expectClose(fast.dInput, reference.dInput, "\(label) dInput")
            Self.expectClose(fast.dWeight, reference.dWeight, "\(label) dWeight")
            #expect((fast.dBias == nil) == (reference.dBias == nil), "\(label): dBias presence")
            if let fastBias = fast.dBias, let referenceBias = reference.dBias {
                Self.expectClose(fastBias, referenceBias, "\(label) dBias")
            }
        }
    }

    /// One image takes the dot-product path: every tail length of the 8-lane loop, with and
    /// without bias, against the reference loops.
    @Test func oneImageLinearMatchesReference() {
        var rng = SeededGenerator(seed: 900)
        for inputFeatures in [1, 7, 8, 9, 16, 23, 784] {
            for hasBias in [false, true] {
                let input = Tensor.normal([1, inputFeatures], using: &rng)
                let weight = Tensor.uniform([10, inputFeatures], low: -1, high: 1, using: &rng)
                let bias: Tensor? = hasBias ? .uniform([10], low: -1, high: 1, using: &rng) : nil
                Self.expectClose(fastLinearForward(input: input, weight: weight, bias: bias),
                                 linearForward(input: input, weight: weight, bias: bias),
                                 "linear 1×\(inputFeatures) → 10, bias \(hasBias)")
            }
        }
    }

    /// Random pools, padded ones included (those take the reference inside the fast entry
    /// point), with inputs rounded to halves so windows hold ties: outputs and routes must be
    /// identical, and so must the gradients.
    @Test(arguments: 0..<30)
    func maxPoolMatchesReference(seed: Int) {
        var rng = SeededGenerator(seed: 900 + UInt64(seed))
        // Every third case is the unrolled 2×2, stride-2 pool.
        let kernel = seed % 3 == 2 ? 2 : 1 + rng.nextInt(below: 3)
        let stride = seed % 3 == 2 ? 2 : 1 + rng.nextInt(below: 3)
        let padding = seed % 4 == 0 && seed % 3 != 2 ? rng.nextInt(below: kernel) : 0
        let config = Pool2DConfig(kernelSize: kernel, stride: stride, padding: padding, convention: .floor)
        let (height, width) = (kernel + rng.nextInt(below: 9), kernel + rng.nextInt(below: 9))
        let shape = [1 + rng.nextInt(below: 3), 1 + rng.nextInt(below: 4), height, width]
        var input = Tensor.normal(shape, using: &rng).map { ($0 * 2).rounded() / 2 }
        if seed % 5 == 1 { input.scalars[rng.nextInt(below: input.count)] = .nan }
        let label = "max pool \(Tensor.describe(shape)) kernel \(kernel) stride \(stride) padding \(padding)"
        let fast = fastMaxPool2dForward(input: input, config: config)
        let reference = maxPool2dForward(input: input, config: config)
        #expect(fast.output.shape == reference.output.shape, "\(label): output shape")
        let sameOutput = zip(fast.output.scalars, reference.output.scalars).allSatisfy { $0.bitPattern == $1.bitPattern }
        #expect(sameOutput, "\(label): outputs differ")
        #expect(fast.routes == reference.routes, "\(label): routes differ")
        let dOutput = Tensor.normal(reference.output.shape, using: &rng)
        let fastGradient = fastMaxPool2dBackward(dOutput: dOutput, inputShape: shape, routes: fast.routes)
        let referenceGradient = maxPool2dBackward(dOutput: dOutput, inputShape: shape, routes: reference.routes)
        #expect(fastGradient == referenceGradient, "\(label): dInput differs")
    }

    /// ReLU bit for bit, with zeros of both signs, NaN and infinities in the input and the gradient.
    @Test func reluMatchesReferenceBitForBit() {
        var rng = SeededGenerator(seed: 77)
        var input = Tensor.normal([3, 2, 5, 7], using: &rng)
        var dOutput = Tensor.normal(input.shape, using: &rng)
        let specials: [Float] = [0, -0.0, .nan, .infinity, -.infinity]
        for (index, value) in specials.enumerated() {
            input.scalars[index * 7] = value
            dOutput.scalars[index * 11] = value
        }
        func same(_ one: Tensor, _ two: Tensor) -> Bool {
            one.shape == two.shape && zip(one.scalars, two.scalars).allSatisfy { $0.bitPattern == $1.bitPattern }
        }
        #expect(same(fastReluForward(input), activationForward(input, .relu)))
        #expect(same(fastReluBackward(dOutput: dOutput, input: input), activationBackward(dOutput: dOutput, input: input, .relu)))
    }

    @Test func engineSwitchReadsItsValue() {
        #expect(EngineImplementation.named(nil) == .fast)
        #expect(EngineImplementation.named("fast") == .fast)
        #expect(EngineImplementation.named("reference") == .reference)
        #expect(EngineImplementation.named(" Reference ") == .reference)
        #expect(EngineImplementation.named("referenc") == .fast)
        #expect(EngineImplementation.environmentVariable == "CONVLAB_ENGINE")
    }
}
