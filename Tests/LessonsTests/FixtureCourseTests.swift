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
