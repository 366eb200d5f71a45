// Layout: NCHW. Pooling maps N×C×H×W to N×C×OH×OW, each channel on its own.

/// The window of a 2-D pooling layer: kernel size, stride and padding per axis. Pooling has
/// no dilation. The output size comes from `ConvGeometry`, as for convolution:
/// OH = (H − KH + 2·PH)/SH + 1, and likewise for the width.
///
/// Padding must stay below the kernel size on each axis so every window covers at least one
/// real input value (max pooling pads with −∞, and a window of padding alone has no maximum).
/// PyTorch is stricter still and allows at most half the kernel.
public struct Pool2DConfig: Hashable, Sendable {
    /// Rows in one window.
    public var kernelHeight: Int
    /// Columns in one window.
    public var kernelWidth: Int
    /// Rows between the top edges of vertically adjacent windows.
    public var strideHeight: Int
    /// Columns between the left edges of horizontally adjacent windows.
    public var strideWidth: Int
    /// Rows of padding above and below the input.
    public var paddingHeight: Int
    /// Columns of padding left and right of the input.
    public var paddingWidth: Int
    /// `exact` refuses an input the windows do not tile; `floor` rounds the output size down
    /// as PyTorch's pooling does by default (`ceil_mode=False`), never reading the last rows
    /// and columns no whole window reaches. PyTorch's `ceil_mode=True` is not offered.
    public var convention: OutputSizeConvention

    /// A square window; the stride defaults to the kernel size, so windows touch without
    /// overlapping (the usual 2×2, stride 2 pooling).
    public init(kernelSize: Int, stride: Int? = nil, padding: Int = 0, convention: OutputSizeConvention = .exact) {
        self.init(
            kernelHeight: kernelSize, kernelWidth: kernelSize,
            strideHeight: stride ?? kernelSize, strideWidth: stride ?? kernelSize,
            paddingHeight: padding, paddingWidth: padding, convention: convention)
    }

    /// Every value spelled out per axis.
    public init(
        kernelHeight: Int, kernelWidth: Int, strideHeight: Int, strideWidth: Int,
        paddingHeight: Int = 0, paddingWidth: Int = 0, convention: OutputSizeConvention = .exact
    ) {
        self.kernelHeight = kernelHeight
        self.kernelWidth = kernelWidth
        self.strideHeight = strideHeight
        self.strideWidth = strideWidth
        self.paddingHeight = paddingHeight
        self.paddingWidth = paddingWidth
        self.convention = convention
    }

    /// The window geometry over an input of the given size.
    public func geometry(inputHeight: Int, inputWidth: Int) -> ConvGeometry {
        ConvGeometry(
            inputHeight: inputHeight, inputWidth: inputWidth,
            kernelHeight: kernelHeight, kernelWidth: kernelWidth,
            padding: (paddingHeight, paddingWidth),
            stride: (strideHeight, strideWidth),
            convention: convention)
    }
}

/// Checks a pooling input's rank and the configuration's geometry over it, and returns that
/// geometry. `operation` ("max pool", "average pool") names the caller in failure messages.
func pool2dGeometry(inputShape: [Int], config: Pool2DConfig, operation: String) -> ConvGeometry {
    precondition(inputShape.count == 4, "\(operation): input must be N×C×H×W, got \(Tensor.describe(inputShape))")
    precondition(
        config.paddingHeight < config.kernelHeight && config.paddingWidth < config.kernelWidth,
        "\(operation): padding \(config.paddingHeight)×\(config.paddingWidth) must be smaller than the kernel \(config.kernelHeight)×\(config.kernelWidth), or a window would hold only padding")
    let geometry = config.geometry(inputHeight: inputShape[2], inputWidth: inputShape[3])
    if case let .failure(error) = geometry.validated {
        preconditionFailure("\(operation): invalid geometry for input \(Tensor.describe(inputShape)): \(error)")
    }
    return geometry
}
