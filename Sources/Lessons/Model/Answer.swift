/// An answer value: what an exercise expects and what a learner's input is read as.
public enum Answer: Hashable, Sendable {
    case number(Double)
    /// A window geometry that does not tile its input; `reason` shows the working, e.g.
    /// `(7 − 3 + 2·0)/3 + 1 = 2.33, not an integer`.
    case doesNotTile(reason: String)
    /// Sizes in the order written: `112x112x64` is [112, 112, 64].
    case shape([Int])
    case truth(Bool)
    /// The index of the chosen option, from 0.
    case choice(Int)
    case text(String)

    /// How the answer is shown to the learner: `1,792`, `112×112×64`, `b`, `true`.
    public var display: String {
        switch self {
        case let .number(value): AnswerFormat.number(value)
        case .doesNotTile: "does not tile"
        case let .shape(sizes): sizes.map(String.init).joined(separator: "×")
        case let .truth(value): value ? "true" : "false"
        case let .choice(index): AnswerFormat.letter(index)
        case let .text(text): text
        }
    }

    /// `display`, with a shape's axis order named: `7×7×512 (H×W×C)`, `5×5 (H×W)`. The course
    /// writes shapes height, width, channels; the engine and `convlab arch` print channels
    /// first, so every shape shown to a learner says which it is.
    public var labelledDisplay: String {
        guard case let .shape(sizes) = self, let order = Self.shapeOrder(rank: sizes.count) else { return display }
        return "\(display) (\(order))"
    }

    /// The course's axis order for a shape of `rank` sizes.
    public static func shapeOrder(rank: Int) -> String? {
        switch rank {
        case 2: "H×W"
        case 3: "H×W×C"
        default: nil
        }
    }

    /// The kind of value, for messages: "a number", "a shape".
    public var kindDescription: String {
        switch self {
        case .number, .doesNotTile: "a number"
        case .shape: "a shape"
        case .truth: "true or false"
        case .choice: "a choice"
        case .text: "a text"
        }
    }
}

/// How answers are written back to the learner.
public enum AnswerFormat {
    /// Whole numbers with thousands separators (138,357,544); others with up to four
    /// decimals, trailing zeros dropped (0.7311).
    public static func number(_ value: Double) -> String {
        if value.isFinite, value == value.rounded(), abs(value) < 1e18 {
            let whole = Int(value)
            let digits = String(abs(whole))
            var grouped = ""
            for (index, digit) in digits.enumerated() {
                if index > 0, (digits.count - index) % 3 == 0 { grouped.append(",") }
                grouped.append(digit)
            }
            return (whole < 0 ? "−" : "") + grouped
        }
        var text = String(format4(value))
        if text.hasPrefix("-") { text = "−" + text.dropFirst() }
        return text
    }

    private static func format4(_ value: Double) -> String {
        let scaled = (value * 10_000).rounded() / 10_000
        var text = "\(scaled)"
        if text.contains("e") { return text }
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }

    /// 0 → a, 1 → b, …
    public static func letter(_ index: Int) -> String {
        String(UnicodeScalar(UInt8(97 + min(max(index, 0), 25))))
    }
}
