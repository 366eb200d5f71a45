/// Why a window geometry has no output size. Every case renders as one sentence a learner can
/// act on; the wording lives here and nowhere else.
public enum GeometryError: Error, Equatable, Hashable, Sendable {
    /// A size, kernel, stride or dilation below 1.
    case notPositive(quantity: String, value: Int, axis: String?)
    /// Padding below 0.
    case negativePadding(Int, axis: String?)
    /// The window, D·(F − 1) + 1 wide, is wider than the padded input W + 2P.
    case kernelLargerThanInput(geometry: AxisGeometry, axis: String?)
    /// (W − F + 2P) is not a multiple of S.
    case doesNotTile(geometry: AxisGeometry, axis: String?)

    /// The same error attributed to an axis ("height", "width", "length").
    public func on(axis name: String) -> GeometryError {
        switch self {
        case let .notPositive(quantity, value, _): .notPositive(quantity: quantity, value: value, axis: name)
        case let .negativePadding(value, _): .negativePadding(value, axis: name)
        case let .kernelLargerThanInput(geometry, _): .kernelLargerThanInput(geometry: geometry, axis: name)
        case let .doesNotTile(geometry, _): .doesNotTile(geometry: geometry, axis: name)
        }
    }

    public var axis: String? {
        switch self {
        case let .notPositive(_, _, axis), let .negativePadding(_, axis),
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
        case let .kernelLargerThanInput(geometry, _):
            let window = geometry.dilation == 1
                ? "kernel \(geometry.kernelSize)"
                : "dilated kernel \(geometry.effectiveKernelSize) (\(geometry.kernelSize) taps, dilation \(geometry.dilation))"
            return "\(prefix)\(window) is larger than the padded input \(geometry.inputSize) + 2·\(geometry.padding) = \(geometry.paddedSize)"
        case let .doesNotTile(geometry, _):
            let value = Double(geometry.span) / Double(geometry.stride) + 1
            let uncovered = geometry.uncoveredInputs
            let noun = axis == "height" ? "rows" : axis == "width" ? "columns" : "positions"
            var text = "\(prefix)\(geometry.formula) = \(formatTwoDecimals(value)), not an integer: the windows do not tile the input"
            if !uncovered.isEmpty {
                text += "; input \(noun) \(uncovered.map(String.init).joined(separator: ", ")) would never be covered"
            }
            return text
        }
    }
}

/// 2.3333 → "2.33", 2.5 → "2.5": two decimals at most, trailing zeros dropped.
func formatTwoDecimals(_ value: Double) -> String {
    let hundredths = (value * 100).rounded()
    let whole = Int(hundredths) / 100
    let fraction = abs(Int(hundredths) % 100)
    if fraction == 0 { return "\(whole)" }
    if fraction % 10 == 0 { return "\(whole).\(fraction / 10)" }
    return "\(whole).\(fraction < 10 ? "0" : "")\(fraction)"
}
