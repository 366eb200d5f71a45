import CConvKernels
import Testing
@testable import ConvEngine

// Layout: NCHW.

/// The fast path's fused passes through a network (conv + ReLU, max pool + ReLU backward, and
/// the cache-free `predict`) against the same network run one layer at a time, and the fused
/// pooling ops against the unfused ones, bit for bit where the order of operations is the same.
@Suite struct SequentialFusionTests {
    /// Networks with conv → ReLU → max pool blocks (fused), a conv without a ReLU after it, a
    /// ReLU after a linear layer and a pool without a ReLU before it (not fused).
    static let specs = [
        "input 28x28x1 | conv 8 3x3 pad 1 | relu | maxpool 2 | conv 16 3x3 pad 1 | relu | maxpool 2 | flatten | linear 10",
        "input 12x12x2 | conv 4 3x3 | maxpool 2 | conv 6 3x3 pad 1 | relu | maxpool 3 stride 1 | flatten | linear 7 | relu | linear 3",
        "input 11x11x3 | conv 5 3x3 stride 2 | relu | conv 9 1x1 | relu | flatten | linear 4",
    ]

    static func network(_ text: String) throws -> Sequential {
        try Sequential(spec: ArchitectureSpec(parsing: text), seed: 3)
    }

    /// Forward and backward one layer at a time through each layer's own `forward` and
    /// `backward`: what the network computed before any fusion.
    static func layerByLayer(_ network: Sequential, input: Tensor, dOutput: Tensor) -> (output: Tensor, dInput: Tensor, gradients: [Tensor]) {
        var layers = network.layers
        var activation = input
        for index in layers.indices { activation = layers[index].forward(activation) }
        var gradient = dOutput
        for index in layers.indices.reversed() { gradient = layers[index].backward(gradient) }
        return (activation, gradient, layers.flatMap { $0.parameters.map(\.gradient) })
    }

    static func expectClose(_ fused: Tensor, _ plain: Tensor, _ what: String) {
        #expect(fused.shape == plain.shape, "\(what): shape \(fused.shape) vs \(plain.shape)")
        let scale = plain.scalars.map(abs).max() ?? 0
        let difference = fused.maxAbsDifference(plain)
        #expect(difference <= 1e-5 * max(1, scale), "\(what): max difference \(difference) (scale \(scale))")
    }

    @Test(arguments: specs.indices)
    func fusedPassesMatchLayerByLayer(index: Int) throws {
        var network = try Self.network(Self.specs[index])
        var rng = SeededGenerator(seed: 40 + UInt64(index))
        let input = Tensor.normal([3] + network.spec.inputShape, using: &rng)
        let plainOutput = network.layerOutputs(for: input).last!
        let dOutput = Tensor.normal(plainOutput.shape, using: &rng)
        let plain = Self.layerByLayer(network, input: input, dOutput: dOutput)

        let output = network.fusedForward(input)
        Self.expectClose(output, plain.output, "forward, spec \(index)")
        Self.expectClose(network.predict(input), plain.output, "predict, spec \(index)")
        let dInput = network.fusedBackward(dOutput, firstInputGradient: true)!
        Self.expectClose(dInput, plain.dInput, "dInput, spec \(index)")
        let gradients = network.layers.flatMap { $0.parameters.map(\.gradient) }
        #expect(gradients.count == plain.gradients.count)
        for (fused, layered) in zip(gradients, plain.gradients) { Self.expectClose(fused, layered, "parameter gradient, spec \(index)") }

        // The training form skips the first layer's dInput and adds the same parameter gradients.
        var trainingCopy = try Self.network(Self.specs[index])
        _ = trainingCopy.fusedForward(input)
        #expect(trainingCopy.fusedBackward(dOutput, firstInputGradient: false) == nil)
        for (fused, layered) in zip(trainingCopy.layers.flatMap { $0.parameters.map(\.gradient) }, plain.gradients) {
            Self.expectClose(fused, layered, "training gradient, spec \(index)")
        }
    }

    /// `layerOutputs` still returns every layer's own output: the conv's before the ReLU.
    @Test func layerOutputsStayUnfused() throws {
        let network = try Self.network(Self.specs[0])
        var rng = SeededGenerator(seed: 9)
        let input = Tensor.normal([1, 1, 28, 28], using: &rng)
        let outputs = network.layerOutputs(for: input)
        #expect(outputs.count == network.layers.count)
        #expect(outputs[0].scalars.contains { $0 < 0 }, "the conv's output has negative values before its ReLU")
        #expect(outputs[1].scalars.allSatisfy { $0 >= 0 })
        #expect(outputs[1] == activationForward(outputs[0], .relu))
        Self.expectClose(network.predict(input), outputs.last!, "predict against layerOutputs")
    }

    /// A single image: `predict` leaves the network's caches alone, so a backward after it
    /// still refers to the last `forward`.
    @Test func predictKeepsNoCache() throws {
        var network = try Self.network(Self.specs[0])
        var rng = SeededGenerator(seed: 10)
        let first = Tensor.normal([1, 1, 28, 28], using: &rng)
        let second = Tensor.normal([1, 1, 28, 28], using: &rng)
        let dOutput = Tensor.normal([1, 10], using: &rng)
        let expected = Self.layerByLayer(network, input: first, dOutput: dOutput)
        _ = network.forward(first)
        _ = network.predict(second)
        Self.expectClose(network.backward(dOutput), expected.dInput, "dInput after predict")
    }

    /// Max pool + ReLU backward in one pass equals the two passes, bit for bit, with
    /// overlapping windows (stride 1), NaNs, zeros and negative gradients.
    @Test(arguments: [(2, 2), (3, 1), (2, 1)])
    func poolReluBackwardMatchesTwoPasses(kernel: Int, stride: Int) {
        var rng = SeededGenerator(seed: UInt64(10 * kernel + stride))
        var input = Tensor.normal([2, 3, 6, 6], using: &rng)
        input.scalars[5] = .nan
        input.scalars[17] = 0
        input.scalars[40] = -0.0
        let config = Pool2DConfig(kernelSize: kernel, stride: stride)
        let relu = fastReluForward(input)
        let (pooled, routes) = fastMaxPool2dForward(input: relu, config: config)
        let dOutput = Tensor.normal(pooled.shape, using: &rng)
        let twoPasses = fastReluBackward(
            dOutput: fastMaxPool2dBackward(dOutput: dOutput, inputShape: input.shape, routes: routes), input: input)
        for cached in [input, relu] {
            let fused = fastMaxPool2dReluBackward(dOutput: dOutput, reluInput: cached, inputShape: input.shape, routes: routes)
            #expect(zip(fused.scalars, twoPasses.scalars).allSatisfy { $0.bitPattern == $1.bitPattern },
                    "max difference \(fused.maxAbsDifference(twoPasses))")
        }
    }

    /// The route-free pool gives the reference pool's values, NaN included; the 2×2 kernel in
    /// every build, over rows of 11 outputs (one 8-lane vector and a tail) and an odd height.
    @Test(arguments: [(2, 2), (3, 2), (2, 1)])
    func poolValuesMatchReference(kernel: Int, stride: Int) {
        var rng = SeededGenerator(seed: UInt64(kernel * 7 + stride))
        var input = Tensor.normal([2, 2, 9, 22], using: &rng)
        input.scalars[3] = .nan        // row 0, column 3: output (0, 1), in the vector part
        input.scalars[22 + 19] = .nan  // row 1, column 19: output (0, 9), in the tail
        let config = Pool2DConfig(kernelSize: kernel, stride: stride, convention: .floor)
        let reference = maxPool2dForward(input: input, config: config).output
        func same(_ values: Tensor) -> Bool {
            values.shape == reference.shape
                && zip(values.scalars, reference.scalars).allSatisfy { $0.bitPattern == $1.bitPattern || ($0.isNaN && $1.isNaN) }
        }
        #expect(same(fastMaxPool2dValues(input: input, config: config)))
        guard kernel == 2 && stride == 2 else { return }
        for build in GemmMicroKernel.availableBuilds {
            var values = Tensor.zeros(reference.shape)
            input.scalars.withUnsafeBufferPointer { source in
                values.scalars.withUnsafeMutableBufferPointer { destination in
                    convkernels_max_pool_2x2(build == .avx2FMA ? convkernels_kernel_avx2_fma : convkernels_kernel_portable,
                                             source.baseAddress!, 4, 9, 22, 4, 11, destination.baseAddress!)
                }
            }
            #expect(same(values), "\(build)")
        }
    }
}
