import Testing
@testable import ConvEngine

// Layout: NCHW.

/// The training 2×2 max pool that keeps one tap byte per output (FastMaxPoolTaps.swift,
/// CConvKernels/MaxPoolTaps.c) against the reference pool, bit for bit, in every kernel build.
@Suite struct MaxPoolTapsTests {
    private static let config = Pool2DConfig(kernelSize: 2, stride: 2, convention: .floor)

    /// Same bits, NaNs included (the winner is an input value, so even its payload matches).
    private static func same(_ one: Tensor, _ two: Tensor) -> Bool {
        one.shape == two.shape && zip(one.scalars, two.scalars).allSatisfy { $0.bitPattern == $1.bitPattern }
    }

    /// A random input with ties (values rounded to halves), zeros of both signs and, in most
    /// cases, NaNs, sometimes two in one window. Widths 2 to 41 give output rows of 1 to 20:
    /// whole 8-lane vectors, tails of every length, and an odd last column; odd heights leave
    /// a last row in no window.
    private static func input(seed: Int) -> Tensor {
        var rng = SeededGenerator(seed: 4400 + UInt64(seed))
        let shape = [1 + rng.nextInt(below: 3), 1 + rng.nextInt(below: 4), 2 + rng.nextInt(below: 11), 2 + rng.nextInt(below: 40)]
        var input = Tensor.normal(shape, using: &rng).map { ($0 * 2).rounded() / 2 }
        for _ in 0..<(input.count / 6) { input.scalars[rng.nextInt(below: input.count)] = rng.nextInt(below: 2) == 0 ? 0 : -0.0 }
        if seed % 4 != 0 {
            for _ in 0..<(1 + rng.nextInt(below: 4)) { input.scalars[rng.nextInt(below: input.count)] = .nan }
            let width = shape[3]
            input.scalars[1] = .nan            // window (0, 0) holds two NaNs: the first wins
            input.scalars[width] = -.nan
        }
        return input
    }

    /// Taps back to the reference's flat routes: tap 2·i + j of output (r, q) in plane p is
    /// input p·H·W + (2r + i)·W + 2q + j.
    private static func routes(taps: [UInt8], inputShape: [Int], outputShape: [Int]) -> [Int] {
        let (height, width) = (inputShape[2], inputShape[3])
        let (outputHeight, outputWidth) = (outputShape[2], outputShape[3])
        return taps.enumerated().map { index, tap in
            let plane = index / (outputHeight * outputWidth)
            let (row, column) = ((index / outputWidth) % outputHeight, index % outputWidth)
            return plane * height * width + (2 * row + Int(tap) / 2) * width + 2 * column + Int(tap) % 2
        }
    }

    @Test(arguments: 0..<40)
    func matchesReference(seed: Int) {
        let input = Self.input(seed: seed)
        let label = "pool of \(Tensor.describe(input.shape))"
        let reference = maxPool2dForward(input: input, config: Self.config)
        var rng = SeededGenerator(seed: 9100 + UInt64(seed))
        var dOutput = Tensor.normal(reference.output.shape, using: &rng)
        if dOutput.count > 2 { dOutput.scalars[0] = -0.0; dOutput.scalars[2] = .nan }
        let referenceGradient = maxPool2dBackward(dOutput: dOutput, inputShape: input.shape, routes: reference.routes)
        for build in GemmMicroKernel.availableBuilds {
            var (output, taps, dInput): ([Float], [UInt8], [Float]) = ([], [], [])
            let pooled = fastMaxPool2x2Forward(input: input, config: Self.config, reusing: &output, taps: &taps, build: build)
            #expect(Self.same(pooled, reference.output), "\(build) \(label): outputs differ")
            #expect(Self.routes(taps: taps, inputShape: input.shape, outputShape: pooled.shape) == reference.routes,
                    "\(build) \(label): winners differ")
            let gradient = fastMaxPool2x2Backward(dOutput: dOutput, taps: taps, poolOutput: nil, inputShape: input.shape,
                                                  reusing: &dInput, build: build)
            #expect(Self.same(gradient, referenceGradient), "\(build) \(label): dInput differs by \(gradient.maxAbsDifference(referenceGradient))")
        }
    }

    /// Through the ReLU before the pool (its slope read from the pool's output): the
    /// reference's pool backward then ReLU backward on the ReLU's input, bit for bit.
    @Test(arguments: 0..<20)
    func reluBackwardMatchesTwoPasses(seed: Int) {
        let reluInput = Self.input(seed: 100 + seed)
        let reluOutput = activationForward(reluInput, .relu)
        let reference = maxPool2dForward(input: reluOutput, config: Self.config)
        var rng = SeededGenerator(seed: 9300 + UInt64(seed))
        var dOutput = Tensor.normal(reference.output.shape, using: &rng)
        for index in stride(from: 0, to: dOutput.count, by: 5) { dOutput.scalars[index] = index % 2 == 0 ? -0.0 : .nan }
        let expected = activationBackward(
            dOutput: maxPool2dBackward(dOutput: dOutput, inputShape: reluInput.shape, routes: reference.routes),
            input: reluInput, .relu)
        for build in GemmMicroKernel.availableBuilds {
            var (output, taps, dInput): ([Float], [UInt8], [Float]) = ([], [], [])
            let pooled = fastMaxPool2x2Forward(input: reluOutput, config: Self.config, reusing: &output, taps: &taps, build: build)
            let fused = fastMaxPool2x2Backward(dOutput: dOutput, taps: taps, poolOutput: pooled, inputShape: reluInput.shape,
                                               reusing: &dInput, build: build)
            #expect(Self.same(fused, expected), "\(build) \(Tensor.describe(reluInput.shape)): max difference \(fused.maxAbsDifference(expected))")
        }
    }

    /// A hand-worked plane: 4×5 (the last column in no window), windows with a tie, a NaN and
    /// −0 against +0.
    ///
    ///     1  3  3  0  9      window (0,0): 1 3 / 2 0 → 3 at tap 1 (top right)
    ///     2  0  3  1  9      window (0,1): 3 0 / 3 1 → 3 at tap 0 (the first of the tie)
    ///    -0  0  5  N  9      window (1,0): −0 0 / 0 −0 → −0 at tap 0 (0 > −0 is false)
    ///     0 -0  7  4  9      window (1,1): 5 N / 7 4 → NaN at tap 1
    @Test func handWorkedPlane() {
        let nan = Float.nan
        let input = Tensor(shape: [1, 1, 4, 5], scalars: [1, 3, 3, 0, 9, 2, 0, 3, 1, 9, -0.0, 0, 5, nan, 9, 0, -0.0, 7, 4, 9])
        let dOutput = Tensor(shape: [1, 1, 2, 2], scalars: [10, 20, 30, 40])
        for build in GemmMicroKernel.availableBuilds {
            var (output, taps, dInput): ([Float], [UInt8], [Float]) = ([], [], [])
            let pooled = fastMaxPool2x2Forward(input: input, config: Self.config, reusing: &output, taps: &taps, build: build)
            #expect(taps == [1, 0, 0, 1], "\(build)")
            #expect(pooled.scalars[0] == 3 && pooled.scalars[1] == 3 && pooled.scalars[3].isNaN, "\(build)")
            #expect(pooled.scalars[2].bitPattern == (-0.0 as Float).bitPattern, "\(build)")
            let gradient = fastMaxPool2x2Backward(dOutput: dOutput, taps: taps, poolOutput: nil, inputShape: input.shape,
                                                  reusing: &dInput, build: build)
            #expect(gradient.scalars == [0, 10, 20, 0, 0, 0, 0, 0, 0, 0, 30, 0, 0, 40, 0, 0, 0, 0, 0, 0], "\(build)")
        }
    }

    /// The layer's fused pool + ReLU backward on the fast engine: a step after the first
    /// writes into the array of the step before, and gives the two passes' bits.
    @Test func layerReusesItsGradientArray() {
        guard EngineImplementation.current == .fast else { return }
        var pool = MaxPool2D(config: Pool2DConfig(kernelSize: 2))
        var rng = SeededGenerator(seed: 19)
        var addresses: Set<Int> = []
        for _ in 0..<3 {
            let reluInput = Tensor.normal([2, 3, 6, 10], using: &rng)
            let reluOutput = fastReluForward(reluInput)
            let output = pool.forward(reluOutput)
            let dOutput = Tensor.normal(output.shape, using: &rng)
            let gradient = pool.backwardThroughRelu(dOutput, reluInput: reluOutput)
            let routes = maxPool2dForward(input: reluOutput, config: pool.config).routes
            let expected = activationBackward(
                dOutput: maxPool2dBackward(dOutput: dOutput, inputShape: reluInput.shape, routes: routes), input: reluInput, .relu)
            #expect(Self.same(gradient, expected))
            addresses.insert(gradient.scalars.withUnsafeBufferPointer { Int(bitPattern: $0.baseAddress) })
            pool.releaseCaches()
        }
        #expect(addresses.count == 1, "the pool + ReLU gradient moved: \(addresses)")
    }
}
