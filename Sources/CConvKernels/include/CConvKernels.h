// The GEMM micro-kernel of ConvEngine's fast path, in C so that one function can be compiled
// for AVX2 and FMA while the rest of the binary keeps the baseline instruction set: the
// release binary runs on any x86-64 CPU and picks the wider kernel only after asking the CPU.
#ifndef CCONVKERNELS_H
#define CCONVKERNELS_H

#include <stddef.h>
#include <stdint.h>

#include "LinearKernels.h"

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

/// Output channels (4) and consecutive output columns (16) of one tile of the AVX2 and portable
/// direct convolution: eight 8-lane accumulators, two input vectors and one broadcast weight.
/// (The AVX-512 build's tile is 8 channels × two 16-lane vectors, with masked edges.)
enum { convkernels_direct_channels = 4, convkernels_direct_columns = 16 };

/// The direct convolution of rows of output positions, for a stride of 1 along the row:
///
///     out[k·output_channel_stride + row·output_row_stride + q]
///         = f(bias[k] + Σ_r weight[k·tap_count + r] · input[row·input_row_stride + q + tap_offsets[r]])
///
/// for k < output_channels, row < rows, q < columns, with the sum in tap order and f = ReLU
/// (x > 0 ? x : 0) when `relu`, else the identity; `bias` may be NULL (no bias). `input` is
/// read in place: the caller lays out a zero-padded image and gives each tap's offset into it,
/// which covers padding, dilation, the row stride and flipped kernels. The input must be
/// readable up to `convkernels_direct_columns` floats past the last position a valid column
/// reads (the last tile reads whole vectors). `kernel` is any build this CPU runs: the
/// AVX-512 one falls back to AVX2 + FMA for tap counts past its stack buffer.
void convkernels_direct_conv_rows(
    convkernels_kernel kernel, const float *input, ptrdiff_t input_row_stride,
    const ptrdiff_t *tap_offsets, ptrdiff_t tap_count, const float *weight, const float *bias,
    ptrdiff_t output_channels, float *output, ptrdiff_t output_channel_stride,
    ptrdiff_t output_row_stride, ptrdiff_t rows, ptrdiff_t columns, int relu);

/// The 2×2, stride-2 max pool without padding, values only: for each of `planes` planes of
/// height×width floats, output[r, q] = the largest of input[2r, 2q], input[2r, 2q + 1],
/// input[2r + 1, 2q], input[2r + 1, 2q + 1], or a NaN when any of them is one; the output
/// planes are output_height×output_width with 2·output_height ≤ height, 2·output_width ≤ width.
void convkernels_max_pool_2x2(
    convkernels_kernel kernel, const float *input, ptrdiff_t planes, ptrdiff_t height, ptrdiff_t width,
    ptrdiff_t output_height, ptrdiff_t output_width, float *output);

/// The 2×2, stride-2 max pool without padding for training: the values of
/// `convkernels_max_pool_2x2`, and for each output the tap of its window that won,
/// taps[o] = 2·i + j for input (2r + i, 2q + j): the first NaN of the window in row-major order
/// when it holds one, else the first of its largest values (ties go to the earlier tap, and
/// −0 and +0 are equal). Same shapes as `convkernels_max_pool_2x2`; one tap byte per output.
void convkernels_max_pool_2x2_taps(
    convkernels_kernel kernel, const float *input, ptrdiff_t planes, ptrdiff_t height, ptrdiff_t width,
    ptrdiff_t output_height, ptrdiff_t output_width, float *output, uint8_t *taps);

/// The input gradient of `convkernels_max_pool_2x2_taps`, through the ReLU before the pool
/// when `pool_output` (the pool's forward output over that ReLU's output, planes of
/// output_height×output_width like `d_output`) is not NULL. For output (r, q) of each plane
/// and its window's inputs (2r + i, 2q + j):
///
///     d_input[2r + i, 2q + j] = (0 + d_output[r, q]) · s   when taps[r, q] = 2·i + j
///     d_input[2r + i, 2q + j] = +0                          otherwise
///
/// with s = (pool_output[r, q] > 0 ? 1 : 0) — the winner's value, positive exactly where the
/// ReLU's input at the winner is — or no multiplication without `pool_output`; inputs in no
/// window (an odd last row or column) get +0. Every element of `d_input` is written; these are
/// the bits of zeroing d_input, adding each gradient at its winner, then multiplying by relu′.
void convkernels_max_pool_2x2_backward(
    convkernels_kernel kernel, const float *d_output, const uint8_t *taps, const float *pool_output,
    ptrdiff_t planes, ptrdiff_t height, ptrdiff_t width, ptrdiff_t output_height, ptrdiff_t output_width,
    float *d_input);

/// The weight gradient of `convkernels_direct_conv_rows` over the same positions:
///
///     d_weight[k·tap_count + r] = Σ_{row < rows, q < columns} d_output[k·output_channel_stride + row·output_row_stride + q]
///                                                             · input[row·input_row_stride + q + tap_offsets[r]]
///
/// overwritten, for k < output_channels and r < tap_count. Reads no input or gradient past a
/// row's `columns`. Also built for AVX-512 (`convkernels_kernel_avx512`, only valid when
/// `convkernels_cpu_has_avx512()`).
void convkernels_direct_conv_weight_gradient(
    convkernels_kernel kernel, const float *input, ptrdiff_t input_row_stride,
    const ptrdiff_t *tap_offsets, ptrdiff_t tap_count, const float *d_output, ptrdiff_t output_channels,
    ptrdiff_t output_channel_stride, ptrdiff_t output_row_stride, ptrdiff_t rows, ptrdiff_t columns,
    float *d_weight);

#ifdef __cplusplus
}
#endif

#endif
