import Dispatch
import Synchronization
import Testing
@testable import ConvEngine

// Layout: NCHW.

/// `Sequential.predict` through its kept `InferencePlan` against the same network run layer by
/// layer: bit for bit (the plan runs the same kernels in the same order), on a second call that
/// reuses the plan, after the weights change, with the last result still held, and from
/// several threads at once.
@Suite struct InferencePlanTests {
    /// The teaching net; one with an unpadded conv, a ReLU after a linear layer and a second
    /// linear layer; one with a 3-channel input and a 1×1 conv. The third has a stride-2 conv,
    /// which the direct kernel does not take: the plan refuses it and `predict` runs layer by layer.
    static let specs = [
        "input 28x28x1 | conv 8 3x3 pad 1 | relu | maxpool 2 | conv 16 3x3 pad 1 | relu | maxpool 2 | flatten | linear 10",
        "input 12x12x2 | conv 4 3x3 | relu | maxpool 2 | conv 6 3x3 pad 1 | flatten | linear 7 | relu | linear 3",
        "input 11x11x3 | conv 5 3x3 stride 2 | relu | conv 9 1x1 | relu | flatten | linear 4",
        "input 20x34x3 | conv 12 3x3 pad 1 | relu | conv 9 1x1 | relu | maxpool 2 | flatten | linear 5",
    ]

    /// What `predict` must give bit for bit: the fast layers one at a time, or, when the
    /// engine switch selects the reference (`CONVLAB_ENGINE=reference`), the reference forward.
    static func expected(_ network: Sequential, _ input: Tensor) -> Tensor {
        guard EngineImplementation.isFast else {
            var copy = network
            return copy.forward(input)
        }
        return network.predictLayerByLayer(input)
    }

    static func sameBits(_ one: Tensor, _ two: Tensor) -> Bool {
        one.shape == two.shape && zip(one.scalars, two.scalars).allSatisfy { $0.bitPattern == $1.bitPattern }
    }

    @Test(arguments: specs.indices)
    func planMatchesLayerByLayer(index: Int) throws {
        let network = try Sequential(spec: ArchitectureSpec(parsing: Self.specs[index]), seed: 5)
        var rng = SeededGenerator(seed: 60 + UInt64(index))
        let plan = InferencePlan.make(for: network, inputShape: [1] + network.spec.inputShape)
        #expect((plan == nil) == (index == 2), "spec \(index): plan \(plan == nil ? "refused" : "built")")
        for batch in [1, 2] {
            for call in 0..<3 {
                let input = Tensor.normal([batch] + network.spec.inputShape, using: &rng)
                let predicted = network.predict(input)
                let layered = Self.expected(network, input)
                #expect(Self.sameBits(predicted, layered),
                        "spec \(index), batch \(batch), call \(call): differs by \(predicted.maxAbsDifference(layered))")
                SequentialFusionTests.expectClose(predicted, network.layerOutputs(for: input).last!, "spec \(index) against layerOutputs")
            }
        }
    }

    /// A result the caller still holds is not overwritten by the next call, and a copy of the
    /// network whose weights changed after the plan was built predicts with its new weights.
    @Test func heldResultsStayAndNewWeightsCount() throws {
        let network = try Sequential(spec: ArchitectureSpec(parsing: Self.specs[0]), seed: 7)
        var rng = SeededGenerator(seed: 8)
        let first = Tensor.normal([1, 1, 28, 28], using: &rng)
        let second = Tensor.normal([1, 1, 28, 28], using: &rng)
        let kept = network.predict(first)
        let expectedFirst = Self.expected(network, first)
        _ = network.predict(second)
        #expect(Self.sameBits(kept, expectedFirst))

        var changed = network   // shares the kept plan
        changed.updateParameters { parameter in
            parameter.value.scalars = parameter.value.scalars.map { $0 * 0.5 + 0.01 }
        }
        let changedOutput = changed.predict(first)
        #expect(Self.sameBits(changedOutput, Self.expected(changed, first)))
        #expect(!Self.sameBits(changedOutput, expectedFirst))
        #expect(Self.sameBits(network.predict(first), expectedFirst), "the original keeps its weights")
    }

    /// Four threads predicting on one network at once get what one thread gets.
    @Test func concurrentCallersAgree() throws {
        let network = try Sequential(spec: ArchitectureSpec(parsing: Self.specs[0]), seed: 9)
        var rng = SeededGenerator(seed: 10)
        let inputs = (0..<4).map { _ in Tensor.normal([1, 1, 28, 28], using: &rng) }
        let expected = inputs.map { Self.expected(network, $0) }
        let mismatches = Mutex<Int>(0)
        DispatchQueue.concurrentPerform(iterations: 4) { worker in
            for _ in 0..<200 {
                if !Self.sameBits(network.predict(inputs[worker]), expected[worker]) {
                    mismatches.withLock { $0 += 1 }
                }
            }
        }
        #expect(mismatches.withLock { $0 } == 0)
    }
}
