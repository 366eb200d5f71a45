/// Counts of (true class, predicted class) pairs: `counts[t][p]` examples of class t were
/// predicted as p. The diagonal holds the correct predictions.
public struct ConfusionMatrix: Sendable, Hashable, Codable {
    /// classes×classes, rows by true class, columns by predicted class.
    public private(set) var counts: [[Int]]

    public init(classCount: Int) {
        counts = Array(repeating: Array(repeating: 0, count: classCount), count: classCount)
    }

    public var classCount: Int { counts.count }

    public mutating func record(label: Int, prediction: Int) {
        counts[label][prediction] += 1
    }

    /// All examples counted.
    public var total: Int { counts.reduce(0) { $0 + $1.reduce(0, +) } }
    /// Correct predictions: the trace.
    public var correct: Int { counts.indices.reduce(0) { $0 + counts[$1][$1] } }
    /// correct / total (0 when empty).
    public var accuracy: Double { total == 0 ? 0 : Double(correct) / Double(total) }

    /// The matrix as text: a header of predicted classes, then one row per true class.
    public func rendered() -> String {
        let width = max(String(counts.joined().max() ?? 0).count, String(classCount - 1).count) + 1
        func cell(_ text: String) -> String { String(repeating: " ", count: max(0, width - text.count)) + text }
        let header = "true\\pred" + (0..<classCount).map { cell(String($0)) }.joined()
        let rows = counts.enumerated().map { label, row in
            String(repeating: " ", count: 9 - String(label).count) + String(label) + row.map { cell(String($0)) }.joined()
        }
        return ([header] + rows).joined(separator: "\n")
    }
}

/// The class with the largest logit in each row of an N×classes tensor (the first on ties).
public func predictedClasses(logits: Tensor) -> [Int] {
    precondition(logits.rank == 2, "logits must be N×classes, got \(Tensor.describe(logits.shape))")
    let (batch, classes) = (logits.shape[0], logits.shape[1])
    return (0..<batch).map { row in
        var best = 0
        for column in 1..<max(classes, 1) where logits.scalars[row * classes + column] > logits.scalars[row * classes + best] {
            best = column
        }
        return best
    }
}
