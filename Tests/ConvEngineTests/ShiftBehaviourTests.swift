import Foundation
import Testing
@testable import ConvEngine

/// Per-layer shift equivariance and classification consistency on networks built by hand.
@Suite struct ShiftBehaviourTests {
    /// N×1×12×12 images, random inside the central 4×4 block and zero on a 4-pixel border, so
    /// shifts up to 3 never carry content into a padded convolution's reach of the edge.
    static func bordered(count: Int, seed: UInt64) -> Tensor {
        var generator = SeededGenerator(seed: seed)
        var scalars = [Float](repeating: 0, count: count * 144)
        for image in 0..<count {
            for row in 4..<8 {
                for column in 4..<8 { scalars[image * 144 + row * 12 + column] = Float(generator.next() % 1000) / 1000 + 0.1 }
            }
        }
        return Tensor(shape: [count, 1, 12, 12], scalars: scalars)
    }

    @Test func aPaddedConvolutionIsExactlyEquivariantAndAPoolBreaksItForOddShifts() throws {
        let model = try Sequential(spec: ArchitectureSpec(parsing: "input 12x12x1 | conv 3 3x3 pad 1 | relu | maxpool 2 | flatten"), seed: 3)
        let result = ShiftEquivariance.measure(model: model, images: Self.bordered(count: 4, seed: 9), maximumShift: 3)
        #expect(result.shifts == [0, 1, 2, 3])
        #expect(result.layers.map(\.name) == ["conv 3 3x3 pad 1", "relu", "maxpool 2", "flatten"])
        #expect(result.layers.map(\.cumulativeStride) == [1, 1, 2, 1])
        for row in result.layers.prefix(2) {
            #expect(row.errors.allSatisfy { $0 < 1e-6 }, "\(row.name): \(row.errors)")
            #expect(row.isWholeShift == [true, true, true, true])
        }
        let pool = result.layers[2]
        #expect(pool.isWholeShift == [true, false, true, false])
        #expect(pool.errors[0] < 1e-6 && pool.errors[2] < 1e-6, "\(pool.errors)")
        #expect(pool.errors[1] > 0.01 && pool.errors[3] > 0.01, "\(pool.errors)")
        // flatten has no spatial axis: its row is an invariance distance, 0 only unshifted.
        #expect(result.layers[3].isSpatial == false)
        #expect(result.layers[3].errors[0] == 0 && result.layers[3].errors[1] > 0.01)
    }

    @Test func errorsAreRelativeToTheLayersOwnSize() throws {
        // A 1×1 conv of weight 1 is the identity: shifting by 1 a single bright pixel and
        // comparing with the unshifted map would give ‖e₁ − e₂‖/‖e₁‖ = √2; comparing with the
        // shifted map gives 0.
        var model = try Sequential(spec: ArchitectureSpec(parsing: "input 4x4x1 | conv 1 1x1 nobias"), seed: 0)
        try model.loadStateDictionary(["0.weight": Tensor(shape: [1, 1, 1, 1], scalars: [1])])
        var scalars = [Float](repeating: 0, count: 16)
        scalars[5] = 2
        let result = ShiftEquivariance.measure(model: model, images: Tensor(shape: [1, 1, 4, 4], scalars: scalars), maximumShift: 2)
        #expect(result.layers[0].errors == [0, 0, 0])
        #expect(ShiftEquivariance.distance(Tensor(shape: [1, 2], scalars: [3, 0]), Tensor(shape: [1, 2], scalars: [0, 4])) == 5)
    }

    /// A global max pool is invariant to any shift that keeps the content in the frame.
    @Test func aGlobalPoolIsPerfectlyConsistent() throws {
        var model = try Sequential(spec: ArchitectureSpec(parsing: "input 12x12x1 | maxpool 12 | flatten | linear 2"), seed: 0)
        try model.loadStateDictionary(["2.weight": Tensor(shape: [2, 1], scalars: [1, -1]), "2.bias": Tensor(shape: [2], scalars: [-0.5, 0.5])])
        let images = Self.bordered(count: 50, seed: 4)
        #expect(ShiftConsistency.measure(model: model, images: images, maximumShift: 3, seed: 1) == 1)
    }

    /// A linear classifier that says "right half" for a pixel in columns 4…7 of an 8×8 image:
    /// a pixel at column 3 shifted by dx ∈ −2…2 lands right for dx ∈ {1, 2}, so p = 2/5 and two
    /// independent shifts agree with probability p² + (1 − p)² = 0.52.
    @Test func consistencyMatchesTheProbabilityWorkedByHand() throws {
        var model = try Sequential(spec: ArchitectureSpec(parsing: "input 8x8x1 | flatten | linear 2"), seed: 0)
        var weights = [Float](repeating: 0, count: 2 * 64)
        for pixel in 0..<64 { weights[(pixel % 8 >= 4 ? 64 : 0) + pixel] = 1 }
        try model.loadStateDictionary(["1.weight": Tensor(shape: [2, 64], scalars: weights), "1.bias": Tensor(shape: [2], scalars: [0, 0])])
        var one = [Float](repeating: 0, count: 64)
        one[3 * 8 + 3] = 1
        let count = 4000
        let images = Tensor(shape: [count, 1, 8, 8], scalars: Array((0..<count).map { _ in one }.joined()))
        let consistency = ShiftConsistency.measure(model: model, images: images, maximumShift: 2, seed: 7)
        #expect(abs(consistency - 0.52) < 0.03, "\(consistency)")
        // The same seed gives the same number, whatever the batching.
        #expect(ShiftConsistency.measure(model: model, images: images, maximumShift: 2, seed: 7, batchSize: 1000) == consistency)
        #expect(ShiftConsistency.measure(model: model, images: images, maximumShift: 0, seed: 7) == 1)
    }

    /// The teaching net has 9,098 parameters; a perceptron 784 → H → 10 has 795·H + 10:
    /// H = 11 gives 8,755 (343 fewer), H = 12 gives 9,550 (452 more), so 11 is nearest.
    @Test func thePerceptronMatchesTheParameterCount() throws {
        let spec = ShiftComparison.matchedPerceptronSpec(inputShape: [1, 28, 28], classCount: 10, parameterCount: 9_098)
        #expect(spec.description == "input 28x28x1 | flatten | linear 11 | relu | linear 10")
        #expect(try spec.parameterCount() == 8_755)
        // A tiny network still gets one hidden unit.
        #expect(ShiftComparison.matchedPerceptronSpec(inputShape: [1, 4, 4], classCount: 2, parameterCount: 3).description
            == "input 4x4x1 | flatten | linear 1 | relu | linear 2")
    }
}
