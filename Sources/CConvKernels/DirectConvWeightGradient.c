// The weight gradient of the direct convolution, for a network's first layer (which needs no
// input gradient, so with this the layer's backward pass needs no im2col at all). Portable and
// AVX2 builds like the other kernels, and an AVX-512 one behind the same CPU check as the
// GEMM's; see include/CConvKernels.h for the contract.
//
// dW[k, r] is a dot product of output channel k's gradient with the input shifted by tap r's
// offset. The AVX2 kernel holds 4 channels × 2 taps in eight 8-lane accumulators over 8
// output columns at a time: six loads feed eight fused multiply-adds. Each sum runs over the
// rows in order, the columns in 8-lane steps, then the 8 lanes are added in a fixed order.
#include "CConvKernels.h"

#include <string.h>

#pragma STDC FP_CONTRACT OFF

enum { CHANNELS = 4, TAPS = 2, LANES = 8 };

static void weight_gradient_portable(const float *input, ptrdiff_t input_row_stride, const ptrdiff_t *tap_offsets,
                                     ptrdiff_t tap_count, const float *d_output, ptrdiff_t output_channels,
                                     ptrdiff_t output_channel_stride, ptrdiff_t output_row_stride, ptrdiff_t rows,
                                     ptrdiff_t columns, float *d_weight) {
    for (ptrdiff_t k = 0; k < output_channels; k++) {
        for (ptrdiff_t r = 0; r < tap_count; r++) {
            float sum = 0;
            for (ptrdiff_t row = 0; row < rows; row++) {
                const float *gradient = d_output + k * output_channel_stride + row * output_row_stride;
                const float *source = input + row * input_row_stride + tap_offsets[r];
                for (ptrdiff_t q = 0; q < columns; q++) {
                    float product = gradient[q] * source[q];
                    sum = sum + product;
                }
            }
            d_weight[k * tap_count + r] = sum;
        }
    }
}

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>

#define AVX2_FMA __attribute__((target("avx2,fma")))

/// The eight lanes of `v` added in a fixed order: (0+4, 1+5, 2+6, 3+7), then pairs, then the two.
AVX2_FMA static inline float lane_sum(__m256 v) {
    __m128 half = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    half = _mm_add_ps(half, _mm_movehl_ps(half, half));
    half = _mm_add_ss(half, _mm_shuffle_ps(half, half, 1));
    return _mm_cvtss_f32(half);
}

AVX2_FMA static void weight_gradient_avx2(const float *input, ptrdiff_t input_row_stride, const ptrdiff_t *tap_offsets,
                                          ptrdiff_t tap_count, const float *d_output, ptrdiff_t output_channels,
                                          ptrdiff_t output_channel_stride, ptrdiff_t output_row_stride, ptrdiff_t rows,
                                          ptrdiff_t columns, float *d_weight) {
    const __m256i lanes = _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7);
    ptrdiff_t rest = columns % LANES;
    __m256i tail_mask = _mm256_cmpgt_epi32(_mm256_set1_epi32((int)rest), lanes);
    for (ptrdiff_t first = 0; first < output_channels; first += CHANNELS) {
        // Channels past the last repeat the first; their sums are never stored.
        const float *gradients[CHANNELS];
        for (int k = 0; k < CHANNELS; k++) {
            ptrdiff_t channel = first + k < output_channels ? first + k : first;
            gradients[k] = d_output + channel * output_channel_stride;
        }
        for (ptrdiff_t r = 0; r < tap_count; r += TAPS) {
            // An odd last tap is paired with itself and stored once.
            ptrdiff_t second = r + 1 < tap_count ? r + 1 : r;
            __m256 a00 = _mm256_setzero_ps(), a01 = _mm256_setzero_ps(), a10 = _mm256_setzero_ps(), a11 = _mm256_setzero_ps();
            __m256 a20 = _mm256_setzero_ps(), a21 = _mm256_setzero_ps(), a30 = _mm256_setzero_ps(), a31 = _mm256_setzero_ps();
            for (ptrdiff_t row = 0; row < rows; row++) {
                const float *x0 = input + row * input_row_stride + tap_offsets[r];
                const float *x1 = input + row * input_row_stride + tap_offsets[second];
                const float *g0 = gradients[0] + row * output_row_stride, *g1 = gradients[1] + row * output_row_stride;
                const float *g2 = gradients[2] + row * output_row_stride, *g3 = gradients[3] + row * output_row_stride;
                ptrdiff_t q = 0;
                for (; q + LANES <= columns + (rest ? LANES - rest : 0); q += LANES) {
                    // The last step of a row with a tail loads only its valid lanes (zeros
                    // past them), so neither the next row's gradient nor its input leaks in.
                    int tail = q + LANES > columns;
                    __m256 v0 = tail ? _mm256_maskload_ps(x0 + q, tail_mask) : _mm256_loadu_ps(x0 + q);
                    __m256 v1 = tail ? _mm256_maskload_ps(x1 + q, tail_mask) : _mm256_loadu_ps(x1 + q);
                    __m256 d = tail ? _mm256_maskload_ps(g0 + q, tail_mask) : _mm256_loadu_ps(g0 + q);
                    a00 = _mm256_fmadd_ps(d, v0, a00); a01 = _mm256_fmadd_ps(d, v1, a01);
                    d = tail ? _mm256_maskload_ps(g1 + q, tail_mask) : _mm256_loadu_ps(g1 + q);
                    a10 = _mm256_fmadd_ps(d, v0, a10); a11 = _mm256_fmadd_ps(d, v1, a11);
                    d = tail ? _mm256_maskload_ps(g2 + q, tail_mask) : _mm256_loadu_ps(g2 + q);
                    a20 = _mm256_fmadd_ps(d, v0, a20); a21 = _mm256_fmadd_ps(d, v1, a21);
                    d = tail ? _mm256_maskload_ps(g3 + q, tail_mask) : _mm256_loadu_ps(g3 + q);
                    a30 = _mm256_fmadd_ps(d, v0, a30); a31 = _mm256_fmadd_ps(d, v1, a31);
                }
            }
            float sums[CHANNELS][TAPS] = {
                {lane_sum(a00), lane_sum(a01)}, {lane_sum(a10), lane_sum(a11)},
                {lane_sum(a20), lane_sum(a21)}, {lane_sum(a30), lane_sum(a31)},
            };
            for (int k = 0; k < CHANNELS && first + k < output_channels; k++) {
                d_weight[(first + k) * tap_count + r] = sums[k][0];
                if (second != r) d_weight[(first + k) * tap_count + second] = sums[k][1];
            }
        }
    }
}

#define AVX512 __attribute__((target("avx512f,avx2,fma")))

/// The sixteen lanes of `v` added in a fixed order: the two 256-bit halves, then as `lane_sum`.
AVX512 static inline float lane_sum_16(__m512 v) {
    __m256 low = _mm512_castps512_ps256(v);
    __m256 high = _mm256_castpd_ps(_mm512_extractf64x4_pd(_mm512_castps_pd(v), 1));
    __m256 eight = _mm256_add_ps(low, high);
    __m128 half = _mm_add_ps(_mm256_castps256_ps128(eight), _mm256_extractf128_ps(eight, 1));
    half = _mm_add_ps(half, _mm_movehl_ps(half, half));
    half = _mm_add_ss(half, _mm_shuffle_ps(half, half, 1));
    return _mm_cvtss_f32(half);
}

/// `weight_gradient_avx2` over 16 columns at a time. Why: the course's rows are 14 and 28
/// wide, so in 8-lane steps a row is one or three whole steps and a masked one; here a
/// 14-column row is one step and its tail costs nothing (mask registers, whose masked-off
/// lanes read as zero and never fault).
AVX512 static void weight_gradient_avx512(const float *input, ptrdiff_t input_row_stride, const ptrdiff_t *tap_offsets,
                                          ptrdiff_t tap_count, const float *d_output, ptrdiff_t output_channels,
                                          ptrdiff_t output_channel_stride, ptrdiff_t output_row_stride, ptrdiff_t rows,
                                          ptrdiff_t columns, float *d_weight) {
    enum { WIDE = 16 };
    ptrdiff_t rest = columns % WIDE;
    __mmask16 tail_mask = rest ? (__mmask16)((1u << rest) - 1u) : (__mmask16)0xFFFF;
    for (ptrdiff_t first = 0; first < output_channels; first += CHANNELS) {
        const float *gradients[CHANNELS];
        for (int k = 0; k < CHANNELS; k++) {
            ptrdiff_t channel = first + k < output_channels ? first + k : first;
            gradients[k] = d_output + channel * output_channel_stride;
        }
        for (ptrdiff_t r = 0; r < tap_count; r += TAPS) {
            ptrdiff_t second = r + 1 < tap_count ? r + 1 : r;
            __m512 a00 = _mm512_setzero_ps(), a01 = _mm512_setzero_ps(), a10 = _mm512_setzero_ps(), a11 = _mm512_setzero_ps();
            __m512 a20 = _mm512_setzero_ps(), a21 = _mm512_setzero_ps(), a30 = _mm512_setzero_ps(), a31 = _mm512_setzero_ps();
            for (ptrdiff_t row = 0; row < rows; row++) {
                const float *x0 = input + row * input_row_stride + tap_offsets[r];
                const float *x1 = input + row * input_row_stride + tap_offsets[second];
                const float *g0 = gradients[0] + row * output_row_stride, *g1 = gradients[1] + row * output_row_stride;
                const float *g2 = gradients[2] + row * output_row_stride, *g3 = gradients[3] + row * output_row_stride;
                for (ptrdiff_t q = 0; q < columns; q += WIDE) {
                    __mmask16 mask = q + WIDE <= columns ? (__mmask16)0xFFFF : tail_mask;
                    __m512 v0 = _mm512_maskz_loadu_ps(mask, x0 + q), v1 = _mm512_maskz_loadu_ps(mask, x1 + q);
                    __m512 d = _mm512_maskz_loadu_ps(mask, g0 + q);
                    a00 = _mm512_fmadd_ps(d, v0, a00); a01 = _mm512_fmadd_ps(d, v1, a01);
                    d = _mm512_maskz_loadu_ps(mask, g1 + q);
                    a10 = _mm512_fmadd_ps(d, v0, a10); a11 = _mm512_fmadd_ps(d, v1, a11);
                    d = _mm512_maskz_loadu_ps(mask, g2 + q);
                    a20 = _mm512_fmadd_ps(d, v0, a20); a21 = _mm512_fmadd_ps(d, v1, a21);
                    d = _mm512_maskz_loadu_ps(mask, g3 + q);
                    a30 = _mm512_fmadd_ps(d, v0, a30); a31 = _mm512_fmadd_ps(d, v1, a31);
                }
            }
            float sums[CHANNELS][TAPS] = {
                {lane_sum_16(a00), lane_sum_16(a01)}, {lane_sum_16(a10), lane_sum_16(a11)},
                {lane_sum_16(a20), lane_sum_16(a21)}, {lane_sum_16(a30), lane_sum_16(a31)},
            };
            for (int k = 0; k < CHANNELS && first + k < output_channels; k++) {
                d_weight[(first + k) * tap_count + r] = sums[k][0];
                if (second != r) d_weight[(first + k) * tap_count + second] = sums[k][1];
            }
        }
    }
}
#endif

void convkernels_direct_conv_weight_gradient(convkernels_kernel kernel, const float *input, ptrdiff_t input_row_stride,
                                             const ptrdiff_t *tap_offsets, ptrdiff_t tap_count, const float *d_output,
                                             ptrdiff_t output_channels, ptrdiff_t output_channel_stride,
                                             ptrdiff_t output_row_stride, ptrdiff_t rows, ptrdiff_t columns,
                                             float *d_weight) {
#if defined(__x86_64__) || defined(__i386__)
    if (kernel == convkernels_kernel_avx512) {
        weight_gradient_avx512(input, input_row_stride, tap_offsets, tap_count, d_output, output_channels,
                               output_channel_stride, output_row_stride, rows, columns, d_weight);
        return;
    }
    if (kernel == convkernels_kernel_avx2_fma) {
        weight_gradient_avx2(input, input_row_stride, tap_offsets, tap_count, d_output, output_channels,
                             output_channel_stride, output_row_stride, rows, columns, d_weight);
        return;
    }
#endif
    (void)kernel;
    weight_gradient_portable(input, input_row_stride, tap_offsets, tap_count, d_output, output_channels,
                             output_channel_stride, output_row_stride, rows, columns, d_weight);
}
