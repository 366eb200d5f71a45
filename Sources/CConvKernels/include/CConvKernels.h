// The GEMM micro-kernel of ConvEngine's fast path, in C so that one function can be compiled
// for AVX2 and FMA while the rest of the binary keeps the baseline instruction set: the
// release binary runs on any x86-64 CPU and picks the wider kernel only after asking the CPU.
#ifndef CCONVKERNELS_H
#define CCONVKERNELS_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Rows (MR) and columns (NR) of the micro-tile of C that stays in registers: 6×16 is twelve
/// 8-lane accumulators plus two B vectors and one broadcast, 15 of the 16 AVX registers.
enum { convkernels_tile_rows = 6, convkernels_tile_columns = 16 };

/// The AVX-512 kernel's tile: 12×32 is twenty-four 16-lane accumulators plus two B vectors
/// and a broadcast, 27 of the 32 zmm registers, and each B load feeds twelve FMAs.
enum { convkernels_avx512_tile_rows = 12, convkernels_avx512_tile_columns = 32 };

/// Which kernel `convkernels_gemm_tile` runs; each has its own tile (rows × columns above).
typedef enum {
    /// Plain C vector code: SSE2 on x86-64, NEON on ARM; multiply and add rounded separately.
    convkernels_kernel_portable = 0,
    /// AVX2 with fused multiply-adds; only valid when `convkernels_cpu_has_avx2_fma()`.
    convkernels_kernel_avx2_fma = 1,
    /// AVX-512F with fused multiply-adds, 12×32 tiles; only valid when `convkernels_cpu_has_avx512()`.
    convkernels_kernel_avx512 = 2,
} convkernels_kernel;

/// 1 when this CPU (and the operating system's saved state) supports AVX2 and FMA.
int convkernels_cpu_has_avx2_fma(void);

/// 1 when this CPU supports AVX-512F (with AVX2 and FMA) and the operating system saves the
/// zmm and mask registers across context switches (XCR0 bits 1, 2, 5, 6, 7).
int convkernels_cpu_has_avx512(void);

/// `convkernels_gemm_tile` with B read in place: row p of the B panel (as many floats as the
/// kernel's tile has columns) starts at b + b_row_offsets[p], instead of b + p·columns. A
/// stride-1 convolution reads its shifted input rows this way without copying them.
void convkernels_gemm_tile_offsets(
    convkernels_kernel kernel, ptrdiff_t depth, const float *a, const float *b,
    const ptrdiff_t *b_row_offsets, float *c, ptrdiff_t c_row_stride, int valid_rows, int valid_columns,
    float alpha, float beta, int overwrite);

/// acc[r][j] = Σ_p a[p·MR + r] · b[p·NR + j] over `depth` steps of one packed MR-row panel of A
/// and one packed NR-column panel of B (MR × NR: the kernel's tile, 6×16 or 12×32), then for
/// r < valid_rows, j < valid_columns:
///
///     C[r, j] = α·acc                 when `overwrite` (C is not read)
///     C[r, j] = β·C[r, j] + α·acc     otherwise (two products and a sum, each rounded)
///
/// with C[r, j] at c[r·c_row_stride + j]. Full and edge tiles round identically.
void convkernels_gemm_tile(
    convkernels_kernel kernel, ptrdiff_t depth, const float *a, const float *b,
    float *c, ptrdiff_t c_row_stride, int valid_rows, int valid_columns,
    float alpha, float beta, int overwrite);

#ifdef __cplusplus
}
#endif

#endif
