import ConvEngine

/// What the engine re-derives an exercise's answer from: one of `DerivationKind` and its
/// parameters, written in a lesson as
///
///     derive:
///       conv-output-size: {input: 7, kernel: 3, stride: 3}
///
/// Parameters stay as written (with their lines) until the answer is derived, because a
/// parametric exercise substitutes its `{placeholders}` into them first.
public struct Derivation: Sendable {
    public var kind: DerivationKind
    /// Where `derive:` names the kind.
    public var location: SourceLocation
    var parameters: [YAMLValue.Entry]

    init(kind: DerivationKind, location: SourceLocation, parameters: [YAMLValue.Entry]) {
        self.kind = kind
        self.location = location
        self.parameters = parameters
    }

    /// The parameter names as written, in order.
    public var parameterNames: [String] { parameters.map(\.key) }
}

/// The computations a lesson can ask the engine for, each with the parameters it reads.
public enum DerivationKind: String, CaseIterable, Sendable {
    /// One axis (`input: 7`), a plane (`input: 7x7`) or a volume (`input: 224x224x3` with
    /// `filters: 64`) through a conv: O = (W − F + 2P)/S + 1 per axis, via `AxisGeometry`.
    /// A combination that does not tile must say `convention: exact` (it derives "does not
    /// tile", CS231n's rule) or `convention: floor` (⌊(W − F + 2P)/S⌋ + 1, PyTorch's).
    case convOutputSize = "conv-output-size"
    /// `input: HxWxC` through a pooling window (`kernel`, default 2; `stride`, default the
    /// kernel; `padding`, default 0): the depth is unchanged. `convention` as for
    /// conv-output-size.
    case pooledShape = "pooled-shape"
    /// Learnable parameters of one layer (`layer: conv 64 3x3` with `input: 224x224x3`) or of
    /// a network (`network: vgg16` or a spec line; `index: N` for layer N alone).
    case parameters
    /// Weights between a fully connected input and hidden layer: inputs × hidden (+ hidden
    /// biases with `biases: true`).
    case mlpWeights = "mlp-weights"
    /// Receptive field of a stack: `layers: [3/1, 3/1]` (kernel/stride pairs, stride 1 when
    /// omitted) or `network: NAME|SPEC`; r_out = r_in + (k − 1)·j_in, j_out = j_in·s.
    case receptiveField = "receptive-field"
    /// One output cell: activation(Σ patch ⊙ kernel + bias), via `conv2dForward`.
    case cell
    /// The output shape of layer `index` of `network` (the whole network without `index`):
    /// H×W×C for a feature map, a number for flat features.
    case outputShape = "output-shape"

    /// The parameters the kind reads; any other is an error.
    public var parameterNames: [String] {
        switch self {
        case .convOutputSize: ["input", "kernel", "padding", "stride", "dilation", "filters", "convention"]
        case .pooledShape: ["input", "kernel", "stride", "padding", "convention"]
        case .parameters: ["layer", "input", "network", "index"]
        case .mlpWeights: ["inputs", "hidden", "biases"]
        case .receptiveField: ["layers", "network"]
        case .cell: ["patch", "kernel", "bias", "activation", "flipped"]
        case .outputShape: ["network", "index"]
        }
    }

    /// The parameters that must be present.
    public var requiredParameterNames: [String] {
        switch self {
        case .convOutputSize: ["input", "kernel"]
        case .pooledShape: ["input"]
        case .parameters, .receptiveField: []
        case .mlpWeights: ["inputs", "hidden"]
        case .cell: ["patch", "kernel"]
        case .outputShape: ["network"]
        }
    }
}

/// A derived answer with the working that produced it, e.g. `(7 − 3 + 2·0)/1 + 1 = 5`, so a
/// disagreement can show how the engine got its number.
public struct DerivedAnswer: Hashable, Sendable {
    public var answer: Answer
    public var working: String
    /// For a conv or pooling geometry: the first axis whose windows do not tile (with the
    /// convention the answer was derived in); nil when they tile or the kind has no windows.
    public var untiledAxis: AxisGeometry?

    public init(answer: Answer, working: String, untiledAxis: AxisGeometry? = nil) {
        self.answer = answer
        self.working = working
        self.untiledAxis = untiledAxis
    }
}

/// Why an answer could not be derived: the parameter's line and what was wrong.
public struct DerivationError: Error, Hashable, Sendable, CustomStringConvertible {
    public var line: Int
    public var message: String

    public init(line: Int, message: String) {
        self.line = line
        self.message = message
    }

    public var description: String { message }
}
