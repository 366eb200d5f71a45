import Foundation
@testable import Lessons
import Testing

@Suite("Tries and revealed answers: what the player and the quiz share")
struct RevealAndTriesTests {
    func lesson() throws -> Lesson {
        try #require(try CourseLoader.loadCourse(from: FixturePaths.course("valid")).lesson(id: "fixture"))
    }

    @Test("a format error costs no try; the third wrong answer shows the answer and records it as revealed")
    func triesRunOut() throws {
        var session = LessonSession(lesson: try lesson(), stepIndex: 2)
        #expect(session.exercise?.exercise.id == "seven-by-three")
        for _ in 0..<5 { #expect(session.submit("five")?.verdict == .unreadable(expected: "a number like 1,792 or 0.25")) }
        #expect(session.wrongTries == 0)
        let firstFeedback = session.submit("4")
        let first = try #require(firstFeedback)
        #expect(first.triesLeft == 2 && !first.showsAnswer)
        #expect(first.lines.map(\.text) == [
            "Not yet.", MistakeWording.sentence(.noPlusOne, facts: MistakeFacts()), "2 tries left; a hint may help.",
        ])
        _ = session.submit("6")
        let lastFeedback = session.submit("8")
        let last = try #require(lastFeedback)
        #expect(last.showsAnswer && session.isAnswerShown && !session.isExerciseOpen)
        #expect(last.lines.map(\.text) == [
            "Not yet.", "No tries left: the answer is 5 (shown, so no credit).", "Worked out: (7 − 3 + 2·0)/1 + 1 = 5",
            try #require(session.exercise?.explanation),
        ])
        #expect(session.submit("5") == nil)
        #expect(session.progress.revealedExercises == ["seven-by-three"])
        #expect(session.progress.correctExercises.isEmpty)
    }

    @Test("a revealed answer earns no credit on the same numbers; new numbers of a parametric exercise can earn it")
    func revealEarnsNoCredit() throws {
        var session = LessonSession(lesson: try lesson(), stepIndex: 2)
        session.revealAnswer()
        #expect(session.isAnswerShown && session.progress.revealedExercises == ["seven-by-three"])
        session.retry()
        let againFeedback = session.submit("5")
        let again = try #require(againFeedback)
        #expect(again.isCorrect && !again.credited)
        #expect(again.lines.first?.text == "Correct: 5, but its answer was shown, so it earns no credit.")
        #expect(session.progress.correctExercises.isEmpty && session.correctCount == 0)
        #expect(session.progress.mark(for: try lesson()) == "0/\(try lesson().exercises.count), 1 revealed")

        session.jump(to: 3)
        let parametric = try #require(session.exercise)
        session.revealAnswer()
        session.retry()
        let fresh = try #require(session.exercise)
        #expect(fresh.attempt == parametric.attempt + 1)
        let creditedFeedback = session.submit(fresh.expected.display)
        let credited = try #require(creditedFeedback)
        #expect(credited.credited)
        #expect(session.progress.correctExercises == [parametric.exercise.id])
        #expect(session.progress.revealedExercises == ["seven-by-three"])
    }

    @Test("the progress file says 'revealed'; files without it read as none revealed")
    func revealedInTheFile() throws {
        let progress = CourseProgress(lessons: ["a": LessonProgress(finishedStep: 1, correctExercises: ["x"], revealedExercises: ["y"])])
        let data = try JSONEncoder().encode(progress)
        #expect(String(decoding: data, as: UTF8.self).contains(#""revealed":["y"]"#))
        #expect(try JSONDecoder().decode(CourseProgress.self, from: data) == progress)
        let old = Data(#"{"format": 1, "lessons": {"a": {"finishedStep": 0, "correctExercises": ["x"], "done": false}}}"#.utf8)
        #expect(try JSONDecoder().decode(CourseProgress.self, from: old).lessons["a"]?.revealedExercises == [])
        let none = try JSONEncoder().encode(LessonProgress(correctExercises: ["x"]))
        #expect(!String(decoding: none, as: UTF8.self).contains("revealed"))
    }

    @Test("merging keeps both processes' revealed answers, and a correct answer clears its reveal")
    func mergeRevealed() {
        let base = LessonProgress()
        let mine = LessonProgress(revealedExercises: ["a", "b"])
        let disk = LessonProgress(correctExercises: ["b"], revealedExercises: ["c"])
        #expect(mine.merged(onto: disk, base: base).revealedExercises == ["a", "c"])
    }
}
