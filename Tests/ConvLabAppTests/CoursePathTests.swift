import Lessons
import Testing
import TerminalUI
@testable import ConvLabApp

/// Two lessons in order, the second a copy of the first under another id.
private let twoLessons: Course = {
    var second = TestLesson.lesson
    second.id = "sizes-again"
    second.title = "Output sizes again"
    return Course(title: "Test course", lessons: [TestLesson.lesson, second])
}()

@Suite("The course as a path, and grading in the player")
struct CoursePathTests {
    @Test("at a lesson's end Enter opens the next lesson in place of this one; the last lesson says so")
    func enterOpensTheNextLesson() throws {
        var app = try #require(App.lesson("sizes", library: LessonLibrary(course: twoLessons)))
        _ = app.send(.key(.right), .key(.right), .key(.escape), .key(.right), .key(.escape), .key(.right))
        let finished = try #require(app.currentScreen as? LessonPlayerScreen)
        #expect(finished.isFinished)
        #expect(finished.body().trimmedLines.contains("  Press Enter for the next lesson: Output sizes again."))
        _ = app.send(.key(.enter))
        let next = try #require(app.currentScreen as? LessonPlayerScreen)
        #expect(next.lesson.id == "sizes-again" && app.screens.count == 1)
        #expect(app.library?.progress[lessonID: "sizes"].done == true)

        var last = LessonPlayerScreen(lesson: TestLesson.lesson, progress: LessonProgress(finishedStep: 3))
        _ = last.press(.escape, .right)
        #expect(last.isFinished && last.press(.enter) == [])
        #expect(last.body().trimmedLines.contains("  This was the last lesson of the course."))
    }

    @Test("home's cursor moves to the next unfinished lesson when the one under it is finished")
    func homeCursorFollowsTheCourse() throws {
        var app = App.home(catalog: testCatalog, library: LessonLibrary(course: twoLessons))
        #expect((app.currentScreen as? HomeScreen)?.cursor == 0)
        _ = app.send(.key(.enter))
        _ = app.send(.key(.right), .key(.right), .key(.escape), .key(.right), .key(.escape), .key(.right))
        _ = app.send(.key(.character("q")))
        let home = try #require(app.currentScreen as? HomeScreen)
        #expect(home.cursor == 1 && home.selectedEntry?.name == "sizes-again")
    }

    @Test("a format error costs no try in the player; the third wrong answer shows the answer, saved as revealed")
    func playerTries() throws {
        var player = LessonPlayerScreen(lesson: TestLesson.lesson, progress: LessonProgress(finishedStep: 1))
        _ = player.type("five")
        #expect(player.press(.enter) == [])
        #expect(player.message == "expected a shape like 5x5, or 112x112x64 for height×width×channels; that did not count as a try")
        #expect(player.session.wrongTries == 0 && player.isEditing)
        for wrong in ["4x4", "6x6"] {
            _ = player.press(.control("u"))
            _ = player.type(wrong)
            _ = player.press(.enter, .enter)
        }
        #expect(player.session.wrongTries == 2 && player.isExerciseOpen)
        _ = player.press(.control("u"))
        _ = player.type("7x7")
        let effects = player.press(.enter)
        #expect(player.isShowingAnswer && !player.isExerciseOpen)
        #expect(effects == [.saveProgress(lessonID: "sizes", LessonProgress(finishedStep: 1, revealedExercises: ["seven"]))])
        let lines = player.body().trimmedLines
        #expect(lines.contains("  No tries left: the answer is 5×5 (H×W) (shown, so no credit)."))
    }

    @Test("the lesson list shows answers revealed without credit")
    func revealedInTheList() {
        let library = LessonLibrary(course: twoLessons, progress: CourseProgress(lessons: ["sizes": LessonProgress(finishedStep: 2, revealedExercises: ["seven"])]))
        let home = HomeScreen(catalog: testCatalog, library: library)
        #expect(home.lessons[0].standing == LessonStanding(correct: 0, total: 2, finished: false, revealed: 1))
        var buffer = Buffer(width: 80, height: 22)
        home.render(into: &buffer, area: buffer.area)
        #expect(buffer.trimmedLines.contains { $0.contains("Output sizes") && $0.contains("0/2 · 1 revealed") })
    }
}
