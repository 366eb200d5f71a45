/// Something that draws itself into a buffer.
///
/// Contract for every widget in this module: draw only inside `area` (intersected with the
/// buffer), draw nothing rather than fail when `area` is too small (0×0 and 1×1 included), and
/// depend only on the widget's own values, so the same widget and area give the same cells.
public protocol Widget {
    func render(into buffer: inout Buffer, area: Rect)
}

extension Buffer {
    /// `widget.render(into: &self, area: area)`, read in the other direction.
    public mutating func render(_ widget: some Widget, in area: Rect) {
        widget.render(into: &self, area: area)
    }
}
