@testable import Lessons
import Testing

/// A demo step's `goal:`: its form, the names and ranges the demo's description declares, and
/// the demo's own judgement, each refused at the line of the key at fault.
@Suite struct DemoGoalDecodingTests {
    /// A demo with one goal state, `level` from 0 to 9, whose judge calls a goal met at the
    /// start when the step's `level` parameter already equals it, and never reaches 7 (so both
    /// of the demo's verdicts can be seen).
    static let dial = DemoDescription(
        name: "dial", parameters: ["level"], goalStates: ["level": 0...9],
        judgeGoal: { parameters, goal in
            if let start = parameters["level"].flatMap(Int.init), goal.isMet(by: ["level": start]) {
                return .alreadyMet(condition: goal.conditionText)
            }
            return goal.conditions["level"] == 7 ? .unreachable(demo: "dial", condition: goal.conditionText) : nil
        })

    static let demos = FixtureDemos.all + [dial]

    /// Decodes a lesson whose only step is `step` (indented as a step's body), with the fixture
    /// demos and the dial; the lesson's first line is line 1, the step's `- demo:` line 5.
    /// A missing key is reported at the goal mapping's first line, as everywhere in a lesson.
    func decode(_ step: String) -> (step: DemoStep?, problems: [String]) {
        let text = """
            id: test
            title: Test
            summary: A test lesson.
            steps:
              - \(step.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\n    "))
            """
        var problems: [LessonProblem] = []
        let lesson = LessonDecoder(file: "test.yaml", demos: Self.demos).decode(text, problems: &problems)
        let demo = lesson?.steps.first.flatMap { step -> DemoStep? in
            if case let .demo(demo) = step.content { return demo }
            return nil
        }
        return (demo, problems.map(\.description))
    }

    @Test("a goal decodes into its text and conditions, beside the demo's parameters")
    func decodesGoal() throws {
        let (step, problems) = decode("""
            demo: dial
            level: 2
            goal:
              text: Turn the dial to 5.
              when: {level: 5}
            """)
        #expect(problems == [])
        let demo = try #require(step)
        #expect(demo.parameters == ["level": "2"])
        #expect(demo.goal == DemoGoal(text: "Turn the dial to 5.", conditions: ["level": 5]))
    }

    @Test("unknown state names, values out of range or not whole, and unknown keys are refused at their lines")
    func refusesBadConditions() {
        #expect(decode("""
            demo: dial
            goal:
              text: Turn it.
              when: {levle: 5}
              after: 3
            """).problems == [
                "test.yaml:9: unknown key 'after' in the demo's goal (known keys: text, when)",
                "test.yaml:8: the dial demo has no state 'levle'; did you mean 'level'? (states: level)",
            ])
        #expect(decode("""
            demo: dial
            goal:
              text: Turn it.
              when:
                level: 12
            """).problems == ["test.yaml:9: the dial demo's level stays from 0 to 9, so 12 can never be reached"])
        #expect(decode("""
            demo: dial
            goal:
              text: Turn it.
              when: {level: two}
            """).problems == ["test.yaml:8: 'level' in 'when' must be a whole number, found 'two'"])
        #expect(decode("""
            demo: dial
            goal:
              text: Turn it.
              when: {level: 99999999999999999999999}
            """).problems == ["test.yaml:8: 'level' in 'when' must be a whole number, found '99999999999999999999999'"])
        #expect(decode("""
            demo: dial
            goal:
              text: Turn it.
              when: {}
            """).problems == ["test.yaml:8: 'when' needs at least one state value, like {output: 7}"])
    }

    @Test("a goal without text, or on a demo that exposes no state, is refused")
    func refusesMissingTextAndDemosWithoutGoals() {
        #expect(decode("""
            demo: dial
            goal:
              when: {level: 3}
            """).problems == ["test.yaml:7: the demo's goal is missing 'text' (the task, like 'Raise the padding until the output is 7×7')"])
        #expect(decode("""
            demo: conv
            goal:
              text: Anything.
              when: {output: 3}
            """).problems == ["test.yaml:6: the conv demo exposes no state a goal could name (demos with goals: dial)"])
    }

    @Test("the demo's judgement: a goal met by the step's own start, or one it cannot reach, is refused at 'when'")
    func demoJudgesGoal() {
        #expect(decode("""
            demo: dial
            level: 4
            goal:
              text: Turn the dial to 4.
              when: {level: 4}
            """).problems == ["test.yaml:9: the goal (level 4) is already met by the step's starting values: the learner has nothing to do"])
        #expect(decode("""
            demo: dial
            goal:
              text: Turn the dial to 7.
              when: {level: 7}
            """).problems == ["test.yaml:8: no setting of the dial demo within its ranges reaches the goal (level 7)"])
    }

    @Test("a goal is met only when every condition holds, and a missing state value meets none")
    func goalIsMet() {
        let goal = DemoGoal(text: "t", conditions: ["padding": 1, "output": 7])
        #expect(goal.isMet(by: ["padding": 1, "output": 7, "size": 7]))
        #expect(!goal.isMet(by: ["padding": 1, "output": 6]))
        #expect(!goal.isMet(by: ["padding": 1]))
        #expect(goal.conditionText == "output 7, padding 1")
    }
}
