/// One line of key bindings: `q quit  ←/→ move  ? help`.
///
/// Keys are drawn in `keyStyle`, actions in `actionStyle`, entries two spaces apart. Entries
/// that do not fit whole are dropped from the end and replaced by "…" (when there is room for
/// it), so a narrow terminal never shows half a binding.
public struct KeyHelpBar: Widget {
    public var bindings: [(key: String, action: String)]
    public var keyStyle: Style
    public var actionStyle: Style

    public init(_ bindings: [(key: String, action: String)], keyStyle: Style = Style(bold: true), actionStyle: Style = Style(dim: true)) {
        self.bindings = bindings
        self.keyStyle = keyStyle
        self.actionStyle = actionStyle
    }

    public func render(into buffer: inout Buffer, area: Rect) {
        guard !area.isEmpty else { return }
        let separator = 2
        var x = area.x
        for (index, binding) in bindings.enumerated() {
            let entryWidth = binding.key.count + 1 + binding.action.count
            let start = index == 0 ? x : x + separator
            guard start + entryWidth <= area.maxX else {
                // "…" one space after the last whole entry, or at the start if none fitted.
                let ellipsisX = index == 0 ? x : x + 1
                if ellipsisX < area.maxX { buffer.set(x: ellipsisX, y: area.y, "…", style: actionStyle) }
                return
            }
            x = buffer.write(binding.key, x: start, y: area.y, style: keyStyle, clip: area)
            x = buffer.write(" " + binding.action, x: x, y: area.y, style: actionStyle, clip: area)
        }
    }
}
