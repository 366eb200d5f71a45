// Layout: NCHW. Input N×C×H×W, weight K×C×KH×KW (OIHW), output N×K×OH×OW.

/// The hyper-parameters of a 2-D convolution, per axis: stride, zero padding and dilation, and
/// whether the kernel is rotated 180° first.
///
/// Deep-learning libraries slide the kernel as it is (cross-correlation); textbooks define
/// convolution with the kernel flipped, out[i, j] = Σ x[i − a, j − b]·w[a, b]. `flipped` picks
/// the textbook form so a lesson can show that the two differ only by that rotation.
///
/// The output size is not computed here: `geometry(...)` hands the numbers to `ConvGeometry`,
/// the single source of truth for output sizes and window positions.
public struct Conv2DConfig: Hashable, Sendable {
    /// Rows between the top edges of vertically adjacent windows.
    public var strideHeight: Int
    /// Columns between the left edges of horizontally adjacent windows.
    public var strideWidth: Int
    /// Rows of zeros added above and below the input.
    public var paddingHeight: Int
    /// Columns of zeros added left and right of the input.
    public var paddingWidth: Int
    /// Rows between vertically adjacent kernel taps (1 = touching).
    public var dilationHeight: Int
    /// Columns between horizontally adjacent kernel taps (1 = touching).
    public var dilationWidth: Int
    /// True (mathematical) convolution: the kernel is rotated 180° before sliding, so tap
    /// (i, j) multiplies weight (KH − 1 − i, KW − 1 − j).
    public var flipped: Bool
    /// `exact` refuses an input the windows do not tile; `floor` rounds the output size down
    /// as PyTorch does, and the last rows and columns no whole window reaches are never read
    /// (their gradient is zero).
    public var convention: OutputSizeConvention

    /// The same stride, padding and dilation on both axes.
    public init(
        stride: Int = 1, padding: Int = 0, dilation: Int = 1, flipped: Bool = false,
        convention: OutputSizeConvention = .exact
    ) {
        self.init(
            strideHeight: stride, strideWidth: stride, paddingHeight: padding, paddingWidth: padding,
            dilationHeight: dilation, dilationWidth: dilation, flipped: flipped, convention: convention)
    }

    /// Every value spelled out per axis.
    public init(
        strideHeight: Int, strideWidth: Int, paddingHeight: Int, paddingWidth: Int,
        dilationHeight: Int = 1, dilationWidth: Int = 1, flipped: Bool = false,
        convention: OutputSizeConvention = .exact
    ) {
        self.strideHeight = strideHeight
        self.strideWidth = strideWidth
        self.paddingHeight = paddingHeight
        self.paddingWidth = paddingWidth
        self.dilationHeight = dilationHeight
        self.dilationWidth = dilationWidth
        self.flipped = flipped
        self.convention = convention
    }

    /// The window geometry of this configuration over an input and kernel of the given sizes;
    /// ask it for the output size (`validated`, `outputSize`) and window positions.
    public func geometry(inputHeight: Int, inputWidth: Int, kernelHeight: Int, kernelWidth: Int) -> ConvGeometry {
        ConvGeometry(
            inputHeight: inputHeight, inputWidth: inputWidth,
            kernelHeight: kernelHeight, kernelWidth: kernelWidth,
            padding: (paddingHeight, paddingWidth),
            stride: (strideHeight, strideWidth),
            dilation: (dilationHeight, dilationWidth),
            convention: convention)
    }

    /// The kernel row that tap row `tapRow` multiplies: itself, or its mirror when flipped.
    @inlinable
    public func kernelRow(tapRow: Int, kernelHeight: Int) -> Int {
        flipped ? kernelHeight - 1 - tapRow : tapRow
    }

    /// The kernel column that tap column `tapColumn` multiplies: itself, or its mirror when flipped.
    @inlinable
    public func kernelColumn(tapColumn: Int, kernelWidth: Int) -> Int {
        flipped ? kernelWidth - 1 - tapColumn : tapColumn
    }
}
