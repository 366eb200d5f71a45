import Foundation

/// Reads the ways people write numbers, shapes and yes/no, for learners' answers and for the
/// values in lesson files alike. Pure functions; nil means "not readable as that".
public enum AnswerParser {
    /// `1792`, `1,792`, `1 792`, `1_792`, `−3`, `0.25`, `1e12`, `10^12`, `10¹²`, `2^24`,
    /// `1.5 × 10^6`. Thousands separators are dropped, so `0,5` reads as 5.
    public static func number(_ text: String) -> Double? {
        var cleaned = ""
        var inSuperscript = false
        for character in text.lowercased() {
            if let digit = superscripts[character] {
                // A run of superscript digits is an exponent: 10¹² reads as 10^12.
                if !inSuperscript { cleaned.append("^") }
                cleaned.append(digit)
                inSuperscript = true
                continue
            }
            if character == "⁻" {
                cleaned.append(inSuperscript ? "-" : "^-")
                inSuperscript = true
                continue
            }
            inSuperscript = false
            switch character {
            case " ", "\t", ",", "_", "\u{2009}", "\u{202F}", "\u{00A0}", "'": continue
            case "−", "–": cleaned.append("-")
            default: cleaned.append(character)
            }
        }
        guard !cleaned.isEmpty else { return nil }
        let factors = cleaned.split(separator: "×", omittingEmptySubsequences: false)
            .flatMap { $0.split(separator: "*", omittingEmptySubsequences: false) }
        var product = 1.0
        for factor in factors {
            guard let value = power(String(factor)) else { return nil }
            product *= value
        }
        return product.isFinite ? product : nil
    }

    private static func power(_ text: String) -> Double? {
        let parts = text.split(separator: "^", omittingEmptySubsequences: false)
        switch parts.count {
        case 1: return plain(String(parts[0]))
        case 2:
            guard let base = plain(String(parts[0])), let exponent = plain(String(parts[1])) else { return nil }
            return Foundation.pow(base, exponent)
        default: return nil
        }
    }

    private static func plain(_ text: String) -> Double? {
        guard !text.isEmpty, text.allSatisfy({ $0.isASCII && ($0.isNumber || "+-.e".contains($0)) }),
              text.first.map({ $0.isNumber || "+-.".contains($0) }) ?? false
        else { return nil }
        return Double(text)
    }

    private static let superscripts: [Character: Character] = [
        "⁰": "0", "¹": "1", "²": "2", "³": "3", "⁴": "4", "⁵": "5", "⁶": "6", "⁷": "7", "⁸": "8", "⁹": "9",
    ]

    /// A number that is whole and fits in an `Int`.
    public static func integer(_ text: String) -> Int? {
        guard let value = number(text), value == value.rounded(), abs(value) < 9.2e18 else { return nil }
        return Int(value)
    }

    /// `112x112x64`, `112 × 112 × 64`, `112X112X64`, `(112, 112, 64)`, `112 112 64`, `5x5`.
    public static func shape(_ text: String) -> [Int]? {
        var cleaned = text.lowercased()
        for bracket in ["(", ")", "[", "]"] { cleaned = cleaned.replacingOccurrences(of: bracket, with: " ") }
        for separator in ["×", "x", "*", ","] { cleaned = cleaned.replacingOccurrences(of: separator, with: " x ") }
        let words = cleaned.split(whereSeparator: { $0 == " " || $0 == "\t" }).filter { $0 != "x" }
        guard !words.isEmpty else { return nil }
        var sizes: [Int] = []
        for word in words {
            guard word.allSatisfy(\.isNumber), let size = Int(word) else { return nil }
            sizes.append(size)
        }
        return sizes
    }

    /// true/false, t/f, yes/no, y/n, 1/0, ignoring case.
    public static func truth(_ text: String) -> Bool? {
        switch normalizedText(text) {
        case "true", "t", "yes", "y", "1": true
        case "false", "f", "no", "n", "0": false
        default: nil
        }
    }

    /// "does not tile", "doesn't tile", "not integer", "no integer", …: the learner saying a
    /// window geometry has no whole output size.
    public static func saysDoesNotTile(_ text: String) -> Bool {
        let words = normalizedText(text).replacingOccurrences(of: "'", with: "").replacingOccurrences(of: "’", with: "")
        return [
            "doesnottile", "doesnttile", "nottile", "notiling", "doesnotfit", "doesntfit", "notaninteger",
            "notinteger", "noninteger", "fails", "itfails", "invalid", "none",
        ].contains(words)
    }

    /// Lowercased, every space removed and a final full stop dropped: how free text compares.
    public static func normalizedText(_ text: String) -> String {
        var result = String(text.lowercased().filter { !$0.isWhitespace })
        while result.hasSuffix(".") { result.removeLast() }
        return result
    }
}
