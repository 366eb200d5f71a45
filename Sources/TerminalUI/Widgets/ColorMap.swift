/// Maps numbers to colours for heatmaps.
///
/// - `.diverging` is for signed values (weights, gradients): blue for negative, white at 0, red
///   for positive. Negative values are scaled by |range.lowerBound| and positive ones by
///   range.upperBound, so 0 is always white even for a lopsided range.
/// - `.sequential` is for non-negative values (pixels, activations after ReLU): black at the
///   lower bound to white at the upper bound, which reads like a greyscale image and survives
///   quantisation to the 256-colour grey ramp.
public enum ColorMap: Hashable, Sendable {
    case diverging
    case sequential

    /// The diverging map's negative end. A clear blue rather than a muted one so that on
    /// 8-colour terminals it still quantises to blue (not cyan); on 256 colours it is entry 26.
    public static let divergingLow: (red: UInt8, green: UInt8, blue: UInt8) = (30, 60, 200)
    /// The diverging map's centre (value 0).
    public static let divergingMiddle: (red: UInt8, green: UInt8, blue: UInt8) = (255, 255, 255)
    /// The diverging map's positive end.
    public static let divergingHigh: (red: UInt8, green: UInt8, blue: UInt8) = (178, 24, 43)

    /// `.diverging` when any value is negative, `.sequential` otherwise.
    public static func automatic(for values: [[Float]]) -> ColorMap {
        values.joined().contains { $0 < 0 } ? .diverging : .sequential
    }

    /// The range the map should span when none is given: for `.diverging` symmetric about 0,
    /// −m…m with m = max |v|; for `.sequential` min…max. A degenerate range is widened (to
    /// −1…1 around 0, or v−1…v+1 / 0…v otherwise) so normalising never divides by zero.
    public func automaticRange(for values: [[Float]]) -> ClosedRange<Float> {
        let finite = values.joined().filter(\.isFinite)
        switch self {
        case .diverging:
            let magnitude = finite.map(abs).max() ?? 0
            return magnitude > 0 ? -magnitude...magnitude : -1...1
        case .sequential:
            guard let low = finite.min(), let high = finite.max() else { return 0...1 }
            if low < high { return low...high }
            return high > 0 ? 0...high : (high - 1)...(high + 1)
        }
    }

    /// The RGB colour of `value` under this map over `range` (values outside are clamped).
    /// NaN gets the terminal's default colour so a missing value does not pass for a number.
    public func color(for value: Float, range: ClosedRange<Float>) -> Color {
        guard !value.isNaN else { return .default }
        switch self {
        case .diverging:
            if value < 0 {
                let scale = range.lowerBound < 0 ? -range.lowerBound : 1
                return ColorMap.blend(ColorMap.divergingMiddle, ColorMap.divergingLow, Float(min(-value / scale, 1)))
            }
            let scale = range.upperBound > 0 ? range.upperBound : 1
            return ColorMap.blend(ColorMap.divergingMiddle, ColorMap.divergingHigh, Float(min(value / scale, 1)))
        case .sequential:
            let level = ColorMap.normalized(value, in: range)
            return ColorMap.blend((0, 0, 0), (255, 255, 255), level)
        }
    }

    /// The no-colour symbols of `.sequential`, from the low end of the range to the high end.
    /// Shades read as "more ink, more value" the way the grey ramp does, and none of them is a
    /// punctuation mark that could be read as arithmetic.
    public static let sequentialShades: [Character] = [" ", "░", "▒", "▓", "█"]
    /// The no-colour symbols of `.diverging` for positive values, by rising magnitude.
    public static let positiveShades: [Character] = ["░", "▒", "▓", "█"]
    /// The no-colour symbols of `.diverging` for negative values, by rising magnitude. Sign is
    /// carried by shape (circles below zero, blocks above) and magnitude by how much of the cell
    /// is filled, so a symbol answers both "which side of zero" and "how far" on its own.
    public static let negativeShades: [Character] = ["◦", "○", "◐", "●"]
    /// The no-colour symbol of a value that rounds to zero under `.diverging`: a small dot, the
    /// least ink of any symbol, so zero reads as nothing rather than as a sign.
    public static let zeroShade: Character = "·"

    /// The no-colour symbol of `value` over `range`; NaN shows as "?".
    ///
    /// `.sequential` uses the linear position in `range` (lower bound → " ", upper → "█").
    /// `.diverging` scales like `color(for:range:)`: negatives by |range.lowerBound|, positives
    /// by range.upperBound, so 0 is always `zeroShade` even for a lopsided range.
    public func asciiShade(for value: Float, range: ClosedRange<Float>) -> Character {
        guard !value.isNaN else { return "?" }
        switch self {
        case .sequential:
            let level = ColorMap.normalized(value, in: range)
            let shades = ColorMap.sequentialShades
            return shades[Int((level * Float(shades.count - 1)).rounded())]
        case .diverging:
            let scale = value < 0 ? (range.lowerBound < 0 ? -range.lowerBound : 1) : (range.upperBound > 0 ? range.upperBound : 1)
            let shades = value < 0 ? ColorMap.negativeShades : ColorMap.positiveShades
            let magnitude = min(abs(value) / scale, 1)
            let level = Int((magnitude * Float(shades.count)).rounded())
            return level == 0 ? ColorMap.zeroShade : shades[level - 1]
        }
    }

    /// The number of cells a legend ramp needs to show every no-colour symbol once.
    public var shadeCount: Int {
        switch self {
        case .sequential: ColorMap.sequentialShades.count
        case .diverging: ColorMap.negativeShades.count + 1 + ColorMap.positiveShades.count
        }
    }

    /// (value − low) / (high − low), clamped to 0…1.
    static func normalized(_ value: Float, in range: ClosedRange<Float>) -> Float {
        let span = range.upperBound - range.lowerBound
        guard span > 0 else { return 0.5 }
        return min(max((value - range.lowerBound) / span, 0), 1)
    }

    /// Linear interpolation between two RGB colours, `amount` 0 → `from`, 1 → `to`.
    static func blend(_ from: (UInt8, UInt8, UInt8), _ to: (UInt8, UInt8, UInt8), _ amount: Float) -> Color {
        func mix(_ start: UInt8, _ end: UInt8) -> UInt8 {
            UInt8((Float(start) + (Float(end) - Float(start)) * amount).rounded())
        }
        return .rgb(red: mix(from.0, to.0), green: mix(from.1, to.1), blue: mix(from.2, to.2))
    }
}
