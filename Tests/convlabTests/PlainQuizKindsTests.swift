import Lessons
import Testing
@testable import convlab

/// `quiz --plain` on the lesson that uses every structured kind: the same detail lines and
/// remarks as the terminal player, a format error that costs no attempt, and the command of
/// each `then:` demo once the exercise is answered.
@Suite struct PlainQuizKindsTests {
    func run(_ answers: [String]) throws -> [String] {
        let lesson = try #require(try CourseLoader.loadCourse(from: .embedded).lesson(id: "reading-and-designing"))
        var quiz = PlainQuiz(lesson: lesson, progress: LessonProgress(), attempt: 0)
        var input = answers[...]
        var output: [String] = []
        quiz.run(readLine: { input.popFirst() }, write: { output.append($0) }, save: { _ in })
        return output
    }

    @Test func everyKindIsAskedJudgedAndRemarkedOn() throws {
        let output = try run([
            "a", "show",                                           // pick: sobel-y's map, then shown
            "padding 9, stride 2", "1, 2",                         // design: refused, then right
            "3, 3",                                                // design: a field of 7
            "2", "3",                                              // spot: a right row, then the wrong one
            "3",                                                   // spot
            "28x28x6 456; 14x14x6 0; 10x10x6 2416; 5x5x16 0",      // trace: row 3 wrong
            "show",                                                // trace: shown
            "3",                                                   // predict
        ])
        #expect(output.contains("    0 4 4 0         0 −1  2  1"))
        #expect(output.contains("  · a) is sobel-y (vertical change, smoothed horizontally: finds horizontal edges, positive where it gets brighter downwards)"))
        #expect(output.contains("now see it: convlab demo kernels --image edge --kernel sobel-x (Try sobel-x and sobel-y on the edge image; which one reacts to a vertical edge?)"))
        #expect(output.contains("expected padding 0 to 3 and stride 1 to 3, like 'padding 0, stride 1' or '0, 1'; that did not count as a try"))
        #expect(output.contains("  · padding 1, stride 2: ⌊(56 − 3 + 2·1)/2⌋ + 1 = 28, which meets the goal"))
        #expect(output.contains("  · row 2 (maxpool 2) is right: 14×14×8, 0 parameters (no weights)"))
        #expect(output.contains("  · row 3 (conv 16 5x5): shape ✗, parameters ✓"))
        #expect(output.contains("now see it: convlab demo geometry --kernel 3 --size 7 --stride 2 (Step through the windows and count them; then try stride 3 and see what is left over.)"))
        #expect(output.contains("The answer is c (sobel-x) (shown, so no credit)."))
        #expect(output.last == "Score: 5/7 correct")
    }
}

/// A skipped exercise offers no `then:` demo (it would show the answer without recording it
/// as revealed); the open exercise says when the demo comes, as the player does.
@Suite struct PlainQuizSkipTests {
    @Test func skippedExercisesOfferNoDemo() throws {
        let output = try PlainQuizKindsTests().run(Array(repeating: "skip", count: 7))
        #expect(output.contains("Predict first: the geometry demo opens once this is answered or its answer shown."))
        #expect(output.contains("Predict first: the kernels demo opens once this is answered or its answer shown."))
        #expect(!output.contains { $0.hasPrefix("now see it") })
        #expect(output.filter { $0 == "skipped" }.count == 7)
        #expect(output.last == "Score: 0/7 correct")
    }

    @Test func shownAnswerStillOffersTheDemo() throws {
        let output = try PlainQuizKindsTests().run(["show"] + Array(repeating: "skip", count: 6))
        #expect(output.contains { $0.hasPrefix("now see it: convlab demo kernels") })
        #expect(!output.contains { $0.hasPrefix("now see it: convlab demo geometry") })
    }
}

/// `lessons export --json` carries what a teacher needs to preview an engine-built exercise.
@Suite struct ExportKindsTests {
    @Test func exportedRecordsHaveTheTableAndTheThenCommand() throws {
        let lesson = try #require(try CourseLoader.loadCourse(from: .embedded).lesson(id: "reading-and-designing"))
        let records = try lesson.exercises.map { ExportedExercise(lesson: lesson.id, prepared: try $0.prepared()) }
        let spot = try #require(records.first { $0.id == "forgot-biases" })
        #expect(spot.derived)
        #expect(spot.details?.contains("  3  conv 16 3x3 pad 1        14×14×16       1,152") == true)
        let predict = try #require(records.first { $0.id == "predict-stride-three" })
        #expect(predict.details == nil)
        #expect(predict.then == "convlab demo geometry --kernel 3 --size 7 --stride 2")
    }
}
