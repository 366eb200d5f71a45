import ConvEngine

/// The `vary:` ranges of a parametric exercise and the seed its numbers are drawn with.
/// Attempt 0 uses `seed` itself; each retry moves to the next attempt, so the learner gets new
/// numbers and the engine derives the new answer. The same seed and attempt always give the
/// same numbers.
public struct Variation: Sendable {
    /// One placeholder and the values it may take, in the order written.
    public struct Range: Hashable, Sendable {
        public var name: String
        public var values: [Int]
        public var line: Int

        public init(name: String, values: [Int], line: Int) {
            self.name = name
            self.values = values
            self.line = line
        }
    }

    public var ranges: [Range]
    public var seed: UInt64

    public init(ranges: [Range], seed: UInt64) {
        self.ranges = ranges
        self.seed = seed
    }

    public var names: [String] { ranges.map(\.name) }

    /// The placeholder values for `attempt` (0, 1, 2, …).
    public func values(attempt: Int) -> [String: Int] {
        // Attempts are spread over the seed space by the golden-ratio increment SplitMix uses.
        var generator = SeededGenerator(seed: seed &+ UInt64(max(attempt, 0)) &* 0x9E37_79B9_7F4A_7C15)
        var values: [String: Int] = [:]
        for range in ranges {
            values[range.name] = range.values[generator.nextInt(below: range.values.count)]
        }
        return values
    }

    /// How many different value sets there are.
    public var combinationCount: Int {
        ranges.reduce(1) { count, range in count.multipliedReportingOverflow(by: range.values.count).overflow ? Int.max : count * range.values.count }
    }

    /// Every value set when there are at most `limit`, else the sets of attempts 0..<limit:
    /// what `convlab lessons check` derives an answer for.
    public func valueSetsToCheck(limit: Int = 512) -> [[String: Int]] {
        guard combinationCount <= limit else { return (0..<limit).map(values(attempt:)) }
        var sets: [[String: Int]] = [[:]]
        for range in ranges {
            sets = sets.flatMap { set in range.values.map { value in set.merging([range.name: value]) { $1 } } }
        }
        return sets
    }
}
