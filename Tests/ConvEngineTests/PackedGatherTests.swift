import Testing
@testable import ConvEngine

// Layout: NCHW input, OIHW weight.

/// im2col written straight into the GEMM's packed layout, and the GEMM that reads it: both
/// must give exactly the bits of the two-step path (plain im2col, then packing inside the GEMM).
@Suite struct PackedGatherTests {
    /// Both packed gathers equal `gather` followed by `packWholeB` (of the column matrix and of
    /// its transpose), bit for bit, on random conv
    /// shapes, with depth blocks small enough that R spans several of them.
    @Test(arguments: 0..<30)
    func packedGatherMatchesGatherThenPack(seed: Int) {
        let problem = FastConvTests.Problem(seed: 5000 + UInt64(seed))
        let (batch, channels, height, width) = problem.input.nchw
        let (_, _, kernelHeight, kernelWidth) = problem.weight.nchw
        let layout = Im2ColLayout(
            channels: channels, height: height, width: width, kernelHeight: kernelHeight, kernelWidth: kernelWidth,
            geometry: problem.config.geometry(inputHeight: height, inputWidth: width,
                                              kernelHeight: kernelHeight, kernelWidth: kernelWidth))
        let rows = layout.rowCount
        for depthBlock in [1, 3, 256] {
            for (firstImage, imageCount) in [(0, batch), (batch - 1, 1)] {
                let columnCount = imageCount * layout.outputPlane
                var plain = [Float](repeating: .nan, count: rows * columnCount)
                let count = GemmPacking.packedBCount(innerCount: rows, columnCount: columnCount)
                var expected = [Float](repeating: .nan, count: count)
                var packed = [Float](repeating: .nan, count: count)
                let transposedCount = GemmPacking.packedBCount(innerCount: columnCount, columnCount: rows)
                var expectedTransposed = [Float](repeating: .nan, count: transposedCount)
                var packedTransposed = [Float](repeating: .nan, count: transposedCount)
                problem.input.scalars.withUnsafeBufferPointer { input in
                    plain.withUnsafeMutableBufferPointer {
                        layout.gather(input: input.baseAddress!, firstImage: firstImage, imageCount: imageCount,
                                      into: $0.baseAddress!, threadCount: 1)
                    }
                    packed.withUnsafeMutableBufferPointer {
                        layout.gatherPacked(input: input.baseAddress!, firstImage: firstImage, imageCount: imageCount,
                                            depthBlock: depthBlock, into: $0.baseAddress!, threadCount: 2)
                    }
                    packedTransposed.withUnsafeMutableBufferPointer {
                        layout.gatherPackedTransposed(
                            input: input.baseAddress!, firstImage: firstImage, imageCount: imageCount,
                            depthBlock: depthBlock, into: $0.baseAddress!, threadCount: 2)
                    }
                }
                plain.withUnsafeBufferPointer { source in
                    expected.withUnsafeMutableBufferPointer {
                        GemmPacking.packWholeB(
                            GemmOperand(base: source.baseAddress!, rowStride: columnCount, transposed: false),
                            innerCount: rows, columnCount: columnCount, depthBlock: depthBlock, into: $0.baseAddress!)
                    }
                    // The weight gradient's B is the column matrix transposed: depth G·P, N = R.
                    expectedTransposed.withUnsafeMutableBufferPointer {
                        GemmPacking.packWholeB(
                            GemmOperand(base: source.baseAddress!, rowStride: columnCount, transposed: true),
                            innerCount: columnCount, columnCount: rows, depthBlock: depthBlock, into: $0.baseAddress!)
                    }
                }
                let mismatch = expected.indices.first { expected[$0].bitPattern != packed[$0].bitPattern }
                let transposedMismatch = expectedTransposed.indices.first { expectedTransposed[$0].bitPattern != packedTransposed[$0].bitPattern }
                #expect(transposedMismatch == nil, "transposed, kc \(depthBlock), images \(firstImage)..<\(firstImage + imageCount): first mismatch at \(transposedMismatch ?? -1) for \(problem)")
                #expect(mismatch == nil, "kc \(depthBlock), images \(firstImage)..<\(firstImage + imageCount): first mismatch at \(mismatch ?? -1) for \(problem)")
            }
        }
    }

    /// Gemm.multiply with a pre-packed B gives the same bits as with B packed tile by tile,
    /// across several column tiles and depth blocks, β = 0 and β ≠ 0, 1 and 2 threads.
    @Test func prepackedMultiplyMatchesPlainMultiply() {
        let blocking = GemmBlocking(depthBlock: 8, rowBlock: 12, columnBlock: 32)
        var rng = SeededGenerator(seed: 77)
        for (m, n, k) in [(7, 45, 19), (13, 100, 8), (1, 1, 1), (6, 16, 30), (20, 33, 3)] {
            let a = (0..<(m * k)).map { _ in rng.nextFloat(in: -1..<1) }
            let b = (0..<(k * n)).map { _ in rng.nextFloat(in: -1..<1) }
            let initial = (0..<(m * n)).map { _ in rng.nextFloat(in: -1..<1) }
            var packed = [Float](repeating: .nan, count: GemmPacking.packedBCount(innerCount: k, columnCount: n))
            b.withUnsafeBufferPointer { source in
                packed.withUnsafeMutableBufferPointer {
                    GemmPacking.packWholeB(GemmOperand(base: source.baseAddress!, rowStride: n, transposed: false),
                                           innerCount: k, columnCount: n, depthBlock: blocking.depthBlock,
                                           into: $0.baseAddress!)
                }
            }
            for beta in [Float(0), 0.5] {
                for threads in [1, 2] {
                    var plain = initial, prepacked = initial
                    Gemm.multiply(rowCount: m, columnCount: n, innerCount: k, alpha: 1.5,
                                  a: a, aRowStride: k, b: b, bRowStride: n, beta: beta,
                                  c: &plain, cRowStride: n, threadCount: threads, blocking: blocking)
                    Gemm.multiply(rowCount: m, columnCount: n, innerCount: k, alpha: 1.5,
                                  a: a, aRowStride: k, packedB: packed, beta: beta,
                                  c: &prepacked, cRowStride: n, threadCount: threads, blocking: blocking)
                    let identical = zip(plain, prepacked).allSatisfy { $0.bitPattern == $1.bitPattern }
                    #expect(identical, "M \(m) N \(n) K \(k) β \(beta) \(threads) threads: pre-packed B differs")
                }
            }
        }
    }
}
