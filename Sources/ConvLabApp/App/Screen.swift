import ConvEngine
import Lessons
import TerminalUI

/// One screen of the app, in the Model–Update–View shape: state, `update(_:) -> [Effect]`, and
/// a pure `render(into:area:)`. Screens never touch the terminal and never compute a
/// convolution themselves; they ask ConvEngine. Tests drive a screen by sending messages and
/// comparing the rendered buffer's lines.
///
/// Work that touches files or starts threads is not done in `update`: the screen returns it as
/// an effect (`.writeFile`, `.startTraining`, `.startBackgroundJob`), the app performs it
/// right after `update`, and hands any outcome back to the same screen through `effectFinished(_:)`, a method rather than
/// a `Message` case so screens that ask for no such work need no code. A test of a screen
/// checks the effect it returns and touches no file; a test of the app checks the work.
public protocol Screen {
    /// Shown in the title bar.
    var title: String { get }
    /// Every key the screen handles, in the order the `?` overlay lists them. The app adds its
    /// own (`?` help, `q`/Esc back) after these.
    var keyBindings: [KeyBinding] { get }
    /// True while the screen is taking typed input (an edit field): the app then passes `q`,
    /// `?` and Esc to the screen instead of acting on them.
    var capturesText: Bool { get }
    /// One line for the status bar (position, mode, what just happened); empty for none.
    var statusLine: String { get }
    /// The status line in ranked parts, which the app fits beside the key bar by dropping
    /// whole parts (`StatusLine`); by default `statusLine` as one essential part.
    var status: StatusLine { get }

    /// Reacts to a key or a clock tick and says what the app should do next.
    mutating func update(_ message: Message) -> [Effect]
    /// Draws the screen's body into `area` (the app draws the title and status bars).
    func render(into buffer: inout Buffer, area: Rect)
    /// The saved lesson progress changed (an answer was saved, a lesson or everything was
    /// reset); screens that show progress, like the home screen's lesson list, redraw from it.
    /// A hook rather than a `Message` case so screens that show no progress need no code.
    mutating func progressChanged(_ progress: CourseProgress)
    /// The app performed a `.writeFile` or `.startTraining` this screen returned: what came of it.
    mutating func effectFinished(_ outcome: EffectOutcome)
}

extension Screen {
    public var capturesText: Bool { false }
    public var statusLine: String { "" }
    public var status: StatusLine { StatusLine(statusLine) }
    public mutating func progressChanged(_ progress: CourseProgress) {}
    public mutating func effectFinished(_ outcome: EffectOutcome) {}
}

/// What a screen receives.
public enum Message: Hashable, Sendable {
    case key(Key)
    /// Time passed; sent about ten times a second so animations (play mode) can advance.
    case tick(milliseconds: Int)
}

/// What a screen asks the app to do.
public enum Effect: Hashable, Sendable {
    /// Go back to the previous screen (home quits).
    case close
    /// Open a demo on top of this screen; back returns here.
    case open(DemoRequest)
    /// Open `screen`, made by this one, on top of it; back returns here. For what no
    /// `DemoRequest` can name: the network a dashboard is training, one unit of it.
    case push(ScreenHandle)
    /// Open the lesson player for the course's lesson `id` on top of this screen.
    ///
    /// A lesson is not a `DemoRequest`: a demo is made from its parameters alone, while a
    /// player needs the course and the saved progress, which the app's `LessonLibrary` owns.
    /// A separate effect keeps the demo catalog a registry of demo screens only, and lets the
    /// app refuse it (with a status line) when no course is loaded.
    case openLesson(String)
    /// Replace this screen (a finished lesson) with the player for the course's lesson `id`,
    /// so the course reads as a path and back still returns to home.
    case continueWithLesson(String)
    /// Record `progress` for lesson `lessonID` and save it (atomically, through the app's
    /// `ProgressStore`); sent after every answer and step change.
    case saveProgress(lessonID: String, LessonProgress)
    /// Forget the progress of every lesson and save that.
    case resetAllProgress
    /// Save the screen as plain text and `SavedView`'s pictures as PGM/PPM, under the first
    /// free number (`draw-1.txt`, `draw-1-canvas.pgm`, …); the status line names the files or
    /// says why they could not be written.
    case saveView(SavedView)
    /// Write a file the screen made (a checkpoint, a command line), replacing it in one step;
    /// the screen hears `.fileWritten` or `.fileNotWritten`.
    case writeFile(FileWrite)
    /// Start a training session's next step on its own thread: drawing its data, or, once
    /// the data is there, the training run; the screen hears `.trainingStarted`.
    case startTraining(TrainingLaunch)
    /// Start engine work on its own thread (a ranking, a measurement); the screen polls for
    /// its result, so nothing is handed back.
    case startBackgroundJob(BackgroundJob)
    /// Leave the program.
    case quit
}

/// A file for the app to write (`Effect.writeFile`).
public struct FileWrite: Hashable, Sendable {
    public enum Contents: Hashable, Sendable {
        /// UTF-8 text.
        case text(String)
        /// Named tensors as an `.npz` archive (a checkpoint's state dictionary).
        case tensorArchive([String: Tensor])
    }

    /// Where to write, as the learner gave it (relative to the current folder or absolute).
    public var path: String
    public var contents: Contents

    public init(path: String, contents: Contents) {
        self.path = path
        self.contents = contents
    }
}

/// What came of an effect the app performed for a screen (`Screen.effectFinished`).
public enum EffectOutcome: Hashable, Sendable {
    /// `write` was written; `path` is where, absolute.
    case fileWritten(FileWrite, path: String)
    /// `write` failed; `reason` is one line naming the file and why.
    case fileNotWritten(FileWrite, reason: String)
    /// The launch's next step has started.
    case trainingStarted(TrainingLaunch)
}

/// A screen handed from one screen to the app by `Effect.push`; two handles are equal only
/// when they are the same handle.
///
/// `@unchecked Sendable`: effects are made and applied on the UI thread, so the screen inside
/// never crosses a thread; the conformance only lets `Effect` stay `Sendable`.
public final class ScreenHandle: Hashable, @unchecked Sendable {
    public let screen: any Screen

    public init(_ screen: any Screen) { self.screen = screen }

    public static func == (left: ScreenHandle, right: ScreenHandle) -> Bool { left === right }
    public func hash(into hasher: inout Hasher) { hasher.combine(ObjectIdentifier(self)) }
}

/// A key and what it does, for the `?` overlay and the key-help bar.
public struct KeyBinding: Hashable, Sendable {
    /// How the key is written for the learner: `→`, `space`, `+/-`.
    public var keys: String
    public var action: String

    public init(_ keys: String, _ action: String) {
        self.keys = keys
        self.action = action
    }
}

/// A demo to open, by name, with preset parameters: from the home screen (no parameters), from
/// `convlab demo NAME --option value`, or from a lesson step.
public struct DemoRequest: Hashable, Sendable {
    public var name: String
    public var parameters: [String: String]
    /// A lesson step's task, kept on screen over the demo (`DemoGoalScreen`).
    public var goal: DemoGoal?

    public init(name: String, parameters: [String: String] = [:], goal: DemoGoal? = nil) {
        self.name = name
        self.parameters = parameters
        self.goal = goal
    }
}

/// What every screen may need from its surroundings, fixed when it is made.
public struct AppContext: Sendable {
    /// What colours the terminal can show; heatmaps fall back to shades (`ColorMap.asciiShade`) at `.none`.
    public var colorCapability: ColorCapability
    /// Where `s` saves what a screen shows when the screen names no folder; nil for the
    /// current folder. Tests point it at a temporary folder.
    public var saveFolder: String?

    public init(colorCapability: ColorCapability = .full256, saveFolder: String? = nil) {
        self.colorCapability = colorCapability
        self.saveFolder = saveFolder
    }
}

/// A screen that can be opened by name with parameters.
public protocol DemoScreen: Screen {
    /// The name used by `convlab demo NAME` and lesson files.
    static var demoName: String { get }
    /// One line for the home screen's list.
    static var summary: String { get }
    /// The title the demo shows when opened without parameters, declared so that the home
    /// screen and `convlab demo --list` can list a demo without building it (some build
    /// datasets or networks); a test checks it against the title of the screen itself.
    static var defaultTitle: String { get }
    /// The parameters `init(parameters:context:)` understands, with their help text, for
    /// `convlab demo NAME --help`-style listings and lesson validation.
    static var parameterHelp: [KeyBinding] { get }
    /// Makes the screen; a parameter that is unknown or out of range throws with its name.
    init(parameters: [String: String], context: AppContext) throws(DemoParameterError)
}

/// A demo parameter that could not be used: which one, and what was expected.
public struct DemoParameterError: Error, Hashable, Sendable, CustomStringConvertible {
    public var parameter: String
    public var message: String

    public init(parameter: String, message: String) {
        self.parameter = parameter
        self.message = message
    }

    public var description: String { "\(parameter): \(message)" }
}
