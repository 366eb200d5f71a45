// Layout: NCHW. Images are N×C×H×W.

/// Classification consistency, the shift-robustness measure of Zhang, "Making Convolutional
/// Networks Shift-Invariant Again" (ICML 2019): the share of images that get the same class
/// when shown at two independent random shifts.
///
/// Here each image is shifted twice by (dx, dy), each drawn uniformly from −k…k, with zero
/// fill (what leaves the frame is lost, as when a camera moves), and the two predicted classes
/// (arg-max of the output, the first on ties) are compared. Draws come from a seeded
/// generator, so the same seed gives the same number.
public enum ShiftConsistency {
    /// The share (0…1) of `images` (N×C×H×W) whose two shifted copies `model` classifies alike.
    public static func measure(
        model: Sequential, images: Tensor, maximumShift: Int, seed: UInt64, batchSize: Int = 128
    ) -> Double {
        precondition(images.rank == 4 && Array(images.shape.dropFirst()) == model.spec.inputShape,
                     "images must be N×\(Tensor.describe(model.spec.inputShape)), got \(Tensor.describe(images.shape))")
        precondition(maximumShift >= 0 && maximumShift <= Limits.side && batchSize > 0, "maximumShift \(maximumShift) out of range")
        let count = images.shape[0]
        guard count > 0 else { return 1 }
        let imageSize = images.count / count
        var generator = SeededGenerator(seed: seed)
        let span = UInt64(2 * maximumShift + 1)
        func draw() -> Int { Int(generator.next() % span) - maximumShift }
        // Every draw is made up front in image order, so batching does not change them.
        let offsets = (0..<count).map { _ in (first: (draw(), draw()), second: (draw(), draw())) }
        var network = model
        var agreements = 0
        for start in stride(from: 0, to: count, by: batchSize) {
            let end = min(start + batchSize, count)
            var firstCopies: [Float] = [], secondCopies: [Float] = []
            for index in start..<end {
                let image = Tensor(shape: Array(images.shape.dropFirst()), scalars: Array(images.scalars[(index * imageSize)..<((index + 1) * imageSize)]))
                let (first, second) = offsets[index]
                firstCopies += ImageShift.shifted(image, right: first.0, down: first.1, fill: .zero).scalars
                secondCopies += ImageShift.shifted(image, right: second.0, down: second.1, fill: .zero).scalars
            }
            let shape = [end - start] + Array(images.shape.dropFirst())
            let firstClasses = predictedClasses(logits: flat(network.forward(Tensor(shape: shape, scalars: firstCopies))))
            let secondClasses = predictedClasses(logits: flat(network.forward(Tensor(shape: shape, scalars: secondCopies))))
            agreements += zip(firstClasses, secondClasses).filter { $0 == $1 }.count
        }
        return Double(agreements) / Double(count)
    }

    /// N×… as N×F.
    private static func flat(_ output: Tensor) -> Tensor {
        output.reshaped([output.shape[0], output.count / max(output.shape[0], 1)])
    }
}
