import ConvEngine

/// One unit of a real network for the stepper to walk: the activations a conv layer reads, one
/// of its learned filters with its bias, the layer's geometry, the activation that follows it,
/// and the output cell the learner picked. Made by the network view from the network's own
/// tensors, so the stepper replays exactly the computation that produced the map cell.
public struct ConvUnit: Sendable {
    /// Names the unit for the stepper's top line: "layer 3 conv 16 3x3 pad 1, channel 5".
    public var name: String
    /// Names what the layer reads: "the input" or "layer 2 (maxpool 2)".
    public var inputName: String
    /// 1×C×H×W: the activations the layer reads (all of its input channels).
    public var input: Tensor
    /// 1×C×KH×KW: the chosen output channel's learned kernel.
    public var weight: Tensor
    public var bias: Float
    public var config: Conv2DConfig
    /// The activation layer right after the conv, if there is one.
    public var activation: Activation?
    /// The output channel within the layer (the filter's index).
    public var channel: Int
    /// The output cell the walk starts at.
    public var outputRow: Int
    public var outputColumn: Int
    /// OH×OW: the channel's map as the network computed it (the layer's forward pass), against
    /// which the stepper's arithmetic is shown.
    public var networkMap: [[Float]]

    public init(
        name: String, inputName: String, input: Tensor, weight: Tensor, bias: Float, config: Conv2DConfig,
        activation: Activation?, channel: Int, outputRow: Int, outputColumn: Int, networkMap: [[Float]]
    ) {
        precondition(input.rank == 4 && input.shape[0] == 1 && weight.rank == 4 && weight.shape[0] == 1 && weight.shape[1] == input.shape[1],
                     "a unit reads 1×C×H×W with a 1×C×KH×KW filter, got \(Tensor.describe(input.shape)) and \(Tensor.describe(weight.shape))")
        self.name = name
        self.inputName = inputName
        self.input = input
        self.weight = weight
        self.bias = bias
        self.config = config
        self.activation = activation
        self.channel = channel
        self.outputRow = outputRow
        self.outputColumn = outputColumn
        self.networkMap = networkMap
    }

    public var inputChannels: Int { input.shape[1] }
}
