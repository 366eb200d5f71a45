import Testing
@testable import ConvEngine

/// Geometry at and beyond `Limits.side`: refused before any arithmetic, described without
/// trapping, and never looped over window by window.
@Suite struct GeometryLimitTests {
    @Test func hugeValuesAreRefusedByName() {
        #expect(AxisGeometry(inputSize: 28, kernelSize: 3, padding: 4_611_686_018_427_387_904).validated
            == .failure(.tooLarge(quantity: "padding", value: 4_611_686_018_427_387_904, limit: 16_384, axis: nil)))
        let conv = ConvGeometry(inputHeight: 28, inputWidth: 28, kernelSize: 3, padding: 4_611_686_018_427_387_904)
        #expect(conv.validated.failureText == "height: padding must be at most 16384, got 4611686018427387904")
        let cases: [(AxisGeometry, String)] = [
            (AxisGeometry(inputSize: 16_385, kernelSize: 3), "input size must be at most 16384, got 16385"),
            (AxisGeometry(inputSize: 28, kernelSize: 3_000_000_000), "kernel size must be at most 16384, got 3000000000"),
            (AxisGeometry(inputSize: 28, kernelSize: 3, stride: .max), "stride must be at most 16384, got 9223372036854775807"),
            (AxisGeometry(inputSize: 28, kernelSize: 3, dilation: .max), "dilation must be at most 16384, got 9223372036854775807"),
        ]
        for (geometry, text) in cases {
            #expect(geometry.validated.failureText == text)
        }
        #expect(AxisGeometry(inputSize: 16_384, kernelSize: 16_384, padding: 16_384, stride: 16_384, dilation: 1).outputSize == 3)
    }

    @Test func poolOfThreeBillionIsRefusedInsteadOfLooping() {
        let config = Pool2DConfig(kernelSize: 3_000_000_000, stride: 1, padding: 1_500_000_000)
        #expect(config.geometry(inputHeight: 4, inputWidth: 4).validated.failureText
            == "height: kernel size must be at most 16384, got 3000000000")
    }

    @Test func aWindowWiderThanItsInputCostsOnlyTheInput() {
        // 5×5 windows of 16,384×16,384 taps would be 6.7 billion reads; only 16 are real input.
        let input = Tensor(shape: [1, 1, 4, 4], scalars: (0..<16).map { Float(($0 * 7) % 16) })
        let config = Pool2DConfig(kernelSize: Limits.side, stride: 1, padding: Limits.side / 2)
        let (output, routes) = maxPool2dForward(input: input, config: config)
        #expect(output.shape == [1, 1, 5, 5])
        // Every window covers the whole 4×4 input, so every output is its maximum, 15 at index 9.
        #expect(output.scalars == Array(repeating: 15, count: 25))
        #expect(routes == Array(repeating: 9, count: 25))
        let average = avgPool2dForward(input: input, config: config)
        #expect(average.scalars.allSatisfy { $0 == Float(120) / Float(Limits.side * Limits.side) })
    }

    @Test func aStrideThatRoundsToOneShowsTheExactFraction() {
        // (4 − 3)/16384 + 1 is 1.00006: two decimals would print "1, not an integer".
        let axis = AxisGeometry(inputSize: 4, kernelSize: 3, stride: Limits.side)
        #expect(axis.validated.failureText
            == "(4 − 3 + 2·0)/16384 + 1 = 16385/16384, not an integer: the windows do not tile the input; input positions 3 would never be covered")
        let tiling = AxisGeometry(inputSize: 7, kernelSize: 3, stride: 3)
        #expect(tiling.validated.failureText?.contains("= 2.33, not an integer") == true)
    }

    @Test func thousandsOfUncoveredPositionsAreSummarised() {
        let axis = AxisGeometry(inputSize: Limits.side, kernelSize: 2, stride: Limits.side)
        #expect(axis.uncoveredInputs.count == 16_382)
        #expect(axis.validated.failureText
            == "(16384 − 2 + 2·0)/16384 + 1 = 16383/8192, not an integer: the windows do not tile the input; input positions 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13 and 16370 more would never be covered")
    }

    @Test func unvalidatedExtremesSaturateInsteadOfTrapping() {
        let extremes = [Int.min, -1, 0, Int.max]
        for value in extremes {
            for other in extremes {
                let axis = AxisGeometry(inputSize: value, kernelSize: other, padding: value, stride: other, dilation: value)
                _ = (axis.effectiveKernelSize, axis.paddedSize, axis.span, axis.wholeWindowCount, axis.exactOutput, axis.formula)
                #expect(axis.uncoveredInputs.isEmpty || axis.isWithinLimits)
                #expect(axis.tilingSuggestions().paddings.isEmpty || axis.isWithinLimits)
                #expect(axis.outputSize == nil)
                _ = AxisGeometry.samePadding(kernelSize: value, dilation: other)
            }
        }
        let huge = AxisGeometry(inputSize: .max, kernelSize: .max, padding: .max, dilation: .max)
        #expect(huge.effectiveKernelSize == .max)
        #expect(huge.paddedSize == .max)
        #expect(huge.span == 0)
        #expect(GeometryError.doesNotTile(geometry: AxisGeometry(inputSize: 5, kernelSize: 1, stride: 0), axis: nil)
            .description.hasPrefix("(5 − 1 + 2·0)/0 + 1 = "))
    }

    /// Seeded: the interval-marking `uncoveredInputs` and `tapsInsideInput` agree with a
    /// tap-by-tap walk on 3,000 random small geometries.
    @Test func coverageAgreesWithATapByTapWalk() {
        var generator = SeededGenerator(seed: 11)
        var checked = 0
        for _ in 0..<3_000 {
            let axis = AxisGeometry(
                inputSize: Int.random(in: 1...24, using: &generator), kernelSize: Int.random(in: 1...7, using: &generator),
                padding: Int.random(in: 0...4, using: &generator), stride: Int.random(in: 1...6, using: &generator),
                dilation: Int.random(in: 1...3, using: &generator))
            var covered = Set<Int>()
            for output in 0..<axis.wholeWindowCount {
                var inside: [Int] = []
                for tap in 0..<axis.kernelSize {
                    let index = axis.inputIndex(output: output, tap: tap)
                    if (0..<axis.inputSize).contains(index) {
                        covered.insert(index)
                        inside.append(tap)
                    }
                }
                #expect(Array(axis.tapsInsideInput(output: output)) == inside, "\(axis) window \(output)")
            }
            #expect(axis.uncoveredInputs == (0..<axis.inputSize).filter { !covered.contains($0) }, "\(axis)")
            checked += 1
        }
        #expect(checked == 3_000)
    }

    /// Seeded fuzz over values from the edges (negative, 0, the limit ± 1, Int.min/max): 5,000
    /// geometries, each either refused with a one-line reason or given an output that fits.
    @Test func fuzzedGeometryIsRefusedOrValid() {
        let edges = [Int.min, -4_611_686_018_427_387_904, -1, 0, 1, 2, 3, 7, Limits.side - 1, Limits.side,
                     Limits.side + 1, 3_037_000_500, 4_611_686_018_427_387_904, Int.max]
        var generator = SeededGenerator(seed: 2024)
        func value() -> Int {
            Bool.random(using: &generator) ? edges.randomElement(using: &generator)! : Int.random(in: -3...40, using: &generator)
        }
        for _ in 0..<5_000 {
            let geometry = ConvGeometry(
                height: AxisGeometry(inputSize: value(), kernelSize: value(), padding: value(), stride: value(), dilation: value()),
                width: AxisGeometry(inputSize: value(), kernelSize: value(), padding: value(), stride: value(), dilation: value()))
            switch geometry.validated {
            case let .success(size):
                #expect(size.height >= 1 && size.height <= 3 * Limits.side)
                #expect(size.width >= 1 && size.width <= 3 * Limits.side)
            case let .failure(error):
                let text = error.description
                #expect(!text.isEmpty && !text.contains("\n"))
                #expect(text.count < 400, "\(text)")
            }
        }
    }
}

extension Result where Failure == GeometryError {
    /// The failure's sentence, nil on success.
    var failureText: String? {
        if case let .failure(error) = self { return error.description }
        return nil
    }
}
