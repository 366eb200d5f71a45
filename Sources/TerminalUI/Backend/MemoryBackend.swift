/// A backend with no terminal, for tests: it keeps what was drawn and replays a script of
/// events (ratatui's TestBackend, bubbletea's injected I/O).
///
/// `readEvent` hands out the scripted events in order and returns `nil` once they are used up,
/// so a run loop driven by it ends by itself. A scripted `.resize(width:height:)` changes
/// `size` as it is delivered, the way a real terminal has already changed size when ncurses
/// reports the resize.
public final class MemoryBackend: Backend {
    public private(set) var size: (width: Int, height: Int)
    public var colorCapability: ColorCapability
    /// The most recent buffer passed to `draw`.
    public private(set) var lastBuffer: Buffer?
    public private(set) var drawCount = 0
    /// Events not yet read.
    public private(set) var pendingEvents: [Event]
    /// Every timeout passed to `readEvent`, in order, so tests can check the loop polls.
    public private(set) var requestedTimeouts: [Int] = []
    public private(set) var restoreCount = 0

    public init(width: Int, height: Int, colorCapability: ColorCapability = .full256, events: [Event] = []) {
        self.size = (max(width, 0), max(height, 0))
        self.colorCapability = colorCapability
        self.pendingEvents = events
    }

    /// The last drawn frame's lines with trailing spaces removed (empty before the first draw).
    public var lastTrimmedLines: [String] { lastBuffer?.trimmedLines ?? [] }

    /// Appends events to the script.
    public func enqueue(_ events: [Event]) { pendingEvents += events }
    public func enqueue(_ event: Event) { pendingEvents.append(event) }

    /// Changes the size without an event (use a scripted `.resize` to also notify the app).
    public func resize(width: Int, height: Int) { size = (max(width, 0), max(height, 0)) }

    public func draw(_ buffer: Buffer) {
        lastBuffer = buffer
        drawCount += 1
    }

    public func readEvent(timeoutMilliseconds: Int) -> Event? {
        requestedTimeouts.append(timeoutMilliseconds)
        guard !pendingEvents.isEmpty else { return nil }
        let event = pendingEvents.removeFirst()
        if case .resize(let width, let height) = event { resize(width: width, height: height) }
        return event
    }

    public func restore() { restoreCount += 1 }
}
