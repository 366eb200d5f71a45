import ConvEngine
import Testing
import TestSupport

@Suite struct MaxPoolTests {
    /// The four 2×2 windows of
    ///
    ///     1 3 | 2 1
    ///     4 2 | 0 1
    ///     ----+----
    ///     5 6 | 1 2
    ///     7 8 | 3 4
    ///
    /// have maxima 4 (row 1, col 0 → flat 4), 2 (row 0, col 2 → 2), 8 (row 3, col 1 → 13) and
    /// 4 (row 3, col 3 → 15). In channel 1 of a two-channel input the routes move by 16.
    @Test func fourByFourPoolTwoGivesTwoByTwoWithRoutes() {
        let image: [Float] = [1, 3, 2, 1, 4, 2, 0, 1, 5, 6, 1, 2, 7, 8, 3, 4]
        let single = maxPool2dForward(input: Tensor(shape: [1, 1, 4, 4], scalars: image), config: Pool2DConfig(kernelSize: 2))
        #expect(single.output.shape == [1, 1, 2, 2])
        #expect(single.output.scalars == [4, 2, 8, 4])
        #expect(single.routes == [4, 2, 13, 15])

        let twoChannels = Tensor(shape: [1, 2, 4, 4], scalars: image.map { -$0 } + image)
        let pooled = maxPool2dForward(input: twoChannels, config: Pool2DConfig(kernelSize: 2))
        // Channel 0 holds the negatives, so its maxima are the window minima: −1, 0, −5, −1.
        #expect(pooled.output.scalars == [-1, 0, -5, -1, 4, 2, 8, 4])
        #expect(pooled.routes == [0, 6, 8, 10, 20, 18, 29, 31])
    }

    /// On equal values the first maximum in row-major window order wins, as in PyTorch.
    @Test func tiesGoToTheFirstMaximum() {
        let config = Pool2DConfig(kernelSize: 2)
        #expect(maxPool2dForward(input: Tensor(shape: [1, 1, 2, 2], scalars: [5, 5, 5, 5]), config: config).routes == [0])
        #expect(maxPool2dForward(input: Tensor(shape: [1, 1, 2, 2], scalars: [1, 7, 7, 7]), config: config).routes == [1])
        #expect(maxPool2dForward(input: Tensor(shape: [1, 1, 2, 2], scalars: [1, 2, 7, 7]), config: config).routes == [2])
    }

    /// Padding is −∞, so an all-negative input keeps its own maxima. Input −1 … −9 (3×3),
    /// kernel 3, stride 2, padding 1: (3 − 3 + 2)/2 + 1 = 2 and the windows cover rows and
    /// columns {0, 1} and {1, 2}, with maxima −1, −2, −4, −5. Zero padding would give 0s.
    @Test func paddingNeverWins() {
        let input = Tensor(shape: [1, 1, 3, 3], scalars: (1...9).map { -Float($0) })
        let pooled = maxPool2dForward(input: input, config: Pool2DConfig(kernelSize: 3, stride: 2, padding: 1))
        #expect(pooled.output.scalars == [-1, -2, -4, -5])
        #expect(pooled.routes == [0, 1, 3, 4])
    }

    /// Backward sends each gradient down its route; a value that wins two overlapping windows
    /// (the 5 in [1, 5, 2] under a 1×2 window with stride 1) collects both gradients.
    @Test func backwardFollowsRoutes() {
        let image: [Float] = [1, 3, 2, 1, 4, 2, 0, 1, 5, 6, 1, 2, 7, 8, 3, 4]
        let pooled = maxPool2dForward(input: Tensor(shape: [1, 1, 4, 4], scalars: image), config: Pool2DConfig(kernelSize: 2))
        let dInput = maxPool2dBackward(dOutput: Tensor(shape: [1, 1, 2, 2], scalars: [1, 2, 3, 4]), inputShape: [1, 1, 4, 4], routes: pooled.routes)
        #expect(dInput.scalars == [0, 0, 2, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 3, 0, 4])

        let overlapping = Pool2DConfig(kernelHeight: 1, kernelWidth: 2, strideHeight: 1, strideWidth: 1)
        let row = maxPool2dForward(input: Tensor(shape: [1, 1, 1, 3], scalars: [1, 5, 2]), config: overlapping)
        #expect(row.output.scalars == [5, 5])
        let dRow = maxPool2dBackward(dOutput: Tensor(shape: [1, 1, 1, 2], scalars: [0.5, 2]), inputShape: [1, 1, 1, 3], routes: row.routes)
        #expect(dRow.scalars == [0, 2.5, 0])
    }

    @Test func outputSizeComesFromGeometry() {
        // Height: (6 − 3 + 2)/1 + 1 = 6. Width, kernel 1 and stride 2: (7 − 1 + 0)/2 + 1 = 4.
        let config = Pool2DConfig(kernelHeight: 3, kernelWidth: 1, strideHeight: 1, strideWidth: 2, paddingHeight: 1, paddingWidth: 0)
        #expect(config.geometry(inputHeight: 6, inputWidth: 7).outputSize == (6, 4))
        #expect(maxPool2dForward(input: Tensor.zeros([2, 3, 6, 7]), config: config).output.shape == [2, 3, 6, 4])
        #expect(avgPool2dForward(input: Tensor.zeros([2, 3, 6, 7]), config: config).shape == [2, 3, 6, 4])
    }

    @Test func nonTilingGeometryIsAPreconditionFailure() async {
        await #expect(processExitsWith: .failure) {
            // (5 − 2)/2 + 1 = 2.5 does not tile.
            _ = maxPool2dForward(input: Tensor.zeros([1, 1, 5, 5]), config: Pool2DConfig(kernelSize: 2))
        }
    }
}

@Suite struct AvgPoolTests {
    /// The 2×2 windows of the 4×4 ramp 0 … 15 average to (0 + 1 + 4 + 5)/4 = 2.5,
    /// (2 + 3 + 6 + 7)/4 = 4.5, (8 + 9 + 12 + 13)/4 = 10.5 and (10 + 11 + 14 + 15)/4 = 12.5.
    @Test func fourByFourPoolTwoAverages() {
        let input = Tensor(shape: [1, 1, 4, 4], scalars: (0..<16).map(Float.init))
        let output = avgPool2dForward(input: input, config: Pool2DConfig(kernelSize: 2))
        #expect(output.shape == [1, 1, 2, 2])
        #expect(output.scalars == [2.5, 4.5, 10.5, 12.5])
    }

    /// Padded zeros count in the divisor: a 2×2 image of ones with kernel 2, stride 2,
    /// padding 1 has four windows, each holding one real 1 and three zeros: 1/4.
    @Test func paddingCountsInTheDivisor() {
        let output = avgPool2dForward(input: Tensor(shape: [1, 1, 2, 2], repeating: 1), config: Pool2DConfig(kernelSize: 2, padding: 1))
        #expect(output.shape == [1, 1, 2, 2])
        #expect(output.scalars == [0.25, 0.25, 0.25, 0.25])
    }

    /// With a 2×2 kernel at stride 1 over 3×3, a corner lies in 1 window, an edge in 2 and the
    /// centre in 4; each window passes back 1/4 of its gradient of 1.
    @Test func backwardSharesEachGradientOverItsWindow() {
        let dInput = avgPool2dBackward(
            dOutput: Tensor(shape: [1, 1, 2, 2], repeating: 1), inputShape: [1, 1, 3, 3], config: Pool2DConfig(kernelSize: 2, stride: 1))
        #expect(dInput.scalars == [0.25, 0.5, 0.25, 0.5, 1, 0.5, 0.25, 0.5, 0.25])
    }
}

/// One pooling configuration for the finite-difference grid.
struct PoolGradientCase: Sendable, CustomTestStringConvertible {
    var config: Pool2DConfig
    var channels: Int
    var seed: UInt64

    var testDescription: String {
        "kernel \(config.kernelHeight)×\(config.kernelWidth), stride \(config.strideHeight)×\(config.strideWidth), "
            + "padding \(config.paddingHeight)×\(config.paddingWidth), channels \(channels)"
    }

    /// Kernels 2×2, 3×3, 2×3 and 3×1 × stride 1–3 × padding 0–1 (kept below the kernel on each
    /// axis), 1–3 channels cycling with the case number.
    static let grid: [PoolGradientCase] = {
        var cases: [PoolGradientCase] = []
        for (kernelHeight, kernelWidth) in [(2, 2), (3, 3), (2, 3), (3, 1)] {
            for stride in 1...3 {
                for padding in 0...1 {
                    let config = Pool2DConfig(
                        kernelHeight: kernelHeight, kernelWidth: kernelWidth, strideHeight: stride, strideWidth: stride,
                        paddingHeight: min(padding, kernelHeight - 1), paddingWidth: min(padding, kernelWidth - 1))
                    cases.append(PoolGradientCase(config: config, channels: 1 + cases.count % 3, seed: UInt64(200 + cases.count)))
                }
            }
        }
        return cases
    }()

    /// A batch-2 input shape over which the window tiles.
    var inputShape: [Int] {
        let height = tilingInputSize(kernelSize: config.kernelHeight, stride: config.strideHeight, padding: config.paddingHeight, minimum: 4)
        let width = tilingInputSize(kernelSize: config.kernelWidth, stride: config.strideWidth, padding: config.paddingWidth, minimum: 5)
        return [2, channels, height, width]
    }
}

@Suite struct PoolingGradientTests {
    /// The input holds distinct values 0.1 apart in shuffled order, so a ±0.01 nudge never
    /// changes which value wins a window and the loss is linear near the point.
    @Test(arguments: PoolGradientCase.grid)
    func maxPoolBackwardMatchesFiniteDifferences(_ testCase: PoolGradientCase) {
        var rng = SeededGenerator(seed: testCase.seed)
        let shape = testCase.inputShape
        let count = shape.reduce(1, *)
        let values = (0..<count).map { Float($0) * 0.1 - Float(count) * 0.05 }.shuffled(using: &rng)
        let input = Tensor(shape: shape, scalars: values)
        let forward = maxPool2dForward(input: input, config: testCase.config)
        let upstream = Tensor.uniform(forward.output.shape, low: -1, high: 1, using: &rng)
        let dInput = maxPool2dBackward(dOutput: upstream, inputShape: shape, routes: forward.routes)
        expectGradientMatches("max pool dInput, \(testCase.testDescription)", analytic: dInput, at: input) { probe in
            weightedSum(maxPool2dForward(input: probe, config: testCase.config).output, upstream: upstream)
        }
    }

    @Test(arguments: PoolGradientCase.grid)
    func avgPoolBackwardMatchesFiniteDifferences(_ testCase: PoolGradientCase) {
        var rng = SeededGenerator(seed: testCase.seed)
        let input = Tensor.uniform(testCase.inputShape, low: -1, high: 1, using: &rng)
        let output = avgPool2dForward(input: input, config: testCase.config)
        let upstream = Tensor.uniform(output.shape, low: -1, high: 1, using: &rng)
        let dInput = avgPool2dBackward(dOutput: upstream, inputShape: input.shape, config: testCase.config)
        expectGradientMatches("average pool dInput, \(testCase.testDescription)", analytic: dInput, at: input) { probe in
            weightedSum(avgPool2dForward(input: probe, config: testCase.config), upstream: upstream)
        }
    }
}
