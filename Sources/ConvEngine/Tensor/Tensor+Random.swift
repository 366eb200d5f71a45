import Foundation

extension Tensor {
    /// Elements drawn uniformly from [low, high).
    public static func uniform(_ shape: [Int], low: Float, high: Float, using rng: inout SeededGenerator) -> Tensor {
        var values = [Float](repeating: 0, count: shape.reduce(1, *))
        for i in values.indices { values[i] = rng.nextFloat(in: low..<high) }
        return Tensor(shape: shape, scalars: values)
    }

    /// Elements drawn from a normal distribution with the given mean and standard deviation.
    public static func normal(_ shape: [Int], mean: Float = 0, std: Float = 1, using rng: inout SeededGenerator) -> Tensor {
        var values = [Float](repeating: 0, count: shape.reduce(1, *))
        for i in values.indices { values[i] = mean + std * rng.nextNormal() }
        return Tensor(shape: shape, scalars: values)
    }

    /// PyTorch's default weight initialisation for `nn.Conv2d` and `nn.Linear`:
    /// `kaiming_uniform_(w, a: √5)`, which works out to U(−1/√fanIn, 1/√fanIn), where fanIn is
    /// `in × kh × kw` for a conv weight (OIHW) and `in` for a linear weight (out, in).
    public static func kaimingUniform(_ shape: [Int], using rng: inout SeededGenerator) -> Tensor {
        precondition(shape.count >= 2, "a weight needs at least two axes, got \(describe(shape))")
        let fanIn = shape.dropFirst().reduce(1, *)
        // gain = √(2 / (1 + a²)) with a = √5 gives √(1/3); bound = gain·√(3 / fanIn) = 1/√fanIn.
        let bound = 1 / Float(fanIn).squareRoot()
        return uniform(shape, low: -bound, high: bound, using: &rng)
    }

    /// PyTorch's default bias initialisation: U(−1/√fanIn, 1/√fanIn) with the weight's fanIn.
    public static func defaultBias(count: Int, fanIn: Int, using rng: inout SeededGenerator) -> Tensor {
        let bound = fanIn > 0 ? 1 / Float(fanIn).squareRoot() : 0
        return uniform([count], low: -bound, high: bound, using: &rng)
    }
}
