/// Something that turns gradients into parameter updates.
///
/// An optimiser updates one parameter at a time and keeps its per-parameter state (momentum,
/// moments, step counts) keyed by the parameter's `name`, so the names it sees must be unique
/// and stable: `Sequential.updateParameters` passes PyTorch's qualified names (`0.weight`).
/// Gradients are read, never cleared: call `zeroGradients()` before the next batch.
public protocol Optimizer: Sendable {
    /// The step size; may be changed between steps (a schedule).
    var learningRate: Float { get set }
    /// Applies one update to `parameter.value` from `parameter.gradient`.
    mutating func update(_ parameter: inout Parameter)
}

extension Optimizer {
    /// One step over every parameter in the list.
    public mutating func step(_ parameters: inout [Parameter]) {
        for index in parameters.indices { update(&parameters[index]) }
    }

    /// One step over every parameter of a network, in place.
    public mutating func step(_ model: inout Sequential) {
        model.updateParameters { update(&$0) }
    }
}
