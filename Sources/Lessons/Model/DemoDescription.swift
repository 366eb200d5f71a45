/// A demo a lesson may open, as the course checker sees it: its name, the parameters it takes
/// and a check of a set of values.
///
/// Lessons never imports UI code, so it keeps no list of demos of its own: whoever loads or
/// checks a course passes the descriptions in (the `convlab` executable builds them from the
/// app's real demo screens, tests pass small fixture lists). A description's `validate` is the
/// demo's own judgement of the values, so `convlab lessons check` refuses exactly what the
/// screen would refuse.
public struct DemoDescription: Sendable {
    /// The name a lesson's `demo:` step uses.
    public var name: String
    /// One line saying what the demo shows.
    public var summary: String
    /// The parameters the demo takes, besides `caption`.
    public var parameters: [String]
    /// Why these values (keyed by parameter, `caption` left out) do not suit the demo, or nil
    /// when it opens with them.
    public var validate: @Sendable ([String: String]) -> DemoDescription.Problem?
    /// The named state values a step's `goal:` may set conditions on, each with the range the
    /// demo keeps it in; empty when the demo takes no goals.
    public var goalStates: [String: ClosedRange<Int>]
    /// The demo's judgement of a goal whose names and values are already known to be in
    /// `goalStates`, given the step's parameters: `.alreadyMet` or `.unreachable`, or nil.
    public var judgeGoal: @Sendable ([String: String], DemoGoal) -> DemoGoalIssue?

    public init(
        name: String, summary: String = "", parameters: [String],
        goalStates: [String: ClosedRange<Int>] = [:],
        validate: @escaping @Sendable ([String: String]) -> DemoDescription.Problem? = { _ in nil },
        judgeGoal: @escaping @Sendable ([String: String], DemoGoal) -> DemoGoalIssue? = { _, _ in nil }
    ) {
        self.name = name
        self.summary = summary
        self.parameters = parameters
        self.goalStates = goalStates
        self.validate = validate
        self.judgeGoal = judgeGoal
    }

    /// Every demo step may give `caption`: a line telling the learner what to try. It is the
    /// lesson's, never passed to the demo.
    public static let captionParameter = "caption"

    /// A demo step may give `goal`: a task with a condition on the demo's state (`DemoGoal`).
    /// Like the caption it is the lesson's; the player shows it over the demo.
    public static let goalParameter = "goal"

    /// A value a demo refused: which parameter (reported at its line) and why.
    public struct Problem: Hashable, Sendable {
        public var parameter: String
        public var message: String

        public init(parameter: String, message: String) {
            self.parameter = parameter
            self.message = message
        }
    }
}
