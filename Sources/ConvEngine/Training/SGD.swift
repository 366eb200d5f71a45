/// Stochastic gradient descent with momentum and weight decay, exactly as PyTorch's
/// `torch.optim.SGD` (no dampening, no Nesterov). For each parameter w with gradient g:
///
///     g ← g + weightDecay · w
///     v ← g                  on the parameter's first step (momentum > 0)
///     v ← momentum · v + g   afterwards
///     w ← w − learningRate · v   (v = g when momentum is 0)
public struct SGD: Optimizer {
    public var learningRate: Float
    /// μ, how much of the previous velocity carries over; 0 for plain SGD.
    public var momentum: Float
    /// The L2 penalty's coefficient, added to the gradient as weightDecay · w.
    public var weightDecay: Float
    /// v per parameter name; absent until the parameter's first step.
    public private(set) var velocities: [String: Tensor] = [:]

    public init(learningRate: Float, momentum: Float = 0, weightDecay: Float = 0) {
        precondition(learningRate >= 0 && momentum >= 0 && weightDecay >= 0,
                     "SGD needs non-negative learning rate, momentum and weight decay")
        self.learningRate = learningRate
        self.momentum = momentum
        self.weightDecay = weightDecay
    }

    public mutating func update(_ parameter: inout Parameter) {
        var direction = parameter.gradient
        if weightDecay != 0 {
            direction = direction.zipWith(parameter.value) { gradient, weight in gradient + weightDecay * weight }
        }
        if momentum != 0 {
            if let velocity = velocities[parameter.name] {
                direction = velocity.zipWith(direction) { velocity, gradient in momentum * velocity + gradient }
            }
            velocities[parameter.name] = direction
        }
        let rate = learningRate
        parameter.value = parameter.value.zipWith(direction) { weight, step in weight - rate * step }
    }
}
