@testable import Lessons
import Testing

/// Lesson derivations given hostile numbers: each is a problem at the lesson's line, never a trap.
/// Most are refused while the lesson is decoded (the lesson bounds); what passes them is
/// refused by the engine's own checks when the answer is derived.
@Suite("Derivations refuse numbers the engine cannot count")
struct DerivationLimitTests {
    /// The first problem decoding or preparing the exercise reports, nil when it prepares.
    func failure(_ derive: String) throws -> String? {
        var problems: [LessonProblem] = []
        let decoded = decodeExercise("""
            id: e
            kind: number
            prompt: Q
            explanation: E
            derive:
              \(derive)
            """, problems: &problems)
        if let first = problems.first { return first.description }
        let exercise = try #require(decoded)
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
            == "test.yaml:11: the receptive field of these layers grows past what a 64-bit integer holds; use fewer layers or smaller strides")
        let network = "input 28x28x1" + String(repeating: " | conv 1 1x1 stride 2", count: 100)
        #expect(try failure("receptive-field: {network: \"\(network)\"}")
            == "test.yaml:11: cannot derive the answer (receptive-field): receptive field overflows at layer 62 (kernel 1, stride 2): size 1 and jump 4611686018427387904 before it, and the next size or jump is more than 9223372036854775807")
    }

    @Test("a huge layer, padding, dilation or hidden width is refused when the lesson is decoded")
    func hugeNumbers() throws {
        #expect(try failure("parameters: {layer: conv 9223372036854775807 1, input: 28x28x1}")
            == "test.yaml:11: numbers in 'layer' must be at most 268,435,456, found 9223372036854775807")
        #expect(try failure("pooled-shape: {input: 4x4, kernel: 3, padding: 4611686018427387904}")
            == "test.yaml:11: 'padding' must be a whole number from 0 to 16,384, found '4611686018427387904'")
        #expect(try failure("conv-output-size: {input: 28, kernel: 3, dilation: 4611686018427387904}")
            == "test.yaml:11: 'dilation' must be a whole number from 0 to 16,384, found '4611686018427387904'")
        #expect(try failure("mlp-weights: {inputs: 1, hidden: 4611686018427387904, biases: true}")
            == "test.yaml:11: 'hidden' must be a whole number from 0 to 268,435,456, found '4611686018427387904'")
    }
}
