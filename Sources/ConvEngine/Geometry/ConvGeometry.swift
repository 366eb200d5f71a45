/// Window geometry over a 2-D input: one `AxisGeometry` for rows (height) and one for columns
/// (width). Square kernels, padding and stride are the common case; rectangular ones are
/// spelled out per axis.
public struct ConvGeometry: Equatable, Hashable, Sendable {
    public var height: AxisGeometry
    public var width: AxisGeometry

    public init(height: AxisGeometry, width: AxisGeometry) {
        self.height = height
        self.width = width
    }

    /// A geometry with the same kernel, padding, stride and dilation on both axes unless a
    /// per-axis value is given.
    public init(
        inputHeight: Int, inputWidth: Int,
        kernelHeight: Int, kernelWidth: Int,
        padding: (height: Int, width: Int) = (0, 0),
        stride: (height: Int, width: Int) = (1, 1),
        dilation: (height: Int, width: Int) = (1, 1),
        convention: OutputSizeConvention = .exact
    ) {
        height = AxisGeometry(
            inputSize: inputHeight, kernelSize: kernelHeight,
            padding: padding.height, stride: stride.height, dilation: dilation.height, convention: convention)
        width = AxisGeometry(
            inputSize: inputWidth, kernelSize: kernelWidth,
            padding: padding.width, stride: stride.width, dilation: dilation.width, convention: convention)
    }

    /// Square kernel, uniform padding, stride and dilation.
    public init(
        inputHeight: Int, inputWidth: Int, kernelSize: Int, padding: Int = 0, stride: Int = 1, dilation: Int = 1,
        convention: OutputSizeConvention = .exact
    ) {
        self.init(
            inputHeight: inputHeight, inputWidth: inputWidth,
            kernelHeight: kernelSize, kernelWidth: kernelSize,
            padding: (padding, padding), stride: (stride, stride), dilation: (dilation, dilation),
            convention: convention)
    }

    /// (outputHeight, outputWidth), or the first axis's reason there is none (height first).
    public var validated: Result<(height: Int, width: Int), GeometryError> {
        switch (height.validated, width.validated) {
        case let (.success(outputHeight), .success(outputWidth)): .success((outputHeight, outputWidth))
        case let (.failure(error), _): .failure(error.on(axis: "height"))
        case let (_, .failure(error)): .failure(error.on(axis: "width"))
        }
    }

    /// The output size, throwing a `GeometryError` naming the axis that fails.
    public func requireOutputSize() throws(GeometryError) -> (height: Int, width: Int) {
        try validated.get()
    }

    /// Output height and width; a programmer error if the geometry is invalid, so callers that
    /// take user input validate first.
    public var outputSize: (height: Int, width: Int) {
        switch validated {
        case let .success(size): return size
        case let .failure(error): preconditionFailure("invalid geometry: \(error)")
        }
    }

    /// Every window position in row-major order, the order the stepper walks them. One value
    /// (about 100 bytes) per output cell, so it suits stepping through a small map; a kernel
    /// over a large one should make each window as it visits it.
    public var windows: [Window] {
        guard let outputHeight = height.outputSize, let outputWidth = width.outputSize else { return [] }
        var result: [Window] = []
        result.reserveCapacity(outputHeight * outputWidth)
        for row in 0..<outputHeight {
            for column in 0..<outputWidth {
                result.append(Window(outputRow: row, outputColumn: column, geometry: self))
            }
        }
        return result
    }
}

/// One placement of the kernel: which output cell it produces and which input cells it reads.
public struct Window: Equatable, Hashable, Sendable {
    public let outputRow: Int
    public let outputColumn: Int
    /// Input row of the top-left tap; negative inside the top padding.
    public let inputRow: Int
    /// Input column of the top-left tap; negative inside the left padding.
    public let inputColumn: Int
    public let geometry: ConvGeometry

    public init(outputRow: Int, outputColumn: Int, geometry: ConvGeometry) {
        self.outputRow = outputRow
        self.outputColumn = outputColumn
        self.geometry = geometry
        inputRow = geometry.height.windowStart(outputRow)
        inputColumn = geometry.width.windowStart(outputColumn)
    }

    /// The input (row, column) under kernel tap (i, j); may lie in the padding.
    public func inputPosition(tapRow: Int, tapColumn: Int) -> (row: Int, column: Int) {
        (geometry.height.inputIndex(output: outputRow, tap: tapRow),
         geometry.width.inputIndex(output: outputColumn, tap: tapColumn))
    }

    /// Whether tap (i, j) reads padding rather than a real input pixel.
    public func readsPadding(tapRow: Int, tapColumn: Int) -> Bool {
        let position = inputPosition(tapRow: tapRow, tapColumn: tapColumn)
        return position.row < 0 || position.row >= geometry.height.inputSize
            || position.column < 0 || position.column >= geometry.width.inputSize
    }
}
