import Lessons
import Testing
@testable import convlab

/// The plain quiz over a lesson written in code: a shape exercise and a choice whose options
/// are numbers, the same two the terminal player's tests use.
@Suite struct PlainQuizTests {
    static let location = SourceLocation(file: "test.yaml", line: 1)
    static let lesson = Lesson(
        id: "sizes", title: "Output sizes", summary: "S",
        steps: [
            Step(.exercise(Exercise(
                id: "seven", kind: .shape, prompt: "A 7×7 image, a 3×3 kernel. Output size?", statedAnswer: "5x5",
                hints: ["Count the positions."], explanation: "7 − 3 + 1 = 5.", location: location)), location: location),
            Step(.exercise(Exercise(
                id: "depth", kind: .choice(options: ["3", "64", "128"]), prompt: "128 channels in: filter depth?",
                statedAnswer: "c", explanation: "One weight per channel.", location: location)), location: location),
        ],
        location: location)

    /// Runs the quiz on `input` lines; returns what it wrote and the last progress saved.
    func run(_ input: [String]) -> (output: [String], progress: LessonProgress?) {
        var quiz = PlainQuiz(lesson: Self.lesson, progress: LessonProgress(), attempt: 0)
        var lines = input[...]
        var output: [String] = []
        var saved: LessonProgress?
        quiz.run(readLine: { lines.popFirst() }, write: { output.append($0) }, save: { saved = $0 })
        return (output, saved)
    }

    @Test func aFormatErrorCostsNoTryAndTheThirdWrongAnswerShowsTheAnswer() {
        let (output, progress) = run(["five", "4x4", "6x6", "7x7", "128"])
        #expect(output.contains("expected a shape like 5x5, or 112x112x64 for height×width×channels; that did not count as a try"))
        #expect(output.contains("2 tries left; a hint may help."))
        #expect(output.contains("1 try left; a hint may help."))
        #expect(output.contains("No tries left: the answer is 5×5 (H×W) (shown, so no credit)."))
        #expect(output.contains("Correct: c) 128."))
        #expect(output.last == "Score: 1/2 correct")
        #expect(progress?.revealedExercises == ["seven"])
        #expect(progress?.correctExercises == ["depth"])
    }

    @Test func typing3ForTheDepthIsTheOption3AndWrong() {
        let (output, _) = run(["5x5", "3", "c"])
        let start = output.firstIndex { $0.contains("filter depth?") } ?? 0
        #expect(Array(output[start...]).contains("Not yet."))
        #expect(output.contains("Correct: c) 128."))
        #expect(output.last == "Score: 2/2 correct")
    }

    @Test func showRevealsWithoutCreditAndSkipMovesOnWithoutTheAnswer() {
        let (output, progress) = run(["show", "skip"])
        #expect(output.contains("The answer is 5×5 (H×W) (shown, so no credit)."))
        #expect(output.contains("skipped"))
        #expect(!output.contains { $0.contains("128") && $0.contains("answer") })
        #expect(progress?.revealedExercises == ["seven"])
        #expect(output.last == "Score: 0/2 correct")
    }

    @Test func theQuizPrintsTheSessionsFeedbackLinesAsTheyAre() throws {
        var session = LessonSession(lesson: Self.lesson, stepIndex: 0)
        let feedbackOrNil = session.submit("4x4")
        let feedback = try #require(feedbackOrNil)
        let (output, _) = run(["4x4"])
        let texts = feedback.lines.map(\.text)
        let start = try #require(output.firstIndex(of: texts[0]))
        #expect(Array(output[start..<(start + texts.count)]) == texts)
    }
}
