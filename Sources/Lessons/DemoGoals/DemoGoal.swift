/// A task a demo step sets the learner ("raise the padding until the output is 7×7"), with the
/// condition on the demo's state that says it is done.
///
/// Written in a lesson as
///
///     - demo: geometry
///       size: 7
///       goal:
///         text: Raise the padding until the output is 7×7 again.
///         when: {output: 7}
///
/// `when` names values the demo exposes (the geometry demo's `size`, `kernel`, `padding`,
/// `stride`, `dilation` and `output`); the goal is met when every one holds at once. A mapping
/// of exact values rather than an expression language: it is all the course needs, and it is
/// what `lessons check` can judge completely (each name known, each value in range, the goal
/// not met at the start and reachable with the demo's keys).
public struct DemoGoal: Hashable, Sendable {
    /// The task as the learner reads it, on the demo screen.
    public var text: String
    /// State name → the value it must have.
    public var conditions: [String: Int]

    public init(text: String, conditions: [String: Int]) {
        self.text = text
        self.conditions = conditions
    }

    /// Whether `state` (the demo's current named values) meets every condition; a value the
    /// state lacks (a geometry that does not tile has no output) does not.
    public func isMet(by state: [String: Int]) -> Bool {
        conditions.allSatisfy { state[$0.key] == $0.value }
    }

    /// `output 7, padding 1`, names in alphabetical order, for messages.
    public var conditionText: String {
        conditions.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
    }

    /// The step keys a goal mapping takes.
    static let keys = ["text", "when"]
}
