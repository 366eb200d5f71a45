/// The hyperparameters of one convolution layer, as an architecture spec states them: no
/// weights, only what shape inference, parameter counts and weight allocation need.
///
/// Kernel, stride, padding and dilation are kept per axis (height, width) so a rectangular
/// 3×5 kernel or a 2×1 stride can be written; the square case has a shorter initialiser.
/// Padding may be `same`, resolved from the kernel as D·(F − 1)/2 per axis, which keeps
/// H and W unchanged at stride 1 (PyTorch's `padding="same"`).
public struct Conv2DSpec: Hashable, Sendable {
    /// Explicit zero padding per axis, or `same`.
    public enum Padding: Hashable, Sendable {
        case explicit(height: Int, width: Int)
        case same
    }

    /// K, the number of filters; also the number of output channels.
    public var outputChannels: Int
    public var kernelHeight: Int
    public var kernelWidth: Int
    public var strideHeight: Int
    public var strideWidth: Int
    public var padding: Padding
    public var dilationHeight: Int
    public var dilationWidth: Int
    /// Whether each filter has a bias (PyTorch's `bias=True` default).
    public var bias: Bool
    /// `exact` (the default) refuses a geometry that does not tile; `floor`, written `floor`
    /// in a spec, rounds down as PyTorch's `nn.Conv2d` does.
    public var convention: OutputSizeConvention

    public init(
        outputChannels: Int, kernelHeight: Int, kernelWidth: Int,
        strideHeight: Int = 1, strideWidth: Int = 1,
        padding: Padding = .explicit(height: 0, width: 0),
        dilationHeight: Int = 1, dilationWidth: Int = 1,
        bias: Bool = true, convention: OutputSizeConvention = .exact
    ) {
        self.outputChannels = outputChannels
        self.kernelHeight = kernelHeight
        self.kernelWidth = kernelWidth
        self.strideHeight = strideHeight
        self.strideWidth = strideWidth
        self.padding = padding
        self.dilationHeight = dilationHeight
        self.dilationWidth = dilationWidth
        self.bias = bias
        self.convention = convention
    }

    /// A square kernel with the same stride, padding and dilation on both axes.
    public init(
        outputChannels: Int, kernelSize: Int, stride: Int = 1, padding: Int = 0, dilation: Int = 1, bias: Bool = true,
        convention: OutputSizeConvention = .exact
    ) {
        self.init(
            outputChannels: outputChannels, kernelHeight: kernelSize, kernelWidth: kernelSize,
            strideHeight: stride, strideWidth: stride, padding: .explicit(height: padding, width: padding),
            dilationHeight: dilation, dilationWidth: dilation, bias: bias, convention: convention)
    }

    /// The padding in rows and columns, with `same` worked out; or why `same` has no answer
    /// (a stride above 1, or an even effective kernel that would need uneven padding).
    public func resolvedPadding() throws(LayerShapeError.Problem) -> (height: Int, width: Int) {
        switch padding {
        case let .explicit(height, width):
            return (height, width)
        case .same:
            guard strideHeight == 1, strideWidth == 1 else {
                throw .samePaddingNeedsStrideOne(strideHeight: strideHeight, strideWidth: strideWidth)
            }
            guard let height = AxisGeometry.samePadding(kernelSize: kernelHeight, dilation: dilationHeight) else {
                throw .samePaddingNeedsOddKernel(axis: "height", effectiveKernelSize: AxisGeometry(inputSize: 1, kernelSize: kernelHeight, dilation: dilationHeight).effectiveKernelSize)
            }
            guard let width = AxisGeometry.samePadding(kernelSize: kernelWidth, dilation: dilationWidth) else {
                throw .samePaddingNeedsOddKernel(axis: "width", effectiveKernelSize: AxisGeometry(inputSize: 1, kernelSize: kernelWidth, dilation: dilationWidth).effectiveKernelSize)
            }
            return (height, width)
        }
    }

    /// The engine configuration for this layer (cross-correlation, as in every CNN library).
    public func config() throws(LayerShapeError.Problem) -> Conv2DConfig {
        let (paddingHeight, paddingWidth) = try resolvedPadding()
        return Conv2DConfig(
            strideHeight: strideHeight, strideWidth: strideWidth,
            paddingHeight: paddingHeight, paddingWidth: paddingWidth,
            dilationHeight: dilationHeight, dilationWidth: dilationWidth, convention: convention)
    }

    /// (KH·KW·C + 1)·K, or KH·KW·C·K without bias: every filter sees all C input channels.
    /// Shape inference refuses a layer whose count overflows, so after it this is exact; asking
    /// first for a count that overflows is a programmer error (see `checkedParameterCount`).
    public func parameterCount(inputChannels: Int) -> Int {
        guard let count = checkedParameterCount(inputChannels: inputChannels) else {
            preconditionFailure("parameter count of a \(kernelHeight)×\(kernelWidth) conv from \(inputChannels) to \(outputChannels) channels overflows")
        }
        return count
    }

    /// (KH·KW·C + 1)·K, or nil when it overflows `Int` (or a factor is negative). Even within
    /// `Limits` it can reach about 2^60, so it is always computed with checks.
    public func checkedParameterCount(inputChannels: Int) -> Int? {
        guard let weights = Limits.product([kernelHeight, kernelWidth, inputChannels]),
              let perFilter = Limits.sum([weights, bias ? 1 : 0])
        else { return nil }
        return Limits.product([perFilter, outputChannels])
    }
}
