/// How much of the input one output position of a layer stack can see, along one axis.
///
/// The standard recursion, layer by layer, starting from the input itself (r = 1, j = 1):
///
///     r_out = r_in + (k − 1)·j_in        size of the window in input pixels
///     j_out = j_in · s                   input pixels between neighbouring outputs
///
/// where k is the layer's effective kernel size D·(F − 1) + 1 and s its stride. Two stacked
/// 3×3 stride-1 convolutions see 1 + 2 + 2 = 5 pixels, exactly one 5×5 convolution's view.
/// Padding shifts where a window starts but not how wide it is, so it plays no part here.
public struct ReceptiveField: Hashable, Sendable {
    /// r: how many input positions one output position depends on.
    public var size: Int
    /// j: how far apart, in input positions, two neighbouring outputs' windows start.
    public var jump: Int

    public init(size: Int, jump: Int) {
        self.size = size
        self.jump = jump
    }

    /// The input seen by itself: each position sees only itself.
    public static let input = ReceptiveField(size: 1, jump: 1)

    /// The field after one more sliding-window layer of kernel size `kernelSize`, `stride` and
    /// `dilation` (effective kernel D·(F − 1) + 1). The jump multiplies by every stride, so a
    /// deep strided stack (63 layers of stride 2) passes `Int.max`: that is thrown, not trapped.
    public func through(kernelSize: Int, stride: Int, dilation: Int = 1) throws(ReceptiveFieldError) -> ReceptiveField {
        let failure = ReceptiveFieldError(layerIndex: nil, field: self, kernelSize: kernelSize, stride: stride, dilation: dilation)
        guard kernelSize >= 1, stride >= 1, dilation >= 1 else { throw failure }
        guard let extent = Limits.product([dilation, kernelSize - 1]),
              let growth = Limits.product([extent, jump]),
              let size = Limits.sum([size, growth]),
              let jump = Limits.product([jump, stride])
        else { throw failure }
        return ReceptiveField(size: size, jump: jump)
    }

    /// The field of a stack of windows given as (kernel size, stride) pairs, first layer first;
    /// an overflow names the layer (counting from 0).
    public init(stack: [(kernelSize: Int, stride: Int)]) throws(ReceptiveFieldError) {
        var field = ReceptiveField.input
        for (index, layer) in stack.enumerated() {
            do {
                field = try field.through(kernelSize: layer.kernelSize, stride: layer.stride)
            } catch {
                throw error.at(layerIndex: index)
            }
        }
        self = field
    }
}

/// A layer the receptive field cannot pass: its size or jump would exceed `Int.max`, or its
/// kernel, stride or dilation is below 1. Names the layer (when known), the field reached
/// before it and the layer's window.
public struct ReceptiveFieldError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The layer's index in its stack (0-based), nil when a lone step was asked.
    public var layerIndex: Int?
    /// The field before the layer that overflows.
    public var field: ReceptiveField
    public var kernelSize: Int
    public var stride: Int
    public var dilation: Int

    public init(layerIndex: Int?, field: ReceptiveField, kernelSize: Int, stride: Int, dilation: Int) {
        self.layerIndex = layerIndex
        self.field = field
        self.kernelSize = kernelSize
        self.stride = stride
        self.dilation = dilation
    }

    /// The same error attributed to layer `index` of a stack.
    public func at(layerIndex index: Int) -> ReceptiveFieldError {
        var located = self
        located.layerIndex = index
        return located
    }

    /// E.g. `receptive field overflows at layer 62 (kernel 2, stride 2): size 4611686018427387904
    /// and jump 4611686018427387904 before it, and the next size or jump is more than …`.
    public var description: String {
        let layer = layerIndex.map { "layer \($0) " } ?? ""
        let dilated = dilation == 1 ? "" : ", dilation \(dilation)"
        let window = "\(layer)(kernel \(kernelSize), stride \(stride)\(dilated))"
        if kernelSize < 1 || stride < 1 || dilation < 1 {
            return "receptive field at \(window): kernel, stride and dilation must each be at least 1"
        }
        return "receptive field overflows at \(window): size \(field.size) and jump \(field.jump) before it, "
            + "and the next size or jump is more than \(Int.max)"
    }
}

extension ArchitectureSpec {
    /// The receptive field of the network's last spatial layer, per axis: every conv and
    /// pooling layer before the first `flatten` or `linear` counts; activations leave it as it
    /// is. After a flatten every output sees the whole input, so the stack stops there. Throws
    /// when the field overflows, naming the layer by its index in `layers`.
    public func receptiveField() throws(ReceptiveFieldError) -> (height: ReceptiveField, width: ReceptiveField) {
        var height = ReceptiveField.input
        var width = ReceptiveField.input
        for (index, layer) in layers.enumerated() {
            do {
                switch layer {
                case let .conv(conv):
                    height = try height.through(kernelSize: conv.kernelHeight, stride: conv.strideHeight, dilation: conv.dilationHeight)
                    width = try width.through(kernelSize: conv.kernelWidth, stride: conv.strideWidth, dilation: conv.dilationWidth)
                case let .maxPool(pool), let .avgPool(pool):
                    height = try height.through(kernelSize: pool.kernelHeight, stride: pool.strideHeight)
                    width = try width.through(kernelSize: pool.kernelWidth, stride: pool.strideWidth)
                case .flatten, .linear:
                    return (height, width)
                case .relu, .leakyRelu, .sigmoid, .tanh:
                    continue
                }
            } catch {
                throw error.at(layerIndex: index)
            }
        }
        return (height, width)
    }
}
