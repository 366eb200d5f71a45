import Lessons
import TerminalUI

/// What the player adds for the structured kinds and for "predict, then see": the remarks on
/// the last judged answer (which rows of a trace are right, what a design's values give) and,
/// once an exercise is answered or its answer shown, the demo its `then:` names.
extension LessonPlayerScreen {
    /// The exercise's `then:` demo, offered once the learner has committed: answered right, or
    /// asked to see the answer. Before that, Enter keeps answering.
    var revealedDemo: DemoStep? {
        guard !isFinished, let exercise = session.exercise, let then = exercise.exercise.then, !isExerciseOpen else { return nil }
        return then
    }

    /// Remarks on the answer just judged, then the demo to open.
    func structuredLines(width: Int) -> [[Span]] {
        var lines: [[Span]] = []
        if let exercise = session.exercise, session.feedback != nil, !isEditing {
            for remark in exercise.remarks(on: input) {
                lines += StyledLines.wrap("· \(remark)", style: Style(foreground: .cyan), width: width, indent: 2)
            }
        }
        if let demo = revealedDemo {
            lines += [[]]
            var spans = [Span("Now see it: ", style: Style(bold: true))]
            if canOpen(DemoRequest(name: demo.name, parameters: demo.parameters)) {
                spans += [Span("Enter", style: Style(bold: true)), Span(" opens the \(demo.name) demo.")]
            } else {
                spans.append(Span("the \(demo.name) demo is not in this build yet."))
            }
            lines += StyledLines.wrap(spans, width: width)
            if let caption = demo.caption { lines += StyledLines.wrap(caption, width: width) }
        }
        return lines
    }
}
