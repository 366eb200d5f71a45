/// Where frames go and where events come from: a real terminal or a test's memory.
///
/// A run loop, on the main thread, looks like:
/// ```swift
/// var buffer = backend.makeBuffer()
/// screen.render(into: &buffer, area: buffer.area)
/// backend.draw(buffer)
/// while let event = backend.readEvent(timeoutMilliseconds: 100) {
///     // update the model with `event` (`.tick` when nothing happened), re-render, draw
/// }
/// backend.restore()
/// ```
/// Backends are not thread-safe; ncurses in particular must only be called from one thread.
public protocol Backend: AnyObject {
    /// The terminal's size in cells (columns, rows). Changes after a `.resize` event.
    var size: (width: Int, height: Int) { get }
    /// What colours `draw` can show; widgets with a colourless layout (Heatmap) need it.
    var colorCapability: ColorCapability { get }
    /// Shows `buffer`. Cells outside the terminal are ignored; a buffer smaller than the
    /// terminal leaves the rest as it was, so render into `makeBuffer()`.
    func draw(_ buffer: Buffer)
    /// Waits up to `timeoutMilliseconds` for input (negative waits indefinitely). Returns the
    /// event, `.tick` when the time passed without input, and `nil` when input has ended for
    /// good (a `MemoryBackend` whose script is used up): the run loop should then stop.
    func readEvent(timeoutMilliseconds: Int) -> Event?
    /// Gives the terminal back (leave curses mode, show the cursor). Safe to call twice.
    func restore()
}

extension Backend {
    /// An empty buffer the size of the terminal.
    public func makeBuffer() -> Buffer { Buffer(width: size.width, height: size.height) }
}
