// Layout: NCHW. dOutput N×K×OH×OW, dBias [K].

/// dBias[k] = Σ over n, oh, ow of dOutput[n, k, oh, ow] (`referenceConv2dBackward`'s dBias),
/// accumulated in Double as sixteen partial sums over each plane's runs of 16 elements (the
/// last few of a plane go to the first four), images in order, then added pairwise in a fixed
/// order and rounded to Float once. Why
/// sixteen: a single running sum waits for each addition to finish (a tenth of a teaching-net
/// training step in `perf`); four vectors of four independent sums keep the adders busy. The
/// order depends only on the shape, so the result is the same for any thread count.
/// - Parameter dOutput: N×K×OH×OW.
/// - Returns: dBias, [K].
func fastConvBiasGradient(dOutput: Tensor) -> Tensor {
    let (batch, channels, height, width) = dOutput.nchw
    let plane = height * width
    var sums = [Float](repeating: 0, count: channels)
    guard batch > 0, plane > 0 else { return Tensor(shape: [channels], scalars: sums) }
    dOutput.scalars.withUnsafeBufferPointer { buffer in
        let base = UnsafeRawPointer(buffer.baseAddress!)
        let stride = MemoryLayout<Float>.stride
        for channel in 0..<channels {
            var partials = (SIMD4<Double>(), SIMD4<Double>(), SIMD4<Double>(), SIMD4<Double>())
            for image in 0..<batch {
                let start = (image * channels + channel) * plane
                func load(_ index: Int) -> SIMD4<Double> {
                    SIMD4<Double>(base.loadUnaligned(fromByteOffset: (start + index) * stride, as: SIMD4<Float>.self))
                }
                var index = 0
                while index + 16 <= plane {
                    partials.0 += load(index)
                    partials.1 += load(index + 4)
                    partials.2 += load(index + 8)
                    partials.3 += load(index + 12)
                    index += 16
                }
                while index + 4 <= plane {
                    partials.0 += load(index)
                    index += 4
                }
                while index < plane {
                    partials.0[index % 4] += Double(buffer[start + index])
                    index += 1
                }
            }
            let partial = (partials.0 + partials.1) + (partials.2 + partials.3)
            sums[channel] = Float((partial[0] + partial[1]) + (partial[2] + partial[3]))
        }
    }
    return Tensor(shape: [channels], scalars: sums)
}
