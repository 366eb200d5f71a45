// TEMPORARY stand-ins for the agreed engine ops, so the layer/model branch builds and its tests
// run before the ops branch is merged. Delete this whole file at merge: the real ops replace
// every declaration here with the same signature. Nothing else lives in this file.
//
import Foundation

// Layout: NCHW activations, OIHW conv weights, (out, in) linear weights. Plain loops, no speed.

public struct Conv2DConfig: Hashable, Sendable {
    public var strideHeight, strideWidth, paddingHeight, paddingWidth, dilationHeight, dilationWidth: Int
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

public func conv2dForward(input: Tensor, weight: Tensor, bias: Tensor?, config: Conv2DConfig) -> Tensor {
    let (batch, channels, height, width) = input.nchw
    let (outputChannels, _, kernelHeight, kernelWidth) = weight.nchw
    let geometry = config.geometry(inputHeight: height, inputWidth: width, kernelHeight: kernelHeight, kernelWidth: kernelWidth)
    let (outputHeight, outputWidth) = geometry.outputSize
    var output = Tensor.zeros([batch, outputChannels, outputHeight, outputWidth])
    for n in 0..<batch { for k in 0..<outputChannels { for row in 0..<outputHeight { for column in 0..<outputWidth {
        var total = bias?.scalars[k] ?? 0
        for c in 0..<channels { for i in 0..<kernelHeight { for j in 0..<kernelWidth {
            let y = geometry.height.inputIndex(output: row, tap: i)
            let x = geometry.width.inputIndex(output: column, tap: j)
            guard y >= 0, y < height, x >= 0, x < width else { continue }
            let (ki, kj) = config.flipped ? (kernelHeight - 1 - i, kernelWidth - 1 - j) : (i, j)
            total += input[n, c, y, x] * weight[k, c, ki, kj]
        } } }
        output[n, k, row, column] = total
    } } } }
    return output
}

public func conv2dBackward(dOutput: Tensor, input: Tensor, weight: Tensor, hasBias: Bool, config: Conv2DConfig)
    -> (dInput: Tensor, dWeight: Tensor, dBias: Tensor?)
{
    let (batch, channels, height, width) = input.nchw
    let (outputChannels, _, kernelHeight, kernelWidth) = weight.nchw
    let geometry = config.geometry(inputHeight: height, inputWidth: width, kernelHeight: kernelHeight, kernelWidth: kernelWidth)
    let (outputHeight, outputWidth) = geometry.outputSize
    var dInput = Tensor.zeros(input.shape)
    var dWeight = Tensor.zeros(weight.shape)
    var dBias = Tensor.zeros([outputChannels])
    for n in 0..<batch { for k in 0..<outputChannels { for row in 0..<outputHeight { for column in 0..<outputWidth {
        let gradient = dOutput[n, k, row, column]
        dBias.scalars[k] += gradient
        for c in 0..<channels { for i in 0..<kernelHeight { for j in 0..<kernelWidth {
            let y = geometry.height.inputIndex(output: row, tap: i)
            let x = geometry.width.inputIndex(output: column, tap: j)
            guard y >= 0, y < height, x >= 0, x < width else { continue }
            let (ki, kj) = config.flipped ? (kernelHeight - 1 - i, kernelWidth - 1 - j) : (i, j)
            dInput[n, c, y, x] += gradient * weight[k, c, ki, kj]
            dWeight[k, c, ki, kj] += gradient * input[n, c, y, x]
        } } }
    } } } }
    return (dInput, dWeight, hasBias ? dBias : nil)
}

public struct Pool2DConfig: Hashable, Sendable {
    public var kernelHeight, kernelWidth, strideHeight, strideWidth, paddingHeight, paddingWidth: Int

    public init(kernelSize: Int, stride: Int? = nil, padding: Int = 0) {
        kernelHeight = kernelSize
        kernelWidth = kernelSize
        strideHeight = stride ?? kernelSize
        strideWidth = stride ?? kernelSize
        paddingHeight = padding
        paddingWidth = padding
    }

    public func geometry(inputHeight: Int, inputWidth: Int) -> ConvGeometry {
        ConvGeometry(
            inputHeight: inputHeight, inputWidth: inputWidth, kernelHeight: kernelHeight, kernelWidth: kernelWidth,
            padding: (paddingHeight, paddingWidth), stride: (strideHeight, strideWidth))
    }
}

public func maxPool2dForward(input: Tensor, config: Pool2DConfig) -> (output: Tensor, routes: [Int]) {
    let (batch, channels, height, width) = input.nchw
    let geometry = config.geometry(inputHeight: height, inputWidth: width)
    let (outputHeight, outputWidth) = geometry.outputSize
    var output = Tensor.zeros([batch, channels, outputHeight, outputWidth])
    var routes: [Int] = []
    for n in 0..<batch { for c in 0..<channels { for row in 0..<outputHeight { for column in 0..<outputWidth {
        var best = -Float.infinity
        var route = -1
        for i in 0..<config.kernelHeight { for j in 0..<config.kernelWidth {
            let y = geometry.height.inputIndex(output: row, tap: i)
            let x = geometry.width.inputIndex(output: column, tap: j)
            guard y >= 0, y < height, x >= 0, x < width else { continue }
            let offset = input.offset([n, c, y, x])
            if input.scalars[offset] > best || route < 0 { best = input.scalars[offset]; route = offset }
        } }
        output[n, c, row, column] = best
        routes.append(route)
    } } } }
    return (output, routes)
}

public func maxPool2dBackward(dOutput: Tensor, inputShape: [Int], routes: [Int]) -> Tensor {
    var dInput = Tensor.zeros(inputShape)
    for (index, route) in routes.enumerated() where route >= 0 { dInput.scalars[route] += dOutput.scalars[index] }
    return dInput
}

public func avgPool2dForward(input: Tensor, config: Pool2DConfig) -> Tensor {
    let (batch, channels, height, width) = input.nchw
    let geometry = config.geometry(inputHeight: height, inputWidth: width)
    let (outputHeight, outputWidth) = geometry.outputSize
    let divisor = Float(config.kernelHeight * config.kernelWidth)
    var output = Tensor.zeros([batch, channels, outputHeight, outputWidth])
    for n in 0..<batch { for c in 0..<channels { for row in 0..<outputHeight { for column in 0..<outputWidth {
        var total: Float = 0
        for i in 0..<config.kernelHeight { for j in 0..<config.kernelWidth {
            let y = geometry.height.inputIndex(output: row, tap: i)
            let x = geometry.width.inputIndex(output: column, tap: j)
            if y >= 0, y < height, x >= 0, x < width { total += input[n, c, y, x] }
        } }
        output[n, c, row, column] = total / divisor
    } } } }
    return output
}

public func avgPool2dBackward(dOutput: Tensor, inputShape: [Int], config: Pool2DConfig) -> Tensor {
    var dInput = Tensor.zeros(inputShape)
    let (batch, channels, height, width) = dInput.nchw
    let geometry = config.geometry(inputHeight: height, inputWidth: width)
    let (outputHeight, outputWidth) = geometry.outputSize
    let divisor = Float(config.kernelHeight * config.kernelWidth)
    for n in 0..<batch { for c in 0..<channels { for row in 0..<outputHeight { for column in 0..<outputWidth {
        let share = dOutput[n, c, row, column] / divisor
        for i in 0..<config.kernelHeight { for j in 0..<config.kernelWidth {
            let y = geometry.height.inputIndex(output: row, tap: i)
            let x = geometry.width.inputIndex(output: column, tap: j)
            if y >= 0, y < height, x >= 0, x < width { dInput[n, c, y, x] += share }
        } }
    } } } }
    return dInput
}

public enum Activation: Hashable, Sendable {
    case relu, leakyRelu(slope: Float), sigmoid, tanh

    public func value(_ x: Float) -> Float {
        switch self {
        case .relu: max(x, 0)
        case let .leakyRelu(slope): x > 0 ? x : slope * x
        case .sigmoid: 1 / (1 + Foundation.exp(-x))
        case .tanh: Foundation.tanh(x)
        }
    }

    public func derivative(_ x: Float) -> Float {
        switch self {
        case .relu: x > 0 ? 1 : 0
        case let .leakyRelu(slope): x > 0 ? 1 : slope
        case .sigmoid: value(x) * (1 - value(x))
        case .tanh: 1 - value(x) * value(x)
        }
    }
}

public func activationForward(_ input: Tensor, _ activation: Activation) -> Tensor {
    input.map(activation.value)
}

public func activationBackward(dOutput: Tensor, input: Tensor, _ activation: Activation) -> Tensor {
    dOutput.zipWith(input) { gradient, x in gradient * activation.derivative(x) }
}

public func linearForward(input: Tensor, weight: Tensor, bias: Tensor?) -> Tensor {
    let (batch, inputFeatures, outputFeatures) = (input.shape[0], input.shape[1], weight.shape[0])
    var output = Tensor.zeros([batch, outputFeatures])
    for n in 0..<batch { for o in 0..<outputFeatures {
        var total = bias?.scalars[o] ?? 0
        for i in 0..<inputFeatures { total += input[n, i] * weight[o, i] }
        output[n, o] = total
    } }
    return output
}

public func linearBackward(dOutput: Tensor, input: Tensor, weight: Tensor, hasBias: Bool)
    -> (dInput: Tensor, dWeight: Tensor, dBias: Tensor?)
{
    let (batch, inputFeatures, outputFeatures) = (input.shape[0], input.shape[1], weight.shape[0])
    var dInput = Tensor.zeros(input.shape)
    var dWeight = Tensor.zeros(weight.shape)
    var dBias = Tensor.zeros([outputFeatures])
    for n in 0..<batch { for o in 0..<outputFeatures {
        let gradient = dOutput[n, o]
        dBias.scalars[o] += gradient
        for i in 0..<inputFeatures {
            dInput[n, i] += gradient * weight[o, i]
            dWeight[o, i] += gradient * input[n, i]
        }
    } }
    return (dInput, dWeight, hasBias ? dBias : nil)
}

public func flattenForward(_ input: Tensor) -> Tensor {
    input.reshaped([input.shape[0], input.shape.dropFirst().reduce(1, *)])
}

public func flattenBackward(dOutput: Tensor, inputShape: [Int]) -> Tensor {
    dOutput.reshaped(inputShape)
}
