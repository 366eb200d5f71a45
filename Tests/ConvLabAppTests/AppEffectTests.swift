import Foundation
import Testing
import TerminalUI
@testable import ConvLabApp

/// A screen that asks for the effects it is given on any key and keeps the outcomes it hears.
private struct AskingScreen: Screen {
    var effects: [Effect] = []
    var outcomes: [EffectOutcome] = []
    var title: String { "asking" }
    var keyBindings: [KeyBinding] { [] }

    mutating func update(_ message: Message) -> [Effect] {
        guard case .key = message else { return [] }
        return effects
    }

    mutating func effectFinished(_ outcome: EffectOutcome) { outcomes.append(outcome) }
    func render(into buffer: inout Buffer, area: Rect) {}
}

@Suite struct AppEffectTests {
    /// The app writes a `.writeFile` at once and tells the screen that asked, even when an
    /// earlier effect in the same list pushed another screen over it; a file that cannot be
    /// written comes back as one line naming it.
    @Test func aWriteIsPerformedAndItsOutcomeGoesToTheAsker() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("convlab-effects-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let good = FileWrite(path: folder.appendingPathComponent("line.txt").path, contents: .text("convlab train\n"))
        let bad = FileWrite(path: folder.appendingPathComponent("missing/line.txt").path, contents: .text("x"))
        var app = App(root: AskingScreen(effects: [.push(ScreenHandle(AskingScreen())), .writeFile(good), .writeFile(bad)]))
        _ = app.update(event: .key(.character("x")))
        #expect(app.screens.count == 2)
        #expect(try String(contentsOf: folder.appendingPathComponent("line.txt"), encoding: .utf8) == "convlab train\n")
        let asker = try #require(app.screens.first as? AskingScreen)
        let pushed = try #require(app.screens.last as? AskingScreen)
        #expect(pushed.outcomes.isEmpty)
        #expect(asker.outcomes.count == 2)
        #expect(asker.outcomes.first == .fileWritten(good, path: folder.appendingPathComponent("line.txt").standardizedFileURL.path))
        guard case let .fileNotWritten(write, reason)? = asker.outcomes.last else {
            Issue.record("the second write did not fail: \(asker.outcomes)")
            return
        }
        #expect(write == bad && reason.hasPrefix("\(bad.path): cannot write: "), "\(reason)")
    }
}
