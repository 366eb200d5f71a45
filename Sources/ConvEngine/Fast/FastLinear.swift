// Layout: input N×in, weight out×in (as PyTorch's nn.Linear), bias [out], output N×out.
//
// The fully connected layer as matrix products on the packed GEMM, same semantics as
// `linearForward` / `linearBackward` (the readable loops in Ops/LinearOp.swift):
//
//     forward:  out (N×out)     = X (N×in) · Wᵀ (in×out) + b
//     dInput:   dX (N×in)       = dOut (N×out) · W (out×in)
//     dWeight:  dW (out×in)     = dOutᵀ (out×N) · X (N×in)
//     dBias:    dBias[o]        = Σ_n dOut[n, o]

/// `linearForward` on the GEMM: input N×in, weight out×in, bias [out] or nil → N×out.
public func fastLinearForward(
    input: Tensor, weight: Tensor, bias: Tensor?, threadCount: Int = FastThreading.threadCount
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

/// `linearBackward` on the GEMM: dOutput N×out, input N×in, weight out×in → dInput N×in,
/// dWeight out×in, dBias [out] (nil unless `hasBias`).
public func fastLinearBackward(
    dOutput: Tensor, input: Tensor, weight: Tensor, hasBias: Bool, threadCount: Int = FastThreading.threadCount
) -> (dInput: Tensor, dWeight: Tensor, dBias: Tensor?) {
    precondition(input.rank == 2 && weight.rank == 2 && weight.shape[1] == input.shape[1],
                 "linear: weight \(Tensor.describe(weight.shape)) does not fit input \(Tensor.describe(input.shape))")
    let (batch, inputFeatures, outputFeatures) = (input.shape[0], input.shape[1], weight.shape[0])
    precondition(dOutput.shape == [batch, outputFeatures],
                 "linear backward: dOutput is \(Tensor.describe(dOutput.shape)) but the forward output is \(Tensor.describe([batch, outputFeatures]))")
    var dInput = [Float](repeating: 0, count: input.count)     // N×in
    var dWeight = [Float](repeating: 0, count: weight.count)   // out×in
    var dBias: Tensor? = nil
    if hasBias {
        var sums = [Float](repeating: 0, count: outputFeatures)
        for n in 0..<batch {
            for o in 0..<outputFeatures { sums[o] += dOutput.scalars[n * outputFeatures + o] }
        }
        dBias = Tensor(shape: [outputFeatures], scalars: sums)
    }
    if batch > 0, inputFeatures > 0, outputFeatures > 0 {
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
    }
    return (Tensor(shape: input.shape, scalars: dInput), Tensor(shape: weight.shape, scalars: dWeight), dBias)
}
