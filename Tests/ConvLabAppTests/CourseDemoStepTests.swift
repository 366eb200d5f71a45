import Foundation
import Lessons
import Testing
@testable import ConvLabApp

/// The course's demo steps against the demos this build really has. Lessons keeps no list of
/// demos; `convlab lessons check` passes it `DemoCatalog().lessonDemos()`, built from the
/// screens themselves, and this suite checks that list and the course against each other.
@Suite("Course demo steps open in the real demo catalog")
struct CourseDemoStepTests {
    /// The repository's `lessons/` folder.
    static let repositoryLessons = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("lessons")

    static func demoSteps() throws -> [(lesson: String, step: DemoStep)] {
        let course = try CourseLoader.loadCourse(from: .embedded)
        return course.lessons.flatMap { lesson in
            lesson.steps.compactMap { step -> (String, DemoStep)? in
                if case let .demo(demo) = step.content { return (lesson.id, demo) }
                return nil
            }
        }
    }

    @Test("lessons check with the real demos passes on lessons/ and on the embedded copy")
    func checkPasses() {
        let demos = DemoCatalog().lessonDemos()
        let folder = CourseChecker.check(.directory(Self.repositoryLessons, displayPath: "lessons"), demos: demos)
        #expect(folder.problems.map(\.description) == [])
        #expect(folder.lessonCount >= 12)
        let embedded = CourseChecker.check(.embedded, demos: demos)
        #expect(embedded.problems.map(\.description) == [])
        #expect(embedded.summary == folder.summary)
    }

    @Test("every demo step of the course opens in the real catalog with its parameters")
    func everyDemoStepOpens() throws {
        let catalog = DemoCatalog()
        let steps = try Self.demoSteps()
        #expect(steps.count >= 14)
        var opened = 0
        for (lesson, step) in steps {
            guard catalog.demo(named: step.name) != nil else {
                Issue.record("\(lesson): demo '\(step.name)' is not in the catalog")
                continue
            }
            do {
                try catalog.validate(DemoRequest(name: step.name, parameters: step.parameters), context: AppContext())
                opened += 1
            } catch {
                Issue.record("\(lesson): demo step '\(step.name)' \(step.parameters) is refused: \(error)")
            }
        }
        #expect(opened == steps.count)
        #expect(opened >= 15)
        #expect(Set(catalog.names).subtracting(steps.map(\.step.name)) == [], "every demo is linked from a lesson")
    }

    @Test("the lesson demos are the catalog's, with parameterHelp's parameter names")
    func descriptionsMirrorCatalog() {
        let catalog = DemoCatalog()
        let descriptions = DemoCatalog().lessonDemos()
        #expect(descriptions.map(\.name) == catalog.names)
        let shift = descriptions.first { $0.name == "shift" }
        #expect(shift?.parameters.contains("fill") == true)
        let sharing = descriptions.first { $0.name == "sharing" }
        #expect(sharing?.parameters == ["inputs", "bandwidth", "shared", "side", "channels", "kernel", "filters"])
        #expect(descriptions.contains { $0.name == "arch" })
    }

    /// The start of the tutor loads the built-in course with names only (no demo built); that
    /// must keep every name, parameter and goal state, and give the course `lessonDemos()` gives.
    @Test("the names-only descriptions load the built-in course as the full ones do")
    func namesOnlyLoadTheSameCourse() throws {
        let catalog = DemoCatalog()
        let full = catalog.lessonDemos(), names = catalog.lessonDemoNames()
        #expect(names.map(\.name) == full.map(\.name))
        #expect(names.map(\.parameters) == full.map(\.parameters))
        #expect(names.map(\.goalStates) == full.map(\.goalStates))
        #expect(names.contains { !$0.goalStates.isEmpty })
        let quick = try CourseLoader.loadCourse(from: .embedded, demos: names)
        let checked = try CourseLoader.loadCourse(from: .embedded, demos: full)
        func demoSteps(_ course: Course) -> [DemoStep] {
            course.lessons.flatMap { lesson in
                lesson.steps.compactMap { step -> DemoStep? in
                    guard case let .demo(demo) = step.content else { return nil }
                    return demo
                }
            }
        }
        #expect(quick.lessons.map(\.id) == checked.lessons.map(\.id))
        #expect(demoSteps(quick) == demoSteps(checked))
        #expect(demoSteps(quick).count >= 14)
    }

    @Test("a description validates by making the screen: a refused value comes back as the screen's DemoParameterError")
    func validationCallsTheScreen() throws {
        let sharing = try #require(DemoCatalog().lessonDemos().first { $0.name == "sharing" })
        #expect(sharing.validate(["side": "1000", "channels": "3"]) == nil)
        let expected: DemoDescription.Problem
        do {
            _ = try WeightSharingScreen(parameters: ["bandwidth": "4"], context: AppContext())
            Issue.record("bandwidth 4 was accepted")
            return
        } catch {
            expected = DemoDescription.Problem(parameter: error.parameter, message: error.message)
        }
        #expect(sharing.validate(["bandwidth": "4"]) == expected)
        #expect(expected.parameter == "bandwidth")
    }

    @Test("a lesson naming a real demo with a value its screen refuses fails the check at that line")
    func refusedValueFailsCheck() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("convlab-demo-steps-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let lesson = """
            id: demo-values
            title: Demo values
            summary: One refused value.
            steps:
              - demo: sharing
                caption: fine
                bandwidth: 4
              - demo: dense
                image: digit

            """
        try Data(lesson.utf8).write(to: folder.appendingPathComponent("lesson.yaml"))
        try Data("format: 1\ntitle: T\nlessons:\n  - lesson.yaml\n".utf8).write(to: folder.appendingPathComponent("course.yaml"))
        let problems = CourseChecker.check(.directory(folder, displayPath: "t"), demos: DemoCatalog().lessonDemos()).problems.map(\.description)
        #expect(problems.count == 2)
        #expect(problems.first?.hasPrefix("t/lesson.yaml:7: the sharing demo refuses 'bandwidth': ") == true)
        let takes = (DemoCatalog.parameterNames(of: DenseScreen.self) + ["caption"]).joined(separator: ", ")
        #expect(takes.hasPrefix("seed, stride, "))
        #expect(problems.last == "t/lesson.yaml:9: the dense demo has no parameter 'image' (it takes \(takes))")
    }

    /// The lessons check draws each step it accepts: the receptive stacks that trapped the
    /// player now build and draw at both check sizes, and a kernels step whose image cannot be
    /// read is refused at its image parameter.
    @Test("lessons check builds and draws every demo step at 80×24 and 200×60")
    func checkBuildsAndDrawsEachStep() throws {
        let receptive = try #require(DemoCatalog().lessonDemos().first { $0.name == "receptive" })
        for values in [["layers": "6", "kernel": "3", "stride": "2"], ["layers": "5", "kernel": "3", "stride": "3"], ["layers": "3", "kernel": "7", "stride": "3"]] {
            #expect(receptive.validate(values) == nil, "\(values)")
            let frames = try DemoCatalog().buildAndRender(DemoRequest(name: "receptive", parameters: values))
            #expect(frames.map(\.width) == [80, 200])
            #expect(frames.map(\.height) == [24, 60])
            #expect(frames[0].trimmedLines[0].contains("Receptive field: \(values["layers"]!) layers"))
        }
        let kernels = try #require(DemoCatalog().lessonDemos().first { $0.name == "kernels" })
        let problem = kernels.validate(["image": "/nonexistent/folder/picture.pgm"])
        #expect(problem?.parameter == "image")
        #expect(problem?.message.contains("picture.pgm") == true)
        #expect(throws: DemoCatalogError.self) {
            try DemoCatalog().buildAndRender(DemoRequest(name: "receptive", parameters: ["layers": "7"]))
        }
    }
}
