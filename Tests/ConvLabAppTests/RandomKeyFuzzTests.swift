import ConvEngine
import Foundation
import Lessons
import Testing
import TerminalUI
@testable import ConvLabApp

/// Random keys, resizes and clock ticks, seeded, against every demo and the course screens,
/// through the in-memory backend with a frame drawn after every event: no input may trap.
///
/// Each event goes to the app, which draws at the backend's size (0×0, 20×5, 80×24, 200×60 or
/// a random size, changed by resize events); the current screen is also drawn directly at
/// 0×0, 1×1, 20×5 or 40×12 in turn, areas the app's size guard would keep from it.
/// Quitting (q, Esc at the root) starts a fresh app and the keys go on.
@Suite("Random keys on every screen")
struct RandomKeyFuzzTests {
    static let sizes: [(width: Int, height: Int)] = [(0, 0), (20, 5), (80, 24), (200, 60)]
    /// Areas below the app's minimum, where screens are drawn directly.
    static let smallSizes: [(width: Int, height: Int)] = [(0, 0), (1, 1), (20, 5), (40, 12)]

    /// Where `w` in the dashboard writes its checkpoint during the test, never the working folder.
    static let checkpointPath = FileManager.default.temporaryDirectory
        .appendingPathComponent("convlab-fuzz-\(ProcessInfo.processInfo.processIdentifier).npz").path

    /// Small settings for the demos that train, so a few hundred events stay within seconds.
    static let lightParameters: [String: [String: String]] = [
        "train": ["train-size": "64", "test-size": "16", "epochs": "1", "batch": "16", "save": checkpointPath],
        "dense": ["examples": "\(DenseDetectionExperiment.examplesRange.lowerBound)"],
        "network": ["epochs": "1"],
    ]
    /// Demos that train a network in the app: fewer events, and no quitting (each fresh start
    /// draws its digits again).
    static let trainingDemos: Set<String> = ["train", "shift", "dense", "network"]

    /// Events per demo, so each run takes a few seconds in a debug build: the stepper and the
    /// kernel gallery compute a convolution for every frame.
    static func eventCount(for name: String) -> Int {
        switch name {
        case "train", "shift", "dense", "network": 100
        case "conv": 400
        case "kernels", "pool": 1_000
        default: 2_000
        }
    }

    static var demoNames: [String] { DemoCatalog.demos.map { $0.demoName } }

    @Test("every demo takes random keys at every size", arguments: demoNames)
    func demoTakesRandomKeys(name: String) throws {
        let request = DemoRequest(name: name, parameters: Self.lightParameters[name] ?? [:])
        defer { try? FileManager.default.removeItem(atPath: Self.checkpointPath) }
        let events = Self.eventCount(for: name)
        let seed = name.utf8.reduce(UInt64(0)) { $0 &* 31 &+ UInt64($1) }
        let report = try Self.drive(events: events, seed: seed, allowQuit: !Self.trainingDemos.contains(name)) {
            try App.demo(request, context: AppContext(colorCapability: .full256))
        }
        #expect(report.frames == events)
        #expect(report.nonBlankLargeFrames > 0, "no frame at 80×24 or more showed anything")
    }

    /// The home screen with the embedded course, from which Enter opens lessons and the light
    /// demos (the catalog leaves out the ones that train, which have their own run above).
    @Test("the home screen and the lessons it opens take random keys")
    func homeTakesRandomKeys() throws {
        let course = try CourseLoader.loadCourse(from: .embedded)
        let catalog = DemoCatalog(demos: DemoCatalog.demos.filter { !Self.trainingDemos.contains($0.demoName) })
        let report = try Self.drive(events: 3_000, seed: 11) {
            App.home(catalog: catalog, library: LessonLibrary(course: course), context: AppContext(colorCapability: .full256))
        }
        #expect(report.frames == 3_000)
        #expect(report.nonBlankLargeFrames > 0)
        #expect(report.restarts > 0, "q or Esc never reached the root: the keys were not random enough")
    }

    /// The lesson player on every lesson of the embedded course, typing answers at random.
    @Test("the lesson player takes random keys on every lesson")
    func lessonPlayerTakesRandomKeys() throws {
        let course = try CourseLoader.loadCourse(from: .embedded)
        let catalog = DemoCatalog(demos: DemoCatalog.demos.filter { !Self.trainingDemos.contains($0.demoName) })
        let library = LessonLibrary(course: course)
        #expect(course.lessons.count >= 12)
        for (index, lesson) in course.lessons.enumerated() {
            let report = try Self.drive(events: 1_000, seed: 100 + UInt64(index)) {
                guard let app = App.lesson(lesson.id, library: library, catalog: catalog, context: AppContext(colorCapability: .full256)) else {
                    throw FuzzFailure.noLesson(lesson.id)
                }
                return app
            }
            #expect(report.frames == 1_000, "\(lesson.id)")
        }
    }

    enum FuzzFailure: Error { case noLesson(String) }

    struct Report {
        var frames = 0
        var restarts = 0
        var nonBlankLargeFrames = 0
    }

    /// Sends `events` seeded random events to the app `makeApp` builds (again after each quit),
    /// drawing a frame after every one.
    static func drive(events: Int, seed: UInt64, allowQuit: Bool = true, makeApp: () throws -> App) throws -> Report {
        var random = RandomEvents(seed: seed)
        let backend = MemoryBackend(width: 80, height: 24)
        var app = try makeApp()
        app.resize(width: backend.size.width, height: backend.size.height)
        var report = Report()
        for index in 0..<events {
            backend.enqueue(random.next(allowQuit: allowQuit))
            guard let event = backend.readEvent(timeoutMilliseconds: 0) else { break }
            if !app.update(event: event) {
                app = try makeApp()
                app.resize(width: backend.size.width, height: backend.size.height)
                report.restarts += 1
            }
            var frame = backend.makeBuffer()
            app.render(into: &frame)
            backend.draw(frame)
            report.frames += 1
            if index % 10 == 0, frame.width >= App.minimumWidth, frame.height >= App.minimumHeight,
               frame.cells.contains(where: { $0.character != " " }) {
                report.nonBlankLargeFrames += 1
            }
            // Below the app's minimum only its size message is drawn; the screen itself meets
            // these areas when a layout gives it a small panel.
            let size = smallSizes[index % smallSizes.count]
            var direct = Buffer(width: size.width, height: size.height)
            app.currentScreen.render(into: &direct, area: direct.area)
        }
        return report
    }
}

/// Seeded events: the keys screens handle and random printable characters, arrows, Home/End,
/// Enter, Esc, resizes and clock ticks.
struct RandomEvents {
    var generator: SeededGenerator

    init(seed: UInt64) { generator = SeededGenerator(seed: seed) }

    static let namedKeys: [Key] = [
        .up, .down, .left, .right, .home, .end, .pageUp, .pageDown, .enter, .escape, .backspace, .tab, .backTab,
        .delete, .function(1), .function(12), .control("l"), .control("d"), .control("u"),
    ]
    /// Every printable ASCII character (all the letter, digit and symbol keys the screens
    /// bind) and a few beyond it.
    static let characters: [Character] = (32...126).map { Character(Unicode.Scalar($0)!) } + ["é", "×", "−", "█", "😀"]

    /// - Parameter allowQuit: false turns q and Esc (which quit at the root) into a tick.
    mutating func next(allowQuit: Bool = true) -> Event {
        let event = nextEvent()
        guard !allowQuit, event == .key(.character("q")) || event == .key(.escape) else { return event }
        return .tick
    }

    private mutating func nextEvent() -> Event {
        let roll = generator.nextInt(below: 100)
        switch roll {
        case 0..<45:
            return .key(.character(Self.characters[generator.nextInt(below: Self.characters.count)]))
        case 45..<85:
            return .key(Self.namedKeys[generator.nextInt(below: Self.namedKeys.count)])
        case 85..<93:
            return .tick
        case 93..<98:
            let size = RandomKeyFuzzTests.sizes[generator.nextInt(below: RandomKeyFuzzTests.sizes.count)]
            return .resize(width: size.width, height: size.height)
        default:
            return .resize(width: generator.nextInt(below: 260), height: generator.nextInt(below: 90))
        }
    }
}
