// Layout: NCHW gradient.

/// A conv layer's dBias from its dOutput (N×K×OH×OW): dBias[k] = Σ over n, oh, ow of
/// dOutput[n, k, oh, ow], accumulated in Double as the earlier loop was, but in four
/// independent Double lanes (element e of each plane goes to lane e mod 4) that are added in a
/// fixed order at the end. One running Double sum made every add wait for the one before it:
/// for LeNet-5's first layer (6 channels of 28×28 per image) that loop was 3% of a training step.
/// The order depends only on the shape, so the result does not depend on the thread count.
func fastConvBiasGradient(_ dOutput: Tensor) -> Tensor {
    let (batch, channels, height, width) = dOutput.nchw
    let plane = height * width
    let vectorEnd = plane - plane % 4
    var sums = [Float](repeating: 0, count: channels)
    dOutput.scalars.withUnsafeBufferPointer { gradient in
        for channel in 0..<channels {
            var lanes = SIMD4<Double>()
            var tail = 0.0
            for image in 0..<batch {
                let start = gradient.baseAddress! + (image * channels + channel) * plane
                for index in stride(from: 0, to: vectorEnd, by: 4) {
                    lanes += SIMD4<Double>(Double(start[index]), Double(start[index + 1]),
                                           Double(start[index + 2]), Double(start[index + 3]))
                }
                for index in vectorEnd..<plane { tail += Double(start[index]) }
            }
            sums[channel] = Float((lanes[0] + lanes[2]) + (lanes[1] + lanes[3]) + tail)
        }
    }
    return Tensor(shape: [channels], scalars: sums)
}
