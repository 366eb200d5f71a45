// Layout: NCHW input and output, OIHW weight.
//
// The fast conv: im2col + GEMM, for groups of images at once so the matrix products are wide
// enough to keep the micro-kernel and both cores busy. With R = C·KH·KW, P = OH·OW and a group
// of G images, W the weight as a K×R matrix (rotated 180° first when `flipped`), and
// `columns` the R × G·P column matrix (Im2ColLayout):
//
//     forward:   Y (K × G·P)  = W · columns                  then Y + bias, regrouped to N×K×OH×OW
//     dWeight:   dW (K × R)  += dY (K × G·P) · columnsᵀ       summed over groups in order
//     dInput:    dColumns (R × G·P) = Wᵀ · dY               then col2im onto dInput
//     dBias:     dBias[k]     = Σ over n, oh, ow of dOutput  (accumulated in Double, FastConvBiasGradient.swift)
//
// G depends only on the shapes (the column matrix stays under `columnBudget` floats), never
// on the thread count, and every step is bit-identical for any thread count (see Gemm.swift),
// so these functions give the same bits with 1 thread or 2.

/// Most floats a column matrix may hold by default (16 MB); the batch is processed in groups
/// that fit.
package let defaultColumnBudget = 1 << 22

/// The forward convolution of `input` (N×C×H×W) with `weight` (K×C×KH×KW) plus `bias` ([K]),
/// giving N×K×OH×OW with OH, OW from `config.geometry(...)`. Same semantics as
/// `referenceConv2dForward`, computed by the direct kernel where R = C·KH·KW is small
/// (FastDirectConv.swift), else by im2col + GEMM.
public func fastConv2dForward(
    input: Tensor, weight: Tensor, bias: Tensor?, config: Conv2DConfig,
    threadCount: Int = FastThreading.threadCount
) -> Tensor {
    fastConv2dForward(input: input, weight: weight, bias: bias, config: config, relu: false, threadCount: threadCount)
}

/// `fastConv2dForward` followed by ReLU when `relu`, in the same pass over the output: the
/// fused conv + bias + ReLU of a network's conv layer and the activation after it.
package func fastConv2dForward(
    input: Tensor, weight: Tensor, bias: Tensor?, config: Conv2DConfig, relu: Bool,
    threadCount: Int = FastThreading.threadCount
) -> Tensor {
    var storage: [Float] = []
    return fastConv2dForward(input: input, weight: weight, bias: bias, config: config, relu: relu,
                             threadCount: threadCount, reusing: &storage)
}

/// The im2col + GEMM forward with an explicit column-matrix budget (tests force one image per
/// group), ReLU applied with the bias when `relu`.
package func fastConv2dForward(
    input: Tensor, weight: Tensor, bias: Tensor?, config: Conv2DConfig,
    threadCount: Int, columnBudget: Int, relu: Bool = false
) -> Tensor {
    var storage: [Float] = []
    return gemmConv2dForward(input: input, weight: weight, bias: bias, config: config, relu: relu,
                             threadCount: threadCount, columnBudget: columnBudget, reusing: &storage)
}

/// `fastConv2dForward`, ReLU applied with the bias when `relu`, writing the output into
/// `output` (see `reuseStorage`): a layer passes the buffer of its last step.
package func fastConv2dForward(
    input: Tensor, weight: Tensor, bias: Tensor?, config: Conv2DConfig, relu: Bool = false,
    threadCount: Int = FastThreading.threadCount, reusing output: inout [Float]
) -> Tensor {
    if input.rank == 4, weight.rank == 4,
       directConvApplies(inputChannels: weight.shape[1], kernelHeight: weight.shape[2], kernelWidth: weight.shape[3], config: config) {
        return directConv2dForward(input: input, weight: weight, bias: bias, config: config, relu: relu,
                                   threadCount: threadCount, reusing: &output)
    }
    return gemmConv2dForward(input: input, weight: weight, bias: bias, config: config, relu: relu,
                             threadCount: threadCount, columnBudget: defaultColumnBudget, reusing: &output)
}

/// The GEMM paths of the forward conv: shifted rows for stride 1 with many channels
/// (ShiftedRowConv2D.swift), im2col + GEMM otherwise.
private func gemmConv2dForward(
    input: Tensor, weight: Tensor, bias: Tensor?, config: Conv2DConfig, relu: Bool,
    threadCount: Int, columnBudget: Int, reusing output: inout [Float]
) -> Tensor {
    let layout = convLayout(input: input, weight: weight, config: config)
    let batch = input.shape[0]
    let outChannels = weight.shape[0]
    if let bias {
        precondition(bias.shape == [outChannels], "bias \(Tensor.describe(bias.shape)) does not match weight \(Tensor.describe(weight.shape))")
    }
    let outputShape = [batch, outChannels, layout.outputHeight, layout.outputWidth]
    guard batch > 0 else { return Tensor.zeros(outputShape) }

    let plane = layout.outputPlane
    let rowCount = layout.rowCount
    let groupSize = imagesPerGroup(layout, batch: batch, columnBudget: columnBudget)
    let kernel = orientedKernel(weight, flipped: config.flipped)     // K × R
    let biasValues = bias?.scalars ?? [Float](repeating: 0, count: outChannels)
    reuseStorage(&output, count: batch * outChannels * plane)  // every element written below
    if ShiftedRowConvPlan.applies(to: layout) {
        // Stride 1, many channels: read the input in place instead of building columns.
        let plan = ShiftedRowConvPlan(layout: layout, outChannels: outChannels)
        input.scalars.withUnsafeBufferPointer { inputBuffer in
            kernel.withUnsafeBufferPointer { kernelBuffer in
                biasValues.withUnsafeBufferPointer { biasBuffer in
                    output.withUnsafeMutableBufferPointer { outputBuffer in
                        shiftedRowConv2dForward(
                            plan: plan, input: inputBuffer.baseAddress!, batch: batch,
                            kernel: kernelBuffer.baseAddress!, bias: biasBuffer.baseAddress!,
                            output: outputBuffer.baseAddress!, threadCount: threadCount)
                    }
                }
            }
        }
        if relu {
            for index in output.indices where !(output[index] > 0) { output[index] = 0 }  // NaN → 0, as ReLU does
        }
        return Tensor(shape: outputShape, scalars: output)
    }
    let columnsLease = ScratchPool.borrow(count: rowCount * groupSize * plane)
    let productLease = ScratchPool.borrow(count: outChannels * groupSize * plane)
    defer { ScratchPool.giveBack(columnsLease); ScratchPool.giveBack(productLease) }
    let (columns, product) = (columnsLease.base, productLease.base)

    input.scalars.withUnsafeBufferPointer { inputBuffer in
        kernel.withUnsafeBufferPointer { kernelBuffer in
            output.withUnsafeMutableBufferPointer { outputBuffer in
                let outputBase = UncheckedSendableBox(outputBuffer.baseAddress!)
                for firstImage in stride(from: 0, to: batch, by: groupSize) {
                    let imageCount = min(groupSize, batch - firstImage)
                    let width = imageCount * plane
                    layout.gather(input: inputBuffer.baseAddress!, firstImage: firstImage, imageCount: imageCount,
                                  into: columns, threadCount: threadCount)
                    Gemm.multiply(
                        rowCount: outChannels, columnCount: width, innerCount: rowCount,
                        a: kernelBuffer.baseAddress!, aRowStride: rowCount,
                        b: columns, bRowStride: width,
                        c: product, cRowStride: width, threadCount: threadCount)
                    // product[k, g·P + p] + bias[k] → output[firstImage + g, k, p]
                    let source = UncheckedSendableBox(product)
                    FastThreading.forEachTask(imageCount * outChannels, threadCount: threadCount) { _, task in
                        let (image, channel) = (task / outChannels, task % outChannels)
                        let from = source.value + channel * width + image * plane
                        let to = outputBase.value + ((firstImage + image) * outChannels + channel) * plane
                        let shift = biasValues[channel]
                        if relu {
                            for index in 0..<plane {
                                let value = from[index] + shift
                                to[index] = value > 0 ? value : 0
                            }
                        } else {
                            for index in 0..<plane { to[index] = from[index] + shift }
                        }
                    }
                }
            }
        }
    }
    return Tensor(shape: outputShape, scalars: output)
}

/// The gradients of `fastConv2dForward` given `dOutput` (N×K×OH×OW): `dInput` (N×C×H×W),
/// `dWeight` (K×C×KH×KW) and, when `hasBias`, `dBias` ([K]). Same semantics as
/// `referenceConv2dBackward`.
public func fastConv2dBackward(
    dOutput: Tensor, input: Tensor, weight: Tensor, hasBias: Bool, config: Conv2DConfig,
    threadCount: Int = FastThreading.threadCount
) -> (dInput: Tensor, dWeight: Tensor, dBias: Tensor?) {
    fastConv2dBackward(dOutput: dOutput, input: input, weight: weight, hasBias: hasBias, config: config,
                       threadCount: threadCount, columnBudget: defaultColumnBudget)
}

/// `fastConv2dBackward` with an explicit column-matrix budget (tests force one image per group).
package func fastConv2dBackward(
    dOutput: Tensor, input: Tensor, weight: Tensor, hasBias: Bool, config: Conv2DConfig,
    threadCount: Int, columnBudget: Int
) -> (dInput: Tensor, dWeight: Tensor, dBias: Tensor?) {
    let gradients = fastConv2dGradients(
        dOutput: dOutput, input: input, weight: weight, hasBias: hasBias, config: config,
        threadCount: threadCount, columnBudget: columnBudget, computeInputGradient: true)
    return (gradients.dInput!, gradients.dWeight, gradients.dBias)
}

/// The gradients of `fastConv2dForward`; dInput only when `computeInputGradient` (a
/// network's first layer needs none, and skipping it saves a GEMM and the col2im pass).
package func fastConv2dGradients(
    dOutput: Tensor, input: Tensor, weight: Tensor, hasBias: Bool, config: Conv2DConfig,
    threadCount: Int = FastThreading.threadCount, columnBudget: Int = defaultColumnBudget,
    computeInputGradient: Bool
) -> (dInput: Tensor?, dWeight: Tensor, dBias: Tensor?) {
    var storage: [Float] = []
    return fastConv2dGradients(
        dOutput: dOutput, input: input, weight: weight, hasBias: hasBias, config: config,
        threadCount: threadCount, columnBudget: columnBudget, computeInputGradient: computeInputGradient,
        reusing: &storage)
}

/// `fastConv2dGradients` writing dInput into `dInput` (see `reuseStorage`).
package func fastConv2dGradients(
    dOutput: Tensor, input: Tensor, weight: Tensor, hasBias: Bool, config: Conv2DConfig,
    threadCount: Int = FastThreading.threadCount, columnBudget: Int = defaultColumnBudget,
    computeInputGradient: Bool, reusing dInput: inout [Float]
) -> (dInput: Tensor?, dWeight: Tensor, dBias: Tensor?) {
    let layout = convLayout(input: input, weight: weight, config: config)
    let batch = input.shape[0]
    let outChannels = weight.shape[0]
    let plane = layout.outputPlane
    let rowCount = layout.rowCount
    let outputShape = [batch, outChannels, layout.outputHeight, layout.outputWidth]
    precondition(dOutput.shape == outputShape,
                 "dOutput \(Tensor.describe(dOutput.shape)) does not match the forward output \(Tensor.describe(outputShape))")

    var dBias: Tensor? = nil
    if hasBias { dBias = fastConvBiasGradient(dOutput: dOutput) }
    guard batch > 0 else {
        return (computeInputGradient ? Tensor.zeros(input.shape) : nil, Tensor.zeros(weight.shape), dBias)
    }
    // Few input channels: dWeight by the direct kernel, and no im2col at all (only dWeight
    // reads the column matrix). Chosen by shape alone, so `backward` and the first layer's
    // `accumulateParameterGradients` give the same bits.
    let directWeight = directConvApplies(
        inputChannels: weight.shape[1], kernelHeight: weight.shape[2], kernelWidth: weight.shape[3], config: config)
    if directWeight && !computeInputGradient {
        let dWeight = directConv2dWeightGradient(dOutput: dOutput, input: input, weight: weight, config: config, threadCount: threadCount)
        return (nil, dWeight, dBias)
    }
    // Stride 1 as well: dInput is a direct conv of dOutput (FastDirectConvInputGradient.swift).
    if directWeight, directConvInputGradientApplies(kernelHeight: weight.shape[2], kernelWidth: weight.shape[3], config: config) {
        let dWeight = directConv2dWeightGradient(dOutput: dOutput, input: input, weight: weight, config: config, threadCount: threadCount)
        let gradient = directConv2dInputGradient(dOutput: dOutput, inputShape: input.shape, weight: weight, config: config,
                                                 threadCount: threadCount, reusing: &dInput)
        return (gradient, dWeight, dBias)
    }

    let groupSize = imagesPerGroup(layout, batch: batch, columnBudget: columnBudget)
    let kernel = orientedKernel(weight, flipped: config.flipped)     // K × R
    // col2im adds onto dInput, so it starts at zero.
    if computeInputGradient { reuseZeroedStorage(&dInput, count: input.count) }
    var dKernel = [Float](repeating: 0, count: outChannels * rowCount)   // K × R
    let columnsLease = ScratchPool.borrow(count: directWeight ? 0 : rowCount * groupSize * plane)
    let dColumnsLease = ScratchPool.borrow(count: computeInputGradient ? rowCount * groupSize * plane : 0)
    let dProductLease = ScratchPool.borrow(count: outChannels * groupSize * plane)
    defer { ScratchPool.giveBack(columnsLease); ScratchPool.giveBack(dColumnsLease); ScratchPool.giveBack(dProductLease) }
    let (columns, dColumns, dProduct) = (columnsLease.base, dColumnsLease.base, dProductLease.base)

    input.scalars.withUnsafeBufferPointer { inputBuffer in
        dOutput.scalars.withUnsafeBufferPointer { dOutputBuffer in
            kernel.withUnsafeBufferPointer { kernelBuffer in
                dKernel.withUnsafeMutableBufferPointer { dKernelBuffer in
                    dInput.withUnsafeMutableBufferPointer { dInputBuffer in
                        let dOutputBase = UncheckedSendableBox(dOutputBuffer.baseAddress!)
                        let target = UncheckedSendableBox(dProduct)
                        for firstImage in stride(from: 0, to: batch, by: groupSize) {
                            let imageCount = min(groupSize, batch - firstImage)
                            let width = imageCount * plane
                            if !directWeight {
                                layout.gather(input: inputBuffer.baseAddress!, firstImage: firstImage,
                                              imageCount: imageCount, into: columns, threadCount: threadCount)
                            }
                            // dOutput[firstImage + g, k, p] → dProduct[k, g·P + p]
                            FastThreading.forEachTask(imageCount * outChannels, threadCount: threadCount) { _, task in
                                let (image, channel) = (task / outChannels, task % outChannels)
                                let from = dOutputBase.value + ((firstImage + image) * outChannels + channel) * plane
                                (target.value + channel * width + image * plane).update(from: from, count: plane)
                            }
                            // dW (K × R) = dY (K × G·P) · columnsᵀ, added onto earlier groups.
                            if !directWeight {
                                Gemm.multiply(
                                    rowCount: outChannels, columnCount: rowCount, innerCount: width,
                                    a: dProduct, aRowStride: width,
                                    b: columns, bRowStride: width, transposeB: true,
                                    beta: firstImage == 0 ? 0 : 1,
                                    c: dKernelBuffer.baseAddress!, cRowStride: rowCount, threadCount: threadCount)
                            }
                            guard computeInputGradient else { continue }
                            // dColumns (R × G·P) = Wᵀ (R × K) · dY (K × G·P)
                            Gemm.multiply(
                                rowCount: rowCount, columnCount: width, innerCount: outChannels,
                                a: kernelBuffer.baseAddress!, aRowStride: rowCount, transposeA: true,
                                b: dProduct, bRowStride: width,
                                c: dColumns, cRowStride: width, threadCount: threadCount)
                            layout.scatterAdd(columns: dColumns, firstImage: firstImage, imageCount: imageCount,
                                              into: dInputBuffer.baseAddress!, threadCount: threadCount)
                        }
                    }
                }
            }
        }
    }
    // The kernel was rotated for a flipped conv; rotating its gradient back is the same map.
    let dWeight = directWeight
        ? directConv2dWeightGradient(dOutput: dOutput, input: input, weight: weight, config: config, threadCount: threadCount)
        : Tensor(shape: weight.shape, scalars: orientedKernel(Tensor(shape: weight.shape, scalars: dKernel), flipped: config.flipped))
    return (computeInputGradient ? Tensor(shape: input.shape, scalars: dInput) : nil, dWeight, dBias)
}

/// Checks the shapes and builds the im2col layout from `config.geometry(...)`.
private func convLayout(input: Tensor, weight: Tensor, config: Conv2DConfig) -> Im2ColLayout {
    let (_, channels, height, width) = input.nchw
    let (_, weightChannels, kernelHeight, kernelWidth) = weight.nchw
    precondition(weightChannels == channels,
                 "weight \(Tensor.describe(weight.shape)) expects \(weightChannels) input channels, input \(Tensor.describe(input.shape)) has \(channels)")
    let geometry = config.geometry(
        inputHeight: height, inputWidth: width, kernelHeight: kernelHeight, kernelWidth: kernelWidth)
    return Im2ColLayout(
        channels: channels, height: height, width: width,
        kernelHeight: kernelHeight, kernelWidth: kernelWidth, geometry: geometry)
}

/// G: as many images as keep the column matrix (R × G·P) within `columnBudget`, at least one.
private func imagesPerGroup(_ layout: Im2ColLayout, batch: Int, columnBudget: Int) -> Int {
    let perImage = max(1, layout.rowCount * layout.outputPlane)
    return max(1, min(batch, columnBudget / perImage))
}

/// The weight's elements as a K × R matrix, each KH×KW kernel rotated by 180° when `flipped`
/// (rotated[k, c, i, j] = weight[k, c, KH−1−i, KW−1−j]). The rotation is its own inverse.
func orientedKernel(_ weight: Tensor, flipped: Bool) -> [Float] {
    guard flipped else { return weight.scalars }
    let (_, _, kernelHeight, kernelWidth) = weight.nchw
    let kernelSize = kernelHeight * kernelWidth
    var rotated = weight.scalars
    for start in stride(from: 0, to: rotated.count, by: kernelSize) {
        for tap in 0..<kernelSize {
            rotated[start + tap] = weight.scalars[start + kernelSize - 1 - tap]
        }
    }
    return rotated
}
