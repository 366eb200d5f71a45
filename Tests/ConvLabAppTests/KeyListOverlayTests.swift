import Foundation
import Testing
import TerminalUI
@testable import ConvLabApp

@Suite struct KeyListOverlayTests {
    /// The text between a box line's borders, or nil for lines that are not inside the box.
    private static func inside(_ line: String) -> String? {
        let parts = line.split(separator: "│", omittingEmptySubsequences: false)
        return parts.count >= 3 ? String(parts[1]) : nil
    }

    /// An action longer than the 80-column box can hold wraps under the action column instead of
    /// ending in "…": every word is on screen, continuation lines start at the action column, and
    /// the box stays inside 80×24.
    @Test func longActionsWrapAtEightyByTwentyFour() {
        let long = "open the checkpoint written by convlab train and show its first layer's filters, its activations and its accuracy on the held-out digits"
        let overlay = KeyListOverlay(
            title: "Keys: Long", screenBindings: [KeyBinding("o", long), KeyBinding("space", "play or pause")],
            appBindings: [KeyBinding("?", "show or hide this key list"), KeyBinding("q/Esc", "back")])
        var buffer = Buffer(width: 80, height: 24)
        overlay.render(into: &buffer, area: buffer.area)
        let lines = buffer.trimmedLines
        let text = lines.joined(separator: "\n")
        #expect(!text.contains("…"))
        let rows = lines.compactMap(Self.inside)
        // One margin space, the widest keys ("q/Esc") and two spaces come before each action.
        let actionColumn = 1 + "q/Esc".count + 2
        let actionRows = rows.prefix { !$0.contains("space") }
        #expect(actionRows.first?.hasPrefix(" o      open the") == true, "\(text)")
        #expect(actionRows.count > 1, "\(text)")
        #expect(actionRows.dropFirst().allSatisfy { $0.prefix(actionColumn).allSatisfy { $0 == " " } }, "\(text)")
        let actionText = actionRows.map { String($0.dropFirst(actionColumn)).trimmingCharacters(in: .whitespaces) }
        #expect(actionText.joined(separator: " ") == long, "\(text)")
        #expect(buffer.lines.count == 24 && buffer.lines.allSatisfy { $0.count == 80 })
        #expect(text.contains("space  play or pause") && text.contains("Press any key to close."))
    }

    /// A list that fits keeps one line per binding.
    @Test func shortActionsStayOnOneLine() {
        let overlay = KeyListOverlay(title: "Keys", screenBindings: [KeyBinding("+", "count one more")],
                                     appBindings: [KeyBinding("q/Esc", "back")])
        var buffer = Buffer(width: 80, height: 24)
        overlay.render(into: &buffer, area: buffer.area)
        let rows = buffer.trimmedLines.compactMap(Self.inside).map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(rows == ["+      count one more", "", "q/Esc  back", "", "Press any key to close."])
    }
}
