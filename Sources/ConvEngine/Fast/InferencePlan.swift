import CConvKernels
import Synchronization

// Layout: NCHW activations, OIHW conv weights, (out, in) linear weights.
//
// `Sequential.predict` without allocating: on its first call for an input shape the network
// builds a plan, one step per layer (a direct conv with its ReLU fused, a 2×2 max pool, a
// one-image linear layer, a ReLU, a flatten), with every buffer the steps write, and keeps it;
// later calls with that shape run the same steps into the same memory. One plan is kept, for
// the last shape: callers alternating between shapes build a plan per call. Weights are not part of
// the plan: each call reads them from the network it is called on, so a plan stays valid while
// training changes them. Each conv keeps its own zero-padded input buffer whose borders are
// zeroed once, so a call copies only the interior rows into it.

/// The plans one network (and its copies) keeps for `predict`: a plan is taken out while a
/// call runs and put back after, so two threads predicting at once never share buffers (the
/// second builds its own; the last one handed back is kept).
final class InferencePlanCache: Sendable {
    private let idle = Mutex<InferencePlan?>(nil)

    /// The kept plan when it was built for `inputShape`, removed from the cache; nil otherwise.
    func take(for inputShape: [Int]) -> InferencePlan? {
        idle.withLock { plan -> InferencePlan? in
            guard let kept = plan, kept.inputShape == inputShape else { return nil }
            plan = nil
            return kept
        }
    }

    /// Keeps `plan` for the next call.
    func giveBack(_ plan: InferencePlan) {
        idle.withLock { $0 = plan }
    }
}

/// Steps and buffers of one network's inference on one input shape. Used by one caller at a
/// time (see `InferencePlanCache`), hence unchecked: nothing in it is shared while it runs.
final class InferencePlan: @unchecked Sendable {
    /// What a step does; `layer` is the index of the layer whose weights it reads.
    enum Operation {
        /// The direct conv of every image (then ReLU when `relu`), reading `padded`.
        case directConv(layer: Int, relu: Bool, geometry: DirectConvPadding, padded: UnsafeMutablePointer<Float>,
                        tapOffsets: UnsafeMutablePointer<Int>, taps: Int, outputChannels: Int, outputHeight: Int,
                        outputWidth: Int, inputRowStride: Int)
        /// The 2×2, stride-2 max pool of `planes` planes of height×width.
        case maxPool2x2(planes: Int, height: Int, width: Int, outputHeight: Int, outputWidth: Int)
        /// One image's linear layer: inputFeatures → outputFeatures.
        case oneImageLinear(layer: Int, inputFeatures: Int, outputFeatures: Int)
        /// ReLU in place.
        case relu
        /// Flatten: the same floats under another shape.
        case reshape
    }

    struct Step {
        let operation: Operation
        /// Where the step writes (nil: in place, or nowhere for a reshape).
        let output: UnsafeMutablePointer<Float>?
    }

    let inputShape: [Int]
    let steps: [Step]
    /// The batch, and the elements of the network's output, N×(spec output shape).
    let batch: Int
    let outputShape: [Int]
    let outputCount: Int
    /// The returned tensor's storage: written again by the next call when the caller no longer
    /// holds the last result (`reuseStorage`), copied first otherwise.
    var output: [Float] = []
    /// Every buffer the steps own, freed with the plan.
    private let allocations: [UnsafeMutableRawPointer]

    private init(inputShape: [Int], steps: [Step], batch: Int, outputShape: [Int], allocations: [UnsafeMutableRawPointer]) {
        self.inputShape = inputShape
        self.steps = steps
        self.batch = batch
        self.outputShape = outputShape
        self.outputCount = outputShape.reduce(1, *)
        self.allocations = allocations
    }

    deinit { for allocation in allocations { allocation.deallocate() } }

    /// The plan for `network` on inputs of `inputShape` (N×(spec input shape), already checked),
    /// or nil when a layer needs something the plan does not cover (a conv the direct kernel
    /// does not take, another pool, a linear layer on several images, another activation,
    /// flipped kernels): `predict` then runs layer by layer.
    static func make(for network: Sequential, inputShape: [Int]) -> InferencePlan? {
        guard let shapes = try? network.spec.outputShapes(), shapes.count == network.layers.count else { return nil }
        let batch = inputShape[0]
        var allocations: [UnsafeMutableRawPointer] = []
        func buffer<Element>(_ type: Element.Type, count: Int) -> UnsafeMutablePointer<Element> {
            let raw = UnsafeMutableRawPointer.allocate(byteCount: max(1, count) * MemoryLayout<Element>.stride, alignment: 64)
            allocations.append(raw)
            return raw.bindMemory(to: Element.self, capacity: max(1, count))
        }
        var steps: [Step] = []
        var shape = inputShape   // N×(per-example shape) entering layer `index`
        var index = network.layers.startIndex
        var built = true
        while index < network.layers.endIndex && built {
            let layer = network.layers[index]
            let relu = network.isConvThenRelu(at: index)
            let consumed = layer is Conv2D && relu ? 2 : 1
            let outputShape = [batch] + shapes[index + consumed - 1]
            let outputCount = outputShape.reduce(1, *)
            if let conv = layer as? Conv2D, shape.count == 4, !conv.config.flipped,
               directConvApplies(inputChannels: conv.inputChannels, kernelHeight: conv.kernelHeight,
                                 kernelWidth: conv.kernelWidth, config: conv.config) {
                let geometry = DirectConvPadding(channels: shape[1], height: shape[2], width: shape[3], config: conv.config)
                // Slack past the last image: the AVX2 kernel's last tile reads whole 16-column vectors.
                let paddedCount = batch * geometry.imageCount + Int(convkernels_direct_columns)
                let padded = buffer(Float.self, count: paddedCount)
                padded.initialize(repeating: 0, count: paddedCount)   // the borders stay zero
                let taps = conv.inputChannels * conv.kernelHeight * conv.kernelWidth
                let tapOffsets = buffer(Int.self, count: taps)
                geometry.fillTapOffsets(UnsafeMutableBufferPointer(start: tapOffsets, count: taps),
                                        kernelHeight: conv.kernelHeight, kernelWidth: conv.kernelWidth, config: conv.config)
                steps.append(Step(
                    operation: .directConv(layer: index, relu: relu, geometry: geometry, padded: padded, tapOffsets: tapOffsets,
                                           taps: taps, outputChannels: conv.outputChannels, outputHeight: outputShape[2],
                                           outputWidth: outputShape[3], inputRowStride: conv.config.strideHeight * geometry.width),
                    output: buffer(Float.self, count: outputCount)))
            } else if let pool = layer as? MaxPool2D, shape.count == 4, isTwoByTwoPool(pool.config),
                      2 * outputShape[2] <= shape[2], 2 * outputShape[3] <= shape[3] {
                steps.append(Step(
                    operation: .maxPool2x2(planes: shape[0] * shape[1], height: shape[2], width: shape[3],
                                           outputHeight: outputShape[2], outputWidth: outputShape[3]),
                    output: buffer(Float.self, count: outputCount)))
            } else if let linear = layer as? Linear, batch == 1, shape.count == 2 {
                steps.append(Step(
                    operation: .oneImageLinear(layer: index, inputFeatures: shape[1], outputFeatures: linear.weight.shape[0]),
                    output: buffer(Float.self, count: outputCount)))
            } else if (layer as? ActivationLayer)?.activation == .relu {
                steps.append(Step(operation: .relu, output: nil))
            } else if layer is Flatten {
                steps.append(Step(operation: .reshape, output: nil))
            } else {
                built = false
            }
            shape = outputShape
            index += consumed
        }
        guard built else {
            for allocation in allocations { allocation.deallocate() }
            return nil
        }
        return InferencePlan(inputShape: inputShape, steps: steps, batch: batch, outputShape: shape, allocations: allocations)
    }

    /// Whether `config` is the pool `convkernels_max_pool_2x2` computes.
    private static func isTwoByTwoPool(_ config: Pool2DConfig) -> Bool {
        config.kernelHeight == 2 && config.kernelWidth == 2 && config.strideHeight == 2 && config.strideWidth == 2
            && config.paddingHeight == 0 && config.paddingWidth == 0
    }

    /// Runs the steps on `input` with the weights of `network`, the network the plan was made
    /// for (or a copy of it); nil when a layer is not what the plan expects.
    func run(_ input: Tensor, on network: Sequential) -> Tensor? {
        let build = GemmMicroKernel.build
        var finished = true
        input.scalars.withUnsafeBufferPointer { inputBuffer in
            var current = UnsafeMutablePointer(mutating: inputBuffer.baseAddress!)
            var currentCount = inputBuffer.count
            for step in steps where finished {
                switch step.operation {
                case let .directConv(layer, relu, geometry, padded, tapOffsets, taps, outputChannels, outputHeight, outputWidth, inputRowStride):
                    guard let conv = network.layers[layer] as? Conv2D else { finished = false; break }
                    copyInterior(of: current, into: padded, geometry: geometry)
                    let output = step.output!
                    conv.weight.value.scalars.withUnsafeBufferPointer { weight in
                        withOptionalPointer(conv.bias?.value.scalars) { bias in
                            runDirectConv(padded: padded, geometry: geometry, tapOffsets: tapOffsets, taps: taps,
                                          weight: weight.baseAddress!, bias: bias, outputChannels: outputChannels,
                                          output: output, outputHeight: outputHeight, outputWidth: outputWidth,
                                          inputRowStride: inputRowStride, relu: relu, build: build)
                        }
                    }
                    current = output
                    currentCount = batch * outputChannels * outputHeight * outputWidth
                case let .maxPool2x2(planes, height, width, outputHeight, outputWidth):
                    convkernels_max_pool_2x2(GemmMicroKernel.avx2OrPortableKernel(for: build), current, planes, height, width,
                                             outputHeight, outputWidth, step.output!)
                    current = step.output!
                    currentCount = planes * outputHeight * outputWidth
                case let .oneImageLinear(layer, inputFeatures, outputFeatures):
                    guard let linear = network.layers[layer] as? Linear else { finished = false; break }
                    let output = step.output!
                    linear.weight.value.scalars.withUnsafeBufferPointer { weight in
                        withOptionalPointer(linear.bias?.value.scalars) { bias in
                            Self.oneImageLinear(input: current, weight: weight.baseAddress!, bias: bias,
                                                inputFeatures: inputFeatures, outputFeatures: outputFeatures, output: output)
                        }
                    }
                    current = output
                    currentCount = outputFeatures
                case .relu:
                    // In place: `current` is a buffer of this plan, never the caller's input,
                    // unless the network starts with the ReLU.
                    if current == UnsafeMutablePointer(mutating: inputBuffer.baseAddress!) { finished = false; break }
                    for element in 0..<currentCount { current[element] = current[element] > 0 ? current[element] : 0 }
                case .reshape:
                    break
                }
            }
            guard finished else { return }
            reuseStorage(&output, count: outputCount)
            output.withUnsafeMutableBufferPointer { $0.baseAddress!.update(from: current, count: outputCount) }
        }
        return finished ? Tensor(shape: outputShape, scalars: output) : nil
    }

    /// Copies every image of `source` (N×C×H×W) into the interior of `padded` (N×C×Hp×Wp),
    /// whose borders are zero from the plan's start.
    private func copyInterior(of source: UnsafePointer<Float>, into padded: UnsafeMutablePointer<Float>, geometry: DirectConvPadding) {
        let inputPlane = geometry.inputHeight * geometry.inputWidth
        for plane in 0..<(batch * geometry.channels) {
            let from = source + plane * inputPlane
            let target = padded + plane * geometry.plane + geometry.paddingHeight * geometry.width + geometry.paddingWidth
            for row in 0..<geometry.inputHeight {
                (target + row * geometry.width).update(from: from + row * geometry.inputWidth, count: geometry.inputWidth)
            }
        }
    }

    /// The direct conv of every image, as `directConv2dForward` splits it: one image per task
    /// when the batch spreads evenly over the threads, else bands of rows; one thread below
    /// `directConvParallelThreshold` multiply-adds.
    private func runDirectConv(
        padded: UnsafeMutablePointer<Float>, geometry: DirectConvPadding, tapOffsets: UnsafeMutablePointer<Int>, taps: Int,
        weight: UnsafePointer<Float>, bias: UnsafePointer<Float>?, outputChannels: Int, output: UnsafeMutablePointer<Float>,
        outputHeight: Int, outputWidth: Int, inputRowStride: Int, relu: Bool, build: GemmMicroKernel.Build
    ) {
        let kernel = directConvForwardKernel(for: build)
        let outputPlane = outputHeight * outputWidth
        let work = batch * outputChannels * taps * outputPlane
        let threads = work < directConvParallelThreshold ? 1 : max(1, FastThreading.threadCount)
        let bands = batch % threads == 0 ? 1 : min(threads, outputHeight)
        let bandRows = (outputHeight + bands - 1) / bands
        let pointers = UncheckedSendableBox((padded, UnsafePointer(tapOffsets), weight, bias, output))
        let imageCount = geometry.imageCount
        FastThreading.forEachTask(batch * bands, threadCount: threads) { _, task in
            let (image, band) = (task / bands, task % bands)
            let firstRow = band * bandRows
            let rowCount = min(bandRows, outputHeight - firstRow)
            guard rowCount > 0 else { return }
            let (padded, tapOffsets, weight, bias, output) = pointers.value
            convkernels_direct_conv_rows(
                kernel, padded + image * imageCount + firstRow * inputRowStride, inputRowStride, tapOffsets, taps,
                weight, bias, outputChannels, output + image * outputChannels * outputPlane + firstRow * outputWidth,
                outputPlane, outputWidth, rowCount, outputWidth, relu ? 1 : 0)
        }
    }

    /// output[o] = Σ_p input[p]·weight[o, p] (+ bias[o]): eight partial sums per output added
    /// lane-wise in index order, then the tail, the order of `fastLinearForward` on one image.
    private static func oneImageLinear(
        input: UnsafePointer<Float>, weight: UnsafePointer<Float>, bias: UnsafePointer<Float>?,
        inputFeatures: Int, outputFeatures: Int, output: UnsafeMutablePointer<Float>
    ) {
        let vectorEnd = inputFeatures - inputFeatures % 8
        let x = UnsafeRawPointer(input)
        for o in 0..<outputFeatures {
            let row = weight + o * inputFeatures
            var lanes = SIMD8<Float>()
            for p in stride(from: 0, to: vectorEnd, by: 8) {
                // Multiply then add (no `addProduct`), which stays vectorised without FMA.
                lanes += x.loadUnaligned(fromByteOffset: p * 4, as: SIMD8<Float>.self)
                    * UnsafeRawPointer(row + p).loadUnaligned(as: SIMD8<Float>.self)
            }
            var total = lanes.sum()
            for p in vectorEnd..<inputFeatures { total += input[p] * row[p] }
            output[o] = total + (bias?[o] ?? 0)
        }
    }
}
