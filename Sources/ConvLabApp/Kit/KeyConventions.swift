import TerminalUI

/// What a key means across every demo, so a learner who knows one demo knows the keys of the
/// next. Each demo's `KeyMap` follows this table (a test checks that every key below is, in
/// every demo that handles it, described with the table's `concept`); the README's "Keys"
/// section is this table, and a test compares the two.
///
/// The rule behind the letters: the lowercase letter lowers a quantity or goes back, the
/// uppercase letter raises it or goes forward.
enum KeyConventions {
    struct Row: Sendable {
        /// The keys, as written in the README and in the help.
        var keys: String
        /// What they do, in every demo that has them.
        var meaning: String
        /// The keys the row covers, for the consistency test.
        var covered: [Key]
        /// A word every demo's help for these keys contains (nil: the meaning is too general
        /// to check by a word, such as moving).
        var concept: String?
    }

    static let rows: [Row] = [
        Row(keys: "←/→ (h/l)", meaning: "step back / forward, or move left / right", covered: [.left, .right, .character("h"), .character("l")], concept: nil),
        Row(keys: "Home/End", meaning: "jump to the first / last", covered: [.home, .end], concept: nil),
        Row(keys: "space", meaning: "play / pause", covered: [.character(" ")], concept: nil),
        Row(keys: "+/-", meaning: "raise / lower the speed or rate", covered: [.character("+"), .character("-")], concept: nil),
        Row(keys: "v", meaning: "switch the view (numbers, heat maps, scales)", covered: [.character("v")], concept: nil),
        Row(keys: "m", meaning: "switch the mode (max or average, shared or not, one channel or RGB)", covered: [.character("m")], concept: nil),
        Row(keys: "k/K", meaning: "kernel: previous / next, or size down / up", covered: [.character("k"), .character("K")], concept: "kernel"),
        Row(keys: "i/I", meaning: "image: previous / next, or size down / up", covered: [.character("i"), .character("I")], concept: "image"),
        Row(keys: "c/C", meaning: "channel: previous / next, or count down / up", covered: [.character("c"), .character("C")], concept: "channel"),
        Row(keys: "p/P", meaning: "padding down / up", covered: [.character("p"), .character("P")], concept: "padding"),
        Row(keys: "s/S", meaning: "stride down / up", covered: [.character("s"), .character("S")], concept: "stride"),
    ]

    /// The README's "Keys" table, line by line.
    static var markdownTable: [String] {
        ["| keys | in every demo |", "|---|---|"] + rows.map { "| `\($0.keys)` | \($0.meaning) |" }
    }
}
