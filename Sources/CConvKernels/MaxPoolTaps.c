// The 2×2, stride-2 max pool of the course's networks for training: the forward pass keeps, for
// each output, which of its window's four taps won (one byte), and the backward pass expands
// those bytes into the input gradient, optionally through the ReLU before the pool. Two builds
// like the other kernels; see include/CConvKernels.h for the contract.
//
// Why here: the Swift loop that recorded each winner's flat index (8 bytes per output) was the
// largest item of a training step's profile (`perf record` of `convlab bench --filter
// W1_train_bs128`: 15%), and the backward pass then zeroed the whole input gradient and
// scattered into it. A window of a 2×2, stride-2 pool covers its four inputs alone, so the
// backward pass can write every input element once instead.
#include "CConvKernels.h"

#include <math.h>
#include <string.h>

#pragma STDC FP_CONTRACT OFF

/// `value` wins over `best` when it is larger, or a NaN where `best` is a number: so the first
/// of equal maxima wins, and the first NaN.
static inline int wins(float value, float best) {
    return value > best || (isnan(value) && !isnan(best));
}

static void taps_row_portable(const float *top, const float *bottom, float *output, uint8_t *taps,
                              ptrdiff_t from, ptrdiff_t to) {
    for (ptrdiff_t column = from; column < to; column++) {
        const float values[4] = {top[2 * column], top[2 * column + 1], bottom[2 * column], bottom[2 * column + 1]};
        float best = values[0];
        uint8_t tap = 0;
        for (uint8_t candidate = 1; candidate < 4; candidate++) {
            if (wins(values[candidate], best)) {
                best = values[candidate];
                tap = candidate;
            }
        }
        output[column] = best;
        taps[column] = tap;
    }
}

/// The gradient of one row pair of inputs from one row of outputs, for output columns
/// [from, to): (0 + d)·s at the winning tap, +0 at the other three, where s is 1, or, when
/// `pool_output` is non-NULL, relu′ at the winner: (pool_output > 0 ? 1 : 0). The addition to
/// zero is the reference's (it zeroes dInput and adds each gradient onto it: −0 becomes +0).
static void backward_row_portable(const float *d_output, const uint8_t *taps, const float *pool_output,
                                  float *top, float *bottom, ptrdiff_t from, ptrdiff_t to) {
    for (ptrdiff_t column = from; column < to; column++) {
        float *positions[4] = {top + 2 * column, top + 2 * column + 1, bottom + 2 * column, bottom + 2 * column + 1};
        for (int tap = 0; tap < 4; tap++) *positions[tap] = 0.0f;
        float value = 0.0f + d_output[column];
        if (pool_output) value = value * (pool_output[column] > 0 ? 1.0f : 0.0f);
        *positions[taps[column] & 3] = value;
    }
}

/// Inputs in no window (an odd last column, rows below the last window) get a zero gradient.
static void zero_outside_windows(float *plane_gradient, ptrdiff_t height, ptrdiff_t width, ptrdiff_t output_height,
                                 ptrdiff_t output_width) {
    if (2 * output_width < width) {
        for (ptrdiff_t row = 0; row < 2 * output_height; row++) {
            for (ptrdiff_t column = 2 * output_width; column < width; column++) plane_gradient[row * width + column] = 0.0f;
        }
    }
    memset(plane_gradient + 2 * output_height * width, 0, (size_t)((height - 2 * output_height) * width) * sizeof(float));
}

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>

#define AVX2_FMA __attribute__((target("avx2,fma")))

/// Lanes where `value` wins over `best` (see `wins`).
AVX2_FMA static inline __m256 wins_avx2(__m256 value, __m256 best) {
    __m256 greater = _mm256_cmp_ps(value, best, _CMP_GT_OQ);
    __m256 value_nan = _mm256_cmp_ps(value, value, _CMP_UNORD_Q);
    __m256 best_nan = _mm256_cmp_ps(best, best, _CMP_UNORD_Q);
    return _mm256_or_ps(greater, _mm256_andnot_ps(best_nan, value_nan));
}

/// Eight outputs and their taps from 16 columns of the two rows. The even/odd shuffles leave
/// the outputs in the order 0 1 4 5 2 3 6 7, which the final 64-bit permute undoes; the taps
/// are carried as floats 0–3 through the same blends.
AVX2_FMA static inline void taps_eight(__m256 top_low, __m256 top_high, __m256 bottom_low, __m256 bottom_high,
                                       __m256 *values, __m128i *taps) {
    __m256 top_left = _mm256_shuffle_ps(top_low, top_high, _MM_SHUFFLE(2, 0, 2, 0));
    __m256 top_right = _mm256_shuffle_ps(top_low, top_high, _MM_SHUFFLE(3, 1, 3, 1));
    __m256 bottom_left = _mm256_shuffle_ps(bottom_low, bottom_high, _MM_SHUFFLE(2, 0, 2, 0));
    __m256 bottom_right = _mm256_shuffle_ps(bottom_low, bottom_high, _MM_SHUFFLE(3, 1, 3, 1));
    __m256 best = top_left, tap = _mm256_setzero_ps();
    __m256 takes = wins_avx2(top_right, best);
    best = _mm256_blendv_ps(best, top_right, takes);
    tap = _mm256_blendv_ps(tap, _mm256_set1_ps(1), takes);
    takes = wins_avx2(bottom_left, best);
    best = _mm256_blendv_ps(best, bottom_left, takes);
    tap = _mm256_blendv_ps(tap, _mm256_set1_ps(2), takes);
    takes = wins_avx2(bottom_right, best);
    best = _mm256_blendv_ps(best, bottom_right, takes);
    tap = _mm256_blendv_ps(tap, _mm256_set1_ps(3), takes);
    *values = _mm256_castpd_ps(_mm256_permute4x64_pd(_mm256_castps_pd(best), _MM_SHUFFLE(3, 1, 2, 0)));
    tap = _mm256_castpd_ps(_mm256_permute4x64_pd(_mm256_castps_pd(tap), _MM_SHUFFLE(3, 1, 2, 0)));
    __m256i words = _mm256_cvttps_epi32(tap);
    __m128i halves = _mm_packus_epi32(_mm256_castsi256_si128(words), _mm256_extracti128_si256(words, 1));
    *taps = _mm_packus_epi16(halves, halves);   // the eight taps in the low 8 bytes
}

/// A row of outputs, eight at a time; the last few with masked loads and stores (lanes past
/// the row read as zero and are not written).
AVX2_FMA static inline __attribute__((always_inline)) void taps_row_avx2(const float *top, const float *bottom, float *output, uint8_t *taps,
                                   ptrdiff_t width) {
    ptrdiff_t column = 0;
    __m256 values;
    __m128i packed;
    for (; column + 8 <= width; column += 8) {
        const float *t = top + 2 * column, *b = bottom + 2 * column;
        taps_eight(_mm256_loadu_ps(t), _mm256_loadu_ps(t + 8), _mm256_loadu_ps(b), _mm256_loadu_ps(b + 8),
                   &values, &packed);
        _mm256_storeu_ps(output + column, values);
        _mm_storel_epi64((__m128i *)(taps + column), packed);
    }
    ptrdiff_t rest = width - column;
    if (rest == 0) return;
    const __m256i lanes = _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7);
    __m256i low_mask = _mm256_cmpgt_epi32(_mm256_set1_epi32((int)(2 * rest)), lanes);
    __m256i high_mask = _mm256_cmpgt_epi32(_mm256_set1_epi32((int)(2 * rest - 8)), lanes);
    __m256i output_mask = _mm256_cmpgt_epi32(_mm256_set1_epi32((int)rest), lanes);
    const float *t = top + 2 * column, *b = bottom + 2 * column;
    taps_eight(_mm256_maskload_ps(t, low_mask), _mm256_maskload_ps(t + 8, high_mask),
               _mm256_maskload_ps(b, low_mask), _mm256_maskload_ps(b + 8, high_mask), &values, &packed);
    _mm256_maskstore_ps(output + column, output_mask, values);
    uint64_t bytes;
    _mm_storel_epi64((__m128i *)&bytes, packed);
    for (ptrdiff_t lane = 0; lane < rest; lane++) taps[column + lane] = (uint8_t)(bytes >> (8 * lane));
}

/// Every plane and row: one call from the dispatcher, so the rows of a 7-output plane do not
/// each pay for a call and the setting up of the masks (a tenth of the pool's time in `perf`).
AVX2_FMA static void taps_planes_avx2(const float *input, ptrdiff_t planes, ptrdiff_t height, ptrdiff_t width,
                                      ptrdiff_t output_height, ptrdiff_t output_width, float *output, uint8_t *taps) {
    for (ptrdiff_t plane = 0; plane < planes; plane++) {
        for (ptrdiff_t row = 0; row < output_height; row++) {
            const float *top = input + plane * height * width + 2 * row * width;
            ptrdiff_t first = (plane * output_height + row) * output_width;
            taps_row_avx2(top, top + width, output + first, taps + first, output_width);
        }
    }
}

/// One row of input gradients (16 columns, `low` then `high`) from eight outputs already
/// expanded to their two columns each: lanes whose tap is `even_tap` or `even_tap + 1` in the
/// column's parity take (0 + d)·slope, the others +0.
AVX2_FMA static inline void backward_half(__m256 d_low, __m256 d_high, __m256i taps_low, __m256i taps_high,
                                          __m256i pattern, __m256 *low, __m256 *high) {
    *low = _mm256_and_ps(_mm256_castsi256_ps(_mm256_cmpeq_epi32(taps_low, pattern)), d_low);
    *high = _mm256_and_ps(_mm256_castsi256_ps(_mm256_cmpeq_epi32(taps_high, pattern)), d_high);
}

AVX2_FMA static inline __m256 relu_slope(__m256 value) {
    return _mm256_and_ps(_mm256_cmp_ps(value, _mm256_setzero_ps(), _CMP_GT_OQ), _mm256_set1_ps(1));
}

/// `backward_row_portable` for a whole row of outputs, eight at a time; the last few with
/// masked loads and stores.
AVX2_FMA static inline __attribute__((always_inline)) void backward_row_avx2(const float *d_output, const uint8_t *taps, const float *pool_output,
                                       float *top, float *bottom, ptrdiff_t width) {
    const __m256i spread_low = _mm256_setr_epi32(0, 0, 1, 1, 2, 2, 3, 3);
    const __m256i spread_high = _mm256_setr_epi32(4, 4, 5, 5, 6, 6, 7, 7);
    const __m256i top_pattern = _mm256_setr_epi32(0, 1, 0, 1, 0, 1, 0, 1);
    const __m256i bottom_pattern = _mm256_setr_epi32(2, 3, 2, 3, 2, 3, 2, 3);
    const __m256i lanes = _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7);
    for (ptrdiff_t column = 0; column < width; column += 8) {
        ptrdiff_t rest = width - column;
        int whole = rest >= 8;
        __m256i output_mask = _mm256_cmpgt_epi32(_mm256_set1_epi32((int)rest), lanes);
        __m256i low_mask = _mm256_cmpgt_epi32(_mm256_set1_epi32((int)(2 * rest)), lanes);
        __m256i high_mask = _mm256_cmpgt_epi32(_mm256_set1_epi32((int)(2 * rest - 8)), lanes);
        __m256 d = whole ? _mm256_loadu_ps(d_output + column) : _mm256_maskload_ps(d_output + column, output_mask);
        d = _mm256_add_ps(_mm256_setzero_ps(), d);
        if (pool_output) {
            __m256 values = whole ? _mm256_loadu_ps(pool_output + column) : _mm256_maskload_ps(pool_output + column, output_mask);
            d = _mm256_mul_ps(d, relu_slope(values));
        }
        __m128i packed;
        if (whole) {
            packed = _mm_loadl_epi64((const __m128i *)(taps + column));
        } else {
            // Gathered in a register: bytes copied to the stack and read back as one vector
            // stall the load behind the narrow stores (half this function's time in `perf`).
            uint64_t bytes = 0;
            for (ptrdiff_t lane = 0; lane < rest; lane++) bytes |= (uint64_t)taps[column + lane] << (8 * lane);
            packed = _mm_set_epi64x(0, (long long)bytes);
        }
        __m256i tap = _mm256_cvtepu8_epi32(packed);
        __m256 d_low = _mm256_permutevar8x32_ps(d, spread_low), d_high = _mm256_permutevar8x32_ps(d, spread_high);
        __m256i tap_low = _mm256_permutevar8x32_epi32(tap, spread_low);
        __m256i tap_high = _mm256_permutevar8x32_epi32(tap, spread_high);
        __m256 top_low, top_high, bottom_low, bottom_high;
        backward_half(d_low, d_high, tap_low, tap_high, top_pattern, &top_low, &top_high);
        backward_half(d_low, d_high, tap_low, tap_high, bottom_pattern, &bottom_low, &bottom_high);
        float *t = top + 2 * column, *b = bottom + 2 * column;
        if (whole) {
            _mm256_storeu_ps(t, top_low); _mm256_storeu_ps(t + 8, top_high);
            _mm256_storeu_ps(b, bottom_low); _mm256_storeu_ps(b + 8, bottom_high);
        } else {
            _mm256_maskstore_ps(t, low_mask, top_low); _mm256_maskstore_ps(t + 8, high_mask, top_high);
            _mm256_maskstore_ps(b, low_mask, bottom_low); _mm256_maskstore_ps(b + 8, high_mask, bottom_high);
        }
    }
}

AVX2_FMA static void backward_planes_avx2(const float *d_output, const uint8_t *taps, const float *pool_output,
                                          ptrdiff_t planes, ptrdiff_t height, ptrdiff_t width, ptrdiff_t output_height,
                                          ptrdiff_t output_width, float *d_input) {
    for (ptrdiff_t plane = 0; plane < planes; plane++) {
        for (ptrdiff_t row = 0; row < output_height; row++) {
            ptrdiff_t top_offset = plane * height * width + 2 * row * width;
            ptrdiff_t first = (plane * output_height + row) * output_width;
            backward_row_avx2(d_output + first, taps + first, pool_output ? pool_output + first : NULL,
                              d_input + top_offset, d_input + top_offset + width, output_width);
        }
        zero_outside_windows(d_input + plane * height * width, height, width, output_height, output_width);
    }
}
#endif

void convkernels_max_pool_2x2_taps(convkernels_kernel kernel, const float *input, ptrdiff_t planes, ptrdiff_t height,
                                   ptrdiff_t width, ptrdiff_t output_height, ptrdiff_t output_width, float *output,
                                   uint8_t *taps) {
#if defined(__x86_64__) || defined(__i386__)
    if (kernel == convkernels_kernel_avx2_fma) {
        taps_planes_avx2(input, planes, height, width, output_height, output_width, output, taps);
        return;
    }
#endif
    (void)kernel;
    for (ptrdiff_t plane = 0; plane < planes; plane++) {
        for (ptrdiff_t row = 0; row < output_height; row++) {
            const float *top = input + plane * height * width + 2 * row * width;
            ptrdiff_t first = (plane * output_height + row) * output_width;
            taps_row_portable(top, top + width, output + first, taps + first, 0, output_width);
        }
    }
}

void convkernels_max_pool_2x2_backward(convkernels_kernel kernel, const float *d_output, const uint8_t *taps,
                                       const float *pool_output, ptrdiff_t planes, ptrdiff_t height, ptrdiff_t width,
                                       ptrdiff_t output_height, ptrdiff_t output_width, float *d_input) {
#if defined(__x86_64__) || defined(__i386__)
    if (kernel == convkernels_kernel_avx2_fma) {
        backward_planes_avx2(d_output, taps, pool_output, planes, height, width, output_height, output_width, d_input);
        return;
    }
#endif
    (void)kernel;
    for (ptrdiff_t plane = 0; plane < planes; plane++) {
        for (ptrdiff_t row = 0; row < output_height; row++) {
            ptrdiff_t top_offset = plane * height * width + 2 * row * width;
            ptrdiff_t first = (plane * output_height + row) * output_width;
            backward_row_portable(d_output + first, taps + first, pool_output ? pool_output + first : NULL,
                                  d_input + top_offset, d_input + top_offset + width, 0, output_width);
        }
        zero_outside_windows(d_input + plane * height * width, height, width, output_height, output_width);
    }
}
