/// A border of box-drawing characters with an optional title in the top edge.
///
/// ```
/// ┌ Title ─────┐
/// │            │
/// └────────────┘
/// ```
/// The title is cut with "…" to fit between the corners. An area narrower or shorter than 2
/// cells has no room for a border: nothing is drawn and the inner area is empty. A `double`
/// line (`╔═╗`) tells two boxes apart where colour cannot.
public struct Box: Widget {
    /// The border's characters: corners top-left, top-right, bottom-left, bottom-right, then
    /// the horizontal and the vertical edge.
    public enum Line: Sendable, Hashable {
        case single, double

        var glyphs: (Character, Character, Character, Character, Character, Character) {
            switch self {
            case .single: ("┌", "┐", "└", "┘", "─", "│")
            case .double: ("╔", "╗", "╚", "╝", "═", "║")
            }
        }
    }

    public var title: String?
    public var borderStyle: Style
    public var titleStyle: Style
    public var line: Line

    public init(title: String? = nil, borderStyle: Style = .plain, titleStyle: Style = Style(bold: true), line: Line = .single) {
        self.title = title
        self.borderStyle = borderStyle
        self.titleStyle = titleStyle
        self.line = line
    }

    /// The area inside the border: `area.inset(by: 1)`, or empty when there is no border.
    public func innerArea(of area: Rect) -> Rect {
        guard area.width >= 2, area.height >= 2 else { return Rect(x: area.x, y: area.y, width: 0, height: 0) }
        return area.inset(by: 1)
    }

    public func render(into buffer: inout Buffer, area: Rect) {
        guard area.width >= 2, area.height >= 2 else { return }
        let right = area.maxX - 1, bottom = area.maxY - 1
        let (topLeft, topRight, bottomLeft, bottomRight, horizontal, vertical) = line.glyphs
        for column in (area.x + 1)..<right {
            buffer.set(x: column, y: area.y, horizontal, style: borderStyle)
            buffer.set(x: column, y: bottom, horizontal, style: borderStyle)
        }
        for row in (area.y + 1)..<bottom {
            buffer.set(x: area.x, y: row, vertical, style: borderStyle)
            buffer.set(x: right, y: row, vertical, style: borderStyle)
        }
        buffer.set(x: area.x, y: area.y, topLeft, style: borderStyle)
        buffer.set(x: right, y: area.y, topRight, style: borderStyle)
        buffer.set(x: area.x, y: bottom, bottomLeft, style: borderStyle)
        buffer.set(x: right, y: bottom, bottomRight, style: borderStyle)

        // " Title " between the corners: needs at least one character plus its two spaces.
        if let title, !title.isEmpty, area.width >= 5 {
            let text = NumberFormatting.truncated(title, width: area.width - 4)
            buffer.write(" ", x: area.x + 1, y: area.y, style: borderStyle, clip: area)
            let end = buffer.write(text, x: area.x + 2, y: area.y, style: titleStyle, clip: area)
            buffer.write(" ", x: end, y: area.y, style: borderStyle, clip: area)
        }
    }

    /// Draws the border and returns the inner area, for the common "frame, then fill" pattern.
    @discardableResult
    public func renderFrame(into buffer: inout Buffer, area: Rect) -> Rect {
        render(into: &buffer, area: area)
        return innerArea(of: area)
    }
}
