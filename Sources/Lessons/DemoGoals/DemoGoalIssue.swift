/// What can be wrong with a demo step's `goal:`, worded in one place; reported at the line of
/// the key at fault.
public enum DemoGoalIssue: Hashable, Sendable, CustomStringConvertible {
    /// The demo exposes no state a goal could name.
    case goalsNotSupported(demo: String, supporting: [String])
    case emptyCondition
    case unknownState(demo: String, name: String, suggestion: String?, known: [String])
    case notWholeNumber(name: String, found: String)
    case stateOutOfRange(demo: String, name: String, range: ClosedRange<Int>, found: Int)
    /// The step's own starting values already meet the goal: there is nothing to do.
    case alreadyMet(condition: String)
    /// No values within the demo's ranges meet every condition at once.
    case unreachable(demo: String, condition: String)

    public var description: String {
        switch self {
        case let .goalsNotSupported(demo, supporting):
            let list = supporting.isEmpty ? "no demo takes one yet" : "demos with goals: \(supporting.joined(separator: ", "))"
            return "the \(demo) demo exposes no state a goal could name (\(list))"
        case .emptyCondition:
            return "'when' needs at least one state value, like {output: 7}"
        case let .unknownState(demo, name, suggestion, known):
            if let suggestion { return "the \(demo) demo has no state '\(name)'; did you mean '\(suggestion)'? (states: \(known.joined(separator: ", ")))" }
            return "the \(demo) demo has no state '\(name)' (states: \(known.joined(separator: ", ")))"
        case let .notWholeNumber(name, found):
            return "'\(name)' in 'when' must be a whole number, found '\(found)'"
        case let .stateOutOfRange(demo, name, range, found):
            return "the \(demo) demo's \(name) stays from \(range.lowerBound) to \(range.upperBound), so \(found) can never be reached"
        case let .alreadyMet(condition):
            return "the goal (\(condition)) is already met by the step's starting values: the learner has nothing to do"
        case let .unreachable(demo, condition):
            return "no setting of the \(demo) demo within its ranges reaches the goal (\(condition))"
        }
    }
}
