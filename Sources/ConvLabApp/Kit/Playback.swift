/// Play, pause, speed and clock for a demo that walks through numbered steps (windows, terms):
/// one rule for every demo that animates.
///
/// The rule: playing moves one step forward every `interval` milliseconds and stops on the
/// last step, so the learner sees where the walk ends; playing again from the last step starts
/// from the first. A walk of one step or none does not play.
///
/// The demo keeps its own position (it may be a window, a term or a filter and window); it
/// hands it in and takes the new one back.
struct Playback: Hashable, Sendable {
    /// Milliseconds between steps, slowest first; `faster()` moves right.
    let intervals: [Int]
    private(set) var speedIndex: Int
    private(set) var isPlaying = false
    /// Milliseconds of ticks since the last step.
    private var elapsed = 0

    /// A playback that offers `intervals` (slowest first) and starts at `intervals[speedIndex]`.
    init(intervals: [Int], speedIndex: Int) {
        precondition(!intervals.isEmpty && intervals.indices.contains(speedIndex), "Playback needs a speed index inside its intervals")
        self.intervals = intervals
        self.speedIndex = speedIndex
    }

    /// A playback at one fixed speed.
    init(interval: Int) {
        self.init(intervals: [interval], speedIndex: 0)
    }

    /// Milliseconds between steps at the current speed.
    var interval: Int { intervals[speedIndex] }

    /// "playing" or "paused", for status lines.
    var stateText: String { isPlaying ? "playing" : "paused" }

    mutating func faster() { speedIndex = min(speedIndex + 1, intervals.count - 1) }
    mutating func slower() { speedIndex = max(speedIndex - 1, 0) }

    /// Space: pauses, or plays from `position` of `count` steps.
    /// - Returns: the position to show: the first step when playing starts from the last one.
    mutating func playOrPause(position: Int, count: Int) -> Int {
        elapsed = 0
        if isPlaying {
            isPlaying = false
            return position
        }
        isPlaying = count > 1
        return isPlaying && position + 1 >= count ? 0 : position
    }

    /// Stops playing (a setting changed, the learner started editing).
    mutating func pause() {
        isPlaying = false
        elapsed = 0
    }

    /// Time passed: moves `position` one step per `interval`, stopping on the last of `count`.
    /// - Returns: the new position (unchanged while paused).
    mutating func tick(milliseconds: Int, position: Int, count: Int) -> Int {
        guard isPlaying else { return position }
        elapsed += max(milliseconds, 0)
        var position = position
        while isPlaying, elapsed >= interval {
            elapsed -= interval
            if position + 1 < count {
                position += 1
            }
            if position + 1 >= count { pause() }
        }
        return position
    }
}
