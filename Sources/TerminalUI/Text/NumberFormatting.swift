import Foundation

/// Fixed-point number text shared by the numeric widgets, so a value reads the same in a grid,
/// a chart label and a bar.
public enum NumberFormatting {
    /// `value` with `decimals` digits after the point. A result that rounds to zero loses its
    /// minus sign (−0.001 at 2 decimals is "0.00", not "-0.00"); NaN is "nan", infinities
    /// "inf"/"-inf".
    public static func fixed(_ value: Double, decimals: Int) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value < 0 ? "-inf" : "inf" }
        let text = String(format: "%.\(max(decimals, 0))f", value)
        if text.hasPrefix("-"), text.dropFirst().allSatisfy({ $0 == "0" || $0 == "." }) {
            return String(text.dropFirst())
        }
        return text
    }

    /// `fixed` right-aligned in exactly `width` columns. When the text is too wide, decimals are
    /// dropped one at a time; when even zero decimals do not fit, the field is filled with `#`
    /// (a spreadsheet's sign for "too wide"), because a cut-off number would read as a
    /// different number.
    public static func fixed(_ value: Double, decimals: Int, width: Int) -> String {
        guard width > 0 else { return "" }
        var places = max(decimals, 0)
        while true {
            let text = fixed(value, decimals: places)
            if text.count <= width { return String(repeating: " ", count: width - text.count) + text }
            if places == 0 { return String(repeating: "#", count: width) }
            places -= 1
        }
    }

    /// `text` cut to `width` columns, ending in "…" when anything was cut.
    public static func truncated(_ text: String, width: Int) -> String {
        guard width > 0 else { return "" }
        guard text.count > width else { return text }
        return String(text.prefix(width - 1)) + "…"
    }

    /// `text` padded with spaces to `width` (truncated with "…" if longer), aligned as asked.
    public static func aligned(_ text: String, width: Int, alignment: Alignment) -> String {
        let fitted = truncated(text, width: width)
        let padding = max(width - fitted.count, 0)
        switch alignment {
        case .left: return fitted + String(repeating: " ", count: padding)
        case .right: return String(repeating: " ", count: padding) + fitted
        case .center:
            let left = padding / 2
            return String(repeating: " ", count: left) + fitted + String(repeating: " ", count: padding - left)
        }
    }
}
