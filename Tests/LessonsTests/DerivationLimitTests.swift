@testable import Lessons
import Testing

/// Lesson derivations given hostile numbers: each is a problem at the lesson's line, never a trap.
@Suite("Derivations refuse numbers the engine cannot count")
struct DerivationLimitTests {
    /// The problem preparing the exercise reports, nil when it prepares.
    func failure(_ derive: String) throws -> String? {
        let exercise = try decodeExercise("""
            id: e
            kind: number
            prompt: Q
            explanation: E
            derive:
              \(derive)
            """)
        do {
            _ = try exercise.prepared()
            return nil
        } catch {
            return error.description
        }
    }

    @Test("a receptive field over 100 stride-2 layers overflows at layer 62")
    func deepReceptiveField() throws {
        let layers = Array(repeating: "2/2", count: 100).joined(separator: ", ")
        #expect(try failure("receptive-field: {layers: [\(layers)]}")
            == "test.yaml:11: cannot derive the answer (receptive-field): receptive field overflows at layer 62 (kernel 2, stride 2): size 4611686018427387904 and jump 4611686018427387904 before it, and the next size or jump is more than 9223372036854775807")
        let network = "input 28x28x1" + String(repeating: " | conv 1 1x1 stride 2", count: 100)
        #expect(try failure("receptive-field: {network: \"\(network)\"}")
            == "test.yaml:11: cannot derive the answer (receptive-field): receptive field overflows at layer 62 (kernel 1, stride 2): size 1 and jump 4611686018427387904 before it, and the next size or jump is more than 9223372036854775807")
    }

    @Test("a huge layer, padding, dilation or bias sum is refused with the engine's reason")
    func hugeNumbers() throws {
        #expect(try failure("parameters: {layer: conv 9223372036854775807 1, input: 28x28x1}")
            == #"test.yaml:11: cannot derive the answer (parameters): column 22: expected a number of output channels like 8, from 1 to 65536, found "9223372036854775807""#)
        #expect(try failure("pooled-shape: {input: 4x4, kernel: 3, padding: 4611686018427387904}")
            == "test.yaml:11: cannot derive the answer (pooled-shape): height: padding must be at most 16384, got 4611686018427387904")
        #expect(try failure("conv-output-size: {input: 28, kernel: 3, dilation: 4611686018427387904}")
            == "test.yaml:11: cannot derive the answer (conv-output-size): dilation must be at most 16384, got 4611686018427387904")
        #expect(try failure("mlp-weights: {inputs: 1, hidden: 4611686018427387904, biases: true}")
            == "test.yaml:11: cannot derive the answer (mlp-weights): 'inputs' × 'hidden' plus the biases must fit in 64 bits")
    }
}
