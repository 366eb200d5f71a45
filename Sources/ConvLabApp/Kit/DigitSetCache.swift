import ConvEngine
import Synchronization

/// The synthetic digit sets the shift and dense demos train and test on, drawn once per
/// process and shared. Drawing them is most of what making those demos costs, and a demo is
/// made again each time it is opened (and by every check of a lesson step that opens it);
/// the sets depend only on their count and seed, so every later screen gets the same values
/// without drawing them again.
enum DigitSetCache {
    private struct Key: Hashable {
        var training: Bool
        var count: Int
        var seed: UInt64
    }

    /// Sets kept at most (the largest is 1,000 digits of 28×28, about 3 MB); a seed parameter
    /// can name any number of sets, so the cache starts over when it is full.
    static let capacity = 8
    private static let sets = Mutex<[Key: Dataset]>([:])

    /// `SyntheticDigits.trainingSet(count:seed:)`, drawn on first use.
    static func trainingSet(count: Int, seed: UInt64) -> Dataset {
        set(Key(training: true, count: count, seed: seed)) { SyntheticDigits.trainingSet(count: count, seed: seed) }
    }

    /// `SyntheticDigits.testSet(count:seed:)`, drawn on first use.
    static func testSet(count: Int, seed: UInt64) -> Dataset {
        set(Key(training: false, count: count, seed: seed)) { SyntheticDigits.testSet(count: count, seed: seed) }
    }

    private static func set(_ key: Key, draw: () -> Dataset) -> Dataset {
        if let cached = sets.withLock({ $0[key] }) { return cached }
        // Drawn outside the lock, so a second thread waits for nothing; if two draw the same
        // set at once, both get equal values and one is kept.
        let drawn = draw()
        return sets.withLock { sets in
            if let cached = sets[key] { return cached }
            if sets.count >= capacity { sets.removeAll() }
            sets[key] = drawn
            return drawn
        }
    }
}
