/// A classic slip whose wrong answer the engine can compute from an exercise's derivation, so
/// the grader recognises it without any authoring. A lesson's `mistakes:` may name one to
/// replace its sentence with its own.
public enum MistakeVariant: String, CaseIterable, Sendable {
    /// A parameter count without the biases: F·F·C·K instead of (F·F·C + 1)·K.
    case noBias = "no-bias"
    /// (W − F + 2P)/S, the output size without its `+ 1`.
    case noPlusOne = "no-plus-one"
    /// (W − F + P)/S + 1: the padding added on one side only.
    case paddingOnce = "padding-once"
    /// The kernel size F given where the output size was asked.
    case kernelSize = "kernel-size"
    /// ⌊(W − F + 2P)/S⌋ + 1 for a geometry that does not tile (PyTorch's floor), where the
    /// exercise asks CS231n's convention; or "does not tile" where it asks for the floor.
    case floor
    /// A shape written channels first (C×H×W, the engine's order) that cannot be read back
    /// unambiguously, because the channel count equals a side.
    case otherOrder = "other-order"
    /// The right count multiplied or divided by the channel count.
    case channelFactor = "channel-factor"

    /// The derivations whose wrong value the engine can compute for this slip.
    public var derivations: [DerivationKind] {
        switch self {
        case .noBias: [.parameters, .mlpWeights]
        case .noPlusOne, .paddingOnce, .kernelSize, .floor: [.convOutputSize, .pooledShape]
        case .otherOrder: [.convOutputSize, .pooledShape, .outputShape]
        case .channelFactor: [.parameters, .outputShape]
        }
    }

    public static var names: [String] { allCases.map(\.rawValue) }
}

/// A wrong answer the grader recognises, with the sentence that answers it.
public struct KnownMistake: Hashable, Sendable {
    /// The slip's name (`no-bias`), or nil for a literal value from `mistakes:`.
    public var variant: MistakeVariant?
    public var answer: Answer
    public var feedback: String

    public init(variant: MistakeVariant?, answer: Answer, feedback: String) {
        self.variant = variant
        self.answer = answer
        self.feedback = feedback
    }
}

/// One entry of an exercise's `mistakes:`: a wrong answer (a value as a learner would type
/// it, or a slip's name) and what to tell a learner who gives it.
public struct AuthoredMistake: Hashable, Sendable {
    public enum Trigger: Hashable, Sendable {
        case variant(MistakeVariant)
        /// The value as written; read as the exercise's kind of answer when graded.
        case value(String)
    }

    public var trigger: Trigger
    public var feedback: String
    /// The line of the entry, for `lessons check`.
    public var line: Int

    public init(trigger: Trigger, feedback: String, line: Int) {
        self.trigger = trigger
        self.feedback = feedback
        self.line = line
    }
}

/// The built-in sentences, each naming the slip and the rule that corrects it without giving
/// the answer away. Every word the grader says about a slip is written here.
public enum MistakeWording {
    /// `facts` holds the numbers the sentence quotes (the channel count, the floor working).
    public static func sentence(_ variant: MistakeVariant, facts: MistakeFacts) -> String {
        switch variant {
        case .noBias:
            return "That counts the weights but not the biases: each filter (or unit) has one bias of its own, so add one per output channel."
        case .noPlusOne:
            return "Close: that is (W − F + 2P)/S, the number of strides. Count the windows instead: the first window sits at position 0 before any stride, so add 1."
        case .paddingOnce:
            return "The padding goes on both sides, so the padded width is W + 2P, not W + P."
        case .kernelSize:
            return "That is the kernel size F; the question asks how many positions the kernel takes, (W − F + 2P)/S + 1."
        case .floor:
            if facts.expectsFloor {
                return "Under CS231n's rule this geometry does not tile, but this exercise asks for the floor PyTorch and TensorFlow ('valid') take: ⌊(W − F + 2P)/S⌋ + 1, dropping the last rows and columns."
            }
            return "That is the floor PyTorch and TensorFlow take (\(facts.floorWorking ?? "⌊(W − F + 2P)/S⌋ + 1")), dropping the last rows and columns; this exercise asks CS231n's convention, where a geometry that does not tile is invalid."
        case .otherOrder:
            return "That looks like channels first (C×H×W, the engine's order); this course writes H×W×C: height, width, then channels."
        case .channelFactor:
            let channels = facts.channels.map { AnswerFormat.number(Double($0)) } ?? "C"
            return "Off by a factor of \(channels), the channel count: check whether each weight or value runs over every channel once."
        }
    }

    /// A correct answer written channels first, accepted when the channel count identifies it.
    public static func otherOrderAccepted(_ expected: [Int]) -> String {
        "right numbers; this course writes H×W×C: \(Answer.shape(expected).display)"
    }

    /// Said when an answer matches no known slip.
    public static let generic = "Not yet."
}

/// The numbers a built-in sentence may quote.
public struct MistakeFacts: Hashable, Sendable {
    /// The channel count the answer was off by.
    public var channels: Int?
    /// `⌊(7 − 3 + 0)/2⌋ + 1 = 3`.
    public var floorWorking: String?
    /// True when the exercise asks for the floor and the learner said "does not tile".
    public var expectsFloor: Bool

    public init(channels: Int? = nil, floorWorking: String? = nil, expectsFloor: Bool = false) {
        self.channels = channels
        self.floorWorking = floorWorking
        self.expectsFloor = expectsFloor
    }
}
