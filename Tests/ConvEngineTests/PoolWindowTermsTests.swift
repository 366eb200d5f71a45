import ConvEngine
import Testing

@Suite struct PoolWindowTermsTests {
    /// The 2×2 windows of
    ///
    ///     1 3 | 2 1
    ///     4 2 | 0 1
    ///     ----+----
    ///     5 6 | 1 2
    ///     7 8 | 3 4
    ///
    /// Window (1, 1) holds 1 2 / 3 4: max 4 at tap (1, 1), input (3, 3), flat 15; its sum is 10
    /// and its mean 10/4 = 2.5.
    @Test func handWorkedWindowOfAFourByFourInput() {
        let input = Tensor(shape: [1, 1, 4, 4], scalars: [1, 3, 2, 1, 4, 2, 0, 1, 5, 6, 1, 2, 7, 8, 3, 4])
        let config = Pool2DConfig(kernelSize: 2)
        let maxTerms = maxPool2dWindowTerms(input: input, config: config, channel: 0, outputRow: 1, outputColumn: 1)
        #expect(maxTerms.terms.map(\.value) == [1, 2, 3, 4])
        #expect(maxTerms.terms.map(\.inputRow) == [2, 2, 3, 3])
        #expect(maxTerms.terms.map(\.inputColumn) == [2, 3, 2, 3])
        #expect(maxTerms.chosenTerm == 3)
        #expect(maxTerms.chosen?.tapRow == 1 && maxTerms.chosen?.tapColumn == 1)
        #expect(maxTerms.route == 15)
        #expect(maxTerms.result == 4)
        #expect(maxTerms.sum == nil && maxTerms.divisor == nil)

        let averageTerms = avgPool2dWindowTerms(input: input, config: config, channel: 0, outputRow: 1, outputColumn: 1)
        #expect(averageTerms.sum == 10)
        #expect(averageTerms.divisor == 4)
        #expect(averageTerms.result == 2.5)
        #expect(averageTerms.chosenTerm == nil && averageTerms.route == nil)
    }

    /// Input −1 … −9 (3×3), kernel 3, stride 2, padding 1: window (0, 0) covers rows and columns
    /// −1…1, so five of its nine taps are padding. Max ignores them (−∞) and picks −1; average
    /// adds 0 for them but still divides by 9: (−1 − 2 − 4 − 5)/9 = −12/9.
    @Test func paddingIsMarkedAndNeverChosen() {
        let input = Tensor(shape: [1, 1, 3, 3], scalars: (1...9).map { -Float($0) })
        let config = Pool2DConfig(kernelSize: 3, stride: 2, padding: 1)
        let maxTerms = maxPool2dWindowTerms(input: input, config: config, channel: 0, outputRow: 0, outputColumn: 0)
        #expect(maxTerms.terms.map(\.isPadding) == [true, true, true, true, false, false, true, false, false])
        #expect(maxTerms.terms[0].inputRow == -1 && maxTerms.terms[0].inputColumn == -1)
        #expect(maxTerms.terms[0].inputOffset == nil)
        #expect(maxTerms.result == -1)
        #expect(maxTerms.route == 0)
        let averageTerms = avgPool2dWindowTerms(input: input, config: config, channel: 0, outputRow: 0, outputColumn: 0)
        #expect(averageTerms.sum == -12)
        #expect(averageTerms.divisor == 9)
        #expect(averageTerms.result == Float(-12) / 9)
    }

    /// Ties go to the first maximum in row-major order, as in the forward op.
    @Test func tiesChooseTheFirstMaximum() {
        let input = Tensor(shape: [1, 1, 2, 2], scalars: [1, 7, 7, 7])
        let terms = maxPool2dWindowTerms(input: input, config: Pool2DConfig(kernelSize: 2), channel: 0, outputRow: 0, outputColumn: 0)
        #expect(terms.chosenTerm == 1)
        #expect(terms.route == 1)
    }

    /// Every cell of every channel, for every tiling combination of size 1…7 (rectangular too),
    /// kernel 1…3, stride 1…3 and padding below the kernel: the breakdown's result equals the
    /// forward op's output bit for bit, the max route equals the op's route, and the terms'
    /// values are the input under the window. Values are small integers so ties are common.
    @Test func agreesWithTheForwardOpsEverywhere() {
        var generator = SeededGenerator(seed: 20_240_611)
        var configurationsChecked = 0
        for height in 1...7 {
            for width in [height, max(height - 2, 1)] {
                for kernelSize in 1...3 {
                    for stride in 1...3 {
                        for padding in 0..<kernelSize {
                            let config = Pool2DConfig(kernelSize: kernelSize, stride: stride, padding: padding)
                            guard case .success = config.geometry(inputHeight: height, inputWidth: width).validated else { continue }
                            let count = 2 * 2 * height * width
                            let scalars = (0..<count).map { _ in Float(Int(generator.next() % 7)) - 4 }
                            let input = Tensor(shape: [2, 2, height, width], scalars: scalars)
                            expectAgreement(input: input, config: config)
                            configurationsChecked += 1
                        }
                    }
                }
            }
        }
        #expect(configurationsChecked > 60)
    }

    /// Rectangular windows with different strides per axis, on continuous random values.
    @Test func agreesOnRectangularWindows() {
        var generator = SeededGenerator(seed: 7)
        let config = Pool2DConfig(kernelHeight: 3, kernelWidth: 2, strideHeight: 2, strideWidth: 1, paddingHeight: 1, paddingWidth: 1)
        let input = Tensor.uniform([1, 3, 5, 6], low: -1, high: 1, using: &generator)
        expectAgreement(input: input, config: config)
    }

    private func expectAgreement(input: Tensor, config: Pool2DConfig, sourceLocation: SourceLocation = #_sourceLocation) {
        let (maxOutput, routes) = maxPool2dForward(input: input, config: config)
        let averageOutput = avgPool2dForward(input: input, config: config)
        let (batchSize, channels, outputHeight, outputWidth) = (maxOutput.shape[0], maxOutput.shape[1], maxOutput.shape[2], maxOutput.shape[3])
        for n in 0..<batchSize {
            for c in 0..<channels {
                for row in 0..<outputHeight {
                    for column in 0..<outputWidth {
                        let offset = ((n * channels + c) * outputHeight + row) * outputWidth + column
                        let maxTerms = pool2dWindowTerms(kind: .max, input: input, config: config, batch: n, channel: c, outputRow: row, outputColumn: column)
                        #expect(maxTerms.result == maxOutput.scalars[offset], "max \(config) cell \(n),\(c),\(row),\(column)", sourceLocation: sourceLocation)
                        #expect(maxTerms.route == routes[offset], "route \(config) cell \(n),\(c),\(row),\(column)", sourceLocation: sourceLocation)
                        let averageTerms = pool2dWindowTerms(kind: .average, input: input, config: config, batch: n, channel: c, outputRow: row, outputColumn: column)
                        #expect(averageTerms.result == averageOutput.scalars[offset], "avg \(config) cell \(n),\(c),\(row),\(column)", sourceLocation: sourceLocation)
                        for term in maxTerms.terms {
                            if let inputOffset = term.inputOffset {
                                #expect(term.value == input.scalars[inputOffset], sourceLocation: sourceLocation)
                                #expect(inputOffset == ((n * channels + c) * input.shape[2] + term.inputRow) * input.shape[3] + term.inputColumn, sourceLocation: sourceLocation)
                            } else {
                                #expect(term.inputRow < 0 || term.inputRow >= input.shape[2] || term.inputColumn < 0 || term.inputColumn >= input.shape[3], sourceLocation: sourceLocation)
                            }
                        }
                    }
                }
            }
        }
    }
}
