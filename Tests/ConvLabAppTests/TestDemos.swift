@testable import ConvLabApp
import TerminalUI

/// A demo for the app's tests: counts `+` presses from `--start`, records ticks, and turns
/// keys into each kind of effect (`c` close, `x` quit, `o` open whatever `openRequest` says).
struct CounterDemo: DemoScreen {
    static let demoName = "counter"
    static let defaultTitle = "Counter"
    static let summary = "Counts key presses so the tests can see keys arrive."
    static let parameterHelp = [KeyBinding("start N", "the first count (a whole number)")]

    var count: Int
    var tickedMilliseconds: [Int] = []
    var openRequest = DemoRequest(name: "countr")

    init(parameters: [String: String], context: AppContext) throws(DemoParameterError) {
        for key in parameters.keys where key != "start" {
            throw DemoParameterError(parameter: key, message: "unknown option; counter takes --start")
        }
        guard let start = parameters["start"].map({ Int($0) }) ?? 0 else {
            throw DemoParameterError(parameter: "start", message: "expected a whole number, got '\(parameters["start"] ?? "")'")
        }
        count = start
    }

    var title: String { "Counter" }
    var keyBindings: [KeyBinding] {
        [KeyBinding("+", "count one more"), KeyBinding("c", "close"), KeyBinding("x", "quit"), KeyBinding("o", "open another demo")]
    }
    var statusLine: String { "count \(count)" }

    mutating func update(_ message: Message) -> [Effect] {
        switch message {
        case .tick(let milliseconds):
            tickedMilliseconds.append(milliseconds)
        case .key(.character("+")): count += 1
        case .key(.character("c")): return [.close]
        case .key(.character("x")): return [.quit]
        case .key(.character("o")): return [.open(openRequest)]
        default: break
        }
        return []
    }

    func render(into buffer: inout Buffer, area: Rect) {
        buffer.write("count \(count), ticks \(tickedMilliseconds.count)", x: area.x + 2, y: area.y + 1, clip: area)
    }
}

/// A demo that takes typed text, so `q`, `?` and Esc must reach it instead of the app.
struct EditorDemo: DemoScreen {
    static let demoName = "editor"
    static let defaultTitle = "Editor"
    static let summary = "A one-line text field."
    static let parameterHelp: [KeyBinding] = []

    var text = ""

    init(parameters: [String: String], context: AppContext) throws(DemoParameterError) {}

    var title: String { "Editor" }
    var keyBindings: [KeyBinding] { [KeyBinding("enter", "done")] }
    var capturesText: Bool { true }

    mutating func update(_ message: Message) -> [Effect] {
        switch message {
        case .key(.character(let character)): text.append(character)
        case .key(.escape): text.append("⎋")
        case .key(.enter): return [.close]
        default: break
        }
        return []
    }

    func render(into buffer: inout Buffer, area: Rect) {
        buffer.write("text: \(text)", x: area.x + 2, y: area.y + 1, clip: area)
    }
}

/// A screen with more keys than a status line or one overlay column can hold.
struct ManyKeysScreen: Screen {
    var title: String { "Many keys" }
    var keyBindings: [KeyBinding] {
        (1...30).map { KeyBinding("k\($0)", "action number \($0)") }
    }
    var statusLine: String { "a rather long status line that takes room" }
    mutating func update(_ message: Message) -> [Effect] { [] }
    func render(into buffer: inout Buffer, area: Rect) {}
}

var testCatalog: DemoCatalog { DemoCatalog(demos: [CounterDemo.self, EditorDemo.self]) }
