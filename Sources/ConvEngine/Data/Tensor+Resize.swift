// Layout: NCHW.

extension Tensor {
    /// Every image of an N×C×H×W batch resized to N×C×`height`×`width` by bilinear
    /// interpolation, as PyTorch's `F.interpolate(mode="bilinear", align_corners=False)`
    /// without antialiasing: output pixel (y, x) samples the input at
    ///
    ///     sy = max(0, (y + ½) · H/height − ½),   sx = max(0, (x + ½) · W/width − ½)
    ///
    /// blending the four surrounding pixels by distance (the last row/column repeats at the
    /// edge). Pixel centres line up, so resizing to the same size returns the input exactly.
    public func resizedBilinear(height outputHeight: Int, width outputWidth: Int) -> Tensor {
        let (batch, channels, inputHeight, inputWidth) = nchw
        precondition(outputHeight > 0 && outputWidth > 0, "resize target must be positive, got \(outputHeight)×\(outputWidth)")
        /// For each output coordinate: the lower source index, the upper one, and the upper's weight.
        func taps(output: Int, input: Int) -> [(Int, Int, Float)] {
            let scale = Float(input) / Float(output)
            return (0..<output).map { position in
                let source = max(0, (Float(position) + 0.5) * scale - 0.5)
                let lower = min(Int(source), input - 1)
                let upper = min(lower + 1, input - 1)
                return (lower, upper, source - Float(lower))
            }
        }
        let rows = taps(output: outputHeight, input: inputHeight)
        let columns = taps(output: outputWidth, input: inputWidth)
        var output = Tensor.zeros([batch, channels, outputHeight, outputWidth])  // N×C×OH×OW
        for plane in 0..<(batch * channels) {
            let inputBase = plane * inputHeight * inputWidth
            let outputBase = plane * outputHeight * outputWidth
            for (y, (top, bottom, rowWeight)) in rows.enumerated() {
                for (x, (left, right, columnWeight)) in columns.enumerated() {
                    let topValue = (1 - columnWeight) * scalars[inputBase + top * inputWidth + left]
                        + columnWeight * scalars[inputBase + top * inputWidth + right]
                    let bottomValue = (1 - columnWeight) * scalars[inputBase + bottom * inputWidth + left]
                        + columnWeight * scalars[inputBase + bottom * inputWidth + right]
                    output.scalars[outputBase + y * outputWidth + x] = (1 - rowWeight) * topValue + rowWeight * bottomValue
                }
            }
        }
        return output
    }
}
