import ConvEngine

/// Large counts as the notes write them: grouped in thousands (1,000,000) and as powers of ten
/// (10¹², or ≈ 2.5 × 10¹² when not an exact power).
enum CountText {
    /// `1,000,000`.
    static func grouped(_ value: Int) -> String { ArchitectureSummary.grouped(value) }

    /// `10¹²` for an exact power of ten, `≈ 2.5 × 10¹²` otherwise, `9` below 10,000.
    static func power(_ value: Int) -> String {
        guard value >= 10_000 else { return grouped(value) }
        var exponent = 0
        var scaled = Double(value)
        while scaled >= 10 {
            scaled /= 10
            exponent += 1
        }
        var power = 1
        for _ in 0..<exponent { power *= 10 }
        if power == value { return "10" + superscript(exponent) }
        var mantissa = (scaled * 10).rounded() / 10
        if mantissa >= 10 {
            mantissa /= 10
            exponent += 1
        }
        return "≈ \(mantissa) × 10" + superscript(exponent)
    }

    static func superscript(_ value: Int) -> String {
        let digits: [Character] = ["⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"]
        return String(String(value).map { digits[Int(String($0))!] })
    }
}
