import Foundation
import Testing
import ConvEngine
@testable import ConvFiles

/// The engine against an independent implementation: PyTorch's `conv2d`, `max_pool2d` and
/// `avg_pool2d` and their autograd gradients, stored as `.npz` cases under
/// Fixtures/reference/ by Fixtures/make_reference.py (which documents every key). Each case is
/// read with ConvLab's own `.npz` reader, so this also exercises it on numpy-written archives.
///
/// Agreement is judged by relative error, max|engine − torch| / max(1, max|torch|) < 1e-4: the
/// stored answers are float64 results rounded to float32, and the engine accumulates in float32.
@Suite struct ReferenceAgreementTests {
    static let tolerance: Float = 1e-4

    static func caseNames(prefix: String) -> [String] {
        let folder = FixtureFiles.url("reference")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasPrefix(prefix) && $0.hasSuffix(".npz") }.sorted()
    }

    static func load(_ name: String) throws -> [String: Tensor] {
        try NumpyArchive.read(from: FixtureFiles.url("reference/\(name)"))
    }

    /// Records an issue naming the case, the quantity and the max difference when `actual` and
    /// `expected` disagree in shape or beyond the tolerance.
    static func expectAgreement(_ actual: Tensor?, _ expected: Tensor?, _ quantity: String, in name: String,
                                sourceLocation: SourceLocation = #_sourceLocation) {
        guard let actual, let expected else {
            #expect(actual == nil && expected == nil,
                    "\(name): \(quantity) present in only one of engine (\(actual != nil)) and reference (\(expected != nil))",
                    sourceLocation: sourceLocation)
            return
        }
        guard actual.shape == expected.shape else {
            Issue.record("\(name): \(quantity) has shape \(Tensor.describe(actual.shape)), reference \(Tensor.describe(expected.shape))",
                         sourceLocation: sourceLocation)
            return
        }
        let maxDifference = actual.maxAbsDifference(expected)
        let scale = max(1, expected.scalars.map(abs).max() ?? 0)
        let relativeError = maxDifference / scale
        #expect(relativeError < tolerance,
                "\(name): \(quantity) max difference \(maxDifference) (relative \(relativeError), scale \(scale))",
                sourceLocation: sourceLocation)
    }

    /// The stored `config` array as integers.
    static func integers(_ arrays: [String: Tensor], _ name: String) throws -> [Int] {
        try #require(arrays["config"], "\(name) has no config").scalars.map { Int($0) }
    }

    @Test func everyKindOfCaseIsPresent() {
        #expect(Self.caseNames(prefix: "conv_").count >= 12)
        #expect(Self.caseNames(prefix: "conv_flipped_").count >= 1)
        #expect(Self.caseNames(prefix: "maxpool_").count >= 3)
        #expect(Self.caseNames(prefix: "avgpool_").count >= 3)
    }

    @Test(arguments: caseNames(prefix: "conv_"))
    func convolutionAgreesWithTorch(name: String) throws {
        let arrays = try Self.load(name)
        let values = try Self.integers(arrays, name)
        try #require(values.count == 7, "\(name): config must hold 7 values, has \(values.count)")
        let config = Conv2DConfig(
            strideHeight: values[0], strideWidth: values[1], paddingHeight: values[2], paddingWidth: values[3],
            dilationHeight: values[4], dilationWidth: values[5], flipped: values[6] != 0)
        let input = try #require(arrays["input"])
        let weight = try #require(arrays["weight"])
        let bias = arrays["bias"]
        let dOutput = try #require(arrays["grad_output"])

        let output = conv2dForward(input: input, weight: weight, bias: bias, config: config)
        Self.expectAgreement(output, arrays["output"], "output", in: name)
        let gradients = conv2dBackward(dOutput: dOutput, input: input, weight: weight, hasBias: bias != nil, config: config)
        Self.expectAgreement(gradients.dInput, arrays["grad_input"], "dInput", in: name)
        Self.expectAgreement(gradients.dWeight, arrays["grad_weight"], "dWeight", in: name)
        Self.expectAgreement(gradients.dBias, arrays["grad_bias"], "dBias", in: name)
    }

    @Test(arguments: caseNames(prefix: "maxpool_") + caseNames(prefix: "avgpool_"))
    func poolingAgreesWithTorch(name: String) throws {
        let arrays = try Self.load(name)
        let values = try Self.integers(arrays, name)
        try #require(values.count == 4, "\(name): config must hold 4 values, has \(values.count)")
        let config = Pool2DConfig(kernelSize: values[1], stride: values[2], padding: values[3])
        let input = try #require(arrays["input"])
        let dOutput = try #require(arrays["grad_output"])

        switch values[0] {
        case 0:
            let (output, routes) = maxPool2dForward(input: input, config: config)
            Self.expectAgreement(output, arrays["output"], "output", in: name)
            let dInput = maxPool2dBackward(dOutput: dOutput, inputShape: input.shape, routes: routes)
            Self.expectAgreement(dInput, arrays["grad_input"], "dInput", in: name)
        case 1:
            let output = avgPool2dForward(input: input, config: config)
            Self.expectAgreement(output, arrays["output"], "output", in: name)
            let dInput = avgPool2dBackward(dOutput: dOutput, inputShape: input.shape, config: config)
            Self.expectAgreement(dInput, arrays["grad_input"], "dInput", in: name)
        default:
            Issue.record("\(name): pooling kind \(values[0]) is neither 0 (max) nor 1 (average)")
        }
    }
}
