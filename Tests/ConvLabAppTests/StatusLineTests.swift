import Testing
import TerminalUI
@testable import ConvLabApp

/// The status line's fitting rule, and the parts it keeps on the screens where the issue
/// found the line losing what mattered, drawn in the app's frame at 80×24.
@Suite struct StatusLineTests {
    typealias Part = StatusLine.Part

    // MARK: the rule

    /// "a · b · c · d" with c the detail, b useful, a and d essential.
    static let ranked = StatusLine([Part("alpha", .essential), Part("beta", .useful), Part("gamma", .detail), Part("delta", .essential)])

    @Test("whole parts are dropped, lowest priority first, and the rest keep their order")
    func dropsLowestPriorityFirst() {
        #expect(Self.ranked.text == "alpha · beta · gamma · delta")
        #expect(Self.ranked.fitted(width: 28) == "alpha · beta · gamma · delta")
        #expect(Self.ranked.fitted(width: 27) == "alpha · beta · delta")
        #expect(Self.ranked.fitted(width: 20) == "alpha · beta · delta")
        #expect(Self.ranked.fitted(width: 19) == "alpha · delta")
        #expect(Self.ranked.fitted(width: 13) == "alpha · delta")
    }

    @Test("among equal priorities the rightmost goes first")
    func rightmostOfEqualsGoesFirst() {
        #expect(Self.ranked.fitted(width: 12) == "alpha")
        let equals = StatusLine([Part("one", .useful), Part("two", .useful), Part("three", .useful)])
        #expect(equals.fitted(width: 12) == "one · two")
        #expect(equals.fitted(width: 8) == "one")
    }

    @Test("an urgent part outlasts every other")
    func urgentWins() {
        let line = StatusLine([Part("paused at 2 steps/s", .essential), Part("padding stays 0 to 3", .urgent)])
        #expect(line.fitted(width: 30) == "padding stays 0 to 3")
    }

    @Test("the last part standing is cut after a whole word, never inside one")
    func lastPartIsCutAtAWord() {
        let line = StatusLine([Part("type a number, Enter sets, Esc leaves", .essential), Part("cross-correlation", .detail)])
        #expect(line.fitted(width: 20) == "type a number…")
        #expect(line.fitted(width: 27) == "type a number, Enter sets…")
        #expect(StatusLine.cutAtWord("one two", width: 4) == "one…")
        #expect(StatusLine.cutAtWord("one two", width: 7) == "one two")
        #expect(StatusLine.cutAtWord("window · paused", width: 10) == "window…")
        // One word wider than the room cannot be kept whole.
        #expect(StatusLine.cutAtWord("cross-correlation", width: 6) == "cross…")
        #expect(StatusLine.cutAtWord("anything", width: 0) == "")
        #expect(StatusLine([]).fitted(width: 10) == "")
    }

    @Test("a part's own joiner shows only after the part it belongs to")
    func joinerFollowsItsPart() {
        let line = StatusLine([Part("editing (0, 1)", .useful), Part("type a number", .urgent, joiner: ": "), Part("window 3/36", .useful)])
        #expect(line.text == "editing (0, 1): type a number · window 3/36")
        #expect(line.fitted(width: 30) == "editing (0, 1): type a number")
        #expect(line.fitted(width: 28) == "type a number")
        // After a dropped part the separator is the plain one.
        let detailFirst = StatusLine([Part("editing (0, 1)", .detail), Part("type a number", .urgent, joiner: ": "), Part("window 3/36", .useful)])
        #expect(detailFirst.fitted(width: 27) == "type a number · window 3/36")
    }

    @Test("a message keeps its first clause over what follows \"; \"")
    func messageClauses() {
        let parts = StatusLine.message("expected a number like 1,792; that did not count as a try")
        #expect(parts == [Part("expected a number like 1,792", .urgent), Part("that did not count as a try", .useful, joiner: "; ")])
        #expect(StatusLine(parts).text == "expected a number like 1,792; that did not count as a try")
        #expect(StatusLine(parts).fitted(width: 40) == "expected a number like 1,792")
        #expect(StatusLine(StatusLine.message("")).isEmpty)
        let line = StatusLine([Part("step 1", .detail)] + StatusLine.message("no more hints; s shows the answer"))
        #expect(line.width(atLeast: .useful) == "no more hints; s shows the answer".count)
        #expect(line.width(atLeast: .urgent) == "no more hints".count)
    }

    // MARK: the screens at 80×24

    /// The status row at 80×24 with trailing spaces removed: `status` from column 1, `bar`
    /// ending at column 78.
    static func row(_ status: String, bar: String) -> String {
        " " + status + String(repeating: " ", count: 78 - status.count - bar.count) + bar
    }

    /// The status row at 80×24: the text left of the key bar, and the whole row.
    static func statusRow(_ app: App) -> (status: String, row: String) {
        var app = app
        app.resize(width: 80, height: 24)
        let row = app.frame().trimmedLines[23]
        let status = row.components(separatedBy: "   ").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        return (status, row)
    }

    /// The row shows whole parts only: its status text is some of `status`'s parts, in order,
    /// joined by the line's rule; none is cut.
    static func expectWholeParts(_ shown: String, of status: StatusLine, sourceLocation: SourceLocation = #_sourceLocation) {
        let count = status.parts.count
        let choices = (1..<(1 << count)).map { mask in
            StatusLine.joined(status.parts, kept: (0..<count).filter { mask & (1 << $0) != 0 })
        }
        #expect(choices.contains(shown), "'\(shown)' is not made of whole parts of \(status.parts.map(\.text))", sourceLocation: sourceLocation)
    }

    @Test("every screen's status row at 80×24 is made of whole parts", arguments: GoldenScreenTests.everyScreen)
    func everyScreenShowsWholeParts(name: String) throws {
        let app = try GoldenScreenTests.app(named: name)
        let shown = Self.statusRow(app)
        #expect(!shown.status.isEmpty, "\(name) shows no status")
        Self.expectWholeParts(shown.status, of: app.currentScreen.status)
    }

    @Test("the paused stepper keeps its speed; the operation's name, shown above, makes way")
    func stepperKeepsItsSpeed() throws {
        var app = try App.demo(DemoRequest(name: "conv"))
        var shown = Self.statusRow(app)
        #expect(shown.row == Self.row("window 1/36 at row 0, col 0 · paused at 2 steps/s", bar: "? help  q quit"))
        _ = app.send(.key(.character("-")), .key(.character("-")))
        shown = Self.statusRow(app)
        #expect(shown.status == "window 1/36 at row 0, col 0 · paused at 0.5 steps/s")
        Self.expectWholeParts(shown.status, of: app.currentScreen.status)
    }

    @Test("the stepper keeps how to edit while editing, even after a refused number")
    func stepperKeepsHowToEdit() throws {
        var app = try App.demo(DemoRequest(name: "conv"))
        _ = app.send(.key(.character("e")), .key(.right))
        var shown = Self.statusRow(app)
        #expect(shown.status.contains("type a number, Enter sets, Esc leaves"))
        #expect(shown.status.hasPrefix("editing (0, 1): type a number"))
        // "-" alone is no number: the refusal and the way to edit cannot both fit in 61 columns.
        _ = app.send(.key(.character("-")), .key(.enter))
        let screen = try #require(app.currentScreen as? ConvStepperScreen)
        #expect(screen.message.hasPrefix("\"-\" is not a number"))
        shown = Self.statusRow(app)
        #expect(shown.status == "type a number, Enter sets, Esc leaves")
        Self.expectWholeParts(shown.status, of: app.currentScreen.status)
    }

    @Test("the pooling line drops the kind the header names, not the play state")
    func poolingKeepsItsState() throws {
        let app = try App.demo(DemoRequest(name: "pool"))
        let shown = Self.statusRow(app)
        #expect(shown.status == "window 1/36 at row 0, col 0 · channel 1/4 · paused")
        Self.expectWholeParts(shown.status, of: app.currentScreen.status)
    }

    @Test("a lesson's answer field keeps how to finish beside the reason an answer was not read")
    func lessonFieldKeepsHowToFinish() throws {
        var app = try GoldenScreenTests.courseApp("quiz")
        var shown = Self.statusRow(app)
        #expect(shown.row == Self.row("typing: Enter submits, Esc leaves the field", bar: "enter submit"))
        _ = app.send(.key(.character("x")), .key(.character("y")), .key(.enter))
        let player = try #require(app.currentScreen as? LessonPlayerScreen)
        #expect(player.isEditing && player.message.hasPrefix("expected "))
        shown = Self.statusRow(app)
        #expect(shown.status.hasPrefix("expected "))
        #expect(shown.status.hasSuffix(" · Enter submits, Esc leaves the field"))
        #expect(!shown.status.contains("that did not count"))
        Self.expectWholeParts(shown.status, of: app.currentScreen.status)
    }

    @Test("the paused dashboard shows its speed at 80×24")
    func dashboardKeepsItsSpeedWhilePaused() throws {
        let factory = FakeRunFactory(shape: TrainingDashboardScreenTests.midRun)
        var screen = TrainingDashboardScreen(setup: try TrainingDashboardScreenTests.setup(), context: AppContext(), makeRun: { factory.make($0) })
        _ = screen.updatePerformingEffects(.tick(milliseconds: 100))
        _ = screen.updatePerformingEffects(.key(.character(" ")))
        let run = try #require(factory.made.first)
        run.snapshot.status = .paused
        _ = screen.updatePerformingEffects(.tick(milliseconds: 100))
        #expect(screen.stateText == "paused")
        let lines = App(root: screen).frame().trimmedLines
        #expect(lines[1].hasPrefix("paused · 812 img/s · lr 0.05 (sgd)"))
        #expect(lines[23] == Self.row("probe: test image 1/20 (a 0)", bar: "space pause / resume  ? help  q quit"))
    }

    @Test("a failed run's line keeps the way on whole and lets the plain restart go")
    func dashboardFailureKeepsTheWayOn() throws {
        let factory = FakeRunFactory { snapshot in
            TrainingDashboardScreenTests.midRun(&snapshot)
            snapshot.status = .failed("the loss became NaN at batch 3")
        }
        var screen = TrainingDashboardScreen(setup: try TrainingDashboardScreenTests.setup(), context: AppContext(), makeRun: { factory.make($0) })
        _ = screen.updatePerformingEffects(.tick(milliseconds: 100))
        #expect(screen.statusLine == "training stopped: R starts again at learning rate 0.005, r at 0.05")
        let row = App(root: screen).frame().trimmedLines[23]
        #expect(row == Self.row("training stopped: R starts again at learning rate 0.005", bar: "? help  q quit"))
    }

    @Test("the dashboard's settings page, which takes every key as text, says how to finish")
    func dashboardSettingsSayHowToFinish() throws {
        let factory = FakeRunFactory(shape: TrainingDashboardScreenTests.midRun)
        var screen = TrainingDashboardScreen(setup: try TrainingDashboardScreenTests.setup(), context: AppContext(), makeRun: { factory.make($0) })
        _ = screen.update(.tick(milliseconds: 100))
        _ = screen.update(.key(.character("e")))
        #expect(screen.capturesText)
        // No "space pause / resume" beside it: space is typed here.
        #expect(App(root: screen).frame().trimmedLines[23] == " editing the run: Enter restarts it, Esc leaves it unchanged")
    }

    @Test("the screen's keys show only beside every part above detail")
    func keysYieldToUsefulParts() {
        // 78 columns: "? help  q quit" takes 14, the gap 3; the useful parts take 61 at most.
        let forty = String(repeating: "u", count: 40), fifty = String(repeating: "u", count: 50)
        // 40 + 3 + 29 for "k1 action one  ? help  q quit" fit in 78; the detail yields to the key.
        #expect(App(root: RankedStatusScreen(useful: forty)).frame().trimmedLines[23] == Self.row(forty, bar: "k1 action one  ? help  q quit"))
        // 50 + 3 + 29 do not: the key goes, and the detail fills the room it leaves.
        #expect(App(root: RankedStatusScreen(useful: fifty)).frame().trimmedLines[23] == Self.row(fifty + " · a detail", bar: "? help  q quit"))
    }
}

/// A screen whose status is one useful part and one detail, with one key.
struct RankedStatusScreen: Screen {
    var useful: String
    var title: String { "Ranked" }
    var keyBindings: [KeyBinding] { [KeyBinding("k1", "action one")] }
    var statusLine: String { status.text }
    var status: StatusLine { StatusLine([StatusLine.Part(useful, .useful), StatusLine.Part("a detail", .detail)]) }
    mutating func update(_ message: Message) -> [Effect] { [] }
    func render(into buffer: inout Buffer, area: Rect) {}
}
