/// How a window geometry whose windows do not tile its input is treated.
///
/// The exact rule (CS231n's) asks (W − F + 2P)/S + 1 to be a whole number and calls any other
/// combination invalid, because the last window would run past the padded edge. Frameworks
/// round down instead: PyTorch's `nn.Conv2d` and `nn.MaxPool2d` (default `ceil_mode=False`)
/// and TensorFlow's `padding="valid"` give ⌊(W − F + 2P)/S⌋ + 1 and never read the last
/// (W − F + 2P) mod S positions of the padded input. PyTorch's pooling can also round up
/// (`ceil_mode=True`); the engine does not offer that.
public enum OutputSizeConvention: String, CaseIterable, Codable, Hashable, Sendable {
    /// The remainder must be zero; otherwise the geometry "does not tile" (CS231n).
    case exact
    /// Round down and drop what no whole window reaches (PyTorch, TensorFlow "valid").
    case floor

    /// Who uses the convention, for sentences a learner reads.
    public var source: String {
        switch self {
        case .exact: "the exact rule (CS231n)"
        case .floor: "PyTorch's floor"
        }
    }

    /// The other convention.
    public var other: OutputSizeConvention {
        switch self {
        case .exact: .floor
        case .floor: .exact
        }
    }
}
