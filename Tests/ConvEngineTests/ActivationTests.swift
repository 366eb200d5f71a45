import ConvEngine
import Foundation
import Testing
import TestSupport

@Suite struct ActivationTests {
    static let all: [Activation] = [.relu, .leakyRelu(slope: 0.1), .sigmoid, .tanh]

    @Test func valuesAtKnownPoints() {
        #expect(Activation.relu.value(-2) == 0)
        #expect(Activation.relu.value(0) == 0)
        #expect(Activation.relu.value(3) == 3)
        #expect(Activation.leakyRelu(slope: 0.1).value(-2) == -0.2)
        #expect(Activation.leakyRelu(slope: 0.1).value(3) == 3)
        #expect(Activation.sigmoid.value(0) == 0.5)
        // σ(ln 3) = 1/(1 + 1/3) = 3/4 and σ(−ln 3) = 1/4.
        #expect(abs(Activation.sigmoid.value(Float(log(3.0))) - 0.75) < 1e-6)
        #expect(abs(Activation.sigmoid.value(-Float(log(3.0))) - 0.25) < 1e-6)
        // tanh(ln 2) = (2 − 1/2)/(2 + 1/2) = 0.6.
        #expect(Activation.tanh.value(0) == 0)
        #expect(abs(Activation.tanh.value(Float(log(2.0))) - 0.6) < 1e-6)
    }

    /// For large |x| the sigmoid saturates to exactly 0 or 1 instead of overflowing to NaN.
    @Test func sigmoidIsStableForLargeInputs() {
        for x: Float in [-1000, -100, -89, 89, 100, 1000, -.greatestFiniteMagnitude, .greatestFiniteMagnitude] {
            let value = Activation.sigmoid.value(x)
            #expect(value.isFinite && value >= 0 && value <= 1, "σ(\(x)) = \(value)")
            #expect(!Activation.sigmoid.derivative(x).isNaN, "σ′(\(x)) is NaN")
        }
        #expect(Activation.sigmoid.value(1000) == 1)
        #expect(Activation.sigmoid.value(-1000) == 0)
        for x: Float in [-20, -5, -0.5, 0.5, 5, 20] {
            #expect(abs(Activation.sigmoid.value(x) + Activation.sigmoid.value(-x) - 1) < 1e-6, "σ(x) + σ(−x) ≠ 1 at \(x)")
        }
    }

    /// At the kink x = 0, ReLU's derivative is 0 and leaky ReLU's is its slope, as in PyTorch.
    @Test func derivativesAtKnownPoints() {
        #expect(Activation.relu.derivative(0) == 0)
        #expect(Activation.relu.derivative(-1) == 0)
        #expect(Activation.relu.derivative(2) == 1)
        #expect(Activation.leakyRelu(slope: 0.1).derivative(0) == 0.1)
        #expect(Activation.leakyRelu(slope: 0.1).derivative(-1) == 0.1)
        #expect(Activation.leakyRelu(slope: 0.1).derivative(1) == 1)
        #expect(Activation.sigmoid.derivative(0) == 0.25)
        #expect(Activation.tanh.derivative(0) == 1)
    }

    /// `derivative` matches (f(x + ε) − f(x − ε)) / 2ε away from the kink at 0.
    @Test(arguments: all)
    func derivativeMatchesCentralDifference(_ activation: Activation) {
        let epsilon = 1e-2
        for x in stride(from: -4.0, through: 4.0, by: 0.25) where abs(x) > 0.1 {
            let above = Double(activation.value(Float(x + epsilon)))
            let below = Double(activation.value(Float(x - epsilon)))
            let numerical = (above - below) / (2 * epsilon)
            let analytic = Double(activation.derivative(Float(x)))
            #expect(abs(numerical - analytic) <= 1e-3, "\(activation) at \(x): analytic \(analytic), numerical \(numerical)")
        }
    }

    /// activationBackward against finite differences of Σ f(x) ⊙ G, with every input at least
    /// 0.05 from the kink so a ±0.01 nudge never crosses it.
    @Test(arguments: all)
    func backwardMatchesFiniteDifferences(_ activation: Activation) {
        var rng = SeededGenerator(seed: 21)
        let input = Tensor.uniform([2, 3, 4, 5], low: -3, high: 3, using: &rng).map { $0 >= 0 ? $0 + 0.05 : $0 - 0.05 }
        let upstream = Tensor.uniform(input.shape, low: -1, high: 1, using: &rng)
        let dInput = activationBackward(dOutput: upstream, input: input, activation)
        #expect(dInput.shape == input.shape)
        expectGradientMatches("\(activation) dInput", analytic: dInput, at: input) { probe in
            weightedSum(activationForward(probe, activation), upstream: upstream)
        }
    }

    @Test func forwardKeepsTheShape() {
        let input = Tensor(shape: [1, 2, 1, 2], scalars: [-1, 2, -3, 4])
        let output = activationForward(input, .relu)
        #expect(output.shape == [1, 2, 1, 2])
        #expect(output.scalars == [0, 2, 0, 4])
    }
}
