// TEMPORARY stand-ins for the agreed conv and pooling API, so the reference agreement tests of
// this branch build and run before the real ops arrive. Delete this whole file when the real
// Ops/ land: nothing else lives here and the signatures match the agreed ones exactly.
// Layout: NCHW; conv weights OIHW. Plain direct loops, no attempt at speed.

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
        ConvGeometry(inputHeight: inputHeight, inputWidth: inputWidth, kernelHeight: kernelHeight, kernelWidth: kernelWidth,
                     padding: (paddingHeight, paddingWidth), stride: (strideHeight, strideWidth),
                     dilation: (dilationHeight, dilationWidth))
    }
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
        ConvGeometry(inputHeight: inputHeight, inputWidth: inputWidth, kernelHeight: kernelHeight, kernelWidth: kernelWidth,
                     padding: (paddingHeight, paddingWidth), stride: (strideHeight, strideWidth))
    }
}

/// Calls `body(n, k, c, outputRow, outputColumn, inputRow, inputColumn, kernelRow, kernelColumn)`
/// for every in-bounds tap; the kernel indices are already rotated when `config.flipped`.
private func forEachConvTap(
    input: [Int], weight: [Int], config: Conv2DConfig,
    _ body: (Int, Int, Int, Int, Int, Int, Int, Int, Int) -> Void
) {
    let (batch, channels, height, width) = (input[0], input[1], input[2], input[3])
    let (outputChannels, kernelHeight, kernelWidth) = (weight[0], weight[2], weight[3])
    let size = config.geometry(inputHeight: height, inputWidth: width, kernelHeight: kernelHeight, kernelWidth: kernelWidth).outputSize
    for n in 0..<batch { for k in 0..<outputChannels { for c in 0..<channels {
        for row in 0..<size.height { for column in 0..<size.width {
            for i in 0..<kernelHeight { for j in 0..<kernelWidth {
                let inputRow = row * config.strideHeight - config.paddingHeight + i * config.dilationHeight
                let inputColumn = column * config.strideWidth - config.paddingWidth + j * config.dilationWidth
                guard inputRow >= 0, inputRow < height, inputColumn >= 0, inputColumn < width else { continue }
                let kernelRow = config.flipped ? kernelHeight - 1 - i : i
                let kernelColumn = config.flipped ? kernelWidth - 1 - j : j
                body(n, k, c, row, column, inputRow, inputColumn, kernelRow, kernelColumn)
            } }
        } }
    } } }
}

private func convOutputShape(input: Tensor, weight: Tensor, config: Conv2DConfig) -> [Int] {
    let size = config.geometry(inputHeight: input.shape[2], inputWidth: input.shape[3],
                               kernelHeight: weight.shape[2], kernelWidth: weight.shape[3]).outputSize
    return [input.shape[0], weight.shape[0], size.height, size.width]
}

public func conv2dForward(input: Tensor, weight: Tensor, bias: Tensor?, config: Conv2DConfig) -> Tensor {
    var output = Tensor.zeros(convOutputShape(input: input, weight: weight, config: config))
    forEachConvTap(input: input.shape, weight: weight.shape, config: config) { n, k, c, row, column, inputRow, inputColumn, kernelRow, kernelColumn in
        output[n, k, row, column] += input[n, c, inputRow, inputColumn] * weight[k, c, kernelRow, kernelColumn]
    }
    if let bias {
        for n in 0..<output.shape[0] { for k in 0..<output.shape[1] { for row in 0..<output.shape[2] { for column in 0..<output.shape[3] {
            output[n, k, row, column] += bias[k]
        } } } }
    }
    return output
}

public func conv2dBackward(dOutput: Tensor, input: Tensor, weight: Tensor, hasBias: Bool, config: Conv2DConfig)
    -> (dInput: Tensor, dWeight: Tensor, dBias: Tensor?)
{
    var dInput = Tensor.zeros(input.shape)
    var dWeight = Tensor.zeros(weight.shape)
    forEachConvTap(input: input.shape, weight: weight.shape, config: config) { n, k, c, row, column, inputRow, inputColumn, kernelRow, kernelColumn in
        let upstream = dOutput[n, k, row, column]
        dInput[n, c, inputRow, inputColumn] += upstream * weight[k, c, kernelRow, kernelColumn]
        dWeight[k, c, kernelRow, kernelColumn] += upstream * input[n, c, inputRow, inputColumn]
    }
    var dBias: Tensor? = nil
    if hasBias {
        var sums = Tensor.zeros([weight.shape[0]])
        for n in 0..<dOutput.shape[0] { for k in 0..<dOutput.shape[1] { for row in 0..<dOutput.shape[2] { for column in 0..<dOutput.shape[3] {
            sums[k] += dOutput[n, k, row, column]
        } } } }
        dBias = sums
    }
    return (dInput, dWeight, dBias)
}

/// Calls `body(n, c, outputRow, outputColumn, inputRow, inputColumn)` for every tap, padded ones
/// included (their input indices lie outside the image).
private func forEachPoolTap(input: [Int], config: Pool2DConfig, _ body: (Int, Int, Int, Int, Int, Int) -> Void) -> [Int] {
    let size = config.geometry(inputHeight: input[2], inputWidth: input[3]).outputSize
    for n in 0..<input[0] { for c in 0..<input[1] { for row in 0..<size.height { for column in 0..<size.width {
        for i in 0..<config.kernelHeight { for j in 0..<config.kernelWidth {
            body(n, c, row, column, row * config.strideHeight - config.paddingHeight + i,
                 column * config.strideWidth - config.paddingWidth + j)
        } }
    } } } }
    return [input[0], input[1], size.height, size.width]
}

public func maxPool2dForward(input: Tensor, config: Pool2DConfig) -> (output: Tensor, routes: [Int]) {
    let size = config.geometry(inputHeight: input.shape[2], inputWidth: input.shape[3]).outputSize
    var output = Tensor(shape: [input.shape[0], input.shape[1], size.height, size.width], repeating: -.infinity)
    var routes = [Int](repeating: -1, count: output.count)
    _ = forEachPoolTap(input: input.shape, config: config) { n, c, row, column, inputRow, inputColumn in
        guard inputRow >= 0, inputRow < input.shape[2], inputColumn >= 0, inputColumn < input.shape[3] else { return }
        let value = input[n, c, inputRow, inputColumn]
        if value > output[n, c, row, column] {
            output[n, c, row, column] = value
            routes[output.offset([n, c, row, column])] = input.offset([n, c, inputRow, inputColumn])
        }
    }
    return (output, routes)
}

public func maxPool2dBackward(dOutput: Tensor, inputShape: [Int], routes: [Int]) -> Tensor {
    var dInput = Tensor.zeros(inputShape)
    for (index, route) in routes.enumerated() where route >= 0 { dInput.scalars[route] += dOutput.scalars[index] }
    return dInput
}

public func avgPool2dForward(input: Tensor, config: Pool2DConfig) -> Tensor {
    let size = config.geometry(inputHeight: input.shape[2], inputWidth: input.shape[3]).outputSize
    var output = Tensor.zeros([input.shape[0], input.shape[1], size.height, size.width])
    let divisor = Float(config.kernelHeight * config.kernelWidth)
    _ = forEachPoolTap(input: input.shape, config: config) { n, c, row, column, inputRow, inputColumn in
        guard inputRow >= 0, inputRow < input.shape[2], inputColumn >= 0, inputColumn < input.shape[3] else { return }
        output[n, c, row, column] += input[n, c, inputRow, inputColumn] / divisor
    }
    return output
}

public func avgPool2dBackward(dOutput: Tensor, inputShape: [Int], config: Pool2DConfig) -> Tensor {
    var dInput = Tensor.zeros(inputShape)
    let divisor = Float(config.kernelHeight * config.kernelWidth)
    _ = forEachPoolTap(input: inputShape, config: config) { n, c, row, column, inputRow, inputColumn in
        guard inputRow >= 0, inputRow < inputShape[2], inputColumn >= 0, inputColumn < inputShape[3] else { return }
        dInput[n, c, inputRow, inputColumn] += dOutput[n, c, row, column] / divisor
    }
    return dInput
}
