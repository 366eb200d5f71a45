// Layout: NCHW. A batch enters as N×C×H×W (or N×F) and every layer passes a batch on.
//
// The fast path's passes through a network, fusing neighbouring layers where that saves a pass
// over memory, with each layer's semantics (and cache) unchanged:
//
// - a conv followed by a ReLU runs as one conv + bias + ReLU (the ReLU layer caches the fused
//   output, whose sign is its input's);
// - backward through a max pool preceded by a ReLU computes the ReLU's dInput in one pass
//   (`fastMaxPool2dReluBackward`);
// - `predict` keeps no caches at all: no max-pool routes, no inputs.
//
// `layerOutputs` does not fuse: the app shows each layer's own output.

extension Sequential {
    /// The layers at `index` and `index + 1` are a conv and a ReLU.
    func isConvThenRelu(at index: Int) -> Bool {
        index + 1 < layers.endIndex && layers[index] is Conv2D
            && (layers[index + 1] as? ActivationLayer)?.activation == .relu
    }

    /// Layer `index` as a `Conv2D`, moved out of `layers` (an empty `Flatten` holds its place
    /// until `layers[index] = conv` puts it back). A copy left in the array would share the
    /// conv's output buffer, and the first write to it would copy the whole array: moving the
    /// layer out keeps the buffer uniquely referenced, so it is reused across steps.
    private mutating func takeConv(at index: Int) -> Conv2D? {
        guard let conv = layers[index] as? Conv2D else { return nil }
        layers[index] = Flatten()
        return conv
    }

    /// `forward` on the fast path, conv + ReLU fused.
    mutating func fusedForward(_ input: Tensor) -> Tensor {
        var activation = input
        var index = layers.startIndex
        while index < layers.endIndex {
            if isConvThenRelu(at: index), var conv = takeConv(at: index) {
                activation = conv.forwardWithRelu(activation)
                layers[index] = conv
                var relu = layers[index + 1] as! ActivationLayer  // isConvThenRelu checked it
                relu.takeFusedReluOutput(activation)
                layers[index + 1] = relu
                index += 2
            } else {
                activation = layers[index].forward(activation)
                index += 1
            }
        }
        return activation
    }

    /// `backward` on the fast path, max pool + ReLU fused; the first layer computes no dInput
    /// unless `firstInputGradient` (nil is returned then).
    mutating func fusedBackward(_ dOutput: Tensor, firstInputGradient: Bool) -> Tensor? {
        var gradient = dOutput
        var index = layers.endIndex - 1
        while index >= layers.startIndex {
            if index > layers.startIndex, layers[index] is MaxPool2D,
               let reluInput = (layers[index - 1] as? ActivationLayer)?.cachedReluInput {
                // Moved out of the list while it runs, as `takeConv` does, so the pool's
                // dInput buffer stays uniquely referenced and is written in place.
                var pool = layers[index] as! MaxPool2D
                layers[index] = Flatten()
                gradient = pool.backwardThroughRelu(gradient, reluInput: reluInput)
                layers[index] = pool
                index -= 2
            } else if index == layers.startIndex && !firstInputGradient {
                layers[index].accumulateParameterGradients(gradient)
                return nil
            } else {
                gradient = layers[index].backward(gradient)
                index -= 1
            }
        }
        return gradient
    }

    /// The network's output for `input` (N×(spec input shape) → N×(spec output shape)) without
    /// caching anything for a backward pass: for inference. On the fast path a conv and the
    /// ReLU after it run fused and max pools keep no routes; a single image runs on the calling
    /// thread (the direct conv and the one-image linear layer need no other). Networks of
    /// direct convs, 2×2 max pools, ReLUs, flattens and (on one image) linear layers run an
    /// `InferencePlan` the network keeps for the last input shape, which allocates nothing
    /// after the first call with that shape once the caller lets go of the last result; any
    /// other runs layer by layer.
    /// Safe to call from several threads at once, on one network or its copies.
    public func predict(_ input: Tensor) -> Tensor {
        precondition(input.rank == spec.inputShape.count + 1 && input.shape.dropFirst().elementsEqual(spec.inputShape),
                     "network expects N×\(Tensor.describe(spec.inputShape)), got \(Tensor.describe(input.shape))")
        guard EngineImplementation.isFast else {
            var copy = self
            return copy.forward(input)
        }
        if input.count > 0, let plan = inferencePlans.take(for: input.shape) ?? InferencePlan.make(for: self, inputShape: input.shape) {
            let output = plan.run(input, on: self)
            inferencePlans.giveBack(plan)
            if let output { return output }
        }
        return predictLayerByLayer(input)
    }

    /// `predict` one layer at a time, each allocating its output.
    func predictLayerByLayer(_ input: Tensor) -> Tensor {
        var activation = input
        var index = layers.startIndex
        while index < layers.endIndex {
            let layer = layers[index]
            if let conv = layer as? Conv2D {
                let relu = isConvThenRelu(at: index)
                activation = fastConv2dForward(
                    input: activation, weight: conv.weight.value, bias: conv.bias?.value, config: conv.config, relu: relu)
                index += relu ? 2 : 1
                continue
            }
            if let pool = layer as? MaxPool2D {
                activation = fastMaxPool2dValues(input: activation, config: pool.config)
            } else if let linear = layer as? Linear {
                activation = fastLinearForward(input: activation, weight: linear.weight.value, bias: linear.bias?.value)
            } else if layer is Flatten {
                activation = flattenForward(activation)
            } else if let activationLayer = layer as? ActivationLayer {
                activation = activationLayer.activation == .relu
                    ? fastReluForward(activation) : activationForward(activation, activationLayer.activation)
            } else {
                var copy = layer
                activation = copy.forward(activation)
            }
            index += 1
        }
        return activation
    }
}
