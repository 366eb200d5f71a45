// TEMPORARY stand-ins for the agreed API owned by the ops work (Conv2DConfig and the reference
// conv loops), so the fast path can be built and tested before that work lands. This file is
// deleted when the two meet; nothing else lives here.
//
// Layout: NCHW; weights OIHW.

public struct Conv2DConfig: Hashable, Sendable {
    public var strideHeight, strideWidth, paddingHeight, paddingWidth, dilationHeight, dilationWidth: Int
    /// True (mathematical) convolution: the kernel is rotated 180° before sliding.
    public var flipped: Bool

    public init(stride: Int = 1, padding: Int = 0, dilation: Int = 1, flipped: Bool = false) {
        self.init(strideHeight: stride, strideWidth: stride, paddingHeight: padding, paddingWidth: padding,
                  dilationHeight: dilation, dilationWidth: dilation, flipped: flipped)
    }

    public init(strideHeight: Int, strideWidth: Int, paddingHeight: Int, paddingWidth: Int,
                dilationHeight: Int = 1, dilationWidth: Int = 1, flipped: Bool = false) {
        self.strideHeight = strideHeight
        self.strideWidth = strideWidth
        self.paddingHeight = paddingHeight
        self.paddingWidth = paddingWidth
        self.dilationHeight = dilationHeight
        self.dilationWidth = dilationWidth
        self.flipped = flipped
    }

    public func geometry(inputHeight: Int, inputWidth: Int, kernelHeight: Int, kernelWidth: Int) -> ConvGeometry {
        ConvGeometry(
            inputHeight: inputHeight, inputWidth: inputWidth, kernelHeight: kernelHeight, kernelWidth: kernelWidth,
            padding: (paddingHeight, paddingWidth), stride: (strideHeight, strideWidth),
            dilation: (dilationHeight, dilationWidth))
    }
}

/// input N×C×H×W, weight K×C×KH×KW, bias [K] → N×K×OH×OW.
public func referenceConv2dForward(input: Tensor, weight: Tensor, bias: Tensor?, config: Conv2DConfig) -> Tensor {
    let (batch, channels, height, width) = input.nchw
    let (outChannels, _, kernelHeight, kernelWidth) = weight.nchw
    precondition(weight.shape[1] == channels, "weight \(Tensor.describe(weight.shape)) does not match input \(Tensor.describe(input.shape))")
    precondition(bias == nil || bias!.shape == [outChannels], "bias \(Tensor.describe(bias?.shape ?? [])) does not match weight \(Tensor.describe(weight.shape))")
    let geometry = config.geometry(inputHeight: height, inputWidth: width, kernelHeight: kernelHeight, kernelWidth: kernelWidth)
    let (outputHeight, outputWidth) = geometry.outputSize
    var output = Tensor.zeros([batch, outChannels, outputHeight, outputWidth])
    let x = input.scalars, w = weight.scalars
    for n in 0..<batch {
        for k in 0..<outChannels {
            for oh in 0..<outputHeight {
                for ow in 0..<outputWidth {
                    var total: Float = bias?.scalars[k] ?? 0
                    for c in 0..<channels {
                        for i in 0..<kernelHeight {
                            for j in 0..<kernelWidth {
                                let row = geometry.height.inputIndex(output: oh, tap: i)
                                let column = geometry.width.inputIndex(output: ow, tap: j)
                                guard row >= 0, row < height, column >= 0, column < width else { continue }
                                let (ki, kj) = config.flipped ? (kernelHeight - 1 - i, kernelWidth - 1 - j) : (i, j)
                                total += x[((n * channels + c) * height + row) * width + column]
                                    * w[((k * channels + c) * kernelHeight + ki) * kernelWidth + kj]
                            }
                        }
                    }
                    output.scalars[((n * outChannels + k) * outputHeight + oh) * outputWidth + ow] = total
                }
            }
        }
    }
    return output
}

/// dOutput N×K×OH×OW, input N×C×H×W, weight K×C×KH×KW → dInput, dWeight, dBias [K].
public func referenceConv2dBackward(dOutput: Tensor, input: Tensor, weight: Tensor, hasBias: Bool, config: Conv2DConfig)
    -> (dInput: Tensor, dWeight: Tensor, dBias: Tensor?)
{
    let (batch, channels, height, width) = input.nchw
    let (outChannels, _, kernelHeight, kernelWidth) = weight.nchw
    let geometry = config.geometry(inputHeight: height, inputWidth: width, kernelHeight: kernelHeight, kernelWidth: kernelWidth)
    let (outputHeight, outputWidth) = geometry.outputSize
    precondition(dOutput.shape == [batch, outChannels, outputHeight, outputWidth], "dOutput \(Tensor.describe(dOutput.shape)) does not match the forward output \(Tensor.describe([batch, outChannels, outputHeight, outputWidth]))")
    var dInput = Tensor.zeros(input.shape)
    var dWeight = Tensor.zeros(weight.shape)
    var dBias = Tensor.zeros([outChannels])
    let x = input.scalars, w = weight.scalars, dy = dOutput.scalars
    for n in 0..<batch {
        for k in 0..<outChannels {
            for oh in 0..<outputHeight {
                for ow in 0..<outputWidth {
                    let gradient = dy[((n * outChannels + k) * outputHeight + oh) * outputWidth + ow]
                    dBias.scalars[k] += gradient
                    for c in 0..<channels {
                        for i in 0..<kernelHeight {
                            for j in 0..<kernelWidth {
                                let row = geometry.height.inputIndex(output: oh, tap: i)
                                let column = geometry.width.inputIndex(output: ow, tap: j)
                                guard row >= 0, row < height, column >= 0, column < width else { continue }
                                let (ki, kj) = config.flipped ? (kernelHeight - 1 - i, kernelWidth - 1 - j) : (i, j)
                                let inputIndex = ((n * channels + c) * height + row) * width + column
                                let weightIndex = ((k * channels + c) * kernelHeight + ki) * kernelWidth + kj
                                dWeight.scalars[weightIndex] += gradient * x[inputIndex]
                                dInput.scalars[inputIndex] += gradient * w[weightIndex]
                            }
                        }
                    }
                }
            }
        }
    }
    return (dInput, dWeight, hasBias ? dBias : nil)
}
