// The linear layer's products read in place, in two builds like the other kernels: AVX2 + FMA
// behind the CPU check, and portable C. See include/LinearKernels.h for the contracts.
//
// Why not the GEMM: a linear layer's weight is out×in, and X·Wᵀ needs Wᵀ packed into column
// panels, a strided copy of the whole weight on every call (48,000 floats for LeNet-5's
// 400→120 layer) to multiply it by only 8 to 64 rows. Here the forward pass takes dot
// products of rows that are both contiguous along `in`, and the backward passes add rows of W
// (dInput) or of X (dWeight) weighted by broadcast gradients, so nothing is copied.
#include "CConvKernels.h"

#include <string.h>

#pragma STDC FP_CONTRACT OFF

enum { LANES = 8, DOT_ROWS = 2, DOT_OUTPUTS = 4, WEIGHTED_ROWS = 4, WEIGHTED_COLUMNS = 16 };

// MARK: portable

/// The 8 lane sums added in the AVX2 build's order: (0+4, 1+5, 2+6, 3+7), then (0+2, 1+3), then the two.
static float lane_sum_portable(const float lanes[LANES]) {
    float half[4];
    for (int j = 0; j < 4; j++) half[j] = lanes[j] + lanes[j + 4];
    float first = half[0] + half[2], second = half[1] + half[3];
    return first + second;
}

static void dot_rows_portable(const float *x, ptrdiff_t rows, ptrdiff_t depth, const float *w, ptrdiff_t outputs,
                              const float *bias, float *out) {
    for (ptrdiff_t n = 0; n < rows; n++) {
        for (ptrdiff_t o = 0; o < outputs; o++) {
            float lanes[LANES] = {0};
            const float *xr = x + n * depth, *wr = w + o * depth;
            for (ptrdiff_t i = 0; i < depth; i++) {
                float product = xr[i] * wr[i];
                lanes[i % LANES] = lanes[i % LANES] + product;
            }
            float sum = lane_sum_portable(lanes);
            out[n * outputs + o] = bias ? sum + bias[o] : sum;
        }
    }
}

static void weighted_rows_portable(const float *a, ptrdiff_t a_row_stride, ptrdiff_t a_depth_stride, ptrdiff_t rows,
                                   ptrdiff_t depth, const float *b, ptrdiff_t b_row_stride, ptrdiff_t columns,
                                   float *c, ptrdiff_t c_row_stride, int accumulate) {
    for (ptrdiff_t m = 0; m < rows; m++) {
        float *target = c + m * c_row_stride;
        for (ptrdiff_t j = 0; j < columns; j++) {
            float sum = 0;
            for (ptrdiff_t p = 0; p < depth; p++) {
                float product = a[m * a_row_stride + p * a_depth_stride] * b[p * b_row_stride + j];
                sum = sum + product;
            }
            target[j] = accumulate ? target[j] + sum : sum;
        }
    }
}

// MARK: AVX2 + FMA

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>

#define AVX2_FMA __attribute__((target("avx2,fma")))

AVX2_FMA static inline float lane_sum_avx2(__m256 v) {
    __m128 half = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    __m128 pairs = _mm_add_ps(half, _mm_movehl_ps(half, half));      // (0+2, 1+3)
    return _mm_cvtss_f32(_mm_add_ss(pairs, _mm_shuffle_ps(pairs, pairs, 1)));
}

/// Lanes below `count` (0…8) set.
AVX2_FMA static inline __m256i lane_mask(ptrdiff_t count) {
    return _mm256_cmpgt_epi32(_mm256_set1_epi32((int)count), _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7));
}

AVX2_FMA static void dot_rows_avx2(const float *x, ptrdiff_t rows, ptrdiff_t depth, const float *w, ptrdiff_t outputs,
                                   const float *bias, float *out) {
    ptrdiff_t whole = depth - depth % LANES;
    __m256i tail = lane_mask(depth % LANES);
    for (ptrdiff_t n0 = 0; n0 < rows; n0 += DOT_ROWS) {
        // Rows past the last repeat it; their sums are never stored. Likewise outputs.
        const float *x0 = x + n0 * depth;
        const float *x1 = n0 + 1 < rows ? x0 + depth : x0;
        for (ptrdiff_t o0 = 0; o0 < outputs; o0 += DOT_OUTPUTS) {
            const float *wr[DOT_OUTPUTS];
            for (int k = 0; k < DOT_OUTPUTS; k++) wr[k] = w + (o0 + k < outputs ? o0 + k : o0) * depth;
            __m256 a00 = _mm256_setzero_ps(), a01 = _mm256_setzero_ps(), a02 = _mm256_setzero_ps(), a03 = _mm256_setzero_ps();
            __m256 a10 = _mm256_setzero_ps(), a11 = _mm256_setzero_ps(), a12 = _mm256_setzero_ps(), a13 = _mm256_setzero_ps();
            ptrdiff_t i = 0;
            for (; i < whole; i += LANES) {
                __m256 v0 = _mm256_loadu_ps(x0 + i), v1 = _mm256_loadu_ps(x1 + i);
                __m256 u = _mm256_loadu_ps(wr[0] + i);
                a00 = _mm256_fmadd_ps(v0, u, a00); a10 = _mm256_fmadd_ps(v1, u, a10);
                u = _mm256_loadu_ps(wr[1] + i);
                a01 = _mm256_fmadd_ps(v0, u, a01); a11 = _mm256_fmadd_ps(v1, u, a11);
                u = _mm256_loadu_ps(wr[2] + i);
                a02 = _mm256_fmadd_ps(v0, u, a02); a12 = _mm256_fmadd_ps(v1, u, a12);
                u = _mm256_loadu_ps(wr[3] + i);
                a03 = _mm256_fmadd_ps(v0, u, a03); a13 = _mm256_fmadd_ps(v1, u, a13);
            }
            if (i < depth) {
                // The tail loads only its valid lanes (zeros past them) of x and w alike.
                __m256 v0 = _mm256_maskload_ps(x0 + i, tail), v1 = _mm256_maskload_ps(x1 + i, tail);
                __m256 u = _mm256_maskload_ps(wr[0] + i, tail);
                a00 = _mm256_fmadd_ps(v0, u, a00); a10 = _mm256_fmadd_ps(v1, u, a10);
                u = _mm256_maskload_ps(wr[1] + i, tail);
                a01 = _mm256_fmadd_ps(v0, u, a01); a11 = _mm256_fmadd_ps(v1, u, a11);
                u = _mm256_maskload_ps(wr[2] + i, tail);
                a02 = _mm256_fmadd_ps(v0, u, a02); a12 = _mm256_fmadd_ps(v1, u, a12);
                u = _mm256_maskload_ps(wr[3] + i, tail);
                a03 = _mm256_fmadd_ps(v0, u, a03); a13 = _mm256_fmadd_ps(v1, u, a13);
            }
            float sums[DOT_ROWS][DOT_OUTPUTS] = {
                {lane_sum_avx2(a00), lane_sum_avx2(a01), lane_sum_avx2(a02), lane_sum_avx2(a03)},
                {lane_sum_avx2(a10), lane_sum_avx2(a11), lane_sum_avx2(a12), lane_sum_avx2(a13)},
            };
            for (int r = 0; r < DOT_ROWS && n0 + r < rows; r++) {
                for (int k = 0; k < DOT_OUTPUTS && o0 + k < outputs; k++) {
                    float sum = sums[r][k];
                    out[(n0 + r) * outputs + o0 + k] = bias ? sum + bias[o0 + k] : sum;
                }
            }
        }
    }
}

AVX2_FMA static void weighted_rows_avx2(const float *a, ptrdiff_t a_row_stride, ptrdiff_t a_depth_stride, ptrdiff_t rows,
                                        ptrdiff_t depth, const float *b, ptrdiff_t b_row_stride, ptrdiff_t columns,
                                        float *c, ptrdiff_t c_row_stride, int accumulate) {
    for (ptrdiff_t m0 = 0; m0 < rows; m0 += WEIGHTED_ROWS) {
        // Rows past the last repeat it; their results are never stored.
        const float *ar[WEIGHTED_ROWS];
        for (int r = 0; r < WEIGHTED_ROWS; r++) ar[r] = a + (m0 + r < rows ? m0 + r : m0) * a_row_stride;
        for (ptrdiff_t j = 0; j < columns; j += WEIGHTED_COLUMNS) {
            ptrdiff_t valid = columns - j < WEIGHTED_COLUMNS ? columns - j : WEIGHTED_COLUMNS;
            // Full columns load whole vectors; an edge loads only its valid lanes of B.
            __m256i low_mask = lane_mask(valid), high_mask = lane_mask(valid - LANES);
            int edge = valid < WEIGHTED_COLUMNS;
            __m256 c00 = _mm256_setzero_ps(), c01 = _mm256_setzero_ps(), c10 = _mm256_setzero_ps(), c11 = _mm256_setzero_ps();
            __m256 c20 = _mm256_setzero_ps(), c21 = _mm256_setzero_ps(), c30 = _mm256_setzero_ps(), c31 = _mm256_setzero_ps();
            for (ptrdiff_t p = 0; p < depth; p++) {
                const float *row = b + p * b_row_stride + j;
                __m256 low = edge ? _mm256_maskload_ps(row, low_mask) : _mm256_loadu_ps(row);
                __m256 high = edge ? _mm256_maskload_ps(row + LANES, high_mask) : _mm256_loadu_ps(row + LANES);
                ptrdiff_t offset = p * a_depth_stride;
                __m256 s = _mm256_broadcast_ss(ar[0] + offset);
                c00 = _mm256_fmadd_ps(s, low, c00); c01 = _mm256_fmadd_ps(s, high, c01);
                s = _mm256_broadcast_ss(ar[1] + offset);
                c10 = _mm256_fmadd_ps(s, low, c10); c11 = _mm256_fmadd_ps(s, high, c11);
                s = _mm256_broadcast_ss(ar[2] + offset);
                c20 = _mm256_fmadd_ps(s, low, c20); c21 = _mm256_fmadd_ps(s, high, c21);
                s = _mm256_broadcast_ss(ar[3] + offset);
                c30 = _mm256_fmadd_ps(s, low, c30); c31 = _mm256_fmadd_ps(s, high, c31);
            }
            __m256 results[WEIGHTED_ROWS][2] = {{c00, c01}, {c10, c11}, {c20, c21}, {c30, c31}};
            for (int r = 0; r < WEIGHTED_ROWS && m0 + r < rows; r++) {
                float *target = c + (m0 + r) * c_row_stride + j;
                __m256 low = results[r][0], high = results[r][1];
                if (!edge) {
                    if (accumulate) {
                        low = _mm256_add_ps(_mm256_loadu_ps(target), low);
                        high = _mm256_add_ps(_mm256_loadu_ps(target + LANES), high);
                    }
                    _mm256_storeu_ps(target, low);
                    _mm256_storeu_ps(target + LANES, high);
                } else {
                    if (accumulate) {
                        low = _mm256_add_ps(_mm256_maskload_ps(target, low_mask), low);
                        high = _mm256_add_ps(_mm256_maskload_ps(target + LANES, high_mask), high);
                    }
                    _mm256_maskstore_ps(target, low_mask, low);
                    _mm256_maskstore_ps(target + LANES, high_mask, high);
                }
            }
        }
    }
}
#endif

void convkernels_linear_dot_rows(int kernel, const float *x, ptrdiff_t rows, ptrdiff_t depth, const float *w,
                                 ptrdiff_t outputs, const float *bias, float *out) {
#if defined(__x86_64__) || defined(__i386__)
    if (kernel == convkernels_kernel_avx2_fma) {
        dot_rows_avx2(x, rows, depth, w, outputs, bias, out);
        return;
    }
#endif
    (void)kernel;
    dot_rows_portable(x, rows, depth, w, outputs, bias, out);
}

void convkernels_linear_weighted_rows(int kernel, const float *a, ptrdiff_t a_row_stride, ptrdiff_t a_depth_stride,
                                      ptrdiff_t rows, ptrdiff_t depth, const float *b, ptrdiff_t b_row_stride,
                                      ptrdiff_t columns, float *c, ptrdiff_t c_row_stride, int accumulate) {
#if defined(__x86_64__) || defined(__i386__)
    if (kernel == convkernels_kernel_avx2_fma) {
        weighted_rows_avx2(a, a_row_stride, a_depth_stride, rows, depth, b, b_row_stride, columns, c, c_row_stride,
                           accumulate);
        return;
    }
#endif
    (void)kernel;
    weighted_rows_portable(a, a_row_stride, a_depth_stride, rows, depth, b, b_row_stride, columns, c, c_row_stride,
                           accumulate);
}
