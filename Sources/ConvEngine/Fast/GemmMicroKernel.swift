import CConvKernels
import Synchronization

// The innermost loop of the GEMM: a 6×16 block of C held in twelve 8-lane accumulators while
// the depth index runs over one packed panel of A (6 rows) and one of B (16 columns).
//
// It lives in C (Sources/CConvKernels) because Swift cannot compile one function for AVX2 and
// FMA while the rest of the binary stays baseline x86-64: without a target CPU, Swift's SIMD
// fused multiply-add is a library call per lane. The C target builds an AVX2 + FMA kernel with
// a per-function target attribute and a portable one, and `kernel` picks the AVX2 one only on
// a CPU that reports both features, so the release binary runs on any x86-64 or ARM machine.

/// The register-blocked kernel, which build of it runs, and the update rule it applies to C.
package enum GemmMicroKernel {
    /// Rows of C per micro-tile (MR), `convkernels_tile_rows` in C.
    static let rows = 6
    /// Columns of C per micro-tile (NR): two 8-lane vectors, `convkernels_tile_columns` in C.
    static let columns = 16

    /// The builds of the micro-kernel.
    package enum Build: Int, Sendable, CaseIterable {
        /// Plain vector C: any CPU; multiply and add rounded separately.
        case portable = 1
        /// AVX2 with fused multiply-adds: only on CPUs that have both.
        case avx2FMA = 2
    }

    /// The best build this CPU runs.
    package static let fastestAvailable: Build = convkernels_cpu_has_avx2_fma() != 0 ? .avx2FMA : .portable

    /// Every build this CPU runs (tests compare them).
    package static var availableBuilds: [Build] { fastestAvailable == .avx2FMA ? [.portable, .avx2FMA] : [.portable] }

    /// 0 = not chosen: use `fastestAvailable`.
    private static let chosenBuild = Atomic<Int>(0)

    /// The build the GEMM uses. Setting one the CPU lacks falls back to `.portable`, so no
    /// setting can reach an illegal instruction.
    package static var build: Build {
        get { Build(rawValue: chosenBuild.load(ordering: .relaxed)) ?? fastestAvailable }
        set {
            let allowed = newValue == .avx2FMA && fastestAvailable != .avx2FMA ? .portable : newValue
            chosenBuild.store(allowed.rawValue, ordering: .relaxed)
        }
    }

    /// Computes acc = Σ_p A[r, p]·B[p, j] over one packed depth block and writes it into the
    /// micro-tile of C at `c`:
    ///
    ///     C[r, j] = α·acc[r, j]                (when `overwrite`, C is not read)
    ///     C[r, j] = β·C[r, j] + α·acc[r, j]    (otherwise)
    ///
    /// - Parameters:
    ///   - depth: length of the packed panels (kc).
    ///   - a: packed A panel, depth × 6, element (r, p) at `a[p·6 + r]`.
    ///   - b: packed B panel, depth × 16, element (p, j) at `b[p·16 + j]`.
    ///   - c: top-left element of the micro-tile in C (row stride `cRowStride`).
    ///   - validRows, validColumns: how much of the 6×16 tile lies inside C; the packed panels
    ///     are zero beyond it, and only the valid part is written.
    @inline(__always)
    static func run(
        depth: Int,
        a: UnsafePointer<Float>, b: UnsafePointer<Float>,
        c: UnsafeMutablePointer<Float>, cRowStride: Int,
        validRows: Int, validColumns: Int,
        alpha: Float, beta: Float, overwrite: Bool,
        build: Build
    ) {
        convkernels_gemm_tile(
            build == .avx2FMA ? convkernels_kernel_avx2_fma : convkernels_kernel_portable,
            depth, a, b, c, cRowStride, Int32(validRows), Int32(validColumns),
            alpha, beta, overwrite ? 1 : 0)
    }

    /// The scalar form of the update rule; the C kernels compute exactly this per element.
    @inline(__always)
    static func update(_ old: Float, accumulator: Float, alpha: Float, beta: Float, overwrite: Bool) -> Float {
        overwrite ? alpha * accumulator : beta * old + alpha * accumulator
    }
}
