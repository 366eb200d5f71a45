/// A question inside a lesson. Its answer is either stated (`answer:`) or, where the engine can
/// compute it, derived (`derive:`); when both are given, `convlab lessons check` insists they
/// agree. A parametric exercise (`vary:`) draws new numbers for each attempt and always
/// derives its answer.
public struct Exercise: Sendable, Identifiable {
    /// Unique within its lesson; progress records it.
    public var id: String
    public var kind: ExerciseKind
    /// The question; `{name}` placeholders are filled from `vary`.
    public var prompt: String
    /// The answer as written in the lesson, if any.
    public var statedAnswer: String?
    /// Revealed one at a time, in order; at most `Exercise.maximumHints`, from the idea to
    /// nearly the answer.
    public var hints: [String]
    /// Wrong answers the lesson answers with its own sentence (`mistakes:`).
    public var mistakes: [AuthoredMistake]
    /// Shown after the learner answers, right or wrong.
    public var explanation: String
    /// What the engine re-derives the answer from.
    public var derivation: Derivation?
    /// Ranges for the placeholders, and the seed they are drawn with.
    public var variation: Variation?
    /// The line of the exercise's first key.
    public var location: SourceLocation
    /// The line of `answer:` (the exercise's line when there is none).
    public var answerLine: Int
    /// A demo that shows the answer, opened once the learner has committed to one
    /// (`then:`, "predict, then see").
    public var then: DemoStep?
    /// For a parametric cell or structured exercise, what each attempt's kind is rebuilt from.
    public var variedKind: VariedKind?
    /// Why a computation keeps its numbers on every retry (`fixed:`), when it does.
    public var fixedReason: String?

    public init(
        id: String, kind: ExerciseKind, prompt: String, statedAnswer: String?, hints: [String] = [],
        explanation: String, derivation: Derivation? = nil, variation: Variation? = nil,
        location: SourceLocation, answerLine: Int? = nil, mistakes: [AuthoredMistake] = []
    ) {
        self.mistakes = mistakes
        self.id = id
        self.kind = kind
        self.prompt = prompt
        self.statedAnswer = statedAnswer
        self.hints = hints
        self.explanation = explanation
        self.derivation = derivation
        self.variation = variation
        self.location = location
        self.answerLine = answerLine ?? location.line
    }

    /// Hints go from the idea, through the set-up with the learner's numbers, to nearly the
    /// answer: three steps, no more.
    public static let maximumHints = 3

    /// Whether the engine computes this exercise's answer (a structured kind always does).
    public var isDerived: Bool { derivation != nil || kind.isStructured }

    /// Whether the learner computes something: a cell, a design, trace or spot-error, or a
    /// number or shape the engine derives. A retry of one should draw new numbers (`vary:`).
    public var isComputation: Bool { ExerciseDecoder.isComputation(kind, derivation: derivation) }
}

/// What sort of answer an exercise takes, with what the kind needs to check it.
public enum ExerciseKind: Sendable {
    /// A number; correct within `tolerance` (absolute; 0 means exactly). Also takes "does not
    /// tile" when the derived answer is a geometry that does not tile.
    case number(tolerance: Double)
    /// A shape such as `112x112x64`; `×`, `x`, spaces and case do not matter.
    case shape
    /// One of `options`, answered by letter (a, b, …), number (1, 2, …) or the option's text.
    case choice(options: [String])
    /// true or false (also yes/no, t/f, y/n).
    case trueFalse
    /// Free text; correct when it matches the answer or one of `accepted`, ignoring case and
    /// spaces.
    case text(accepted: [String])
    /// Compute one output cell from a patch and a kernel; a number within `tolerance`.
    case cell(CellProblem, tolerance: Double)
    /// A kind whose question and answer the engine builds from a network or an image: pick
    /// the picture, design, spot the error, trace (see `StructuredExercise`).
    case structured(StructuredExercise)

    /// The kind's name as written after `kind:`.
    public var name: String {
        switch self {
        case .number: "number"
        case .shape: "shape"
        case .choice: "choice"
        case .trueFalse: "truefalse"
        case .text: "text"
        case .cell: "cell"
        case let .structured(problem): problem.kindName
        }
    }

    /// Every kind name, in the order messages list them.
    public static let names = ["number", "shape", "choice", "truefalse", "text", "cell"] + StructuredExercise.kindNames
}

/// One output cell of a convolution: the learner sees the patch and the kernel and computes
/// activation(Σ patch ⊙ kernel + bias) (with the kernel rotated 180° first when `flipped`).
public struct CellProblem: Hashable, Sendable {
    /// Rows of the input patch under the kernel.
    public var patch: [[Double]]
    /// Rows of the kernel; the same size as the patch.
    public var kernel: [[Double]]
    public var bias: Double
    /// `relu`, `leakyrelu`, `sigmoid`, `tanh`, or nil for none.
    public var activation: String?
    /// True (mathematical) convolution instead of cross-correlation.
    public var flipped: Bool

    public init(patch: [[Double]], kernel: [[Double]], bias: Double = 0, activation: String? = nil, flipped: Bool = false) {
        self.patch = patch
        self.kernel = kernel
        self.bias = bias
        self.activation = activation
        self.flipped = flipped
    }
}
