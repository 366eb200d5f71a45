import Testing
@testable import ConvEngine

/// Hostile numbers in specs and shapes: each becomes a parse error at its column or a
/// `LayerShapeError` naming the layer, never a trap.
@Suite struct ArchitectureLimitTests {
    private func parseFailure(_ text: String) -> String? {
        do {
            _ = try ArchitectureSpec(parsing: text)
            return nil
        } catch {
            return error.description
        }
    }

    private func shapeFailure(_ spec: ArchitectureSpec) -> LayerShapeError? {
        do {
            _ = try spec.summary()
            return nil
        } catch {
            return error
        }
    }

    @Test func hugeNumbersInSpecsAreParseErrorsAtTheirColumn() {
        #expect(parseFailure("input 28x28x1 | conv 9223372036854775807 1")
            == #"column 22: expected a number of output channels like 8, from 1 to 65536, found "9223372036854775807""#)
        #expect(parseFailure("input 3037000500x3037000500x1 | flatten")
            == #"column 7: expected an input shape with height and width from 1 to 16384 and 1 to 65536 channels, found "3037000500x3037000500x1""#)
        #expect(parseFailure("input 28x28x1 | maxpool 2 pad 9223372036854775807")
            == #"column 31: expected a padding like 1 or 1x0, each from 0 to 16384, found "9223372036854775807""#)
        #expect(parseFailure("input 28x28x1 | conv 8 3x3 pad 4611686018427387904")
            == #"column 32: expected a padding like 1, 1x2 or same, each from 0 to 16384, found "4611686018427387904""#)
        #expect(parseFailure("input 784 | linear 9223372036854775807")
            == #"column 20: expected a number of output features like 10, from 1 to 268435456, found "9223372036854775807""#)
        // Too long for an Int at all: still a number out of range, not a trap or a misread word.
        #expect(parseFailure("input 28x28x1 | conv 8 99999999999999999999999x3")
            == #"column 24: expected a kernel size like 3x3, each from 1 to 16384, found "99999999999999999999999x3""#)
        #expect(parseFailure("input 268435457")
            == #"column 7: expected a feature count from 1 to 268435456, found "268435457""#)
        #expect(parseFailure("input 28x28x1 | conv -8 3")
            == #"column 22: expected a number of output channels like 8, from 1 to 65536, found "-8""#)
        #expect(parseFailure("input 28x28x1 | conv 8 3 stride 16385")
            == #"column 33: expected a stride like 2 or 2x1, each from 1 to 16384, found "16385""#)
        #expect(parseFailure("input 28x28x1 | conv 8 3 dilation -9223372036854775808")
            == #"column 35: expected a dilation like 2 or 2x1, each from 1 to 16384, found "-9223372036854775808""#)
    }

    @Test func atMostAThousandLayers() throws {
        let thousand = "input 8" + String(repeating: " | relu", count: Limits.layers)
        #expect(try ArchitectureSpec(parsing: thousand).layers.count == 1_000)
        let column = thousand.count + 4
        #expect(parseFailure(thousand + " | relu | relu")
            == "column \(column): expected the end of the text (a spec has at most 1000 layers), found \"relu\"")
    }

    @Test func shapesBuiltInCodeAreCheckedAgainstTheLimits() {
        let flatten = ArchitectureSpec(inputShape: [1, 3_037_000_500, 3_037_000_500], layers: [.flatten])
        #expect(shapeFailure(flatten)?.description
            == "layer 0 (flatten) on input 1×3037000500×3037000500 (C×H×W): input height must be at most 16384, got 3037000500")
        let wide = ArchitectureSpec(inputShape: [65_536, 16_384, 16_384], layers: [.flatten])
        #expect(shapeFailure(wide)?.description
            == "layer 0 (flatten) on input 65536×16384×16384 (C×H×W): flattened features must be at most 268435456, got 17592186044416")
        let conv = ArchitectureSpec(inputShape: [1, 28, 28], layers: [.conv(outputChannels: .max, kernelSize: 1)])
        #expect(shapeFailure(conv)?.description
            == "layer 0 (conv 9223372036854775807 1x1) on input 1×28×28 (C×H×W): output channels must be at most 65536, got 9223372036854775807")
        let padded = ArchitectureSpec(inputShape: [1, 28, 28], layers: [.conv(outputChannels: 8, kernelSize: 3, padding: 4_611_686_018_427_387_904)])
        #expect(shapeFailure(padded)?.description
            == "layer 0 (conv 8 3x3 pad 4611686018427387904) on input 1×28×28 (C×H×W): height: padding must be at most 16384, got 4611686018427387904")
        let pool = ArchitectureSpec(inputShape: [1, 28, 28], layers: [.maxPool(kernelSize: 2, padding: .max)])
        #expect(shapeFailure(pool)?.description
            == "layer 0 (maxpool 2 pad 9223372036854775807) on input 1×28×28 (C×H×W): padding 9223372036854775807 is more than half the window 2, so a window could read only padding")
        let linear = ArchitectureSpec(inputShape: [784], layers: [.linear(outputFeatures: .max)])
        #expect(shapeFailure(linear)?.description
            == "layer 0 (linear 9223372036854775807) on input 784: output features must be at most 268435456, got 9223372036854775807")
        let grown = ArchitectureSpec(inputShape: [1, 16_384, 16_384], layers: [.conv(outputChannels: 1, kernelSize: 1, padding: 1)])
        #expect(shapeFailure(grown)?.description
            == "layer 0 (conv 1 1x1 pad 1) on input 1×16384×16384 (C×H×W): output height must be at most 16384, got 16386")
    }

    @Test func parameterArithmeticIsChecked() {
        let conv = Conv2DSpec(outputChannels: .max, kernelSize: 1)
        #expect(conv.checkedParameterCount(inputChannels: 1) == nil)
        #expect(conv.checkedParameterCount(inputChannels: -1) == nil)
        #expect(Conv2DSpec(outputChannels: 64, kernelSize: 3).checkedParameterCount(inputChannels: 3) == 1_792)
        #expect(LayerSpec.linear(outputFeatures: 2).checkedParameterCount(for: [3_037_000_500, 3_037_000_500]) == nil)
        #expect(LayerSpec.linear(outputFeatures: 10).checkedParameterCount(for: [784]) == 7_850)
    }

    /// The largest conv within the limits has (16384·16384·65536 + 1)·65536 = 2^60 + 2^16
    /// parameters; eight of them pass Int.max, which the eighth layer reports.
    @Test func aNetworkTotalThatOverflowsNamesTheLayer() throws {
        let layers = (0..<8).map { index in "conv 65536 16384x16384 pad \(index % 2 == 0 ? 8_191 : 8_192)" }
        let spec = try ArchitectureSpec(parsing: "input 16384x16384x65536 | " + layers.joined(separator: " | "))
        let perLayer = (1 << 60) + (1 << 16)
        guard let error = shapeFailure(spec) else {
            Issue.record("the total must overflow")
            return
        }
        #expect(error.layerIndex == 7)
        #expect(error.problem == .totalParametersOverflow(totalBefore: 7 * perLayer, layerParameters: perLayer))
        #expect(error.description
            == "layer 7 (conv 65536 16384x16384 pad 8192) on input 65536×16383×16383 (C×H×W): the network's parameter total, 8070450532248387584 before this layer plus its 1152921504606912512, is more than 9223372036854775807, the most a count can hold")
        #expect(throws: LayerShapeError.self) { try spec.parameterCount() }
        // Seven of them fit, and the summary's total is their exact sum.
        let seven = ArchitectureSpec(inputShape: spec.inputShape, layers: Array(spec.layers.prefix(7)))
        #expect(try seven.summary().totalParameters == 7 * perLayer)
    }
}
