// The fully connected layer's small products, read in place (no packing): for the course's
// linear layers (LeNet-5: 400→120→84→10 on shards of 8 images) the GEMM spent longer packing
// the weight than multiplying by it. Included by CConvKernels.h.
#ifndef CCONVKERNELS_LINEAR_KERNELS_H
#define CCONVKERNELS_LINEAR_KERNELS_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Dot products of rows: for n < rows, o < outputs,
///
///     out[n·outputs + o] = Σ_i x[n·depth + i] · w[o·depth + i]   (+ bias[o] when bias is not NULL)
///
/// Each sum runs over i in steps of 8 lanes (lane j takes i ≡ j mod 8, in order; the AVX2
/// build fuses each multiply-add), then adds its 8 lanes in a fixed order, then the bias: the
/// same operations for every element, wherever it sits in the matrix. `kernel` is
/// `convkernels_kernel_avx2_fma` (only where the CPU has it) or portable.
void convkernels_linear_dot_rows(
    int kernel, const float *x, ptrdiff_t rows, ptrdiff_t depth, const float *w, ptrdiff_t outputs,
    const float *bias, float *out);

/// Rows of B weighted by A: for m < rows, j < columns,
///
///     acc = Σ_p a[m·a_row_stride + p·a_depth_stride] · b[p·b_row_stride + j]   (p in order)
///     c[m·c_row_stride + j] = acc, or c[…] + acc when `accumulate`
///
/// (fused multiply-adds in the AVX2 build). With A = dOut (N×out) and B = W (out×in) this is a
/// linear layer's dInput; with A = dOutᵀ (a_row_stride 1, a_depth_stride out) and B = X (N×in),
/// its dWeight added onto the gradient.
void convkernels_linear_weighted_rows(
    int kernel, const float *a, ptrdiff_t a_row_stride, ptrdiff_t a_depth_stride, ptrdiff_t rows, ptrdiff_t depth,
    const float *b, ptrdiff_t b_row_stride, ptrdiff_t columns, float *c, ptrdiff_t c_row_stride, int accumulate);

#ifdef __cplusplus
}
#endif

#endif
