import Foundation

// Activations act element by element, so they accept a tensor of any shape (NCHW after a
// convolution, N×features after a linear layer) and return the same shape.

/// An element-wise non-linearity and its derivative.
public enum Activation: Hashable, Sendable {
    /// max(0, x).
    case relu
    /// x for x > 0, slope·x otherwise (PyTorch's default slope is 0.01).
    case leakyRelu(slope: Float)
    /// 1 / (1 + e^(−x)).
    case sigmoid
    /// (e^x − e^(−x)) / (e^x + e^(−x)).
    case tanh

    /// The activation at `x`.
    public func value(_ x: Float) -> Float {
        switch self {
        case .relu:
            return x > 0 ? x : 0
        case let .leakyRelu(slope):
            return x > 0 ? x : slope * x
        case .sigmoid:
            // e^(−x) overflows for very negative x, so there use the equal form e^x / (1 + e^x),
            // whose exponential only shrinks. Either branch stays in [0, 1] for any x.
            if x >= 0 { return 1 / (1 + Foundation.exp(-x)) }
            let exponential = Foundation.exp(x)
            return exponential / (1 + exponential)
        case .tanh:
            return Foundation.tanh(x)
        }
    }

    /// The derivative d value / dx at `x`. At the kink x = 0, ReLU and leaky ReLU take the
    /// left-hand slope (0 and `slope`), as PyTorch does.
    public func derivative(_ x: Float) -> Float {
        switch self {
        case .relu:
            return x > 0 ? 1 : 0
        case let .leakyRelu(slope):
            return x > 0 ? 1 : slope
        case .sigmoid:
            // σ'(x) = σ(x)·(1 − σ(x)).
            let s = value(x)
            return s * (1 - s)
        case .tanh:
            // tanh'(x) = 1 − tanh²(x).
            let t = Foundation.tanh(x)
            return 1 - t * t
        }
    }
}

/// Applies `activation` to every element.
///
/// - Parameter input: any shape.
/// - Returns: the same shape as `input`.
public func activationForward(_ input: Tensor, _ activation: Activation) -> Tensor {
    input.map(activation.value)
}

/// The chain rule through an element-wise activation: dInput = dOutput ⊙ f′(input).
///
/// - Parameters:
///   - dOutput: the shape of `input`.
///   - input: the forward input (the pre-activation), any shape.
/// - Returns: dInput, the shape of `input`.
public func activationBackward(dOutput: Tensor, input: Tensor, _ activation: Activation) -> Tensor {
    precondition(
        dOutput.shape == input.shape,
        "activation backward: dOutput \(Tensor.describe(dOutput.shape)) does not match input \(Tensor.describe(input.shape))")
    return dOutput.zipWith(input) { gradient, x in gradient * activation.derivative(x) }
}
