import ConvEngine
import Testing
import TestSupport

@Suite struct LinearTests {
    /// out[n, o] = b[o] + Σ_i x[n, i]·w[o, i]:
    /// row [1, 2, 3]: 1 − 3 + 0.5 = −1.5 and 2 + 2 − 1 = 3;
    /// row [0, −1, 1]: 0 + 0 − 1 + 0.5 = −0.5 and 0 − 1 + 0 − 1 = −2.
    @Test func handWorkedForward() {
        let input = Tensor(shape: [2, 3], scalars: [1, 2, 3, 0, -1, 1])
        let weight = Tensor(shape: [2, 3], scalars: [1, 0, -1, 2, 1, 0])
        let bias = Tensor(shape: [2], scalars: [0.5, -1])
        let output = linearForward(input: input, weight: weight, bias: bias)
        #expect(output.shape == [2, 2])
        #expect(output.scalars == [-1.5, 3, -0.5, -2])
        #expect(linearForward(input: input, weight: weight, bias: nil).scalars == [-2, 4, -1, -1])
    }

    @Test(arguments: [true, false])
    func backwardMatchesFiniteDifferences(hasBias: Bool) {
        var rng = SeededGenerator(seed: hasBias ? 31 : 32)
        let input = Tensor.uniform([2, 5], low: -1, high: 1, using: &rng)
        let weight = Tensor.uniform([3, 5], low: -1, high: 1, using: &rng)
        let bias = hasBias ? Tensor.uniform([3], low: -1, high: 1, using: &rng) : nil
        let upstream = Tensor.uniform([2, 3], low: -1, high: 1, using: &rng)
        let gradients = linearBackward(dOutput: upstream, input: input, weight: weight, hasBias: hasBias)
        expectGradientMatches("linear dInput", analytic: gradients.dInput, at: input) { probe in
            weightedSum(linearForward(input: probe, weight: weight, bias: bias), upstream: upstream)
        }
        expectGradientMatches("linear dWeight", analytic: gradients.dWeight, at: weight) { probe in
            weightedSum(linearForward(input: input, weight: probe, bias: bias), upstream: upstream)
        }
        if let bias, let dBias = gradients.dBias {
            expectGradientMatches("linear dBias", analytic: dBias, at: bias) { probe in
                weightedSum(linearForward(input: input, weight: weight, bias: probe), upstream: upstream)
            }
        } else {
            #expect((bias == nil) == (gradients.dBias == nil), "dBias must exist exactly when there is a bias")
        }
    }

    @Test func featureMismatchIsAPreconditionFailure() async {
        await #expect(processExitsWith: .failure) {
            _ = linearForward(input: Tensor.zeros([2, 4]), weight: Tensor.zeros([3, 5]), bias: nil)
        }
    }
}

@Suite struct FlattenTests {
    /// Element (c, h, w) of a C×H×W image lands at feature c·H·W + h·W + w, PyTorch's order.
    @Test func flattenOrdersChannelsThenRowsThenColumns() {
        let input = Tensor(shape: [2, 2, 2, 3], scalars: (0..<24).map(Float.init))
        let flat = flattenForward(input)
        #expect(flat.shape == [2, 12])
        for n in 0..<2 { for c in 0..<2 { for h in 0..<2 { for w in 0..<3 {
            #expect(flat[n, c * 6 + h * 3 + w] == input[n, c, h, w])
        } } } }
    }

    @Test func backwardRestoresTheInputShape() {
        var rng = SeededGenerator(seed: 41)
        let input = Tensor.uniform([2, 3, 2, 2], low: -1, high: 1, using: &rng)
        let upstream = Tensor.uniform([2, 12], low: -1, high: 1, using: &rng)
        let dInput = flattenBackward(dOutput: upstream, inputShape: input.shape)
        #expect(dInput.shape == [2, 3, 2, 2])
        expectGradientMatches("flatten dInput", analytic: dInput, at: input) { probe in
            weightedSum(flattenForward(probe), upstream: upstream)
        }
    }
}
