import ConvEngine
import Foundation
import Lessons
import Testing
import TerminalUI
import TestSupport
@testable import ConvLabApp

/// Every screen a learner can reach, drawn in the app's frame into memory at the smallest size
/// (80×24) and a large one (200×60), compared with the text files in
/// `__Snapshots__/GoldenScreenTests/`; and drawn at 0×0 and 1×1, which must not crash.
///
/// Regenerate after an intended change with
/// `CONVLAB_RECORD_SNAPSHOTS=1 swift test --filter GoldenScreenTests` (see `TextSnapshot`).
///
/// Every screen is deterministic: the demos open with their defaults and no clock tick (the
/// dense demo's net and the dashboard's run are the exceptions, each brought to a fixed step
/// without reading the clock), and the course is the built-in one with no saved progress.
@Suite("GoldenScreenTests")
struct GoldenScreenTests {
    /// The sizes each screen is recorded at.
    static let sizes: [(width: Int, height: Int)] = [(80, 24), (200, 60)]

    /// Every catalog demo but the dashboard, which gets a fixed run below.
    static let demoNames = DemoCatalog().names.filter { $0 != TrainingDashboardScreen.demoName }

    /// The screens of the course: home, a lesson's first page and its first exercise.
    static let courseScreens = ["home", "lesson", "quiz"]

    // MARK: making the screens

    static func builtInCourse() throws -> Course {
        try CourseLoader.loadCourse(from: .embedded, demos: DemoCatalog().lessonDemos())
    }

    /// The course screen `name` in an app of its own.
    static func courseApp(_ name: String) throws -> App {
        let course = try builtInCourse()
        let library = LessonLibrary(course: course)
        switch name {
        case "home":
            return App.home(library: library)
        default:
            let first = try #require(course.lessons.first)
            var player = LessonPlayerScreen(lesson: first, availableDemos: DemoCatalog().names)
            if name == "quiz" {
                // Step forward to the lesson's first exercise.
                for _ in first.steps.indices {
                    if case .exercise? = player.session.currentStep?.content { break }
                    _ = player.update(.key(.right))
                }
                guard case .exercise? = player.session.currentStep?.content else {
                    throw SnapshotSetupError.noExercise(lesson: first.id)
                }
            }
            return App(root: player, library: library)
        }
    }

    /// The dense demo after its whole (small) training run: 200 windows, so the class map and
    /// the boxes are on screen.
    static func trainedDenseApp(context: AppContext) throws -> App {
        var screen = try DenseScreen(parameters: ["examples": "200"], context: context)
        while screen.classMap == nil { _ = screen.update(.tick(milliseconds: 100)) }
        return App(root: screen, context: context)
    }

    /// The dashboard halfway through a run that trains nothing: its snapshot is fixed.
    static func dashboardApp(context: AppContext) throws -> App {
        let factory = FakeRunFactory(shape: TrainingDashboardScreenTests.midRun)
        var screen = TrainingDashboardScreen(setup: try TrainingDashboardScreenTests.setup(), context: context, makeRun: { factory.make($0) })
        _ = screen.updatePerformingEffects(.tick(milliseconds: 100))
        return App(root: screen, context: context)
    }

    static func frame(_ app: App, width: Int, height: Int) -> Buffer {
        var app = app
        app.resize(width: width, height: height)
        var buffer = Buffer(width: width, height: height)
        app.render(into: &buffer)
        return buffer
    }

    /// Records or compares `app` at both sizes, and draws its screen alone at 0×0 and 1×1.
    static func check(_ app: App, named name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        for size in sizes {
            TextSnapshot.expect(frame(app, width: size.width, height: size.height), named: "\(name).\(size.width)x\(size.height)",
                                sourceLocation: sourceLocation)
        }
        for side in [0, 1] {
            var buffer = Buffer(width: side, height: side)
            app.currentScreen.render(into: &buffer, area: buffer.area)
            #expect(buffer.width == side)
            _ = frame(app, width: side, height: side)
        }
    }

    enum SnapshotSetupError: Error {
        case noExercise(lesson: String)
    }

    // MARK: tests

    @Test("every demo at 80×24 and 200×60 matches its snapshot", arguments: demoNames)
    func demo(name: String) throws {
        Self.check(try App.demo(Self.request(name)), named: name)
    }

    @Test("every demo with NO_COLOR at 80×24 matches its snapshot", arguments: demoNames)
    func demoWithoutColor(name: String) throws {
        let context = AppContext(colorCapability: .none)
        TextSnapshot.expect(Self.frame(try App.demo(Self.request(name), context: context), width: 80, height: 24),
                            named: "\(name).nocolor.80x24")
    }

    @Test("the dense demo, trained, and the dashboard at a fixed step match their snapshots")
    func trainedScreens() throws {
        Self.check(try Self.trainedDenseApp(context: AppContext()), named: "dense-trained")
        Self.check(try Self.dashboardApp(context: AppContext()), named: "train")
        TextSnapshot.expect(Self.frame(try Self.dashboardApp(context: AppContext(colorCapability: .none)), width: 80, height: 24),
                            named: "train.nocolor.80x24")
    }

    @Test("the course screens match their snapshots", arguments: courseScreens)
    func course(name: String) throws {
        Self.check(try Self.courseApp(name), named: name)
    }

    /// The demo as a snapshot opens it: the draw demo on its built-in network, since by default
    /// it opens on a network trained earlier in the same process (another test's).
    static func request(_ name: String) -> DemoRequest {
        name == "draw" ? DemoRequest(name: name, parameters: ["network": "builtin"]) : DemoRequest(name: name)
    }

    /// Every screen above by name: the demos, the trained ones and the course.
    static let everyScreen = demoNames + ["dense-trained", "train"] + courseScreens

    static func app(named name: String, context: AppContext = AppContext()) throws -> App {
        switch name {
        case "dense-trained": return try trainedDenseApp(context: context)
        case "train": return try dashboardApp(context: context)
        case _ where courseScreens.contains(name): return try courseApp(name)
        default: return try App.demo(Self.request(name), context: context)
        }
    }

    /// A word is cut when a write stopped at its clip between two letters or digits: the
    /// renderer records each such place (`Buffer.wordCuts`) and the ones still visible after
    /// the frame is drawn fail here, with the row they are on. Text shortened on purpose ends
    /// in "…" and cuts nothing; heat-map shades and box rules are not letters or digits.
    @Test("no screen at 80×24 cuts a word or number mid-way", arguments: everyScreen)
    func noWordCut(name: String) throws {
        for context in [AppContext(), AppContext(colorCapability: .none)] {
            let buffer = Self.frame(try Self.app(named: name, context: context), width: 80, height: 24)
            let lines = buffer.lines
            for cut in buffer.visibleWordCuts {
                Issue.record("\(name): row \(cut.y) is cut after column \(cut.x) ('\(cut.written)' then '\(cut.dropped)' dropped): |\(lines[cut.y])|")
            }
        }
    }

    /// The file names the tests above compare with, so a screen that is renamed or removed
    /// leaves no file behind: recording deletes the others, comparing fails on them.
    static var expectedSnapshotNames: Set<String> {
        var names = Set<String>()
        for name in everyScreen {
            for size in sizes { names.insert("\(name).\(size.width)x\(size.height).txt") }
        }
        for name in demoNames + ["train"] { names.insert("\(name).nocolor.80x24.txt") }
        return names
    }

    @Test("every snapshot file belongs to a screen")
    func noStaleSnapshots() throws {
        let folder = TextSnapshot.url(named: "any", filePath: #filePath).deletingLastPathComponent()
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".txt") }
        let stale = Set(files).subtracting(Self.expectedSnapshotNames)
        if TextSnapshot.isRecording {
            for name in stale { try FileManager.default.removeItem(at: folder.appendingPathComponent(name)) }
        } else {
            #expect(stale.isEmpty, "snapshots of no screen: \(stale.sorted()); \(TextSnapshot.recordCommand) removes them")
        }
    }
}
