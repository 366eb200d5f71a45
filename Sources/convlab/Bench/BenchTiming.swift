/// Wall-clock timing for `convlab bench --tsv`: one untimed warm-up run, then `repeats` timed
/// runs, and the median of those. The median rather than the best, because the peers' script
/// reports medians too and a shared machine's outliers go both ways.
enum BenchTiming {
    /// Seconds in `duration`.
    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
    }

    /// The middle value of `values` (the mean of the middle two for an even count); 0 for none.
    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return 0 }
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    /// The median of `repeats` runs of `run`, after one untimed warm-up run. `run` returns the
    /// seconds it counts itself, so it can leave its own bookkeeping out of the time.
    static func medianOfRuns(repeats: Int, _ run: () -> Double) -> Double {
        _ = run()
        return median((0..<max(1, repeats)).map { _ in run() })
    }

    /// The median wall-clock seconds of `repeats` runs of `body`, after one warm-up run.
    static func medianSeconds(repeats: Int, timing body: () -> Void) -> Double {
        let clock = ContinuousClock()
        return medianOfRuns(repeats: repeats) { seconds(clock.measure(body)) }
    }

    /// Takes a value computed from the timed outputs, so the optimiser cannot drop the work
    /// that produced it.
    @inline(never)
    static func keep(_ value: Float) { _ = value }
}
