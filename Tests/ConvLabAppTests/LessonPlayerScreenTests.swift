import Foundation
import Lessons
import Testing
import TerminalUI
import TestSupport
@testable import ConvLabApp

@Suite("LessonPlayerScreen")
struct LessonPlayerScreenTests {
    typealias Player = LessonPlayerScreen

    @Test("at 80×22 a text step shows the header, the track, emphasis in bold and the list with bullets")
    func textStepRendering() {
        let player = Player(lesson: TestLesson.lesson)
        let buffer = player.body()
        expectLines(buffer, [
            "  Step 1 of 4 · reading                                    ▣□□□  exercises 0/2",
            "",
            "  A 3×3 kernel on a 7×7 image gives a 5×5 output.",
            "",
            "  • padding adds rings of zeros",
            "  • stride skips positions",
        ] + Array(repeating: "", count: 16))
        // "5×5" (columns 38–40 of row 2) is the emphasised run, and nothing else on the row.
        #expect(buffer.styleMask { $0.bold }[2] == String(repeating: ".", count: 38) + "###" + String(repeating: ".", count: 39))
        #expect(player.statusLine == "step 1 of 4")
    }

    @Test("→ (or n) and ← move between steps, clamped at the start; past the last step the summary shows")
    func navigation() {
        var player = Player(lesson: TestLesson.lesson)
        _ = player.press(.left)
        #expect(player.session.stepIndex == 0)
        _ = player.press(.right)
        #expect(player.session.stepIndex == 1)
        _ = player.press(.character("n"))
        #expect(player.session.stepIndex == 2)
        #expect(player.isEditing)
        _ = player.press(.escape, .left)
        #expect(player.session.stepIndex == 1)
        _ = player.press(.right, .escape, .right, .escape, .right)
        #expect(player.isFinished)
        #expect(player.session.progress.done)
        #expect(player.body().trimmedLines[2] == "  ✓ Lesson finished: Output sizes")
        _ = player.press(.left)
        #expect(!player.isFinished)
        #expect(player.session.stepIndex == 3)
    }

    @Test("a wrong answer says not yet and offers a hint; h reveals hints one at a time; the right one shows the explanation")
    func wrongHintRight() {
        var player = Player(lesson: TestLesson.lesson, progress: LessonProgress(finishedStep: 1))
        #expect(player.session.stepIndex == 2)
        #expect(player.isEditing && player.capturesText)
        _ = player.type("4x4")
        let wrongEffects = player.press(.enter)
        #expect(!player.isEditing)
        #expect(wrongEffects == [.saveProgress(lessonID: "sizes", LessonProgress(finishedStep: 1))])
        expectLines(player.body(), [
            "  Step 3 of 4 · exercise                                   ■■▣□  exercises 0/2",
            "",
            "  Exercise 1 of 2",
            "  A 7×7 image, a 3×3 kernel, stride 1. What size is the output?",
            "",
            "  Answer with a shape like 5x5, or 112x112x64 for height×width×channels:",
            "  › 4x4",
            "",
            "  ✗ Not yet.",
            "  2 tries left; a hint may help.",
            "  Press h for a hint, Enter to try again, or s to show the answer.",
        ] + Array(repeating: "", count: 11))
        _ = player.press(.character("h"))
        #expect(player.session.visibleHints == ["Count the positions along one row."])
        _ = player.press(.character("h"))
        #expect(player.session.visibleHints.count == 2)
        _ = player.press(.character("h"))
        #expect(player.message == "no more hints; s shows the answer")
        // A digit starts a new answer in the field.
        _ = player.type("5x5")
        #expect(player.isEditing && player.input == "5x5")
        let rightEffects = player.press(.enter)
        #expect(player.session.feedback?.isCorrect == true)
        #expect(rightEffects == [.saveProgress(lessonID: "sizes", LessonProgress(finishedStep: 1, correctExercises: ["seven"]))])
        let lines = player.body().trimmedLines
        #expect(Array(lines[8...14]) == [
            "  Hint 1 of 2: Count the positions along one row.",
            "  Hint 2 of 2: 7 − 3 + 1",
            "",
            "  ✓ Correct: 5×5 (H×W).",
            "  7 − 3 + 1 = 5 along each axis.",
            "",
            "  r asks again, → goes to the next step.",
        ])
        #expect(lines[0].hasSuffix("exercises 1/2"))
    }

    @Test("an unreadable answer keeps the field open and says what form to use; s shows the answer without counting it")
    func unreadableAndShowAnswer() {
        var player = Player(lesson: TestLesson.lesson, progress: LessonProgress(finishedStep: 2))
        #expect(player.session.stepIndex == 3)
        _ = player.type("zebra")
        #expect(player.press(.enter) == [])
        #expect(player.isEditing)
        #expect(player.message.hasPrefix("expected a letter from a to c"))
        _ = player.press(.escape, .character("s"))
        #expect(player.isShowingAnswer && !player.isExerciseOpen)
        #expect(player.body().trimmedLines.contains("  The answer is b) 2 (shown, so no credit)."))
        #expect(player.session.progress.correctExercises.isEmpty)
        #expect(player.session.progress.revealedExercises == ["pick"])
        // Typing no longer opens the field once the answer is shown; r asks again.
        _ = player.press(.character("2"))
        #expect(!player.isEditing)
        _ = player.press(.character("r"))
        #expect(player.isEditing && !player.isShowingAnswer)
    }

    @Test("a demo step shows its caption and Enter emits the open effect with the step's parameters")
    func demoStepOpens() {
        var player = Player(lesson: TestLesson.lesson, progress: LessonProgress(finishedStep: 0), availableDemos: ["geometry"])
        let lines = player.body().trimmedLines
        #expect(lines[0].hasPrefix("  Step 2 of 4 · demo"))
        #expect(lines.contains("  Raise the padding to 1."))
        #expect(lines.contains("  Press Enter to open the demo; q there comes back to the lesson."))
        #expect(player.press(.enter) == [.open(DemoRequest(name: "geometry", parameters: ["size": "7", "kernel": "3"]))])

        var unavailable = Player(lesson: TestLesson.lesson, progress: LessonProgress(finishedStep: 0), availableDemos: ["conv"])
        #expect(unavailable.press(.enter) == [])
        #expect(unavailable.message == "the geometry demo is not in this build yet")
        #expect(unavailable.body().trimmedLines.contains("  This demo is not in this build yet; → goes on with the lesson."))
    }

    @Test("in the app the demo opens over the lesson and q comes back to the same step")
    func demoInTheApp() throws {
        var app = try #require(App.lesson("sizes", library: LessonLibrary(course: TestLesson.course)))
        _ = app.send(.key(.right), .key(.enter))
        #expect(app.screens.count == 2)
        #expect(app.currentScreen is GeometryExplorerScreen)
        _ = app.send(.key(.character("q")))
        let player = try #require(app.currentScreen as? LessonPlayerScreen)
        #expect(player.session.stepIndex == 1)
    }

    @Test("x asks before starting again: n keeps the progress, y clears it and saves the empty progress")
    func resetWithConfirmation() {
        var player = Player(lesson: TestLesson.lesson, progress: LessonProgress(finishedStep: 2, correctExercises: ["seven"]))
        _ = player.press(.escape, .character("x"))
        #expect(player.isConfirmingReset && player.capturesText)
        #expect(player.statusLine == "Start this lesson again and forget its progress? y/n")
        #expect(player.press(.character("q")) == [])
        #expect(player.message == "progress kept")
        #expect(player.session.progress.correctExercises == ["seven"])
        _ = player.press(.character("x"))
        #expect(player.press(.character("y")) == [.saveProgress(lessonID: "sizes", LessonProgress())])
        #expect(player.session.stepIndex == 0)
        #expect(player.session.progress == LessonProgress())
    }

    @Test("progress is saved to the store after answers and step changes, and a new run resumes after the finished step")
    func savedAndResumed() throws {
        let directory = TestLesson.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = ProgressStore(directory: directory)
        var app = try #require(App.lesson("sizes", library: LessonLibrary(course: TestLesson.course, store: store)))
        _ = app.send(.key(.right), .key(.right))
        #expect(store.load().progress[lessonID: "sizes"].finishedStep == 1)
        app.type("5x5")
        _ = app.send(.key(.enter))
        let saved = store.load().progress[lessonID: "sizes"]
        #expect(saved.correctExercises == ["seven"])
        _ = app.send(.key(.character("q")))

        let resumed = try #require(App.lesson("sizes", library: LessonLibrary(course: TestLesson.course, store: store)))
        let player = try #require(resumed.currentScreen as? LessonPlayerScreen)
        #expect(player.session.stepIndex == 2)
        #expect(player.body().trimmedLines[2] == "  Exercise 1 of 2  ✓ answered correctly before")
    }

    @Test("a corrupt progress file is moved aside and noticed once in the status line")
    func corruptProgressFile() throws {
        let directory = TestLesson.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = ProgressStore(directory: directory)
        try Data("{ not json".utf8).write(to: store.fileURL)
        var app = App.home(catalog: testCatalog, library: LessonLibrary(course: TestLesson.course, store: store))
        #expect(app.frame().trimmedLines[23].hasPrefix(" progress file "))
        _ = app.send(.key(.down))
        #expect(!app.frame().trimmedLines[23].hasPrefix(" progress file "))
        let kept = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasPrefix("progress.json.corrupt-") }
        #expect(kept.count == 1)
    }

    @Test("a parametric exercise of the real course gets new numbers on r")
    func retryGivesNewNumbers() throws {
        let course = try CourseLoader.loadCourse(from: .embedded)
        let lesson = try #require(course.lesson(id: "output-size"))
        let index = try #require(lesson.stepIndex(ofExercise: "formula-any"))
        var player = Player(lesson: lesson, progress: LessonProgress(finishedStep: index - 1))
        let first = try #require(player.session.exercise)
        var prompts = [first.prompt]
        for _ in 0..<3 {
            _ = player.press(.escape, .character("r"))
            prompts.append(try #require(player.session.exercise).prompt)
        }
        #expect(Set(prompts).count > 1)
        #expect(player.message == "new numbers")
    }

    @Test("long text scrolls with PageDown and PageUp and says how much is below")
    func scrolling() {
        let long = (1...40).map { "Line number \($0) of a long text step." }.joined(separator: "\n\n")
        let lesson = Lesson(id: "long", title: "Long", summary: "", steps: [Step(.text(RichText(long)!), location: TestLesson.location)], location: TestLesson.location)
        var player = Player(lesson: lesson)
        var lines = player.body().trimmedLines
        #expect(lines[2] == "  Line number 1 of a long text step.")
        #expect(lines[21] == "  ▼ 60 more lines (PgDn)")
        _ = player.press(.pageDown)
        lines = player.body().trimmedLines
        #expect(lines[2] == "  Line number 6 of a long text step.")
        _ = player.press(.pageUp, .pageUp)
        #expect(player.scrollOffset == 0)
        for _ in 0..<20 { _ = player.press(.pageDown) }
        #expect(player.body().trimmedLines[21] == "  ▲ PgUp for the start")
    }
}

@Suite("Lessons on the home screen")
struct HomeLessonsTests {
    @Test("the lessons come first with their progress; Enter opens one; answers update the list; x then y resets all")
    func homeLessons() throws {
        let directory = TestLesson.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = ProgressStore(directory: directory)
        var app = App.home(catalog: testCatalog, library: LessonLibrary(course: TestLesson.course, store: store))
        var lines = app.frame().trimmedLines
        #expect(Array(lines[9...14]) == [
            "  Lessons",
            "  ›   Output sizes  0/2  How big a convolution's output is.",
            "",
            "  Demos",
            "    counter  Counter  Counts key presses so the tests can see keys arrive.",
            "    editor   Editor   A one-line text field.",
        ])
        _ = app.send(.key(.enter))
        #expect(app.currentScreen is LessonPlayerScreen)
        _ = app.send(.key(.right), .key(.right))
        app.type("5x5")
        _ = app.send(.key(.enter), .key(.right))
        app.type("b")
        _ = app.send(.key(.enter), .key(.right), .key(.character("q")))
        #expect(app.currentScreen is HomeScreen)
        lines = app.frame().trimmedLines
        #expect(lines[10] == "  › ✓ Output sizes  2/2  How big a convolution's output is.")
        #expect(lines.contains("  From a shell: convlab lesson sizes"))

        _ = app.send(.key(.character("x")))
        #expect(app.frame().trimmedLines[23].hasPrefix(" Reset the progress of every lesson? y/n"))
        _ = app.send(.key(.character("y")))
        #expect(app.frame().trimmedLines[10] == "  ›   Output sizes  0/2  How big a convolution's output is.")
        #expect(store.load().progress == CourseProgress())
    }

    @Test("an id the course does not have is refused in the status line")
    func unknownLesson() {
        var app = App.home(catalog: testCatalog, library: LessonLibrary(course: TestLesson.course))
        app.openLesson("nope")
        #expect(app.statusError == "the course has no lesson 'nope'")
        #expect(App.lesson("nope", library: LessonLibrary(course: TestLesson.course)) == nil)
    }
}
