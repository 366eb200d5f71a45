import ConvEngine
import Foundation
@testable import Lessons
import Testing

/// Decodes `text` as a lesson file named `hostile.yaml` and returns every problem's line.
func lessonProblems(_ text: String) -> [String] {
    var problems: [LessonProblem] = []
    _ = LessonDecoder(file: "hostile.yaml", demos: FixtureDemos.all).decode(text, problems: &problems)
    return problems.map(\.description)
}

/// A lesson around one exercise with `derive` and optionally `vary` written out.
func exerciseLesson(derive: String, vary: String? = nil) -> String {
    """
    id: hostile
    title: Hostile
    summary: Numbers no lesson needs.
    steps:
      - exercise:
          id: e
          kind: number
          prompt: Q
          explanation: E
    \(vary.map { "      vary: \($0)\n" } ?? "")      derive:
            \(derive)
    """
}

@Suite("Hostile lesson files: refused with file:line, never a trap, a hang or a bomb")
struct HostileLessonTests {
    @Test("an alias bomb (nine levels of nine aliases) is refused at the first alias, without building the tree")
    func aliasBomb() {
        var lines = ["a: &a [x, x, x, x, x, x, x, x, x]"]
        let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i"]
        for (index, name) in names.dropFirst().enumerated() {
            let previous = "*" + names[index]
            lines.append("\(name): &\(name) [\(Array(repeating: previous, count: 9).joined(separator: ", "))]")
        }
        #expect(lessonProblems(lines.joined(separator: "\n")) == [
            "hostile.yaml:2: aliases (*a) are not allowed in lesson files; write the value out",
        ])
        // An alias used as a key (Yams would hash the whole aliased value) is refused too.
        #expect(lessonProblems("base: &k {a: 1}\n? *k\n: 2\n") == [
            "hostile.yaml:2: aliases (*k) are not allowed in lesson files; write the value out",
        ])
        // And a merge key, which is an alias by another name.
        #expect(lessonProblems("base: &b {id: x}\nother:\n  <<: *b\n") == [
            "hostile.yaml:3: aliases (*b) are not allowed in lesson files; write the value out",
        ])
    }

    @Test("nesting deeper than the limit is refused before the recursive copy")
    func deepNesting() {
        let depth = Limits.lessonNesting + 1
        let text = "steps: " + String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        #expect(lessonProblems(text) == [
            "hostile.yaml:1: lists and mappings nest more than 64 levels deep; lessons need a handful",
        ])
        // A hundred thousand levels cost one linear pass, not the stack: libyaml stops at
        // its own nesting limit when the scan's comes later than its look-ahead.
        let huge = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        let hugeProblems = lessonProblems(huge)
        #expect(hugeProblems.count == 1)
        #expect(hugeProblems.first?.hasPrefix("hostile.yaml:1: ") == true)
        #expect(hugeProblems.first?.lowercased().contains("nest") == true, "\(hugeProblems)")
    }

    @Test("a duplicate key is one line at the second key, not the whole file")
    func duplicateKey() {
        let text = """
            id: dup
            title: One
            summary: S
            title: Two
            steps: []
            """ + String(repeating: "\n# filler line", count: 90)
        let problems = lessonProblems(text)
        #expect(problems == ["hostile.yaml:4: 'title' is given twice (first at line 2)"])
        #expect(problems.allSatisfy { !$0.contains("\n") })
    }

    @Test("vary ranges of any size are bounded before they are counted or built")
    func varyRanges() {
        let derive = "conv-output-size: {input: '{size}', kernel: 3}"
        #expect(lessonProblems(exerciseLesson(derive: derive, vary: "{size: -9223372036854775808..9223372036854775807}")) == [
            "hostile.yaml:10: 'vary': 'size' values must lie from −16,384 to 16,384, found -9223372036854775808..9223372036854775807",
        ])
        #expect(lessonProblems(exerciseLesson(derive: derive, vary: "{size: 1..10000}")) == [
            "hostile.yaml:10: 'vary': 'size' may take at most 256 values, found 10,000 (1..10000)",
        ])
        #expect(lessonProblems(exerciseLesson(derive: derive, vary: "{size: 12..5}")) == [
            "hostile.yaml:10: 'vary': 'size': the range 12..5 is empty; write the smaller bound first",
        ])
        #expect(lessonProblems(exerciseLesson(derive: derive, vary: "{size: [3, 99999999999999999999]}")) == [
            "hostile.yaml:10: 'vary': 'size' must be a range like 5..12 or a list of whole numbers, found a list",
        ])
        #expect(lessonProblems(exerciseLesson(derive: derive, vary: "{size: [3, 20000]}")) == [
            "hostile.yaml:10: 'vary': 'size' values must lie from −16,384 to 16,384, found 20000",
        ])
        // The largest range allowed decodes, and any attempt draws from it.
        var problems: [LessonProblem] = []
        let lesson = LessonDecoder(file: "ok.yaml", demos: FixtureDemos.all)
            .decode(exerciseLesson(derive: derive, vary: "{size: 16129..16384}"), problems: &problems)
        #expect(problems.isEmpty)
        let values = lesson?.exercises.first?.variation?.values(attempt: Limits.attempt)["size"]
        #expect(values.map { (16129...16384).contains($0) } == true)
    }

    @Test("derivation numbers are bounded at decode time, at their line")
    func derivationBounds() {
        #expect(lessonProblems(exerciseLesson(derive: "pooled-shape: {input: 4x4x1, padding: 9223372036854775807}")) == [
            "hostile.yaml:11: 'padding' must be a whole number from 0 to 16,384, found '9223372036854775807'",
        ])
        #expect(lessonProblems(exerciseLesson(derive: "conv-output-size: {input: 28, kernel: 3, padding: 4611686018427387904}")) == [
            "hostile.yaml:11: 'padding' must be a whole number from 0 to 16,384, found '4611686018427387904'",
        ])
        #expect(lessonProblems(exerciseLesson(derive: "conv-output-size: {input: 3037000500x3037000500x1, kernel: 3}")) == [
            "hostile.yaml:11: 'input' must be a whole number from 0 to 16,384, found '3037000500x3037000500x1'",
        ])
        #expect(lessonProblems(exerciseLesson(derive: "conv-output-size: {input: 8x8x1, kernel: 3, filters: 9223372036854775807}")) == [
            "hostile.yaml:11: 'filters' must be a whole number from 0 to 65,536, found '9223372036854775807'",
        ])
        #expect(lessonProblems(exerciseLesson(derive: "mlp-weights: {inputs: 1e300, hidden: 10}")) == [
            "hostile.yaml:11: 'inputs' must be a whole number from 0 to 268,435,456, found '1e300'",
        ])
        #expect(lessonProblems(exerciseLesson(derive: "parameters: {layer: conv 9223372036854775807 1, input: 28x28x1}")) == [
            "hostile.yaml:11: numbers in 'layer' must be at most 268,435,456, found 9223372036854775807",
        ])
        #expect(lessonProblems(exerciseLesson(derive: "output-shape: {network: 'input 3037000500x3037000500x1 | flatten'}")) == [
            "hostile.yaml:11: numbers in 'network' must be at most 268,435,456, found 3037000500",
        ])
        let hundredStrided = "[" + Array(repeating: "3/2", count: 100).joined(separator: ", ") + "]"
        #expect(lessonProblems(exerciseLesson(derive: "receptive-field: {layers: \(hundredStrided)}")) == [
            "hostile.yaml:11: the receptive field of these layers grows past what a 64-bit integer holds; use fewer layers or smaller strides",
        ])
        let tooMany = "[" + Array(repeating: "3/1", count: Limits.layers + 1).joined(separator: ", ") + "]"
        #expect(lessonProblems(exerciseLesson(derive: "receptive-field: {layers: \(tooMany)}")) == [
            "hostile.yaml:11: 'layers' may have at most 1,000 items, found 1,001",
        ])
        #expect(lessonProblems(exerciseLesson(derive: "receptive-field: {layers: [3/1, 99999999999999999999/1]}")) == [
            "hostile.yaml:11: each layer's kernel and stride must be whole numbers up to 16,384, found '99999999999999999999/1'",
        ])
    }

    @Test("a value built from placeholders is bounded when its numbers are drawn")
    func placeholderBounds() throws {
        var problems: [LessonProblem] = []
        let lesson = LessonDecoder(file: "p.yaml", demos: FixtureDemos.all).decode(
            exerciseLesson(derive: "conv-output-size: {input: 28, kernel: 3, padding: '{p}000'}", vary: "{p: [16, 17]}"),
            problems: &problems)
        #expect(problems.isEmpty)
        let exercise = try #require(lesson?.exercises.first)
        #expect(throws: LessonProblem.self) { try exercise.prepared(values: ["p": 17], attempt: 0) }
        do { _ = try exercise.prepared(values: ["p": 17], attempt: 0) } catch {
            #expect(error.description == "p.yaml:12: cannot derive the answer (conv-output-size): 'padding' must be a whole number from 0 to 16,384, found '17000'")
        }
        #expect(try exercise.prepared(values: ["p": 16], attempt: 0).expected == .number(32026))
    }

    @Test("any attempt is drawn directly: attempt one billion costs what attempt 0 does")
    func attemptIsDirect() throws {
        var problems: [LessonProblem] = []
        let lesson = try #require(LessonDecoder(file: "a.yaml", demos: FixtureDemos.all).decode(
            exerciseLesson(derive: "conv-output-size: {input: '{size}', kernel: 3}", vary: "{size: 5..200}"), problems: &problems))
        let exercise = try #require(lesson.exercises.first)
        let session = LessonSession(lesson: lesson, stepIndex: 0, attempt: Limits.attempt)
        let expected = try #require(exercise.variation?.values(attempt: Limits.attempt))
        #expect(session.exercise?.values == expected)
        #expect(session.exercise?.attempt == Limits.attempt)
        // Out-of-range attempts are clamped, never overflowed.
        #expect(LessonSession(lesson: lesson, stepIndex: 0, attempt: Int.max).exercise?.attempt == Limits.attempt)
        #expect(LessonSession(lesson: lesson, stepIndex: 0, attempt: -3).exercise?.attempt == 0)
    }
}
