// Layout: NCHW. Input N×C×H×W; one output cell (n, c, r, q) of a pooling layer.
//
// The arithmetic behind one output cell of `maxPool2dForward` or `avgPool2dForward`, value by
// value, so the pooling demo can show the window, the element max pooling picks, or the sum
// and divisor average pooling uses:
//
//     max: out[n, c, r, q] = max_{i, j} x[n, c, r·S_h − P_h + i, q·S_w − P_w + j]   (padding = −∞)
//     avg: out[n, c, r, q] = (1 / (KH·KW)) · Σ_{i, j} x[…]                          (padding = 0)

/// One value in a pooling window: the input under window tap (tapRow, tapColumn).
public struct PoolWindowTerm: Hashable, Sendable {
    /// The tap's place in the window, 0..<KH and 0..<KW.
    public let tapRow: Int
    public let tapColumn: Int
    /// The input position under the tap; negative or past the edge inside the padding.
    public let inputRow: Int
    public let inputColumn: Int
    /// The input value, or nil when the tap reads padding (−∞ for max, 0 for average).
    public let value: Float?
    /// The flat index into `input.scalars` of the value, nil in the padding.
    public let inputOffset: Int?

    /// True when the tap reads padding rather than a real input value.
    public var isPadding: Bool { value == nil }
}

/// Which pooling a window breakdown describes.
public enum PoolKind: String, Hashable, Sendable, CaseIterable {
    case max
    case average
}

/// Every value behind one pooling output cell and how they combine, computed in the same
/// order as the forward ops (tap row, then tap column, padding skipped) so `result` is bit for
/// bit the op's output and `route` its max route.
public struct PoolWindowTerms: Hashable, Sendable {
    public let kind: PoolKind
    public let batch: Int
    public let channel: Int
    /// The window that produces the cell; its output row and column name the cell.
    public let window: Window
    /// KH·KW terms in row-major window order.
    public let terms: [PoolWindowTerm]
    /// Max pooling: the index into `terms` of the chosen value (the first maximum; a NaN wins).
    /// Nil for average pooling.
    public let chosenTerm: Int?
    /// Max pooling: the flat index into `input.scalars` of the chosen value, as in
    /// `maxPool2dForward`'s routes. Nil for average pooling.
    public let route: Int?
    /// Average pooling: Σ of the real values (padding adds 0). Nil for max pooling.
    public let sum: Float?
    /// Average pooling: KH·KW, padding included (`count_include_pad = true`). Nil for max.
    public let divisor: Int?
    /// The output value out[n, c, r, q]: the maximum, or sum / divisor.
    public let result: Float

    public var outputRow: Int { window.outputRow }
    public var outputColumn: Int { window.outputColumn }

    /// The chosen term itself (max pooling), nil for average pooling.
    public var chosen: PoolWindowTerm? { chosenTerm.map { terms[$0] } }
}

/// The values behind output cell (batch, channel, outputRow, outputColumn) of
/// `maxPool2dForward(input:config:)`: the window, the first maximum and its route.
///
/// - Parameters:
///   - input: N×C×H×W.
///   - batch: n in 0..<N.
///   - channel: c in 0..<C.
/// - Precondition: the geometry tiles and the cell lies inside the output.
public func maxPool2dWindowTerms(
    input: Tensor, config: Pool2DConfig, batch: Int = 0, channel: Int, outputRow: Int, outputColumn: Int
) -> PoolWindowTerms {
    let (window, terms) = poolWindowTerms(
        input: input, config: config, operation: "max pool window terms",
        batch: batch, channel: channel, outputRow: outputRow, outputColumn: outputColumn)
    var best = -Float.infinity
    var chosen = -1
    for (index, term) in terms.enumerated() {
        guard let value = term.value else { continue }
        // The same test as maxPool2dForward: strictly greater keeps the first of equal maxima.
        if chosen < 0 || value > best || (value.isNaN && !best.isNaN) {
            best = value
            chosen = index
        }
    }
    return PoolWindowTerms(
        kind: .max, batch: batch, channel: channel, window: window, terms: terms,
        chosenTerm: chosen, route: terms[chosen].inputOffset, sum: nil, divisor: nil, result: best)
}

/// The values behind output cell (batch, channel, outputRow, outputColumn) of
/// `avgPool2dForward(input:config:)`: the window, its sum and the divisor KH·KW.
///
/// - Parameters:
///   - input: N×C×H×W.
///   - batch: n in 0..<N.
///   - channel: c in 0..<C.
/// - Precondition: the geometry tiles and the cell lies inside the output.
public func avgPool2dWindowTerms(
    input: Tensor, config: Pool2DConfig, batch: Int = 0, channel: Int, outputRow: Int, outputColumn: Int
) -> PoolWindowTerms {
    let (window, terms) = poolWindowTerms(
        input: input, config: config, operation: "average pool window terms",
        batch: batch, channel: channel, outputRow: outputRow, outputColumn: outputColumn)
    var sum: Float = 0
    for term in terms { if let value = term.value { sum += value } }
    let divisor = config.kernelHeight * config.kernelWidth
    return PoolWindowTerms(
        kind: .average, batch: batch, channel: channel, window: window, terms: terms,
        chosenTerm: nil, route: nil, sum: sum, divisor: divisor, result: sum / Float(divisor))
}

/// The window breakdown for either kind: `maxPool2dWindowTerms` or `avgPool2dWindowTerms`.
public func pool2dWindowTerms(
    kind: PoolKind, input: Tensor, config: Pool2DConfig, batch: Int = 0, channel: Int, outputRow: Int, outputColumn: Int
) -> PoolWindowTerms {
    switch kind {
    case .max:
        maxPool2dWindowTerms(input: input, config: config, batch: batch, channel: channel, outputRow: outputRow, outputColumn: outputColumn)
    case .average:
        avgPool2dWindowTerms(input: input, config: config, batch: batch, channel: channel, outputRow: outputRow, outputColumn: outputColumn)
    }
}

/// Checks the cell and reads its window's values in row-major tap order.
private func poolWindowTerms(
    input: Tensor, config: Pool2DConfig, operation: String,
    batch: Int, channel: Int, outputRow: Int, outputColumn: Int
) -> (Window, [PoolWindowTerm]) {
    let geometry = pool2dGeometry(inputShape: input.shape, config: config, operation: operation)
    let (batchSize, channels, inputHeight, inputWidth) = input.nchw
    let (outputHeight, outputWidth) = geometry.outputSize
    precondition(
        (0..<batchSize).contains(batch) && (0..<channels).contains(channel)
            && (0..<outputHeight).contains(outputRow) && (0..<outputWidth).contains(outputColumn),
        "\(operation): cell (\(batch), \(channel), \(outputRow), \(outputColumn)) is outside the output \(Tensor.describe([batchSize, channels, outputHeight, outputWidth]))")
    let window = Window(outputRow: outputRow, outputColumn: outputColumn, geometry: geometry)
    var terms: [PoolWindowTerm] = []
    terms.reserveCapacity(config.kernelHeight * config.kernelWidth)
    for tapRow in 0..<config.kernelHeight {
        for tapColumn in 0..<config.kernelWidth {
            let (row, column) = window.inputPosition(tapRow: tapRow, tapColumn: tapColumn)
            let isPadding = row < 0 || row >= inputHeight || column < 0 || column >= inputWidth
            let offset = isPadding ? nil : input.nchwOffset(batch, channel, row, column)
            terms.append(PoolWindowTerm(
                tapRow: tapRow, tapColumn: tapColumn, inputRow: row, inputColumn: column,
                value: offset.map { input.scalars[$0] }, inputOffset: offset))
        }
    }
    return (window, terms)
}
