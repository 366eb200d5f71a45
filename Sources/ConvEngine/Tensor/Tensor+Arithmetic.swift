// Element-wise helpers used by optimisers, losses and tests. Shapes must match exactly: there
// is no broadcasting, so a mismatch is a programmer error that names both shapes.

extension Tensor {
    /// Applies `transform` to every element.
    public func map(_ transform: (Float) -> Float) -> Tensor {
        Tensor(shape: shape, scalars: scalars.map(transform))
    }

    /// Combines two tensors of the same shape element by element.
    public func zipWith(_ other: Tensor, _ combine: (Float, Float) -> Float) -> Tensor {
        precondition(shape == other.shape, "shape mismatch: \(Tensor.describe(shape)) vs \(Tensor.describe(other.shape))")
        var out = scalars
        other.scalars.withUnsafeBufferPointer { rhs in
            for i in out.indices { out[i] = combine(out[i], rhs[i]) }
        }
        return Tensor(shape: shape, scalars: out)
    }

    public static func + (lhs: Tensor, rhs: Tensor) -> Tensor { lhs.zipWith(rhs, +) }
    public static func - (lhs: Tensor, rhs: Tensor) -> Tensor { lhs.zipWith(rhs, -) }
    public static func * (lhs: Tensor, rhs: Float) -> Tensor { lhs.map { $0 * rhs } }

    /// Adds `other` into `self` element by element.
    public mutating func add(_ other: Tensor) {
        precondition(shape == other.shape, "shape mismatch: \(Tensor.describe(shape)) vs \(Tensor.describe(other.shape))")
        other.scalars.withUnsafeBufferPointer { rhs in
            for i in scalars.indices { scalars[i] += rhs[i] }
        }
    }

    /// Sum of all elements, accumulated in Double so long sums do not drift.
    public func sum() -> Float {
        var total = 0.0
        for value in scalars { total += Double(value) }
        return Float(total)
    }

    /// Largest absolute element-wise difference; the yardstick tests report.
    public func maxAbsDifference(_ other: Tensor) -> Float {
        precondition(shape == other.shape, "shape mismatch: \(Tensor.describe(shape)) vs \(Tensor.describe(other.shape))")
        var worst: Float = 0
        for i in scalars.indices { worst = max(worst, abs(scalars[i] - other.scalars[i])) }
        return worst
    }
}
