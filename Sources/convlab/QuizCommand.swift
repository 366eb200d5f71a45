import ArgumentParser
import ConvEngine
import Foundation
import Lessons

/// `convlab quiz LESSON --plain`: the lesson's exercises on standard input and output, for
/// scripts, screen readers and terminals without curses.
struct QuizCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quiz",
        abstract: "Answer a lesson's exercises in plain text.",
        discussion: """
            Each exercise is printed with what form of answer it takes; type one answer per line. \
            Each answer gets the same feedback as in the lesson player: a wrong one says what slip \
            it looks like and how many tries are left (three per exercise; an answer that cannot \
            be read costs none), and after the last the answer is shown. Type 'hint' for the next \
            hint, 'show' to see the answer (it then earns no credit) or 'skip' to move on. End of \
            input ends the quiz with a score line. Correct answers are saved to your progress \
            ($XDG_STATE_HOME/convlab/progress.json), and shown answers as revealed.
            """)

    @Argument(help: "The lesson's id (see 'convlab lessons list').") var lesson: String
    @Flag(help: "Plain standard input and output, no curses.") var plain = false
    // Unconditional, so `--attempt -3` is read as a value and refused for what it is,
    // not reported as a missing value followed by an unknown option.
    @Option(parsing: .unconditional, help: ArgumentHelp(
        "Which set of numbers parametric exercises use (0 is the first, at most \(Limits.attempt)).",
        valueName: "n"))
    var attempt = 0
    @OptionGroup var options: CourseOptions

    func run() throws {
        guard plain else { throw LessonsCommandError.needsPlain }
        let attempt = try Limits.check(self.attempt, "--attempt", in: 0...Limits.attempt)
        let course = try options.loadCourse()
        guard let lesson = course.lesson(id: lesson) else {
            let known = course.lessons.map(\.id)
            throw LessonsCommandError.unknownLesson(self.lesson, known: known, suggestion: NearestWord.suggestion(for: self.lesson, among: known))
        }
        let store = options.progressStore
        let load = options.loadProgress(from: store)
        var saver = QuizProgressSaver(store: store, load: load) { warning in
            FileHandle.standardError.write(Data("convlab: \(warning)\n".utf8))
        }
        var quiz = PlainQuiz(lesson: lesson, progress: load.progress[lessonID: lesson.id], attempt: attempt)
        quiz.run(
            readLine: { Swift.readLine(strippingNewline: true) },
            write: { print($0) },
            save: { saver.save($0, lessonID: lesson.id) })
        if let reason = saver.notSaved { throw LessonsCommandError.progressNotSaved(reason: reason) }
    }
}

/// Saves the quiz's progress after each answer. The first failure is told once (not once
/// per answer) and ends the saving; `notSaved` then makes the command fail at the end, so a
/// script sees that the answers were lost.
struct QuizProgressSaver {
    let store: ProgressStore
    private var progress: CourseProgress
    /// Why progress is not being saved, once it is not.
    private(set) var notSaved: String?
    let warn: (String) -> Void

    /// A load that may not be saved over (a newer or read-only file, already reported by
    /// its notice) starts as not saved.
    init(store: ProgressStore, load: ProgressLoad, warn: @escaping (String) -> Void) {
        self.store = store
        self.progress = load.progress
        self.notSaved = load.canSave ? nil : (load.notice ?? "the progress file must be kept as it is")
        self.warn = warn
    }

    mutating func save(_ lessonProgress: LessonProgress, lessonID: String) {
        guard notSaved == nil else { return }
        progress[lessonID: lessonID] = lessonProgress
        do { try store.save(progress) } catch {
            notSaved = error.description
            warn("\(error); answers from here on are not saved")
        }
    }
}

/// The plain quiz loop over a `LessonSession`, with its input and output injected so tests can
/// drive it. Exercises only: text and demo steps belong to the interactive player.
struct PlainQuiz {
    private var session: LessonSession
    private let exerciseSteps: [Int]

    /// Every exercise starts on `attempt`, drawn directly in constant time.
    init(lesson: Lesson, progress: LessonProgress, attempt: Int) {
        session = LessonSession(lesson: lesson, progress: progress, stepIndex: 0, attempt: attempt)
        exerciseSteps = lesson.steps.indices.filter { index in
            if case .exercise = lesson.steps[index].content { return true }
            return false
        }
    }

    mutating func run(readLine: () -> String?, write: (String) -> Void, save: (LessonProgress) -> Void) {
        let lesson = session.lesson
        write("\(lesson.title): \(exerciseSteps.count) exercise\(exerciseSteps.count == 1 ? "" : "s"), \(LessonSession.triesPerExercise) tries each. Type an answer per line, 'hint' for a hint, 'show' for the answer, 'skip' to move on.")
        var finished = true
        exercises: for (number, index) in exerciseSteps.enumerated() {
            session.jump(to: index)
            write("")
            guard let exercise = session.exercise else {
                write("[\(number + 1)/\(exerciseSteps.count)] cannot be asked: \(session.preparationProblem.map(\.description) ?? "no exercise")")
                continue
            }
            write("[\(number + 1)/\(exerciseSteps.count)] \(exercise.prompt)")
            for line in exercise.kind.detailLines { write(line) }
            write("(answer with \(AnswerChecker.expectedForm(exercise.kind)))")
            if let demo = exercise.exercise.then { write(LessonSession.predictFirstText(demo: demo.name)) }
            while session.isExerciseOpen {
                guard let line = readLine() else {
                    finished = false
                    break exercises
                }
                let command = line.trimmingCharacters(in: .whitespaces).lowercased()
                switch command {
                case "":
                    continue
                case "hint":
                    let total = exercise.hints.count
                    if let hint = session.nextHint() {
                        write("hint \(session.revealedHints)/\(total): \(hint)")
                    } else {
                        write(total == 0 ? "no hints for this one" : "no more hints; 'show' shows the answer")
                    }
                    continue
                case "show":
                    session.revealAnswer()
                    for shown in Feedback.shown(exercise) { write(shown.text) }
                    save(session.progress)
                    continue
                case "skip":
                    write("skipped")
                    break
                default:
                    guard let feedback = session.submit(line) else { break }
                    for feedbackLine in feedback.lines { write(feedbackLine.text) }
                    if case .unreadable = feedback.verdict { continue }
                    for remark in exercise.remarks(on: line) { write("  · \(remark)") }
                    save(session.progress)
                    continue
                }
                break
            }
            // The demo shows the answer: offered once the learner has committed (answered, or
            // the answer shown and recorded as revealed), never after a skip, as in the player.
            if let demo = exercise.exercise.then, !session.isExerciseOpen {
                write("now see it: \(demo.command)\(demo.caption.map { " (\($0))" } ?? "")")
            }
        }
        if finished { session.finishQuiz() }
        save(session.progress)
        write("")
        let suffix = finished ? "" : " (input ended early)"
        write("Score: \(session.correctCount)/\(exerciseSteps.count) correct\(suffix)")
    }
}
