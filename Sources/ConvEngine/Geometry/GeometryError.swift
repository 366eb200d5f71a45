/// Why a window geometry has no output size. Every case renders as one sentence a learner can
/// act on; the wording lives here and nowhere else.
public enum GeometryError: Error, Equatable, Hashable, Sendable {
    /// A size, kernel, stride or dilation below 1.
    case notPositive(quantity: String, value: Int, axis: String?)
    /// Padding below 0.
    case negativePadding(Int, axis: String?)
    /// A size, kernel, padding, stride or dilation above `limit` (`Limits.side`), refused
    /// before any arithmetic so it cannot overflow or ask for a huge loop.
    case tooLarge(quantity: String, value: Int, limit: Int, axis: String?)
    /// The window, D·(F − 1) + 1 wide, is wider than the padded input W + 2P.
    case kernelLargerThanInput(geometry: AxisGeometry, axis: String?)
    /// (W − F + 2P) is not a multiple of S.
    case doesNotTile(geometry: AxisGeometry, axis: String?)

    /// The same error attributed to an axis ("height", "width", "length").
    public func on(axis name: String) -> GeometryError {
        switch self {
        case let .notPositive(quantity, value, _): .notPositive(quantity: quantity, value: value, axis: name)
        case let .negativePadding(value, _): .negativePadding(value, axis: name)
        case let .tooLarge(quantity, value, limit, _): .tooLarge(quantity: quantity, value: value, limit: limit, axis: name)
        case let .kernelLargerThanInput(geometry, _): .kernelLargerThanInput(geometry: geometry, axis: name)
        case let .doesNotTile(geometry, _): .doesNotTile(geometry: geometry, axis: name)
        }
    }

    public var axis: String? {
        switch self {
        case let .notPositive(_, _, axis), let .negativePadding(_, axis), let .tooLarge(_, _, _, axis),
            let .kernelLargerThanInput(_, axis), let .doesNotTile(_, axis):
            axis
        }
    }
}

extension GeometryError: CustomStringConvertible {
    public var description: String {
        let prefix = axis.map { "\($0): " } ?? ""
        switch self {
        case let .notPositive(quantity, value, _):
            return "\(prefix)\(quantity) must be at least 1, got \(value)"
        case let .negativePadding(value, _):
            return "\(prefix)padding must be 0 or more, got \(value)"
        case let .tooLarge(quantity, value, limit, _):
            return "\(prefix)\(quantity) must be at most \(limit), got \(value)"
        case let .kernelLargerThanInput(geometry, _):
            let window = geometry.dilation == 1
                ? "kernel \(geometry.kernelSize)"
                : "dilated kernel \(geometry.effectiveKernelSize) (\(geometry.kernelSize) taps, dilation \(geometry.dilation))"
            return "\(prefix)\(window) is larger than the padded input \(geometry.inputSize) + 2·\(geometry.padding) = \(geometry.paddedSize)"
        case let .doesNotTile(geometry, _):
            let noun = axis == "height" ? "rows" : axis == "width" ? "columns" : "positions"
            var text = "\(prefix)\(geometry.formula) = \(Self.fractionalValue(geometry)), not an integer: the windows do not tile the input"
            let uncovered = geometry.uncoveredInputs
            if !uncovered.isEmpty {
                text += "; input \(noun) \(Self.list(uncovered)) would never be covered"
            }
            return text
        }
    }

    /// The formula's value, 2.33, or as an exact fraction (16385/16384) when two decimals would
    /// round it to a whole number and so contradict "not an integer".
    private static func fractionalValue(_ geometry: AxisGeometry) -> String {
        let decimal = formatTwoDecimals(Double(geometry.span) / Double(geometry.stride) + 1)
        if decimal.contains(".") { return decimal }
        let (numerator, denominator) = geometry.exactOutput
        return "\(numerator)/\(denominator)"
    }

    /// The most positions a message lists before summarising the rest; a 16,384-wide input
    /// with a large stride can leave thousands uncovered.
    static let listedPositions = 12

    /// `1, 3`, or `0, 1, …, 11 and 4084 more`.
    private static func list(_ positions: [Int]) -> String {
        let shown = positions.prefix(listedPositions).map(String.init).joined(separator: ", ")
        let rest = positions.count - listedPositions
        return rest > 0 ? "\(shown) and \(rest) more" : shown
    }
}

/// 2.3333 → "2.33", 2.5 → "2.5": two decimals at most, trailing zeros dropped.
func formatTwoDecimals(_ value: Double) -> String {
    let hundredths = (value * 100).rounded()
    // Beyond Int's range (or not a number) the conversion below would trap.
    guard hundredths.isFinite, abs(hundredths) < 9e18 else { return "\(value)" }
    let whole = Int(hundredths) / 100
    let fraction = abs(Int(hundredths) % 100)
    if fraction == 0 { return "\(whole)" }
    if fraction % 10 == 0 { return "\(whole).\(fraction / 10)" }
    return "\(whole).\(fraction < 10 ? "0" : "")\(fraction)"
}
