// Layout: NCHW. A dataset holds N images as one N×C×H×W tensor and N labels.

/// Labelled images, the unit the trainer reads: N images as one N×C×H×W tensor with pixels in
/// [0, 1] (8-bit sources become value/255, nothing else), and N class indices.
public struct Dataset: Sendable, Equatable {
    /// N×C×H×W, pixels in [0, 1].
    public let images: Tensor
    /// N class indices.
    public let labels: [Int]

    public init(images: Tensor, labels: [Int]) {
        precondition(images.rank == 4, "dataset images must be N×C×H×W, got \(Tensor.describe(images.shape))")
        precondition(images.shape[0] == labels.count,
                     "\(images.shape[0]) images but \(labels.count) labels")
        precondition(labels.allSatisfy { $0 >= 0 }, "labels must be non-negative")
        self.images = images
        self.labels = labels
    }

    /// N, the number of examples.
    public var count: Int { labels.count }
    /// C×H×W, one image's shape.
    public var imageShape: [Int] { Array(images.shape.dropFirst()) }
    /// Scalars per image, C·H·W.
    public var imageSize: Int { imageShape.reduce(1, *) }
    /// One more than the largest label (0 for an empty set).
    public var classCount: Int { (labels.max() ?? -1) + 1 }

    /// Image `index` alone: 1×C×H×W.
    public func image(at index: Int) -> Tensor {
        batch(indices: [index]).images
    }

    /// The examples at `indices`, in that order: images B×C×H×W and B labels.
    public func batch(indices: [Int]) -> (images: Tensor, labels: [Int]) {
        let size = imageSize
        var scalars = [Float]()
        scalars.reserveCapacity(indices.count * size)
        for index in indices {
            precondition(index >= 0 && index < count, "example \(index) is outside 0..<\(count)")
            scalars.append(contentsOf: images.scalars[(index * size)..<((index + 1) * size)])
        }
        return (Tensor(shape: [indices.count] + imageShape, scalars: scalars), indices.map { labels[$0] })
    }

    /// The first `limit` examples (all of them if there are fewer).
    public func prefix(_ limit: Int) -> Dataset {
        let kept = min(max(limit, 0), count)
        let scalars = Array(images.scalars.prefix(kept * imageSize))
        return Dataset(images: Tensor(shape: [kept] + imageShape, scalars: scalars), labels: Array(labels.prefix(kept)))
    }

    /// How many examples have each label, indexed by label: `counts[3]` examples are 3s.
    public var labelCounts: [Int] {
        var counts = [Int](repeating: 0, count: classCount)
        for label in labels { counts[label] += 1 }
        return counts
    }

    /// One epoch's batches as lists of example indices, in order: consecutive runs of
    /// `batchSize`, the last one shorter when `batchSize` does not divide N (it is kept, as
    /// PyTorch's `DataLoader` keeps it by default).
    public func batchIndices(batchSize: Int) -> [[Int]] {
        Self.split(Array(0..<count), batchSize: batchSize)
    }

    /// One epoch's batches after a Fisher–Yates shuffle drawn from `generator`: every example
    /// appears exactly once, and the same generator state gives the same order.
    public func batchIndices(batchSize: Int, shuffledBy generator: inout SeededGenerator) -> [[Int]] {
        var order = Array(0..<count)
        if order.count > 1 {
            for index in stride(from: order.count - 1, to: 0, by: -1) {
                order.swapAt(index, generator.nextInt(below: index + 1))
            }
        }
        return Self.split(order, batchSize: batchSize)
    }

    private static func split(_ order: [Int], batchSize: Int) -> [[Int]] {
        precondition(batchSize > 0, "batch size must be positive, got \(batchSize)")
        return stride(from: 0, to: order.count, by: batchSize).map { start in
            Array(order[start..<min(order.count, start + batchSize)])
        }
    }
}

extension Dataset {
    /// The same examples with every image resized to `height`×`width` (bilinear, see
    /// `Tensor.resizedBilinear`).
    public func resized(height: Int, width: Int) -> Dataset {
        Dataset(images: images.resizedBilinear(height: height, width: width), labels: labels)
    }
}
