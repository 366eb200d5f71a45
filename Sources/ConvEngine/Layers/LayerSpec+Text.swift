// The canonical spelling of each layer in the architecture language (see
// `ArchitectureSpecParser` for the grammar). Parsing this text gives back the same spec:
// options at their defaults are left out, square sizes are written once (`stride 2`), and a
// kernel is always written in full (`3x3`).

extension LayerSpec: CustomStringConvertible {
    /// E.g. `conv 16 5x5 stride 2 pad same nobias`, `maxpool 3 stride 2 floor`, `leakyrelu 0.2`.
    public var description: String {
        switch self {
        case let .conv(conv):
            var words = ["conv", "\(conv.outputChannels)", "\(conv.kernelHeight)x\(conv.kernelWidth)"]
            if conv.strideHeight != 1 || conv.strideWidth != 1 {
                words += ["stride", Self.pair(conv.strideHeight, conv.strideWidth)]
            }
            switch conv.padding {
            case .same: words += ["pad", "same"]
            case let .explicit(height, width) where height != 0 || width != 0: words += ["pad", Self.pair(height, width)]
            case .explicit: break
            }
            if conv.dilationHeight != 1 || conv.dilationWidth != 1 {
                words += ["dilation", Self.pair(conv.dilationHeight, conv.dilationWidth)]
            }
            if !conv.bias { words.append("nobias") }
            if conv.convention == .floor { words.append("floor") }
            return words.joined(separator: " ")
        case let .maxPool(pool), let .avgPool(pool):
            var words = [keyword, Self.pair(pool.kernelHeight, pool.kernelWidth)]
            if pool.strideHeight != pool.kernelHeight || pool.strideWidth != pool.kernelWidth {
                words += ["stride", Self.pair(pool.strideHeight, pool.strideWidth)]
            }
            if pool.paddingHeight != 0 || pool.paddingWidth != 0 {
                words += ["pad", Self.pair(pool.paddingHeight, pool.paddingWidth)]
            }
            if pool.convention == .floor { words.append("floor") }
            return words.joined(separator: " ")
        case let .leakyRelu(slope):
            return slope == Self.defaultLeakySlope ? "leakyrelu" : "leakyrelu \(slope)"
        case let .linear(outputFeatures, bias):
            return "linear \(outputFeatures)" + (bias ? "" : " nobias")
        case .relu, .sigmoid, .tanh, .flatten:
            return keyword
        }
    }

    /// `2` when both axes agree, `2x1` (height x width) when they differ.
    static func pair(_ height: Int, _ width: Int) -> String {
        height == width ? "\(height)" : "\(height)x\(width)"
    }
}
