import Testing
import TerminalUI
import TestSupport
@testable import ConvLabApp

@Suite("HomeScreen")
struct HomeScreenTests {
    /// The home screen at the minimum size, title and status bars included.
    static let homeAt80x24 = [
        " ConvLab — Home",
        "",
        "  ConvLab teaches convolutional neural networks by running them. The lessons",
        "  are the course: each explains an idea, opens the demo that shows it and asks",
        "  questions. The demos are labs of their own, all run by one engine.",
        "",
        "  Move with ↑/↓ and press Enter to open. On every screen ? lists all of its",
        "  keys, and q or Esc goes back; q here quits.",
        "",
        "  Demos",
        "  › counter  Counter  Counts key presses so the tests can see keys arrive.",
        "    editor   Editor   A one-line text field.",
        "",
        "  counter — Counter",
        "  Counts key presses so the tests can see keys arrive.",
        "  Options:",
        "    --start N  the first count (a whole number)",
        "  From a shell: convlab demo counter",
        "",
        "",
        "",
        "",
        "",
        " demo 1 of 2        ↑/↓ move  enter open  Home/End first / last  ? help  q quit",
    ]

    static func rendered(_ app: App, width: Int = 80, height: Int = 24) -> Buffer {
        var buffer = Buffer(width: width, height: height)
        app.render(into: &buffer)
        return buffer
    }

    @Test("at 80×24: welcome, the demos with the cursor on the first, its details, both bars")
    func homeAtMinimumSize() {
        let buffer = Self.rendered(App.home(catalog: testCatalog))
        expectLines(buffer, Self.homeAt80x24)
        // The cursor row is reversed across the content width and nowhere else in the body.
        let reversed = buffer.styleMask { style in style.reverse }
        #expect(reversed[10] == ".." + String(repeating: "#", count: 76) + "..")
        #expect(reversed[11] == String(repeating: ".", count: 80))
        // The title bar is reversed across the whole width.
        #expect(reversed[0] == String(repeating: "#", count: 80))
    }

    @Test("↓ moves the cursor down, ↑ up, clamped at both ends; Home/End jump")
    func cursorMovement() {
        var home = HomeScreen(catalog: testCatalog)
        #expect(home.cursor == 0)
        _ = home.update(.key(.up))
        #expect(home.cursor == 0)
        _ = home.update(.key(.down))
        #expect(home.cursor == 1)
        #expect(home.statusLine == "demo 2 of 2")
        _ = home.update(.key(.down))
        #expect(home.cursor == 1)
        _ = home.update(.key(.up))
        #expect(home.cursor == 0)
        _ = home.update(.key(.character("k")))
        #expect(home.cursor == 0, "k is the kernel in the demos, so it does not move the list")
        _ = home.update(.key(.end))
        #expect(home.selectedEntry?.name == "editor")
        _ = home.update(.key(.home))
        #expect(home.selectedEntry?.name == "counter")
    }

    @Test("the moved cursor marks the second row and its details replace the first's")
    func cursorMovesInTheRendering() {
        var app = App.home(catalog: testCatalog)
        let running = app.send(.key(.down))
        #expect(running)
        let lines = app.frame().trimmedLines
        #expect(lines[10] == "    counter  Counter  Counts key presses so the tests can see keys arrive.")
        #expect(lines[11] == "  › editor   Editor   A one-line text field.")
        #expect(Array(lines[13...16]) == [
            "  editor — Editor", "  A one-line text field.", "  From a shell: convlab demo editor", "",
        ])
    }

    @Test("Enter asks to open the selected demo without parameters")
    func enterOpens() {
        var home = HomeScreen(catalog: testCatalog)
        _ = home.update(.key(.down))
        #expect(home.update(.key(.enter)) == [.open(DemoRequest(name: "editor"))])
        #expect(home.update(.key(.character("x"))) == [])
        #expect(home.update(.tick(milliseconds: 100)) == [])
    }

    @Test("titles come from the demos themselves, summaries and options from their types")
    func entriesFromTheCatalog() {
        let home = HomeScreen(catalog: testCatalog)
        #expect(home.demos.map(\.title) == ["Counter", "Editor"])
        #expect(home.demos[0].parameters == [KeyBinding("start N", "the first count (a whole number)")])
        #expect(home.lessons.isEmpty)
    }

    @Test("no Lessons heading while there are no lessons; a list above the demos once there are")
    func lessonsSection() {
        let empty = Self.rendered(App.home(catalog: testCatalog)).trimmedLines
        #expect(!empty.contains { $0.contains("Lessons") })

        let lesson = HomeScreen.Entry(
            name: "1", title: "What a convolution computes", summary: "Dot products of a window and a kernel.",
            request: DemoRequest(name: "counter", parameters: ["start": "5"]))
        var home = HomeScreen(catalog: testCatalog, lessons: [lesson])
        var buffer = Buffer(width: 80, height: 22)
        home.render(into: &buffer, area: buffer.area)
        #expect(Array(buffer.trimmedLines[8...13]) == [
            "  Lessons",
            "  › 1        What a convolution computes  Dot products of a window and a kern…",
            "",
            "  Demos",
            "    counter  Counter                      Counts key presses so the tests can…",
            "    editor   Editor                       A one-line text field.",
        ])
        #expect(home.statusLine == "lesson 1 of 1")
        #expect(home.update(.key(.enter)) == [.open(DemoRequest(name: "counter", parameters: ["start": "5"]))])
        _ = home.update(.key(.end))
        #expect(home.statusLine == "demo 2 of 2")
        #expect(home.update(.key(.enter)) == [.open(DemoRequest(name: "editor"))])
    }

    @Test("the cursor starts on the first lesson not yet finished, or the first entry when all are")
    func cursorResumesTheCourse() {
        func lesson(_ id: String, finished: Bool) -> HomeScreen.Entry {
            HomeScreen.Entry(lessonID: id, title: id, summary: "", standing: LessonStanding(correct: 0, total: 1, finished: finished))
        }
        let resuming = HomeScreen(catalog: testCatalog, lessons: [lesson("a", finished: true), lesson("b", finished: true), lesson("c", finished: false)])
        #expect(resuming.cursor == 2 && resuming.statusLine == "lesson 3 of 3")
        #expect(HomeScreen(catalog: testCatalog, lessons: [lesson("a", finished: true)]).cursor == 0)
    }

    @Test("with no demos installed the list says so instead of showing nothing")
    func noDemos() {
        let lines = Self.rendered(App.home(catalog: DemoCatalog(demos: []))).trimmedLines
        #expect(lines[9] == "  Demos")
        #expect(lines[10] == "    No demos are installed in this build.")
        #expect(lines[23] == "                    ↑/↓ move  enter open  Home/End first / last  ? help  q quit")
    }

    @Test("from 120 columns the details stand in a box beside the lists")
    func wideLayout() {
        let lines = Self.rendered(App.home(catalog: testCatalog, width: 200, height: 60), width: 200, height: 60).trimmedLines
        #expect(lines[2].hasSuffix("┌ counter — Counter ───────────────────────────────────────────────────┐"))
        #expect(lines[6].hasSuffix("│ From a shell: convlab demo counter                                   │"))
        #expect(lines[7].hasSuffix("└──────────────────────────────────────────────────────────────────────┘"))
        // The lists take the width the box leaves (120 columns here), so the welcome wraps
        // into fewer rows and the first entry comes right under it.
        let counterRow = lines.firstIndex(of: "  › counter  Counter  Counts key presses so the tests can see keys arrive.")
        #expect(counterRow.map { $0 < 10 } == true)
        #expect(lines[59].hasPrefix(" demo 1 of 2 "))
        #expect(lines[59].hasSuffix("↑/↓ move  enter open  Home/End first / last  ? help  q quit"))
    }

    @Test("a long list scrolls so the cursor stays visible")
    func scrolling() {
        let entries = (1...30).map { HomeScreen.Entry(name: "d\($0)", title: "Demo \($0)", summary: "", request: DemoRequest(name: "d\($0)")) }
        var home = HomeScreen(demos: entries)
        for _ in 1...25 { _ = home.update(.key(.down)) }
        var buffer = Buffer(width: 80, height: 22)
        home.render(into: &buffer, area: buffer.area)
        #expect(buffer.trimmedLines.contains("  › d26  Demo 26"))
        #expect(!buffer.trimmedLines.contains("  Demos"))
    }
}

@Suite struct HomeScreenSummaryWidthTests {
    /// With the real demos at 80 columns the titles leave only a few columns, where a cut
    /// summary ("Step a…") would say nothing; it is left out and the details show it whole.
    @Test func summariesNarrowerThanTwentyColumnsAreLeftOut() {
        let screen = HomeScreen(catalog: DemoCatalog(), lessons: [], context: AppContext(colorCapability: .none))
        var buffer = Buffer(width: 80, height: 22)
        screen.render(into: &buffer, area: buffer.area)
        let row = buffer.trimmedLines.first { $0.contains("geometry") && $0.contains("Geometry explorer") }
        #expect(row != nil)
        #expect(row.map { !$0.contains("…") } == true, "\(row ?? "")")
    }
}
