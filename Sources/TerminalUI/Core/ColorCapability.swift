/// How many colours the terminal can show, from none to the 256-colour palette.
///
/// Ordered: `.none < .eight < .full256`. Widgets that must change their layout without colour
/// (the `Heatmap`'s ASCII fallback) take a capability; everything else draws with any `Color`
/// and lets the backend resolve it.
public enum ColorCapability: Int, Comparable, Hashable, Sendable, CaseIterable {
    case none = 0
    case eight = 1
    case full256 = 2

    public static func < (lhs: ColorCapability, rhs: ColorCapability) -> Bool { lhs.rawValue < rhs.rawValue }

    /// Chooses the capability from what the terminal reports and the environment.
    ///
    /// `NO_COLOR` set to any non-empty value disables colour (https://no-color.org); so does a
    /// terminal without colours. 256 or more colours give `.full256`, 8 or more `.eight`.
    /// - Parameters:
    ///   - hasColors: ncurses `has_colors()` after `start_color()`.
    ///   - colorCount: ncurses `COLORS`.
    ///   - environment: usually `ProcessInfo.processInfo.environment`.
    public static func detect(hasColors: Bool, colorCount: Int, environment: [String: String]) -> ColorCapability {
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return .none }
        guard hasColors else { return .none }
        if colorCount >= 256 { return .full256 }
        if colorCount >= 8 { return .eight }
        return .none
    }
}
