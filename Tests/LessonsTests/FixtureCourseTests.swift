import Foundation
import Lessons
import Testing

/// Where the test fixtures and the repository's own `lessons/` folder are.
enum FixturePaths {
    static let testsFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let fixtures = testsFolder.appendingPathComponent("Fixtures")
    static let repositoryLessons = testsFolder.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("lessons")

    /// A fixture course, its files named `NAME/file.yaml` in messages.
    static func course(_ name: String) -> CourseSource {
        .directory(fixtures.appendingPathComponent(name), displayPath: name)
    }
}

@Suite("Fixture courses: one per outcome, exact file:line messages")
struct FixtureCourseTests {
    func problems(_ name: String) -> [String] {
        CourseChecker.check(FixturePaths.course(name), demos: FixtureDemos.all).problems.map(\.description)
    }

    @Test("a valid course loads and checks clean")
    func valid() throws {
        let report = CourseChecker.check(FixturePaths.course("valid"), demos: FixtureDemos.all)
        #expect(report.problems.isEmpty)
        #expect(report.summary == "OK: 1 lesson, 3 exercises, 2 answers re-derived by the engine (5 parametric variants)")
        let course = try CourseLoader.loadCourse(from: FixturePaths.course("valid"), demos: FixtureDemos.all)
        let lesson = try #require(course.lesson(id: "fixture"))
        #expect(lesson.steps.count == 5)
        #expect(lesson.exercises.map(\.id) == ["seven-by-three", "vary-size", "pick"])
        guard case let .text(text) = lesson.steps[0].content else { Issue.record("step 0 is not text"); return }
        #expect(text.blocks == [
            .paragraph([.init("A paragraph with "), .init("emphasis", emphasized: true), .init(".")]),
            .list([[.init("first item")], [.init("second item")]]),
        ])
        guard case let .demo(demo) = lesson.steps[1].content else { Issue.record("step 1 is not a demo"); return }
        #expect(demo == DemoStep(name: "geometry", parameters: ["size": "7", "kernel": "3"], caption: "Try padding 1."))
        #expect(lesson.steps[2].location == SourceLocation(file: "valid/lesson.yaml", line: 14))
    }

    @Test("each format rule of the graded course is refused at its line: ambiguous options, four hints, fixed beside vary, a design with no solution, a spot-error table with no error, a pick that is not an option")
    func newFormatRules() {
        #expect(problems("new-rules") == [
            "new-rules/lesson.yaml:9: a typed answer could mean two options: option a is 'b', which also names option b by its letter; reword the options",
            "new-rules/lesson.yaml:9: a typed answer could mean two options: option b is 'a', which also names option a by its letter; reword the options",
            "new-rules/lesson.yaml:17: an exercise has at most 3 hints (the idea, the set-up, nearly the answer), found 4",
            "new-rules/lesson.yaml:23: 'fixed' and 'vary' contradict each other: keep one",
            "new-rules/lesson.yaml:35: no choice meets 'conv-output-size == 100' (all 12 combinations tried); widen 'choose' or change the goal",
            "new-rules/lesson.yaml:47: row 1's parameters 40 is what the engine computes, so the table would have no error; give a different value",
            "new-rules/lesson.yaml:60: 'pick' must be one of the kernels (sobel-y, laplacian), found 'sobel-x'",
        ])
    }

    @Test("each rule lessons check applies to a loaded course is refused at its line: a mistake that is the answer, one hint, an unnamed convention, a computation that never varies")
    func newCheckRules() {
        #expect(problems("new-rules-derived") == [
            "new-rules-derived/lesson.yaml:13: mistake '5' is the right answer",
            "new-rules-derived/lesson.yaml:17: an exercise the engine derives needs at least 2 hints (the idea, then the set-up with the learner's numbers), found 1",
            "new-rules-derived/lesson.yaml:26: the geometry does not tile, so the prompt must tell the learner which convention to use: it asks for floor, so name it with 'floor' or 'PyTorch'",
            "new-rules-derived/lesson.yaml:35: this number exercise asks for a computation, so a retry should draw new numbers: add 'vary:' with {placeholders}, or 'fixed:' saying why the numbers cannot change (a named network's own sizes, say)",
        ])
    }

    @Test("an unknown key names the nearest known one")
    func unknownKey() {
        #expect(problems("unknown-key") == [
            "unknown-key/lesson.yaml:1: the lesson is missing 'title' (a line of text)",
            "unknown-key/lesson.yaml:2: unknown key 'titel' in the lesson; did you mean 'title'?",
        ])
    }

    @Test("a missing field is reported at the mapping that lacks it")
    func missingField() {
        #expect(problems("missing-field") == [
            "missing-field/lesson.yaml:6: exercise 'no-prompt' is missing 'prompt' (the question, as text)",
        ])
    }

    @Test("a stated answer the engine disagrees with is reported at the answer's line, with the working")
    func wrongDerivedAnswer() {
        #expect(problems("wrong-answer") == [
            "wrong-answer/lesson.yaml:10: answer 1,728 disagrees with the derived 1,792 (parameters: (3·3·3 + 1)·64 = 1,792)",
        ])
    }

    @Test("a YAML syntax error points at the line libyaml reports")
    func badYAML() {
        #expect(problems("bad-yaml") == [
            "bad-yaml/lesson.yaml:6: YAML syntax error: did not find expected '-' indicator (while parsing a block collection that starts at line 5)",
        ])
    }

    @Test("an unknown demo suggests the nearest demo name")
    func unknownDemo() {
        #expect(problems("unknown-demo") == [
            "unknown-demo/lesson.yaml:5: unknown demo 'convv'; did you mean 'conv'? (known demos: conv, geometry)",
        ])
    }

    @Test("demo values are judged by the demo, at the refused parameter's line; unknown parameters suggest the nearest")
    func badDemoValues() {
        #expect(problems("bad-demo-value") == [
            "bad-demo-value/lesson.yaml:7: the geometry demo refuses 'stride': must be a whole number of at least 1, found '0'",
            "bad-demo-value/lesson.yaml:11: the conv demo has no parameter 'strid'; did you mean 'stride'?",
        ])
    }

    @Test("without demos, a demo step's name and parameters are taken as written")
    func uncheckedDemos() throws {
        let course = try CourseLoader.loadCourse(from: FixturePaths.course("bad-demo-value"))
        let demo = course.lessons.first?.steps.compactMap { step -> DemoStep? in
            if case let .demo(demo) = step.content { return demo }
            return nil
        }.last
        #expect(demo == DemoStep(name: "conv", parameters: ["image": "edge", "strid": "2"], caption: nil))
    }

    @Test("a missing lesson folder, or a file given as one, is one problem naming the folder, not course.yaml")
    func missingFolder() throws {
        #expect(problems("no-such-course") == ["no-such-course: the lessons folder does not exist"])
        let file = CourseSource.directory(FixturePaths.fixtures.appendingPathComponent("valid/lesson.yaml"), displayPath: "valid/lesson.yaml")
        #expect(CourseChecker.check(file, demos: FixtureDemos.all).problems.map(\.description) == [
            "valid/lesson.yaml: is not a folder (a lessons folder holds course.yaml and the lesson files)",
        ])
    }
}
