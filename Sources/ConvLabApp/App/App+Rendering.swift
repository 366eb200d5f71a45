import TerminalUI

extension App {
    /// Draws the whole frame into `buffer` (normally the backend's `makeBuffer()`): the size
    /// message when the buffer is below the minimum, otherwise the title bar on row 0, the
    /// current screen's body, the status line on the last row, and the key list on top.
    public func render(into buffer: inout Buffer) {
        buffer.fill(buffer.area)
        guard buffer.width >= Self.minimumWidth, buffer.height >= Self.minimumHeight else {
            renderTooSmall(into: &buffer)
            return
        }
        let screen = currentScreen
        let body = Self.bodyArea(width: buffer.width, height: buffer.height)
        screen.render(into: &buffer, area: body)
        renderTitleBar(title: screen.title, into: &buffer)
        renderStatusLine(into: &buffer, row: buffer.height - 1)
        if isShowingKeyList {
            KeyListOverlay(title: "Keys: \(screen.title)", screenBindings: screen.keyBindings, appBindings: appKeyBindings)
                .render(into: &buffer, area: body)
        }
    }

    /// The sentence shown instead of the app below the minimum size.
    public static func tooSmallMessage(width: Int, height: Int) -> String {
        "ConvLab needs at least \(minimumWidth)×\(minimumHeight); this terminal is \(width)×\(height). Enlarge it or press q to quit."
    }

    private func renderTooSmall(into buffer: inout Buffer) {
        let message = Paragraph(Self.tooSmallMessage(width: buffer.width, height: buffer.height), alignment: .center)
        let width = max(buffer.width - 2, 1)
        let height = min(message.lineCount(width: width), buffer.height)
        message.render(into: &buffer, area: buffer.area.centered(width: width, height: height))
    }

    private func renderTitleBar(title: String, into buffer: inout Buffer) {
        let bar = buffer.area.row(0)
        let style = Style(reverse: true)
        buffer.fill(bar, style: style)
        buffer.write(" ConvLab — ", x: 0, y: 0, style: style, clip: bar)
        buffer.write(NumberFormatting.truncated(title, width: bar.width - 12), x: 11, y: 0, style: style.bolded(), clip: bar)
    }

    /// Left: the status error (alone, in red) or the screen's status line. Right: as many of
    /// the screen's keys as fit beside every status part above `.detail`, then the app's
    /// `? help` and `q back/quit`, which always show unless the screen is taking typed text.
    /// The status line then drops whole parts until it fits in what is left (`StatusLine`).
    private func renderStatusLine(into buffer: inout Buffer, row: Int) {
        let line = Rect(x: 1, y: row, width: buffer.width - 2, height: 1)
        if let statusError {
            buffer.write(NumberFormatting.truncated(statusError, width: line.width), x: line.x, y: row, style: Style(foreground: .red, bold: true), clip: line)
            return
        }
        if let statusNotice {
            buffer.write(NumberFormatting.truncated(statusNotice, width: line.width), x: line.x, y: row, style: Style(bold: true), clip: line)
            return
        }
        // While the screen takes typed text, `?` and `q` are typed, so they are not offered.
        let appKeys = currentScreen.capturesText ? [] : [(key: "?", action: "help"), (key: "q", action: isAtRoot ? "quit" : "back")]
        let screenKeys = currentScreen.keyBindings.map { (key: $0.keys, action: $0.action) }
        let status = currentScreen.status
        let statusRoom = status.isEmpty ? 0 : status.width(atLeast: .useful) + 3
        var bar = appKeys
        for count in stride(from: screenKeys.count, through: 0, by: -1) {
            let candidate = Array(screenKeys.prefix(count)) + appKeys
            if Self.helpBarWidth(candidate) + statusRoom <= line.width || count == 0 {
                bar = candidate
                break
            }
        }
        let barWidth = min(Self.helpBarWidth(bar), line.width)
        let statusWidth = bar.isEmpty ? line.width : max(line.width - barWidth - 3, 0)
        buffer.write(status.fitted(width: statusWidth), x: line.x, y: row, clip: line)
        KeyHelpBar(bar).render(into: &buffer, area: Rect(x: line.maxX - barWidth, y: row, width: barWidth, height: 1))
    }

    /// Columns `KeyHelpBar` needs for `bindings`: `key action` entries two spaces apart.
    static func helpBarWidth(_ bindings: [(key: String, action: String)]) -> Int {
        bindings.reduce(0) { $0 + $1.key.count + 1 + $1.action.count } + 2 * max(bindings.count - 1, 0)
    }
}
