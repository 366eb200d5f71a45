import Lessons
import Testing
@testable import ConvLabApp

/// The course's demo steps against the demos this build really has: a lesson must never offer
/// a demo that refuses its parameters. Lessons checks steps against its own list of known
/// demos (`Lessons.DemoCatalog`); this suite checks that list's use against the screens.
@Suite("Course demo steps open in the real demo catalog")
struct CourseDemoStepTests {
    /// Demos lessons already name whose screens are being built; a step naming one of these is
    /// allowed until the screen is registered; from then on the catalog is asked first, so the
    /// step is checked like the others whether or not its name is still listed here.
    static let plannedDemos: Set<String> = ["activations", "kernels", "sharing", "receptive", "backprop", "vgg16", "arch", "dense", "shift"]

    static func demoSteps() throws -> [(lesson: String, step: DemoStep)] {
        let course = try CourseLoader.loadCourse(from: .embedded)
        return course.lessons.flatMap { lesson in
            lesson.steps.compactMap { step -> (String, DemoStep)? in
                if case let .demo(demo) = step.content { return (lesson.id, demo) }
                return nil
            }
        }
    }

    @Test("every demo step opens with its parameters, or names a planned demo")
    func everyDemoStepOpens() throws {
        let catalog = DemoCatalog()
        let steps = try Self.demoSteps()
        #expect(steps.count >= 10)
        var opened = 0
        for (lesson, step) in steps {
            guard catalog.demo(named: step.name) != nil else {
                #expect(Self.plannedDemos.contains(step.name), "\(lesson): demo '\(step.name)' is neither in the catalog nor planned")
                continue
            }
            do {
                try catalog.validate(DemoRequest(name: step.name, parameters: step.parameters), context: AppContext())
                opened += 1
            } catch {
                Issue.record("\(lesson): demo step '\(step.name)' \(step.parameters) is refused: \(error)")
            }
        }
        // conv, geometry and pool steps exist in the course, so some steps really opened.
        #expect(opened >= 5)
    }

    @Test("every parameter a course demo step passes is in that demo's parameterHelp")
    func parametersAreDocumented() throws {
        let catalog = DemoCatalog()
        for (lesson, step) in try Self.demoSteps() {
            guard let demo = catalog.demo(named: step.name) else { continue }
            // parameterHelp keys read like `image NAME`: the first word is the parameter.
            let documented = Set(demo.parameterHelp.compactMap { $0.keys.split(separator: " ").first.map(String.init) })
            for name in step.parameters.keys.sorted() {
                #expect(documented.contains(name), "\(lesson): \(step.name) takes no parameter '\(name)' (it takes \(documented.sorted()))")
            }
        }
    }

    @Test("Lessons' list of known parameters agrees with the real conv, geometry and pool demos")
    func knownParametersAgree() {
        let catalog = DemoCatalog()
        for demo in catalog.demos {
            guard let known = Lessons.DemoCatalog.demo(named: demo.demoName) else { continue }
            let documented = Set(demo.parameterHelp.compactMap { $0.keys.split(separator: " ").first.map(String.init) })
            for parameter in known.parameters {
                #expect(documented.contains(parameter.name), "Lessons lets \(demo.demoName) take '\(parameter.name)', which the demo does not")
            }
        }
    }
}
