import Lessons
import Testing
import TerminalUI
import TestSupport
@testable import ConvLabApp

/// Goals on the conv stepper and the pooling demo: the state each exposes, the checker's
/// judgement from the step's own image and map, and the done line as the learner reaches it.
@Suite struct DemoGoalStepperPoolTests {
    @Test("the stepper's state: settings always, output side while it tiles, the window and whether its value is the map's largest")
    func stepperState() throws {
        var screen = try ConvStepperScreen(parameters: ["image": "numbers", "kernel": "box-blur"], context: AppContext())
        let start = screen.goalState
        #expect(start["padding"] == 0 && start["stride"] == 1 && start["flip"] == 0)
        // 7 − 3 + 1 = 5 windows a side.
        #expect(start["output"] == 5)
        #expect(start["row"] == 0 && start["column"] == 0)
        #expect(Set(ConvStepperScreen.goalStateRanges.keys) == Set(start.keys))
        // Exactly the cells holding the map's maximum say largest 1.
        let output = try #require(screen.state.output)
        let values = (0..<5).flatMap { row in (0..<5).map { output[0, 0, row, $0] } }
        let maximum = try #require(values.max())
        var largestSeen: [Int] = []
        for index in 0..<25 {
            if screen.goalState["largest"] == 1 { largestSeen.append(index) }
            _ = screen.update(.key(.right))
        }
        #expect(largestSeen == values.indices.filter { values[$0] == maximum })
        #expect(!largestSeen.contains(0))
        // Stride 2 on 7 with a 3-wide kernel: (7 − 3)/2 + 1 = 3.
        _ = screen.update(.key(.character("S")))
        #expect(screen.goalState["output"] == 3)
    }

    @Test("the stepper's reachability searches padding, stride, flip and windows of the step's own image")
    func stepperReach() throws {
        let screen = try ConvStepperScreen(parameters: ["image": "numbers", "kernel": "box-blur"], context: AppContext())
        #expect(screen.canReachFromHere(["largest": 1]))
        // (7 − 3 + 2·3)/1 + 1 = 11 is the widest output; (7 − 3)/4 + 1 = 2 the narrowest that tiles.
        #expect(screen.canReachFromHere(["output": 11]))
        #expect(!screen.canReachFromHere(["output": 12]))
        #expect(screen.canReachFromHere(["output": 2, "stride": 4]))
        #expect(!screen.canReachFromHere(["row": 10, "padding": 0]))
    }

    @Test("the pooling demo's state: window, stride, padding, the pooled side and the current window")
    func poolState() throws {
        var screen = try PoolingScreen(parameters: ["image": "checkerboard", "kernel": "2"], context: AppContext())
        #expect(screen.goalState == ["kernel": 2, "stride": 2, "padding": 0, "output": 4, "row": 0, "column": 0])
        _ = screen.update(.key(.character("S")))
        // (8 − 2)/3 + 1 = 3.
        #expect(screen.goalState["output"] == 3)
        _ = screen.update(.key(.right))
        #expect(screen.goalState["column"] == 1)
        _ = screen.update(.key(.character("S")))
        // (8 − 2)/4 + 1 = 2.5 does not tile: no output, no window.
        #expect(screen.goalState == ["kernel": 2, "stride": 4, "padding": 0])
        #expect(Set(PoolingScreen.goalStateRanges.keys).isSuperset(of: screen.goalState.keys))
    }

    @Test("the real catalog judges stepper and pooling goals against the step's parameters")
    func catalogJudges() throws {
        let demos = DemoCatalog().lessonDemos()
        let conv = try #require(demos.first { $0.name == "conv" })
        let pool = try #require(demos.first { $0.name == "pool" })
        let largest = DemoGoal(text: "t", conditions: ["largest": 1])
        #expect(conv.judgeGoal(["image": "numbers", "kernel": "box-blur"], largest) == nil)
        let threeByThree = DemoGoal(text: "t", conditions: ["output": 3])
        #expect(pool.judgeGoal(["image": "checkerboard", "kernel": "2"], threeByThree) == nil)
        #expect(pool.judgeGoal(["image": "checkerboard", "kernel": "2", "stride": "3"], threeByThree) == .alreadyMet(condition: "output 3"))
        // The widest pooled 8×8 map is (8 + 2·1 − 2)/1 + 1 = 9, so 10×10 is out of reach.
        #expect(pool.judgeGoal(["image": "checkerboard"], DemoGoal(text: "t", conditions: ["output": 9])) == nil)
        let ten = DemoGoal(text: "t", conditions: ["output": 10])
        #expect(pool.judgeGoal(["image": "checkerboard"], ten) == .unreachable(demo: "pool", condition: "output 10"))
        #expect(conv.judgeGoal(["image": "numbers", "kernel": "box-blur"], DemoGoal(text: "t", conditions: ["output": 12]))
            == .unreachable(demo: "conv", condition: "output 12"))
    }

    @Test("opened from a lesson, the pooling demo shows the task, then the done line once the stride is 3")
    func poolTaskThenDone() throws {
        let goal = DemoGoal(text: "Choose a window and a stride so that the 8×8 map pools to 3×3.", conditions: ["output": 3])
        let lesson = Lesson(
            id: "goal", title: "Pool to three", summary: "s",
            steps: [Step(.demo(DemoStep(name: "pool", parameters: ["image": "checkerboard", "kernel": "2"], goal: goal)), location: TestLesson.location)],
            location: TestLesson.location)
        var app = try #require(App.lesson("goal", library: LessonLibrary(course: Course(title: "c", lessons: [lesson]))))
        _ = app.send(.key(.enter))
        #expect(app.frame().trimmedLines[1] == "Task: Choose a window and a stride so that the 8×8 map pools to 3×3.")
        _ = app.send(.key(.character("S")))
        let done = app.frame()
        #expect(done.lines[1].hasPrefix("✓ done: Choose a window and a stride"))
        #expect(done[0, 1].style.foreground == .green)
    }

    @Test("the receptive field demo: layers and field, and reachability through r_out = r + (k − 1)·j")
    func receptiveGoal() throws {
        var screen = try ReceptiveFieldScreen(parameters: ["layers": "2", "kernel": "3"], context: AppContext())
        #expect(screen.goalState == ["layers": 2, "field": 5])
        _ = screen.update(.key(.character("1")))
        #expect(screen.goalState == ["layers": 3, "field": 7])
        #expect(ReceptiveFieldScreen.canReach(["layers": 3, "field": 7]))
        #expect(ReceptiveFieldScreen.canReach(["field": 2_185]))
        // One layer sees at most its own 7-wide kernel.
        #expect(!ReceptiveFieldScreen.canReach(["layers": 1, "field": 8]))
        #expect(ReceptiveFieldScreen.canReach(["layers": 0, "field": 1]))
    }

    @Test("the shift demo: the shift and how many pooled cells one more pixel changes, as line (b) counts them")
    func shiftGoal() throws {
        var screen = try ShiftScreen(parameters: ["image": "cross", "dx": "1"], context: AppContext())
        #expect(screen.goalState["dx"] == 1 && screen.goalState["dy"] == 0)
        #expect(screen.goalState["pooled-changes"] == screen.changedByOnePixel.pooled)
        _ = screen.update(.key(.right))
        #expect(screen.goalState["dx"] == 2)
        #expect(screen.goalState["pooled-changes"] == screen.changedByOnePixel.pooled)
        // On the 7-wide cross, one more pixel changes no pooled cell only at shifts that push
        // its vertical stroke out of the image (dx −8, −7, −5, −4, 4, 7, 8): a lesson goal of
        // {pooled-changes: 0} would reward hiding the feature, so the course sets none.
        #expect(ShiftScreen.shiftRange.filter { screen.pooledChanges(right: $0, down: 0) == 0 } == [-8, -7, -5, -4, 4, 7, 8])
        // A shift the keys cannot reach.
        #expect(!screen.canReachFromHere(["dx": 2, "pooled-changes": 1_000]))
    }
}
