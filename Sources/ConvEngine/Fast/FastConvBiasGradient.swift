// Layout: NCHW. dOutput N×K×OH×OW, dBias [K].

/// dBias[k] = Σ over n, oh, ow of dOutput[n, k, oh, ow] (`referenceConv2dBackward`'s dBias),
/// accumulated in Double as four partial sums, one per element index mod 4 of each plane,
/// images in order, added as (s0 + s1) + (s2 + s3) and rounded to Float once. Why four: a
/// single running sum waits for each addition to finish (a tenth of a teaching-net training
/// step in `perf`); four independent ones fill the adder. The order depends only on the
/// shape, so the result is the same for any thread count.
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
            var partial = SIMD4<Double>()
            for image in 0..<batch {
                let start = (image * channels + channel) * plane
                var index = 0
                while index + 4 <= plane {
                    partial += SIMD4<Double>(base.loadUnaligned(fromByteOffset: (start + index) * stride, as: SIMD4<Float>.self))
                    index += 4
                }
                while index < plane {
                    partial[index % 4] += Double(buffer[start + index])
                    index += 1
                }
            }
            sums[channel] = Float((partial[0] + partial[1]) + (partial[2] + partial[3]))
        }
    }
    return Tensor(shape: [channels], scalars: sums)
}
