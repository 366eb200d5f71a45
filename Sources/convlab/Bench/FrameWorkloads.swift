import ConvLabApp
import Foundation
import Lessons
import TerminalUI

/// The interface's cost in `convlab bench --tsv`: how long one frame of each screen takes to
/// draw into the in-memory buffer, and how long the tutor takes from launch to its first frame.
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

    /// Median milliseconds from launching the tutor to its first frame, over `repeats`
    /// launches after one untimed warm-up launch: what a learner waits for after typing
    /// `convlab`. Each launch is a new process of this binary (`convlab bench
    /// --first-frame-probe`, `firstFrameProbe`), timed from just before it is spawned until its
    /// line arrives on the pipe, so loading the binary and its libraries, starting the Swift
    /// runtime, parsing arguments, loading the built-in course, reading the (empty) progress,
    /// building the home screen and drawing its first 200×60 frame into memory are all in it.
    /// Opening curses and writing to the terminal are left out, as in the frame times.
    static func firstFrameMilliseconds(repeats: Int) throws -> Double {
        let binary = try convlabBinary()
        var failure: CommandError?
        let seconds = BenchTiming.medianOfRuns(repeats: repeats) {
            do throws(CommandError) { return try launchSeconds(binary) } catch {
                failure = error
                return 0
            }
        }
        if let failure { throw failure }
        return seconds * 1000
    }

    /// This binary when it is `convlab`; else (the test runner) the `convlab` built beside it.
    private static func convlabBinary() throws(CommandError) -> URL {
        guard let running = Bundle.main.executableURL else { throw .firstFrameLaunch("this process's binary is unknown") }
        if running.lastPathComponent == "convlab" { return running }
        let sibling = running.deletingLastPathComponent().appendingPathComponent("convlab")
        guard FileManager.default.isExecutableFile(atPath: sibling.path) else {
            throw .firstFrameLaunch("there is no convlab binary beside \(running.lastPathComponent)")
        }
        return sibling
    }

    /// The line the probe prints once its frame is drawn.
    static let probeLine = "first frame drawn"

    /// One launch of `binary` as the probe: seconds from spawning to the probe's line.
    private static func launchSeconds(_ binary: URL) throws(CommandError) -> Double {
        let process = Process()
        process.executableURL = binary
        process.arguments = ["bench", "--first-frame-probe"]
        let output = Pipe()
        process.standardOutput = output
        let clock = ContinuousClock()
        let start = clock.now
        do { try process.run() } catch { throw .firstFrameLaunch("\(error.localizedDescription)") }
        // The probe prints only after drawing, so the first bytes mark the frame; the pipe
        // returns them as soon as they are written.
        let firstBytes = output.fileHandleForReading.availableData
        let elapsed = clock.now - start
        let rest = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: firstBytes + rest, as: UTF8.self)
        guard process.terminationStatus == 0, text.hasPrefix(probeLine) else {
            throw .firstFrameLaunch("it did not draw its first frame (exit status \(process.terminationStatus))")
        }
        return BenchTiming.seconds(elapsed)
    }

    /// The child's side of `first_frame`: what `convlab` without a subcommand does before
    /// curses starts, then the first 200×60 frame drawn into memory, then `probeLine`.
    static func firstFrameProbe() throws {
        var app = try homeApp()
        app.resize(width: width, height: height)
        var buffer = Buffer(width: width, height: height)
        app.render(into: &buffer)
        BenchTiming.keep(Float(buffer.width))
        FileHandle.standardOutput.write(Data((probeLine + "\n").utf8))
    }

    /// A progress store in a folder that does not exist, so every run starts from no progress
    /// (nothing is written: only answering an exercise saves).
    private static func emptyProgressStore() -> ProgressStore {
        ProgressStore(directory: FileManager.default.temporaryDirectory.appendingPathComponent("convlab-bench-\(UUID().uuidString)"))
    }
}
