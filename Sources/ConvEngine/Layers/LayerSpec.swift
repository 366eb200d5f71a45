/// One layer of an architecture, as written in a spec: what it is and its hyperparameters,
/// but no weights. Shape inference (`outputShape(for:)`) and parameter counts
/// (`parameterCount(for:)`) work from this alone, so even VGG16's 138 million parameters are
/// counted without allocating one of them.
///
/// Shapes here are per example, without the batch axis: a feature map is `[C, H, W]` and a
/// flat vector of features is `[F]`. The canonical text of each case (its `description`) is
/// the architecture language's spelling, e.g. `conv 8 3x3 pad 1` or `maxpool 2`.
public enum LayerSpec: Hashable, Sendable {
    /// A 2-D convolution: `[C, H, W] → [K, OH, OW]`.
    case conv(Conv2DSpec)
    /// Max pooling over each channel: `[C, H, W] → [C, OH, OW]`; padding counts as −∞.
    case maxPool(Pool2DConfig)
    /// Average pooling over each channel: `[C, H, W] → [C, OH, OW]`; padded zeros count in
    /// the divisor (PyTorch's `count_include_pad=True`).
    case avgPool(Pool2DConfig)
    /// max(0, x), element-wise; any shape.
    case relu
    /// x for x > 0, slope·x otherwise; PyTorch's default slope is 0.01.
    case leakyRelu(slope: Float)
    /// 1/(1 + e^(−x)), element-wise.
    case sigmoid
    /// tanh(x), element-wise.
    case tanh
    /// `[C, H, W] → [C·H·W]` in C, H, W order (PyTorch's order); a flat input passes through.
    case flatten
    /// A fully connected layer: `[F] → [outputFeatures]`, weight (out, in).
    case linear(outputFeatures: Int, bias: Bool)

    /// PyTorch's default LeakyReLU slope.
    public static let defaultLeakySlope: Float = 0.01

    /// A square convolution; `LayerSpec.conv(outputChannels: 8, kernelSize: 3, padding: 1)`.
    public static func conv(outputChannels: Int, kernelSize: Int, stride: Int = 1, padding: Int = 0, dilation: Int = 1, bias: Bool = true) -> LayerSpec {
        .conv(Conv2DSpec(outputChannels: outputChannels, kernelSize: kernelSize, stride: stride, padding: padding, dilation: dilation, bias: bias))
    }

    /// Square max pooling; the stride defaults to the window size.
    public static func maxPool(kernelSize: Int, stride: Int? = nil, padding: Int = 0) -> LayerSpec {
        .maxPool(Pool2DConfig(kernelSize: kernelSize, stride: stride, padding: padding))
    }

    /// Square average pooling; the stride defaults to the window size.
    public static func avgPool(kernelSize: Int, stride: Int? = nil, padding: Int = 0) -> LayerSpec {
        .avgPool(Pool2DConfig(kernelSize: kernelSize, stride: stride, padding: padding))
    }

    /// A linear layer with a bias.
    public static func linear(outputFeatures: Int) -> LayerSpec { .linear(outputFeatures: outputFeatures, bias: true) }

    /// The element-wise function of an activation layer, nil for other layers.
    public var activation: Activation? {
        switch self {
        case .relu: .relu
        case let .leakyRelu(slope): .leakyRelu(slope: slope)
        case .sigmoid: .sigmoid
        case .tanh: .tanh
        default: nil
        }
    }

    /// The layer's keyword in the architecture language: `conv`, `maxpool`, `relu`, …
    public var keyword: String {
        switch self {
        case .conv: "conv"
        case .maxPool: "maxpool"
        case .avgPool: "avgpool"
        case .relu: "relu"
        case .leakyRelu: "leakyrelu"
        case .sigmoid: "sigmoid"
        case .tanh: "tanh"
        case .flatten: "flatten"
        case .linear: "linear"
        }
    }

    /// Whether the layer owns weights (and so appears in a state dictionary).
    public var hasParameters: Bool {
        switch self {
        case .conv, .linear: true
        default: false
        }
    }
}
