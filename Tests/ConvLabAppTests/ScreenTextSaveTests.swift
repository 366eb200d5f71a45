import Foundation
import Testing
import TerminalUI
import TestSupport
@testable import ConvLabApp

/// Ctrl-P writes whatever screen is shown as a text file, on every screen.
@Suite struct ScreenTextSaveTests {
    @Test func ctrlPWritesTheShownScreenAndNeverOverwrites() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("convlab-ctrl-p-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var app = try App.demo(DemoRequest(name: "pool"), context: AppContext(colorCapability: .none, saveFolder: folder.path))
        let shown = app.frame().trimmedLines
        let handled = app.update(event: .key(.control("p")))
        #expect(handled)
        let first = try String(contentsOf: folder.appendingPathComponent("pool-1.txt"), encoding: .utf8)
        #expect(first.split(separator: "\n", omittingEmptySubsequences: false).prefix(22).map(String.init) == Array(shown.prefix(22)))
        let status = app.frame().trimmedLines[23]
        // Its pictures are written too (PictureSavingAppTests checks them).
        #expect(status.hasPrefix(" saved pool-1.txt, -activations.pgm, -pooled.pgm in \(folder.path.prefix(10))"))
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("pool-1-pooled.pgm").path))
        let handledAgain = app.update(event: .key(.control("p")))
        #expect(handledAgain)
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("pool-2.txt").path))
        #expect(app.appKeyBindings.contains { $0.keys == "ctrl-p" })
    }

    @Test func ctrlPNamesAFailureInTheStatusLine() throws {
        var app = try App.demo(DemoRequest(name: "conv"), context: AppContext(colorCapability: .none, saveFolder: "/nonexistent-convlab-folder"))
        let handled = app.update(event: .key(.control("p")))
        #expect(handled)
        let status = app.frame().trimmedLines[23]
        #expect(status.contains("nonexistent-convlab-folder"))
    }
}
