import Lessons
import Testing
import TerminalUI
@testable import ConvLabApp

/// The lesson that uses every structured kind and a `then:` demo, played in the terminal
/// player: the same detail lines as the plain quiz, remarks on each judged answer, and the
/// demo offered once the learner has committed to an answer.
@Suite("LessonPlayerScreen with the structured kinds")
struct LessonPlayerKindsTests {
    static func lesson() throws -> Lesson {
        try #require(try CourseLoader.loadCourse(from: .embedded).lesson(id: "reading-and-designing"))
    }

    /// A player on the exercise `id`, its answer field open.
    static func player(on id: String) throws -> LessonPlayerScreen {
        let lesson = try lesson()
        let index = try #require(lesson.steps.firstIndex { step in
            if case let .exercise(exercise) = step.content { return exercise.id == id }
            return false
        })
        return LessonPlayerScreen(lesson: lesson, progress: LessonProgress(finishedStep: index - 1))
    }

    static func text(_ player: LessonPlayerScreen) -> [String] {
        player.contentLines(width: 78).map { $0.map(\.text).joined() }
    }

    @Test("a traced table shows '?' cells; a wrong answer lists which rows are right and keeps the exercise open")
    func trace() throws {
        var player = try Self.player(on: "trace-lenet-like")
        #expect(player.isEditing)
        #expect(Self.text(player).contains("  1  conv 6 5x5                ?           ?"))
        _ = player.type("28x28x6 456; 14x14x6 0; 10x10x6 2416; 5x5x16 0")
        let effects = player.press(.enter)
        #expect(effects.count == 1)
        #expect(player.isExerciseOpen)
        let lines = Self.text(player)
        #expect(lines.contains("· row 3 (conv 16 5x5): shape ✗, parameters ✓"))
        #expect(lines.contains("· 3 of 4 rows right"))
        // The remarks belong to the judged answer: typing a new one hides them.
        _ = player.press(.enter)
        #expect(!Self.text(player).contains("· 3 of 4 rows right"))
    }

    @Test("a design takes any solution; a malformed one is refused without judging")
    func design() throws {
        var player = try Self.player(on: "field-of-seven")
        _ = player.type("kernel 9")
        _ = player.press(.enter)
        #expect(player.session.feedback == nil)
        #expect(player.statusLine.hasPrefix("expected kernel one of 2, 3, 4, 5, 7 and layers 1 to 6"))
        _ = player.press(.control("u"))
        _ = player.type("4, 2")
        _ = player.press(.enter)
        #expect(player.session.feedback?.isCorrect == true)
        #expect(Self.text(player).contains("· kernel 4, layers 2: r: 1 → 4 → 7, which meets the goal"))
        #expect(Self.text(player).contains("✓ Correct: kernel 2, layers 6 (one of 4 choices that meet the goal)."))
    }

    @Test("predict, then see: Enter answers first; once answered, the then: demo is offered and Enter opens it")
    func predictThenSee() throws {
        var player = try Self.player(on: "predict-stride-three")
        #expect(player.demoRequest == nil)
        #expect(!Self.text(player).contains { $0.hasPrefix("Now see it") })
        // The same line the plain quiz prints while the exercise is open.
        #expect(Self.text(player).joined(separator: " ").contains("Predict first: the geometry demo opens once this is answered or its answer shown."))
        _ = player.type("3")
        _ = player.press(.enter)
        #expect(player.session.feedback?.isCorrect == true)
        let request = DemoRequest(name: "geometry", parameters: ["size": "7", "kernel": "3", "stride": "2"])
        #expect(player.demoRequest == request)
        #expect(Self.text(player).contains("Now see it: Enter opens the geometry demo."))
        #expect(player.press(.enter) == [.open(request)])
    }

    @Test("after a wrong prediction the demo waits until the answer is shown")
    func wrongPrediction() throws {
        var player = try Self.player(on: "predict-stride-three")
        _ = player.type("2")
        _ = player.press(.enter)
        #expect(player.demoRequest == nil)
        _ = player.press(.character("s"))
        #expect(player.demoRequest?.name == "geometry")
    }

    @Test("pick the picture: the maps show without kernel names; a wrong pick is told which kernel it was")
    func pickPicture() throws {
        var player = try Self.player(on: "which-is-sobel-x")
        let before = Self.text(player)
        #expect(before.contains("    0 4 4 0         0 −1  2  1"))
        #expect(!before.contains { $0.contains("sobel-y") })
        _ = player.type("a")
        _ = player.press(.enter)
        #expect(Self.text(player).contains { $0.hasPrefix("· a) is sobel-y (vertical change") })
    }

    @Test("the maps are heat maps in the terminal: the plain quiz's numbers on one shared diverging colour map")
    func pickPictureHeatMap() throws {
        let player = try Self.player(on: "which-is-sobel-x")
        let exercise = try #require(player.session.exercise)
        let spans = player.detailSpans(exercise.kind)
        #expect(spans.map { $0.map(\.text).joined() } == exercise.kind.detailLines)
        // The last row: sobel-x's "0 4 4 0" beside sharpen's "0 −1 2 1"; the largest |value| is 4.
        let cells = try #require(spans.last).filter { $0.text != " " }
        #expect(cells.map(\.text) == ["0", "4", "4", "0", "0", "−1", "2", "1"])
        let range: ClosedRange<Float> = -4...4
        #expect(cells[1].style.background == ColorMap.diverging.color(for: 4, range: range))
        #expect(cells[1].style.background == .rgb(red: 178, green: 24, blue: 43))
        #expect(cells[1].style.foreground == .white)
        #expect(cells[0].style.background == .rgb(red: 255, green: 255, blue: 255))
        #expect(cells[0].style.foreground == .black)
        #expect(cells[5].style.background == ColorMap.diverging.color(for: -1, range: range))
        // The image above the maps stays plain.
        #expect(spans[1].allSatisfy { $0.style == .plain })
    }
}
