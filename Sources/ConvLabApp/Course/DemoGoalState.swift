import Lessons

/// A demo whose state a lesson's `goal:` can set a task on: a few named whole numbers (the
/// geometry explorer's `size`, `kernel`, `padding`, `stride`, `dilation`, `output`; the conv
/// stepper's and the pooling demo's settings, output side and current window).
protocol DemoGoalState: DemoScreen {
    /// Every state name a goal may use, with the range the demo keeps it in.
    static var goalStateRanges: [String: ClosedRange<Int>] { get }
    /// The current values; a name left out has no value now (no output while the geometry does
    /// not tile), so no condition on it holds.
    var goalState: [String: Int] { get }
    /// Whether some state the learner can reach with the demo's keys meets `conditions`.
    static func canReach(_ conditions: [String: Int]) -> Bool
    /// Whether some state reachable from this one meets `conditions`: a demo whose reachable
    /// states depend on its starting picture (the stepper's image and kernel fix the output
    /// sizes it can show) answers here; by default any state the demo has counts.
    func canReachFromHere(_ conditions: [String: Int]) -> Bool
}

extension DemoGoalState {
    public func canReachFromHere(_ conditions: [String: Int]) -> Bool { Self.canReach(conditions) }

    /// The course checker's judgement of `goal` for a step opening this demo with `parameters`:
    /// the step's starting state must not meet it already, and some reachable state must.
    static func judge(_ goal: DemoGoal, parameters: [String: String], context: AppContext) -> DemoGoalIssue? {
        // A step whose parameters the demo refuses is reported by the parameter check.
        guard let start = try? Self(parameters: parameters, context: context) else {
            return canReach(goal.conditions) ? nil : .unreachable(demo: demoName, condition: goal.conditionText)
        }
        if goal.isMet(by: start.goalState) { return .alreadyMet(condition: goal.conditionText) }
        return start.canReachFromHere(goal.conditions) ? nil : .unreachable(demo: demoName, condition: goal.conditionText)
    }
}
