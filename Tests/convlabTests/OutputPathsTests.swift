import ConvEngine
import Foundation
import Testing
@testable import convlab

/// Outputs are checked before any work: a run that starts can save what it made.
@Suite struct OutputPathsTests {
    /// A fresh empty folder, removed by the caller.
    static func folder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("convlab-outputs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    static func refusal(_ outputs: [(option: String, path: String)]) -> String? {
        do {
            try OutputPaths.check(outputs)
            return nil
        } catch {
            return "\(error)"
        }
    }

    @Test func aWritableNewFileIsAcceptedAndNothingIsLeftBehind() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let target = folder.appendingPathComponent("m.npz").path
        #expect(Self.refusal([("--save", target)]) == nil)
        // The write check leaves no probe file and creates no target.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
        // An existing regular file may be replaced.
        FileManager.default.createFile(atPath: target, contents: Data([1]))
        #expect(Self.refusal([("--save", target)]) == nil)
    }

    @Test func aMissingFolderADirectoryAndALinkAreRefused() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let missing = folder.appendingPathComponent("no-such-folder/m.npz").path
        #expect(Self.refusal([("--save", missing)]) == "--save \(missing): cannot write there: the folder \(folder.path)/no-such-folder does not exist; nothing was computed")
        #expect(Self.refusal([("--save", folder.path)])?.hasSuffix("cannot write there: it is a folder, not a regular file; refusing to replace it; nothing was computed") == true)
        let link = folder.appendingPathComponent("link.npz").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "elsewhere.npz")
        #expect(Self.refusal([("--output", link)])?.contains("it is a symbolic link, not a regular file; refusing to replace it") == true)
        let file = folder.appendingPathComponent("file").path
        FileManager.default.createFile(atPath: file, contents: Data())
        #expect(Self.refusal([("--save", file + "/m.npz")])?.contains("\(file) is not a folder") == true)
        #expect(Self.refusal([("--export-logits", "")]) == "--export-logits : cannot write there: the path is empty; nothing was computed")
    }

    @Test func twoOutputsNamingOneFileAreRefused() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("x.npz").path
        let same = folder.appendingPathComponent("./sub/../x.npz").path
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("sub"), withIntermediateDirectories: true)
        #expect(Self.refusal([("--save", path), ("--export-logits", same)])
            == "--save and --export-logits both name \(same); the second write would replace the first: give them different files")
        #expect(Self.refusal([("--save", path), ("--export-logits", folder.appendingPathComponent("y.npz").path)]) == nil)
    }

    /// `compute` checks --output (and its gradient files) before reading any input: here the
    /// input does not exist either, and the output's folder is what the message names.
    @Test func computeChecksItsOutputBeforeReadingAnything() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("missing/y.npy").path
        let command = try ComputeCommand.Conv.parse(["--input", "no-such-input.npy", "--weight", "w.npy", "--output", output])
        let error = try #require(throws: CommandError.self) { try command.run() }
        #expect("\(error)".hasPrefix("--output \(output): cannot write there"), "\(error)")
        let withGradients = try ComputeCommand.Conv.parse([
            "--input", "x.npy", "--weight", "w.npy", "--bias", "b.npy", "--output", "y.npy", "--grad-output", "g.npy",
        ])
        #expect(withGradients.outputs.map(\.path) == ["y.npy", "y.grad_input.npy", "y.grad_weight.npy", "y.grad_bias.npy"])
    }

    /// `train` refuses a bad --save before building the network or the data, so nothing is
    /// trained and then lost.
    @Test func trainChecksItsOutputsFirst() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let same = folder.appendingPathComponent("x.npz").path
        let command = try TrainCommand.parse(["--save", same, "--export-logits", same, "--epochs", "1"])
        let error = try #require(throws: CommandError.self) { try command.run() }
        #expect("\(error)".hasPrefix("--save and --export-logits both name"), "\(error)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty, "no file was written")
    }
}
