import ConvEngine
import Testing
import TestSupport

/// One convolution configuration for the finite-difference grid.
struct ConvGradientCase: Sendable, CustomTestStringConvertible {
    var config: Conv2DConfig
    var kernelHeight: Int
    var kernelWidth: Int
    var inputChannels: Int
    var outputChannels: Int
    var hasBias: Bool
    /// Seeds the case's random input, weight, bias and upstream gradient.
    var seed: UInt64

    var testDescription: String {
        "kernel \(kernelHeight)×\(kernelWidth), stride \(config.strideHeight)×\(config.strideWidth), "
            + "padding \(config.paddingHeight)×\(config.paddingWidth), dilation \(config.dilationHeight)×\(config.dilationWidth), "
            + "channels \(inputChannels)→\(outputChannels), bias \(hasBias), flipped \(config.flipped)"
    }

    /// Every stride 1–3 × padding 0–2 × dilation 1–2 with kernels 3×3, 2×3 and 3×1; channel
    /// counts (1–3 in, 1–3 out), bias and flipping cycle with the case number so each value of
    /// each meets many geometries. Two more cases differ on every per-axis setting.
    static let grid: [ConvGradientCase] = {
        var cases: [ConvGradientCase] = []
        let kernels = [(3, 3), (2, 3), (3, 1)]
        for stride in 1...3 {
            for padding in 0...2 {
                for dilation in 1...2 {
                    for (kernelHeight, kernelWidth) in kernels {
                        let index = cases.count
                        cases.append(ConvGradientCase(
                            config: Conv2DConfig(stride: stride, padding: padding, dilation: dilation, flipped: (index / 2) % 2 == 1),
                            kernelHeight: kernelHeight, kernelWidth: kernelWidth,
                            inputChannels: 1 + index % 3, outputChannels: 1 + (index / 3) % 3, hasBias: index % 2 == 0,
                            seed: UInt64(100 + index)))
                    }
                }
            }
        }
        cases.append(ConvGradientCase(
            config: Conv2DConfig(strideHeight: 1, strideWidth: 2, paddingHeight: 0, paddingWidth: 1, dilationHeight: 2, dilationWidth: 1, flipped: true),
            kernelHeight: 2, kernelWidth: 3, inputChannels: 2, outputChannels: 3, hasBias: true, seed: 90))
        cases.append(ConvGradientCase(
            config: Conv2DConfig(strideHeight: 3, strideWidth: 1, paddingHeight: 2, paddingWidth: 0, dilationHeight: 1, dilationWidth: 2),
            kernelHeight: 3, kernelWidth: 1, inputChannels: 3, outputChannels: 2, hasBias: false, seed: 91))
        return cases
    }()
}

@Suite struct Conv2DGradientTests {
    /// For loss L = Σ conv(x, w, b) ⊙ G with a random G, backward fed dOutput = G must match
    /// the central differences of L with respect to the input, the weight and the bias.
    @Test(arguments: ConvGradientCase.grid)
    func backwardMatchesFiniteDifferences(_ testCase: ConvGradientCase) {
        let config = testCase.config
        let height = tilingInputSize(
            kernelSize: testCase.kernelHeight, stride: config.strideHeight, padding: config.paddingHeight,
            dilation: config.dilationHeight, minimum: 4)
        let width = tilingInputSize(
            kernelSize: testCase.kernelWidth, stride: config.strideWidth, padding: config.paddingWidth,
            dilation: config.dilationWidth, minimum: 5)
        var rng = SeededGenerator(seed: testCase.seed)
        let input = Tensor.uniform([2, testCase.inputChannels, height, width], low: -1, high: 1, using: &rng)
        let weight = Tensor.uniform(
            [testCase.outputChannels, testCase.inputChannels, testCase.kernelHeight, testCase.kernelWidth],
            low: -1, high: 1, using: &rng)
        let bias = testCase.hasBias ? Tensor.uniform([testCase.outputChannels], low: -1, high: 1, using: &rng) : nil
        let output = conv2dForward(input: input, weight: weight, bias: bias, config: config)
        let upstream = Tensor.uniform(output.shape, low: -1, high: 1, using: &rng)
        let gradients = conv2dBackward(dOutput: upstream, input: input, weight: weight, hasBias: testCase.hasBias, config: config)

        expectGradientMatches("conv2d dInput, \(testCase.testDescription)", analytic: gradients.dInput, at: input) { probe in
            weightedSum(conv2dForward(input: probe, weight: weight, bias: bias, config: config), upstream: upstream)
        }
        expectGradientMatches("conv2d dWeight, \(testCase.testDescription)", analytic: gradients.dWeight, at: weight) { probe in
            weightedSum(conv2dForward(input: input, weight: probe, bias: bias, config: config), upstream: upstream)
        }
        if let bias {
            guard let dBias = gradients.dBias else {
                Issue.record("hasBias is true but dBias is nil")
                return
            }
            expectGradientMatches("conv2d dBias, \(testCase.testDescription)", analytic: dBias, at: bias) { probe in
                weightedSum(conv2dForward(input: input, weight: weight, bias: probe, config: config), upstream: upstream)
            }
        } else {
            #expect(gradients.dBias == nil)
        }
    }

    /// The checker itself must notice a wrong gradient, or the grid above proves nothing.
    @Test func gradientCheckCatchesAWrongGradient() {
        var rng = SeededGenerator(seed: 3)
        let input = Tensor.uniform([1, 1, 4, 4], low: -1, high: 1, using: &rng)
        let weight = Tensor.uniform([1, 1, 2, 2], low: -1, high: 1, using: &rng)
        let config = Conv2DConfig(flipped: true)
        let upstream = Tensor.uniform([1, 1, 3, 3], low: -1, high: 1, using: &rng)
        // The unflipped gradient is the wrong answer for the flipped convolution.
        let wrong = conv2dBackward(dOutput: upstream, input: input, weight: weight, hasBias: false, config: Conv2DConfig())
        let check = checkGradient("wrong dWeight", analytic: wrong.dWeight, at: weight) { probe in
            weightedSum(conv2dForward(input: input, weight: probe, bias: nil, config: config), upstream: upstream)
        }
        #expect(!check.passed, "\(check)")
        #expect(check.maxAbsoluteDifference > 0.01)
        #expect(check.description.contains("max |difference|"))
    }
}
