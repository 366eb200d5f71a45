import ConvEngine
import Testing
import TestSupport

/// A 1×1×H×W image holding the ramp x[r][c] = width·r + c + start, so hand sums stay simple.
private func rampImage(height: Int, width: Int, start: Float = 0) -> Tensor {
    Tensor(shape: [1, 1, height, width], scalars: (0..<(height * width)).map { Float($0) + start })
}

@Suite struct Conv2DForwardTests {
    /// x[r][c] = 7r + c with a 3×3 kernel of ones: each output is the sum of the window, which
    /// on a ramp is 9 × its centre, out[i][j] = 9·x[i + 1][j + 1] = 9·(7i + j + 8); (7 − 3)/1 + 1 = 5.
    @Test func sevenBySevenWithThreeByThreeGivesFiveByFive() {
        let weight = Tensor(shape: [1, 1, 3, 3], repeating: 1)
        let output = conv2dForward(input: rampImage(height: 7, width: 7), weight: weight, bias: nil, config: Conv2DConfig())
        #expect(output.shape == [1, 1, 5, 5])
        #expect(output.scalars == [
            72, 81, 90, 99, 108,
            135, 144, 153, 162, 171,
            198, 207, 216, 225, 234,
            261, 270, 279, 288, 297,
            324, 333, 342, 351, 360,
        ])
    }

    /// Stride 2 keeps every other window of the case above: (7 − 3)/2 + 1 = 3, centres at
    /// rows and columns 1, 3, 5, so out[i][j] = 9·(7·(2i + 1) + 2j + 1).
    @Test func strideTwoGivesThreeByThree() {
        let weight = Tensor(shape: [1, 1, 3, 3], repeating: 1)
        let output = conv2dForward(
            input: rampImage(height: 7, width: 7), weight: weight, bias: nil, config: Conv2DConfig(stride: 2))
        #expect(output.shape == [1, 1, 3, 3])
        #expect(output.scalars == [72, 90, 108, 198, 216, 234, 324, 342, 360])
    }

    /// Padding 1 keeps 7×7 ((7 − 3 + 2)/1 + 1 = 7). On an image of ones with a kernel of ones
    /// each output counts the real pixels under its window: 4 at a corner (2×2 inside),
    /// 6 along an edge (2×3), 9 inside.
    @Test func paddingOneKeepsSevenBySeven() {
        let input = Tensor(shape: [1, 1, 7, 7], repeating: 1)
        let weight = Tensor(shape: [1, 1, 3, 3], repeating: 1)
        let output = conv2dForward(input: input, weight: weight, bias: nil, config: Conv2DConfig(padding: 1))
        #expect(output.shape == [1, 1, 7, 7])
        let edgeRow: [Float] = [4, 6, 6, 6, 6, 6, 4]
        let innerRow: [Float] = [6, 9, 9, 9, 9, 9, 6]
        #expect(output.scalars == edgeRow + Array([[Float]](repeating: innerRow, count: 5).joined()) + edgeRow)
    }

    /// Input 1…9 in a 3×3 grid, kernel [[1, 2], [3, 4]].
    /// Cross-correlation, top-left window [[1, 2], [4, 5]]: 1·1 + 2·2 + 4·3 + 5·4 = 37; then
    /// 2 + 6 + 15 + 24 = 47, 4 + 10 + 21 + 32 = 67, 5 + 12 + 24 + 36 = 77.
    /// True convolution slides the rotated kernel [[4, 3], [2, 1]]: 1·4 + 2·3 + 4·2 + 5·1 = 23;
    /// then 8 + 9 + 10 + 6 = 33, 16 + 15 + 14 + 8 = 53, 20 + 18 + 16 + 9 = 63.
    @Test func flippedRotatesAnAsymmetricKernel() {
        let input = rampImage(height: 3, width: 3, start: 1)
        let weight = Tensor(shape: [1, 1, 2, 2], scalars: [1, 2, 3, 4])
        let correlation = conv2dForward(input: input, weight: weight, bias: nil, config: Conv2DConfig())
        let convolution = conv2dForward(input: input, weight: weight, bias: nil, config: Conv2DConfig(flipped: true))
        #expect(correlation.scalars == [37, 47, 67, 77])
        #expect(convolution.scalars == [23, 33, 53, 63])
    }

    /// Flipping is exactly a 180° rotation of every kernel, under any stride, padding and dilation.
    @Test func flippedEqualsUnflippedWithRotatedKernel() {
        var rng = SeededGenerator(seed: 11)
        let input = Tensor.uniform([2, 2, 7, 6], low: -1, high: 1, using: &rng)
        let weight = Tensor.uniform([3, 2, 3, 2], low: -1, high: 1, using: &rng)
        let bias = Tensor.uniform([3], low: -1, high: 1, using: &rng)
        var rotated = weight
        for k in 0..<3 { for c in 0..<2 { for i in 0..<3 { for j in 0..<2 {
            rotated[k, c, i, j] = weight[k, c, 2 - i, 1 - j]
        } } } }
        let config = Conv2DConfig(strideHeight: 2, strideWidth: 1, paddingHeight: 1, paddingWidth: 2, dilationHeight: 1, dilationWidth: 2)
        var flippedConfig = config
        flippedConfig.flipped = true
        let flipped = conv2dForward(input: input, weight: weight, bias: bias, config: flippedConfig)
        let plain = conv2dForward(input: input, weight: rotated, bias: bias, config: config)
        #expect(flipped.maxAbsDifference(plain) == 0, "max difference \(flipped.maxAbsDifference(plain))")
    }

    /// Each output channel sums over the input channels (depth) and adds its bias.
    /// Input: channel 0 all 1s, channel 1 all 2s (3×3). Output channel 0 uses kernels of 1s and
    /// 10s: 4·1·1 + 4·2·10 = 84, plus bias 0.5 = 84.5. Output channel 1 uses 1s and −1s:
    /// 4·1 − 4·2 = −4, plus bias −1 = −5.
    @Test func multiChannelSumsOverDepthAndAddsBias() {
        let input = Tensor(shape: [1, 2, 3, 3], scalars: Array(repeating: 1, count: 9) + Array(repeating: 2, count: 9))
        let weight = Tensor(
            shape: [2, 2, 2, 2],
            scalars: [1, 1, 1, 1, 10, 10, 10, 10, 1, 1, 1, 1, -1, -1, -1, -1])
        let bias = Tensor(shape: [2], scalars: [0.5, -1])
        let output = conv2dForward(input: input, weight: weight, bias: bias, config: Conv2DConfig())
        #expect(output.shape == [1, 2, 2, 2])
        #expect(output.scalars == [84.5, 84.5, 84.5, 84.5, -5, -5, -5, -5])
    }

    /// Dilation 2 spreads a 2×2 kernel of ones over a 3×3 span: on the 5×5 ramp 5r + c,
    /// out[i][j] = x[i][j] + x[i][j + 2] + x[i + 2][j] + x[i + 2][j + 2] = 4·(5i + j + 6);
    /// (5 − 3)/1 + 1 = 3.
    @Test func dilationSpreadsTheTaps() {
        let weight = Tensor(shape: [1, 1, 2, 2], repeating: 1)
        let output = conv2dForward(
            input: rampImage(height: 5, width: 5), weight: weight, bias: nil, config: Conv2DConfig(dilation: 2))
        #expect(output.shape == [1, 1, 3, 3])
        #expect(output.scalars == [24, 28, 32, 44, 48, 52, 64, 68, 72])
    }

    /// A 2×1 kernel [[1], [2]] on the 3×4 ramp 4r + c reaches down, not across:
    /// out[i][j] = x[i][j] + 2·x[i + 1][j] = 12i + 3j + 8, giving 2×4.
    @Test func rectangularKernelKeepsItsOrientation() {
        let weight = Tensor(shape: [1, 1, 2, 1], scalars: [1, 2])
        let output = conv2dForward(input: rampImage(height: 3, width: 4), weight: weight, bias: nil, config: Conv2DConfig())
        #expect(output.shape == [1, 1, 2, 4])
        #expect(output.scalars == [8, 11, 14, 17, 20, 23, 26, 29])
    }

    /// The dispatching entry points must agree with the reference loops on random shapes.
    @Test func dispatchAgreesWithReference() {
        var rng = SeededGenerator(seed: 5)
        for trial in 0..<6 {
            let config = Conv2DConfig(stride: 1 + trial % 2, padding: trial % 3, dilation: 1 + trial / 3, flipped: trial % 2 == 0)
            let (kernelHeight, kernelWidth) = (1 + trial % 3, 2 + trial % 2)
            let height = tilingInputSize(kernelSize: kernelHeight, stride: config.strideHeight, padding: config.paddingHeight, dilation: config.dilationHeight, minimum: 5)
            let width = tilingInputSize(kernelSize: kernelWidth, stride: config.strideWidth, padding: config.paddingWidth, dilation: config.dilationWidth, minimum: 6)
            let input = Tensor.uniform([2, 2, height, width], low: -1, high: 1, using: &rng)
            let weight = Tensor.uniform([3, 2, kernelHeight, kernelWidth], low: -1, high: 1, using: &rng)
            let bias = Tensor.uniform([3], low: -1, high: 1, using: &rng)
            let output = conv2dForward(input: input, weight: weight, bias: bias, config: config)
            let reference = referenceConv2dForward(input: input, weight: weight, bias: bias, config: config)
            #expect(output.maxAbsDifference(reference) <= 1e-5, "trial \(trial): max difference \(output.maxAbsDifference(reference))")
            let upstream = Tensor.uniform(output.shape, low: -1, high: 1, using: &rng)
            let fast = conv2dBackward(dOutput: upstream, input: input, weight: weight, hasBias: true, config: config)
            let slow = referenceConv2dBackward(dOutput: upstream, input: input, weight: weight, hasBias: true, config: config)
            #expect(fast.dInput.maxAbsDifference(slow.dInput) <= 1e-5)
            #expect(fast.dWeight.maxAbsDifference(slow.dWeight) <= 1e-5)
            #expect(fast.dBias!.maxAbsDifference(slow.dBias!) <= 1e-5)
        }
    }

    @Test func outputSizeComesFromGeometry() {
        let config = Conv2DConfig(strideHeight: 2, strideWidth: 3, paddingHeight: 1, paddingWidth: 0, dilationHeight: 2, dilationWidth: 1)
        let geometry = config.geometry(inputHeight: 9, inputWidth: 8, kernelHeight: 3, kernelWidth: 2)
        // Height: (9 + 2 − 2·2 − 1)/2 + 1 = 4. Width: (8 − 2)/3 + 1 = 3.
        #expect(geometry.outputSize == (4, 3))
        let output = conv2dForward(
            input: Tensor.zeros([1, 1, 9, 8]), weight: Tensor.zeros([2, 1, 3, 2]), bias: nil, config: config)
        #expect(output.shape == [1, 2, 4, 3])
    }

    @Test func invalidGeometryIsAPreconditionFailure() async {
        await #expect(processExitsWith: .failure) {
            // (7 − 3)/3 + 1 = 2.33 does not tile.
            _ = conv2dForward(
                input: Tensor.zeros([1, 1, 7, 7]), weight: Tensor.zeros([1, 1, 3, 3]), bias: nil, config: Conv2DConfig(stride: 3))
        }
    }

    @Test func channelMismatchIsAPreconditionFailure() async {
        await #expect(processExitsWith: .failure) {
            _ = conv2dForward(
                input: Tensor.zeros([1, 2, 5, 5]), weight: Tensor.zeros([1, 3, 3, 3]), bias: nil, config: Conv2DConfig())
        }
    }
}
