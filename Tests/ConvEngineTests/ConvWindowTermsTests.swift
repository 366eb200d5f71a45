import ConvEngine
import Testing
import TestSupport

@Suite struct ConvWindowTermsTests {
    /// Input 1…9 in a 3×3 grid, kernel [[1, 2], [3, 4]], padding 1, bias 0.5.
    /// Cell (0, 0): the window starts at input (−1, −1), so three taps read padding and only
    /// tap (1, 1) reads x[0][0] = 1. Cross-correlation multiplies it by w[1][1] = 4: 4 + 0.5 = 4.5.
    /// Cell (1, 1): the window starts at (0, 0) and reads 1 2 / 4 5:
    /// 1·1 + 2·2 + 4·3 + 5·4 = 37, + 0.5 = 37.5.
    @Test func handWorkedCrossCorrelationWithPadding() {
        let input = Tensor(shape: [1, 1, 3, 3], scalars: [1, 2, 3, 4, 5, 6, 7, 8, 9])
        let weight = Tensor(shape: [1, 1, 2, 2], scalars: [1, 2, 3, 4])
        let bias = Tensor(shape: [1], scalars: [0.5])
        let config = Conv2DConfig(padding: 1)

        let corner = conv2dWindowTerms(input: input, weight: weight, bias: bias, config: config,
                                       batch: 0, filter: 0, outputRow: 0, outputColumn: 0)
        #expect(corner.terms.map(\.isPadding) == [true, true, true, false])
        #expect(corner.terms.map(\.inputRow) == [-1, -1, 0, 0])
        #expect(corner.terms.map(\.inputColumn) == [-1, 0, -1, 0])
        #expect(corner.terms.map(\.inputValue) == [0, 0, 0, 1])
        #expect(corner.terms.map(\.weightValue) == [1, 2, 3, 4])
        #expect(corner.terms.map(\.product) == [0, 0, 0, 4])
        #expect(corner.sum == 4)
        #expect(corner.bias == 0.5)
        #expect(corner.total == 4.5)

        let inside = conv2dWindowTerms(input: input, weight: weight, bias: bias, config: config,
                                       batch: 0, filter: 0, outputRow: 1, outputColumn: 1)
        #expect(inside.terms.map(\.inputValue) == [1, 2, 4, 5])
        #expect(inside.terms.map(\.product) == [1, 4, 12, 20])
        #expect(inside.terms.allSatisfy { !$0.isPadding })
        #expect(inside.sum == 37)
        #expect(inside.total == 37.5)
    }

    /// The same cell (1, 1) with the kernel flipped: tap (i, j) uses w[1 − i][1 − j], so the
    /// window 1 2 / 4 5 meets 4 3 / 2 1: 4 + 6 + 8 + 5 = 23, + 0.5 = 23.5.
    @Test func handWorkedTrueConvolutionUsesTheRotatedWeight() {
        let input = Tensor(shape: [1, 1, 3, 3], scalars: [1, 2, 3, 4, 5, 6, 7, 8, 9])
        let weight = Tensor(shape: [1, 1, 2, 2], scalars: [1, 2, 3, 4])
        let bias = Tensor(shape: [1], scalars: [0.5])
        let terms = conv2dWindowTerms(input: input, weight: weight, bias: bias, config: Conv2DConfig(padding: 1, flipped: true),
                                      batch: 0, filter: 0, outputRow: 1, outputColumn: 1)
        #expect(terms.terms.map(\.weightValue) == [4, 3, 2, 1])
        #expect(terms.terms.map(\.kernelRow) == [1, 1, 0, 0])
        #expect(terms.terms.map(\.kernelColumn) == [1, 0, 1, 0])
        #expect(terms.sum == 23)
        #expect(terms.total == 23.5)
    }

    /// Two channels, no bias: channel 0 holds ones, channel 1 twos; a 2×2 kernel of ones on
    /// channel 0 and of threes on channel 1. Each channel sum is 4·1·1 = 4 and 4·2·3 = 24; the
    /// sum over depth is 28.
    @Test func channelSumsAddUpOverDepth() {
        let input = Tensor(shape: [1, 2, 2, 2], scalars: [1, 1, 1, 1, 2, 2, 2, 2])
        let weight = Tensor(shape: [1, 2, 2, 2], scalars: [1, 1, 1, 1, 3, 3, 3, 3])
        let terms = conv2dWindowTerms(input: input, weight: weight, bias: nil, config: Conv2DConfig(),
                                      batch: 0, filter: 0, outputRow: 0, outputColumn: 0)
        #expect(terms.inputChannels == 2)
        #expect(terms.terms(channel: 1).map(\.product) == [6, 6, 6, 6])
        #expect(terms.sum(channel: 0) == 4)
        #expect(terms.sum(channel: 1) == 24)
        #expect(terms.sum == 28)
        #expect(terms.bias == 0)
        #expect(terms.total == 28)
    }

    /// Every cell's total equals `conv2dForward` and `referenceConv2dForward` at that cell over
    /// strides 1–3, paddings 0–2, dilations 1–2, both kernel orientations, two batch items,
    /// three input channels and four filters.
    @Test(arguments: [false, true])
    func everyCellMatchesTheConvolution(flipped: Bool) {
        var rng = SeededGenerator(seed: flipped ? 71 : 70)
        var worst: Float = 0
        var cells = 0
        for stride in 1...3 {
            for padding in 0...2 {
                for dilation in 1...2 {
                    let kernelHeight = 3, kernelWidth = 2
                    let height = tilingInputSize(kernelSize: kernelHeight, stride: stride, padding: padding, dilation: dilation, minimum: 5)
                    let width = tilingInputSize(kernelSize: kernelWidth, stride: stride, padding: padding, dilation: dilation, minimum: 4)
                    let input = Tensor.uniform([2, 3, height, width], low: -1, high: 1, using: &rng)
                    let weight = Tensor.uniform([4, 3, kernelHeight, kernelWidth], low: -1, high: 1, using: &rng)
                    let bias = Tensor.uniform([4], low: -1, high: 1, using: &rng)
                    let config = Conv2DConfig(stride: stride, padding: padding, dilation: dilation, flipped: flipped)
                    let output = conv2dForward(input: input, weight: weight, bias: bias, config: config)
                    let reference = referenceConv2dForward(input: input, weight: weight, bias: bias, config: config)
                    let (_, filters, outputHeight, outputWidth) = output.nchw
                    for n in 0..<2 {
                        for k in 0..<filters {
                            for row in 0..<outputHeight {
                                for column in 0..<outputWidth {
                                    let terms = conv2dWindowTerms(input: input, weight: weight, bias: bias, config: config,
                                                                  batch: n, filter: k, outputRow: row, outputColumn: column)
                                    worst = max(worst, abs(terms.total - output[n, k, row, column]))
                                    // Same order of additions as the reference loop: identical bits.
                                    #expect(terms.total == reference[n, k, row, column])
                                    #expect(terms.terms.count == 3 * kernelHeight * kernelWidth)
                                    #expect(terms.terms.filter(\.isPadding).allSatisfy { $0.product == 0 && $0.inputValue == 0 })
                                    cells += 1
                                }
                            }
                        }
                    }
                }
            }
        }
        #expect(cells > 1000)
        #expect(worst <= 1e-5, "max difference from conv2dForward \(worst) over \(cells) cells")
    }
}
