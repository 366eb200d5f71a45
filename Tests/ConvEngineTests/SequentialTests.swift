import Testing
@testable import ConvEngine

/// Central finite differences of a scalar function of one tensor, evaluated in Float64 where
/// it can be: ∂f/∂x_i ≈ (f(x + h·e_i) − f(x − h·e_i)) / 2h.
private func numericalGradient(of tensor: Tensor, step: Float = 3e-3, _ loss: (Tensor) -> Double) -> Tensor {
    var gradient = Tensor.zeros(tensor.shape)
    for index in tensor.scalars.indices {
        var plus = tensor
        plus.scalars[index] += step
        var minus = tensor
        minus.scalars[index] -= step
        let plusStep = Double(plus.scalars[index] - tensor.scalars[index])
        let minusStep = Double(tensor.scalars[index] - minus.scalars[index])
        gradient.scalars[index] = Float((loss(plus) - loss(minus)) / (plusStep + minusStep))
    }
    return gradient
}

/// Σ output ⊙ weights in Float64: a loss whose ∂/∂output is exactly `weights`.
private func weightedSum(_ output: Tensor, _ weights: Tensor) -> Double {
    zip(output.scalars, weights.scalars).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
}

/// max |analytic − numeric| / max |numeric|: the worst error relative to the gradient's scale,
/// so a gradient off by 1% fails however small its entries are.
private func worstError(_ analytic: Tensor, _ numeric: Tensor) -> Float {
    let scale = numeric.scalars.map(abs).max() ?? 0
    return analytic.maxAbsDifference(numeric) / max(scale, 1e-6)
}

@Suite struct SequentialTests {
    @Test func teachingNetModulesAndStateDictionaryKeys() throws {
        let model = try Sequential(spec: NamedArchitecture.teachingNet.spec, seed: 1)
        #expect(model.layers.count == 8)
        #expect(model.layers[0] is Conv2D && model.layers[1] is ActivationLayer && model.layers[2] is MaxPool2D)
        #expect(model.layers[6] is Flatten && model.layers[7] is Linear)
        #expect(model.stateDictionaryKeys == ["0.weight", "0.bias", "3.weight", "3.bias", "7.weight", "7.bias"])
        let state = model.stateDictionary
        #expect(state["0.weight"]?.shape == [8, 1, 3, 3])
        #expect(state["3.weight"]?.shape == [16, 8, 3, 3])
        #expect(state["7.weight"]?.shape == [10, 784])
        #expect(state["7.bias"]?.shape == [10])
        #expect(model.parameterCount == 9_098)
    }

    @Test func noBiasMeansNoBiasKey() throws {
        let spec = try ArchitectureSpec(parsing: "input 4x4x1 | conv 2 3x3 nobias | relu | flatten | linear 3 nobias")
        let model = try Sequential(spec: spec, seed: 0)
        #expect(model.stateDictionaryKeys == ["0.weight", "3.weight"])
        #expect(model.parameterCount == (try spec.parameterCount()))
    }

    @Test func seededInitialisationIsReproducibleAndBounded() throws {
        let spec = NamedArchitecture.lenet5.spec
        let first = try Sequential(spec: spec, seed: 42)
        let second = try Sequential(spec: spec, seed: 42)
        let other = try Sequential(spec: spec, seed: 43)
        #expect(first.parameters == second.parameters)
        #expect(first.stateDictionary["0.weight"] != other.stateDictionary["0.weight"])
        // U(−1/√fanIn, 1/√fanIn): fanIn 25 for the first conv, 400 for the first linear.
        let convBound: Float = 1 / 5
        let linearBound: Float = 1 / 20
        for value in first.stateDictionary["0.weight"]!.scalars + first.stateDictionary["0.bias"]!.scalars {
            #expect(abs(value) <= convBound)
        }
        let linearWeight = first.stateDictionary["7.weight"]!.scalars
        #expect(linearWeight.allSatisfy { abs($0) <= linearBound })
        #expect(linearWeight.map(abs).max()! > linearBound * 0.9)
    }

    @Test func forwardWorkedByHand() throws {
        // conv 1×1 (w = 2, b = −1) → relu → flatten → linear (w = [1, 2, 3, 4], b = 0.5).
        var model = try Sequential(spec: ArchitectureSpec(parsing: "input 2x2x1 | conv 1 1x1 | relu | flatten | linear 1"), seed: 0)
        try model.loadStateDictionary([
            "0.weight": Tensor(shape: [1, 1, 1, 1], scalars: [2]),
            "0.bias": Tensor(shape: [1], scalars: [-1]),
            "3.weight": Tensor(shape: [1, 4], scalars: [1, 2, 3, 4]),
            "3.bias": Tensor(shape: [1], scalars: [0.5]),
        ])
        let input = Tensor(shape: [1, 1, 2, 2], scalars: [1, 0, 0.25, 3])
        // conv: [1, −1, −0.5, 5]; relu: [1, 0, 0, 5]; linear: 1·1 + 4·5 + 0.5 = 21.5
        #expect(model.forward(input) == Tensor(shape: [1, 1], scalars: [21.5]))
        // d/d input: linear gives [1, 2, 3, 4], relu keeps [1, 0, 0, 4], conv multiplies by 2.
        #expect(model.backward(Tensor(shape: [1, 1], scalars: [1])) == Tensor(shape: [1, 1, 2, 2], scalars: [2, 0, 0, 8]))
        let gradients = Dictionary(uniqueKeysWithValues: model.parameters.map { ($0.name, $0.gradient) })
        #expect(gradients["3.weight"] == Tensor(shape: [1, 4], scalars: [1, 0, 0, 5]))
        #expect(gradients["3.bias"] == Tensor(shape: [1], scalars: [1]))
        #expect(gradients["0.weight"] == Tensor(shape: [1, 1, 1, 1], scalars: [1 * 1 + 4 * 3]))
        #expect(gradients["0.bias"] == Tensor(shape: [1], scalars: [1 + 4]))
    }

    @Test(arguments: [
        "input 6x6x2 | conv 3 3x3 pad 1 | tanh | maxpool 2 | conv 4 2x2 | leakyrelu 0.1 | avgpool 2 | flatten | linear 3 | sigmoid",
        "input 7x7x1 | conv 2 3x3 stride 2 | relu | avgpool 3 stride 1 pad 1 | flatten | linear 2 nobias",
        "input 8x8x1 | conv 2 3x3 dilation 2 pad same nobias | sigmoid | maxpool 2 | flatten | linear 2",
    ])
    func backwardMatchesFiniteDifferences(specText: String) throws {
        let spec = try ArchitectureSpec(parsing: specText)
        var model = try Sequential(spec: spec, seed: 7)
        var generator = SeededGenerator(seed: 99)
        let input = Tensor.uniform([2] + spec.inputShape, low: -1, high: 1, using: &generator)
        let outputShape = [2] + (try spec.outputShape())
        let lossWeights = Tensor.uniform(outputShape, low: -1, high: 1, using: &generator)

        let output = model.forward(input)
        #expect(output.shape == outputShape)
        let dInput = model.backward(lossWeights)

        let numericInput = numericalGradient(of: input) { perturbed in
            var copy = model
            return weightedSum(copy.forward(perturbed), lossWeights)
        }
        let inputError = worstError(dInput, numericInput)
        #expect(inputError < 5e-3, "dInput worst error \(inputError)")

        let state = model.stateDictionary
        for parameter in model.parameters {
            let numeric = numericalGradient(of: parameter.value) { perturbed in
                var copy = model
                var changed = state
                changed[parameter.name] = perturbed
                try! copy.loadStateDictionary(changed)
                return weightedSum(copy.forward(input), lossWeights)
            }
            let error = worstError(parameter.gradient, numeric)
            #expect(error < 5e-3, "\(parameter.name) worst error \(error)")
        }
    }

    @Test func gradientsAccumulateUntilZeroed() throws {
        var model = try Sequential(spec: ArchitectureSpec(parsing: "input 3x3x1 | conv 2 2x2 | flatten | linear 2"), seed: 3)
        var generator = SeededGenerator(seed: 5)
        let input = Tensor.uniform([1, 1, 3, 3], low: -1, high: 1, using: &generator)
        let dOutput = Tensor(shape: [1, 2], scalars: [1, -2])
        _ = model.forward(input)
        _ = model.backward(dOutput)
        let once = model.parameters.map(\.gradient)
        _ = model.forward(input)
        _ = model.backward(dOutput)
        for (twice, single) in zip(model.parameters.map(\.gradient), once) {
            #expect(twice.maxAbsDifference(single * 2) < 1e-6)
            #expect(single.scalars.contains { $0 != 0 })
        }
        model.zeroGradients()
        #expect(model.parameters.allSatisfy { $0.gradient.scalars.allSatisfy { $0 == 0 } })
    }

    @Test func stateDictionaryRoundTripsAndChecksKeys() throws {
        let spec = NamedArchitecture.teachingNet.spec
        let source = try Sequential(spec: spec, seed: 11)
        var target = try Sequential(spec: spec, seed: 12)
        try target.loadStateDictionary(source.stateDictionary)
        #expect(target.stateDictionary == source.stateDictionary)
        var generator = SeededGenerator(seed: 1)
        let input = Tensor.uniform([2, 1, 28, 28], low: 0, high: 1, using: &generator)
        var sourceCopy = source
        #expect(target.forward(input) == sourceCopy.forward(input))

        var missing = source.stateDictionary
        missing["3.bias"] = nil
        #expect(throws: StateDictionaryError.missingKey("3.bias", expectedShape: [16])) { try target.loadStateDictionary(missing) }
        var wrongShape = source.stateDictionary
        wrongShape["7.weight"] = Tensor.zeros([784, 10])
        #expect(throws: StateDictionaryError.shapeMismatch(key: "7.weight", expected: [10, 784], found: [784, 10])) {
            try target.loadStateDictionary(wrongShape)
        }
        #expect("\(StateDictionaryError.shapeMismatch(key: "7.weight", expected: [10, 784], found: [784, 10]))"
            == "state dictionary \"7.weight\" is 784×10, expected 10×784")
        var extra = source.stateDictionary
        extra["1.weight"] = Tensor.zeros([1])
        #expect(throws: StateDictionaryError.unexpectedKey("1.weight")) { try target.loadStateDictionary(extra) }
        // A failed load changes nothing.
        #expect(target.stateDictionary == source.stateDictionary)
    }

    @Test func layerOutputsLeaveTheModelUntouched() throws {
        let model = try Sequential(spec: NamedArchitecture.teachingNet.spec, seed: 2)
        var generator = SeededGenerator(seed: 8)
        let input = Tensor.uniform([1, 1, 28, 28], low: 0, high: 1, using: &generator)
        let outputs = model.layerOutputs(for: input)
        #expect(outputs.map(\.shape) == (try model.spec.outputShapes()).map { [1] + $0 })
        var copy = model
        #expect(outputs.last == copy.forward(input))
    }

    @Test func buildingAnImpossibleSpecThrowsWithTheIndex() throws {
        let spec = try ArchitectureSpec(parsing: "input 28x28x1 | conv 4 3x3 | relu | linear 10")
        #expect(throws: LayerShapeError.self) { try Sequential(spec: spec, seed: 0) }
        do { _ = try Sequential(spec: spec, seed: 0) } catch { #expect(error.layerIndex == 2) }
    }

    @Test func updateParametersSeesQualifiedNames() throws {
        var model = try Sequential(spec: NamedArchitecture.teachingNet.spec, seed: 0)
        var seen: [String] = []
        model.updateParameters { parameter in
            seen.append(parameter.name)
            parameter.value = parameter.value.map { _ in 1 }
        }
        #expect(seen == model.stateDictionaryKeys)
        #expect(model.layers[0].parameters.map(\.name) == ["weight", "bias"])
        #expect(model.parameters.allSatisfy { $0.value.scalars.allSatisfy { $0 == 1 } })
    }
}
