import Lessons
import Testing
import TerminalUI
import TestSupport
@testable import ConvLabApp

/// A lesson step's task over the demo it opens: the geometry explorer's goal state, the
/// checker's judgement of a goal against the real screen, and the task and done lines as the
/// app draws them at 80×24.
@Suite struct DemoGoalScreenTests {
    static let padToSeven = DemoGoal(text: "Raise the padding until the 7×7 input gives a 7×7 output again.", conditions: ["size": 7, "kernel": 3, "output": 7])

    /// A lesson of one demo step with `padToSeven`, as the output-size lesson has it.
    static let lesson = Lesson(
        id: "goal", title: "A demo with a task", summary: "Pad back to 7.",
        steps: [Step(.demo(DemoStep(name: "geometry", parameters: ["size": "7", "kernel": "3"], goal: padToSeven)), location: TestLesson.location)],
        location: TestLesson.location)

    @Test("the geometry explorer's state: its settings, and the output only while the geometry tiles")
    func geometryState() throws {
        var screen = try GeometryExplorerScreen(parameters: ["size": "7", "kernel": "3", "stride": "3"], context: AppContext())
        #expect(screen.goalState == ["size": 7, "kernel": 3, "padding": 0, "stride": 3, "dilation": 1])
        _ = screen.update(.key(.character("P")))
        // (7 − 3 + 2·1)/3 + 1 = 3
        #expect(screen.goalState["output"] == 3)
        #expect(Set(GeometryExplorerScreen.goalStateRanges.keys) == Set(screen.goalState.keys))
    }

    @Test("reachability searches the demo's ranges: an output W + 2P − F + 1 beyond them, or a kernel wider than any padded input, cannot be reached")
    func reachability() {
        #expect(GeometryExplorerScreen.canReach(["size": 7, "kernel": 3, "stride": 3, "output": 3]))
        #expect(GeometryExplorerScreen.canReach(["output": 96]))
        // Kernel 2 at most 64 + 32 − 2 + 1 = 95 wide.
        #expect(!GeometryExplorerScreen.canReach(["kernel": 2, "output": 96]))
        // A 15-wide kernel on one pixel with no padding has no window at all.
        #expect(!GeometryExplorerScreen.canReach(["size": 1, "kernel": 15, "padding": 0, "output": 1]))
        #expect(GeometryExplorerScreen.canReach(["size": 1, "kernel": 15, "output": 1]))
    }

    @Test("the real catalog's description judges goals with the screen: already met at the start, or unreachable")
    func catalogJudgesGoals() throws {
        let geometry = try #require(DemoCatalog().lessonDemos().first { $0.name == "geometry" })
        #expect(geometry.goalStates["padding"] == GeometryExplorerScreen.paddingRange)
        #expect(geometry.judgeGoal(["size": "7", "kernel": "3"], Self.padToSeven) == nil)
        #expect(geometry.judgeGoal(["size": "7", "kernel": "3", "padding": "1"], Self.padToSeven)
            == .alreadyMet(condition: "kernel 3, output 7, size 7"))
        let impossible = DemoGoal(text: "t", conditions: ["kernel": 2, "output": 96])
        #expect(geometry.judgeGoal([:], impossible) == .unreachable(demo: "geometry", condition: "kernel 2, output 96"))
        let kernels = try #require(DemoCatalog().lessonDemos().first { $0.name == "kernels" })
        #expect(kernels.goalStates.isEmpty)
    }

    @Test("opened from the lesson, the demo shows the task on the body's first line, then the done line once P is raised")
    func taskThenDone() throws {
        var app = try #require(App.lesson("goal", library: LessonLibrary(course: Course(title: "c", lessons: [Self.lesson]))))
        #expect(app.frame().lines.contains { $0.contains("Task: Raise the padding until the 7×7 input gives a 7×7 output again.") })
        _ = app.send(.key(.enter))
        let screen = try #require(app.currentScreen as? DemoGoalScreen)
        #expect(!screen.isDone)
        expectLines(app.frame(), [
            " ConvLab — Geometry explorer: padding, stride and output size",
            "Task: Raise the padding until the 7×7 input gives a 7×7 output again.",
            "",
            "(W − F + 2P)/S + 1 = (7 − 3 + 2·0)/1 + 1 = 5",
            "Output 5×5: 25 windows, and every input row and column is read.",
            "\"Same\" padding for this window is P = 1 (output 7×7 at stride 1) · = applies it.",
            "",
            "    0 1 2 3 4 5 6   output 5×5",
            " 0  · · · · · · ·    · · · · ·",
            " 1  · · · · · · ·    · · · · ·",
            " 2  · · · · · · ·    · · · · ·",
            " 3  · · · · · · ·    · · · · ·",
            " 4  · · · · · · ·    · · · · ·",
            " 5  · · · · · · ·",
            " 6  · · · · · · ·    0 padding (zeros)",
            "                     · input value",
            "                     · current window's taps",
            "",
            "One axis (rows and columns alike), W + 2P = 7 + 2·0 = 7 positions:",
            "  ·······",
            "  ^^^^^",
            "  0123456",
            "Window starts: 0, 1, 2, 3, 4; the last reads 4…6.",
            " window 1/25 at row 0, col 0 · W 7 F 3 P 0 S 1 D 1 · paused      ? help  q back",
        ])
        _ = app.send(.key(.character("P")))
        let done = app.frame()
        expectLines(done, [
            " ConvLab — Geometry explorer: padding, stride and output size",
            "✓ done: Raise the padding until the 7×7 input gives a 7×7 output again.",
            "",
            "(W − F + 2P)/S + 1 = (7 − 3 + 2·1)/1 + 1 = 7",
            "Output 7×7: 49 windows, and every input row and column is read.",
            "P = 1 is \"same\" padding for this window: at stride 1 the output stays 7×7.",
            "",
            "      0 1 2 3 4 5 6     output 7×7",
            "    0 0 0 0 0 0 0 0 0    · · · · · · ·",
            " 0  0 · · · · · · · 0    · · · · · · ·",
            " 1  0 · · · · · · · 0    · · · · · · ·",
            " 2  0 · · · · · · · 0    · · · · · · ·",
            " 3  0 · · · · · · · 0    · · · · · · ·",
            " 4  0 · · · · · · · 0    · · · · · · ·",
            " 5  0 · · · · · · · 0    · · · · · · ·",
            " 6  0 · · · · · · · 0",
            "    0 0 0 0 0 0 0 0 0    0 padding (zeros)",
            "                         · input value",
            "                         · current window's taps",
            "",
            "",
            "",
            "",
            " window 1/49 at row 0, col 0 · W 7 F 3 P 1 S 1 D 1 · paused      ? help  q back",
        ])
        #expect(done[0, 1].style.foreground == .green)
        // Lowering it again undoes the task: the line follows the state, not a one-off event.
        _ = app.send(.key(.character("p")))
        #expect(app.frame().lines[1].hasPrefix("Task: "))
    }

    @Test("a then: demo's goal comes along when the answered exercise opens it")
    func thenDemoCarriesGoal() throws {
        var exercise = Exercise(
            id: "predict", kind: .shape, prompt: "A 7×7 image, a 3×3 kernel, stride 1. What size is the output?",
            statedAnswer: "5x5", hints: ["Count the positions.", "7 − 3 + 1"], explanation: "7 − 3 + 1 = 5.", location: TestLesson.location)
        exercise.then = DemoStep(name: "geometry", parameters: ["size": "7", "kernel": "3"], goal: Self.padToSeven)
        let lesson = Lesson(id: "then", title: "t", summary: "s", steps: [Step(.exercise(exercise), location: TestLesson.location)], location: TestLesson.location)
        var player = LessonPlayerScreen(lesson: lesson)
        _ = player.type("5x5")
        _ = player.press(.enter)
        #expect(player.session.feedback?.isCorrect == true)
        #expect(player.demoRequest == DemoRequest(name: "geometry", parameters: ["size": "7", "kernel": "3"], goal: Self.padToSeven))
    }

    @Test("a long task wraps at word boundaries within 80 columns")
    func longTaskWraps() throws {
        let goal = DemoGoal(text: String(repeating: "padding grows the output ", count: 5) + "until it is 7×7.", conditions: ["output": 7])
        let screen = DemoGoalScreen(demo: try GeometryExplorerScreen(parameters: [:], context: AppContext()), goal: goal)
        var buffer = Buffer(width: 80, height: 22)
        screen.render(into: &buffer, area: buffer.area)
        let lines = buffer.lines.map { String($0.reversed().drop { $0 == " " }.reversed()) }
        #expect(lines[0] == "Task: padding grows the output padding grows the output padding grows the output")
        #expect(lines[1] == "padding grows the output padding grows the output until it is 7×7.")
        #expect(lines[2] == "")
        #expect(lines[3].hasPrefix("(W − F + 2P)/S + 1"))
    }
}
