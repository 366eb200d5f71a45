// Layout: input N×in, weight out×in (as PyTorch's nn.Linear), bias [out], output N×out.
//
import CConvKernels

// The fully connected layer as matrix products, same semantics as `linearForward` /
// `linearBackward` (the readable loops in Ops/LinearOp.swift):
//
//     forward:  out (N×out)     = X (N×in) · Wᵀ (in×out) + b
//     dInput:   dX (N×in)       = dOut (N×out) · W (out×in)
//     dWeight:  dW (out×in)     = dOutᵀ (out×N) · X (N×in)
//     dBias:    dBias[o]        = Σ_n dOut[n, o]
//
// A weight of at most `linearInPlaceWeightLimit` floats is read in place by the kernels of
// CConvKernels/LinearKernels.c; a larger one goes through the packed GEMM, whose cache
// blocking pays for its packing there. Either way every element's sum has a fixed order, so
// the result does not depend on the thread count.

/// Most weight floats (1 MiB) the in-place kernels take: the weight is read once per pair or
/// quadruple of rows, so it should stay in L2. The packed GEMM copied LeNet-5's 400×120 weight
/// on every call, and in every shard of a training step, to multiply it by 8 rows.
package let linearInPlaceWeightLimit = 1 << 18

/// Rows of the batch (or of the weight gradient) per task when the in-place kernels split
/// work over threads: a multiple of both kernels' row blocks, so the split changes no sum.
private let linearRowsPerTask = 32

/// The in-place kernel for `build`, as the C functions take it.
private func linearKernel(_ build: GemmMicroKernel.Build) -> Int32 {
    Int32(GemmMicroKernel.avx2OrPortableKernel(for: build).rawValue)
}

/// `linearForward` on the GEMM: input N×in, weight out×in, bias [out] or nil → N×out.
public func fastLinearForward(
    input: Tensor, weight: Tensor, bias: Tensor?, threadCount: Int = FastThreading.threadCount
) -> Tensor {
    fastLinearForward(input: input, weight: weight, bias: bias, threadCount: threadCount, build: GemmMicroKernel.build)
}

/// `fastLinearForward` with the kernel build chosen (tests compare every build).
package func fastLinearForward(
    input: Tensor, weight: Tensor, bias: Tensor?, threadCount: Int, build: GemmMicroKernel.Build
) -> Tensor {
    precondition(input.rank == 2 && weight.rank == 2 && weight.shape[1] == input.shape[1],
                 "linear: weight \(Tensor.describe(weight.shape)) does not fit input \(Tensor.describe(input.shape))")
    let (batch, inputFeatures, outputFeatures) = (input.shape[0], input.shape[1], weight.shape[0])
    if let bias {
        precondition(bias.shape == [outputFeatures],
                     "linear: bias \(Tensor.describe(bias.shape)) does not match weight \(Tensor.describe(weight.shape))")
    }
    var output = uninitializedFloats(count: batch * outputFeatures)  // N×out, written by the GEMM (β = 0)
    guard batch > 0, outputFeatures > 0 else { return Tensor(shape: [batch, outputFeatures], scalars: output) }
    if batch == 1 {
        // One image (inference, batch-1 training): a dot product per output. Packing Wᵀ into
        // 16-column panels, most of them zero padding for a 10-class head, cost more than the
        // product itself.
        oneImageLinear(input: input.scalars, weight: weight.scalars, bias: bias?.scalars,
                       inputFeatures: inputFeatures, into: &output)
        return Tensor(shape: [batch, outputFeatures], scalars: output)
    }
    if weight.count <= linearInPlaceWeightLimit {
        let kernel = linearKernel(build)
        input.scalars.withUnsafeBufferPointer { inputBuffer in
            weight.scalars.withUnsafeBufferPointer { weightBuffer in
                withOptionalPointer(bias?.scalars) { biasPointer in
                    output.withUnsafeMutableBufferPointer { outputBuffer in
                        let pointers = UncheckedSendableBox((inputBuffer.baseAddress!, weightBuffer.baseAddress!, biasPointer, outputBuffer.baseAddress!))
                        let taskCount = (batch + linearRowsPerTask - 1) / linearRowsPerTask
                        FastThreading.forEachTask(taskCount, threadCount: threadCount) { _, task in
                            let (x, w, b, out) = pointers.value
                            let first = task * linearRowsPerTask
                            convkernels_linear_dot_rows(
                                kernel, x + first * inputFeatures, min(linearRowsPerTask, batch - first), inputFeatures,
                                w, outputFeatures, b, out + first * outputFeatures)
                        }
                    }
                }
            }
        }
        return Tensor(shape: [batch, outputFeatures], scalars: output)
    }
    output.withUnsafeMutableBufferPointer { outputBuffer in
        Gemm.multiply(
            rowCount: batch, columnCount: outputFeatures, innerCount: inputFeatures,
            a: input.scalars, aRowStride: max(1, inputFeatures),
            b: weight.scalars, bRowStride: max(1, inputFeatures), transposeB: true,
            c: outputBuffer.baseAddress!, cRowStride: outputFeatures, threadCount: threadCount)
        if let bias {
            bias.scalars.withUnsafeBufferPointer { biasBuffer in
                for n in 0..<batch {
                    let row = outputBuffer.baseAddress! + n * outputFeatures
                    for o in 0..<outputFeatures { row[o] += biasBuffer[o] }
                }
            }
        }
    }
    return Tensor(shape: [batch, outputFeatures], scalars: output)
}

/// output[o] = Σ_p input[p]·weight[o, p] (+ bias[o]), eight partial sums per output added
/// lane-wise in index order, then the tail: a fixed order, so the same bits on every run.
private func oneImageLinear(
    input: [Float], weight: [Float], bias: [Float]?, inputFeatures: Int, into output: inout [Float]
) {
    let vectorEnd = inputFeatures - inputFeatures % 8
    input.withUnsafeBufferPointer { inputBuffer in
        weight.withUnsafeBufferPointer { weightBuffer in
            let x = UnsafeRawPointer(inputBuffer.baseAddress!)
            for o in 0..<output.count {
                let row = weightBuffer.baseAddress! + o * inputFeatures
                var lanes = SIMD8<Float>()
                for p in stride(from: 0, to: vectorEnd, by: 8) {
                    // Multiply then add (no `addProduct`), which stays vectorised without FMA.
                    lanes += x.loadUnaligned(fromByteOffset: p * 4, as: SIMD8<Float>.self)
                        * UnsafeRawPointer(row + p).loadUnaligned(as: SIMD8<Float>.self)
                }
                var total = lanes.sum()
                for p in vectorEnd..<inputFeatures { total += inputBuffer[p] * row[p] }
                output[o] = total + (bias?[o] ?? 0)
            }
        }
    }
}

/// `linearBackward` on the fast path: dOutput N×out, input N×in, weight out×in → dInput N×in,
/// dWeight out×in, dBias [out] (nil unless `hasBias`).
public func fastLinearBackward(
    dOutput: Tensor, input: Tensor, weight: Tensor, hasBias: Bool, threadCount: Int = FastThreading.threadCount
) -> (dInput: Tensor, dWeight: Tensor, dBias: Tensor?) {
    var dWeight = Tensor.zeros(weight.shape)   // out×in
    let (dInput, dBias) = fastLinearBackward(
        dOutput: dOutput, input: input, weight: weight, hasBias: hasBias, addingWeightGradientTo: &dWeight,
        threadCount: threadCount, build: GemmMicroKernel.build)
    return (dInput, dWeight, dBias)
}

/// `fastLinearBackward` that adds dWeight onto `weightGradient` (out×in) in place, as
/// `Parameter.accumulate` would (gradient + dWeight, each element rounded once), without a
/// dWeight tensor: the layer's backward pass. Returns dInput (N×in) and dBias ([out] or nil).
package func fastLinearBackward(
    dOutput: Tensor, input: Tensor, weight: Tensor, hasBias: Bool, addingWeightGradientTo weightGradient: inout Tensor,
    threadCount: Int = FastThreading.threadCount, build: GemmMicroKernel.Build = GemmMicroKernel.build
) -> (dInput: Tensor, dBias: Tensor?) {
    precondition(input.rank == 2 && weight.rank == 2 && weight.shape[1] == input.shape[1],
                 "linear: weight \(Tensor.describe(weight.shape)) does not fit input \(Tensor.describe(input.shape))")
    let (batch, inputFeatures, outputFeatures) = (input.shape[0], input.shape[1], weight.shape[0])
    precondition(dOutput.shape == [batch, outputFeatures],
                 "linear backward: dOutput is \(Tensor.describe(dOutput.shape)) but the forward output is \(Tensor.describe([batch, outputFeatures]))")
    precondition(weightGradient.shape == weight.shape,
                 "linear backward: weight gradient \(Tensor.describe(weightGradient.shape)) does not match weight \(Tensor.describe(weight.shape))")
    var dBias: Tensor? = nil
    if hasBias {
        var sums = [Float](repeating: 0, count: outputFeatures)
        dOutput.scalars.withUnsafeBufferPointer { gradient in
            for n in 0..<batch {
                for o in 0..<outputFeatures { sums[o] += gradient[n * outputFeatures + o] }
            }
        }
        dBias = Tensor(shape: [outputFeatures], scalars: sums)
    }
    guard batch > 0, inputFeatures > 0, outputFeatures > 0 else {
        return (Tensor.zeros(input.shape), dBias)
    }
    guard weight.count <= linearInPlaceWeightLimit else {
        let gemm = gemmLinearBackward(dOutput: dOutput, input: input, weight: weight, threadCount: threadCount)
        weightGradient.add(gemm.dWeight)
        return (gemm.dInput, dBias)
    }
    var dInput = uninitializedFloats(count: input.count)   // N×in, every element written below
    let kernel = linearKernel(build)
    dOutput.scalars.withUnsafeBufferPointer { dOutputBuffer in
        input.scalars.withUnsafeBufferPointer { inputBuffer in
            weight.scalars.withUnsafeBufferPointer { weightBuffer in
                dInput.withUnsafeMutableBufferPointer { dInputBuffer in
                    weightGradient.scalars.withUnsafeMutableBufferPointer { gradientBuffer in
                        let pointers = UncheckedSendableBox((dOutputBuffer.baseAddress!, inputBuffer.baseAddress!, weightBuffer.baseAddress!,
                                                             dInputBuffer.baseAddress!, gradientBuffer.baseAddress!))
                        // Tasks: first the row blocks of dInput, then those of dWeight.
                        let inputTasks = (batch + linearRowsPerTask - 1) / linearRowsPerTask
                        let weightTasks = (outputFeatures + linearRowsPerTask - 1) / linearRowsPerTask
                        FastThreading.forEachTask(inputTasks + weightTasks, threadCount: threadCount) { _, task in
                            let (dOut, x, w, dX, dW) = pointers.value
                            if task < inputTasks {
                                // dX[n, :] = Σ_o dOut[n, o] · W[o, :]
                                let first = task * linearRowsPerTask
                                convkernels_linear_weighted_rows(
                                    kernel, dOut + first * outputFeatures, outputFeatures, 1,
                                    min(linearRowsPerTask, batch - first), outputFeatures,
                                    w, inputFeatures, inputFeatures, dX + first * inputFeatures, inputFeatures, 0)
                            } else {
                                // dW[o, :] += Σ_n dOut[n, o] · X[n, :]
                                let first = (task - inputTasks) * linearRowsPerTask
                                convkernels_linear_weighted_rows(
                                    kernel, dOut + first, 1, outputFeatures,
                                    min(linearRowsPerTask, outputFeatures - first), batch,
                                    x, inputFeatures, inputFeatures, dW + first * inputFeatures, inputFeatures, 1)
                            }
                        }
                    }
                }
            }
        }
    }
    return (Tensor(shape: input.shape, scalars: dInput), dBias)
}

/// dInput and dWeight on the packed GEMM, for a weight too large to read in place.
private func gemmLinearBackward(
    dOutput: Tensor, input: Tensor, weight: Tensor, threadCount: Int
) -> (dInput: Tensor, dWeight: Tensor) {
    let (batch, inputFeatures, outputFeatures) = (input.shape[0], input.shape[1], weight.shape[0])
    var dInput = [Float](repeating: 0, count: input.count)     // N×in
    var dWeight = [Float](repeating: 0, count: weight.count)   // out×in
    dInput.withUnsafeMutableBufferPointer { dInputBuffer in
        Gemm.multiply(
            rowCount: batch, columnCount: inputFeatures, innerCount: outputFeatures,
            a: dOutput.scalars, aRowStride: outputFeatures,
            b: weight.scalars, bRowStride: inputFeatures,
            c: dInputBuffer.baseAddress!, cRowStride: inputFeatures, threadCount: threadCount)
    }
    dWeight.withUnsafeMutableBufferPointer { dWeightBuffer in
        Gemm.multiply(
            rowCount: outputFeatures, columnCount: inputFeatures, innerCount: batch,
            a: dOutput.scalars, aRowStride: outputFeatures, transposeA: true,
            b: input.scalars, bRowStride: inputFeatures,
            c: dWeightBuffer.baseAddress!, cRowStride: inputFeatures, threadCount: threadCount)
    }
    return (Tensor(shape: input.shape, scalars: dInput), Tensor(shape: weight.shape, scalars: dWeight))
}
