/// The largest values ConvLab accepts from a user or a file, checked before any arithmetic or
/// allocation that depends on them. The bounds are far above anything the course uses (VGG16's
/// 224×224×3 input and 4096-wide layers fit comfortably) and far below what would overflow a
/// 64-bit size computed from them, so a typo or a hostile file gets a clear error instead of a
/// trap, a hang or a request for terabytes. The README's table of limits repeats these numbers.
public enum Limits {
    /// Largest spatial side: an image's or feature map's height or width, a kernel side, a
    /// padding, a stride or a dilation.
    public static let side = 16_384
    /// Most channels of a feature map, and most filters of one conv layer.
    public static let channels = 65_536
    /// Most features entering or leaving one linear layer (C·H·W after flatten counts).
    public static let features = 1 << 28
    /// Most layers in one architecture spec.
    public static let layers = 1_000
    /// Largest batch a training run or benchmark takes.
    public static let batch = 65_536
    /// Most examples in one data set (MNIST has 70,000).
    public static let examples = 1_000_000
    /// Most bytes a run may plan to use (weights, gradients, optimiser state, activations and
    /// the data set), estimated from its spec and sizes before anything is allocated.
    public static let memoryBytes = 8 << 30
    /// Largest file a reader accepts, and the most bytes an inflated member may grow to.
    public static let fileBytes = 2 << 30
}

extension Limits {
    /// `value` if it lies in `range`, else an error naming `quantity`, the value and the range.
    public static func check(_ value: Int, _ quantity: String, in range: ClosedRange<Int>) throws(LimitError) -> Int {
        guard range.contains(value) else { throw LimitError(quantity: quantity, value: value, range: range) }
        return value
    }

    /// The product of `factors`, or nil when it overflows `Int` (or any factor is negative).
    public static func product(_ factors: [Int]) -> Int? {
        var result = 1
        for factor in factors {
            guard factor >= 0 else { return nil }
            let (next, overflow) = result.multipliedReportingOverflow(by: factor)
            if overflow { return nil }
            result = next
        }
        return result
    }

    /// The sum of `terms`, or nil when it overflows `Int`.
    public static func sum(_ terms: [Int]) -> Int? {
        var result = 0
        for term in terms {
            let (next, overflow) = result.addingReportingOverflow(term)
            if overflow { return nil }
            result = next
        }
        return result
    }

    /// A byte count for people: "93.1 GB", "512 MB", "4 KB" (decimal units, one decimal below 100).
    public static func formatBytes(_ bytes: Int) -> String {
        let units = ["bytes", "KB", "MB", "GB", "TB", "PB", "EB"]
        var value = Double(bytes)
        var unit = 0
        while value >= 1000, unit < units.count - 1 {
            value /= 1000
            unit += 1
        }
        if unit == 0 { return "\(bytes) bytes" }
        let rounded = value < 100 ? (value * 10).rounded() / 10 : value.rounded()
        let text = rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
        return "\(text) \(units[unit])"
    }
}

/// A user- or file-given number outside the range ConvLab accepts.
public struct LimitError: Error, Equatable, Sendable, CustomStringConvertible {
    public var quantity: String
    public var value: Int
    public var range: ClosedRange<Int>

    public init(quantity: String, value: Int, range: ClosedRange<Int>) {
        self.quantity = quantity
        self.value = value
        self.range = range
    }

    public var description: String {
        value < range.lowerBound
            ? "\(quantity) must be at least \(range.lowerBound), got \(value)"
            : "\(quantity) must be at most \(range.upperBound), got \(value)"
    }
}
