/// Splits a `Rect` into consecutive pieces along one direction, by constraints.
///
/// Allocation, in order:
/// 1. `.length(n)` gets `n`; `.percentage(p)` gets ⌊p · total / 100⌋ where total is the space
///    left after the gaps; `.min(n)` gets `n`.
/// 2. What remains is shared among `.fill(weight)` pieces in proportion to their weights
///    (remainder cells go to the earliest); if there are no fills, it is shared equally among
///    the `.min` pieces; if there are neither, it stays unused at the end.
/// 3. If the requests exceed the space, pieces are laid out in order and the ones that run
///    past the end are cut (possibly to zero): the first constraints win.
///
/// `spacing` puts that many empty cells between neighbouring pieces.
public struct Layout: Hashable, Sendable {
    public enum Direction: Hashable, Sendable {
        /// Pieces stacked top to bottom (constraints are heights).
        case vertical
        /// Pieces side by side, left to right (constraints are widths).
        case horizontal
    }

    public enum Constraint: Hashable, Sendable {
        case length(Int)
        case percentage(Int)
        case min(Int)
        case fill(Int)

        /// `.fill(1)`.
        public static let fill = Constraint.fill(1)
    }

    public var direction: Direction
    public var constraints: [Constraint]
    public var spacing: Int

    public init(_ direction: Direction, _ constraints: [Constraint], spacing: Int = 0) {
        self.direction = direction
        self.constraints = constraints
        self.spacing = max(spacing, 0)
    }

    /// The sizes along the split direction, before they are placed (see the type's comment).
    public func sizes(total: Int) -> [Int] {
        guard !constraints.isEmpty else { return [] }
        let available = max(total - spacing * (constraints.count - 1), 0)
        var sizes = constraints.map { constraint -> Int in
            switch constraint {
            case .length(let length): return max(length, 0)
            case .percentage(let percent): return max(percent, 0) * available / 100
            case .min(let minimum): return max(minimum, 0)
            case .fill: return 0
            }
        }
        var remaining = available - sizes.reduce(0, +)
        guard remaining > 0 else { return sizes }

        var weights = constraints.map { constraint -> Int in
            if case .fill(let weight) = constraint { return max(weight, 0) }
            return 0
        }
        if weights.allSatisfy({ $0 == 0 }) {
            weights = constraints.map { if case .min = $0 { return 1 } else { return 0 } }
        }
        let totalWeight = weights.reduce(0, +)
        guard totalWeight > 0 else { return sizes }
        var shared = 0
        for index in sizes.indices where weights[index] > 0 {
            let share = remaining * weights[index] / totalWeight
            sizes[index] += share
            shared += share
        }
        remaining -= shared
        for index in sizes.indices where weights[index] > 0 && remaining > 0 {
            sizes[index] += 1
            remaining -= 1
        }
        return sizes
    }

    /// One rectangle per constraint, in order, each inside `area`.
    public func split(_ area: Rect) -> [Rect] {
        let total = direction == .vertical ? area.height : area.width
        var offset = 0
        return sizes(total: total).map { size in
            let start = min(offset, total)
            let length = min(size, total - start)
            offset = start + length + spacing
            switch direction {
            case .vertical: return Rect(x: area.x, y: area.y + start, width: area.width, height: length)
            case .horizontal: return Rect(x: area.x + start, y: area.y, width: length, height: area.height)
            }
        }
    }
}
