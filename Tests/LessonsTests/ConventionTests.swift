@testable import Lessons
import ConvEngine
import Testing

/// A geometry that does not tile: the exercise names its convention (exact, CS231n's, or
/// floor, PyTorch's) in `derive:` and in its prompt, and an answer in the other convention
/// gets feedback that names it.
@Suite("Conventions for geometries that do not tile")
struct ConventionTests {
    func prepared(_ derive: String, kind: String = "number", prompt: String, extra: String = "") throws -> PreparedExercise {
        try decodeExercise("""
            id: e
            kind: \(kind)
            prompt: \(prompt)
            explanation: E\(extra)
            derive:
              \(derive)
            """).prepared()
    }

    /// The problem `lessons check` reports for an exercise, or nil when it prepares.
    func problem(_ body: String) -> String? {
        var problems: [LessonProblem] = []
        guard let exercise = decodeExercise(body, problems: &problems) else { return problems.map(\.description).joined() }
        do { _ = try exercise.prepared() } catch { return error.description }
        return nil
    }

    @Test("exact: the answer is 'does not tile'; the floor value is wrong, and told so")
    func exact() throws {
        let exercise = try prepared(
            "conv-output-size: {input: 7, kernel: 3, stride: 3, convention: exact}",
            prompt: "How wide is the output under the exact rule (CS231n)?")
        guard case .doesNotTile = exercise.expected else { Issue.record("7, 3, stride 3 does not tile"); return }
        #expect(exercise.working == "(7 − 3 + 2·0)/3 + 1 = 2.33, not an integer: the windows do not tile the input; input positions 6 would never be covered")
        #expect(exercise.check("does not tile") == .correct)
        #expect(exercise.check("2") == .incorrect)

        let contrast = try #require(exercise.conventionContrast)
        #expect(contrast.asked == .exact)
        #expect(contrast.otherAnswer == .number(2))
        #expect(contrast.otherWorking == "⌊(7 − 3 + 2·0)/3⌋ + 1 = 2")
        #expect(exercise.conventionFeedback(for: "2") == "That is PyTorch's floor, ⌊(7 − 3 + 2·0)/3⌋ + 1, which rounds down. This exercise asks for the exact rule (CS231n): is (7 − 3 + 2·0)/3 + 1 a whole number?")
        // A slip of another sort, a right answer and unreadable text get nothing from here.
        #expect(exercise.conventionFeedback(for: "3") == nil)
        #expect(exercise.conventionFeedback(for: "does not tile") == nil)
        #expect(exercise.conventionFeedback(for: "banana") == nil)
    }

    @Test("floor: ResNet's stem, 56 → 28 and Dumoulin & Visin's 6 → 3; 'does not tile' is told it is the exact rule")
    func floor() throws {
        let stem = try prepared(
            "conv-output-size: {input: 224x224x3, kernel: 7, stride: 2, padding: 3, filters: 64, convention: floor}",
            kind: "shape", prompt: "What volume does PyTorch's Conv2d give?")
        #expect(stem.expected == .shape([112, 112, 64]))
        #expect(stem.working == "⌊(224 − 7 + 2·3)/2⌋ + 1 = 112; depth = 64 filters")
        #expect(stem.check("112x112x64") == .correct)
        #expect(stem.conventionFeedback(for: "does not tile") == "That is the exact rule (CS231n), under which it does not tile. This exercise asks for PyTorch's floor: ⌊(224 − 7 + 2·3)/2⌋ + 1, rounding down.")
        #expect(stem.conventionFeedback(for: "112x112x64") == nil)
        #expect(stem.conventionFeedback(for: "113x113x64") == nil)

        let downsample = try prepared("conv-output-size: {input: 56, kernel: 3, stride: 2, padding: 1, convention: floor}", prompt: "With PyTorch's floor?")
        #expect(downsample.expected == .number(28))
        let dumoulin = try prepared("conv-output-size: {input: 6, kernel: 3, stride: 2, padding: 1, convention: floor}", prompt: "Rounding down (floor)?")
        #expect(dumoulin.expected == .number(3))
        #expect(dumoulin.conventionContrast?.otherAnswer == .doesNotTile(reason: "(6 − 3 + 2·1)/2 + 1 = 3.5, not an integer: the windows do not tile the input"))
    }

    @Test("pooled-shape takes the convention too; a tiling geometry has no contrast")
    func pooled() throws {
        let floored = try prepared("pooled-shape: {input: 7x7x16, convention: floor}", kind: "shape", prompt: "In PyTorch?")
        #expect(floored.expected == .shape([3, 3, 16]))
        #expect(floored.working == "⌊(7 − 2 + 2·0)/2⌋ + 1 = 3 per side; depth unchanged")
        let exact = try prepared("pooled-shape: {input: 7x7x16, convention: exact}", kind: "shape", prompt: "Under the exact rule?")
        guard case .doesNotTile = exact.expected else { Issue.record("7 under 2×2 pooling does not tile"); return }
        #expect(exact.conventionFeedback(for: "3x3x16") != nil)

        let tiles = try prepared("pooled-shape: {input: 8x8x16, convention: floor}", kind: "shape", prompt: "Q")
        #expect(tiles.expected == .shape([4, 4, 16]))
        #expect(tiles.conventionContrast == nil)
    }

    @Test("a choice among numbers: picking the floor value is told it is the floor")
    func choice() throws {
        let exercise = try prepared(
            "conv-output-size: {input: 7, kernel: 3, stride: 3, convention: exact}", kind: "choice",
            prompt: "Under the exact rule (CS231n), how wide is the output?",
            extra: "\noptions: [\"2\", \"3\", does not tile]")
        #expect(exercise.expected == .choice(2))
        #expect(exercise.conventionFeedback(for: "a")?.hasPrefix("That is PyTorch's floor") == true)
        #expect(exercise.conventionFeedback(for: "b") == nil)
    }

    @Test("lessons check: a geometry that does not tile must name its convention in derive, at the derive line")
    func conventionRequired() {
        #expect(problem("""
            id: e
            kind: number
            prompt: How wide?
            explanation: E
            derive:
              conv-output-size: {input: 7, kernel: 3, stride: 3}
            """) == "test.yaml:11: cannot derive the answer (conv-output-size): the geometry does not tile ((7 − 3 + 2·0)/3 + 1 = 7/3): say which convention the exercise asks for with `convention: exact` (CS231n: does not tile) or `convention: floor` (PyTorch: ⌊(7 − 3 + 2·0)/3⌋ + 1 = 2)")
        #expect(problem("""
            id: e
            kind: shape
            prompt: What comes out?
            explanation: E
            derive:
              pooled-shape: {input: 8x7x4}
            """)?.hasPrefix("test.yaml:11: cannot derive the answer (pooled-shape): the geometry does not tile ((7 − 2 + 2·0)/2 + 1 = 7/2)") == true)
        // A tiling geometry needs no convention.
        #expect(problem("""
            id: e
            kind: number
            prompt: How wide?
            explanation: E
            derive:
              conv-output-size: {input: 7, kernel: 3, stride: 2}
            """) == nil)
    }

    @Test("lessons check: every drawn value set is judged, so a vary range that sometimes does not tile needs a convention")
    func variedNumbers() throws {
        let exercise = try decodeExercise("""
            id: e
            kind: number
            vary: {size: 7..8}
            prompt: How wide is {size}?
            explanation: E
            derive:
              conv-output-size: {input: "{size}", kernel: 3, stride: 2}
            """)
        var failures: [String] = []
        for values in exercise.variation?.valueSetsToCheck() ?? [] {
            do { _ = try exercise.prepared(values: values, attempt: 0) } catch { failures.append(error.description) }
        }
        #expect(failures.count == 1)
        #expect(failures.first?.contains("(8 − 3 + 2·0)/2 + 1 = 7/2") == true)
    }

    @Test("lessons check: the prompt must name the convention too, and a bad convention is refused at its line")
    func promptAndValue() {
        #expect(problem("""
            id: e
            kind: number
            prompt: How wide is the output?
            explanation: E
            derive:
              conv-output-size: {input: 7, kernel: 3, stride: 3, convention: floor}
            """) == "test.yaml:6: the geometry does not tile, so the prompt must tell the learner which convention to use: it asks for floor, so name it with 'floor' or 'PyTorch'")
        #expect(problem("""
            id: e
            kind: number
            prompt: How wide is the output under the exact rule?
            explanation: E
            derive:
              conv-output-size:
                input: 7
                kernel: 3
                stride: 3
                convention: ceil
            """) == "test.yaml:15: cannot derive the answer (conv-output-size): 'convention' must be exact (CS231n: a geometry that does not tile has no output) or floor (PyTorch: round down), found 'ceil'")
    }
}
