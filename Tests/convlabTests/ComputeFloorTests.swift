import ConvEngine
import ConvFiles
import Foundation
import Testing
@testable import convlab

/// `convlab compute conv|pool --floor`: PyTorch's rounding down for a geometry that does not
/// tile, checked against sums worked by hand; without the flag the error names it.
@Suite struct ComputeFloorTests {
    /// A 1×1×7×7 input whose pixel (r, c) is 7r + c, written to a fresh folder.
    static func folderWithInput() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("convlab-floor-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let input = Tensor(shape: [1, 1, 7, 7], scalars: (0..<49).map(Float.init))
        try NumpyArray.write(input, to: folder.appendingPathComponent("input.npy"))
        try NumpyArray.write(Tensor(shape: [1, 1, 3, 3], repeating: 1), to: folder.appendingPathComponent("weight.npy"))
        return folder
    }

    @Test("a 3×3 conv at stride 3 on 7×7 is refused naming --floor; with it the output is ⌊4/3⌋ + 1 = 2 and row and column 6 are never read")
    func convFloor() throws {
        let folder = try Self.folderWithInput()
        defer { try? FileManager.default.removeItem(at: folder) }
        func path(_ name: String) -> String { folder.appendingPathComponent(name).path }
        let arguments = ["--input", path("input.npy"), "--weight", path("weight.npy"), "--stride", "3", "--output", path("out.npy")]
        #expect {
            try ComputeCommand.Conv.parse(arguments).run()
        } throws: { error in
            "\(error)".hasSuffix("; add --floor to round down as PyTorch does") && "\(error)".contains("2.33")
        }
        #expect(!FileManager.default.fileExists(atPath: path("out.npy")))
        try ComputeCommand.Conv.parse(arguments + ["--floor"]).run()
        let output = try NumpyArray.read(from: URL(fileURLWithPath: path("out.npy")))
        #expect(output.shape == [1, 1, 2, 2])
        // Window (i, j) sums rows 3i…3i+2 and columns 3j…3j+2 of 7r + c: 9·(7·(3i+1) + 3j+1).
        var expected: [Float] = []
        for i in 0..<2 {
            for j in 0..<2 {
                let centre: Int = 7 * (3 * i + 1) + 3 * j + 1
                expected.append(Float(9 * centre))
            }
        }
        #expect(output.scalars == expected)
    }

    @Test("2×2 max pooling on 7×7 is refused naming --floor; with it the pooled map is 3×3 and the last row and column are dropped")
    func poolFloor() throws {
        let folder = try Self.folderWithInput()
        defer { try? FileManager.default.removeItem(at: folder) }
        func path(_ name: String) -> String { folder.appendingPathComponent(name).path }
        let arguments = ["--kind", "max", "--size", "2", "--input", path("input.npy"), "--output", path("pooled.npy")]
        #expect {
            try ComputeCommand.Pool.parse(arguments).run()
        } throws: { error in
            "\(error)".hasSuffix("; add --floor to round down as PyTorch does")
        }
        try ComputeCommand.Pool.parse(arguments + ["--floor"]).run()
        let pooled = try NumpyArray.read(from: URL(fileURLWithPath: path("pooled.npy")))
        #expect(pooled.shape == [1, 1, 3, 3])
        // Each window's maximum is its bottom-right pixel, 7(2i + 1) + 2j + 1; row and column 6 are never read.
        var expected: [Float] = []
        for i in 0..<3 {
            for j in 0..<3 {
                let bottomRight: Int = 7 * (2 * i + 1) + 2 * j + 1
                expected.append(Float(bottomRight))
            }
        }
        #expect(pooled.scalars == expected)
    }

    @Test("the note on what floor drops is the engine's, as convlab arch prints it")
    func droppedNote() {
        let geometry = Conv2DConfig(stride: 3, convention: .floor).geometry(inputHeight: 7, inputWidth: 7, kernelHeight: 3, kernelWidth: 3)
        #expect(DroppedPositions(geometry).note == "floor: drops input row 6 and input column 6")
    }
}
