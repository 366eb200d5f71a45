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
        if let exercise = session.exercise, let then = exercise.exercise.then, isExerciseOpen {
            lines += StyledLines.wrap(LessonSession.predictFirstText(demo: then.name), style: Style(dim: true), width: width)
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

extension LessonPlayerScreen {
    /// The exercise's detail lines as spans. A pick-picture's maps become small heat maps: each
    /// value keeps its number (the same text the plain quiz prints) on a background from one
    /// diverging colour map shared by all options, so equal values look equal across them.
    func detailSpans(_ kind: ExerciseKind) -> [[Span]] {
        let lines = kind.detailLines
        guard case let .structured(.pickPicture(pick)) = kind else { return lines.map { [Span($0)] } }
        let values = pick.maps.flatMap { $0 }.map { $0.map(Float.init) }
        let range = ColorMap.diverging.automaticRange(for: values)
        // The image's label and rows come first and stay plain.
        let imageLines = pick.image.count + 1
        return lines.enumerated().map { index, line in
            index < imageLines ? [Span(line)] : Self.heatSpans(line, range: range)
        }
    }

    /// `line` split into words and spaces; each word that reads as a number gets its colour.
    static func heatSpans(_ line: String, range: ClosedRange<Float>) -> [Span] {
        var spans: [Span] = []
        var word = ""
        func finishWord() {
            guard !word.isEmpty else { return }
            if let value = AnswerParser.number(word), !word.hasSuffix(")") {
                let background = ColorMap.diverging.color(for: Float(value), range: range)
                spans.append(Span(word, style: Style(foreground: readableInk(on: background), background: background)))
            } else {
                spans.append(Span(word))
            }
            word = ""
        }
        for character in line {
            if character == " " {
                finishWord()
                spans.append(Span(" "))
            } else {
                word.append(character)
            }
        }
        finishWord()
        return spans
    }

    /// Black on light backgrounds, white on dark ones (by the Rec. 601 luma).
    static func readableInk(on background: Color) -> Color {
        guard case let .rgb(red, green, blue) = background else { return .default }
        let luma = 0.299 * Double(red) + 0.587 * Double(green) + 0.114 * Double(blue)
        return luma >= 128 ? .black : .white
    }
}
