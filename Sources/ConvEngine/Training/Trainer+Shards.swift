// Layout: NCHW. A batch is B×C×H×W images; logits are B×classes.

/// A training step's forward, loss and backward with the batch cut into shards that run on
/// the fast path's threads, each shard on its own copy of the network:
///
///     shard s:   rows [s·B/S, (s+1)·B/S) of the batch, S = shardCount(batchSize: B, …)
///     in shard:  logits_s = network_s(x_s);  (ℓ_s, dℓ_s) = loss(logits_s), the shard's mean
///                backward from dℓ_s · B_s/B, so the shard's gradient is its share of the batch mean
///     model:     gradient += ((g_0 + g_1) + g_2) + …   in shard order
///     loss:      ℓ = Σ_s ℓ_s · B_s/B                    in shard order
///
/// Why shards and not threads inside each op: the course's layers are small (8 to 16 channels
/// of 28×28), and splitting one GEMM or im2col over two threads cost more in joins than it
/// saved (one thread trained faster than two). A shard is a whole forward and backward with
/// one join per step.
///
/// S and the bounds depend only on B and the network's size, never on the thread count, and
/// the ops inside a shard run single-threaded, so every result is the same bits for any
/// number of threads, as the fast path promises. Below `minimumShardSize`·2 images there is
/// one shard: the plain step, with the ops free to use the threads themselves. The shard
/// size and count are first choices, not yet tuned by measurement.
///
/// The shards' network copies persist from step to step, and so do their inputs: their weights
/// are copied in from the model at the start of each step, and after backward they release
/// their caches, so every layer writes its next outputs and gradients into the arrays of the
/// last step (`reuseStorage`). After the first step of a given batch size, the large buffers
/// of a step are all reused.
struct ShardedTrainingStep: Sendable {
    /// Fewest images in a shard: below this, a shard's GEMMs are too narrow to pay for the
    /// copy of the weights and the sum of the gradients it costs.
    static let minimumShardSize = 8
    /// Most shards: their gradients are summed one after another, and each holds a copy of
    /// the weights.
    static let maximumShardCount = 8
    /// Most bytes of weights and gradients the shards' copies hold together (8 bytes per
    /// parameter per copy, 32 MiB): a network too large for two copies trains as one shard
    /// instead of multiplying its memory (LeNet-5 needs 0.5 MB a copy, VGG16 1.1 GB).
    static let copiedParameterBudget = 1 << 25

    /// One network copy per shard, made on first use.
    private var replicas: [Sequential] = []
    /// Each shard's images, B_s×C×H×W, kept for the next step.
    private var shardInputs: [[Float]] = []
    /// How many of `replicas` the last `forwardAndBackward` used.
    private var activeShardCount = 0

    init() {}

    /// S for a batch of `batchSize` on a network of `parameterCount` parameters:
    /// ⌊B / minimumShardSize⌋ within 1…maximumShardCount, and no more copies than
    /// `copiedParameterBudget` holds.
    static func shardCount(batchSize: Int, parameterCount: Int = 0) -> Int {
        let (bytes, overflow) = parameterCount.multipliedReportingOverflow(by: Sequential.bytesPerParameter)
        let copies = overflow ? 1 : copiedParameterBudget / max(1, bytes)
        let shardSize = max(minimumShardSize, parameterCount / parametersPerShardImage)
        return max(1, min(maximumShardCount, batchSize / shardSize, copies))
    }

    /// Parameters per image of a shard, at least: each shard copies the weights in and its
    /// gradients are summed out, two passes over the parameters, which should stay small
    /// against the shard's images. LeNet-5 (61,706 parameters) gets shards of 15 images or
    /// more (4 of 16 at batch 64, where shards of 8 spent ~4% of a step on the copies and
    /// sums); the teaching net (9,098) keeps shards of 8.
    static let parametersPerShardImage = 4096

    /// The shards' row ranges, in order, covering 0..<batchSize; sizes differ by at most one.
    static func shardBounds(batchSize: Int, parameterCount: Int = 0) -> [Range<Int>] {
        let count = shardCount(batchSize: batchSize, parameterCount: parameterCount)
        let (whole, rest) = batchSize.quotientAndRemainder(dividingBy: count)
        // Shard s starts at s·whole + min(s, rest): the first `rest` shards take one more row.
        return (0..<count).map { shard in
            let start = shard * whole + min(shard, rest)
            return start..<(start + whole + (shard < rest ? 1 : 0))
        }
    }

    /// Runs forward, `loss` and backward over `images` (B×C×H×W) with `model`'s weights;
    /// the gradients stay in the shards until `sumGradients(into:)`.
    ///
    /// - Parameters:
    ///   - loss: given one shard's logits (B_s×classes) and its rows of the batch, the mean
    ///     loss over those rows and its gradient with respect to the logits. Called once per
    ///     shard, from several threads at once.
    ///   - threadCount: threads running the shards (the ops of a single shard use them instead).
    /// - Returns: the batch's mean loss and its logits, B×classes.
    mutating func forwardAndBackward(
        model: Sequential, images: Tensor, threadCount: Int = FastThreading.threadCount,
        loss: (_ logits: Tensor, _ shard: Range<Int>) -> (loss: Float, dLogits: Tensor)
    ) -> (loss: Float, logits: Tensor) {
        let batchSize = images.shape[0]
        let bounds = Self.shardBounds(batchSize: batchSize, parameterCount: model.parameterCount)
        while replicas.count < bounds.count { replicas.append(model) }
        while shardInputs.count < bounds.count { shardInputs.append([]) }
        activeShardCount = bounds.count
        if bounds.count == 1 {
            replicas[0].copyParameterValues(from: model)
            replicas[0].zeroLayerGradients()
            let logits = replicas[0].forward(images)
            let (batchLoss, dLogits) = loss(logits, 0..<batchSize)
            replicas[0].accumulateParameterGradients(dLogits)
            replicas[0].releaseCaches()
            return (batchLoss, logits)
        }

        var shardLosses = [Float](repeating: 0, count: bounds.count)
        var shardLogits = [Tensor](repeating: Tensor.zeros([0]), count: bounds.count)
        let imageSize = images.count / max(batchSize, 1)
        let exampleShape = Array(images.shape.dropFirst())
        shardInputs.withUnsafeMutableBufferPointer { inputBuffer in
            replicas.withUnsafeMutableBufferPointer { replicaBuffer in
                shardLosses.withUnsafeMutableBufferPointer { lossBuffer in
                    shardLogits.withUnsafeMutableBufferPointer { logitsBuffer in
                        // Each shard writes only its own input, replica, loss and logits.
                        FastThreading.forEachTask(bounds.count, threadCount: threadCount) { _, shard in
                            FastThreading.runSingleThreaded {
                                // Each shard refreshes its own copy, so the copies run in parallel.
                                replicaBuffer[shard].copyParameterValues(from: model)
                                replicaBuffer[shard].zeroLayerGradients()
                                let rows = bounds[shard]
                                let first = rows.lowerBound * imageSize
                                reuseStorage(&inputBuffer[shard], count: rows.count * imageSize)
                                inputBuffer[shard].withUnsafeMutableBufferPointer { destination in
                                    images.scalars.withUnsafeBufferPointer { source in
                                        for index in destination.indices { destination[index] = source[first + index] }
                                    }
                                }
                                let input = Tensor(shape: [rows.count] + exampleShape, scalars: inputBuffer[shard])
                                let logits = replicaBuffer[shard].forward(input)
                                var shardLoss = loss(logits, rows)
                                let share = Float(rows.count) / Float(batchSize)
                                shardLoss.dLogits.scalars.withUnsafeMutableBufferPointer { gradient in
                                    for index in gradient.indices { gradient[index] *= share }
                                }
                                replicaBuffer[shard].accumulateParameterGradients(shardLoss.dLogits)
                                replicaBuffer[shard].releaseCaches()
                                lossBuffer[shard] = shardLoss.loss
                                logitsBuffer[shard] = logits
                            }
                        }
                    }
                }
            }
        }

        var total = 0.0
        for (shard, rows) in bounds.enumerated() {
            total += Double(shardLosses[shard]) * Double(rows.count) / Double(batchSize)
        }
        let classCount = shardLogits[0].shape.dropFirst().reduce(1, *)
        var logits = [Float]()
        logits.reserveCapacity(batchSize * classCount)
        for shardLogit in shardLogits { logits.append(contentsOf: shardLogit.scalars) }
        return (Float(total), Tensor(shape: [batchSize] + shardLogits[0].shape.dropFirst(), scalars: logits))
    }

    /// Elements of one parameter per task when the sum of the shards' gradients is split over
    /// threads; smaller parameters are summed on the calling thread.
    static let gradientElementsPerTask = 1 << 14

    /// Adds the shards' parameter gradients of the last `forwardAndBackward` onto `model`'s,
    /// shard 0 first, so the sum's rounding is the same for any thread count. A large
    /// parameter's elements are cut into ranges summed on the threads: each element still
    /// takes the shards in order, whoever sums it.
    func sumGradients(into model: inout Sequential, threadCount: Int = FastThreading.threadCount) {
        for index in model.layers.indices {
            let shardParameters = replicas.prefix(activeShardCount).map { $0.layers[index].parameters }
            guard let first = shardParameters.first, !first.isEmpty else { continue }
            var position = 0
            model.layers[index].updateParameters { parameter in
                for parameters in shardParameters {
                    precondition(parameters[position].gradient.count == parameter.gradient.count,
                                 "shard gradient of \(parameter.name) has another size")
                }
                parameter.gradient.scalars.withUnsafeMutableBufferPointer { total in
                    let count = total.count
                    let totalBase = UncheckedSendableBox(total.baseAddress)
                    let parameterPosition = position
                    let taskCount = (count + Self.gradientElementsPerTask - 1) / Self.gradientElementsPerTask
                    FastThreading.forEachTask(taskCount, threadCount: threadCount) { _, task in
                        guard let total = totalBase.value else { return }
                        let start = task * Self.gradientElementsPerTask
                        let end = min(count, start + Self.gradientElementsPerTask)
                        for parameters in shardParameters {
                            parameters[parameterPosition].gradient.scalars.withUnsafeBufferPointer { shardGradient in
                                for element in start..<end { total[element] += shardGradient[element] }
                            }
                        }
                    }
                }
                position += 1
            }
        }
    }
}

extension Sequential {
    /// Makes every parameter's value equal to `source`'s, writing into this network's own
    /// storage (a shard's copy keeps its arrays from step to step). Same architecture required.
    mutating func copyParameterValues(from source: Sequential) {
        precondition(layers.count == source.layers.count, "copying weights between different networks")
        for index in layers.indices {
            let values = source.layers[index].parameters
            guard !values.isEmpty else { continue }
            var position = 0
            layers[index].updateParameters { parameter in
                let value = values[position].value
                precondition(value.shape == parameter.shape, "copying \(parameter.name) between different shapes")
                parameter.value.scalars.withUnsafeMutableBufferPointer { destination in
                    value.scalars.withUnsafeBufferPointer { source in
                        for element in source.indices { destination[element] = source[element] }
                    }
                }
                position += 1
            }
        }
    }

    /// Every layer's `releaseCaches()`: a `backward` needs a new `forward` afterwards.
    mutating func releaseCaches() {
        for index in layers.indices { layers[index].releaseCaches() }
    }

    /// Sets every gradient to zero layer by layer (no qualified names built).
    mutating func zeroLayerGradients() {
        for index in layers.indices { layers[index].zeroGradients() }
    }
}
