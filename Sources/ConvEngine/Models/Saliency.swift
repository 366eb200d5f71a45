// Layout: NCHW. The image is 1×C×H×W; the network's output is 1×K class scores (logits).

/// What a classifier looks at, measured two ways on one image and one class.
///
/// The score is the class's logit, the network's output before softmax, as in Simonyan,
/// Vedaldi and Zisserman, "Deep Inside Convolutional Networks" (2014): the probability also
/// rises when the other classes' scores fall, so the logit says more about the class itself.
///
/// - The gradient map is ∂score/∂input, one number per input pixel, from the network's own
///   backward pass (the backward pass that training runs, fed a one-hot dOutput): how much the
///   score would change per unit of extra ink at each pixel, for a small change.
/// - The occlusion map slides a grey square over the image, as in Zeiler and Fergus,
///   "Visualizing and Understanding Convolutional Networks" (2014), and records how far the
///   score drops when each region is hidden: a large drop marks a region the class depends on.
///   It measures big changes, where the gradient measures small ones, so the two can disagree.
public enum Saliency {
    /// ∂(score of `classIndex`)/∂image for a network whose output is 1×K.
    ///
    /// Runs on a copy of `model`, so its caches and gradients are untouched.
    /// - Parameters:
    ///   - image: 1×(model's input shape).
    ///   - classIndex: 0 ≤ classIndex < K.
    /// - Returns: the image's shape, 1×C×H×W.
    public static func gradientMap(model: Sequential, image: Tensor, classIndex: Int) -> Tensor {
        var network = model
        let scores = network.forward(image)
        precondition(scores.rank == 2 && scores.shape[0] == 1, "expected 1×K scores, got \(Tensor.describe(scores.shape))")
        precondition((0..<scores.shape[1]).contains(classIndex), "class \(classIndex) outside 0..<\(scores.shape[1])")
        // d score_k / d scores is the one-hot vector at k.
        var dScores = Tensor.zeros(scores.shape)
        dScores.scalars[classIndex] = 1
        return network.backward(dScores)
    }

    /// The drop in the score of `classIndex` when a `patchSize`×`patchSize` square of `fill` is
    /// laid over the image, for every patch position.
    ///
    /// Patch (row, column) is centred on pixel (row·stride, column·stride): it covers rows
    /// row·stride − ⌊patchSize/2⌋ … row·stride − ⌊patchSize/2⌋ + patchSize − 1 (and the same
    /// for columns), clipped to the image, on every channel. Centres run over the image, so
    /// there are ⌈H/stride⌉ × ⌈W/stride⌉ positions and map cell (row, column) sits over image
    /// pixel (row·stride, column·stride). Every occluded
    /// image goes through the network's ordinary forward pass, in batches.
    /// - Parameters:
    ///   - image: 1×(model's input shape), C×H×W with H, W ≥ 1.
    ///   - patchSize, stride: ≥ 1.
    ///   - fill: the grey the patch is painted with (0.5 is mid grey for images in [0, 1]).
    public static func occlusionMap(
        model: Sequential, image: Tensor, classIndex: Int, patchSize: Int, stride: Int, fill: Float = 0.5
    ) -> OcclusionMap {
        precondition(image.rank == 4 && image.shape[0] == 1, "expected a 1×C×H×W image, got \(Tensor.describe(image.shape))")
        precondition(patchSize >= 1 && stride >= 1, "patch size and stride must be at least 1")
        let (_, channels, height, width) = image.nchw
        let rows = (height + stride - 1) / stride
        let columns = (width + stride - 1) / stride
        var network = model
        let baseScores = network.forward(image)
        precondition((0..<baseScores.shape[1]).contains(classIndex), "class \(classIndex) outside 0..<\(baseScores.shape[1])")
        let classCount = baseScores.shape[1]
        let baseScore = baseScores.scalars[classIndex]
        let pixels = channels * height * width
        var drops = [Float](repeating: 0, count: rows * columns)
        // 64 occluded images per forward pass keep memory small and the fast path busy.
        let batchSize = 64
        var start = 0
        while start < rows * columns {
            let count = min(batchSize, rows * columns - start)
            var batch = [Float](repeating: 0, count: count * pixels)
            for item in 0..<count {
                let occluded = occludedImage(
                    image, row: (start + item) / columns, column: (start + item) % columns, patchSize: patchSize, stride: stride, fill: fill)
                batch.replaceSubrange((item * pixels)..<((item + 1) * pixels), with: occluded.scalars)
            }
            let scores = network.forward(Tensor(shape: [count, channels, height, width], scalars: batch))
            for item in 0..<count { drops[start + item] = baseScore - scores.scalars[item * classCount + classIndex] }
            start += count
        }
        return OcclusionMap(
            classIndex: classIndex, baseScore: baseScore, patchSize: patchSize, stride: stride, fill: fill,
            drops: Tensor(shape: [rows, columns], scalars: drops))
    }

    /// `image` with patch (row, column) of `occlusionMap` painted `fill` on every channel.
    /// - Parameter image: 1×C×H×W. - Returns: 1×C×H×W.
    public static func occludedImage(_ image: Tensor, row: Int, column: Int, patchSize: Int, stride: Int, fill: Float) -> Tensor {
        let (_, channels, height, width) = image.nchw
        var occluded = image
        let top = row * stride - patchSize / 2, left = column * stride - patchSize / 2
        for channel in 0..<channels {
            for y in max(top, 0)..<max(min(top + patchSize, height), 0) {
                for x in max(left, 0)..<max(min(left + patchSize, width), 0) {
                    occluded.scalars[(channel * height + y) * width + x] = fill
                }
            }
        }
        return occluded
    }
}

/// The result of `Saliency.occlusionMap`: score drops, one per patch position.
public struct OcclusionMap: Hashable, Sendable {
    public var classIndex: Int
    /// The class's score on the image without any patch.
    public var baseScore: Float
    public var patchSize: Int
    public var stride: Int
    public var fill: Float
    /// rows×columns: baseScore − the score with the patch at (row, column); positive where
    /// hiding the region lowers the score.
    public var drops: Tensor
}
