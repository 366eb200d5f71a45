// ReLU on raw pointers, the activation every course network uses: one pass that the compiler
// turns into vector compares and selects, instead of a closure call and a switch per element.
// Same results as `activationForward` / `activationBackward` with `.relu`, bit for bit.

/// max(0, x) element-wise (NaN gives 0, as `Activation.relu.value` does); any shape.
public func fastReluForward(_ input: Tensor) -> Tensor {
    var storage: [Float] = []
    return fastReluForward(input, reusing: &storage)
}

/// `fastReluForward` writing into `output` (see `reuseStorage`).
func fastReluForward(_ input: Tensor, reusing output: inout [Float]) -> Tensor {
    reuseStorage(&output, count: input.count)
    input.scalars.withUnsafeBufferPointer { source in
        output.withUnsafeMutableBufferPointer { destination in
            for index in 0..<source.count {
                let x = source[index]
                destination[index] = x > 0 ? x : 0
            }
        }
    }
    return Tensor(shape: input.shape, scalars: output)
}

/// dInput = dOutput ⊙ relu′(input), with relu′(x) = 1 for x > 0 and 0 otherwise, multiplied
/// as the reference does so signs of zero and NaNs come out the same.
public func fastReluBackward(dOutput: Tensor, input: Tensor) -> Tensor {
    var storage: [Float] = []
    return fastReluBackward(dOutput: dOutput, input: input, reusing: &storage)
}

/// `fastReluBackward` writing into `dInput` (see `reuseStorage`).
func fastReluBackward(dOutput: Tensor, input: Tensor, reusing dInput: inout [Float]) -> Tensor {
    precondition(
        dOutput.shape == input.shape,
        "activation backward: dOutput \(Tensor.describe(dOutput.shape)) does not match input \(Tensor.describe(input.shape))")
    reuseStorage(&dInput, count: input.count)
    input.scalars.withUnsafeBufferPointer { source in
        dOutput.scalars.withUnsafeBufferPointer { gradient in
            dInput.withUnsafeMutableBufferPointer { destination in
                for index in 0..<source.count {
                    let slope: Float = source[index] > 0 ? 1 : 0
                    destination[index] = gradient[index] * slope
                }
            }
        }
    }
    return Tensor(shape: input.shape, scalars: dInput)
}

/// An array of `count` floats left as the allocator gives them, for outputs that the caller
/// writes completely before anyone reads them: it skips a zero fill, a whole pass over memory
/// per layer per step.
func uninitializedFloats(count: Int) -> [Float] {
    [Float](unsafeUninitializedCapacity: count) { _, initializedCount in initializedCount = count }
}

/// Makes `storage` hold `count` floats for an output the caller writes completely: the array
/// itself when it already has that many (a layer's buffer from its last step, so a training
/// step after the first allocates nothing), else a new uninitialised one. Writing goes through
/// Array's copy-on-write, so an output someone still holds from an earlier call is copied
/// first, never changed.
func reuseStorage(_ storage: inout [Float], count: Int) {
    if storage.count != count { storage = uninitializedFloats(count: count) }
}

/// `reuseStorage` followed by zeros, for outputs that are accumulated into.
func reuseZeroedStorage(_ storage: inout [Float], count: Int) {
    guard storage.count == count else {
        storage = [Float](repeating: 0, count: count)
        return
    }
    storage.withUnsafeMutableBufferPointer { buffer in buffer.update(repeating: 0) }
}
