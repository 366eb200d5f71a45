import Testing
@testable import ConvEngine

@Suite struct LayerSpecTests {
    @Test func convShapeFollowsTheFormula() throws {
        // (28 − 5 + 2·2)/1 + 1 = 28; (32 − 3 + 2·1)/2 + 1 = 16.5 fails, 31 works.
        #expect(try LayerSpec.conv(outputChannels: 6, kernelSize: 5, padding: 2).outputShape(for: [1, 28, 28]) == [6, 28, 28])
        #expect(try LayerSpec.conv(outputChannels: 4, kernelSize: 3, stride: 2, padding: 1).outputShape(for: [3, 31, 31]) == [4, 16, 16])
        #expect(try LayerSpec.conv(outputChannels: 2, kernelSize: 3, dilation: 2).outputShape(for: [1, 7, 7]) == [2, 3, 3])
    }

    @Test func rectangularKernelPerAxis() throws {
        let spec = LayerSpec.conv(Conv2DSpec(outputChannels: 3, kernelHeight: 3, kernelWidth: 5, strideHeight: 1, strideWidth: 2))
        // height (8 − 3)/1 + 1 = 6, width (11 − 5)/2 + 1 = 4
        #expect(try spec.outputShape(for: [2, 8, 11]) == [3, 6, 4])
        #expect(spec.parameterCount(for: [2, 8, 11]) == (3 * 5 * 2 + 1) * 3)
    }

    @Test func samePaddingKeepsTheSize() throws {
        let spec = LayerSpec.conv(Conv2DSpec(outputChannels: 4, kernelHeight: 3, kernelWidth: 5, padding: .same))
        #expect(try spec.outputShape(for: [1, 9, 9]) == [4, 9, 9])
        guard case let .conv(conv) = spec else { return }
        #expect(try conv.resolvedPadding() == (1, 2))
    }

    @Test func samePaddingRefusesStrideAndEvenKernels() {
        let strided = Conv2DSpec(outputChannels: 1, kernelHeight: 3, kernelWidth: 3, strideHeight: 2, strideWidth: 2, padding: .same)
        #expect(throws: LayerShapeError.Problem.samePaddingNeedsStrideOne(strideHeight: 2, strideWidth: 2)) { try strided.resolvedPadding() }
        let even = Conv2DSpec(outputChannels: 1, kernelHeight: 4, kernelWidth: 3, padding: .same)
        #expect(throws: LayerShapeError.Problem.samePaddingNeedsOddKernel(axis: "height", effectiveKernelSize: 4)) { try even.resolvedPadding() }
    }

    @Test func poolingKeepsChannels() throws {
        #expect(try LayerSpec.maxPool(kernelSize: 2).outputShape(for: [6, 28, 28]) == [6, 14, 14])
        #expect(try LayerSpec.avgPool(kernelSize: 3, stride: 2, padding: 1).outputShape(for: [4, 7, 7]) == [4, 4, 4])
        #expect(LayerSpec.maxPool(kernelSize: 2).parameterCount(for: [6, 28, 28]) == 0)
    }

    @Test func elementwiseAndFlatten() throws {
        for layer in [LayerSpec.relu, .leakyRelu(slope: 0.2), .sigmoid, .tanh] {
            #expect(try layer.outputShape(for: [3, 5, 5]) == [3, 5, 5])
            #expect(try layer.outputShape(for: [7]) == [7])
        }
        #expect(try LayerSpec.flatten.outputShape(for: [16, 5, 5]) == [400])
        #expect(try LayerSpec.flatten.outputShape(for: [400]) == [400])
    }

    @Test func parameterCounts() {
        #expect(LayerSpec.conv(outputChannels: 64, kernelSize: 3, padding: 1).parameterCount(for: [3, 224, 224]) == 1_792)
        #expect(LayerSpec.conv(outputChannels: 64, kernelSize: 3, bias: false).parameterCount(for: [3, 224, 224]) == 1_728)
        #expect(LayerSpec.linear(outputFeatures: 120).parameterCount(for: [400]) == 48_120)
        #expect(LayerSpec.linear(outputFeatures: 10, bias: false).parameterCount(for: [84]) == 840)
        #expect(LayerSpec.relu.parameterCount(for: [84]) == 0)
    }

    @Test func nonTilingGeometryIsAnErrorNamingTheLayer() {
        let layer = LayerSpec.conv(outputChannels: 2, kernelSize: 3, stride: 3)
        do {
            _ = try layer.outputShape(for: [1, 7, 7])
            Issue.record("7, 3, stride 3 must not tile")
        } catch {
            #expect(error.layerText == "conv 2 3x3 stride 3")
            #expect(error.inputShape == [1, 7, 7])
            guard case let .geometry(geometry) = error.problem else {
                Issue.record("expected a geometry problem, got \(error.problem)")
                return
            }
            #expect(geometry.axis == "height")
            #expect(error.description.hasPrefix("layer conv 2 3x3 stride 3 on input 1×7×7 (C×H×W): height: (7 − 3 + 2·0)/3 + 1 = 2.33"))
        }
    }

    @Test func linearNeedsFlattenFirst() {
        #expect(throws: LayerShapeError(
            layerIndex: nil, layerText: "linear 10", inputShape: [16, 5, 5], problem: .needsFlatFeatures)) {
            try LayerSpec.linear(outputFeatures: 10).outputShape(for: [16, 5, 5])
        }
        #expect(throws: LayerShapeError(
            layerIndex: nil, layerText: "maxpool 2", inputShape: [400], problem: .needsFeatureMap)) {
            try LayerSpec.maxPool(kernelSize: 2).outputShape(for: [400])
        }
    }

    @Test func architectureErrorsCarryTheIndex() throws {
        let spec = try ArchitectureSpec(parsing: "input 28x28x1 | conv 6 5x5 | relu | linear 10")
        do {
            _ = try spec.outputShapes()
            Issue.record("linear after an unflattened map must fail")
        } catch {
            #expect(error.layerIndex == 2)
            #expect(error.description
                == "layer 2 (linear 10) on input 6×24×24 (C×H×W): needs flat features, but its input is a 6×24×24 feature map; add flatten before it")
        }
        let tooSmall = try ArchitectureSpec(parsing: "input 4x4x6 | conv 16 5x5")
        #expect(throws: LayerShapeError.self) { try tooSmall.summary() }
        do { _ = try tooSmall.outputShapes() } catch {
            #expect(error.description == "layer 0 (conv 16 5x5) on input 6×4×4 (C×H×W): height: kernel 5 is larger than the padded input 4 + 2·0 = 4")
        }
    }

    @Test func poolPaddingAboveHalfTheWindowFails() {
        #expect(throws: LayerShapeError.self) { try LayerSpec.maxPool(kernelSize: 2, padding: 2).outputShape(for: [1, 8, 8]) }
    }

    @Test func canonicalTextOmitsDefaults() {
        #expect(LayerSpec.conv(outputChannels: 8, kernelSize: 3, padding: 1).description == "conv 8 3x3 pad 1")
        #expect(LayerSpec.conv(Conv2DSpec(
            outputChannels: 4, kernelHeight: 3, kernelWidth: 5, strideHeight: 2, strideWidth: 1,
            padding: .explicit(height: 1, width: 2), dilationHeight: 2, dilationWidth: 2, bias: false)).description
            == "conv 4 3x5 stride 2x1 pad 1x2 dilation 2 nobias")
        #expect(LayerSpec.maxPool(kernelSize: 2).description == "maxpool 2")
        #expect(LayerSpec.avgPool(kernelSize: 3, stride: 2, padding: 1).description == "avgpool 3 stride 2 pad 1")
        #expect(LayerSpec.leakyRelu(slope: 0.01).description == "leakyrelu")
        #expect(LayerSpec.leakyRelu(slope: 0.2).description == "leakyrelu 0.2")
        #expect(LayerSpec.linear(outputFeatures: 10, bias: false).description == "linear 10 nobias")
    }
}
