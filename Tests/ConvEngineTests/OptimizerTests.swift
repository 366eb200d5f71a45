import Testing
@testable import ConvEngine

/// A parameter named `name` holding `values`, with gradient `gradient`.
private func parameter(_ name: String, _ values: [Float], gradient: [Float]) -> Parameter {
    Parameter(name: name, value: Tensor(shape: [values.count], scalars: values),
              gradient: Tensor(shape: [gradient.count], scalars: gradient))
}

private func close(_ tensor: Tensor, _ expected: [Float], tolerance: Float = 1e-6) -> Bool {
    tensor.maxAbsDifference(Tensor(shape: [expected.count], scalars: expected)) <= tolerance
}

@Suite struct OptimizerTests {
    @Test func plainSGDStepsAgainstTheGradient() {
        var optimizer = SGD(learningRate: 0.5)
        var weight = parameter("w", [1, -1], gradient: [0.2, -0.4])
        optimizer.update(&weight)
        #expect(close(weight.value, [0.9, -0.8]))
        optimizer.update(&weight)  // same gradient, no momentum: the same step again
        #expect(close(weight.value, [0.8, -0.6]))
        #expect(optimizer.velocities.isEmpty)
    }

    @Test func sgdWithMomentumAndWeightDecayByHand() {
        // lr 0.1, μ 0.9, wd 0.01, w = [1, −2]; gradients [0.5, 1], [0.5, 1], [−1, 0].
        var optimizer = SGD(learningRate: 0.1, momentum: 0.9, weightDecay: 0.01)
        var weight = parameter("w", [1, -2], gradient: [0.5, 1])
        // Step 1: d = g + 0.01·w = [0.51, 0.98]; v = d (first step); w = [0.949, −2.098].
        optimizer.update(&weight)
        #expect(close(optimizer.velocities["w"]!, [0.51, 0.98]))
        #expect(close(weight.value, [0.949, -2.098]))
        // Step 2: d = [0.50949, 0.97902]; v = 0.9·[0.51, 0.98] + d = [0.96849, 1.86102];
        // w = [0.852151, −2.284102].
        optimizer.update(&weight)
        #expect(close(optimizer.velocities["w"]!, [0.96849, 1.86102]))
        #expect(close(weight.value, [0.852151, -2.284102]))
        // Step 3: d = [−0.99147849, −0.02284102]; v = [−0.11983749, 1.65207698];
        // w = [0.86413475, −2.4493097].
        weight.gradient = Tensor(shape: [2], scalars: [-1, 0])
        optimizer.update(&weight)
        #expect(close(optimizer.velocities["w"]!, [-0.11983749, 1.65207698]))
        #expect(close(weight.value, [0.86413475, -2.4493097]))
    }

    @Test func adamByHand() {
        // lr 0.1, β1 0.9, β2 0.999, ε 1e-8, w = 1; gradients 2, −1, 0.5.
        var optimizer = Adam(learningRate: 0.1)
        var weight = parameter("w", [1], gradient: [2])
        // Step 1: m = 0.2, v = 0.004, m̂ = 2, v̂ = 4: w = 1 − 0.1·2/(2 + 1e-8) ≈ 0.9.
        optimizer.update(&weight)
        #expect(close(optimizer.firstMoments["w"]!, [0.2]))
        #expect(close(optimizer.secondMoments["w"]!, [0.004]))
        #expect(close(weight.value, [0.9]))
        // Step 2: m = 0.08, v = 0.004996, m̂ = 0.08/0.19 = 0.4210526, v̂ = 0.004996/0.001999
        // = 2.4992496, √v̂ = 1.5809, w = 0.9 − 0.1·0.4210526/1.5809 = 0.8733663.
        weight.gradient = Tensor(shape: [1], scalars: [-1])
        optimizer.update(&weight)
        #expect(close(optimizer.firstMoments["w"]!, [0.08]))
        #expect(close(optimizer.secondMoments["w"]!, [0.004996]))
        #expect(close(weight.value, [0.8733663]))
        // Step 3: m = 0.122, v = 0.005241004, m̂ = 0.122/0.271, v̂ = 0.005241004/0.002997001,
        // w = 0.8733663 − 0.1·0.4501845/1.3224034 = 0.8393234.
        weight.gradient = Tensor(shape: [1], scalars: [0.5])
        optimizer.update(&weight)
        #expect(close(weight.value, [0.8393234]))
        #expect(optimizer.stepCounts["w"] == 3)
    }

    @Test func adamWeightDecayIsAddedToTheGradient() {
        // g = 0 + 0.5·1 = 0.5; the first Adam step moves by lr·sign(g) (up to ε).
        var optimizer = Adam(learningRate: 0.1, weightDecay: 0.5)
        var weight = parameter("w", [1, -2], gradient: [0, 0])
        optimizer.update(&weight)
        #expect(close(weight.value, [0.9, -1.9]))
    }

    @Test func stateIsKeptPerParameterName() {
        var optimizer = Adam(learningRate: 0.1)
        var parameters = [parameter("0.weight", [1], gradient: [2]), parameter("0.bias", [0], gradient: [-3])]
        optimizer.step(&parameters)
        optimizer.step(&parameters)
        #expect(optimizer.stepCounts == ["0.weight": 2, "0.bias": 2])
        // Both saw a constant gradient, so both moved by 0.1 per step against its sign.
        #expect(close(parameters[0].value, [0.8], tolerance: 1e-5))
        #expect(close(parameters[1].value, [0.2], tolerance: 1e-5))
    }

    @Test func stepUpdatesEveryParameterOfANetwork() throws {
        let spec = try ArchitectureSpec(parsing: "input 3x3x1 | conv 2 2x2 | relu | flatten | linear 2")
        var model = try Sequential(spec: spec, seed: 4)
        var generator = SeededGenerator(seed: 6)
        _ = model.forward(Tensor.uniform([2, 1, 3, 3], low: 0, high: 1, using: &generator))
        _ = model.backward(Tensor(shape: [2, 2], scalars: [1, -1, 0.5, 2]))
        let before = model.parameters
        var optimizer = SGD(learningRate: 0.25, momentum: 0.9)
        optimizer.step(&model)
        #expect(optimizer.velocities.keys.sorted() == ["0.bias", "0.weight", "3.bias", "3.weight"])
        for (old, new) in zip(before, model.parameters) {
            #expect(new.value.maxAbsDifference(old.value - old.gradient * 0.25) < 1e-6, "\(new.name)")
            #expect(new.gradient == old.gradient)
        }
    }
}
