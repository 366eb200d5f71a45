import Testing
@testable import ConvEngine

/// Image `index` of `dataset` as 28 lines of ASCII shades, for failure messages.
func asciiArt(_ dataset: Dataset, _ index: Int) -> String {
    let image = dataset.image(at: index)
    let shades = Array(" .:-=+*#%@")
    let (_, _, height, width) = image.nchw
    return (0..<height).map { row in
        String((0..<width).map { column in
            shades[min(shades.count - 1, Int(image.scalars[row * width + column] * Float(shades.count)))]
        })
    }.joined(separator: "\n")
}

@Suite struct SyntheticDigitsTests {
    @Test func sameSeedSameImagesOtherSeedOtherImages() {
        let first = SyntheticDigits.trainingSet(count: 30, seed: 7)
        let again = SyntheticDigits.trainingSet(count: 30, seed: 7)
        let other = SyntheticDigits.trainingSet(count: 30, seed: 8)
        #expect(first == again)
        #expect(first.images != other.images)
        #expect(first.labels == other.labels)
    }

    @Test func aLargerSetStartsWithTheSmallerOne() {
        let small = SyntheticDigits.trainingSet(count: 12, seed: 3)
        let large = SyntheticDigits.trainingSet(count: 40, seed: 3)
        #expect(large.prefix(12) == small)
    }

    @Test func trainingAndTestSetsDiffer() {
        let train = SyntheticDigits.trainingSet(count: 20, seed: 1)
        let test = SyntheticDigits.testSet(count: 20, seed: 1)
        for index in 0..<20 {
            #expect(train.image(at: index) != test.image(at: index), "image \(index) appears in both sets")
        }
    }

    @Test func labelsAreBalancedAndShapesArePyTorchs() {
        let digits = SyntheticDigits.trainingSet(count: 1003, seed: 5)
        #expect(digits.images.shape == [1003, 1, 28, 28])
        #expect(digits.labelCounts == [101, 101, 101, 100, 100, 100, 100, 100, 100, 100])
    }

    @Test func pixelsLieInTheUnitIntervalAndEachImageHasInk() {
        let digits = SyntheticDigits.testSet(count: 200, seed: 11)
        #expect(digits.images.scalars.allSatisfy { $0 >= 0 && $0 <= 1 })
        for index in 0..<digits.count {
            let image = digits.image(at: index).scalars
            let inked = image.filter { $0 > 0.5 }.count
            // A stroke 1.2–2.8 px wide and 16–24 px tall covers tens of pixels, never most of them.
            #expect(inked >= 20 && inked <= 300, "image \(index) (a \(digits.labels[index])) has \(inked) inked pixels:\n\(asciiArt(digits, index))")
        }
    }

    /// Digits must look like digits: the average of many 1s is narrow and tall, the average 0
    /// has an empty centre, and the average 7 has ink along its top row but not its bottom-left.
    @Test func averageDigitsHaveTheirShapes() {
        let digits = SyntheticDigits.trainingSet(count: 2000, seed: 2)
        func mean(of digit: Int) -> Tensor {
            var total = Tensor.zeros([28, 28])
            for index in 0..<digits.count where digits.labels[index] == digit {
                total.add(digits.image(at: index).reshaped([28, 28]))
            }
            return total * (1 / Float(digits.labelCounts[digit]))
        }
        func box(_ image: Tensor, rows: Range<Int>, columns: Range<Int>) -> Float {
            var sum: Float = 0
            for row in rows { for column in columns { sum += image[row, column] } }
            return sum / Float(rows.count * columns.count)
        }
        let one = mean(of: 1), zero = mean(of: 0), seven = mean(of: 7)
        let examples = (0..<10).map { asciiArt(digits, $0) }.joined(separator: "\n\n")
        #expect(box(one, rows: 8..<20, columns: 12..<16) > 3 * box(one, rows: 8..<20, columns: 4..<8), "\(examples)")
        #expect(box(zero, rows: 11..<17, columns: 12..<16) < 0.5 * box(zero, rows: 11..<17, columns: 7..<10), "\(examples)")
        #expect(box(seven, rows: 3..<7, columns: 8..<20) > 2 * box(seven, rows: 19..<24, columns: 16..<22), "\(examples)")
    }
}
