import Testing
@testable import ConvEngine

/// Layers on the fast path write a step's outputs and input gradients into the arrays of the
/// step before, once their caches are released (as the trainer's shards do after backward),
/// and never into an array someone still holds.
@Suite struct FastLayerStorageTests {
    /// Where an array's elements live, to tell a reused array from a new one.
    private static func address(_ tensor: Tensor) -> Int {
        tensor.scalars.withUnsafeBufferPointer { Int(bitPattern: $0.baseAddress) }
    }

    /// Two forward + backward steps of `layer` on different inputs of one shape: the second
    /// step's output and dInput are in the first step's arrays and equal what a fresh layer
    /// computes.
    private static func expectReuse(_ layer: some Layer, inputShape: [Int], _ what: String) {
        guard EngineImplementation.current == .fast else { return }  // the reference allocates each time
        var rng = SeededGenerator(seed: 77)
        var layer = layer
        let fresh = layer
        let (firstInput, secondInput) = (Tensor.normal(inputShape, using: &rng), Tensor.normal(inputShape, using: &rng))
        var outputAddress = 0, dInputAddress = 0, outputShape: [Int] = []
        do {
            let output = layer.forward(firstInput)
            let dInput = layer.backward(Tensor.normal(output.shape, using: &rng))
            (outputAddress, dInputAddress, outputShape) = (address(output), address(dInput), output.shape)
        }
        layer.releaseCaches()
        let dOutput = Tensor.normal(outputShape, using: &rng)
        let output = layer.forward(secondInput)
        #expect(address(output) == outputAddress, "\(what): the output is in a new array")
        let dInput = layer.backward(dOutput)
        #expect(address(dInput) == dInputAddress, "\(what): dInput is in a new array")

        var reference = fresh
        #expect(output == reference.forward(secondInput), "\(what): output")
        #expect(dInput == reference.backward(dOutput), "\(what): dInput")
    }

    @Test func convReluAndMaxPoolReuseTheirArrays() {
        var rng = SeededGenerator(seed: 5)
        let conv = Conv2D(inputChannels: 3, outputChannels: 4, kernelHeight: 3, kernelWidth: 3,
                          config: Conv2DConfig(padding: 1), generator: &rng)
        Self.expectReuse(conv, inputShape: [2, 3, 6, 6], "conv")
        Self.expectReuse(ActivationLayer(.relu), inputShape: [2, 4, 6, 6], "relu")
        Self.expectReuse(MaxPool2D(config: Pool2DConfig(kernelSize: 2)), inputShape: [2, 4, 6, 6], "max pool")
    }

    /// An output the caller still holds keeps its values: the next forward writes elsewhere.
    @Test func aHeldOutputIsNeverOverwritten() {
        var rng = SeededGenerator(seed: 6)
        var conv = Conv2D(inputChannels: 1, outputChannels: 2, kernelHeight: 3, kernelWidth: 3, generator: &rng)
        var relu = ActivationLayer(.relu)
        let (first, second) = (Tensor.normal([1, 1, 5, 5], using: &rng), Tensor.normal([1, 1, 5, 5], using: &rng))
        let held = conv.forward(first)
        let heldRelu = relu.forward(held)
        let expected = held.scalars
        let expectedRelu = heldRelu.scalars
        conv.releaseCaches()
        relu.releaseCaches()
        let next = conv.forward(second)
        _ = relu.forward(next)
        #expect(held.scalars == expected)
        #expect(heldRelu.scalars == expectedRelu)
        #expect(next != held)
    }

    /// Inside a network, where conv + ReLU run fused, the conv's output (which the ReLU layer
    /// caches) is written into the same array at every step once caches are released: the
    /// fused pass must not leave a copy of the conv in the layer list sharing that array.
    @Test func aFusedConvReusesItsOutputInsideANetwork() throws {
        guard EngineImplementation.current == .fast else { return }
        var network = try Sequential(spec: ArchitectureSpec(parsing: "input 8x8x1 | conv 4 3x3 pad 1 | relu | maxpool 2 | flatten | linear 3"), seed: 5)
        var rng = SeededGenerator(seed: 9)
        var addresses: [Int] = []
        for _ in 0..<3 {
            let output = network.forward(Tensor.normal([2, 1, 8, 8], using: &rng))
            network.accumulateParameterGradients(Tensor.normal(output.shape, using: &rng))
            let relu = try #require(network.layers[1] as? ActivationLayer)
            addresses.append(Self.address(try #require(relu.cachedReluInput)))
            network.releaseCaches()
        }
        #expect(Set(addresses).count == 1, "the fused conv output moved: \(addresses)")
    }
}
