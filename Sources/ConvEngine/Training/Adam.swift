import Foundation

/// Adam, exactly as PyTorch's `torch.optim.Adam` (not AMSGrad; weight decay as an L2 term
/// added to the gradient, not AdamW's decoupled decay). For each parameter w with gradient g,
/// at its t-th step (t counted per parameter, from 1):
///
///     g ← g + weightDecay · w
///     m ← β1 · m + (1 − β1) · g              (m, v start at 0)
///     v ← β2 · v + (1 − β2) · g²
///     w ← w − (lr / (1 − β1^t)) · m / (√v / √(1 − β2^t) + ε)
///
/// which is w − lr · m̂ / (√v̂ + ε) with the bias-corrected m̂ = m/(1 − β1^t), v̂ = v/(1 − β2^t),
/// arranged as PyTorch arranges it (ε is added after the correction of √v).
public struct Adam: Optimizer {
    public var learningRate: Float
    public var beta1: Float
    public var beta2: Float
    public var epsilon: Float
    public var weightDecay: Float
    /// m per parameter name.
    public private(set) var firstMoments: [String: Tensor] = [:]
    /// v per parameter name.
    public private(set) var secondMoments: [String: Tensor] = [:]
    /// t per parameter name: how many steps that parameter has taken.
    public private(set) var stepCounts: [String: Int] = [:]

    /// PyTorch's defaults: lr 0.001, betas (0.9, 0.999), eps 1e-8, no weight decay.
    public init(learningRate: Float = 1e-3, beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-8, weightDecay: Float = 0) {
        precondition((0..<1).contains(beta1) && (0..<1).contains(beta2), "Adam's betas must lie in [0, 1)")
        precondition(learningRate >= 0 && epsilon >= 0 && weightDecay >= 0, "Adam needs non-negative lr, eps and weight decay")
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.weightDecay = weightDecay
    }

    public mutating func update(_ parameter: inout Parameter) {
        let name = parameter.name
        let step = (stepCounts[name] ?? 0) + 1
        stepCounts[name] = step

        var gradient = parameter.gradient
        if weightDecay != 0 {
            let decay = weightDecay
            gradient = gradient.zipWith(parameter.value) { gradient, weight in gradient + decay * weight }
        }
        let (beta1, beta2) = (self.beta1, self.beta2)
        let first = (firstMoments[name] ?? Tensor.zeros(gradient.shape))
            .zipWith(gradient) { moment, gradient in beta1 * moment + (1 - beta1) * gradient }
        let second = (secondMoments[name] ?? Tensor.zeros(gradient.shape))
            .zipWith(gradient) { moment, gradient in beta2 * moment + (1 - beta2) * gradient * gradient }
        firstMoments[name] = first
        secondMoments[name] = second

        // The corrections are scalars, computed in double precision as PyTorch does.
        let correction1 = 1 - pow(Double(beta1), Double(step))
        let correction2Root = (1 - pow(Double(beta2), Double(step))).squareRoot()
        let stepSize = Float(Double(learningRate) / correction1)
        let rootCorrection = Float(correction2Root)
        let epsilon = self.epsilon
        var value = parameter.value
        for index in value.scalars.indices {
            let denominator = second.scalars[index].squareRoot() / rootCorrection + epsilon
            value.scalars[index] -= stepSize * first.scalars[index] / denominator
        }
        parameter.value = value
    }
}
