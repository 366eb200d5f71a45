import ConvEngine

/// The smallest input size of at least `minimum` along one axis over which the given window
/// tiles exactly, (W + 2P − D·(F − 1) − 1) divisible by S, so random-shape tests can pick a
/// geometry `ConvGeometry` accepts.
public func tilingInputSize(kernelSize: Int, stride: Int, padding: Int, dilation: Int = 1, minimum: Int = 1) -> Int {
    var size = max(minimum, 1)
    while AxisGeometry(inputSize: size, kernelSize: kernelSize, padding: padding, stride: stride, dilation: dilation).outputSize == nil {
        size += 1
    }
    return size
}
