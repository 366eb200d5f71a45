import Lessons
import TerminalUI

/// The whole interactive program as a value: a stack of screens, the `?` key list, the title
/// and status bars, and the rule for terminals that are too small. Pure: `update(event:)`
/// changes state and `render(into:)` draws, so tests drive an `App` with `Event`s and compare
/// the `Buffer`; only `AppRunner` connects it to a `Backend`. The one exception is lesson
/// progress: `.saveProgress` and `.resetAllProgress` are written through the library's injected
/// `ProgressStore` (tests give it a temporary folder).
///
/// Keys, in the order they are considered:
/// 1. Below `minimumWidth`×`minimumHeight` only `q` does anything (it quits); the screen shows
///    which size is needed until the terminal grows.
/// 2. While the key list is open, any key closes it.
/// 3. Ctrl-P, on every screen, writes the screen as text (`SCREEN-N.txt`, see `save`); a
///    screen with pictures worth keeping adds its own key that also writes them (draw's `w`).
///    Unless the current screen `capturesText`: `?` opens the key list, `q` and Esc go back
///    (on the bottom screen, home, they quit).
/// 4. Everything else goes to the current screen's `update`, and its effects are applied:
///    `.close` goes back, `.open` makes the demo through the `DemoCatalog` and pushes it (a
///    request that cannot be made shows its error in the status line), `.push` pushes the screen
///    it carries, `.openLesson` pushes a
///    `LessonPlayerScreen` for the library's lesson, `.saveProgress` and `.resetAllProgress`
///    update and save the library's progress and tell every screen (`progressChanged`),
///    `.writeFile` and `.startTraining` are performed at once (`App+Effects`) and their outcome
///    goes back to the screen that asked, `.quit` quits.
public struct App {
    /// The smallest terminal every screen is laid out for.
    public static let minimumWidth = 80
    public static let minimumHeight = 24
    /// The milliseconds a bare `.tick` event stands for: the run loop's input timeout.
    public static let tickMilliseconds = 100

    public let catalog: DemoCatalog
    public let context: AppContext
    /// The course and the saved progress; nil when the app runs without lessons.
    public private(set) var library: LessonLibrary?
    /// The screens, bottom first; never empty. The last one is shown and gets the keys.
    public private(set) var screens: [any Screen]
    /// Whether the `?` key list is drawn over the current screen.
    public private(set) var isShowingKeyList = false
    /// The last `.open` or save that failed, or the notice about an unusable progress file,
    /// shown in the status line until the next key.
    public internal(set) var statusError: String?
    /// What the last save wrote, shown in the status line until the next key.
    public internal(set) var statusNotice: String?
    /// The terminal's size in cells, as last reported.
    public private(set) var size: (width: Int, height: Int)

    /// An app whose bottom screen is `root`: going back from it quits.
    public init(
        root: any Screen, catalog: DemoCatalog = DemoCatalog(), library: LessonLibrary? = nil, context: AppContext = AppContext(),
        width: Int = minimumWidth, height: Int = minimumHeight
    ) {
        self.screens = [root]
        self.catalog = catalog
        self.library = library
        self.context = context
        self.size = (width, height)
        self.statusError = library?.notice
    }

    /// An app on the home screen, listing `lessons` and the library's lessons with their
    /// progress, then `catalog`'s demos.
    public static func home(
        catalog: DemoCatalog = DemoCatalog(), lessons: [HomeScreen.Entry] = [], library: LessonLibrary? = nil,
        context: AppContext = AppContext(), width: Int = minimumWidth, height: Int = minimumHeight
    ) -> App {
        App(
            root: HomeScreen(catalog: catalog, lessons: lessons, library: library, context: context), catalog: catalog,
            library: library, context: context, width: width, height: height)
    }

    /// An app that opens straight into the player for lesson `id` (for `convlab lesson ID`),
    /// so going back from it quits; nil when the library has no such lesson.
    public static func lesson(
        _ id: String, library: LessonLibrary, catalog: DemoCatalog = DemoCatalog(), context: AppContext = AppContext(),
        width: Int = minimumWidth, height: Int = minimumHeight
    ) -> App? {
        guard let player = makePlayer(id, library: library, catalog: catalog) else { return nil }
        return App(root: player, catalog: catalog, library: library, context: context, width: width, height: height)
    }

    private static func makePlayer(_ id: String, library: LessonLibrary, catalog: DemoCatalog) -> LessonPlayerScreen? {
        guard let lesson = library.lesson(id: id) else { return nil }
        let lessons = library.course.lessons
        let next = lessons.firstIndex { $0.id == id }.flatMap { lessons.indices.contains($0 + 1) ? lessons[$0 + 1] : nil }
        return LessonPlayerScreen(lesson: lesson, progress: library.progress[lessonID: id], availableDemos: catalog.names, nextLesson: next)
    }

    /// An app that opens straight into the demo `request` names (for `convlab demo NAME`), so
    /// going back from it quits.
    /// - Throws: the catalog's error for an unknown name or a refused parameter.
    public static func demo(
        _ request: DemoRequest, catalog: DemoCatalog = DemoCatalog(), context: AppContext = AppContext(),
        width: Int = minimumWidth, height: Int = minimumHeight
    ) throws(DemoCatalogError) -> App {
        App(root: try catalog.make(request, context: context), catalog: catalog, context: context, width: width, height: height)
    }

    /// The screen shown and receiving keys.
    public var currentScreen: any Screen { screens[screens.count - 1] }

    /// Whether the current screen is the bottom one, where back means quit.
    public var isAtRoot: Bool { screens.count == 1 }

    /// Whether the terminal is below the minimum size (only the size message is drawn).
    public var isTooSmall: Bool { size.width < Self.minimumWidth || size.height < Self.minimumHeight }

    /// The keys the app itself handles, listed after the screen's own.
    public var appKeyBindings: [KeyBinding] {
        [KeyBinding("?", "show or hide this key list"), KeyBinding("ctrl-p", "save this screen: text, pictures"),
         KeyBinding("q/Esc", isAtRoot ? "quit" : "back")]
    }

    /// What Ctrl-P names the current screen's text file: the demo's name (`conv-1.txt`), else
    /// `convlab-1.txt` for home and the lessons.
    var screenFileName: String {
        if let demo = currentScreen as? any DemoScreen { return type(of: demo).demoName }
        return "convlab"
    }

    public mutating func resize(width: Int, height: Int) {
        size = (max(width, 0), max(height, 0))
    }

    /// Applies one event. A bare `.tick` counts as `tickMilliseconds` of time.
    /// - Returns: false when the program should end.
    public mutating func update(event: Event) -> Bool {
        switch event {
        case .resize(let width, let height):
            resize(width: width, height: height)
            return true
        case .tick:
            return tick(milliseconds: Self.tickMilliseconds)
        case .key(let key):
            return press(key)
        }
    }

    /// Tells the current screen that `milliseconds` passed (it may animate or close).
    /// - Returns: false when the program should end.
    public mutating func tick(milliseconds: Int) -> Bool {
        apply(screens[screens.count - 1].update(.tick(milliseconds: milliseconds)))
    }

    private mutating func press(_ key: Key) -> Bool {
        if isTooSmall { return key != .character("q") }
        statusError = nil
        statusNotice = nil
        if isShowingKeyList {
            isShowingKeyList = false
            return true
        }
        if key == .control("p") {
            save(SavedView(name: screenFileName, pictures: (currentScreen as? any PictureSaving)?.savedPictures ?? []))
            return true
        }
        if !currentScreen.capturesText {
            switch key {
            case .character("?"):
                isShowingKeyList = true
                return true
            case .character("q"), .escape:
                return goBack()
            default:
                break
            }
        }
        return apply(screens[screens.count - 1].update(.key(Self.narrowed(key, toBodyOf: size))))
    }

    /// A mouse key with its area narrowed from the terminal to the screen's body (between the
    /// title bar and the status line), where the screen lays itself out; other keys unchanged.
    static func narrowed(_ key: Key, toBodyOf size: (width: Int, height: Int)) -> Key {
        guard case .mouse(var mouse) = key else { return key }
        mouse.area = bodyArea(width: size.width, height: size.height)
        return .mouse(mouse)
    }

    /// The rectangle a screen renders into on a terminal of this size.
    static func bodyArea(width: Int, height: Int) -> Rect {
        Rect(x: 0, y: 1, width: max(width, 0), height: max(height - 2, 0))
    }

    /// Applies effects in order; false as soon as one ends the program.
    private mutating func apply(_ effects: [Effect]) -> Bool {
        // Effects come from the current screen; an outcome goes back to it even if an earlier
        // effect in the list pushed another screen over it.
        let issuer = screens.count - 1
        for effect in effects {
            switch effect {
            case .writeFile, .startTraining, .startBackgroundJob:
                if let outcome = Self.perform(effect), screens.indices.contains(issuer) { screens[issuer].effectFinished(outcome) }
            case .close:
                guard goBack() else { return false }
            case .open(let request):
                open(request)
            case .push(let handle):
                screens.append(handle.screen)
                isShowingKeyList = false
                statusError = nil
            case .openLesson(let id):
                openLesson(id)
            case .continueWithLesson(let id):
                continueWithLesson(id)
            case .saveProgress(let lessonID, let progress):
                changeProgress { library throws(ProgressError) in try library.record(progress, lessonID: lessonID) }
            case .resetAllProgress:
                changeProgress { library throws(ProgressError) in try library.resetAll() }
            case .saveView(let view):
                save(view)
            case .quit:
                return false
            }
        }
        return true
    }

    /// Pops the current screen; false (quit) when it is the bottom one.
    private mutating func goBack() -> Bool {
        guard !isAtRoot else { return false }
        screens.removeLast()
        isShowingKeyList = false
        return true
    }

    /// Pushes the player for the library's lesson `id`, or says why it cannot.
    public mutating func openLesson(_ id: String) {
        guard let library else {
            statusError = "no course is loaded, so lesson '\(id)' cannot be opened"
            return
        }
        guard let player = Self.makePlayer(id, library: library, catalog: catalog) else {
            statusError = "the course has no lesson '\(id)'"
            return
        }
        screens.append(player)
        isShowingKeyList = false
        statusError = nil
    }

    /// Replaces the current screen with the player for lesson `id` (the next in the course).
    public mutating func continueWithLesson(_ id: String) {
        guard let library, let player = Self.makePlayer(id, library: library, catalog: catalog) else {
            statusError = "the course has no lesson '\(id)'"
            return
        }
        screens[screens.count - 1] = player
        isShowingKeyList = false
        statusError = nil
    }

    /// Applies `change` to the library (which saves), then tells every screen; a failed save
    /// shows in the status line and the progress stays in memory.
    private mutating func changeProgress(_ change: (inout LessonLibrary) throws(ProgressError) -> Void) {
        guard var library else { return }
        do {
            try change(&library)
        } catch {
            statusError = error.description
        }
        self.library = library
        for index in screens.indices { screens[index].progressChanged(library.progress) }
    }

    /// Pushes the demo `request` names, or shows why it cannot be made.
    public mutating func open(_ request: DemoRequest) {
        do {
            screens.append(try catalog.make(request, context: context))
            isShowingKeyList = false
            statusError = nil
        } catch {
            statusError = error.description
        }
    }
}
