import ConvEngine
import Testing

/// The comparison of an analytic gradient with central finite differences of the same loss.
///
/// For each element x_i of the point, the numerical gradient is
///
///     (L(x + ε·e_i) − L(x − ε·e_i)) / 2ε,
///
/// whose error is O(ε²) for a smooth loss. An element passes when
/// |analytic − numerical| ≤ absoluteTolerance + relativeTolerance · max(|analytic|, |numerical|).
public struct GradientCheck: CustomStringConvertible, Sendable {
    /// What was differentiated, e.g. "conv2d dWeight (stride 2, padding 1)".
    public let name: String
    /// The gradient from the backward op.
    public let analytic: Tensor
    /// The central-difference estimate, the same shape as `analytic`.
    public let numerical: Tensor
    /// max_i |analytic_i − numerical_i|.
    public let maxAbsoluteDifference: Double
    /// max_i |analytic_i − numerical_i| / max(|analytic_i|, |numerical_i|, absoluteTolerance):
    /// relative where the gradient is large, absolute (scaled) where it is near zero.
    public let maxRelativeDifference: Double
    /// The flat index of the element with the largest absolute difference.
    public let worstIndex: Int
    public let absoluteTolerance: Double
    public let relativeTolerance: Double
    /// How many elements fall outside the tolerance.
    public let failureCount: Int

    /// Whether every element is within tolerance.
    public var passed: Bool { failureCount == 0 }

    public var description: String {
        let verdict = passed ? "matches" : "FAILS on \(failureCount) of \(analytic.count) elements"
        var text = "\(name) \(Tensor.describe(analytic.shape)): analytic vs central differences \(verdict); "
        text += "max |difference| = \(maxAbsoluteDifference)"
        if analytic.count > 0 {
            text += " at index \(worstIndex) (analytic \(analytic.scalars[worstIndex]), numerical \(numerical.scalars[worstIndex]))"
        }
        text += ", max relative difference = \(maxRelativeDifference); tolerance \(absoluteTolerance) + \(relativeTolerance)·|gradient|"
        return text
    }

    /// Compares `analytic` with `numerical` element by element.
    public init(name: String, analytic: Tensor, numerical: Tensor, absoluteTolerance: Double, relativeTolerance: Double) {
        precondition(
            analytic.shape == numerical.shape,
            "\(name): analytic gradient \(Tensor.describe(analytic.shape)) vs numerical \(Tensor.describe(numerical.shape))")
        var maxAbsolute = 0.0
        var maxRelative = 0.0
        var worst = 0
        var failures = 0
        for index in analytic.scalars.indices {
            let a = Double(analytic.scalars[index])
            let n = Double(numerical.scalars[index])
            let difference = abs(a - n)
            let scale = max(abs(a), abs(n))
            if !(difference <= absoluteTolerance + relativeTolerance * scale) { failures += 1 }
            if difference > maxAbsolute || difference.isNaN {
                maxAbsolute = difference
                worst = index
            }
            maxRelative = max(maxRelative, difference / max(scale, absoluteTolerance))
        }
        self.name = name
        self.analytic = analytic
        self.numerical = numerical
        self.maxAbsoluteDifference = maxAbsolute
        self.maxRelativeDifference = maxRelative
        self.worstIndex = worst
        self.absoluteTolerance = absoluteTolerance
        self.relativeTolerance = relativeTolerance
        self.failureCount = failures
    }
}

/// The central-difference gradient of `loss` at `point`: each element is nudged by ±ε in
/// turn. The loss returns Double so sums over many outputs do not drown the small difference
/// L(x + ε) − L(x − ε) in Float32 rounding.
///
/// - Parameters:
///   - point: any shape.
///   - epsilon: the nudge; about 1e-2 suits Float32 ops (smaller nudges lose the difference
///     in rounding, larger ones in curvature).
/// - Returns: the shape of `point`.
public func numericalGradient(at point: Tensor, epsilon: Float = 1e-2, loss: (Tensor) -> Double) -> Tensor {
    var gradient = Tensor.zeros(point.shape)
    var probe = point
    for index in point.scalars.indices {
        let original = point.scalars[index]
        probe.scalars[index] = original + epsilon
        let above = loss(probe)
        probe.scalars[index] = original - epsilon
        let below = loss(probe)
        probe.scalars[index] = original
        // Divide by the nudge actually applied, which Float32 rounding may have changed.
        let step = Double(original + epsilon) - Double(original - epsilon)
        gradient.scalars[index] = Float((above - below) / step)
    }
    return gradient
}

/// Compares `analytic` with the central-difference gradient of `loss` at `point`.
public func checkGradient(
    _ name: String, analytic: Tensor, at point: Tensor, epsilon: Float = 1e-2,
    absoluteTolerance: Double = 1e-3, relativeTolerance: Double = 1e-2,
    loss: (Tensor) -> Double
) -> GradientCheck {
    let numerical = numericalGradient(at: point, epsilon: epsilon, loss: loss)
    return GradientCheck(
        name: name, analytic: analytic, numerical: numerical,
        absoluteTolerance: absoluteTolerance, relativeTolerance: relativeTolerance)
}

/// `checkGradient`, recording a test issue at the caller that states the maximum absolute
/// and relative differences when any element is out of tolerance.
@discardableResult
public func expectGradientMatches(
    _ name: String, analytic: Tensor, at point: Tensor, epsilon: Float = 1e-2,
    absoluteTolerance: Double = 1e-3, relativeTolerance: Double = 1e-2,
    sourceLocation: SourceLocation = #_sourceLocation,
    loss: (Tensor) -> Double
) -> GradientCheck {
    let check = checkGradient(
        name, analytic: analytic, at: point, epsilon: epsilon,
        absoluteTolerance: absoluteTolerance, relativeTolerance: relativeTolerance, loss: loss)
    if !check.passed { Issue.record("\(check)", sourceLocation: sourceLocation) }
    return check
}

/// Σ output ⊙ upstream, accumulated in Double: a scalar loss whose gradient with respect to
/// `output` is exactly `upstream`, so a backward op fed `upstream` as dOutput must give this
/// loss's gradient. A random upstream makes every output element matter differently.
public func weightedSum(_ output: Tensor, upstream: Tensor) -> Double {
    precondition(
        output.shape == upstream.shape,
        "weightedSum: output \(Tensor.describe(output.shape)) vs upstream \(Tensor.describe(upstream.shape))")
    var total = 0.0
    for index in output.scalars.indices { total += Double(output.scalars[index]) * Double(upstream.scalars[index]) }
    return total
}
