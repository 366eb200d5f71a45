/// Horizontal placement of text within a column.
public enum Alignment: Hashable, Sendable {
    case left, center, right
}
