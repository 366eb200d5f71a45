import Testing
@testable import ConvEngine

/// Building a network allocates its weights, so the size is checked first.
@Suite struct SequentialLimitTests {
    @Test func weightsPastTheMemoryLimitAreRefusedBeforeAllocating() {
        // Layer 1 has (3·3·65536 + 1)·65536 ≈ 38.7 billion parameters, 309 GB with gradients:
        // refused at layer 1 before anything is allocated (allocating would exhaust memory).
        let spec = ArchitectureSpec(inputShape: [1, 8, 8], layers: [
            .conv(outputChannels: 65_536, kernelSize: 1), .conv(outputChannels: 65_536, kernelSize: 3),
        ])
        #expect(throws: LayerShapeError.self) { try Sequential(spec: spec, seed: 1) }
        do {
            _ = try Sequential(spec: spec, seed: 1)
        } catch {
            #expect(error.layerIndex == 1)
            #expect(error.problem == .weightsTooLarge(bytes: ((65_536 * 2) + (3 * 3 * 65_536 + 1) * 65_536) * 8, limit: Limits.memoryBytes))
            #expect(error.description
                == "layer 1 (conv 65536 3x3) on input 65536×8×8 (C×H×W): the network's weights and gradients up to this layer need 309 GB, more than the 8.6 GB a run may use")
        }
    }

    @Test func aTeachingSizedNetworkStillBuilds() throws {
        let model = try Sequential(spec: NamedArchitecture.lenet5.spec, seed: 1)
        #expect(model.parameterCount == 61_706)
    }
}
