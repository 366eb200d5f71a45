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
    /// `dilation` (effective kernel D·(F − 1) + 1).
    public func through(kernelSize: Int, stride: Int, dilation: Int = 1) -> ReceptiveField {
        let effectiveKernel = dilation * (kernelSize - 1) + 1
        return ReceptiveField(size: size + (effectiveKernel - 1) * jump, jump: jump * stride)
    }

    /// The field of a stack of windows given as (kernel size, stride) pairs, first layer first.
    public init(stack: [(kernelSize: Int, stride: Int)]) {
        self = stack.reduce(ReceptiveField.input) { field, layer in
            field.through(kernelSize: layer.kernelSize, stride: layer.stride)
        }
    }
}

extension ArchitectureSpec {
    /// The receptive field of the network's last spatial layer, per axis: every conv and
    /// pooling layer before the first `flatten` or `linear` counts; activations leave it as it
    /// is. After a flatten every output sees the whole input, so the stack stops there.
    public func receptiveField() -> (height: ReceptiveField, width: ReceptiveField) {
        var height = ReceptiveField.input
        var width = ReceptiveField.input
        for layer in layers {
            switch layer {
            case let .conv(conv):
                height = height.through(kernelSize: conv.kernelHeight, stride: conv.strideHeight, dilation: conv.dilationHeight)
                width = width.through(kernelSize: conv.kernelWidth, stride: conv.strideWidth, dilation: conv.dilationWidth)
            case let .maxPool(pool), let .avgPool(pool):
                height = height.through(kernelSize: pool.kernelHeight, stride: pool.strideHeight)
                width = width.through(kernelSize: pool.kernelWidth, stride: pool.strideWidth)
            case .flatten, .linear:
                return (height, width)
            case .relu, .leakyRelu, .sigmoid, .tanh:
                continue
            }
        }
        return (height, width)
    }
}
