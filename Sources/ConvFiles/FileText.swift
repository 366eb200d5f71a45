import ConvEngine

/// Text taken from a file and quoted in an error, made fit for one line: a header key, a
/// token or a member name may hold newlines, escape sequences or a megabyte of digits, and
/// printed raw they would break the line, or the terminal.
enum FileText {
    /// The most characters of one quoted value.
    static let excerptLength = 40

    /// `text` cut to `excerptLength` characters, with "…" when something was cut.
    static func excerpt(_ text: String) -> String {
        text.prefix(excerptLength + 1).count > excerptLength ? text.prefix(excerptLength) + "…" : text
    }

    /// `text` with every control character (newline, escape, …) written as a Swift escape,
    /// `\n` or `\u{1B}`, so the message stays one line and prints no terminal commands.
    static func oneLine(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            if scalar.properties.generalCategory == .control {
                result += scalar == "\n" ? "\\n" : scalar == "\t" ? "\\t" : scalar == "\r" ? "\\r"
                    : "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
