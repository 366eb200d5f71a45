import ConvEngine

/// A dashboard run as one `convlab train` command line — the architecture, the optimiser and
/// its settings, the batch size, the epochs, the seed and the data — so a teacher can copy the
/// line from the dashboard (or from the file the settings page writes) and hand a class a
/// preset: pasted into a shell, it opens the same run in the dashboard.
///
/// Words are quoted for a POSIX shell: a word with anything beyond letters, digits and
/// `-_.,:/+=` goes in single quotes (a single quote inside becomes `'\''`). `words(of:)` undoes
/// exactly that quoting (and double quotes and backslashes, for a line a person edited).
public enum RunCommandLine {
    /// The command's words after `convlab train`.
    public static func arguments(for setup: TrainingDashboardSetup) -> [String] {
        let configuration = setup.configuration
        var words = ["--tui", "--arch", setup.architectureName, "--optimizer", configuration.optimizer.rawValue,
                     "--lr", number(configuration.learningRate)]
        if configuration.optimizer == .sgd { words += ["--momentum", number(configuration.momentum)] }
        if configuration.weightDecay != 0 { words += ["--weight-decay", number(configuration.weightDecay)] }
        words += ["--batch", String(configuration.batchSize), "--epochs", String(configuration.epochs), "--seed", String(configuration.seed)]
        if !configuration.shuffle { words.append("--no-shuffle") }
        return words + setup.dataOptions
    }

    /// `convlab train --tui --arch teaching-net --optimizer sgd --lr 0.05 …`, ready to paste.
    public static func text(for setup: TrainingDashboardSetup) -> String {
        (["convlab", "train"] + arguments(for: setup)).map(quoted).joined(separator: " ")
    }

    /// The shortest decimal that reads back as the same Float (Swift's description: 0.05,
    /// 1e-05), so the line restores the setting bit for bit.
    static func number(_ value: Float) -> String {
        value.description
    }

    /// `word` as one shell word.
    public static func quoted(_ word: String) -> String {
        let plain = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.,:/+=")
        if !word.isEmpty, word.allSatisfy(plain.contains) { return word }
        return "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// What went wrong splitting a line: an unclosed quote, at its column (from 1).
    public struct SplitError: Error, Equatable, CustomStringConvertible {
        public var column: Int
        public init(column: Int) { self.column = column }
        public var description: String { "column \(column): this quote is never closed" }
    }

    /// A line split into words as a POSIX shell splits it (quotes and backslashes; no
    /// variables, globs or other expansions).
    public static func words(of line: String) throws(SplitError) -> [String] {
        var words: [String] = []
        var current = ""
        var inWord = false
        var characters = Array(line).makeIterator()
        var column = 0
        func next() -> Character? {
            column += 1
            return characters.next()
        }
        while let character = next() {
            switch character {
            case " ", "\t", "\n":
                if inWord { words.append(current); current = ""; inWord = false }
            case "'":
                inWord = true
                let start = column
                while true {
                    guard let inner = next() else { throw SplitError(column: start) }
                    if inner == "'" { break }
                    current.append(inner)
                }
            case "\"":
                inWord = true
                let start = column
                while true {
                    guard let inner = next() else { throw SplitError(column: start) }
                    if inner == "\"" { break }
                    if inner == "\\", let escaped = next() {
                        if !"\"\\$`".contains(escaped) { current.append("\\") }
                        current.append(escaped)
                    } else {
                        current.append(inner)
                    }
                }
            case "\\":
                inWord = true
                if let escaped = next() { current.append(escaped) }
            default:
                inWord = true
                current.append(character)
            }
        }
        if inWord { words.append(current) }
        return words
    }
}
