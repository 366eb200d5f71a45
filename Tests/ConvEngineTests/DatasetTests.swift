import Testing
@testable import ConvEngine
@testable import ConvFiles

/// A dataset of `count` 1×1×2 images whose pixels are (i, −i) for example i, labels i % 3.
private func numbered(_ count: Int) -> Dataset {
    let scalars = (0..<count).flatMap { [Float($0), -Float($0)] }
    return Dataset(images: Tensor(shape: [count, 1, 1, 2], scalars: scalars), labels: (0..<count).map { $0 % 3 })
}

@Suite struct DatasetTests {
    @Test func batchesInOrderKeepTheLastPartialBatch() {
        #expect(numbered(10).batchIndices(batchSize: 4) == [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9]])
        #expect(numbered(8).batchIndices(batchSize: 4) == [[0, 1, 2, 3], [4, 5, 6, 7]])
        #expect(numbered(3).batchIndices(batchSize: 64) == [[0, 1, 2]])
        #expect(numbered(0).batchIndices(batchSize: 4).isEmpty)
    }

    @Test func shuffledBatchesVisitEveryExampleOnceAndDependOnTheSeed() {
        let dataset = numbered(50)
        var first = SeededGenerator(seed: 1), again = SeededGenerator(seed: 1), other = SeededGenerator(seed: 2)
        let batches = dataset.batchIndices(batchSize: 16, shuffledBy: &first)
        #expect(batches.map(\.count) == [16, 16, 16, 2])
        #expect(batches.joined().sorted() == Array(0..<50))
        #expect(batches.joined().elementsEqual(0..<50) == false)
        #expect(dataset.batchIndices(batchSize: 16, shuffledBy: &again) == batches)
        #expect(dataset.batchIndices(batchSize: 16, shuffledBy: &other) != batches)
        // The generator moves on, so the next epoch gets a different order.
        #expect(dataset.batchIndices(batchSize: 16, shuffledBy: &first) != batches)
    }

    @Test func batchGathersImagesAndLabelsInTheGivenOrder() {
        let (images, labels) = numbered(6).batch(indices: [4, 1])
        #expect(images.shape == [2, 1, 1, 2])
        #expect(images.scalars == [4, -4, 1, -1])
        #expect(labels == [1, 1])
        #expect(numbered(6).image(at: 5).scalars == [5, -5])
    }

    @Test func prefixAndLabelCounts() {
        let dataset = numbered(7)
        #expect(dataset.prefix(3).labels == [0, 1, 2])
        #expect(dataset.prefix(3).images.scalars == [0, 0, 1, -1, 2, -2])
        #expect(dataset.prefix(100) == dataset)
        #expect(dataset.labelCounts == [3, 2, 2])
        #expect(dataset.classCount == 3)
    }

    /// PyTorch's `F.interpolate(x, size=(4, 4), mode="bilinear", align_corners=False)` of
    /// [[0, 1], [2, 3]]: output centres sit at source coordinates −0.25, 0.25, 0.75, 1.25,
    /// clamped to 0…1, so each row is [a, a + 0.25, a + 0.75, a + 1] and rows step 0, 0.5, 1.5, 2.
    @Test func bilinearResizeMatchesPyTorchsAlignCornersFalse() {
        let image = Tensor(shape: [1, 1, 2, 2], scalars: [0, 1, 2, 3])
        let resized = image.resizedBilinear(height: 4, width: 4)
        #expect(resized.scalars == [
            0, 0.25, 0.75, 1,
            0.5, 0.75, 1.25, 1.5,
            1.5, 1.75, 2.25, 2.5,
            2, 2.25, 2.75, 3,
        ])
        // Downsampling 4×4 → 2×2 by an exact factor of 2 averages each 2×2 block.
        #expect(resized.resizedBilinear(height: 2, width: 2).scalars == [0.375, 1.125, 1.875, 2.625])
        // Same size: unchanged.
        let digits = SyntheticDigits.trainingSet(count: 2, seed: 0)
        #expect(digits.images.resizedBilinear(height: 28, width: 28) == digits.images)
        #expect(digits.resized(height: 32, width: 32).images.shape == [2, 1, 32, 32])
    }
}
