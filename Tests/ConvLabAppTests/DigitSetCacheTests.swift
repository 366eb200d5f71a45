import ConvEngine
import Testing
@testable import ConvLabApp

@Suite("DigitSetCache")
struct DigitSetCacheTests {
    @Test("a cached set is the set SyntheticDigits draws, again on a second call, and training and test sets stay apart")
    func cachedSetsAreTheDrawnSets() {
        let training = DigitSetCache.trainingSet(count: 12, seed: 77)
        #expect(training == SyntheticDigits.trainingSet(count: 12, seed: 77))
        #expect(DigitSetCache.trainingSet(count: 12, seed: 77) == training)
        let test = DigitSetCache.testSet(count: 12, seed: 77)
        #expect(test == SyntheticDigits.testSet(count: 12, seed: 77))
        #expect(test != training)
        #expect(DigitSetCache.trainingSet(count: 12, seed: 78) != training)
    }

    @Test("more sets than the capacity still give the right values")
    func overflowStartsOver() {
        for seed in 0..<UInt64(DigitSetCache.capacity + 2) {
            #expect(DigitSetCache.testSet(count: 3, seed: 1000 + seed) == SyntheticDigits.testSet(count: 3, seed: 1000 + seed))
        }
    }
}
