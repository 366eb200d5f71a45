import ConvEngine
import TerminalUI

/// The time from a stroke to the updated screen in the draw demo, for `convlab bench --draw`:
/// one arrow key with the pen down, through the app's `update` (the network's forward pass on
/// the drawing, and in the looks-at view the gradient map) and `render` of the whole frame into
/// a buffer; in the looks-at view also the clock tick after it, which redoes the occlusion map. Writing the changed cells to the terminal is not included: that
/// is ncurses and the terminal, the same for every screen.
public enum DrawBenchmark {
    public struct Measurement: Sendable {
        /// "layers view, 80×24".
        public var name: String
        public var strokes: Int
        /// The median and slowest stroke, in milliseconds.
        public var medianMilliseconds: Double
        public var slowestMilliseconds: Double
    }

    /// Times `strokes` strokes in each view at 80×24 and 200×60 on the built-in network.
    public static func run(strokes: Int) throws(NetworkSourceError) -> [Measurement] {
        let network = try BundledNetwork.load()
        var measurements: [Measurement] = []
        for lookingAt in [false, true] {
            for (width, height) in [(80, 24), (200, 60)] {
                guard let screen = try? DrawScreen(network: network) else { continue }
                var app = App(root: screen, width: width, height: height)
                _ = app.update(event: .character("I"))
                if lookingAt { _ = app.update(event: .character("v")) }
                _ = app.update(event: .character(" "))
                let clock = ContinuousClock()
                var strokeTimes: [Double] = [], tickTimes: [Double] = []
                func timed(_ event: Event) -> Double {
                    let start = clock.now
                    _ = app.update(event: event)
                    var buffer = Buffer(width: width, height: height)
                    app.render(into: &buffer)
                    let elapsed = start.duration(to: clock.now)
                    return Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
                }
                for stroke in 0..<max(strokes, 1) {
                    // Up and down a column, so every stroke adds ink somewhere new or over ink.
                    strokeTimes.append(timed(.key((stroke / 10) % 2 == 0 ? .down : .up)))
                    // The clock tick after the stroke, which brings the occlusion map up to date.
                    if lookingAt { tickTimes.append(timed(.tick)) }
                }
                let view = lookingAt ? "looks-at view" : "layers view"
                for (what, times) in [("", strokeTimes), (", next tick", tickTimes)] where !times.isEmpty {
                    let sorted = times.sorted()
                    measurements.append(Measurement(
                        name: "\(view)\(what), \(width)×\(height)", strokes: sorted.count,
                        medianMilliseconds: sorted[sorted.count / 2], slowestMilliseconds: sorted[sorted.count - 1]))
                }
            }
        }
        return measurements
    }
}
