/// A probability as the screens show it: a whole percentage, and the filled part of a bar.
///
/// A network whose weights grew huge while training (a learning rate far too high) gives ±∞
/// logits and NaN probabilities. Those show as "?%" and an empty bar, instead of trapping in
/// the conversion to `Int`; a probability is clamped to 0…1 before it is scaled.
enum ProbabilityText {
    /// "42%", or "?%" when `probability` is not a number.
    static func percent(_ probability: Float) -> String {
        guard probability.isFinite else { return "?%" }
        return "\(Int((min(max(probability, 0), 1) * 100).rounded()))%"
    }

    /// How many of a bar's `width` cells `probability` fills: 0…width, 0 when not a number.
    static func filledCells(_ probability: Float, width: Int) -> Int {
        guard probability.isFinite, width > 0 else { return 0 }
        return Int((Double(min(max(probability, 0), 1)) * Double(width)).rounded())
    }
}
