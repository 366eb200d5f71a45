import ConvLabApp
import Foundation
import Lessons
import TerminalUI

/// The interface's cost in `convlab bench --tsv`: how long one frame of each screen takes to
/// draw into the in-memory buffer, and how long the tutor takes from start to its first frame.
/// Terminal output is left out on purpose: it depends on the terminal emulator, not on ConvLab.
enum FrameWorkloads {
    /// The frame size measured: a large terminal, where heatmaps and tables are widest.
    static let width = 200
    static let height = 60

    /// Median milliseconds to draw one 200×60 frame of `app` (a fresh buffer each time, as the
    /// run loop makes one per frame), after one warm-up frame.
    static func frameMilliseconds(_ app: App, repeats: Int) -> Double {
        var app = app
        app.resize(width: width, height: height)
        var sink = 0
        let seconds = BenchTiming.medianSeconds(repeats: repeats, timing: {
            var buffer = Buffer(width: width, height: height)
            app.render(into: &buffer)
            sink &+= buffer.width
        })
        BenchTiming.keep(Float(sink))
        return seconds * 1000
    }

    /// The demo `name` opened without parameters, as `convlab demo NAME` opens it.
    static func demoApp(named name: String) throws -> App {
        do {
            return try App.demo(DemoRequest(name: name))
        } catch {
            throw CommandError.demo(error)
        }
    }

    /// The home screen with the course, as `convlab` without a subcommand opens it.
    static func homeApp() throws -> App {
        let course = try CourseOptions.parse([]).loadCourse()
        return App.home(library: LessonLibrary(course: course, store: emptyProgressStore()))
    }

    /// Milliseconds from nothing to the first frame of the tutor's home screen, measured once
    /// in this process before any other workload: what `convlab` without a subcommand does
    /// after its arguments are parsed and before curses draws, that is loading and checking
    /// the built-in course, reading the progress, building the home screen and drawing its
    /// first 200×60 frame into memory. Cold within the process (the course is parsed and every
    /// type used for the first time) but not for the process itself: loading the binary and
    /// starting the runtime happen before any Swift code can read a clock, and opening curses
    /// and writing to the terminal are left out like in the frame times.
    static func firstFrameMilliseconds() throws -> Double {
        let clock = ContinuousClock()
        let start = clock.now
        var app = try homeApp()
        app.resize(width: width, height: height)
        var buffer = Buffer(width: width, height: height)
        app.render(into: &buffer)
        let elapsed = clock.now - start
        BenchTiming.keep(Float(buffer.width))
        return BenchTiming.seconds(elapsed) * 1000
    }

    /// A progress store in a folder that does not exist, so every run starts from no progress
    /// (nothing is written: only answering an exercise saves).
    private static func emptyProgressStore() -> ProgressStore {
        ProgressStore(directory: FileManager.default.temporaryDirectory.appendingPathComponent("convlab-bench-\(UUID().uuidString)"))
    }
}
