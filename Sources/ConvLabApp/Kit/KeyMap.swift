import TerminalUI

/// A screen's keys in one table: which keys, what each does (the action the screen's `update`
/// switches over) and the help text. The `?` overlay and the status bar's key help are made
/// from `bindings`, and the screen finds what a key does with `action(for:)`, so the help
/// cannot list a key the screen ignores nor miss one it handles.
///
/// ```swift
/// static let keyMap = KeyMap<Action>([
///     .init([.right, .character("l")], "next window", .forward),
///     .pair(lower: "p", raise: "P", "padding down / up", lower: .padding(-1), raise: .padding(1)),
/// ])
/// ```
struct KeyMap<Action: Sendable>: Sendable {
    /// One row of the help: the keys written together (`p/P`) and what they do.
    struct Entry: Sendable {
        /// Keys shown in the help, each with its action.
        var presses: [(key: Key, action: Action)]
        /// Keys that do the same as a shown one but are not listed (`=` beside `+`, which
        /// needs no shift on most keyboards).
        var aliases: [(key: Key, action: Action)]
        var help: String
        /// How the keys are written when the generated `→/l` would not read well (`1–4`).
        var label: String?

        /// Keys that all do `action`.
        init(_ keys: [Key], _ help: String, _ action: Action, aliases: [Key] = [], label: String? = nil) {
            self.presses = keys.map { ($0, action) }
            self.aliases = aliases.map { ($0, action) }
            self.help = help
            self.label = label
        }

        /// Keys with their own actions, shown as one row (`n/N`, `1–4`).
        init(presses: [(key: Key, action: Action)], _ help: String, aliases: [(key: Key, action: Action)] = [], label: String? = nil) {
            self.presses = presses
            self.aliases = aliases
            self.help = help
            self.label = label
        }

        /// The app's rule for a quantity: the lowercase letter lowers it, the uppercase raises it.
        static func pair(lower: Character, raise: Character, _ help: String, lower lowerAction: Action, raise raiseAction: Action) -> Entry {
            Entry(presses: [(.character(lower), lowerAction), (.character(raise), raiseAction)], help)
        }

        /// The keys as the learner reads them: `→/l`, `space`, `p/P`.
        var keysText: String { label ?? presses.map { KeyMap.name(of: $0.key) }.joined(separator: "/") }
    }

    var entries: [Entry]

    init(_ entries: [Entry]) {
        self.entries = entries
    }

    /// What `key` does on this screen; nil for a key the screen does not handle.
    func action(for key: Key) -> Action? {
        for entry in entries {
            if let press = (entry.presses + entry.aliases).first(where: { $0.key == key }) { return press.action }
        }
        return nil
    }

    /// The rows of the `?` overlay and the key-help bar, in table order. An entry with only
    /// aliases is handled but not listed.
    var bindings: [KeyBinding] { entries.filter { !$0.presses.isEmpty }.map { KeyBinding($0.keysText, $0.help) } }

    /// Every key the table handles, shown or not.
    var keys: [Key] { entries.flatMap { ($0.presses + $0.aliases).map(\.key) } }

    /// How a key is written in help: arrows as arrows, named keys by name, letters as themselves.
    static func name(of key: Key) -> String {
        switch key {
        case .character(" "): "space"
        case .character(let character): String(character)
        case .control(let character): "ctrl-\(character)"
        case .up: "↑"
        case .down: "↓"
        case .left: "←"
        case .right: "→"
        case .enter: "enter"
        case .escape: "Esc"
        case .backspace: "backspace"
        case .tab: "tab"
        case .backTab: "shift-tab"
        case .delete: "delete"
        case .pageUp: "PgUp"
        case .pageDown: "PgDn"
        case .home: "Home"
        case .end: "End"
        case .function(let number): "F\(number)"
        }
    }
}
