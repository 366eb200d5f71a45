import ConvEngine
import ConvFiles
import Foundation
import Testing
@testable import convlab

/// `convlab compute` end to end against PyTorch: each reference case (written by
/// Tests/ConvEngineTests/Fixtures/make_reference.py with torch's conv2d, max_pool2d, avg_pool2d
/// and autograd) is split into .npy files, run through the command exactly as a user would
/// type it, and the files it writes are compared with torch's answers (relative error < 1e-4).
@Suite struct ComputeCommandReferenceTests {
    static let referenceFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("ConvEngineTests/Fixtures/reference")

    static func cases(_ prefix: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: referenceFolder.path)) ?? []
        return names.filter { $0.hasPrefix(prefix) && $0.hasSuffix(".npz") }.sorted()
    }

    /// A fresh folder holding each array of the case as NAME.npy.
    static func unpack(_ name: String) throws -> (folder: URL, arrays: [String: Tensor]) {
        let arrays = try NumpyArchive.read(from: referenceFolder.appendingPathComponent(name))
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("convlab-compute-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (key, tensor) in arrays { try NumpyArray.write(tensor, to: folder.appendingPathComponent("\(key).npy")) }
        return (folder, arrays)
    }

    static func expectClose(_ file: URL, _ expected: Tensor?, _ what: String) throws {
        let expected = try #require(expected, "\(what): no reference")
        let actual = try NumpyArray.read(from: file)
        #expect(actual.shape == expected.shape, "\(what): shape \(actual.shape) vs \(expected.shape)")
        guard actual.shape == expected.shape else { return }
        let scale = max(1, expected.scalars.map(abs).max() ?? 0)
        let relative = actual.maxAbsDifference(expected) / scale
        #expect(relative < 1e-4, "\(what): relative difference \(relative)")
    }

    @Test(arguments: cases("conv_"))
    func convMatchesTorch(name: String) throws {
        let (folder, arrays) = try Self.unpack(name)
        defer { try? FileManager.default.removeItem(at: folder) }
        let config = try #require(arrays["config"]).scalars.map { Int($0) }
        func path(_ key: String) -> String { folder.appendingPathComponent("\(key).npy").path }
        var arguments = [
            "--input", path("input"), "--weight", path("weight"),
            "--stride", "\(config[0])x\(config[1])", "--padding", "\(config[2])x\(config[3])",
            "--dilation", "\(config[4])x\(config[5])",
            "--output", path("result"), "--grad-output", path("grad_output"),
        ]
        if arrays["bias"] != nil { arguments += ["--bias", path("bias")] }
        if config[6] != 0 { arguments.append("--flip") }
        try ComputeCommand.Conv.parse(arguments).run()
        try Self.expectClose(URL(fileURLWithPath: path("result")), arrays["output"], "\(name) output")
        try Self.expectClose(URL(fileURLWithPath: path("result.grad_input")), arrays["grad_input"], "\(name) dInput")
        try Self.expectClose(URL(fileURLWithPath: path("result.grad_weight")), arrays["grad_weight"], "\(name) dWeight")
        if arrays["bias"] != nil {
            try Self.expectClose(URL(fileURLWithPath: path("result.grad_bias")), arrays["grad_bias"], "\(name) dBias")
        }
    }

    @Test(arguments: cases("maxpool_") + cases("avgpool_"))
    func poolMatchesTorch(name: String) throws {
        let (folder, arrays) = try Self.unpack(name)
        defer { try? FileManager.default.removeItem(at: folder) }
        let config = try #require(arrays["config"]).scalars.map { Int($0) }
        func path(_ key: String) -> String { folder.appendingPathComponent("\(key).npy").path }
        try ComputeCommand.Pool.parse([
            "--kind", config[0] == 0 ? "max" : "avg", "--size", "\(config[1])", "--stride", "\(config[2])",
            "--padding", "\(config[3])", "--input", path("input"), "--output", path("result"),
            "--grad-output", path("grad_output"),
        ]).run()
        try Self.expectClose(URL(fileURLWithPath: path("result")), arrays["output"], "\(name) output")
        try Self.expectClose(URL(fileURLWithPath: path("result.grad_input")), arrays["grad_input"], "\(name) dInput")
    }

    @Test func everyCaseIsFound() {
        #expect(Self.cases("conv_").count >= 12 && Self.cases("maxpool_").count >= 3 && Self.cases("avgpool_").count >= 3)
    }
}
