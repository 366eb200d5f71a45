import Lessons
import TerminalUI

/// A demo opened from a lesson step with a `goal:`: the demo itself, with the step's task kept
/// on the first line of the body ("Task: raise the padding until the output is 7×7", wrapped at
/// word boundaries to the width) and, once the demo's state meets the goal's condition,
/// "✓ done: …" in its place. The task is checked after every message, so it follows the
/// demo's keys and its play mode alike.
///
/// A wrapper rather than code in each demo: a demo only exposes its state (`DemoGoalState`),
/// and the task line is drawn the same way over any of them.
struct DemoGoalScreen: Screen {
    private(set) var demo: any DemoGoalState
    let goal: DemoGoal
    /// Whether the demo's state meets the goal now.
    var isDone: Bool { goal.isMet(by: demo.goalState) }

    private static let taskStyle = Style(bold: true)
    private static let doneStyle = Style(foreground: .green, bold: true)

    init(demo: any DemoGoalState, goal: DemoGoal) {
        self.demo = demo
        self.goal = goal
    }

    var title: String { demo.title }
    var keyBindings: [KeyBinding] { demo.keyBindings }
    var capturesText: Bool { demo.capturesText }
    var statusLine: String { demo.statusLine }
    var status: StatusLine { demo.status }

    mutating func update(_ message: Message) -> [Effect] { demo.update(message) }
    mutating func progressChanged(_ progress: CourseProgress) { demo.progressChanged(progress) }
    mutating func effectFinished(_ outcome: EffectOutcome) { demo.effectFinished(outcome) }

    /// `Task: …` or `✓ done: …`, as drawn above the demo.
    var taskText: String { isDone ? "✓ done: \(goal.text)" : "Task: \(goal.text)" }

    func render(into buffer: inout Buffer, area: Rect) {
        guard !area.isEmpty else { return }
        let style = isDone ? Self.doneStyle : Self.taskStyle
        let lines = Paragraph(taskText, style: style).wrappedLines(width: area.width)
        // The task takes at most a third of the body, so the demo keeps its room.
        let taskHeight = min(lines.count, max(area.height / 3, 1))
        for (index, line) in lines.prefix(taskHeight).enumerated() {
            buffer.write(line, x: area.x, y: area.y + index, clip: area)
        }
        let below = Rect(x: area.x, y: area.y + taskHeight + 1, width: area.width, height: max(area.height - taskHeight - 1, 0))
        demo.render(into: &buffer, area: below)
    }
}

/// Ctrl-P on a lesson step's demo saves the demo's pictures too.
extension DemoGoalScreen: PictureSaving {
    var savedPictures: [SavedView.Picture] { (demo as? any PictureSaving)?.savedPictures ?? [] }
}
