import ConvEngine

// Layout: NCHW. The probe is 1×C×H×W; each layer's output is 1×C×H×W or 1×F.

/// A network run forward on one probe image: every layer's output, the class scores, and the
/// units a learner can step into. Everything is computed by ConvEngine (`layerOutputs`, the
/// layers' own weights); the screen only draws it.
struct NetworkInspection {
    let model: Sequential
    /// 1×C×H×W.
    let probe: Tensor
    /// One output per module of `model`, in order (what the network's own forward pass gives).
    let outputs: [Tensor]
    /// softmax of the last output: the class probabilities.
    let probabilities: [Float]

    init(model: Sequential, probe: Tensor) {
        self.model = model
        self.probe = probe
        outputs = model.layerOutputs(for: probe)
        let logits = outputs.last ?? Tensor.zeros([1, 0])
        probabilities = logits.count == 0 ? [] : softmax(logits: logits.reshaped([1, logits.count])).scalars
    }

    var layerCount: Int { outputs.count }

    /// The spec text of module `index`: "conv 8 3x3 pad 1".
    func layerText(_ index: Int) -> String { model.spec.layers[index].description }

    /// The tensor module `index` reads: the probe for the first, else the previous output.
    func input(ofLayer index: Int) -> Tensor { index == 0 ? probe : outputs[index - 1] }

    /// "the input" or "layer 2 (maxpool 2)": module indices from 0, as in the checkpoint keys.
    func inputName(ofLayer index: Int) -> String {
        index == 0 ? "the input" : "layer \(index - 1) (\(layerText(index - 1)))"
    }

    /// Module `index` as a conv layer, if it is one.
    func convolution(_ index: Int) -> Conv2D? {
        guard model.layers.indices.contains(index) else { return nil }
        return model.layers[index] as? Conv2D
    }

    /// The conv layer whose cells a learner reaches from layer `index`: the layer itself, or,
    /// for an activation right after a conv, that conv (the activation's cell is the conv's
    /// cell passed through it). nil for pooling, flatten and linear layers.
    func steppableConvolution(from index: Int) -> Int? {
        if convolution(index) != nil { return index }
        if index > 0, model.spec.layers[index].activation != nil, convolution(index - 1) != nil { return index - 1 }
        return nil
    }

    /// The stepper's unit for output channel `channel`, cell (`row`, `column`) of the conv that
    /// layer `index` reaches (`steppableConvolution`); nil when there is none or the cell is
    /// outside the map.
    func unit(layer index: Int, channel: Int, row: Int, column: Int) -> ConvUnit? {
        guard let convIndex = steppableConvolution(from: index), let conv = convolution(convIndex) else { return nil }
        let output = outputs[convIndex]
        let (_, channels, height, width) = output.nchw
        guard (0..<channels).contains(channel), (0..<height).contains(row), (0..<width).contains(column) else { return nil }
        let (_, inputChannels, kernelHeight, kernelWidth) = conv.weight.value.nchw
        let sliceCount = inputChannels * kernelHeight * kernelWidth
        let start = channel * sliceCount
        let weight = Tensor(shape: [1, inputChannels, kernelHeight, kernelWidth],
                            scalars: Array(conv.weight.value.scalars[start..<start + sliceCount]))
        let next = convIndex + 1
        let activation = next < model.spec.layers.count ? model.spec.layers[next].activation : nil
        let map = (0..<height).map { mapRow in (0..<width).map { mapColumn in output[0, channel, mapRow, mapColumn] } }
        return ConvUnit(
            name: "layer \(convIndex) \(layerText(convIndex)), channel \(channel)",
            inputName: inputName(ofLayer: convIndex),
            input: input(ofLayer: convIndex), weight: weight, bias: conv.bias?.value[channel] ?? 0, config: conv.config,
            activation: activation, channel: channel, outputRow: row, outputColumn: column, networkMap: map)
    }

    /// The class with the highest probability, and that probability.
    var prediction: (label: Int, probability: Float)? {
        guard let best = probabilities.indices.max(by: { probabilities[$0] < probabilities[$1] }) else { return nil }
        return (best, probabilities[best])
    }
}
