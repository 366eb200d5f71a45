import ArgumentParser
import Foundation
import ConvLabApp
import Lessons

/// Where the course and the progress come from, shared by `lessons` and `quiz`.
///
/// The course is compiled into the binary, so `swift run convlab` and an installed binary both
/// have it; `--lessons DIR` or `$CONVLAB_LESSONS` point at a folder instead (an author trying
/// edits). Progress lives under `$XDG_STATE_HOME/convlab/`.
struct CourseOptions: ParsableArguments {
    @Option(name: .customLong("lessons"), help: ArgumentHelp(
        "A lessons folder to use instead of the built-in course (default: $CONVLAB_LESSONS, else built in).",
        valueName: "dir"))
    var lessonsDirectory: String?

    var environment: [String: String] { ProcessInfo.processInfo.environment }

    var source: CourseSource { CourseSource.resolve(option: lessonsDirectory, environment: environment) }

    var progressStore: ProgressStore {
        ProgressStore(directory: ProgressStore.defaultDirectory(environment: environment))
    }

    /// The course, or a one-line error naming the first problem. A lessons folder's demo
    /// steps are checked against the app's real demo screens, as `convlab lessons check`
    /// checks them, so an author sees a refused step at once; the built-in course's steps are
    /// checked that way by `lessons check` and the tests, so loading it only checks names and
    /// does not build every demo before the first frame.
    func loadCourse() throws -> Course {
        let source = source
        let demos: [DemoDescription]
        if case .embedded = source { demos = DemoCatalog().lessonDemoNames() } else { demos = DemoCatalog().lessonDemos() }
        switch CourseLoader.load(from: source, demos: demos) {
        case let .success(course): return course
        case let .failure(problems): throw LessonsCommandError.brokenCourse(problems.problems)
        }
    }

    /// The course with the saved progress, for the interactive player. A notice about an
    /// unusable progress file goes to standard error too, where it stays readable after the
    /// full-screen interface ends (the status line shows it once, cut to the terminal's width).
    func loadLibrary(course: Course) -> LessonLibrary {
        let library = LessonLibrary(course: course, store: progressStore)
        if let notice = library.notice { FileHandle.standardError.write(Data("convlab: \(notice)\n".utf8)) }
        return library
    }

    /// The saved progress, read through `store` (the store that will save it, so its save
    /// merges only what changed since this load); a notice about an unusable file goes to
    /// standard error.
    func loadProgress(from store: ProgressStore? = nil) -> ProgressLoad {
        let load = (store ?? progressStore).load()
        if let notice = load.notice { FileHandle.standardError.write(Data("convlab: \(notice)\n".utf8)) }
        return load
    }
}

/// Errors of the lessons and quiz commands, one line each; the wording lives here.
enum LessonsCommandError: Error, CustomStringConvertible {
    case brokenCourse([LessonProblem])
    case unknownLesson(String, known: [String], suggestion: String?)
    case needsPlain
    case exportNeedsJSON
    case progressNotSaved(reason: String)

    var description: String {
        switch self {
        case let .brokenCourse(problems):
            let first = problems.first.map(\.description) ?? "the course could not be loaded"
            let more = problems.count > 1 ? " (and \(problems.count - 1) more; run 'convlab lessons check')" : ""
            return first + more
        case let .unknownLesson(id, known, suggestion):
            let list = known.joined(separator: ", ")
            guard let suggestion else { return "unknown lesson '\(id)'; the lessons are: \(list)" }
            return "unknown lesson '\(id)'; did you mean '\(suggestion)'? The lessons are: \(list)"
        case .needsPlain:
            return "the quiz runs in plain text with --plain (the interactive player comes with 'convlab lesson')"
        case .exportNeedsJSON:
            return "export writes JSON: add --json"
        case let .progressNotSaved(reason):
            return "progress was not saved: \(reason)"
        }
    }
}
