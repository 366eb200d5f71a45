import Foundation
import Testing
import TerminalUI

/// Golden text files: a rendered screen compared with a committed snapshot, line by line.
///
/// Snapshots live in `__Snapshots__/<test file name>/<name>.txt` beside the test file, one
/// line per buffer row with trailing spaces removed, so a diff of a snapshot reads like the
/// screen. When a change to a screen is intended, regenerate every snapshot with
///
///     CONVLAB_RECORD_SNAPSHOTS=1 swift test --filter GoldenScreenTests
///
/// which writes the files (and passes); review them with `git diff` and commit them.
///
/// A small helper rather than swift-snapshot-testing: these snapshots are plain lines that
/// `Buffer` already produces, and that package would add swift-syntax to every clean build of
/// the tests on a machine whose two cores are shared.
public enum TextSnapshot {
    /// The environment variable that switches comparing to recording.
    public static let recordVariable = "CONVLAB_RECORD_SNAPSHOTS"
    /// The command that regenerates the snapshots, quoted in failure messages.
    public static let recordCommand = "CONVLAB_RECORD_SNAPSHOTS=1 swift test --filter GoldenScreenTests"

    public static var isRecording: Bool {
        ProcessInfo.processInfo.environment[recordVariable].map { !$0.isEmpty && $0 != "0" } ?? false
    }

    /// The snapshot file for `name` of the tests in `filePath`.
    public static func url(named name: String, filePath: String) -> URL {
        let testFile = URL(fileURLWithPath: filePath)
        return testFile.deletingLastPathComponent()
            .appendingPathComponent("__Snapshots__")
            .appendingPathComponent(testFile.deletingPathExtension().lastPathComponent)
            .appendingPathComponent(name + ".txt")
    }

    /// Expects `buffer`'s trimmed lines to equal the snapshot `name`; records it instead when
    /// `CONVLAB_RECORD_SNAPSHOTS` is set.
    public static func expect(
        _ buffer: Buffer, named name: String, filePath: String = #filePath,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        expect(lines: buffer.trimmedLines, named: name, filePath: filePath, sourceLocation: sourceLocation)
    }

    /// Expects `lines` to equal the snapshot `name`, or records them.
    public static func expect(
        lines: [String], named name: String, filePath: String = #filePath,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let url = url(named: name, filePath: filePath)
        let text = lines.joined(separator: "\n") + "\n"
        if isRecording {
            do {
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(text.utf8).write(to: url, options: .atomic)
            } catch {
                Issue.record("could not record snapshot \(url.lastPathComponent): \(error)", sourceLocation: sourceLocation)
            }
            return
        }
        guard let data = FileManager.default.contents(atPath: url.path), let stored = String(data: data, encoding: .utf8) else {
            Issue.record("no snapshot \(name).txt yet; record it with \(recordCommand)", sourceLocation: sourceLocation)
            return
        }
        var expected = stored.components(separatedBy: "\n")
        if expected.last == "" { expected.removeLast() }
        if let difference = linesDifference(actual: lines, expected: expected) {
            Issue.record("snapshot \(name) differs; if the change is intended, run \(recordCommand)\n\(difference)",
                         sourceLocation: sourceLocation)
        }
    }
}
