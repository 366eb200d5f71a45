import Lessons
import TerminalUI

/// The first screen: what ConvLab is, the course's lessons and the demos with a cursor, and the
/// selected entry's details. The cursor starts on the first lesson not yet finished, so a
/// returning learner resumes with Enter. Enter asks the app to open the selected entry: a demo's
/// `DemoRequest` or a lesson (`Effect.openLesson`). `x` resets the progress of every lesson
/// after a y/n question.
///
/// Layout of the body (the app draws the title and status bars around it):
/// ```
///   welcome paragraph
///
///   Lessons                                                   ← only when there are lessons
///   › ✓ Output size, padding and stride  5/5  How big a …     ← ✓ once finished; correct/total
///
///   Demos
///   › conv      Convolution stepper   Slide a kernel over …   ← the cursor row, reversed
///     pool      Pooling               Max and average …
///
///   details of the selected entry (below the lists, or beside them from 120 columns)
/// ```
/// On a short terminal (80×24) the welcome is two lines and, when both lists do not fit, each
/// gets a share of the rows, scrolled to the cursor, with a heading like `Lessons 1–7 of 15`,
/// so the demos show beside the lessons.
public struct HomeScreen: Screen {
    /// One row of a list: a demo or a lesson, and what opening it asks for.
    public struct Entry: Hashable, Sendable {
        /// What Enter opens.
        public enum Destination: Hashable, Sendable {
            case demo(DemoRequest)
            case lesson(id: String)
        }

        /// Short name, as typed after `convlab demo` or `convlab lesson`.
        public var name: String
        public var title: String
        /// One line saying what the entry shows.
        public var summary: String
        /// Options the entry accepts from the command line (`--key` and help), for the details.
        public var parameters: [KeyBinding]
        public var destination: Destination
        /// A lesson's progress; nil for demos.
        public var standing: LessonStanding?

        /// A demo entry.
        public init(name: String, title: String, summary: String, parameters: [KeyBinding] = [], request: DemoRequest) {
            self.name = name
            self.title = title
            self.summary = summary
            self.parameters = parameters
            self.destination = .demo(request)
        }

        /// A lesson entry.
        public init(lessonID: String, title: String, summary: String, standing: LessonStanding) {
            self.name = lessonID
            self.title = title
            self.summary = summary
            self.parameters = []
            self.destination = .lesson(id: lessonID)
            self.standing = standing
        }

        /// The effect Enter sends for this entry.
        public var openEffect: Effect {
            switch destination {
            case let .demo(request): .open(request)
            case let .lesson(id): .openLesson(id)
            }
        }
    }

    public private(set) var demos: [Entry]
    /// Shown as the first list, above the demos; no heading is drawn while it is empty.
    public private(set) var lessons: [Entry]
    /// Index into `lessons + demos` (lessons first).
    public private(set) var cursor = 0
    /// The course the lesson entries come from, so they can follow `progressChanged`.
    private var course: Course?
    /// True while the "reset all progress? y/n" question is open.
    public private(set) var isConfirmingReset = false
    /// One line about what the last key did; cleared by the next key.
    public private(set) var message = ""

    public init(demos: [Entry], lessons: [Entry] = []) {
        self.demos = demos
        self.lessons = lessons
        cursor = lessons.firstIndex { $0.standing.map { !$0.finished } ?? false } ?? 0
    }

    /// A home screen listing every demo of `catalog` in its order, then `lessons`, or the
    /// lessons of `library` with their progress.
    public init(catalog: DemoCatalog, lessons: [Entry] = [], library: LessonLibrary? = nil, context: AppContext = AppContext()) {
        let demos = catalog.demos.map { demo in
            Entry(
                name: demo.demoName, title: catalog.title(of: demo, context: context), summary: demo.summary,
                parameters: demo.parameterHelp, request: DemoRequest(name: demo.demoName))
        }
        self.init(demos: demos, lessons: lessons + (library?.homeEntries ?? []))
        course = library?.course
    }

    /// Redraws the lessons' progress marks from the saved progress. When the lesson under the
    /// cursor has just been finished, the cursor moves on to the next unfinished lesson (after
    /// it, else from the top), so home follows the course as a path.
    public mutating func progressChanged(_ progress: CourseProgress) {
        guard let course else { return }
        let wasFinished = lessons.indices.contains(cursor) ? lessons[cursor].standing?.finished : nil
        lessons = LessonLibrary(course: course, progress: progress).homeEntries
        guard wasFinished == false, lessons.indices.contains(cursor), lessons[cursor].standing?.finished == true else { return }
        let unfinished = lessons.indices.filter { lessons[$0].standing.map { !$0.finished } ?? false }
        if let next = unfinished.first(where: { $0 > cursor }) ?? unfinished.first { cursor = next }
    }

    /// Whether any lesson is listed (`x` resets their progress).
    private var hasLessons: Bool { lessons.contains { $0.standing != nil } }

    /// While the reset question is open every key answers it, `q` and Esc included.
    public var capturesText: Bool { isConfirmingReset }

    /// Lessons then demos, the order the cursor moves through.
    public var entries: [Entry] { lessons + demos }

    /// The entry under the cursor; nil when both lists are empty.
    public var selectedEntry: Entry? { entries.indices.contains(cursor) ? entries[cursor] : nil }

    public var title: String { "Home" }

    /// What the keys do; the help and `update` both come from `keyMap`.
    enum KeyAction: Sendable {
        case move(Int), first, last, open, askReset, confirmReset, keepProgress
    }

    /// The list's keys; `x` only when there is progress to reset.
    static func keyMap(hasLessons: Bool) -> KeyMap<KeyAction> {
        KeyMap([
            .init(presses: [(.up, .move(-1)), (.down, .move(1))], "move"),
            .init([.enter], "open", .open, aliases: [.right, .character(" "), .character("l")]),
            .init(presses: [(.home, .first), (.end, .last)], "first / last", aliases: [(.character("g"), .first), (.character("G"), .last)]),
        ] + (hasLessons ? [.init([.character("x")], "reset all progress", .askReset)] : []))
    }

    /// While the reset question is open: y resets, any other key keeps the progress.
    static let confirmationKeyMap = KeyMap<KeyAction>([
        .init([.character("y")], "reset every lesson", .confirmReset, aliases: [.character("Y")]),
        .init([.character("n")], "keep progress", .keepProgress),
    ])

    public var keyBindings: [KeyBinding] { isConfirmingReset ? Self.confirmationKeyMap.bindings : Self.keyMap(hasLessons: hasLessons).bindings }

    public var statusLine: String {
        if isConfirmingReset { return "Reset the progress of every lesson? y/n" }
        if !message.isEmpty { return message }
        guard selectedEntry != nil else { return "" }
        return cursor < lessons.count ? "lesson \(cursor + 1) of \(lessons.count)" : "demo \(cursor - lessons.count + 1) of \(demos.count)"
    }

    public mutating func update(_ message: Message) -> [Effect] {
        guard case .key(let key) = message else { return [] }
        self.message = ""
        let action = isConfirmingReset ? Self.confirmationKeyMap.action(for: key) ?? .keepProgress : Self.keyMap(hasLessons: hasLessons).action(for: key)
        let last = entries.count - 1
        switch action {
        case .move(let delta): cursor = max(min(cursor + delta, last), 0)
        case .first: cursor = 0
        case .last: cursor = max(last, 0)
        case .open: if let selectedEntry { return [selectedEntry.openEffect] }
        case .askReset: isConfirmingReset = true
        case .confirmReset:
            isConfirmingReset = false
            self.message = "progress of every lesson reset"
            return [.resetAllProgress]
        case .keepProgress:
            isConfirmingReset = false
            self.message = "progress kept"
        case nil: break
        }
        return []
    }

    // MARK: rendering

    static let welcome = """
        **ConvLab** teaches convolutional neural networks by running them. The lessons are the \
        course: each explains an idea, opens the demo that shows it and asks questions. The \
        demos are labs of their own, all run by one engine.

        Move with `↑`/`↓` and press `Enter` to open. On every screen `?` lists all \
        of its keys, and `q` or `Esc` goes back; `q` here quits.
        """

    /// The welcome on a short terminal, where the lists need the rows: two lines at 80 columns.
    static let shortWelcome = """
        **ConvLab** teaches convolutional neural networks by running them.
        `↑`/`↓` move, `Enter` opens, `?` lists a screen's keys, `q` goes back (here: quits).
        """
    /// Content rows from which the full welcome is always shown.
    static let fullWelcomeMinimumHeight = 30

    /// Columns from which the details move beside the lists instead of under them.
    static let sideBySideWidth = 120
    /// The widest the details box gets beside the lists.
    static let maximumDetailsWidth = 72

    public func render(into buffer: inout Buffer, area: Rect) {
        let content = area.inset(horizontal: 2, vertical: 1)
        guard !content.isEmpty else { return }
        guard content.width >= Self.sideBySideWidth else {
            let listBottom = renderWelcomeAndLists(into: &buffer, area: content)
            if let selectedEntry {
                let detailsArea = Rect(x: content.x, y: listBottom + 1, width: content.width, height: content.maxY - listBottom - 1)
                Paragraph(markup: details(of: selectedEntry, withHeading: true)).render(into: &buffer, area: detailsArea)
            }
            return
        }
        // The lists take what the details box leaves, so a wide terminal shows more of each
        // summary; at least three fifths of the width.
        let listWidth = max(content.width - 4 - Self.maximumDetailsWidth, content.width * 3 / 5)
        _ = renderWelcomeAndLists(into: &buffer, area: Rect(x: content.x, y: content.y, width: listWidth, height: content.height))
        guard let selectedEntry else { return }
        // The details box sits to the right of the lists and is only as tall as its text.
        let boxX = content.x + listWidth + 4
        let boxWidth = min(content.maxX - boxX, Self.maximumDetailsWidth)
        let text = Paragraph(markup: details(of: selectedEntry, withHeading: false))
        let boxHeight = min(text.lineCount(width: boxWidth - 4) + 2, content.height)
        let box = Rect(x: boxX, y: content.y, width: boxWidth, height: boxHeight)
        let inner = Box(title: "\(selectedEntry.name) — \(selectedEntry.title)").renderFrame(into: &buffer, area: box)
        text.render(into: &buffer, area: inner.inset(horizontal: 1, vertical: 0))
    }

    /// Draws the welcome paragraph and the lists from the top of `area`; returns the row after
    /// the last one drawn.
    private func renderWelcomeAndLists(into buffer: inout Buffer, area: Rect) -> Int {
        // The short welcome when the full one would push the lists off a short terminal.
        let full = Paragraph(markup: Self.welcome)
        let fits = full.lineCount(width: area.width) + 1 + listLines().count <= area.height
        let welcome = fits || area.height >= Self.fullWelcomeMinimumHeight ? full : Paragraph(markup: Self.shortWelcome)
        let welcomeHeight = min(welcome.lineCount(width: area.width), area.height)
        welcome.render(into: &buffer, area: Rect(x: area.x, y: area.y, width: area.width, height: welcomeHeight))
        let listTop = area.y + welcomeHeight + 1
        let lines = listLines(height: area.maxY - listTop)
        let listArea = Rect(x: area.x, y: listTop, width: area.width, height: min(lines.count, area.maxY - listTop))
        guard !listArea.isEmpty else { return listTop }
        // Scroll by whole lines so the cursor's row stays visible when the lists are too long.
        let cursorLine = lines.firstIndex { if case .entry(let index) = $0 { index == cursor } else { false } } ?? 0
        let offset = max(0, min(cursorLine - listArea.height + 2, lines.count - listArea.height))
        let columns = nameAndTitleWidths()
        let lessonColumns = lessonColumnWidths()
        for (row, line) in lines.dropFirst(offset).prefix(listArea.height).enumerated() {
            let y = listArea.y + row
            switch line {
            case .blank: break
            case .heading(let text): buffer.write(text, x: listArea.x, y: y, style: Style(bold: true), clip: listArea)
            case .note(let text): buffer.write(text, x: listArea.x + 2, y: y, style: Style(dim: true), clip: listArea)
            case .entry(let index) where entries[index].standing != nil:
                renderLessonRow(index, y: y, columns: lessonColumns, into: &buffer, area: listArea)
            case .entry(let index): renderEntryRow(index, y: y, columns: columns, into: &buffer, area: listArea)
            }
        }
        return listArea.maxY
    }

    private enum ListLine {
        case blank, heading(String), note(String), entry(Int)
    }

    /// The lists in `height` rows. When both do not fit, each gets a share of the rows (the
    /// cursor's list the larger), scrolled to keep the cursor in view, and its heading says
    /// which entries show, so the demos are on screen beside the lessons at 80×24.
    private func listLines(height: Int) -> [ListLine] {
        let full = listLines()
        let entryRows = height - 3  // two headings and the blank line between the lists
        guard full.count > height, !lessons.isEmpty, !demos.isEmpty, entryRows >= 2 else { return full }
        let cursorInLessons = cursor < lessons.count
        let cursorShare = (entryRows + 1) / 2
        var lessonRows = cursorInLessons ? cursorShare : entryRows - cursorShare
        lessonRows = max(lessonRows, entryRows - demos.count)
        lessonRows = min(lessonRows, lessons.count)
        let demoRows = min(demos.count, entryRows - lessonRows)
        lessonRows = min(lessons.count, entryRows - demoRows)
        let lessonWindow = Self.visibleRange(count: lessons.count, rows: lessonRows, cursor: cursorInLessons ? cursor : nil)
        let demoWindow = Self.visibleRange(count: demos.count, rows: demoRows, cursor: cursorInLessons ? nil : cursor - lessons.count)
        return [.heading(Self.heading("Lessons", lessonWindow, of: lessons.count))] + lessonWindow.map { .entry($0) } + [.blank]
            + [.heading(Self.heading("Demos", demoWindow, of: demos.count))] + demoWindow.map { .entry(lessons.count + $0) }
    }

    /// `Lessons`, or `Lessons 1–7 of 15` when only some show.
    private static func heading(_ name: String, _ window: Range<Int>, of count: Int) -> String {
        window.count == count ? name : "\(name) \(window.lowerBound + 1)–\(window.upperBound) of \(count)"
    }

    /// The `rows` entries of `count` to show: from the top, or scrolled so the cursor has one
    /// entry after it (when there is one).
    static func visibleRange(count: Int, rows: Int, cursor: Int?) -> Range<Int> {
        guard count > rows else { return 0..<count }
        guard let cursor, rows > 0 else { return 0..<max(rows, 0) }
        var start = min(max(cursor - rows + 2, 0), count - rows)
        if cursor < start { start = cursor }
        return start..<(start + rows)
    }

    private func listLines() -> [ListLine] {
        var lines: [ListLine] = []
        if !lessons.isEmpty {
            lines += [.heading("Lessons")]
            lines += lessons.indices.map { .entry($0) }
            lines += [.blank]
        }
        lines += [.heading("Demos")]
        if demos.isEmpty { lines.append(.note("No demos are installed in this build.")) }
        lines += demos.indices.map { .entry(lessons.count + $0) }
        return lines
    }

    /// Column widths of the rows drawn as `renderEntryRow` (demos, and lessons without progress).
    private func nameAndTitleWidths() -> (name: Int, title: Int) {
        let plain = entries.filter { $0.standing == nil }
        return (plain.map(\.name.count).max() ?? 0, plain.map(\.title.count).max() ?? 0)
    }

    /// Column widths of the lesson rows: the title and the progress text.
    private func lessonColumnWidths() -> (title: Int, standing: Int) {
        let course = lessons.filter { $0.standing != nil }
        return (course.map(\.title.count).max() ?? 0, course.compactMap { $0.standing.map(\.countText.count) }.max() ?? 0)
    }

    /// `› ✓ title  correct/total  summary…`: lessons are listed by title (their ids are in the
    /// details), with a ✓ once finished; the cursor row reversed.
    private func renderLessonRow(_ index: Int, y: Int, columns: (title: Int, standing: Int), into buffer: inout Buffer, area: Rect) {
        let entry = entries[index]
        guard let standing = entry.standing else { return }
        let selected = index == cursor
        let row = Rect(x: area.x, y: y, width: area.width, height: 1)
        let style = selected ? Style(reverse: true) : .plain
        if selected { buffer.fill(row, style: style) }
        var x = buffer.write(selected ? "› " : "  ", x: row.x, y: y, style: style.bolded(), clip: row)
        x = buffer.write(standing.finished ? "✓ " : "  ", x: x, y: y, style: selected ? style : Style(foreground: .green, bold: true), clip: row)
        x = buffer.write(entry.title.padded(to: columns.title) + "  ", x: x, y: y, style: style.bolded(), clip: row)
        let count = standing.countText
        x = buffer.write(String(repeating: " ", count: columns.standing - count.count) + count + "  ", x: x, y: y, style: style, clip: row)
        writeSummary(entry.summary, x: x, y: y, selected: selected, style: style, row: row, into: &buffer)
    }

    /// Columns below which a cut summary says too little to be worth drawing (the details
    /// under or beside the list show it whole).
    static let minimumSummaryWidth = 20

    private func writeSummary(_ summary: String, x: Int, y: Int, selected: Bool, style: Style, row: Rect, into buffer: inout Buffer) {
        guard row.maxX - x >= Self.minimumSummaryWidth else { return }
        let text = NumberFormatting.truncated(summary, width: row.maxX - x)
        buffer.write(text, x: x, y: y, style: selected ? style : Style(dim: true), clip: row)
    }

    /// `› name  title  summary…`, the summary cut to the row; the cursor row reversed.
    private func renderEntryRow(_ index: Int, y: Int, columns: (name: Int, title: Int), into buffer: inout Buffer, area: Rect) {
        let entry = entries[index]
        let selected = index == cursor
        let row = Rect(x: area.x, y: y, width: area.width, height: 1)
        let style = selected ? Style(reverse: true) : .plain
        if selected { buffer.fill(row, style: style) }
        let name = entry.name.padded(to: columns.name)
        let title = entry.title.padded(to: columns.title)
        var x = buffer.write((selected ? "› " : "  ") + name + "  ", x: row.x, y: y, style: style.bolded(), clip: row)
        x = buffer.write(title + "  ", x: x, y: y, style: style, clip: row)
        writeSummary(entry.summary, x: x, y: y, selected: selected, style: style, row: row, into: &buffer)
    }

    /// The selected entry's full summary, its options and the command that opens it, as
    /// `Paragraph` markup.
    private func details(of entry: Entry, withHeading: Bool) -> String {
        var text = withHeading ? "**\(entry.name) — \(entry.title)**\n" : ""
        text += entry.summary
        if !entry.parameters.isEmpty {
            let width = entry.parameters.map { $0.optionText.count }.max() ?? 0
            text += "\nOptions:"
            for parameter in entry.parameters {
                text += "\n  `\(parameter.optionText.padded(to: width))`  \(parameter.action)"
            }
        }
        if let standing = entry.standing {
            text += "\nExercises answered correctly: \(standing.correct) of \(standing.total)\(standing.finished ? "; finished" : "")."
            if standing.revealed > 0 { text += "\nAnswers shown without credit: \(standing.revealed)." }
        }
        switch entry.destination {
        case let .demo(request) where request == DemoRequest(name: entry.name):
            text += "\nFrom a shell: `convlab demo \(entry.name)`"
        case let .lesson(id):
            text += "\nFrom a shell: `convlab lesson \(id)`"
        default:
            break
        }
        return text
    }
}
