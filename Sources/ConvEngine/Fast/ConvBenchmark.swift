// Layout: NCHW input/output, OIHW weight.
//
// Timings behind `convlab bench`: the reference conv loops against the fast path on the
// teaching net's two conv layers, and the GEMM's raw rate. Meant for release builds; the
// numbers are best-of-N wall-clock times, never assertions.

/// Times the reference and fast conv forward + backward and the GEMM on this machine.
public enum ConvBenchmark {
    /// One timed operation.
    public struct Measurement: Hashable, Sendable {
        /// What ran, e.g. "conv2 8→16 14×14 fast forward+backward, 2 threads".
        public var name: String
        /// Best wall-clock time of one run, in seconds.
        public var seconds: Double
        /// Nominal floating-point operations per second, in 10⁹: multiply-adds counted as 2,
        /// padding taps included (what the GEMM computes), divided by `seconds`.
        public var gigaflopsPerSecond: Double
        /// The measurement this one is compared with (the reference loop, or the GEMM on one
        /// thread), when there is one.
        public var baseline: String?
        /// `baseline`'s seconds / these seconds, both measured in the same run: above 1 is faster.
        public var speedUp: Double?
        /// For fast conv entries: the largest of max|fast − reference| / max|reference| over
        /// output, dInput and dWeight (relative, since dWeight sums N·OH·OW products).
        public var maxRelativeDifference: Float?
    }

    /// A conv layer to time: input N×C×H×W, weight K×C×KH×KW, bias [K].
    public struct ConvLayer: Hashable, Sendable {
        public var name: String
        public var batch, channels, height, width, outChannels, kernelSize: Int
        public var config: Conv2DConfig

        public init(name: String, batch: Int, channels: Int, height: Int, width: Int,
                    outChannels: Int, kernelSize: Int, config: Conv2DConfig) {
            self.name = name
            self.batch = batch
            self.channels = channels
            self.height = height
            self.width = width
            self.outChannels = outChannels
            self.kernelSize = kernelSize
            self.config = config
        }

        /// 2·N·K·C·KH·KW·OH·OW per pass; forward + backward (dInput and dWeight) is three passes.
        var forwardBackwardFlops: Double {
            let (outputHeight, outputWidth) = config.geometry(
                inputHeight: height, inputWidth: width, kernelHeight: kernelSize, kernelWidth: kernelSize).outputSize
            return 3 * 2 * Double(batch * outChannels * channels * kernelSize * kernelSize * outputHeight * outputWidth)
        }
    }

    /// The teaching net's conv layers: 1→8 channels at 28×28 and 8→16 at 14×14, 3×3, padding 1.
    public static func teachingNetLayers(batch: Int = 64) -> [ConvLayer] {
        [
            ConvLayer(name: "conv1 1→8 28×28 3×3 pad 1", batch: batch, channels: 1, height: 28, width: 28,
                      outChannels: 8, kernelSize: 3, config: Conv2DConfig(padding: 1)),
            ConvLayer(name: "conv2 8→16 14×14 3×3 pad 1", batch: batch, channels: 8, height: 14, width: 14,
                      outChannels: 16, kernelSize: 3, config: Conv2DConfig(padding: 1)),
        ]
    }

    /// Bytes the largest measurement holds at once, or nil when the count overflows: for a conv
    /// layer the input, the reference output and dInput kept for comparison, the fast path's
    /// output and dInput, the weight and both dWeights (B·(3·C·H·W + 2·K·OH·OW) + 3·K·C·F²
    /// floats) plus the fast path's scratch; for a GEMM its three size² matrices. `bench`
    /// refuses a batch whose measurements would not fit in `Limits.memoryBytes`.
    public static func estimatedBytes(layers: [ConvLayer] = teachingNetLayers(), gemmSizes: [Int] = [256, 512]) -> Int? {
        var largest = 0
        for layer in layers {
            let spec = Conv2DSpec(outputChannels: layer.outChannels, kernelSize: layer.kernelSize)
            let geometry = layer.config.geometry(
                inputHeight: layer.height, inputWidth: layer.width, kernelHeight: layer.kernelSize, kernelWidth: layer.kernelSize)
            guard case let .success(output) = geometry.validated,
                  let input = Limits.product([layer.batch, layer.channels, layer.height, layer.width]),
                  let outputs = Limits.product([layer.batch, layer.outChannels, output.height, output.width]),
                  let weights = Limits.product([3, layer.outChannels, layer.channels, layer.kernelSize, layer.kernelSize]),
                  let inputs = Limits.product([3, input]), let outputPair = Limits.product([2, outputs]),
                  let scratch = try? MemoryEstimate.convScratch(
                      spec, input: [layer.channels, layer.height, layer.width],
                      output: [layer.outChannels, output.height, output.width], batch: layer.batch, part: layer.name),
                  let scalars = Limits.sum([inputs, outputPair, weights, scratch]),
                  let bytes = Limits.product([scalars, MemoryEstimate.scalarBytes])
            else { return nil }
            largest = max(largest, bytes)
        }
        for size in gemmSizes {
            guard let bytes = Limits.product([3, size, size, MemoryEstimate.scalarBytes]) else { return nil }
            largest = max(largest, bytes)
        }
        return largest
    }

    /// Runs every measurement `repetitions` times (after one untimed warm-up) and keeps the best.
    /// - Parameters:
    ///   - layers: conv layers to time (default: the teaching net at batch 64).
    ///   - gemmSizes: square GEMM sizes M = N = K to time on 1 and `threadCount` threads.
    ///   - threadCount: threads for the fast path.
    public static func run(
        layers: [ConvLayer] = teachingNetLayers(),
        gemmSizes: [Int] = [256, 512],
        repetitions: Int = 5,
        threadCount: Int = FastThreading.threadCount
    ) -> [Measurement] {
        var results: [Measurement] = []
        for layer in layers { results += measure(layer, repetitions: repetitions, threadCount: threadCount) }
        for size in gemmSizes { results += measureGemm(size: size, repetitions: repetitions, threadCount: threadCount) }
        return results
    }

    private static func measure(_ layer: ConvLayer, repetitions: Int, threadCount: Int) -> [Measurement] {
        var rng = SeededGenerator(seed: 2024)
        let input = Tensor.normal([layer.batch, layer.channels, layer.height, layer.width], using: &rng)
        let weight = Tensor.kaimingUniform([layer.outChannels, layer.channels, layer.kernelSize, layer.kernelSize], using: &rng)
        let bias = Tensor.defaultBias(count: layer.outChannels, fanIn: layer.channels * layer.kernelSize * layer.kernelSize, using: &rng)
        let config = layer.config

        var reference: (output: Tensor, dInput: Tensor, dWeight: Tensor)?
        let referenceSeconds = bestTime(repetitions: repetitions) {
            let output = referenceConv2dForward(input: input, weight: weight, bias: bias, config: config)
            let gradients = referenceConv2dBackward(dOutput: output, input: input, weight: weight, hasBias: true, config: config)
            reference = (output, gradients.dInput, gradients.dWeight)
        }
        let referenceName = "\(layer.name) reference forward+backward"
        var results = [Measurement(name: referenceName, seconds: referenceSeconds,
                                   gigaflopsPerSecond: layer.forwardBackwardFlops / referenceSeconds / 1e9)]
        for threads in Set([1, threadCount]).sorted() {
            var difference: Float = 0
            let seconds = bestTime(repetitions: repetitions) {
                // The output doubles as dOutput so both paths do the same work on the same data.
                let output = fastConv2dForward(input: input, weight: weight, bias: bias, config: config, threadCount: threads)
                let gradients = fastConv2dBackward(dOutput: reference?.output ?? output, input: input, weight: weight,
                                                   hasBias: true, config: config, threadCount: threads)
                if let reference {
                    difference = max(relativeDifference(output, reference.output),
                                     relativeDifference(gradients.dInput, reference.dInput),
                                     relativeDifference(gradients.dWeight, reference.dWeight))
                }
            }
            results.append(Measurement(
                name: "\(layer.name) fast forward+backward, \(threads) thread\(threads == 1 ? "" : "s")",
                seconds: seconds, gigaflopsPerSecond: layer.forwardBackwardFlops / seconds / 1e9,
                baseline: referenceName, speedUp: referenceSeconds / seconds, maxRelativeDifference: difference))
        }
        return results
    }

    private static func measureGemm(size: Int, repetitions: Int, threadCount: Int) -> [Measurement] {
        var rng = SeededGenerator(seed: UInt64(size))
        let a = Tensor.uniform([size, size], low: -1, high: 1, using: &rng).scalars
        let b = Tensor.uniform([size, size], low: -1, high: 1, using: &rng).scalars
        var c = [Float](repeating: 0, count: size * size)
        let flops = 2 * Double(size) * Double(size) * Double(size)
        var results: [Measurement] = []
        var singleThreadName: String?
        var singleThreadSeconds = 0.0
        for threads in Set([1, threadCount]).sorted() {
            let seconds = bestTime(repetitions: repetitions) {
                Gemm.multiply(rowCount: size, columnCount: size, innerCount: size, a: a, aRowStride: size,
                              b: b, bRowStride: size, c: &c, cRowStride: size, threadCount: threads)
            }
            let name = "gemm \(size)×\(size)×\(size), \(threads) thread\(threads == 1 ? "" : "s")"
            results.append(Measurement(
                name: name, seconds: seconds, gigaflopsPerSecond: flops / seconds / 1e9,
                baseline: singleThreadName, speedUp: singleThreadName.map { _ in singleThreadSeconds / seconds }))
            if threads == 1 { (singleThreadName, singleThreadSeconds) = (name, seconds) }
        }
        return results
    }

    /// max|value − reference| / max|reference| (0 when the reference is all zeros and equal).
    private static func relativeDifference(_ value: Tensor, _ reference: Tensor) -> Float {
        let scale = reference.scalars.map(abs).max() ?? 0
        let difference = value.maxAbsDifference(reference)
        return scale > 0 ? difference / scale : difference
    }

    /// Best of `repetitions` timed runs of `body`, after one untimed warm-up run.
    private static func bestTime(repetitions: Int, _ body: () -> Void) -> Double {
        body()
        let clock = ContinuousClock()
        var best = Double.infinity
        for _ in 0..<max(1, repetitions) {
            let elapsed = clock.measure(body)
            best = min(best, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
        }
        return best
    }
}
