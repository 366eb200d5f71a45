import CConvKernels
import Synchronization

// The innermost loop of the GEMM: an MR×NR block of C held in vector accumulators while the
// depth index runs over one packed panel of A (MR rows) and one of B (NR columns). The tile
// belongs to the kernel: 6×16 (twelve 8-lane accumulators) for the portable and AVX2 builds,
// 12×32 (twenty-four 16-lane accumulators) for AVX-512, which has 32 vector registers.
//
// It lives in C (Sources/CConvKernels) because Swift cannot compile one function for AVX2 and
// FMA while the rest of the binary stays baseline x86-64: without a target CPU, Swift's SIMD
// fused multiply-add is a library call per lane. The C target builds AVX-512, AVX2 + FMA and
// portable kernels with per-function target attributes, and `fastestAvailable` picks a wide
// one only on a CPU (and operating system) that reports it, so the release binary runs on any
// x86-64 or ARM machine.

/// The register-blocked kernel, which build of it runs, and the update rule it applies to C.
package enum GemmMicroKernel {
    /// Every block size of the GEMM is a multiple of every build's tile, so one blocking
    /// serves them all: lcm(6, 12) rows and lcm(16, 32) columns.
    static let rowMultiple = 12
    static let columnMultiple = 32

    /// The builds of the micro-kernel.
    package enum Build: Int, Sendable, CaseIterable {
        /// Plain vector C: any CPU; multiply and add rounded separately.
        case portable = 1
        /// AVX2 with fused multiply-adds: only on CPUs that have both.
        case avx2FMA = 2
        /// AVX-512F with fused multiply-adds, 12×32 tiles: only where the CPU and the
        /// operating system support it.
        case avx512 = 3

        /// Rows of C per micro-tile (MR), also the rows of a packed A panel.
        var rows: Int { self == .avx512 ? Int(convkernels_avx512_tile_rows) : Int(convkernels_tile_rows) }
        /// Columns of C per micro-tile (NR), also the columns of a packed B panel.
        var columns: Int { self == .avx512 ? Int(convkernels_avx512_tile_columns) : Int(convkernels_tile_columns) }

        var kernel: convkernels_kernel {
            switch self {
            case .portable: convkernels_kernel_portable
            case .avx2FMA: convkernels_kernel_avx2_fma
            case .avx512: convkernels_kernel_avx512
            }
        }
    }

    /// Every build this CPU runs, slowest first (tests compare them all).
    package static let availableBuilds: [Build] = {
        var builds: [Build] = [.portable]
        if convkernels_cpu_has_avx2_fma() != 0 { builds.append(.avx2FMA) }
        if convkernels_cpu_has_avx512() != 0 { builds.append(.avx512) }
        return builds
    }()

    /// The best build this CPU runs.
    package static var fastestAvailable: Build { availableBuilds.last! }

    /// The kernel for C code written for AVX2 and the portable build only (the direct conv's
    /// weight gradient and the 2×2 pool; the direct forward adds AVX-512, see
    /// `directConvForwardKernel`): AVX2 + FMA when `build` is AVX2 or wider and the CPU has AVX2 (every
    /// AVX-512 CPU this accepts also passed the AVX2 check), else portable. Never an
    /// instruction the CPU lacks.
    package static func avx2OrPortableKernel(for build: Build) -> convkernels_kernel {
        build != .portable && availableBuilds.contains(.avx2FMA) ? convkernels_kernel_avx2_fma : convkernels_kernel_portable
    }

    /// 0 = not chosen: use `fastestAvailable`.
    private static let chosenBuild = Atomic<Int>(0)

    /// The build the GEMM uses. Setting one the CPU lacks falls back to `.portable`, so no
    /// setting can reach an illegal instruction.
    package static var build: Build {
        get { Build(rawValue: chosenBuild.load(ordering: .relaxed)) ?? fastestAvailable }
        set {
            let allowed = availableBuilds.contains(newValue) ? newValue : .portable
            chosenBuild.store(allowed.rawValue, ordering: .relaxed)
        }
    }

    /// The build for a product of these sizes: `build`, except that small products, where a
    /// 12×32 tile is mostly edge and its C update outweighs a short depth, take AVX2 + FMA
    /// instead of AVX-512. The two give the same bits, so the choice changes only the speed.
    /// Measured on the training workloads (teaching net, LeNet-5), whose products are 8 to 16
    /// rows or 10 columns: AVX-512 for every size made them 5–15% slower in CPU time.
    package static func build(rows: Int, columns: Int, depth: Int) -> Build {
        let chosen = build
        guard chosen == .avx512, rows < 24 || columns < 64 || depth < 64 else { return chosen }
        return .avx2FMA   // every CPU offering AVX-512 here offers AVX2 + FMA (see the C check)
    }

    /// Computes acc = Σ_p A[r, p]·B[p, j] over one packed depth block and writes it into the
    /// micro-tile of C at `c`:
    ///
    ///     C[r, j] = α·acc[r, j]                (when `overwrite`, C is not read)
    ///     C[r, j] = β·C[r, j] + α·acc[r, j]    (otherwise)
    ///
    /// - Parameters:
    ///   - depth: length of the packed panels (kc).
    ///   - a: packed A panel, depth × MR, element (r, p) at `a[p·MR + r]`.
    ///   - b: packed B panel, depth × NR, element (p, j) at `b[p·NR + j]`.
    ///   - c: top-left element of the micro-tile in C (row stride `cRowStride`).
    ///   - validRows, validColumns: how much of the MR×NR tile (`build.rows` × `build.columns`)
    ///     lies inside C; the packed panels are zero beyond it, and only the valid part is written.
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
            build.kernel, depth, a, b, c, cRowStride, Int32(validRows), Int32(validColumns),
            alpha, beta, overwrite ? 1 : 0)
    }

    /// `run` with B read in place: row p of the B panel (NR floats) starts at
    /// `b + bRowOffsets[p]` instead of `b + p·NR`; a stride-1 convolution's shifted input rows.
    @inline(__always)
    static func run(
        depth: Int,
        a: UnsafePointer<Float>, b: UnsafePointer<Float>, bRowOffsets: UnsafePointer<Int>,
        c: UnsafeMutablePointer<Float>, cRowStride: Int,
        validRows: Int, validColumns: Int,
        alpha: Float, beta: Float, overwrite: Bool,
        build: Build
    ) {
        convkernels_gemm_tile_offsets(
            build.kernel, depth, a, b, bRowOffsets, c, cRowStride, Int32(validRows), Int32(validColumns),
            alpha, beta, overwrite ? 1 : 0)
    }

    /// The scalar form of the update rule; the C kernels compute exactly this per element.
    @inline(__always)
    static func update(_ old: Float, accumulator: Float, alpha: Float, beta: Float, overwrite: Bool) -> Float {
        overwrite ? alpha * accumulator : beta * old + alpha * accumulator
    }
}
