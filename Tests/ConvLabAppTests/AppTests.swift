import Testing
import TerminalUI
import TestSupport
@testable import ConvLabApp

@Suite("App: screen stack, keys and effects")
struct AppTests {
    @Test("Enter on home opens the demo under the cursor; q goes back to home")
    func openAndGoBack() {
        var app = App.home(catalog: testCatalog)
        var running = app.send(.key(.enter))
        #expect(running)
        #expect(app.screens.count == 2)
        let demo = app.frame().trimmedLines
        #expect(demo[0] == " ConvLab — Counter")
        #expect(demo[2] == "  count 0, ticks 0")
        #expect(demo[23] == " count 0                      + count one more  c close  x quit  ? help  q back")

        running = app.send(.character("+"), .character("+"))
        #expect(running)
        #expect(app.frame().trimmedLines[2] == "  count 2, ticks 0")

        running = app.send(.character("q"))
        #expect(running)
        #expect(app.screens.count == 1)
        expectLines(app.frame(), HomeScreenTests.homeAt80x24)
    }

    @Test("Esc goes back like q; q and Esc on home quit")
    func escapeAndQuit() {
        var app = App.home(catalog: testCatalog)
        var running = app.send(.key(.enter), .key(.escape))
        #expect(running)
        #expect(app.currentScreen.title == "Home")
        running = app.send(.character("q"))
        #expect(!running)
        var other = App.home(catalog: testCatalog)
        running = other.send(.key(.escape))
        #expect(!running)
    }

    @Test("a screen's .close pops it, .close on the bottom screen and .quit end the program")
    func effects() throws {
        var app = App.home(catalog: testCatalog)
        var running = app.send(.key(.enter), .character("c"))
        #expect(running)
        #expect(app.screens.count == 1)
        running = app.send(.key(.enter), .character("x"))
        #expect(!running)

        var direct = try App.demo(DemoRequest(name: "counter", parameters: ["start": "7"]), catalog: testCatalog)
        #expect(direct.frame().trimmedLines[2] == "  count 7, ticks 0")
        #expect(direct.frame().trimmedLines[23].hasSuffix("? help  q quit"))
        running = direct.send(.character("c"))
        #expect(!running)
    }

    @Test("? lists the screen's keys and then the app's; any key closes it without reaching the screen")
    func keyListOverlay() {
        var app = App.home(catalog: testCatalog)
        var running = app.send(.key(.enter), .character("?"))
        #expect(running)
        #expect(app.isShowingKeyList)
        let lines = app.frame().trimmedLines
        #expect(Array(lines[6...17]) == [
            "                  ┌ Keys: Counter ───────────────────────────┐",
            "                  │ +       count one more                   │",
            "                  │ c       close                            │",
            "                  │ x       quit                             │",
            "                  │ o       open another demo                │",
            "                  │                                          │",
            "                  │ ?       show or hide this key list       │",
            "                  │ ctrl-p  save this screen: text, pictures │",
            "                  │ q/Esc   back                             │",
            "                  │                                          │",
            "                  │ Press any key to close.                  │",
            "                  └──────────────────────────────────────────┘",
        ])
        #expect(lines[2] == "  count 0, ticks 0")

        // The closing key is swallowed: `+` does not count, and `q` does not go back.
        running = app.send(.character("+"))
        #expect(running)
        #expect(!app.isShowingKeyList)
        #expect(app.frame().trimmedLines[2] == "  count 0, ticks 0")
        running = app.send(.character("?"), .character("q"))
        #expect(running)
        #expect(app.screens.count == 2)
    }

    @Test("more keys than fit in one column flow into more columns, every one still listed")
    func keyListColumns() {
        var app = App(root: ManyKeysScreen(), catalog: testCatalog)
        let running = app.send(.character("?"))
        #expect(running)
        let text = app.frame().trimmedLines.joined(separator: "\n")
        for number in 1...30 {
            #expect(text.contains("k\(number) "), "k\(number) missing")
        }
        #expect(text.contains("? "))
        #expect(text.contains("q/Esc"))
        #expect(text.contains("Press any key to close."))
    }

    @Test("the status line keeps the app's keys and drops the screen's that do not fit")
    func statusLineTruncation() {
        let app = App(root: ManyKeysScreen(), catalog: testCatalog)
        #expect(app.frame().trimmedLines[23] == " a rather long status line that takes room   k1 action number 1  ? help  q quit")
    }

    @Test("a screen that captures text gets q, ? and Esc itself")
    func capturedText() {
        var app = App.home(catalog: testCatalog)
        var running = app.send(.key(.down), .key(.enter))
        running = app.send(.character("q"), .character("?"), .key(.escape))
        #expect(running)
        #expect(!app.isShowingKeyList)
        #expect(app.frame().trimmedLines[2] == "  text: q?⎋")
        running = app.send(.key(.enter))
        #expect(running)
        #expect(app.currentScreen.title == "Home")
    }

    @Test("an unknown demo shows the error and the nearest name in the status line, then clears")
    func unknownDemoInStatusLine() {
        var app = App.home(catalog: testCatalog)
        var running = app.send(.key(.enter), .character("o"))
        #expect(running)
        #expect(app.screens.count == 2)
        let frame = app.frame()
        #expect(frame.trimmedLines[23] == " unknown demo 'countr': did you mean 'counter'? the demos are counter, editor")
        #expect(frame.style(x: 1, y: 23).foreground == .red)
        running = app.send(.character("+"))
        #expect(running)
        #expect(app.statusError == nil)
        #expect(app.frame().trimmedLines[23].hasPrefix(" count 1 "))
    }

    @Test("a refused parameter shows which one and why, and nothing is opened")
    func badParameterInStatusLine() {
        var app = App.home(catalog: testCatalog)
        app.open(DemoRequest(name: "counter", parameters: ["start": "many"]))
        #expect(app.screens.count == 1)
        #expect(app.frame().trimmedLines[23] == " demo 'counter': --start: expected a whole number, got 'many'")
        app.open(DemoRequest(name: "editor", parameters: [:]))
        #expect(app.screens.count == 2)
        #expect(app.statusError == nil)
    }

    @Test("below 80×24 only the size message shows, q quits, and the app recovers when it grows")
    func tooSmall() {
        var app = App.home(catalog: testCatalog)
        var running = app.send(.resize(width: 60, height: 20))
        #expect(running)
        expectLines(app.frame(), [
            "", "", "", "", "", "", "", "", "",
            "   ConvLab needs at least 80×24; this terminal is 60×20.",
            "               Enlarge it or press q to quit.",
            "", "", "", "", "", "", "", "", "",
        ])
        // Other keys do nothing while too small: Enter does not open the demo.
        running = app.send(.key(.enter), .key(.escape), .character("?"))
        #expect(running)
        #expect(app.screens.count == 1)
        #expect(!app.isShowingKeyList)

        running = app.send(.resize(width: 80, height: 24))
        #expect(running)
        expectLines(app.frame(), HomeScreenTests.homeAt80x24)

        running = app.send(.resize(width: 80, height: 23), .character("q"))
        #expect(!running)
    }

    @Test("the message fits narrow and short terminals too")
    func tinyTerminal() {
        var app = App.home(catalog: testCatalog)
        var running = app.send(.resize(width: 30, height: 5))
        #expect(running)
        expectLines(app.frame(), [
            "    ConvLab needs at least",
            "   80×24; this terminal is",
            " 30×5. Enlarge it or press q",
            "           to quit.",
            "",
        ])
        running = app.send(.resize(width: 0, height: 0))
        #expect(running)
        #expect(app.frame().lines.isEmpty)
    }

    @Test("ticks reach the current screen: a bare tick as 100 ms, tick(milliseconds:) as given")
    func ticks() throws {
        var app = try App.demo(DemoRequest(name: "counter"), catalog: testCatalog)
        let running = app.send(.tick) && app.tick(milliseconds: 250)
        #expect(running)
        let counter = try #require(app.currentScreen as? CounterDemo)
        #expect(counter.tickedMilliseconds == [100, 250])
    }
}
