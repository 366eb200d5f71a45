/// The exercise kinds that test understanding rather than one number: the engine builds their
/// question (the maps to pick from, the table to check) and judges the answer, so a lesson
/// names what to compute and never writes a number the engine could get wrong.
///
/// - `pick-picture`: which of these small maps is this kernel applied to this image?
/// - `design`: choose values (padding and stride, kernels and depth) that meet a goal; any
///   choice that meets it is right.
/// - `spot-error`: a network's layer table with one wrong entry; name its row.
/// - `trace`: fill in every layer's output shape and parameter count, judged row by row.
public enum StructuredExercise: Sendable {
    case pickPicture(PicturePick)
    case design(DesignProblem)
    case spotError(SpotErrorProblem)
    case trace(TraceProblem)

    /// The names written after `kind:`, in the order messages list them.
    public static let kindNames = ["pick-picture", "design", "spot-error", "trace"]

    /// Keys that belong to these kinds only, with the kinds that take them.
    static let keys: [String: [String]] = [
        "image": ["pick-picture"], "kernels": ["pick-picture"], "pick": ["pick-picture"],
        "design": ["design"], "network": ["spot-error", "trace"], "wrong": ["spot-error"],
    ]

    public var kindName: String {
        switch self {
        case .pickPicture: "pick-picture"
        case .design: "design"
        case .spotError: "spot-error"
        case .trace: "trace"
        }
    }

    var problem: any StructuredProblem {
        switch self {
        case let .pickPicture(problem): problem
        case let .design(problem): problem
        case let .spotError(problem): problem
        case let .trace(problem): problem
        }
    }

    /// What the learner sees below the prompt, the same in the terminal and in plain mode.
    public var detailLines: [String] { problem.detailLines }
    /// What a readable answer looks like.
    public var expectedForm: String { problem.expectedForm }
    /// A right answer as the learner would write it.
    public var solution: String { problem.solution }
    /// How the engine got the right answer.
    public var working: String? { problem.working }
    /// Reads and judges the learner's answer.
    public func judge(_ input: String) -> StructuredJudgement { problem.judge(input.trimmingWhitespace()) }
}

/// The verdict on an answer to a structured exercise, with what to tell the learner about it
/// ("row 2: shape right, parameters wrong").
public enum StructuredJudgement: Hashable, Sendable {
    /// Not an answer of the expected form; it costs no attempt.
    case unreadable
    case judged(correct: Bool, remarks: [String])

    public var isReadable: Bool { self != .unreadable }
    public var isCorrect: Bool { if case .judged(true, _) = self { true } else { false } }
    public var remarks: [String] { if case let .judged(_, remarks) = self { remarks } else { [] } }
}

/// What every structured kind provides; `StructuredExercise` dispatches to it.
protocol StructuredProblem: Sendable {
    var detailLines: [String] { get }
    var expectedForm: String { get }
    var solution: String { get }
    var working: String? { get }
    /// `input` is trimmed and not empty.
    func judge(_ input: String) -> StructuredJudgement
}

extension ExerciseKind {
    /// True for the kinds whose answer the engine builds itself (no `answer:` or `derive:`).
    public var isStructured: Bool { if case .structured = self { true } else { false } }
}

extension PreparedExercise {
    /// What to tell the learner about `input` beyond right or wrong: for a traced network,
    /// which rows are right; for a design, what the chosen values give. Empty for other kinds.
    public func remarks(on input: String) -> [String] {
        guard case let .structured(problem) = kind else { return [] }
        return problem.judge(input).remarks
    }
}
