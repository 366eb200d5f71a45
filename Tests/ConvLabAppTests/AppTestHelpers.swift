import TerminalUI
@testable import ConvLabApp

extension App {
    /// Sends `events` in order; false as soon as one of them quits (the rest are not sent).
    mutating func send(_ events: Event...) -> Bool {
        for event in events where !update(event: event) { return false }
        return true
    }

    /// The frame at the app's current size.
    func frame() -> Buffer {
        var buffer = Buffer(width: size.width, height: size.height)
        render(into: &buffer)
        return buffer
    }
}
