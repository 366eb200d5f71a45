import ConvEngine

// Layout: NCHW inputs, OIHW weights.
//
// The engine's workloads of `convlab bench --tsv`, defined as the performance issue defines
// them and as `bench/peers.py` times them in PyTorch and ONNX Runtime. They go through the
// engine's public entry points (the trainer, `Sequential`, `conv2dForward`), so they measure
// whatever path `convlab train` and the app take, never a kernel called on its own.

/// Training steps, convolutions and inference of the course's networks, timed.
enum EngineWorkloads {
    /// SGD with momentum, as the workloads fix it.
    static let learningRate: Float = 0.05
    static let momentum: Float = 0.9
    /// Images each timed training run covers (at batch 1, 256 steps; at 128, two): runs of
    /// similar length at every batch size, long enough for the clock and short enough to
    /// repeat. The peers' script uses the same count.
    static let imagesPerTrainingRun = 256
    /// Forward passes each timed inference run makes; the value reported is per pass.
    static let forwardsPerInferenceRun = 100

    /// Images per second of training steps (forward, loss, backward, SGD step) of
    /// `architecture` at `batch`, through `Trainer` as `convlab train` runs it: the median of
    /// `repeats` runs after one warm-up run.
    ///
    /// One run is one epoch over `imagesPerTrainingRun / batch` batches of synthetic digits in
    /// file order; only the steps are timed, not the end-of-epoch test evaluation (of one image).
    static func trainingImagesPerSecond(
        _ architecture: NamedArchitecture, batch: Int, threads: Int, repeats: Int
    ) throws -> Double {
        FastThreading.threadCount = threads
        let steps = max(1, imagesPerTrainingRun / batch)
        let configuration = TrainingConfiguration(
            epochs: repeats + 1, batchSize: batch, learningRate: learningRate, optimizer: .sgd, momentum: momentum,
            weightDecay: 0, seed: 1, shuffle: false)
        var trainer = Trainer(
            model: network(architecture), trainingSet: SyntheticDigits.trainingSet(count: steps * batch, seed: 1),
            testSet: SyntheticDigits.testSet(count: 1, seed: 1), configuration: configuration)
        let clock = ContinuousClock()
        var failure: (any Error)?
        let seconds = BenchTiming.medianOfRuns(repeats: repeats) {
            let start = clock.now
            do {
                while try !trainer.trainNextBatch().endsEpoch {}
            } catch {
                failure = error
            }
            let elapsed = BenchTiming.seconds(clock.now - start)
            if failure == nil { trainer.finishEpoch() }
            return elapsed
        }
        if let failure { throw failure }
        return Double(steps * batch) / seconds
    }

    /// Median seconds of one forward pass of `network` on one synthetic digit, through
    /// `predict` (inference: nothing kept for a backward pass, as the peers run it under
    /// `torch.inference_mode()`).
    static func inferenceSeconds(_ architecture: NamedArchitecture, threads: Int, repeats: Int) -> Double {
        FastThreading.threadCount = threads
        let model = network(architecture)
        let image = SyntheticDigits.testSet(count: 1, seed: 1).images  // 1×1×28×28
        var sink: Float = 0
        let seconds = BenchTiming.medianSeconds(repeats: repeats, timing: {
            for _ in 0..<forwardsPerInferenceRun { sink += model.predict(image).scalars[0] }
        })
        BenchTiming.keep(sink)
        return seconds / Double(forwardsPerInferenceRun)
    }

    /// A convolution forward workload: input N×C×H×W, K filters of R×S, with bias.
    struct Convolution {
        var batch, channels, height, width, outputChannels, kernelSize: Int
        var config: Conv2DConfig

        /// W3: a 3×3, padding-1 convolution, 64→64 channels, on 8×64×56×56 (a ResNet stage).
        static let w3 = Convolution(
            batch: 8, channels: 64, height: 56, width: 56, outputChannels: 64, kernelSize: 3, config: Conv2DConfig(padding: 1))
        /// W4: VGG16's first convolution, 3→64 channels, 3×3, padding 1, on 1×3×224×224.
        static let w4 = Convolution(
            batch: 1, channels: 3, height: 224, width: 224, outputChannels: 64, kernelSize: 3, config: Conv2DConfig(padding: 1))

        /// 2·N·K·C·R·S·Ho·Wo: each output cell takes C·R·S multiply-adds, counted as two.
        var flops: Double {
            let (outputHeight, outputWidth) = config.geometry(
                inputHeight: height, inputWidth: width, kernelHeight: kernelSize, kernelWidth: kernelSize).outputSize
            return 2 * Double(batch * outputChannels * channels * kernelSize * kernelSize * outputHeight * outputWidth)
        }

        /// Median seconds of one forward pass through `conv2dForward`, the entry point layers use.
        func forwardSeconds(threads: Int, repeats: Int) -> Double {
            FastThreading.threadCount = threads
            var generator = SeededGenerator(seed: 3)
            let input = Tensor.normal([batch, channels, height, width], using: &generator)
            let weight = Tensor.kaimingUniform([outputChannels, channels, kernelSize, kernelSize], using: &generator)
            let bias = Tensor.defaultBias(count: outputChannels, fanIn: channels * kernelSize * kernelSize, using: &generator)
            var sink: Float = 0
            let seconds = BenchTiming.medianSeconds(repeats: repeats, timing: {
                sink += conv2dForward(input: input, weight: weight, bias: bias, config: config).scalars[0]
            })
            BenchTiming.keep(sink)
            return seconds
        }
    }

    /// The named network with weights seeded by 1; a named architecture always builds.
    private static func network(_ architecture: NamedArchitecture) -> Sequential {
        do {
            return try Sequential(spec: architecture.spec, seed: 1)
        } catch {
            preconditionFailure("the named architecture \(architecture.name) does not build: \(error)")
        }
    }
}
