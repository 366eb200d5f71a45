// Layout: NCHW. Input N×C×H×W, weight K×C×KH×KW (OIHW), bias [K]; one output cell (n, k, r, q).
//
// The arithmetic behind one output cell of `referenceConv2dForward`, term by term:
//
//     out[n, k, r, q] = b[k] + Σ_{c, i, j} x[n, c, r·S_h − P_h + i·D_h, q·S_w − P_w + j·D_w] · w[k, c, i', j']
//
// with (i', j') = (i, j), or (KH − 1 − i, KW − 1 − j) when `flipped`. The stepper shows these
// terms so a learner can check every product and the sum by hand.

/// One term of the sum behind an output cell: the input value under kernel tap (tapRow,
/// tapColumn) of one input channel, the weight it meets, and their product.
public struct ConvWindowTerm: Hashable, Sendable {
    public let inputChannel: Int
    /// The tap's place in the sliding window, 0..<KH and 0..<KW.
    public let tapRow: Int
    public let tapColumn: Int
    /// The input position under the tap; negative or past the edge inside the padding.
    public let inputRow: Int
    public let inputColumn: Int
    /// The weight position the tap multiplies: the tap itself, or its 180° mirror when flipped.
    public let kernelRow: Int
    public let kernelColumn: Int
    /// The input value, 0 in the padding.
    public let inputValue: Float
    /// The weight actually used, w[k, c, kernelRow, kernelColumn].
    public let weightValue: Float
    /// inputValue · weightValue (0 in the padding).
    public let product: Float
    /// True when the tap reads zero padding rather than a pixel.
    public let isPadding: Bool
}

/// Every term behind one output cell of a convolution, their sum, the bias and the total,
/// computed in the same order as `referenceConv2dForward` (channel, then tap row, then tap
/// column, padding taps skipped) so `total` is bit-for-bit the reference loop's value.
public struct ConvWindowTerms: Hashable, Sendable {
    public let batch: Int
    /// The filter (output channel) k.
    public let filter: Int
    /// The window that produces the cell; its output row and column name the cell.
    public let window: Window
    /// C·KH·KW terms, channel-major, then tap row, then tap column.
    public let terms: [ConvWindowTerm]
    /// Σ products over channels and taps.
    public let sum: Float
    /// b[k], 0 without a bias.
    public let bias: Float
    /// sum + bias: the output value out[n, k, r, q].
    public let total: Float

    public var outputRow: Int { window.outputRow }
    public var outputColumn: Int { window.outputColumn }

    /// The number of input channels C the terms span.
    public var inputChannels: Int { (terms.map(\.inputChannel).max() ?? -1) + 1 }

    /// The terms of input channel `channel`, in tap order (row-major over the kernel).
    public func terms(channel: Int) -> [ConvWindowTerm] {
        terms.filter { $0.inputChannel == channel }
    }

    /// Σ products over the taps of one input channel: the slice's contribution before the sum
    /// over depth. Accumulated in tap order like the reference loop.
    public func sum(channel: Int) -> Float {
        var partial: Float = 0
        for term in terms where term.inputChannel == channel && !term.isPadding { partial += term.product }
        return partial
    }
}

/// The terms behind output cell (n, k, outputRow, outputColumn) of
/// `referenceConv2dForward(input:weight:bias:config:)`.
///
/// - Parameters:
///   - input: N×C×H×W.
///   - weight: K×C×KH×KW.
///   - bias: [K], or nil.
///   - batch: n in 0..<N.
///   - filter: k in 0..<K.
///   - outputRow: r in 0..<OH.
///   - outputColumn: q in 0..<OW.
/// - Precondition: the shapes agree, the geometry tiles, and the cell lies inside the output.
public func conv2dWindowTerms(
    input: Tensor, weight: Tensor, bias: Tensor?, config: Conv2DConfig,
    batch: Int, filter: Int, outputRow: Int, outputColumn: Int
) -> ConvWindowTerms {
    let geometry = conv2dGeometry(input: input, weight: weight, bias: bias, config: config)
    let (batchSize, inputChannels, inputHeight, inputWidth) = input.nchw
    let (outputChannels, _, kernelHeight, kernelWidth) = weight.nchw
    let (outputHeight, outputWidth) = geometry.outputSize
    precondition(
        (0..<batchSize).contains(batch) && (0..<outputChannels).contains(filter)
            && (0..<outputHeight).contains(outputRow) && (0..<outputWidth).contains(outputColumn),
        "conv2d window terms: cell (\(batch), \(filter), \(outputRow), \(outputColumn)) is outside the output \(Tensor.describe([batchSize, outputChannels, outputHeight, outputWidth]))")
    let window = Window(outputRow: outputRow, outputColumn: outputColumn, geometry: geometry)
    var terms: [ConvWindowTerm] = []
    terms.reserveCapacity(inputChannels * kernelHeight * kernelWidth)
    var sum: Float = 0
    for c in 0..<inputChannels {
        for tapRow in 0..<kernelHeight {
            for tapColumn in 0..<kernelWidth {
                let (row, column) = window.inputPosition(tapRow: tapRow, tapColumn: tapColumn)
                let isPadding = row < 0 || row >= inputHeight || column < 0 || column >= inputWidth
                let kernelRow = config.kernelRow(tapRow: tapRow, kernelHeight: kernelHeight)
                let kernelColumn = config.kernelColumn(tapColumn: tapColumn, kernelWidth: kernelWidth)
                let weightValue = weight.scalars[weight.nchwOffset(filter, c, kernelRow, kernelColumn)]
                let inputValue = isPadding ? 0 : input.scalars[input.nchwOffset(batch, c, row, column)]
                let product = isPadding ? 0 : inputValue * weightValue
                // The reference loop skips padding taps; skipping them here keeps the same sum.
                if !isPadding { sum += product }
                terms.append(ConvWindowTerm(
                    inputChannel: c, tapRow: tapRow, tapColumn: tapColumn,
                    inputRow: row, inputColumn: column, kernelRow: kernelRow, kernelColumn: kernelColumn,
                    inputValue: inputValue, weightValue: weightValue, product: product, isPadding: isPadding))
            }
        }
    }
    let biasValue = bias?.scalars[filter] ?? 0
    return ConvWindowTerms(
        batch: batch, filter: filter, window: window, terms: terms,
        sum: sum, bias: biasValue, total: sum + biasValue)
}
