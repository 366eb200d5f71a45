/// A hand-designed convolution kernel with a name and a one-line account of what it detects:
/// what the learner compares learned filters against.
public struct NamedKernel: Equatable, Sendable {
    /// The lookup name, lower case with dashes: `sobel-x`.
    public let name: String
    /// One line: what the kernel responds to (with cross-correlation, as conv layers compute).
    public let summary: String
    /// The weights, KH×KW, row-major.
    public let values: Tensor

    public init(name: String, summary: String, rows: [[Float]]) {
        precondition(!rows.isEmpty && rows.allSatisfy { $0.count == rows[0].count }, "\(name): rows must be equally long")
        self.name = name
        self.summary = summary
        self.values = Tensor(shape: [rows.count, rows[0].count], scalars: rows.flatMap { $0 })
    }

    public var kernelHeight: Int { values.shape[0] }
    public var kernelWidth: Int { values.shape[1] }

    /// The weights row by row.
    public var rows: [[Float]] {
        (0..<kernelHeight).map { row in Array(values.scalars[(row * kernelWidth)..<((row + 1) * kernelWidth)]) }
    }

    /// The sum of the weights: 1 for kernels that keep brightness (blurs, sharpen, emboss),
    /// 0 for detectors that ignore flat regions (edges, Laplacian).
    public var sum: Float { values.sum() }

    /// The kernel as a conv weight for one filter over `channels` identical input channels,
    /// 1×C×KH×KW (OIHW), each channel's slice divided by C so a grey image read as C equal
    /// channels gives the same response as one channel.
    public func convWeight(channels: Int = 1) -> Tensor {
        precondition(channels >= 1, "channels must be at least 1, got \(channels)")
        let share = values.map { $0 / Float(channels) }
        return Tensor(shape: [1, channels, kernelHeight, kernelWidth],
                      scalars: Array(repeating: share.scalars, count: channels).flatMap { $0 })
    }
}
