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

    /// Updates the weights and the velocity in place, element by element, with the same
    /// arithmetic as the formulas above: after the first step nothing is allocated. A velocity
    /// below the smallest normal float becomes zero (see inside).
    public mutating func update(_ parameter: inout Parameter) {
        let (rate, momentum, weightDecay) = (self.learningRate, self.momentum, self.weightDecay)
        let (name, gradient) = (parameter.name, parameter.gradient)
        precondition(gradient.count == parameter.value.count, "\(name): gradient and value differ in size")
        guard momentum != 0 else {
            parameter.value.scalars.withUnsafeMutableBufferPointer { weights in
                gradient.scalars.withUnsafeBufferPointer { gradients in
                    for index in weights.indices {
                        var direction = gradients[index]
                        if weightDecay != 0 { direction = direction + weightDecay * weights[index] }
                        weights[index] = weights[index] - rate * direction
                    }
                }
            }
            return
        }
        let isFirstStep = velocities[name] == nil
        if isFirstStep { velocities[name] = Tensor.zeros(parameter.shape) }
        let hasDecay = weightDecay != 0
        parameter.value.scalars.withUnsafeMutableBufferPointer { weights in
            gradient.scalars.withUnsafeBufferPointer { gradients in
                velocities[name]!.scalars.withUnsafeMutableBufferPointer { velocity in
                    precondition(velocity.count == weights.count, "\(name): velocity and value differ in size")
                    for index in weights.indices {
                        let direction = hasDecay ? gradients[index] + weightDecay * weights[index] : gradients[index]
                        let step = isFirstStep ? direction : momentum * velocity[index] + direction
                        // A weight whose gradient stays zero (a unit ReLU keeps dead) has its
                        // velocity shrink by μ each step into the subnormal floats, where every
                        // operation on it costs the CPU a microcode assist of about 100 cycles:
                        // SGD took 31% of a batch-1 step. Below the smallest normal float
                        // (1.2e-38) it is flushed to zero: with a learning rate up to 1, lr·v
                        // is then under half a unit in the last place of any weight above
                        // 1e-30 in size, which would not have moved anyway.
                        let kept = step.magnitude < Float.leastNormalMagnitude ? 0 : step
                        velocity[index] = kept
                        weights[index] = weights[index] - rate * kept
                    }
                }
            }
        }
    }
}
