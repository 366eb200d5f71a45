import Testing
@testable import ConvEngine

@Suite struct MemoryEstimateTests {
    /// The teaching net, batch 64, 1,000 training and 100 test digits, SGD, worked by hand:
    ///
    ///     input 784; outputs conv 6272, relu 6272, pool 1568, conv 3136, relu 3136, pool 784,
    ///     flatten 784, linear 10: Σ = 21,962, kept with the input = 22,746 per example
    ///     widest backward pair: relu 1, 6272 in + 6272 out = 12,544
    ///     training   64 · (22,746 + 12,544) · 4 =  9,034,240
    ///     evaluation 256 · 22,746 · 4           = 23,291,904   (256 ≤ 1,000 examples)
    ///     weights    9,098 · (value, gradient, velocity) · 4 = 109,176
    ///     scratch    conv 2: R = 8·9 = 72, P = 14·14 = 196, G = 256 (72·196 = 14,112 per image
    ///                fits the 4,194,304-float budget 297 times): (72 + 72 + 16) · 256 · 196
    ///                + 2 · 16 · 72 = 8,030,464 floats = 32,121,856 (conv 1 needs 5,218,448 floats)
    ///     data       1,100 · (784 · 4 + 8) = 3,458,400
    @Test func theTeachingNetByHand() throws {
        let estimate = try MemoryEstimate(
            architecture: NamedArchitecture.teachingNet.spec, batchSize: 64, trainingCount: 1_000, testCount: 100, optimizer: .sgd)
        #expect(estimate.activationBytes == 9_034_240 + 23_291_904)
        #expect(estimate.parameterBytes == 109_176)
        #expect(estimate.scratchBytes == 32_121_856)
        #expect(estimate.dataBytes == 3_458_400)
        #expect(estimate.totalBytes == 68_015_576)
        #expect(estimate.batchSize == 64)
        #expect(throws: Never.self) { try estimate.check() }
    }

    /// Adam keeps two moments per weight instead of SGD's one velocity: 9,098 · 4 · 4 bytes.
    @Test func adamKeepsTwoMomentsPerWeight() throws {
        let estimate = try MemoryEstimate(
            architecture: NamedArchitecture.teachingNet.spec, batchSize: 64, trainingCount: 1_000, testCount: 100, optimizer: .adam)
        #expect(estimate.parameterBytes == 145_568)
    }

    /// A batch larger than the training set is the training set: 10 examples, not 65,536.
    @Test func aBatchLargerThanTheDataIsTheData() throws {
        let estimate = try MemoryEstimate(
            architecture: NamedArchitecture.teachingNet.spec, batchSize: Limits.batch, trainingCount: 10, testCount: 10, optimizer: .sgd)
        #expect(estimate.batchSize == 10)
        // Training 10 · 35,290 · 4 and evaluation 10 · 22,746 · 4 (the sets hold 10 each).
        #expect(estimate.activationBytes == 10 * 35_290 * 4 + 10 * 22_746 * 4)
    }

    /// Padding 1000 around a 28×28 digit makes 64 maps of 2026×2026 (within every shape
    /// bound), and a linear layer over them. Refused with the estimate, its largest part and
    /// the limit. (The padding of 3000 no longer gets this far: its 2.3 billion
    /// flattened features are refused by shape inference, which the test below checks.)
    @Test func aHugePaddingIsRefusedWithTheEstimate() throws {
        let spec = try ArchitectureSpec(parsing: "input 28x28x1 | conv 64 3x3 pad 1000 | flatten | linear 10")
        let estimate = try MemoryEstimate(architecture: spec, batchSize: 32, trainingCount: 100, testCount: 10, optimizer: .sgd)
        // 28 + 2·1000 − 3 + 1 = 2026, and 64 · 2026² = 262,699,264 values per example. The
        // linear layer has 10 weights for each (+ 10 biases), the conv 64 · 9 + 64 = 640.
        #expect(estimate.parameterBytes == (2_626_992_640 + 10 + 640) * 3 * 4)
        // Kept per example: 784 + 2 · 262,699,264 + 10 = 525,399,322; the widest backward
        // pair is flatten's 2 · 262,699,264. Training 32 · (kept + pair) · 4, evaluation
        // (batches of 100, the larger set) 100 · kept · 4.
        #expect(estimate.activationBytes == 32 * (525_399_322 + 525_398_528) * 4 + 100 * 525_399_322 * 4)
        let error = try #require(throws: MemoryEstimateError.self) { try estimate.check() }
        let message = error.description
        #expect(message.hasPrefix("this run needs about "), "\(message)")
        #expect(message.contains("for batch 32, weights 31.5 GB"), "\(message)")
        #expect(message.hasSuffix("the limit is 8.6 GB"), "\(message)")
    }

    /// Padding 3000 makes 64 · 6026² = 2,324,011,264 flattened features, past `Limits.features`:
    /// shape inference refuses the spec before any estimate is made.
    @Test func thePaddingOf3000IsRefusedByShapeInference() throws {
        let spec = try ArchitectureSpec(parsing: "input 28x28x1 | conv 64 3x3 pad 3000 | flatten | linear 10")
        let error = try #require(throws: LayerShapeError.self) {
            try MemoryEstimate(architecture: spec, batchSize: 32, trainingCount: 100, testCount: 10, optimizer: .sgd)
        }
        #expect(error.description == "layer 1 (flatten) on input 64×6026×6026 (C×H×W): flattened features must be at most 268435456, got 2324011264")
    }

    /// A layer too large to count is refused by name before the estimate multiplies anything.
    @Test func anUncountableLayerIsAnError() throws {
        let spec = ArchitectureSpec(inputShape: [1, 28, 28], layers: [.conv(outputChannels: Int.max, kernelSize: 1)])
        let error = try #require(throws: LayerShapeError.self) {
            try MemoryEstimate(architecture: spec, batchSize: 1, trainingCount: 1, testCount: 1, optimizer: .sgd)
        }
        #expect(error.description.contains("output channels must be at most 65536, got \(Int.max)"), "\(error)")
    }

    /// The data part grows with the sizes: a million training digits are 3.1 GB on their own.
    @Test func theDataSetsCount() throws {
        let estimate = try MemoryEstimate(
            architecture: NamedArchitecture.teachingNet.spec, batchSize: 64, trainingCount: Limits.examples, testCount: 0, optimizer: .sgd)
        #expect(estimate.dataBytes == Limits.examples * 3_144)
    }

    /// The bench's largest measurement at batch 64 (conv 2, worked like the trainer's): input
    /// 64·8·14·14 = 100,352 floats three times, output 64·16·14·14 = 200,704 twice, three 16·8·9
    /// weight tensors (3,456) and the scratch 2,009,344 floats: 2,715,264 floats = 10,861,056 bytes.
    @Test func theBenchmarkEstimateByHand() {
        #expect(ConvBenchmark.estimatedBytes(layers: ConvBenchmark.teachingNetLayers(batch: 64)) == 10_861_056)
        let largest = ConvBenchmark.estimatedBytes(layers: ConvBenchmark.teachingNetLayers(batch: Limits.batch))
        #expect(largest.map { $0 < Limits.memoryBytes } == true, "the largest allowed bench batch fits")
        #expect(ConvBenchmark.estimatedBytes(layers: ConvBenchmark.teachingNetLayers(batch: Int.max)) == nil)
    }

    /// 3,000 random specs with every number up to the shared limits (so the shapes are valid
    /// to compute but their products can overflow), random batch and sizes: the estimate is
    /// an error or a consistent set of non-negative parts, never a trap.
    @Test func randomSpecsNeverTrap() {
        var generator = SeededGenerator(seed: 11)
        func number(_ range: ClosedRange<Int>) -> Int {
            // Half small values (shapes that work), half anywhere in the range.
            generator.nextInt(below: 2) == 0
                ? range.lowerBound + generator.nextInt(below: min(8, range.count))
                : range.lowerBound + generator.nextInt(below: range.count)
        }
        var refused = 0, counted = 0
        for _ in 0..<3_000 {
            var layers: [LayerSpec] = []
            for _ in 0..<number(0...6) {
                switch generator.nextInt(below: 6) {
                case 0: layers.append(.conv(outputChannels: number(1...Limits.channels), kernelSize: number(1...Limits.side),
                                            stride: number(1...Limits.side), padding: number(0...Limits.side)))
                case 1: layers.append(.maxPool(kernelSize: number(1...Limits.side)))
                case 2: layers.append(.relu)
                case 3: layers.append(.flatten)
                case 4: layers.append(.linear(outputFeatures: number(1...Limits.features)))
                default: layers.append(.avgPool(kernelSize: number(1...Limits.side), stride: 1))
                }
            }
            let spec = ArchitectureSpec(
                inputShape: [number(1...Limits.channels), number(1...Limits.side), number(1...Limits.side)], layers: layers)
            do {
                let estimate = try MemoryEstimate(
                    architecture: spec, batchSize: number(1...Limits.batch), trainingCount: number(0...Limits.examples),
                    testCount: number(0...Limits.examples), optimizer: generator.nextInt(below: 2) == 0 ? .sgd : .adam)
                #expect(estimate.parameterBytes >= 0 && estimate.activationBytes > 0 && estimate.scratchBytes >= 0 && estimate.dataBytes >= 0)
                #expect(estimate.totalBytes >= estimate.activationBytes)
                counted += 1
            } catch {
                refused += 1
            }
        }
        // Both outcomes occur, so the test exercises the checked paths and the counted ones.
        #expect(refused > 100 && counted > 100, "refused \(refused), counted \(counted)")
    }
}
