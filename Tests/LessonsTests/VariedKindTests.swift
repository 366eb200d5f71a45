import ConvEngine
@testable import Lessons
import Testing

/// `vary:` on cell and structured exercises (each attempt rebuilds the patch, the design's
/// numbers or the traced network) and the rule that a computation varies or says why not.
@Suite("Varied computations: new numbers on retry, the same for the same attempt")
struct VariedKindTests {
    static let variedCell = """
        id: varied-cell
        kind: cell
        prompt: What does the kernel give?
        vary: {a: 0..9, b: 0..9}
        seed: 5
        patch: [["{a}", 2], [3, "{b}"]]
        kernel: [[1, 0], [0, -1]]
        hints: [Multiply cell by cell and add., "{a} − {b}"]
        explanation: The diagonal minus the other diagonal's end.
        """

    static func patch(_ exercise: PreparedExercise) -> [[Double]]? {
        guard case let .cell(problem, _) = exercise.kind else { return nil }
        return problem.patch
    }

    @Test("a cell exercise draws its patch per attempt; the engine's answer follows it, and attempt N is always the same")
    func cellVaries() throws {
        let decoded = decodeKind(Self.variedCell)
        #expect(decoded.problems == [])
        let exercise = try #require(decoded.exercise)
        var patches: Set<[[Double]]> = []
        for attempt in 0..<6 {
            let prepared = try exercise.prepared(attempt: attempt)
            let values = prepared.values
            let patch = try #require(Self.patch(prepared))
            #expect(patch == [[Double(values["a"]!), 2], [3, Double(values["b"]!)]])
            #expect(prepared.expected == .number(Double(values["a"]! - values["b"]!)))
            #expect(prepared.hints[1] == "\(values["a"]!) − \(values["b"]!)")
            #expect(try Self.patch(exercise.prepared(attempt: attempt)) == patch)
            patches.insert(patch)
        }
        #expect(patches.count > 1)
        // The stored kind shows the first attempt's numbers.
        guard case let .cell(first, _) = exercise.kind else { Issue.record("not a cell"); return }
        #expect(first.patch == Self.patch(try exercise.prepared(attempt: 0)))
    }

    @Test("a design's numbers vary: the solution is judged against each attempt's own input")
    func designVaries() throws {
        let fields = """
            id: halve
            kind: design
            prompt: Make {w} give 28.
            vary: {w: 54..58}
            design:
              goal: conv-output-size == 28
              input: "{w}"
              kernel: 3
              floor: true
              choose: {padding: 0..3, stride: 1..3}
            hints: [Stride 2., Then the padding.]
            explanation: E
            """
        let decoded = decodeKind(fields)
        #expect(decoded.problems == [])
        let exercise = try #require(decoded.exercise)
        var sawBoth = (accepted: false, refused: false)
        for attempt in 0..<12 {
            let prepared = try exercise.prepared(attempt: attempt)
            let width = try #require(prepared.values["w"])
            #expect(prepared.prompt == "Make \(width) give 28.")
            // Padding 1, stride 2: ⌊(w − 3 + 2)/2⌋ + 1 is 28 only for w = 55 and 56.
            let correct = prepared.check("padding 1, stride 2") == .correct
            #expect(correct == ((width - 1) / 2 + 1 == 28))
            if correct { sawBoth.accepted = true } else { sawBoth.refused = true }
        }
        #expect(sawBoth.accepted && sawBoth.refused)
    }

    @Test("a traced network's input varies, and the table's shapes with it")
    func traceVaries() throws {
        let fields = """
            id: trace
            kind: trace
            prompt: Fill in the table.
            vary: {s: [28, 32]}
            network: input {s}x{s}x3 | conv 6 5x5 | maxpool 2
            hints: [W − F + 1., Halve it.]
            explanation: E
            """
        let exercise = try #require(decodeKind(fields).exercise)
        let answers = try (0..<8).map { attempt -> String in
            let prepared = try exercise.prepared(attempt: attempt)
            let side = try #require(prepared.values["s"])
            guard case let .text(solution) = prepared.expected else { Issue.record("no table"); return "" }
            #expect(solution.contains("\(side - 4)x\(side - 4)x6") || solution.contains("\(side - 4)×\(side - 4)×6"))
            return solution
        }
        #expect(Set(answers).count == 2)
    }

    @Test("lessons check derives every value set: a varied design with no solution for one of them is refused at its line")
    func everyValueSetChecked() throws {
        let fields = """
            id: halve
            kind: design
            prompt: Make {w} give 28.
            vary: {w: 56..70}
            design:
              goal: conv-output-size == 28
              input: "{w}"
              kernel: 3
              floor: true
              choose: {padding: 0..3, stride: 1..3}
            hints: [Stride 2., Then the padding.]
            explanation: E
            """
        var problems: [LessonProblem] = []
        let lesson = LessonDecoder(file: "kinds.yaml", demos: FixtureDemos.all).decode(kindLesson(fields), problems: &problems)
        // The first attempt's numbers are checked as the lesson is read; the rest by lessons
        // check, each value set in turn.
        var failures = problems.map(\.description)
        if let exercise = lesson?.exercises.first {
            failures += (exercise.variation?.valueSetsToCheck() ?? []).compactMap { values -> String? in
                do { _ = try exercise.prepared(values: values, attempt: 0); return nil } catch { return "\(error)" }
            }
        }
        // ⌊(w − 3 + 2·3)/2⌋ + 1 ≥ 29 once w ≥ 60 at stride 2, and stride 3 gives at most 24.
        #expect(!failures.isEmpty)
        #expect(failures.allSatisfy { $0.hasPrefix("kinds.yaml:11: no choice meets 'conv-output-size == 28'") })
    }

    @Test("lessons check flags a computation without vary: or fixed:, at the exercise's line; fixed: silences it")
    func unvariedFixture() {
        let report = CourseChecker.check(FixturePaths.course("unvaried-computation"), demos: FixtureDemos.all)
        #expect(report.problems.map(\.description) == [
            "unvaried-computation/lesson.yaml:6: this cell exercise asks for a computation, so a retry should draw new numbers: add 'vary:' with {placeholders}, or 'fixed:' saying why the numbers cannot change (a named network's own sizes, say)",
            "unvaried-computation/lesson.yaml:23: this number exercise asks for a computation, so a retry should draw new numbers: add 'vary:' with {placeholders}, or 'fixed:' saying why the numbers cannot change (a named network's own sizes, say)",
        ])
        #expect(CourseChecker.check(FixturePaths.course("unvaried-computation"), demos: FixtureDemos.all, rules: .formatOnly).problems.isEmpty)
    }

    @Test("fixed: beside vary:, or on an exercise that computes nothing, is refused at its line")
    func fixedMisused() {
        let both = Self.variedCell + "\nfixed: no reason"
        #expect(decodeKind(both).problems == ["kinds.yaml:15: 'fixed' and 'vary' contradict each other: keep one"])
        let choice = """
            id: pick
            kind: choice
            fixed: the options are the point
            prompt: Which?
            options: [a thing, another thing]
            answer: a
            explanation: E
            """
        #expect(decodeKind(choice).problems == [
            "kinds.yaml:8: 'fixed' is for an exercise that computes (a cell, a derived number or shape, a design, trace or spot-error); this choice exercise does not",
        ])
    }
}
