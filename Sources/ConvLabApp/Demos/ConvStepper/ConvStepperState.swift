import ConvEngine

/// What the convolution stepper shows: an image, one kernel (or several filters over the RGB
/// image), the convolution settings, and how far the window has walked.
///
/// The walk visits output cells in the order of `referenceConv2dForward`'s loops: filter by
/// filter, and within a filter row by row (`ConvGeometry.windows`). Every number comes from
/// ConvEngine: the output map from `conv2dForward`, the arithmetic of the current cell from
/// `conv2dWindowTerms`. A geometry that does not tile is kept, not refused: the screen shows
/// its `GeometryError` so the learner sees why (that is the lesson), and there is nothing to
/// walk until padding or stride change.
struct ConvStepperState: Sendable {
    /// The greyscale image of single-channel mode.
    private(set) var image: SampleImage
    /// The single-channel kernel's name: a gallery name, or "custom" once edited or typed inline.
    private(set) var kernelName: String
    /// The single-channel kernel, KH×KW rows (as defined, before any flip).
    private(set) var kernelRows: [[Float]]
    /// The filters of multi-channel mode; each is applied unchanged to every input channel.
    private(set) var filters: [NamedKernel]
    private(set) var padding: Int
    private(set) var stride: Int
    private(set) var bias: Float
    /// True convolution (kernel rotated 180°) rather than cross-correlation.
    private(set) var flipped: Bool
    /// RGB input and several 3-deep filters instead of one greyscale image and one kernel.
    private(set) var multiChannel: Bool
    /// The step of the walk, 0..<stepCount (0 when there is nothing to walk).
    private(set) var position: Int = 0
    /// A unit of a trained network (`init(unit:)`): its input, filter, bias and geometry
    /// replace the image, kernel and settings above, which then stay fixed.
    private(set) var unit: ConvUnit?

    /// 1×C×H×W: the image as the conv sees it.
    private(set) var input = Tensor.zeros([1, 1, 1, 1])
    /// K×C×KH×KW.
    private(set) var weight = Tensor.zeros([1, 1, 1, 1])
    /// 1×K×OH×OW from `conv2dForward`, or nil when the geometry does not tile.
    private(set) var output: Tensor?
    /// Why there is no output, when there is none.
    private(set) var geometryError: GeometryError?
    /// The window positions of one filter, row-major.
    private(set) var windows: [Window] = []

    /// The RGB image multi-channel mode uses.
    static let colourImage = SampleImage.named("colour")!
    /// Largest padding and stride the keys reach; beyond them the grids no longer fit.
    static let paddingRange = 0...3
    static let strideRange = 1...4
    static let biasRange: ClosedRange<Float> = -10...10

    init(
        image: SampleImage, kernelName: String, kernelRows: [[Float]], filters: [NamedKernel],
        padding: Int, stride: Int, bias: Float, flipped: Bool, multiChannel: Bool
    ) {
        self.image = image
        self.kernelName = kernelName
        self.kernelRows = kernelRows
        self.filters = filters
        self.padding = padding
        self.stride = stride
        self.bias = bias
        self.flipped = flipped
        self.multiChannel = multiChannel
        recompute()
    }

    /// The stepper on one unit of a trained network, its walk at the unit's output cell. The
    /// greyscale image and kernel keep harmless defaults the unit's view never shows.
    public init(unit: ConvUnit) {
        let (_, _, kernelHeight, kernelWidth) = unit.weight.nchw
        let rows = (0..<kernelHeight).map { row in (0..<kernelWidth).map { column in unit.weight[0, 0, row, column] } }
        self.init(
            image: SampleImage.all[0], kernelName: "learned", kernelRows: rows, filters: [],
            padding: unit.config.paddingHeight, stride: unit.config.strideHeight, bias: unit.bias,
            flipped: unit.config.flipped, multiChannel: false)
        self.unit = unit
        recompute()
        let outputWidth = outputSize?.width ?? 0
        setPosition(unit.outputRow * outputWidth + unit.outputColumn)
    }

    // MARK: derived values

    var config: Conv2DConfig { unit?.config ?? Conv2DConfig(stride: stride, padding: padding, flipped: flipped) }
    /// The image the conv reads: the colour picture in multi-channel mode.
    var activeImage: SampleImage { multiChannel ? Self.colourImage : image }
    var filterCount: Int { weight.shape[0] }
    var kernelHeight: Int { weight.shape[2] }
    var kernelWidth: Int { weight.shape[3] }
    /// Output height and width, or nil when the geometry does not tile.
    var outputSize: (height: Int, width: Int)? { output.map { ($0.shape[2], $0.shape[3]) } }
    /// Filters × windows: how many cells the walk visits.
    var stepCount: Int { filterCount * windows.count }
    /// The filter the current step belongs to.
    var currentFilter: Int { windows.isEmpty ? 0 : position / windows.count }
    /// The window of the current step, nil when there is none.
    var currentWindow: Window? { windows.isEmpty ? nil : windows[position % windows.count] }

    /// The arithmetic of the current cell, from the engine.
    var currentTerms: ConvWindowTerms? {
        guard let window = currentWindow else { return nil }
        return conv2dWindowTerms(
            input: input, weight: weight, bias: biasTensor, config: config,
            batch: 0, filter: currentFilter, outputRow: window.outputRow, outputColumn: window.outputColumn)
    }

    /// The kernel of filter `filter` as the learner defined it, KH×KW rows.
    func kernelRows(filter: Int) -> [[Float]] {
        (0..<kernelHeight).map { row in (0..<kernelWidth).map { column in weight[filter, 0, row, column] } }
    }

    /// The display name of filter `filter`.
    func filterName(_ filter: Int) -> String { multiChannel ? filters[filter].name : kernelName }

    var biasTensor: Tensor { Tensor(shape: [filterCount], repeating: bias) }

    // MARK: changes

    mutating func setPosition(_ newPosition: Int) {
        position = stepCount == 0 ? 0 : min(max(newPosition, 0), stepCount - 1)
    }

    mutating func setPadding(_ value: Int) { padding = min(max(value, Self.paddingRange.lowerBound), Self.paddingRange.upperBound); recompute() }
    mutating func setStride(_ value: Int) { stride = min(max(value, Self.strideRange.lowerBound), Self.strideRange.upperBound); recompute() }
    mutating func setBias(_ value: Float) { bias = min(max(value, Self.biasRange.lowerBound), Self.biasRange.upperBound); recompute() }
    mutating func setFlipped(_ value: Bool) { flipped = value; recompute() }
    mutating func setImage(_ value: SampleImage) { image = value; recompute() }
    mutating func setMultiChannel(_ value: Bool) { multiChannel = value; recompute() }

    mutating func setKernel(name: String, rows: [[Float]]) {
        kernelName = name
        kernelRows = rows
        recompute()
    }

    /// Sets one weight of the single-channel kernel; the kernel becomes "custom".
    mutating func setKernelValue(_ value: Float, row: Int, column: Int) {
        kernelRows[row][column] = value
        kernelName = "custom"
        recompute()
    }

    /// Rebuilds the tensors and the output after any change, keeping the walk's position when
    /// it still exists.
    private mutating func recompute() {
        if let unit {
            recompute(unit: unit)
            return
        }
        let pixels = activeImage.pixels  // C×H×W
        input = pixels.reshaped([1] + pixels.shape)
        let channels = activeImage.channels
        let slices: [[[Float]]] = multiChannel ? filters.map(\.rows) : [kernelRows]
        let kernelHeight = slices[0].count, kernelWidth = slices[0][0].count
        // Every filter applies its kernel unchanged to each input channel: K×C×KH×KW.
        let scalars = slices.flatMap { rows in Array(repeating: rows.flatMap { $0 }, count: channels).flatMap { $0 } }
        weight = Tensor(shape: [slices.count, channels, kernelHeight, kernelWidth], scalars: scalars)
        let geometry = config.geometry(
            inputHeight: activeImage.height, inputWidth: activeImage.width, kernelHeight: kernelHeight, kernelWidth: kernelWidth)
        switch geometry.validated {
        case .success:
            geometryError = nil
            windows = geometry.windows
            output = conv2dForward(input: input, weight: weight, bias: biasTensor, config: config)
        case .failure(let error):
            geometryError = error
            windows = []
            output = nil
        }
        setPosition(position)
    }

    /// `recompute` for a network's unit: its own input, filter and geometry. The network made
    /// the layer, so its geometry tiles; an error is kept all the same rather than trusted.
    private mutating func recompute(unit: ConvUnit) {
        input = unit.input
        weight = unit.weight
        let (_, _, inputHeight, inputWidth) = unit.input.nchw
        let geometry = unit.config.geometry(
            inputHeight: inputHeight, inputWidth: inputWidth, kernelHeight: unit.weight.shape[2], kernelWidth: unit.weight.shape[3])
        switch geometry.validated {
        case .success:
            geometryError = nil
            windows = geometry.windows
            output = conv2dForward(input: input, weight: weight, bias: biasTensor, config: unit.config)
        case .failure(let error):
            geometryError = error
            windows = []
            output = nil
        }
        setPosition(position)
    }
}
