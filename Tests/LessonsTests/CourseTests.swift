import Foundation
import Lessons
import Testing

@Suite("The real course")
struct CourseTests {
    // That `convlab lessons check` passes on lessons/ and the embedded copy, demo steps
    // included, is checked in ConvLabAppTests (CourseDemoStepTests), where the real demos are.

    @Test("the compiled-in copy equals lessons/ byte for byte (run lessons/embed.sh after editing)")
    func embeddedCopyIsCurrent() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: FixturePaths.repositoryLessons.path)
            .filter { $0.hasSuffix(".yaml") }.sorted()
        #expect(EmbeddedCourse.files.keys.sorted() == names)
        for name in names {
            let onDisk = try String(contentsOf: FixturePaths.repositoryLessons.appendingPathComponent(name), encoding: .utf8)
            #expect(EmbeddedCourse.files[name] == onDisk, "\(name) differs from its embedded copy; run lessons/embed.sh")
        }
    }

    @Test("every lesson has at least three exercises and a demo")
    func lessonShape() throws {
        let course = try CourseLoader.loadCourse(from: .embedded)
        for lesson in course.lessons {
            #expect(lesson.exercises.count >= 3, "\(lesson.id)")
            let demos = lesson.steps.compactMap { step -> DemoStep? in
                if case let .demo(demo) = step.content { return demo }
                return nil
            }
            #expect(!demos.isEmpty, "\(lesson.id)")
        }
    }

    @Test("the facts the notes rest on come out of the engine")
    func keyFacts() throws {
        let course = try CourseLoader.loadCourse(from: .embedded)
        func answer(_ lesson: String, _ exercise: String) throws -> String {
            let found = try #require(course.lesson(id: lesson)?.exercises.first { $0.id == exercise })
            return try found.prepared().expectedDisplay
        }
        #expect(try answer("mlp-limits", "trillion-weights") == "1,000,000,000,000")
        #expect(try answer("output-size", "seven-by-three") == "5×5 (H×W)")
        #expect(try answer("output-size", "stride-three") == "does not tile")
        #expect(try answer("conv-layers", "vgg-first-layer") == "1,792")
        #expect(try answer("pooling", "pool-vgg-block") == "112×112×64 (H×W×C)")
        #expect(try answer("vgg16", "total-parameters") == "138,357,544")
        #expect(try answer("vgg16", "flattened-length") == "25,088")
        #expect(try answer("receptive-fields", "two-threes") == "5")
    }
}

@Suite("LessonSession: what a lesson player drives")
struct LessonSessionTests {
    func lesson() throws -> Lesson {
        try #require(try CourseLoader.loadCourse(from: FixturePaths.course("valid")).lesson(id: "fixture"))
    }

    @Test("steps advance, hints reveal one at a time, answers are judged and recorded")
    func walkThrough() throws {
        var session = LessonSession(lesson: try lesson())
        #expect(session.stepIndex == 0)
        #expect(session.exercise == nil)
        let onText = session.submit("5")
        #expect(onText == nil)
        session.advance()
        session.advance()
        let exercise = try #require(session.exercise)
        #expect(exercise.exercise.id == "seven-by-three")
        let hints = [session.nextHint(), session.nextHint(), session.nextHint()]
        #expect(hints == ["Use (W − F + 2P)/S + 1.", "It is 7 − 3 + 1.", nil])
        #expect(session.visibleHints.count == 2)
        let unreadable = session.submit("five")
        #expect(unreadable?.verdict == .unreadable(expected: "a number like 1,792 or 0.25"))
        #expect(session.answeredCount == 0)
        let wrongFeedback = session.submit("6")
        let wrong = try #require(wrongFeedback)
        #expect(wrong.verdict == .incorrect)
        #expect(wrong.expected == "5")
        #expect(wrong.working == "(7 − 3 + 2·0)/1 + 1 = 5")
        #expect(session.progress.correctExercises.isEmpty)
        let right = session.submit("5")
        #expect(right?.isCorrect == true)
        #expect(session.progress.correctExercises == ["seven-by-three"])
        #expect(session.progress.finishedStep == 1)
    }

    @Test("a retry of a parametric exercise draws the next attempt's numbers")
    func retry() throws {
        var session = LessonSession(lesson: try lesson(), stepIndex: 3)
        let first = try #require(session.exercise)
        var seen: Set<[String: Int]> = [first.values]
        for round in 1...6 {
            session.retry()
            let next = try #require(session.exercise)
            #expect(next.attempt == first.attempt + round)
            #expect(next.expected == .number(Double(try #require(next.values["size"]) - 2)))
            seen.insert(next.values)
        }
        #expect(seen.count > 1)
    }

    @Test("advancing past the last step marks the lesson done; a new session resumes after the finished step")
    func doneAndResume() throws {
        let lesson = try lesson()
        var session = LessonSession(lesson: lesson)
        while session.advance() {}
        #expect(session.progress.done)
        #expect(session.progress.finishedStep == lesson.steps.count - 1)
        let resumed = LessonSession(lesson: lesson, progress: LessonProgress(finishedStep: 1))
        #expect(resumed.stepIndex == 2)
    }
}

@Suite("lessons/README.md")
struct ReadmeExampleTests {
    /// Every exercise the README shows, not only the complete lesson, is checked under the
    /// rules `lessons check` applies, so an example cannot teach authors a file that fails.
    @Test("the README's example lesson and every exercise example check clean")
    func examplesCheck() throws {
        let readme = try String(contentsOf: FixturePaths.repositoryLessons.appendingPathComponent("README.md"), encoding: .utf8)
        let blocks = readme.components(separatedBy: "```yaml\n").dropFirst().map { $0.components(separatedBy: "```")[0] }
        let lesson = try #require(blocks.first { $0.hasPrefix("id: output-size") })
        let extras = blocks.filter { $0.drop(while: { $0 == " " }).hasPrefix("- exercise:") }
        // first-layer-weights, output-size-any, halve-fifty-six, predict-stride-two, bias-gradient-input,
        // first-layer-parameters.
        #expect(extras.count == 6)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("convlab-readme-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data((lesson + extras.joined()).utf8).write(to: folder.appendingPathComponent("lesson.yaml"))
        try Data("format: 1\ntitle: README\nlessons:\n  - lesson.yaml\n".utf8).write(to: folder.appendingPathComponent("course.yaml"))
        let report = CourseChecker.check(.directory(folder, displayPath: "readme"), demos: FixtureDemos.all)
        #expect(report.problems.map(\.description) == [])
        #expect(report.exerciseCount == 10)
    }
}
