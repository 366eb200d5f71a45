import Testing
@testable import ConvEngine

/// The trainer's batch shards (Trainer+Shards.swift): bounds that depend on the batch size
/// only, the same weights bit for bit on 1 and 2 threads, and the batch mean's gradient.
@Suite struct TrainerShardTests {
    @Test func boundsCoverTheBatchInOrderAndDependOnlyOnItsSize() {
        #expect(ShardedTrainingStep.shardBounds(batchSize: 1) == [0..<1])
        #expect(ShardedTrainingStep.shardBounds(batchSize: 15) == [0..<15])
        #expect(ShardedTrainingStep.shardBounds(batchSize: 16) == [0..<8, 8..<16])
        #expect(ShardedTrainingStep.shardBounds(batchSize: 32) == [0..<8, 8..<16, 16..<24, 24..<32])
        #expect(ShardedTrainingStep.shardBounds(batchSize: 27) == [0..<9, 9..<18, 18..<27])
        // 8 shards at most; sizes differ by at most one, the larger ones first.
        #expect(ShardedTrainingStep.shardBounds(batchSize: 130).map(\.count) == [17, 17, 16, 16, 16, 16, 16, 16])
        // Larger networks take more images per shard (one per 4,096 parameters, at least 8):
        // the teaching net keeps shards of 8, LeNet-5 gets shards of 16 at batch 64.
        #expect(ShardedTrainingStep.shardCount(batchSize: 64, parameterCount: 9_098) == 8)
        #expect(ShardedTrainingStep.shardCount(batchSize: 64, parameterCount: 61_706) == 4)
        #expect(ShardedTrainingStep.shardCount(batchSize: 64, parameterCount: 1_500_000) == 1)
        // A network whose copies would pass the budget trains as fewer shards, or one.
        #expect(ShardedTrainingStep.shardCount(batchSize: 8192, parameterCount: 1_500_000) == 2)
        #expect(ShardedTrainingStep.shardCount(batchSize: 64, parameterCount: 138_357_544) == 1)
        #expect(ShardedTrainingStep.shardCount(batchSize: 64, parameterCount: .max) == 1)
        for batchSize in 1...300 {
            let bounds = ShardedTrainingStep.shardBounds(batchSize: batchSize)
            #expect(bounds.first?.lowerBound == 0 && bounds.last?.upperBound == batchSize, "batch \(batchSize)")
            #expect(zip(bounds, bounds.dropFirst()).allSatisfy { $0.upperBound == $1.lowerBound }, "batch \(batchSize)")
        }
    }

    /// `steps` SGD steps on `batches` of the teaching net's digits, the shards run on
    /// `threads` threads; returns the model and each step's loss.
    private func train(threads: Int, batches: [[Int]], architecture: NamedArchitecture = .teachingNet) throws -> (Sequential, [Float]) {
        let data = SyntheticDigits.trainingSet(count: 64, seed: 3)
        var model = try Sequential(spec: architecture.spec, seed: 5)
        var optimizer = SGD(learningRate: 0.05, momentum: 0.9)
        var shards = ShardedTrainingStep()
        var losses: [Float] = []
        for indices in batches {
            let (images, labels) = data.batch(indices: indices)
            model.zeroGradients()
            let (loss, _) = shards.forwardAndBackward(model: model, images: images, threadCount: threads) { logits, rows in
                softmaxCrossEntropy(logits: logits, labels: Array(labels[rows]))
            }
            shards.sumGradients(into: &model, threadCount: threads)
            optimizer.step(&model)
            losses.append(loss)
        }
        return (model, losses)
    }

    /// Batches of 32 (4 shards), 20 (2 shards of 10) and 4 (one shard), three steps each.
    private let batches = [Array(0..<32), Array(32..<52), Array(52..<56), Array(0..<32), Array(10..<30), Array(60..<64)]

    @Test func oneAndTwoThreadsGiveTheSameWeightsBitForBit() throws {
        let (one, oneLosses) = try train(threads: 1, batches: batches)
        let (two, twoLosses) = try train(threads: 2, batches: batches)
        #expect(oneLosses.map(\.bitPattern) == twoLosses.map(\.bitPattern))
        for (a, b) in zip(one.parameters, two.parameters) {
            #expect(a.value.scalars.map(\.bitPattern) == b.value.scalars.map(\.bitPattern), "\(a.name) differs")
        }
        // The weights did move: the comparison is not between two untouched networks.
        let start = try Sequential(spec: NamedArchitecture.teachingNet.spec, seed: 5)
        #expect(one.parameters[0].value != start.parameters[0].value)
    }

    /// LeNet-5's first linear weight (48,000 floats) is summed over the shards in element
    /// ranges on two threads; the weights still match one thread's bit for bit.
    @Test func lenetGradientsSummedOnTwoThreadsMatchOneBitForBit() throws {
        let lenetBatches = [Array(0..<32), Array(32..<64)]
        #expect(ShardedTrainingStep.gradientElementsPerTask < 400 * 120)
        let (one, oneLosses) = try train(threads: 1, batches: lenetBatches, architecture: .lenet5)
        let (two, twoLosses) = try train(threads: 2, batches: lenetBatches, architecture: .lenet5)
        #expect(oneLosses.map(\.bitPattern) == twoLosses.map(\.bitPattern))
        for (a, b) in zip(one.parameters, two.parameters) {
            #expect(a.value.scalars.map(\.bitPattern) == b.value.scalars.map(\.bitPattern), "\(a.name) differs")
        }
        let start = try Sequential(spec: NamedArchitecture.lenet5.spec, seed: 5)
        #expect(one.parameters[4].value != start.parameters[4].value, "the first linear weight moved")
    }

    /// Shards weighted by B_s/B give the gradient and loss of the batch mean: the same as
    /// one forward and backward over the whole batch, up to rounding.
    @Test func shardedGradientsEqualTheWholeBatchsGradient() throws {
        let data = SyntheticDigits.trainingSet(count: 40, seed: 7)
        let model = try Sequential(spec: NamedArchitecture.teachingNet.spec, seed: 11)
        let (images, labels) = data.batch(indices: Array(0..<37))   // 4 shards of 10, 9, 9, 9
        #expect(ShardedTrainingStep.shardCount(batchSize: 37) == 4)

        var whole = model
        whole.zeroGradients()
        let (wholeLoss, dLogits) = softmaxCrossEntropy(logits: whole.forward(images), labels: labels)
        whole.accumulateParameterGradients(dLogits)

        var sharded = model
        sharded.zeroGradients()
        var shards = ShardedTrainingStep()
        let (shardedLoss, logits) = shards.forwardAndBackward(model: sharded, images: images, threadCount: 2) { logits, rows in
            softmaxCrossEntropy(logits: logits, labels: Array(labels[rows]))
        }
        shards.sumGradients(into: &sharded)

        #expect(abs(shardedLoss - wholeLoss) <= 1e-5 * abs(wholeLoss), "loss \(shardedLoss) vs \(wholeLoss)")
        FastLayerTests.expectClose(logits, whole.forward(images), "logits")
        for (a, b) in zip(sharded.parameters, whole.parameters) {
            FastLayerTests.expectClose(a.gradient, b.gradient, "\(a.name) gradient")
            #expect(a.gradient.scalars.contains { $0 != 0 }, "\(a.name) has a gradient")
        }
    }

    /// A second step reuses the shards' copies and sees the model's new weights: two steps
    /// through the shards land where two whole-batch steps do.
    @Test func theShardsFollowTheModelsWeightsFromStepToStep() throws {
        let data = SyntheticDigits.trainingSet(count: 32, seed: 2)
        let (images, labels) = data.batch(indices: Array(0..<32))
        var plain = try Sequential(spec: NamedArchitecture.teachingNet.spec, seed: 4)
        var sharded = plain
        var plainOptimizer = SGD(learningRate: 0.1, momentum: 0.9)
        var shardedOptimizer = plainOptimizer
        var shards = ShardedTrainingStep()
        for _ in 0..<2 {
            plain.zeroGradients()
            let (_, dLogits) = softmaxCrossEntropy(logits: plain.forward(images), labels: labels)
            plain.accumulateParameterGradients(dLogits)
            plainOptimizer.step(&plain)
            sharded.zeroGradients()
            _ = shards.forwardAndBackward(model: sharded, images: images, threadCount: 2) { logits, rows in
                softmaxCrossEntropy(logits: logits, labels: Array(labels[rows]))
            }
            shards.sumGradients(into: &sharded)
            shardedOptimizer.step(&sharded)
        }
        for (a, b) in zip(sharded.parameters, plain.parameters) {
            FastLayerTests.expectClose(a.value, b.value, "\(a.name) after two steps")
        }
    }
}
