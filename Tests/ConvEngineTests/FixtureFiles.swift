import Foundation
import ConvEngine
import ConvFiles

/// Files under `Fixtures/`, found next to this source file: the test target declares no
/// resources, so the fixtures are located from `#filePath` rather than a bundle.
enum FixtureFiles {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// `Fixtures/<relativePath>`, e.g. `npy/float32_2x3.npy`.
    static func url(_ relativePath: String) -> URL { folder.appendingPathComponent(relativePath) }

    /// The bytes of `Fixtures/<relativePath>`.
    static func data(_ relativePath: String) throws -> Data { try Data(contentsOf: url(relativePath)) }

    /// A fresh empty folder for files a test writes; the caller removes it.
    static func makeScratchFolder() throws -> URL {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("convlab-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        return scratch
    }
}

/// The message of the `ArrayFileError` that `body` throws, or nil if it succeeds; tests compare
/// it with the exact line a user would see.
func arrayFileErrorMessage<Result>(_ body: () throws(ArrayFileError) -> Result) -> String? {
    do {
        _ = try body()
        return nil
    } catch {
        return error.description
    }
}
