import ConvEngine
import Foundation
import TerminalUI

// The settings page: change the network while it learns. The learner edits the architecture
// spec, the optimiser, learning rate, momentum, batch size, epochs and seed; Enter starts a
// new run from fresh weights, Ctrl-K one that keeps the current weights of every layer whose
// shapes still match (`Sequential.copyMatchingParameters`). The run's command line is shown
// under the form and Ctrl-W writes it to a file, so a teacher can hand it to a class. New runs
// and the file are effects the app performs (`update` adds `.startTraining` once the old run
// is retired).

extension TrainingDashboardScreen {
    /// The file Ctrl-W writes the run's command line to, in the checkpoint's folder.
    static let runLineFileName = "convlab-run.txt"

    /// Where Ctrl-W writes: beside the checkpoint `w` writes (the current folder by default).
    var runLineURL: URL {
        URL(fileURLWithPath: setup.checkpointPath).deletingLastPathComponent().appendingPathComponent(Self.runLineFileName)
    }

    /// The run's command line for the setup in force.
    public var runCommandLine: String { RunCommandLine.text(for: setup) }

    mutating func openSettings() {
        inspection.settings = SettingsForm(setup: setup)
        inspection.page = .settings
    }

    /// Keys on the settings page: every printable key types into the focused field.
    mutating func handleSettingsKey(_ key: Key) -> [Effect] {
        switch key {
        case .escape:
            inspection.page = .overview
            message = "settings unchanged"
        case .tab, .down: inspection.settings.moveFocus(by: 1)
        case .backTab, .up: inspection.settings.moveFocus(by: -1)
        case .backspace, .delete: inspection.settings.deleteBackward()
        case .control("u"): inspection.settings.clearField()
        case .enter: applySettings(keepingWeights: false)
        case .control("k"): applySettings(keepingWeights: true)
        // Ctrl-W ("write"), not Ctrl-S: in cbreak mode the terminal keeps Ctrl-S for flow
        // control (XOFF), which would freeze the output instead of reaching the app.
        case .control("w"): return [saveRunLine()]
        case let .character(character): inspection.settings.type(character)
        default: break
        }
        return []
    }

    /// Starts a new run with the form's settings, from fresh weights or keeping the current
    /// ones where the shapes match; on a refusal stays on the page with the reason.
    mutating func applySettings(keepingWeights: Bool) {
        guard let datasets = session.datasets else {
            message = "the run starts once the digits are drawn; then change it"
            return
        }
        var newSetup: TrainingDashboardSetup
        do {
            newSetup = try inspection.settings.makeSetup(from: setup, datasetCounts: (datasets.training.count, datasets.test.count))
        } catch {
            inspection.settings.refusal = error
            inspection.settings.focus = error.field
            message = error.message
            return
        }
        var note = "started again with the new settings from fresh weights"
        if keepingWeights, let current = snapshot?.model {
            let transfer = newSetup.initialModel.copyMatchingParameters(from: current)
            note = "continued: \(transfer.copied.count) of \(transfer.copied.count + transfer.kept.count) weight tensors kept, the rest fresh"
        }
        session.replace(setup: newSetup)
        snapshot = nil
        probeKey = nil
        isPauseRequested = false
        requestedLearningRate = nil
        inspection = DashboardInspection()
        message = note
    }

    /// Asks the app to write the run's command line to `runLineURL` (replacing it in one step).
    func saveRunLine() -> Effect {
        .writeFile(FileWrite(path: runLineURL.path, contents: .text(runCommandLine + "\n")))
    }

    // MARK: drawing

    static let settingsLabelWidth = 15

    func renderSettingsPage(into buffer: inout Buffer, area: Rect) {
        guard !area.isEmpty else { return }
        let form = inspection.settings
        buffer.write("change the run: Tab/↑↓ field · type to edit · Ctrl-U clear · Esc back", x: area.x, y: area.y, style: Self.dimStyle, clip: area)
        buffer.write("Enter restart (fresh weights) · Ctrl-K keep matching weights · Ctrl-W save line",
                     x: area.x, y: area.y + 1, style: Self.dimStyle, clip: area)
        var y = area.y + 3
        let fieldWidth = max(area.width - Self.settingsLabelWidth, 1)
        for field in SettingsForm.Field.allCases where y < area.maxY {
            let focused = field == form.focus
            buffer.write(field.label, x: area.x, y: y, style: focused ? Self.titleStyle : Self.dimStyle, clip: area)
            let text = form.text(field) + (focused ? "█" : "")
            let lines = field == .architecture ? Self.wrap(text, width: fieldWidth) : [(text: text, start: 0)]
            let refusal = form.refusal?.field == field ? form.refusal : nil
            for (index, line) in lines.enumerated() where y < area.maxY {
                let x = area.x + Self.settingsLabelWidth
                let end = buffer.write(line.text, x: x, y: y, style: focused ? Style(bold: true) : .plain, clip: area)
                if index == lines.count - 1, !field.hint.isEmpty {
                    buffer.write("  " + field.hint, x: end, y: y, style: Self.dimStyle, clip: area)
                }
                // A spec error's column: its character in red reverse, where the parser stopped.
                let lineCharacters = Array(line.text)
                if let column = refusal?.column, (line.start..<(line.start + lineCharacters.count)).contains(column - 1) {
                    let offset = column - 1 - line.start
                    buffer.write(String(lineCharacters[offset]), x: x + offset, y: y, style: Style(foreground: .red, bold: true, reverse: true), clip: area)
                }
                y += 1
            }
            if let refusal {
                for (line, _) in Self.wrap(refusal.message, width: fieldWidth) where y < area.maxY {
                    buffer.write(line, x: area.x + Self.settingsLabelWidth, y: y, style: Style(foreground: .red), clip: area)
                    y += 1
                }
            }
        }
        y += 1
        guard y < area.maxY else { return }
        buffer.write("this run as a command (Ctrl-W saves it):", x: area.x, y: y, style: Self.titleStyle, clip: area)
        y += 1
        for (line, _) in Self.wrap(runCommandLine, width: area.width) where y < area.maxY {
            buffer.write(line, x: area.x, y: y, clip: area)
            y += 1
        }
    }

    /// `text` in lines of at most `width` characters, broken after spaces (a word longer than
    /// the width is split), each with the offset of its first character in `text`.
    static func wrap(_ text: String, width: Int) -> [(text: String, start: Int)] {
        let characters = Array(text)
        guard width > 0, characters.count > width else { return [(text, 0)] }
        var lines: [(String, Int)] = []
        var start = 0
        while start < characters.count {
            var end = min(start + width, characters.count)
            if end < characters.count, let space = characters[start..<end].lastIndex(of: " "), space > start {
                end = space + 1
            }
            lines.append((String(characters[start..<end]), start))
            start = end
        }
        return lines
    }
}
