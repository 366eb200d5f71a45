@testable import Lessons
import Testing

/// Decodes one exercise written as the body of an `exercise:` step (indented by six spaces).
func decodeExercise(_ body: String, problems: inout [LessonProblem]) -> Exercise? {
    let text = """
        id: test
        title: Test
        summary: A test lesson.
        steps:
          - exercise:
        \(body.split(separator: "\n", omittingEmptySubsequences: false).map { "      " + $0 }.joined(separator: "\n"))
        """
    return LessonDecoder(file: "test.yaml", demos: FixtureDemos.all).decode(text, problems: &problems)?.exercises.first
}

func decodeExercise(_ body: String) throws -> Exercise {
    var problems: [LessonProblem] = []
    let exercise = decodeExercise(body, problems: &problems)
    #expect(problems.isEmpty, "\(problems)")
    return try #require(exercise)
}

@Suite("Derivations: the engine re-derives each kind of answer")
struct DerivationTests {
    func derived(_ derive: String, kind: String = "number") throws -> PreparedExercise {
        try decodeExercise("""
            id: e
            kind: \(kind)
            prompt: Q
            explanation: E
            derive:
              \(derive)
            """).prepared()
    }

    /// The cases that do not tile, under either convention, are in `ConventionTests`.
    @Test("conv-output-size: one axis, a plane, a volume, same padding")
    func convOutputSize() throws {
        #expect(try derived("conv-output-size: {input: 7, kernel: 3}").expected == .number(5))
        #expect(try derived("conv-output-size: {input: 7x7, kernel: 3}", kind: "shape").expected == .shape([5, 5]))
        #expect(try derived("conv-output-size: {input: 224x224x3, kernel: 3, padding: same, filters: 64}", kind: "shape").expected == .shape([224, 224, 64]))
        #expect(try derived("conv-output-size: {input: 28, kernel: 3, dilation: 2}").expected == .number(24))
    }

    @Test("pooled-shape keeps the depth")
    func pooledShape() throws {
        #expect(try derived("pooled-shape: {input: 224x224x64, kernel: 2, stride: 2}", kind: "shape").expected == .shape([112, 112, 64]))
        #expect(try derived("pooled-shape: {input: 6x6x8, kernel: 3}", kind: "shape").expected == .shape([2, 2, 8]))
    }

    @Test("parameters of a layer, a named network, a spec line and one layer of a network")
    func parameters() throws {
        let first = try derived("parameters: {layer: conv 64 3x3 pad 1, input: 224x224x3}")
        #expect(first.expected == .number(1792))
        #expect(first.working == "(3·3·3 + 1)·64 = 1,792")
        #expect(try derived("parameters: {network: vgg16}").expected == .number(138_357_544))
        #expect(try derived("parameters: {network: lenet5}").expected == .number(61_706))
        #expect(try derived("parameters: {network: vgg16, index: 32}").expected == .number(102_764_544))
        #expect(try derived(#"parameters: {network: "input 8x8x1 | conv 1 3x3 nobias | conv 1 3x3 nobias"}"#).expected == .number(18))
    }

    @Test("mlp-weights with and without biases")
    func mlpWeights() throws {
        #expect(try derived("mlp-weights: {inputs: 1000000, hidden: 1000000}").expected == .number(1e12))
        #expect(try derived("mlp-weights: {inputs: 784, hidden: 100, biases: true}").expected == .number(78_500))
    }

    @Test("receptive-field from kernel/stride pairs and from a network")
    func receptiveField() throws {
        let two = try derived("receptive-field: {layers: [3/1, 3/1]}")
        #expect(two.expected == .number(5))
        #expect(two.working == "r: 1 → 3 → 5")
        #expect(try derived("receptive-field: {layers: [3/1, 2/2, 3/1]}").expected == .number(8))
        #expect(try derived("receptive-field: {layers: [5]}").expected == .number(5))
        #expect(try derived("receptive-field: {network: vgg16}").expected == .number(212))
    }

    @Test("cell: Σ patch ⊙ kernel + bias through the activation, cross-correlation or flipped")
    func cell() throws {
        let body = "cell: {patch: [[1, 2, 0], [4, 1, 3], [2, 1, 0]], kernel: [[1, 0, -1], [1, 0, -1], [1, 0, -1]]"
        #expect(try derived(body + "}").expected == .number(4))
        #expect(try derived(body + ", flipped: true}").expected == .number(-4))
        #expect(try derived(body + ", bias: -5, activation: relu}").expected == .number(0))
        #expect(try derived("cell: {patch: [[0, 0, 1], [0, 0, 1], [0, 0, 1]], kernel: sobel-x}").expected == .number(4))
        let sigmoid = try derived("cell: {patch: [[1]], kernel: [[1]], activation: sigmoid}")
        guard case let .number(value) = sigmoid.expected else { Issue.record("not a number"); return }
        #expect(abs(value - 0.7310586) < 1e-6)
    }

    @Test("output-shape: a feature map as H×W×C, flat features as a number")
    func outputShape() throws {
        #expect(try derived("output-shape: {network: vgg16, index: 30}", kind: "shape").expected == .shape([7, 7, 512]))
        #expect(try derived("output-shape: {network: vgg16, index: 31}").expected == .number(25_088))
    }

    @Test("a choice derives the option that reads as the derived value")
    func derivedChoice() throws {
        let exercise = try decodeExercise("""
            id: e
            kind: choice
            prompt: Q
            options: ["1,728", "1,792", "1,800"]
            explanation: E
            derive:
              parameters: {layer: conv 64 3x3, input: 32x32x3}
            """)
        #expect(try exercise.prepared().expected == .choice(1))
    }

    @Test("a parametric exercise gets new numbers per attempt and its answer is derived again")
    func parametric() throws {
        let exercise = try decodeExercise("""
            id: e
            kind: number
            vary: {size: 6..40, kernel: [3, 5]}
            seed: 9
            prompt: "{size} wide, kernel {kernel}?"
            explanation: "{size} − {kernel} + 1"
            derive:
              conv-output-size: {input: "{size}", kernel: "{kernel}"}
            """)
        var prompts: Set<String> = []
        for attempt in 0..<8 {
            let prepared = try exercise.prepared(attempt: attempt)
            let size = try #require(prepared.values["size"]), kernel = try #require(prepared.values["kernel"])
            #expect(prepared.prompt == "\(size) wide, kernel \(kernel)?")
            #expect(prepared.expected == .number(Double(size - kernel + 1)))
            #expect(prepared.check(String(size - kernel + 1)) == .correct)
            prompts.insert(prepared.prompt)
        }
        #expect(prompts.count > 1, "retries should draw different numbers")
        // The same attempt always gives the same numbers.
        #expect(try exercise.prepared(attempt: 3).values == (try exercise.prepared(attempt: 3).values))
    }

    @Test("decoding rejects a parametric exercise with a stated answer, and unknown placeholders")
    func parametricProblems() {
        var problems: [LessonProblem] = []
        _ = decodeExercise("""
            id: e
            kind: number
            vary: {size: 5..9}
            prompt: "{size} and {other}"
            answer: 3
            explanation: E
            derive:
              conv-output-size: {input: "{size}", kernel: 3}
            """, problems: &problems)
        #expect(problems.map(\.description) == [
            "test.yaml:10: an exercise with 'vary' derives its answer for every set of numbers; remove 'answer'",
            "test.yaml:9: placeholder '{other}' is not a varied value (varied: size)",
        ])
    }
}
