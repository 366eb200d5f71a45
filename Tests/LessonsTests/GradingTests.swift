import Foundation
import ConvEngine
@testable import Lessons
import Testing

/// An exercise decoded from its body, prepared for attempt 0.
private func prepared(_ body: String) throws -> PreparedExercise {
    try decodeExercise(body).prepared()
}

/// A derived exercise of `kind` with `derive` and optional extra keys.
private func derivedExercise(_ derive: String, kind: String = "number", extra: String = "", prompt: String = "Q") throws -> PreparedExercise {
    try prepared("""
        id: e
        kind: \(kind)
        prompt: \(prompt)
        explanation: E
        derive:
          \(derive)
        \(extra)
        """)
}

/// The problems decoding (and, when it decodes, preparing) an exercise body reports.
private func problemsOf(_ body: String) -> [String] {
    var problems: [LessonProblem] = []
    if let exercise = decodeExercise(body, problems: &problems) {
        do { _ = try exercise.prepared() } catch { problems.append(error) }
    }
    return problems.map(\.description)
}

@Suite("Grading: choices, shape orders and the built-in slips")
struct GradingTests {
    @Test("numeric options match the typed number against their text, never their position; letters still select")
    func numericChoice() throws {
        let exercise = try prepared("""
            id: filter-depth
            kind: choice
            prompt: A layer's input has 128 channels. How deep must each filter be?
            options: ["3", "64", "128", "it is a free choice"]
            answer: c
            explanation: E
            """)
        // "3" is the option "3" (depth 3 like RGB), not the third option.
        #expect(exercise.grade("3").verdict == .incorrect)
        #expect(exercise.grade("128").verdict == .correct)
        #expect(exercise.grade("c").verdict == .correct)
        #expect(exercise.grade("c)").verdict == .correct)
        // A number that is no option is a wrong answer, not a format error.
        #expect(exercise.grade("2").verdict == .incorrect)
        #expect(exercise.grade("e").verdict == .unreadable(expected: "a letter from a to d or the option's value"))
        // Options without numbers still take their position.
        let words = ExerciseKind.choice(options: ["sigmoid", "tanh", "ReLU"])
        #expect(AnswerChecker.check("3", expected: .choice(2), kind: words) == .correct)
    }

    @Test("lessons check refuses options where a typed answer could mean two things, at the options' line")
    func ambiguousOptions() {
        #expect(AnswerChecker.choiceAmbiguities(["3", "64", "128", "it is a free choice"]).isEmpty)
        #expect(AnswerChecker.choiceAmbiguities(["b", "a"]) == [
            "option a is 'b', which also names option b by its letter",
            "option b is 'a', which also names option a by its letter",
        ])
        #expect(AnswerChecker.choiceAmbiguities(["1,000", "1000"]) == ["options a ('1,000') and b ('1000') are the same number"])
        #expect(AnswerChecker.choiceAmbiguities(["ReLU", "relu"]) == ["options a and b read the same ('ReLU')"])
        let problems = problemsOf("""
            id: e
            kind: choice
            prompt: Q
            options: ["c", "64", "128"]
            answer: "128"
            explanation: E
            """)
        #expect(problems == ["test.yaml:9: a typed answer could mean two options: option a is 'c', which also names option c by its letter; reword the options"])
    }

    @Test("a shape channels first is right when the channel count identifies it, with a line naming the course's order")
    func shapeOrders() throws {
        let volume = try derivedExercise("output-shape: {network: \"input 14x14x512 | maxpool 2\"}", kind: "shape")
        #expect(volume.expected == .shape([7, 7, 512]))
        #expect(volume.expectedDisplay == "7×7×512 (H×W×C)")
        #expect(volume.grade("7x7x512") == Grade(verdict: .correct))
        #expect(volume.grade("512×7×7") == Grade(verdict: .correct, note: "right numbers; this course writes H×W×C: 7×7×512"))
        // 8×4×8 channels first is 8×8×4, which could be a different H×W×C shape: not accepted,
        // but answered with the order's sentence.
        let ambiguous = try derivedExercise("conv-output-size: {input: 8x4x3, kernel: 1, filters: 8}", kind: "shape")
        #expect(ambiguous.expected == .shape([8, 4, 8]))
        let grade = ambiguous.grade("8x8x4")
        #expect(grade.verdict == .incorrect)
        #expect(grade.mistake == MistakeWording.sentence(.otherOrder, facts: MistakeFacts()))
    }

    @Test("forgot the biases: a layer, a network and a fully connected layer")
    func noBias() throws {
        let layer = try derivedExercise("parameters: {layer: conv 64 3x3, input: 224x224x3}")
        #expect(layer.grade("1728").mistake == MistakeWording.sentence(.noBias, facts: MistakeFacts()))
        let network = try derivedExercise("parameters: {network: \"input 28x28x1 | conv 8 3x3 | flatten | linear 10\"}")
        // (9 + 1)·8 + (26·26·8 + 1)·10 = 54,170; without biases 72 + 54,080 = 54,152.
        #expect(network.expected == .number(54_170))
        #expect(network.grade("54152").mistake == MistakeWording.sentence(.noBias, facts: MistakeFacts()))
        let dense = try derivedExercise("mlp-weights: {inputs: 784, hidden: 100, biases: true}")
        #expect(dense.grade("78400").mistake == MistakeWording.sentence(.noBias, facts: MistakeFacts()))
        #expect(dense.grade("78500").verdict == .correct)
        #expect(dense.grade("78401").mistake == nil)
    }

    @Test("forgot the + 1, padding counted once, the kernel size for the output size")
    func outputSizeSlips() throws {
        let plain = try derivedExercise("conv-output-size: {input: 7, kernel: 3}")
        #expect(plain.grade("4").mistake == MistakeWording.sentence(.noPlusOne, facts: MistakeFacts()))
        #expect(plain.grade("3").mistake == MistakeWording.sentence(.kernelSize, facts: MistakeFacts()))
        #expect(plain.grade("6").mistake == nil)
        // (8 − 3 + 4)/1 + 1 = 10; padded once, (10 − 3)/1 + 1 = 8.
        let padded = try derivedExercise("conv-output-size: {input: 8, kernel: 3, padding: 2}")
        #expect(padded.grade("9").mistake == MistakeWording.sentence(.noPlusOne, facts: MistakeFacts()))
        #expect(padded.grade("8").mistake == MistakeWording.sentence(.paddingOnce, facts: MistakeFacts()))
        // Pooling: (224 − 2)/2 + 1 = 112; without the + 1, 111 per side.
        let pooled = try derivedExercise("pooled-shape: {input: 224x224x64}", kind: "shape")
        #expect(pooled.grade("111x111x64").mistake == MistakeWording.sentence(.noPlusOne, facts: MistakeFacts()))
    }

    @Test("the floor for a geometry that does not tile names PyTorch's convention; 'does not tile' where the floor is asked names CS231n's")
    func floorConvention() throws {
        // (7 − 3 + 0)/3 + 1 = 2.33: CS231n calls it invalid, PyTorch floors to ⌊4/3⌋ + 1 = 2.
        let strict = try derivedExercise("conv-output-size: {input: 7, kernel: 3, stride: 3, convention: exact}", prompt: "Under the exact rule (CS231n), how wide?")
        let grade = strict.grade("2")
        #expect(grade.verdict == .incorrect)
        #expect(grade.mistake == "That is the floor PyTorch and TensorFlow take (⌊4/3⌋ + 1 = 2), dropping the last rows and columns; this exercise asks CS231n's convention, where a geometry that does not tile is invalid.")
        // Dumoulin & Visin's odd case, i = 6, k = 3, s = 2, p = 1: ⌊5/2⌋ + 1 = 3 per side.
        let plane = try derivedExercise("conv-output-size: {input: 6x6, kernel: 3, stride: 2, padding: 1, convention: exact}", kind: "shape", prompt: "Under the exact rule (CS231n), what size?")
        #expect(plane.grade("3x3").mistake?.contains("⌊5/2⌋ + 1 = 3") == true)
        // An exercise that expects the floor: the slip is the other way round.
        let window = Derivation.WindowProblem(axes: [AxisGeometry(inputSize: 7, kernelSize: 3, stride: 3)], depth: nil, isSingleAxis: true)
        let found = window.mistakes(expected: .number(2))
        #expect(found.contains { $0.0 == .floor && $0.1 == .doesNotTile(reason: "") && $0.2.expectsFloor })
        #expect(MistakeWording.sentence(.floor, facts: MistakeFacts(expectsFloor: true)).hasPrefix("Under CS231n's rule this geometry does not tile"))
    }

    @Test("off by a factor of the channel count: flat features per channel, weights over one channel")
    func channelFactor() throws {
        // 28·28·8 = 6,272 features; 784 is one channel's worth.
        let flat = try derivedExercise("output-shape: {network: \"input 28x28x1 | conv 8 3x3 pad 1 | flatten\"}")
        #expect(flat.expected == .number(6272))
        #expect(flat.grade("784").mistake == MistakeWording.sentence(.channelFactor, facts: MistakeFacts(channels: 8)))
        #expect(flat.grade("784").mistake?.hasPrefix("Off by a factor of 8, the channel count") == true)
        // 3·3·3·64 = 1,728 weights; 576 = 1,728 / 3 counts one input channel.
        let layer = try derivedExercise("parameters: {layer: conv 64 3x3, input: 224x224x3}")
        #expect(layer.grade("576").mistake == MistakeWording.sentence(.channelFactor, facts: MistakeFacts(channels: 3)))
    }
}

@Suite("mistakes: and hints in the lesson format")
struct AuthoredFeedbackTests {
    @Test("a value and a named slip map to the lesson's own sentence; the lesson's sentence wins over the built-in one")
    func authoredMistakes() throws {
        let exercise = try derivedExercise("parameters: {layer: conv 64 3x3, input: 224x224x3}", extra: """
            mistakes:
              no-bias: Each of the 64 filters has a bias too.
              "640": That filter sees one channel; it spans all three.
            """)
        #expect(exercise.grade("1728").mistake == "Each of the 64 filters has a bias too.")
        #expect(exercise.grade("640").mistake == "That filter sees one channel; it spans all three.")
        #expect(exercise.grade("1792").verdict == .correct)
    }

    @Test("lessons check refuses a slip the derivation cannot compute, an unreadable value, the right answer, and a slip that cannot happen")
    func authoredMistakeProblems() {
        let base = "id: e\nkind: number\nprompt: Q\nexplanation: E\n"
        #expect(problemsOf(base + "derive:\n  conv-output-size: {input: 7, kernel: 3}\nmistakes:\n  no-bias: B") == [
            "test.yaml:13: mistake 'no-bias' is computed by the engine from parameters or mlp-weights, not from 'derive: conv-output-size'",
        ])
        #expect(problemsOf(base + "answer: 5\nmistakes:\n  five and a bit: B") == [
            "test.yaml:12: mistake 'five and a bit' is neither a slip's name (no-bias, no-plus-one, padding-once, kernel-size, floor, other-order, channel-factor) nor a number like 1,792 or 0.25, as a number exercise needs",
        ])
        #expect(problemsOf(base + "answer: 5\nmistakes:\n  \"5\": B") == ["test.yaml:12: mistake '5' is the right answer"])
        #expect(problemsOf(base + "derive:\n  conv-output-size: {input: 7, kernel: 3}\nmistakes:\n  padding-once: B") == [
            "test.yaml:13: mistake 'padding-once' cannot happen with these numbers (conv-output-size): its wrong value is the right answer or undefined",
        ])
    }

    @Test("at most three hints; lessons check asks two of every derived exercise")
    func hints() throws {
        let four = "id: e\nkind: number\nprompt: Q\nexplanation: E\nanswer: 5\nhints: [a, b, c, d]"
        #expect(problemsOf(four) == ["test.yaml:11: an exercise has at most 3 hints (the idea, the set-up, nearly the answer), found 4"])
        let oneHint = try decodeExercise("id: e\nkind: number\nprompt: Q\nexplanation: E\nhints: [idea]\nderive:\n  conv-output-size: {input: 7, kernel: 3}")
        #expect(CheckRules.formatOnly.hintProblem(oneHint) == nil)
        #expect(CheckRules.current.hintProblem(oneHint)?.description
            == "test.yaml:6: an exercise the engine derives needs at least 2 hints (the idea, then the set-up with the learner's numbers), found 1")
        let stated = try decodeExercise("id: e\nkind: number\nprompt: Q\nexplanation: E\nanswer: 5")
        #expect(CheckRules.current.hintProblem(stated) == nil)
    }
}

@Suite("lessons/README.md: the mistakes example")
struct ReadmeMistakesExampleTests {
    @Test("the README's mistakes example decodes clean and answers its slips with its own sentences")
    func mistakesExample() throws {
        let readme = try String(contentsOf: FixturePaths.repositoryLessons.appendingPathComponent("README.md"), encoding: .utf8)
        let blocks = readme.components(separatedBy: "```yaml\n").dropFirst().map { $0.components(separatedBy: "```")[0] }
        let block = try #require(blocks.first { $0.contains("id: first-layer-parameters") })
        // The block is a step at two spaces; decodeExercise takes the exercise's own keys.
        let body = block.split(separator: "\n").dropFirst().map { String($0.dropFirst(6)) }.joined(separator: "\n")
        let exercise = try decodeExercise(body).prepared()
        #expect(exercise.hints.count == 3)
        #expect(exercise.grade("1,728").mistake == "Each of the 64 filters also has one bias.")
        #expect(exercise.grade("640").mistake == "That counts one channel per filter; each filter spans all three.")
        #expect(exercise.grade("1792").verdict == .correct)
    }
}

@Suite("lessons check: the grading rules over a whole course")
struct GradingRulesCheckTests {
    /// A course folder holding one lesson with `steps`.
    func check(_ steps: String, rules: CheckRules = .current) throws -> [String] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("convlab-grading-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data("format: 1\ntitle: T\nlessons:\n  - lesson.yaml\n".utf8).write(to: folder.appendingPathComponent("course.yaml"))
        try Data("id: rules\ntitle: Rules\nsummary: S.\nsteps:\n\(steps)".utf8).write(to: folder.appendingPathComponent("lesson.yaml"))
        return CourseChecker.check(.directory(folder, displayPath: "c"), demos: FixtureDemos.all, rules: rules).problems.map(\.description)
    }

    @Test("each new rule is refused at its line: ambiguous options, four hints, a mistake that is the answer, too few hints once required")
    func eachRule() throws {
        // Format problems are found while decoding, before any answer is derived.
        let decoding = """
              - exercise:
                  id: ambiguous
                  kind: choice
                  prompt: Q
                  options: ["b", "a"]
                  answer: a
                  explanation: E
              - exercise:
                  id: four-hints
                  kind: number
                  prompt: Q
                  answer: 5
                  hints: [a, b, c, d]
                  explanation: E
            """
        #expect(try check(decoding) == [
            "c/lesson.yaml:9: a typed answer could mean two options: option a is 'b', which also names option b by its letter; reword the options",
            "c/lesson.yaml:9: a typed answer could mean two options: option b is 'a', which also names option a by its letter; reword the options",
            "c/lesson.yaml:17: an exercise has at most 3 hints (the idea, the set-up, nearly the answer), found 4",
        ])
        let deriving = """
              - exercise:
                  id: mistake-is-answer
                  kind: number
                  prompt: Q
                  derive:
                    conv-output-size: {input: 7, kernel: 3}
                  mistakes:
                    "5": B
                  hints: [idea, set-up]
                  explanation: E
              - exercise:
                  id: one-hint
                  kind: number
                  prompt: Q
                  derive:
                    conv-output-size: {input: 7, kernel: 3}
                  hints: [idea]
                  explanation: E
            """
        #expect(try check(deriving, rules: .formatOnly) == ["c/lesson.yaml:12: mistake '5' is the right answer"])
        let notVaried = "this number exercise asks for a computation, so a retry should draw new numbers: add 'vary:' with {placeholders}, or 'fixed:' saying why the numbers cannot change (a named network's own sizes, say)"
        #expect(try check(deriving) == [
            "c/lesson.yaml:6: \(notVaried)",
            "c/lesson.yaml:12: mistake '5' is the right answer",
            "c/lesson.yaml:16: an exercise the engine derives needs at least 2 hints (the idea, then the set-up with the learner's numbers), found 1",
            "c/lesson.yaml:16: \(notVaried)",
        ])
    }
}
