import Testing
@testable import ConvEngine

/// Gemm.multiply against a naive triple loop in Double, on odd sizes that leave partial 6×16
/// and 12×32 micro-tiles, every transpose combination, and β ≠ 0, with every micro-kernel build
/// this CPU runs (portable, AVX2 + FMA and AVX-512 where present).
@Suite struct GemmTests {
    /// One GEMM case: sizes, transposes, scalars and the padding added to each row stride.
    struct Case: CustomStringConvertible {
        var m: Int, n: Int, k: Int
        var transposeA = false, transposeB = false
        var alpha: Float = 1, beta: Float = 0
        var stridePadding = 0
        var description: String {
            "M \(m) N \(n) K \(k) tA \(transposeA) tB \(transposeB) α \(alpha) β \(beta) pad \(stridePadding)"
        }
    }

    /// Stored operands and the expected C from a Double triple loop, with a per-element error
    /// bound 2(K + 3)·2⁻²⁴·(|α|·Σ|a||b| + |β·c|) for float recursive summation.
    struct Fixture {
        let testCase: Case
        let a: [Float], b: [Float], initialC: [Float]
        let aRowStride: Int, bRowStride: Int, cRowStride: Int
        let expected: [Double], bound: [Double]

        init(_ testCase: Case, seed: UInt64) {
            self.testCase = testCase
            let (m, n, k) = (testCase.m, testCase.n, testCase.k)
            var rng = SeededGenerator(seed: seed)
            aRowStride = (testCase.transposeA ? m : k) + testCase.stridePadding
            bRowStride = (testCase.transposeB ? k : n) + testCase.stridePadding
            cRowStride = n + testCase.stridePadding
            let aRows = testCase.transposeA ? k : m
            let bRows = testCase.transposeB ? n : k
            a = (0..<(max(aRows, 1) * aRowStride)).map { _ in rng.nextFloat(in: -1..<1) }
            b = (0..<(max(bRows, 1) * bRowStride)).map { _ in rng.nextFloat(in: -1..<1) }
            // With β = 0, C starts as NaN: the result must not read it.
            initialC = (0..<(max(m, 1) * cRowStride)).map { _ in testCase.beta == 0 ? .nan : rng.nextFloat(in: -1..<1) }
            var expected = [Double](repeating: 0, count: m * n)
            var bound = [Double](repeating: 0, count: m * n)
            for i in 0..<m {
                for j in 0..<n {
                    var sum = 0.0, magnitude = 0.0
                    for p in 0..<k {
                        let aValue = Double(testCase.transposeA ? a[p * aRowStride + i] : a[i * aRowStride + p])
                        let bValue = Double(testCase.transposeB ? b[j * bRowStride + p] : b[p * bRowStride + j])
                        sum += aValue * bValue
                        magnitude += abs(aValue * bValue)
                    }
                    let old = testCase.beta == 0 ? 0 : Double(testCase.beta) * Double(initialC[i * cRowStride + j])
                    expected[i * n + j] = Double(testCase.alpha) * sum + old
                    bound[i * n + j] = 2 * Double(k + 3) * 0x1p-24 * (abs(Double(testCase.alpha)) * magnitude + abs(old)) + 1e-30
                }
            }
            self.expected = expected
            self.bound = bound
        }

        func run(threadCount: Int, blocking: GemmBlocking = .standard,
                 build: GemmMicroKernel.Build = GemmMicroKernel.fastestAvailable) -> [Float] {
            var c = initialC
            Gemm.multiply(
                rowCount: testCase.m, columnCount: testCase.n, innerCount: testCase.k, alpha: testCase.alpha,
                a: a, aRowStride: aRowStride, transposeA: testCase.transposeA,
                b: b, bRowStride: bRowStride, transposeB: testCase.transposeB,
                beta: testCase.beta, c: &c, cRowStride: cRowStride,
                threadCount: threadCount, blocking: blocking, build: build)
            return c
        }

        /// Records an issue naming the worst element unless every element is within bound.
        func check(_ c: [Float], label: String) {
            var worstDifference = 0.0, worstRatio = 0.0, worstIndex = (0, 0)
            for i in 0..<testCase.m {
                for j in 0..<testCase.n {
                    let difference = abs(Double(c[i * cRowStride + j]) - expected[i * testCase.n + j])
                    let ratio = difference.isNaN ? .infinity : difference / bound[i * testCase.n + j]
                    if ratio > worstRatio { (worstRatio, worstIndex) = (ratio, (i, j)) }
                    worstDifference = max(worstDifference, difference.isNaN ? .infinity : difference)
                }
            }
            #expect(worstRatio <= 1, "\(label) \(testCase): max difference \(worstDifference), worst at \(worstIndex) is \(worstRatio)× its bound")
            // Row padding beyond N must be untouched.
            for i in 0..<testCase.m {
                for j in testCase.n..<cRowStride where !(c[i * cRowStride + j].bitPattern == initialC[i * cRowStride + j].bitPattern) {
                    Issue.record("\(label) \(testCase): wrote padding at (\(i), \(j))")
                    return
                }
            }
        }
    }

    static let sizes: [(Int, Int, Int)] = [
        (1, 1, 1), (7, 13, 5), (67, 129, 33), (6, 32, 1), (6, 16, 4), (5, 31, 7), (13, 1, 17), (1, 70, 2), (2, 65, 300), (97, 40, 3),
        // Full and edge 12×32 tiles: exactly one, one short in each direction, one over.
        (12, 32, 9), (11, 31, 4), (13, 33, 6), (24, 64, 2), (12, 17, 3), (25, 48, 280),
    ]

    @Test(arguments: [(false, false), (false, true), (true, false), (true, true)])
    func matchesNaiveLoop(transposeA: Bool, transposeB: Bool) {
        var seed: UInt64 = 1
        for (m, n, k) in Self.sizes {
            for (alpha, beta) in [(Float(1), Float(0)), (0.5, -1.5), (-2, 1)] {
                seed += 1
                let testCase = Case(m: m, n: n, k: k, transposeA: transposeA, transposeB: transposeB,
                                    alpha: alpha, beta: beta, stridePadding: Int(seed % 3))
                let fixture = Fixture(testCase, seed: seed)
                for build in GemmMicroKernel.availableBuilds {
                    fixture.check(fixture.run(threadCount: 1, build: build), label: "\(build) 1 thread")
                    fixture.check(fixture.run(threadCount: 2, build: build), label: "\(build) 2 threads")
                }
            }
        }
    }

    /// Small blocks reach many tiles, many depth blocks and the split-depth path (one tile,
    /// two threads): still correct, and bit-identical for 1, 2 and 3 threads.
    @Test func smallBlocksAreCorrectAndThreadIndependent() {
        let blocking = GemmBlocking(depthBlock: 8, rowBlock: 12, columnBlock: 64)
        let cases = [
            Case(m: 67, n: 129, k: 33, alpha: 0.5, beta: -1.5),
            Case(m: 5, n: 20, k: 100, transposeB: true, alpha: 1, beta: 0),          // split depth
            Case(m: 11, n: 40, k: 57, transposeA: true, alpha: -1, beta: 2, stridePadding: 1),  // split depth, β ≠ 0
            Case(m: 30, n: 200, k: 9, transposeA: true, transposeB: true),
        ]
        for (index, testCase) in cases.enumerated() {
            let fixture = Fixture(testCase, seed: 100 + UInt64(index))
            for build in GemmMicroKernel.availableBuilds {
                let single = fixture.run(threadCount: 1, blocking: blocking, build: build)
                fixture.check(single, label: "\(build) small blocks")
                for threads in [2, 3] {
                    let parallel = fixture.run(threadCount: threads, blocking: blocking, build: build)
                    let identical = zip(single, parallel).allSatisfy { $0.bitPattern == $1.bitPattern }
                    let difference = zip(single, parallel).map { abs($0 - $1) }.max() ?? 0
                    #expect(identical, "\(build) \(testCase): \(threads) threads differ from 1 thread by up to \(difference)")
                }
            }
        }
    }

    /// AVX2 and AVX-512 both fuse each multiply-add in depth order and round the update the
    /// same way, so their results agree bit for bit on full and edge tiles, over many blocks.
    @Test func fusedBuildsAgreeBitForBit() {
        let fused = GemmMicroKernel.availableBuilds.filter { $0 != .portable }
        guard fused.count >= 2 else { return }   // a CPU without AVX-512 has nothing to compare
        let blocking = GemmBlocking(depthBlock: 8, rowBlock: 24, columnBlock: 64)
        for (index, testCase) in [Case(m: 67, n: 129, k: 33, alpha: 0.5, beta: -1.5),
                                  Case(m: 25, n: 70, k: 300, transposeA: true, stridePadding: 2)].enumerated() {
            let fixture = Fixture(testCase, seed: 200 + UInt64(index))
            let first = fixture.run(threadCount: 1, blocking: blocking, build: fused[0])
            for build in fused.dropFirst() {
                let other = fixture.run(threadCount: 2, blocking: blocking, build: build)
                let mismatches = zip(first, other).filter { $0.bitPattern != $1.bitPattern }.count
                #expect(mismatches == 0, "\(build) vs \(fused[0]) \(testCase): \(mismatches) elements differ")
            }
        }
    }

    /// The in-place B entry point (row p at b + offsets[p]) against a Double sum on scattered,
    /// overlapping rows, on full and edge tiles, with overwrite and with α, β; and equal bit for
    /// bit to the packed entry point when the offsets are those of a packed panel.
    @Test func rowOffsetKernelMatchesPackedKernel() {
        var rng = SeededGenerator(seed: 77)
        for build in GemmMicroKernel.availableBuilds {
            let (rows, columns, depth) = (build.rows, build.columns, 37)
            let a = (0..<(rows * depth)).map { _ in rng.nextFloat(in: -1..<1) }
            let source = (0..<(depth * columns + 200)).map { _ in rng.nextFloat(in: -1..<1) }
            // Scattered rows that overlap, like a convolution's shifted input rows.
            let scattered = (0..<depth).map { p in (p * 37 + (p % 3)) % 200 }
            let packed = (0..<depth).map { p in p * columns }
            for (validRows, validColumns) in [(rows, columns), (rows - 1, columns - 3), (1, 1), (5, columns / 2 + 1)] {
                for (alpha, beta, overwrite) in [(Float(1), Float(0), true), (0.5, -1.5, false)] {
                    let initial = (0..<(rows * (columns + 1))).map { _ in rng.nextFloat(in: -1..<1) }
                    func run(_ offsets: [Int], packedEntry: Bool) -> [Float] {
                        var c = initial
                        a.withUnsafeBufferPointer { a in
                            source.withUnsafeBufferPointer { b in
                                offsets.withUnsafeBufferPointer { offsets in
                                    c.withUnsafeMutableBufferPointer { c in
                                        if packedEntry {
                                            GemmMicroKernel.run(
                                                depth: depth, a: a.baseAddress!, b: b.baseAddress!,
                                                c: c.baseAddress!, cRowStride: columns + 1,
                                                validRows: validRows, validColumns: validColumns,
                                                alpha: alpha, beta: beta, overwrite: overwrite, build: build)
                                        } else {
                                            GemmMicroKernel.run(
                                                depth: depth, a: a.baseAddress!, b: b.baseAddress!,
                                                bRowOffsets: offsets.baseAddress!,
                                                c: c.baseAddress!, cRowStride: columns + 1,
                                                validRows: validRows, validColumns: validColumns,
                                                alpha: alpha, beta: beta, overwrite: overwrite, build: build)
                                        }
                                    }
                                }
                            }
                        }
                        return c
                    }
                    let inPlace = run(scattered, packedEntry: false)
                    var worst = 0.0
                    for r in 0..<rows {
                        for j in 0...columns {
                            let index = r * (columns + 1) + j
                            guard r < validRows && j < validColumns else {
                                #expect(inPlace[index].bitPattern == initial[index].bitPattern,
                                        "\(build): wrote outside the valid tile at (\(r), \(j))")
                                continue
                            }
                            var sum = 0.0, magnitude = 0.0
                            for p in 0..<depth {
                                let term = Double(a[p * rows + r]) * Double(source[scattered[p] + j])
                                sum += term
                                magnitude += abs(term)
                            }
                            let old = overwrite ? 0 : Double(beta) * Double(initial[index])
                            let expected = Double(alpha) * sum + old
                            let bound = 2 * Double(depth + 3) * 0x1p-24 * (abs(Double(alpha)) * magnitude + abs(old)) + 1e-30
                            worst = max(worst, abs(Double(inPlace[index]) - expected) / bound)
                        }
                    }
                    #expect(worst <= 1, "\(build) \(validRows)×\(validColumns) α \(alpha) β \(beta): worst error \(worst)× its bound")
                    let viaOffsets = run(packed, packedEntry: false)
                    let viaPacked = run(packed, packedEntry: true)
                    #expect(zip(viaOffsets, viaPacked).allSatisfy { $0.bitPattern == $1.bitPattern },
                            "\(build) \(validRows)×\(validColumns): packed offsets differ from the packed entry point")
                }
            }
        }
    }

    /// The builds offered follow the CPU check: portable everywhere, AVX2 + FMA only on x86-64,
    /// and the fastest one listed last.
    @Test func buildChoiceFollowsTheCPU() {
        #expect(GemmMicroKernel.availableBuilds.contains(.portable))
        #expect(GemmMicroKernel.availableBuilds.last == GemmMicroKernel.fastestAvailable)
        #if !(arch(x86_64) || arch(i386))
        #expect(GemmMicroKernel.fastestAvailable == .portable)
        #endif
        // AVX-512 comes with AVX2 + FMA, so offering it implies offering both narrower builds.
        if GemmMicroKernel.availableBuilds.contains(.avx512) {
            #expect(GemmMicroKernel.availableBuilds == [.portable, .avx2FMA, .avx512])
        }
        #expect(GemmMicroKernel.Build.avx512.rows == 12 && GemmMicroKernel.Build.avx512.columns == 32)
        // Large products take the fastest build; small ones never take AVX-512.
        #expect(GemmMicroKernel.build(rows: 256, columns: 256, depth: 256) == GemmMicroKernel.build)
        for (rows, columns, depth) in [(16, 1000, 1000), (1000, 10, 1000), (1000, 1000, 16)] {
            #expect(GemmMicroKernel.build(rows: rows, columns: columns, depth: depth) != .avx512)
        }
        #expect(GemmMicroKernel.Build.avx2FMA.rows == 6 && GemmMicroKernel.Build.avx2FMA.columns == 16)
    }

    @Test func emptyInnerDimensionScalesC() {
        var c: [Float] = [1, 2, 3, 4, 5, 6]
        let unused: [Float] = [0]
        Gemm.multiply(rowCount: 2, columnCount: 3, innerCount: 0, a: unused, aRowStride: 1,
                      b: unused, bRowStride: 3, beta: 2, c: &c, cRowStride: 3, threadCount: 1)
        #expect(c == [2, 4, 6, 8, 10, 12])
        Gemm.multiply(rowCount: 2, columnCount: 3, innerCount: 0, a: unused, aRowStride: 1,
                      b: unused, bRowStride: 3, beta: 0, c: &c, cRowStride: 3, threadCount: 1)
        #expect(c == [0, 0, 0, 0, 0, 0])
    }

    @Test func twoByTwoByHand() {
        // [1 2; 3 4] · [5 6; 7 8] = [19 22; 43 50]; Aᵀ·B with the same storage = [26 30; 38 44].
        let a: [Float] = [1, 2, 3, 4], b: [Float] = [5, 6, 7, 8]
        var c = [Float](repeating: 0, count: 4)
        Gemm.multiply(rowCount: 2, columnCount: 2, innerCount: 2, a: a, aRowStride: 2,
                      b: b, bRowStride: 2, c: &c, cRowStride: 2, threadCount: 1)
        #expect(c == [19, 22, 43, 50])
        Gemm.multiply(rowCount: 2, columnCount: 2, innerCount: 2, a: a, aRowStride: 2, transposeA: true,
                      b: b, bRowStride: 2, c: &c, cRowStride: 2, threadCount: 1)
        #expect(c == [26, 30, 38, 44])
    }
}
