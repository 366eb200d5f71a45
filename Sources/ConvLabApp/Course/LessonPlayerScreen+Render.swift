import Lessons
import TerminalUI

/// Drawing the lesson player. The body is a header row (step number, a track of the steps,
/// exercises answered), a blank row, and the step's text, scrolled by whole wrapped lines;
/// from 120 columns an outline of the lesson's steps stands beside the text.
/// ```
///   Step 3 of 9 · exercise                        ■■■□□□□□□  exercises 1/5
///
///   Exercise 1 of 5
///   A 7×7 image, a 3×3 kernel, stride 1, no padding. What size is the output?
///
///   Answer with a shape like 112x112x64:
///   › 5x5▏
/// ```
extension LessonPlayerScreen {
    /// The widest the text column gets, so lines stay readable on wide terminals.
    static let maximumTextWidth = 88
    /// Columns from which the outline of steps stands beside the text.
    static let outlineFromWidth = 120
    static let outlineWidth = 40

    struct Layout {
        var header: Rect
        var text: Rect
        var outline: Rect?
    }

    static func layout(in area: Rect) -> Layout {
        let content = area.inset(horizontal: 2, vertical: 0)
        // The header spans the text column (and the outline), so its right end sits over them.
        let headerHeight = min(1, content.height)
        let below = Rect(x: content.x, y: content.y + 2, width: content.width, height: max(content.height - 2, 0))
        guard content.width >= outlineFromWidth else {
            let text = Rect(x: below.x, y: below.y, width: min(below.width, maximumTextWidth), height: below.height)
            return Layout(header: Rect(x: content.x, y: content.y, width: text.width, height: headerHeight), text: text, outline: nil)
        }
        let textWidth = min(below.width - outlineWidth - 4, maximumTextWidth)
        let outline = Rect(x: below.x + textWidth + 4, y: below.y, width: outlineWidth, height: below.height)
        let header = Rect(x: content.x, y: content.y, width: outline.maxX - content.x, height: headerHeight)
        return Layout(header: header, text: Rect(x: below.x, y: below.y, width: textWidth, height: below.height), outline: outline)
    }

    func render(into buffer: inout Buffer, area: Rect) {
        let layout = Self.layout(in: area)
        guard !layout.text.isEmpty else { return }
        renderHeader(into: &buffer, area: layout.header)
        let lines = contentLines(width: layout.text.width)
        var textArea = layout.text
        let overflows = lines.count > textArea.height
        textArea.height = Self.visibleLines(of: lines.count, height: textArea.height)
        let offset = min(scrollOffset, max(lines.count - textArea.height, 0))
        for (row, line) in lines.dropFirst(offset).prefix(textArea.height).enumerated() {
            buffer.write(line, x: textArea.x, y: textArea.y + row, clip: textArea)
        }
        if overflows {
            let below = lines.count - offset - textArea.height
            let note = below > 0 ? "▼ \(below) more line\(below == 1 ? "" : "s") (PgDn)" : "▲ PgUp for the start"
            buffer.write(note, x: textArea.x, y: textArea.maxY, style: Style(dim: true), clip: layout.text)
        }
        if let outline = layout.outline { renderOutline(into: &buffer, area: outline) }
    }

    private func renderHeader(into buffer: inout Buffer, area: Rect) {
        let steps = lesson.steps
        let kind = isFinished ? "finished" : session.currentStep.map { Self.kindName($0) } ?? "empty"
        let position = isFinished ? "All \(steps.count) steps" : "Step \(session.stepIndex + 1) of \(steps.count)"
        buffer.write("\(position) · \(kind)", x: area.x, y: area.y, style: Style(bold: true), clip: area)
        let standing = LessonStanding(lesson: lesson, progress: session.progress)
        let exercises = "exercises \(standing.correct)/\(standing.total)"
        let finished = session.progress.finishedStep ?? -1
        let track = steps.count <= 40
            ? String(steps.indices.map { index in index == session.stepIndex && !isFinished ? "▣" : index <= finished ? "■" : "□" })
            : ""
        let right = track.isEmpty ? exercises : track + "  " + exercises
        buffer.write(right, x: area.maxX - right.count, y: area.y, style: Style(dim: true), clip: area)
    }

    static func kindName(_ step: Step) -> String {
        switch step.content {
        case .text: "reading"
        case .demo: "demo"
        case .exercise: "exercise"
        }
    }

    /// The outline: one row per step, ✓ on finished steps and correct exercises, the current
    /// one reversed.
    private func renderOutline(into buffer: inout Buffer, area: Rect) {
        let box = Rect(x: area.x, y: area.y, width: area.width, height: min(lesson.steps.count + 2, area.height))
        let inner = Box(title: "Steps").renderFrame(into: &buffer, area: box)
        let finished = session.progress.finishedStep ?? -1
        for (row, index) in lesson.steps.indices.prefix(inner.height).enumerated() {
            let step = lesson.steps[index]
            let done: Bool
            if case let .exercise(exercise) = step.content {
                done = session.progress.correctExercises.contains(exercise.id)
            } else {
                done = index <= finished
            }
            let line = Rect(x: inner.x, y: inner.y + row, width: inner.width, height: 1)
            let current = index == session.stepIndex && !isFinished
            let style = current ? Style(reverse: true) : .plain
            if current { buffer.fill(line, style: style) }
            let label = "\(done ? "✓" : " ") \(index + 1). \(Self.outlineLabel(step))"
            buffer.write(NumberFormatting.truncated(label, width: line.width - 1), x: line.x + 1, y: line.y, style: style, clip: line)
        }
    }

    static func outlineLabel(_ step: Step) -> String {
        switch step.content {
        case let .text(text): return text.plain.split(separator: "\n").first.map(String.init) ?? ""
        case let .demo(demo): return "demo: \(demo.name)"
        case let .exercise(exercise): return "exercise: \(exercise.id)"
        }
    }

    // MARK: the step's text

    /// The current step (or the summary card) as wrapped lines of `width` columns.
    func contentLines(width: Int) -> [[Span]] {
        guard width > 0 else { return [] }
        if isFinished { return finishedLines(width: width) }
        guard let step = session.currentStep else { return StyledLines.wrap("This lesson has no steps.", width: width) }
        switch step.content {
        case let .text(text): return StyledLines.richText(text, width: width)
        case let .demo(demo): return demoLines(demo, width: width)
        case .exercise: return exerciseLines(width: width)
        }
    }

    private func finishedLines(width: Int) -> [[Span]] {
        let standing = LessonStanding(lesson: lesson, progress: session.progress)
        var lines = StyledLines.wrap("✓ Lesson finished: \(lesson.title)", style: Style(foreground: .green, bold: true), width: width)
        lines += [[]]
        if standing.total > 0 {
            lines += StyledLines.wrap("You have answered \(standing.correct) of \(standing.total) exercises correctly.", width: width)
        }
        let revealed = session.progress.revealedCount(in: lesson)
        if revealed > 0 {
            lines += StyledLines.wrap("\(revealed) answer\(revealed == 1 ? " was" : "s were") shown, so earned no credit; r on those exercises asks again.", width: width)
        }
        lines += [[]]
        if let nextLesson {
            lines += StyledLines.wrap(
                [Span("Press "), Span("Enter", style: Style(bold: true)), Span(" for the next lesson: \(nextLesson.title).")], width: width)
        } else {
            lines += StyledLines.wrap("This was the last lesson of the course.", width: width)
        }
        lines += StyledLines.wrap("← goes back to the last step, x starts the lesson again, q goes back.", style: Style(dim: true), width: width)
        return lines
    }

    private func demoLines(_ demo: DemoStep, width: Int) -> [[Span]] {
        let summary = DemoCatalog().demo(named: demo.name)?.summary
        var lines = StyledLines.wrap([Span("Demo: \(demo.name)", style: Style(bold: true))] + (summary.map { [Span(" — \($0)")] } ?? []), width: width)
        if let caption = demo.caption {
            lines += [[]]
            lines += StyledLines.wrap(caption, width: width)
        }
        if let goal = demo.goal {
            lines += [[]]
            lines += StyledLines.wrap([Span("Task: ", style: Style(bold: true)), Span(goal.text)], width: width)
        }
        if !demo.parameters.isEmpty {
            let settings = demo.parameters.keys.sorted().map { "\($0) \(demo.parameters[$0] ?? "")" }.joined(separator: ", ")
            lines += [[]]
            lines += StyledLines.wrap("It starts with \(settings).", style: Style(dim: true), width: width)
        }
        lines += [[]]
        if canOpen(DemoRequest(name: demo.name, parameters: demo.parameters)) {
            lines += StyledLines.wrap(
                [Span("Press "), Span("Enter", style: Style(bold: true)), Span(" to open the demo; "), Span("q", style: Style(bold: true)),
                 Span(" there comes back to the lesson.")], width: width)
        } else {
            lines += StyledLines.wrap("This demo is not in this build yet; → goes on with the lesson.", style: Style(dim: true), width: width)
        }
        return lines
    }

    private func exerciseLines(width: Int) -> [[Span]] {
        let exerciseSteps = lesson.steps.indices.filter { if case .exercise = lesson.steps[$0].content { true } else { false } }
        let number = (exerciseSteps.firstIndex(of: session.stepIndex) ?? 0) + 1
        var heading = [Span("Exercise \(number) of \(exerciseSteps.count)", style: Style(bold: true))]
        guard let exercise = session.exercise else {
            let problem = session.preparationProblem.map(\.description) ?? "it could not be prepared"
            return StyledLines.wrap(heading, width: width) + [[]]
                + StyledLines.wrap("This exercise cannot be asked: \(problem)", style: Style(foreground: .red), width: width)
        }
        if session.progress.correctExercises.contains(exercise.exercise.id), session.feedback?.isCorrect != true {
            heading.append(Span("  ✓ answered correctly before", style: Style(foreground: .green)))
        } else if session.progress.revealedExercises.contains(exercise.exercise.id), !isShowingAnswer {
            heading.append(Span("  answer shown before", style: Style(foreground: .yellow)))
        }
        var lines = StyledLines.wrap(heading, width: width)
        lines += StyledLines.wrap(exercise.prompt, width: width)
        for line in detailSpans(exercise.kind) {
            // A line that fits stays as it is (grids keep their alignment); a longer one, such
            // as a long choice, wraps under its own text ("  a) " is 5 columns) instead of
            // being cut at the screen's edge.
            let length = line.reduce(0) { $0 + $1.text.count }
            lines += length <= width ? [line] : StyledLines.wrap(line, width: width, indent: 5)
        }
        lines += [[]]
        lines += StyledLines.wrap("Answer with \(AnswerChecker.expectedForm(exercise.kind)):", style: Style(dim: true), width: width)
        lines.append(answerField(width: width))
        let hints = session.visibleHints
        let feedback = session.feedback
        if !hints.isEmpty || feedback != nil || isShowingAnswer { lines += [[]] }
        for (index, hint) in hints.enumerated() {
            lines += StyledLines.wrap(
                [Span("Hint \(index + 1) of \(exercise.hints.count): ", style: Style(foreground: .yellow, bold: true)), Span(hint)],
                width: width, indent: 2)
        }
        if !hints.isEmpty, feedback != nil || isShowingAnswer { lines += [[]] }
        // The same lines `quiz --plain` prints, styled by what each says.
        var feedbackLines = feedback?.lines ?? []
        if isShowingAnswer, feedback?.showsAnswer != true {
            feedbackLines += Feedback.shown(exercise)
        }
        for line in feedbackLines {
            lines += Self.styled(line, width: width)
        }
        if feedback?.isCorrect == true || isShowingAnswer {
            lines += [[]]
            let again = exercise.exercise.variation != nil ? "r asks again with new numbers, " : "r asks again, "
            lines += StyledLines.wrap("\(again)→ goes to the next step.", style: Style(dim: true), width: width)
        } else if feedback != nil {
            let more = session.revealedHints < exercise.hints.count ? "h for a hint, " : ""
            lines += StyledLines.wrap("Press \(more)Enter to try again, or s to show the answer.", style: Style(dim: true), width: width)
        }
        lines += structuredLines(width: width)
        return lines
    }

    /// One feedback line: the verdict in colour, the working in cyan and indented, the
    /// explanation plain.
    static func styled(_ line: Feedback.Line, width: Int) -> [[Span]] {
        switch line.role {
        case .correct: StyledLines.wrap("✓ " + line.text, style: Style(foreground: .green, bold: true), width: width)
        case .incorrect: StyledLines.wrap("✗ " + line.text, style: Style(foreground: .red, bold: true), width: width)
        case .note, .mistake: StyledLines.wrap(line.text, style: Style(foreground: .yellow), width: width, indent: 2)
        case .tries: StyledLines.wrap(line.text, style: Style(dim: true), width: width, indent: 2)
        case .answer: StyledLines.wrap(line.text, style: Style(bold: true), width: width)
        case .working: StyledLines.wrap(line.text, style: Style(foreground: .cyan), width: width, indent: 2)
        case .explanation: StyledLines.wrap(line.text, width: width)
        }
    }

    /// `› answer▏`, the cursor shown while typing.
    private func answerField(width: Int) -> [Span] {
        let shown = NumberFormatting.truncated(input, width: max(width - 4, 1))
        var spans = [Span("› ", style: Style(bold: true)), Span(shown, style: isEditing ? Style(underline: true) : .plain)]
        if isEditing { spans.append(Span("▏", style: Style(bold: true))) }
        return spans
    }
}
