/// A rectangle of cells: columns `x ..< x + width`, rows `y ..< y + height`.
///
/// Width and height are never negative: every operation that could shrink a rectangle past
/// zero stops at zero, so widgets can inset and split without guarding against underflow.
public struct Rect: Hashable, Sendable, CustomStringConvertible {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(width, 0)
        self.height = max(height, 0)
    }

    /// A rectangle at the origin.
    public init(width: Int, height: Int) {
        self.init(x: 0, y: 0, width: width, height: height)
    }

    public static let zero = Rect(x: 0, y: 0, width: 0, height: 0)

    /// One past the last column.
    public var maxX: Int { x + width }
    /// One past the last row.
    public var maxY: Int { y + height }
    public var area: Int { width * height }
    public var isEmpty: Bool { width == 0 || height == 0 }

    public var description: String { "Rect(x: \(x), y: \(y), width: \(width), height: \(height))" }

    public func contains(x column: Int, y row: Int) -> Bool {
        column >= x && column < maxX && row >= y && row < maxY
    }

    /// Shrinks every side by `margin` cells (a border of width 1 is `inset(by: 1)`).
    public func inset(by margin: Int) -> Rect {
        inset(horizontal: margin, vertical: margin)
    }

    /// Shrinks left and right by `horizontal`, top and bottom by `vertical`; never below 0×0.
    public func inset(horizontal: Int, vertical: Int) -> Rect {
        let newWidth = max(width - 2 * horizontal, 0)
        let newHeight = max(height - 2 * vertical, 0)
        return Rect(
            x: x + min(horizontal, width / 2), y: y + min(vertical, height / 2),
            width: newWidth, height: newHeight)
    }

    /// The overlap of two rectangles; an empty rectangle (width or height 0) when they miss.
    public func intersection(_ other: Rect) -> Rect {
        let left = max(x, other.x), top = max(y, other.y)
        let right = min(maxX, other.maxX), bottom = min(maxY, other.maxY)
        return Rect(x: left, y: top, width: right - left, height: bottom - top)
    }

    /// This rectangle moved (and shrunk if it must be) to lie inside `bounds`: the size is
    /// capped at the bounds' size, then the origin is pushed in from whichever side sticks out.
    /// Unlike `intersection`, a popup that hangs off the edge keeps its size when it can.
    public func clamped(to bounds: Rect) -> Rect {
        let newWidth = min(width, bounds.width), newHeight = min(height, bounds.height)
        let newX = min(max(x, bounds.x), bounds.maxX - newWidth)
        let newY = min(max(y, bounds.y), bounds.maxY - newHeight)
        return Rect(x: newX, y: newY, width: newWidth, height: newHeight)
    }

    /// A `width`×`height` rectangle centred in this one (clamped to fit).
    public func centered(width innerWidth: Int, height innerHeight: Int) -> Rect {
        let newWidth = min(max(innerWidth, 0), width), newHeight = min(max(innerHeight, 0), height)
        return Rect(x: x + (width - newWidth) / 2, y: y + (height - newHeight) / 2, width: newWidth, height: newHeight)
    }

    /// The single row `index` rows below the top (empty when outside).
    public func row(_ index: Int) -> Rect {
        guard index >= 0, index < height else { return Rect(x: x, y: y + max(index, 0), width: width, height: 0) }
        return Rect(x: x, y: y + index, width: width, height: 1)
    }

    /// Splits this rectangle with `Layout(direction, constraints, spacing)`.
    public func split(_ direction: Layout.Direction, _ constraints: [Layout.Constraint], spacing: Int = 0) -> [Rect] {
        Layout(direction, constraints, spacing: spacing).split(self)
    }
}
