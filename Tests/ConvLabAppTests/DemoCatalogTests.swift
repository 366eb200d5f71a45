import Synchronization
import Testing
import TerminalUI
@testable import ConvLabApp

@Suite("DemoCatalog and name suggestions")
struct DemoCatalogTests {
    @Test("makes a demo by name with its parameters checked by the demo")
    func makesDemos() throws {
        let screen = try testCatalog.make(DemoRequest(name: "counter", parameters: ["start": "3"]), context: AppContext())
        #expect((screen as? CounterDemo)?.count == 3)
        #expect(testCatalog.names == ["counter", "editor"])
        #expect(testCatalog.title(of: CounterDemo.self, context: AppContext()) == "Counter")
    }

    @Test("an unknown name lists the known ones and suggests the nearest")
    func unknownName() {
        #expect(throws: DemoCatalogError.unknownDemo(name: "countre", known: ["counter", "editor"], suggestion: "counter")) {
            try testCatalog.make(DemoRequest(name: "countre"), context: AppContext())
        }
        let error = DemoCatalogError.unknownDemo(name: "countre", known: ["counter", "editor"], suggestion: "counter")
        #expect(error.description == "unknown demo 'countre': did you mean 'counter'? the demos are counter, editor")
        let far = DemoCatalogError.unknownDemo(name: "zzz", known: ["counter"], suggestion: nil)
        #expect(far.description == "unknown demo 'zzz': the demos are counter")
        let none = DemoCatalogError.unknownDemo(name: "conv", known: [], suggestion: nil)
        #expect(none.description == "unknown demo 'conv': no demos are installed")
    }

    @Test("a refused parameter names the demo, the option and the reason")
    func badParameter() {
        #expect(throws: DemoCatalogError.badParameter(
            demo: "counter", DemoParameterError(parameter: "speed", message: "unknown option; counter takes --start"))
        ) {
            try testCatalog.validate(DemoRequest(name: "counter", parameters: ["speed": "2"]), context: AppContext())
        }
        let error = DemoCatalogError.badParameter(demo: "pool", DemoParameterError(parameter: "size", message: "must be at least 1"))
        #expect(error.description == "demo 'pool': --size: must be at least 1")
    }

    @Test("the program's own catalog has unique names and every demo opens without parameters")
    func programCatalog() throws {
        let catalog = DemoCatalog()
        #expect(Set(catalog.names).count == catalog.names.count)
        for name in catalog.names {
            _ = try catalog.make(DemoRequest(name: name), context: AppContext(colorCapability: .none))
        }
    }

    @Test("each demo's declared title is the title its screen shows when opened without parameters")
    func declaredTitles() throws {
        for demo in DemoCatalog.demos {
            // The draw demo names its network: at the start of a run the built-in one, later the
            // one the dashboard trained, which other tests in this process may have done.
            let parameters = ObjectIdentifier(demo) == ObjectIdentifier(DrawScreen.self) ? ["network": "builtin"] : [:]
            let screen = try demo.init(parameters: parameters, context: AppContext(colorCapability: .none))
            #expect(demo.defaultTitle == screen.title, "\(demo.demoName)")
        }
    }

    @Test("listing a demo builds no screen: the title is the declared one")
    func listingBuildsNothing() {
        let catalog = DemoCatalog(demos: [CountedDemo.self])
        #expect(catalog.title(of: CountedDemo.self, context: AppContext()) == "Counted")
        let home = HomeScreen(catalog: catalog)
        #expect(home.demos.map(\.title) == ["Counted"])
        #expect(CountedDemo.builds.withLock { $0 } == 0)
    }

    @Test("edit distance counts insertions, deletions and substitutions")
    func editDistance() {
        #expect(NameSuggestion.editDistance("kitten", "sitting") == 3)
        #expect(NameSuggestion.editDistance("", "pool") == 4)
        #expect(NameSuggestion.editDistance("conv", "") == 4)
        #expect(NameSuggestion.editDistance("conv", "conv") == 0)
        #expect(NameSuggestion.editDistance("cnov", "conv") == 2)
    }

    @Test("suggestions: near typos and prefixes are suggested, unrelated words are not")
    func suggestions() {
        let names = ["conv", "geometry", "pool"]
        #expect(NameSuggestion.nearest(to: "conw", among: names) == "conv")
        #expect(NameSuggestion.nearest(to: "geo", among: names) == "geometry")
        #expect(NameSuggestion.nearest(to: "Pool", among: names) == "pool")
        #expect(NameSuggestion.nearest(to: "geomtery", among: names) == "geometry")
        #expect(NameSuggestion.nearest(to: "xyz", among: names) == nil)
        #expect(NameSuggestion.nearest(to: "", among: names) == nil)
        #expect(NameSuggestion.nearest(to: "conv", among: []) == nil)
    }

    @Test("a parameter's keys read as a command-line option")
    func optionText() {
        #expect(KeyBinding("stride N", "").optionText == "--stride N")
        #expect(KeyBinding("--image NAME", "").optionText == "--image NAME")
    }
}

/// A demo that counts how often it is built, to show that listing it builds nothing.
private struct CountedDemo: DemoScreen {
    static let demoName = "counted"
    static let defaultTitle = "Counted"
    static let summary = "Counts its own construction."
    static let parameterHelp: [KeyBinding] = []
    static let builds = Mutex(0)

    init(parameters: [String: String], context: AppContext) throws(DemoParameterError) {
        Self.builds.withLock { $0 += 1 }
    }

    var title: String { "Counted" }
    var keyBindings: [KeyBinding] { [] }
    mutating func update(_ message: Message) -> [Effect] { [] }
    func render(into buffer: inout Buffer, area: Rect) {}
}
