// The 2×2, stride-2 max pool of the course's networks for inference (values only, no routes),
// in two builds like the other kernels. See include/CConvKernels.h for the contract.
//
// Why here: in Swift the comparison that lets a NaN win stays scalar, and at one image the
// pools took a sixth of the teaching net's forward pass (perf, `convlab bench --filter W5`).
#include "CConvKernels.h"

#include <math.h>

/// The window's value: its maximum, or a NaN when it holds one (a NaN wins over numbers).
static inline float larger(float best, float value) {
    return (value > best || (isnan(value) && !isnan(best))) ? value : best;
}

static void max_pool_row_portable(const float *top, const float *bottom, float *output, ptrdiff_t from, ptrdiff_t to) {
    for (ptrdiff_t column = from; column < to; column++) {
        float best = top[2 * column];
        best = larger(best, top[2 * column + 1]);
        best = larger(best, bottom[2 * column]);
        best = larger(best, bottom[2 * column + 1]);
        output[column] = best;
    }
}

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>

#define AVX2_FMA __attribute__((target("avx2,fma")))

/// Eight outputs from 16 columns of the two rows: the vertical maximum, then of each even/odd
/// pair; lanes where any of the four inputs is a NaN are set to NaN afterwards.
AVX2_FMA static inline __m256 max_pool_eight(__m256 top_low, __m256 top_high, __m256 bottom_low, __m256 bottom_high) {
    __m256 low = _mm256_max_ps(top_low, bottom_low), high = _mm256_max_ps(top_high, bottom_high);
    __m256 nan_low = _mm256_cmp_ps(top_low, bottom_low, _CMP_UNORD_Q);
    __m256 nan_high = _mm256_cmp_ps(top_high, bottom_high, _CMP_UNORD_Q);
    // Even and odd lanes of (low, high), within 128-bit halves; the permute puts them in order.
    __m256 even = _mm256_shuffle_ps(low, high, _MM_SHUFFLE(2, 0, 2, 0));
    __m256 odd = _mm256_shuffle_ps(low, high, _MM_SHUFFLE(3, 1, 3, 1));
    __m256 nan_even = _mm256_shuffle_ps(nan_low, nan_high, _MM_SHUFFLE(2, 0, 2, 0));
    __m256 nan_odd = _mm256_shuffle_ps(nan_low, nan_high, _MM_SHUFFLE(3, 1, 3, 1));
    __m256 best = _mm256_max_ps(even, odd);
    __m256 any_nan = _mm256_or_ps(_mm256_or_ps(nan_even, nan_odd), _mm256_cmp_ps(even, odd, _CMP_UNORD_Q));
    best = _mm256_blendv_ps(best, _mm256_set1_ps(NAN), any_nan);
    return _mm256_castpd_ps(_mm256_permute4x64_pd(_mm256_castps_pd(best), _MM_SHUFFLE(3, 1, 2, 0)));
}

/// A row of outputs, eight at a time; the last few with masked loads and stores (lanes past
/// the row read as zero and are not written), so no output takes the scalar path, whose
/// branches on the data mispredict, and no copy stalls a wide load behind narrow stores.
AVX2_FMA static void max_pool_row_avx2(const float *top, const float *bottom, float *output, ptrdiff_t width) {
    ptrdiff_t column = 0;
    for (; column + 8 <= width; column += 8) {
        const float *t = top + 2 * column, *b = bottom + 2 * column;
        __m256 best = max_pool_eight(_mm256_loadu_ps(t), _mm256_loadu_ps(t + 8), _mm256_loadu_ps(b), _mm256_loadu_ps(b + 8));
        _mm256_storeu_ps(output + column, best);
    }
    ptrdiff_t rest = width - column;
    if (rest == 0) return;
    const __m256i lanes = _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7);
    __m256i low_mask = _mm256_cmpgt_epi32(_mm256_set1_epi32((int)(2 * rest)), lanes);
    __m256i high_mask = _mm256_cmpgt_epi32(_mm256_set1_epi32((int)(2 * rest - 8)), lanes);
    __m256i output_mask = _mm256_cmpgt_epi32(_mm256_set1_epi32((int)rest), lanes);
    const float *t = top + 2 * column, *b = bottom + 2 * column;
    __m256 best = max_pool_eight(_mm256_maskload_ps(t, low_mask), _mm256_maskload_ps(t + 8, high_mask),
                                 _mm256_maskload_ps(b, low_mask), _mm256_maskload_ps(b + 8, high_mask));
    _mm256_maskstore_ps(output + column, output_mask, best);
}
#endif

void convkernels_max_pool_2x2(convkernels_kernel kernel, const float *input, ptrdiff_t planes, ptrdiff_t height,
                              ptrdiff_t width, ptrdiff_t output_height, ptrdiff_t output_width, float *output) {
    for (ptrdiff_t plane = 0; plane < planes; plane++) {
        for (ptrdiff_t row = 0; row < output_height; row++) {
            const float *top = input + plane * height * width + 2 * row * width;
            float *destination = output + (plane * output_height + row) * output_width;
#if defined(__x86_64__) || defined(__i386__)
            if (kernel == convkernels_kernel_avx2_fma) {
                max_pool_row_avx2(top, top + width, destination, output_width);
                continue;
            }
#endif
            max_pool_row_portable(top, top + width, destination, 0, output_width);
        }
    }
    (void)kernel;
}
