import Lessons
import TerminalUI

/// Plays one lesson: its text, demo and exercise steps in order, over a `LessonSession` (which
/// judges answers, reveals hints and keeps the lesson's progress). The player itself only adds
/// what a terminal needs: the answer field, scrolling, the reset question, and the effects
/// that open demos and save progress.
///
/// Keys:
/// - `→`/`n` next step, `←`/`b` previous; PageUp/PageDown (and `↑`/`↓`) scroll long text.
/// - A demo step: Enter opens the demo with the step's parameters; back returns here.
/// - An exercise step: the answer field takes the keys on arrival (`capturesText`), Enter
///   submits and Esc leaves the field; Enter, Tab, `i` or a digit starts typing again. `h`
///   shows the next hint, `s` shows the answer (no credit then); `r` asks again (new numbers
///   for a parametric exercise). Answers are graded by `LessonSession`, exactly as in
///   `quiz --plain`: the same feedback, the same tries, and an unreadable answer costs none.
/// - `x` starts the lesson again after a y/n question.
/// - At the end of the lesson Enter opens the next lesson of the course.
///
/// Progress is sent as `.saveProgress` after every judged answer and every step change, and
/// the lesson resumes after the furthest finished step (`LessonSession`'s rule).
struct LessonPlayerScreen: Screen {
    private(set) var session: LessonSession
    /// The demos this build can open (nil: assume all); a demo step naming another one says it
    /// is not available instead of offering Enter.
    let availableDemos: [String]?
    /// The answer being typed, or the last one submitted.
    private(set) var input = ""
    /// True while the answer field takes the keys.
    private(set) var isEditing = false
    /// True once the answer is shown: asked for (`s`) or after the last try.
    var isShowingAnswer: Bool { session.isAnswerShown }
    /// The lesson after this one in the course, which Enter opens at the end.
    let nextLesson: Lesson?
    /// True while the "start again? y/n" question is open.
    private(set) var isConfirmingReset = false
    /// True after moving past the last step: the summary card shows.
    private(set) var isFinished = false
    /// Wrapped lines hidden above the text area.
    private(set) var scrollOffset = 0
    /// One line about what the last key did; cleared by the next key.
    private(set) var message = ""

    /// Lines PageUp and PageDown move.
    static let pageLines = 10

    init(lesson: Lesson, progress: LessonProgress = LessonProgress(), availableDemos: [String]? = nil, nextLesson: Lesson? = nil) {
        session = LessonSession(lesson: lesson, progress: progress)
        self.availableDemos = availableDemos
        self.nextLesson = nextLesson
        enterStep()
    }

    var lesson: Lesson { session.lesson }

    var title: String { "Lesson: \(lesson.title)" }

    var capturesText: Bool { isEditing || isConfirmingReset }

    /// Whether the current exercise still takes answers: prepared, and neither answered
    /// correctly nor given up on.
    var isExerciseOpen: Bool { !isFinished && session.isExerciseOpen }

    /// The demo the current step opens, when it is a demo step.
    var demoRequest: DemoRequest? {
        if let then = revealedDemo { return DemoRequest(name: then.name, parameters: then.parameters, goal: then.goal) }
        guard !isFinished, case let .demo(step)? = session.currentStep?.content else { return nil }
        return DemoRequest(name: step.name, parameters: step.parameters, goal: step.goal)
    }

    /// Whether this build has the demo `request` names.
    func canOpen(_ request: DemoRequest) -> Bool { availableDemos?.contains(request.name) ?? true }

    /// What the keys do; the help and `update` both come from `keyMap`.
    enum KeyAction: Sendable {
        case next, previous, scroll(Int), page(Int), enter, answer, hint, showAnswer, askAgain, askReset
    }

    /// The keys of the step on screen: enter's meaning and the exercise keys depend on it.
    var keyMap: KeyMap<KeyAction> {
        var entries: [KeyMap<KeyAction>.Entry] = []
        if isExerciseOpen {
            entries.append(.init([.enter], "answer", .enter))
        } else if let demoRequest, canOpen(demoRequest) {
            entries.append(.init([.enter], "open the demo", .enter))
        } else if isFinished, nextLesson != nil {
            entries.append(.init([.enter], "open the next lesson", .enter))
        }
        entries += [
            .init([.right], "next step", .next, aliases: [.character("n")]),
            .init([.left], "previous step", .previous),
        ]
        if isExerciseOpen {
            entries += [.init([.character("h")], "hint", .hint), .init([.character("s")], "show the answer", .showAnswer)]
        }
        if session.exercise != nil { entries.append(.init([.character("r")], "ask again", .askAgain)) }
        entries += [
            .init(
                presses: [(.pageUp, .page(-1)), (.pageDown, .page(1))], "scroll",
                aliases: [(.character(" "), .page(1)), (.up, .scroll(-1)), (.down, .scroll(1))]),
            .init([.character("x")], "start the lesson again", .askReset),
        ]
        // Unlisted: enter on a step with nothing to open (it opens the answer field if there is
        // one), and tab, which opens the answer field wherever there is one.
        return KeyMap(entries + [.init(presses: [], "", aliases: [(.enter, .enter), (.tab, .answer)])])
    }

    /// While the reset question is open: y starts again, any other key keeps going.
    static let confirmationKeyMap = KeyMap<Bool>([
        .init([.character("y")], "start the lesson again", true, aliases: [.character("Y")]),
        .init([.character("n")], "keep going", false),
    ])

    /// While the answer field is open every other key is typed.
    static let editingKeyMap = KeyMap<Bool>([
        .init([.enter], "submit", true),
        .init([.escape], "leave the field", false, aliases: [.tab]),
    ])

    var keyBindings: [KeyBinding] {
        if isConfirmingReset { return Self.confirmationKeyMap.bindings }
        if isEditing { return Self.editingKeyMap.bindings }
        return keyMap.bindings
    }

    var statusLine: String { status.text }

    /// While typing, how to finish stays on the line, even beside a message about the last
    /// answer ("expected a number like 1,792 · Enter submits, Esc leaves the field").
    var status: StatusLine {
        if isConfirmingReset { return StatusLine("Start this lesson again and forget its progress? y/n") }
        if isEditing {
            let howToFinish = "Enter submits, Esc leaves the field"
            if message.isEmpty { return StatusLine([StatusLine.Part("typing", .useful), StatusLine.Part(howToFinish, .essential, joiner: ": ")]) }
            return StatusLine(StatusLine.message(message) + [StatusLine.Part(howToFinish, .essential)])
        }
        if !message.isEmpty { return StatusLine(StatusLine.message(message)) }
        if isFinished { return StatusLine("lesson finished") }
        return StatusLine("step \(session.stepIndex + 1) of \(lesson.steps.count)")
    }

    // MARK: update

    mutating func update(_ message: Message) -> [Effect] {
        guard case .key(let key) = message else { return [] }
        self.message = ""
        if isConfirmingReset { return answerReset(key) }
        if isEditing { return edit(key) }
        guard let action = keyMap.action(for: key) else {
            if case let .character(character) = key, Self.startsAnAnswer(character) { startEditing(with: String(character)) }
            return []
        }
        switch action {
        case .next: return next()
        case .previous: return previous()
        case .page(let direction): scroll(by: direction * Self.pageLines)
        case .scroll(let lines): scroll(by: lines)
        case .enter:
            if isFinished, let nextLesson { return [save, .continueWithLesson(nextLesson.id)] }
            if let demoRequest {
                guard canOpen(demoRequest) else {
                    self.message = "the \(demoRequest.name) demo is not in this build yet"
                    return []
                }
                return [.open(demoRequest)]
            }
            startEditing(with: "")
        case .answer: startEditing(with: "")
        case .hint: showHint()
        case .showAnswer: return showAnswerAndSave()
        case .askAgain: askAgain()
        case .askReset: isConfirmingReset = true
        }
        return []
    }

    /// Characters that begin typing an answer when pressed outside the field: digits and signs.
    static func startsAnAnswer(_ character: Character) -> Bool {
        character.isNumber || "-−.(".contains(character)
    }

    private mutating func edit(_ key: Key) -> [Effect] {
        switch Self.editingKeyMap.action(for: key) {
        case true?: return submit()
        case false?: isEditing = false
        case nil: break
        }
        switch key {
        case .backspace, .delete: if !input.isEmpty { input.removeLast() }
        case .control("u"): input = ""
        case .character(let character): input.append(character)
        default: break
        }
        return []
    }

    private mutating func submit() -> [Effect] {
        guard let feedback = session.submit(input) else {
            isEditing = false
            return []
        }
        if case let .unreadable(expected) = feedback.verdict {
            message = FeedbackWording.unreadable(expected)
            return []
        }
        isEditing = false
        followEnd()
        return [save]
    }

    private mutating func startEditing(with text: String) {
        guard isExerciseOpen else { return }
        input = text
        isEditing = true
        followEnd()
    }

    private mutating func showHint() {
        guard isExerciseOpen, let exercise = session.exercise else { return }
        if session.nextHint() == nil {
            message = exercise.hints.isEmpty ? "this exercise has no hints" : "no more hints; s shows the answer"
        }
        followEnd()
    }

    /// `s`: the answer shows, and is saved as revealed (it earns no credit).
    private mutating func showAnswerAndSave() -> [Effect] {
        guard isExerciseOpen else { return [] }
        session.revealAnswer()
        isEditing = false
        followEnd()
        return [save]
    }

    private mutating func askAgain() {
        guard !isFinished, session.exercise != nil else { return }
        let parametric = session.exercise?.exercise.variation != nil
        session.retry()
        enterStep()
        message = parametric ? "new numbers" : "asked again"
    }

    private mutating func next() -> [Effect] {
        guard !isFinished else { return [] }
        if !session.advance() {
            isFinished = true
            isEditing = false
            scrollOffset = 0
        } else {
            enterStep()
        }
        return [save]
    }

    private mutating func previous() -> [Effect] {
        if isFinished {
            isFinished = false
        } else {
            guard session.stepIndex > 0 else { return [] }
            session.goBack()
        }
        enterStep()
        return [save]
    }

    private mutating func answerReset(_ key: Key) -> [Effect] {
        isConfirmingReset = false
        guard Self.confirmationKeyMap.action(for: key) == true else {
            message = "progress kept"
            return []
        }
        session = LessonSession(lesson: lesson, progress: LessonProgress(), stepIndex: 0)
        isFinished = false
        enterStep()
        message = "lesson started again"
        return [save]
    }

    /// Fresh state for the step the session is on: the field open on an exercise.
    private mutating func enterStep() {
        input = ""
        scrollOffset = 0
        isEditing = isExerciseOpen
    }

    private var save: Effect { .saveProgress(lessonID: lesson.id, session.progress) }

    // MARK: scrolling

    /// The largest useful offset at the minimum terminal size. Screens are not told their size
    /// before rendering, so scrolling is bounded for 80×24, where long text needs it most;
    /// rendering clamps again for the real size, where the text is never longer.
    private var maximumScrollOffset: Int {
        let layout = Self.layout(in: Rect(x: 0, y: 1, width: App.minimumWidth, height: App.minimumHeight - 2))
        let count = contentLines(width: layout.text.width).count
        return max(count - Self.visibleLines(of: count, height: layout.text.height), 0)
    }

    /// Rows of text shown when the text has `count` lines: one row goes to the "more" note
    /// when it does not fit.
    static func visibleLines(of count: Int, height: Int) -> Int {
        count > height ? max(height - 1, 0) : height
    }

    private mutating func scroll(by lines: Int) {
        scrollOffset = min(max(scrollOffset + lines, 0), maximumScrollOffset)
    }

    /// Scrolls so the newest feedback (at the end of the step) is in view.
    private mutating func followEnd() {
        scrollOffset = maximumScrollOffset
    }
}
