import Foundation
import Testing
import TerminalUI
@testable import ConvLabApp

@Suite("KeyMap: one table for a screen's keys, help and handling")
struct KeyMapTests {
    enum Action: Equatable, Sendable { case back, forward, lower, raise, play }

    static let map = KeyMap<Action>([
        .init(presses: [(.left, .back), (.right, .forward)], "step back / forward", aliases: [(.character("h"), .back)]),
        .pair(lower: "p", raise: "P", "padding down / up", lower: .lower, raise: .raise),
        .init([.character(" ")], "play / pause", .play),
        .init(presses: [], "", aliases: [(.enter, .play)]),
    ])

    @Test("a key finds its action, aliases included; an unknown key finds none")
    func dispatch() {
        #expect(Self.map.action(for: .left) == .back)
        #expect(Self.map.action(for: .character("h")) == .back)
        #expect(Self.map.action(for: .character("P")) == .raise)
        #expect(Self.map.action(for: .character("p")) == .lower)
        #expect(Self.map.action(for: .enter) == .play)
        #expect(Self.map.action(for: .character("x")) == nil)
    }

    @Test("the help lists shown keys only, written as the learner reads them")
    func bindings() {
        #expect(Self.map.bindings == [
            KeyBinding("←/→", "step back / forward"), KeyBinding("p/P", "padding down / up"), KeyBinding("space", "play / pause"),
        ])
        #expect(KeyMap<Action>.name(of: .backTab) == "shift-tab")
        #expect(KeyMap<Action>.name(of: .pageDown) == "PgDn")
    }

    /// The demos as the catalog makes them with no parameters.
    static func demos() throws -> [any Screen] {
        let catalog = DemoCatalog()
        return try catalog.names.map { try catalog.make(DemoRequest(name: $0), context: AppContext(colorCapability: .none)) }
    }

    /// The single keys a help row covers: `k/K ←/→` is k, K, ← and →.
    static func keys(of binding: KeyBinding) -> [String] {
        binding.keys.split(whereSeparator: { $0 == "/" || $0 == " " }).map(String.init)
    }

    @Test("every demo gives the convention's keys the convention's meaning")
    func demosFollowTheConventions() throws {
        for screen in try Self.demos() {
            for binding in screen.keyBindings {
                let keys = Self.keys(of: binding)
                for row in KeyConventions.rows {
                    guard let concept = row.concept else { continue }
                    let conventionKeys = row.covered.map { KeyMap<Never>.name(of: $0) }
                    guard keys.contains(where: conventionKeys.contains) else { continue }
                    #expect(binding.action.contains(concept), "\(screen.title): \(binding.keys) is \"\(binding.action)\", but \(row.keys) means \(row.meaning)")
                }
            }
        }
    }

    @Test("no demo lists one key twice")
    func demosListEachKeyOnce() throws {
        for screen in try Self.demos() {
            let keys = screen.keyBindings.flatMap(Self.keys(of:)).filter { $0 != "arrows" && !$0.contains("–") }
            #expect(Set(keys).count == keys.count, "\(screen.title): \(keys)")
        }
    }

    @Test("the README's key table is the one the code uses")
    func readmeTable() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        let lines = readme.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let start = try #require(lines.firstIndex(of: "### Keys"), "README.md has a \"### Keys\" section")
        let table = lines[(start + 1)...].drop { !$0.hasPrefix("|") }.prefix { $0.hasPrefix("|") }
        #expect(Array(table) == KeyConventions.markdownTable)
    }
}
