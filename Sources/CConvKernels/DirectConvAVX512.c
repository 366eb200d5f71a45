// The direct convolution for inputs with few channels on AVX-512F, behind the CPU and
// operating-system check of GemmTileAVX512.c. Same contract as the AVX2 build in DirectConv.c
// (see include/CConvKernels.h) and the same rounding: acc starts at 0 and takes one fused
// multiply-add per tap in tap order, then the bias is added and ReLU applied, so the two builds
// give the same bits.
//
// A tile is 8 output channels × two 16-lane vectors of output: sixteen accumulators, two input
// vectors and a broadcast weight, 19 of the 32 zmm registers; each tap loads two input vectors
// and eight weights for sixteen FMAs. The two vectors are either columns 0–15 and 16–31 of one
// row (rows wider than 16) or columns 0–15 of two neighbouring rows (rows of 16 or fewer, such
// as the 14 columns of the teaching net's second conv, which would leave most lanes of a
// 32-column tile empty). Edges use masked loads and stores, which read and write nothing
// outside the mask, so edge tiles run the same instructions on the same values as full ones.
#include "CConvKernels.h"
#include "DirectConvInternal.h"

#pragma STDC FP_CONTRACT OFF

#if defined(__x86_64__)
#include <immintrin.h>

enum { CHANNELS = 8, LANES = 16, TAP_LIMIT = convkernels_direct_avx512_largest_tap_count };

#define AVX512 __attribute__((target("avx512f,avx2,fma")))

AVX512 static inline __m512 finish(__m512 accumulator, __m512 shift, int relu) {
    __m512 value = _mm512_add_ps(accumulator, shift);
    // max(x, 0) returns its second operand when x is NaN and +0 for −0: x > 0 ? x : 0.
    return relu ? _mm512_max_ps(value, _mm512_setzero_ps()) : value;
}

/// Lanes 0 ..< count of a 16-lane mask (count clamped to 0 ... 16).
static inline __mmask16 lanes(ptrdiff_t count) {
    if (count <= 0) return 0;
    if (count >= LANES) return (__mmask16)0xFFFF;
    return (__mmask16)((1u << count) - 1);
}

#define DECLARE(k) __m512 a##k##0 = _mm512_setzero_ps(), a##k##1 = _mm512_setzero_ps();
#define STEP(k) { __m512 broadcast = _mm512_set1_ps(w[k]); \
    a##k##0 = _mm512_fmadd_ps(broadcast, x0, a##k##0); \
    a##k##1 = _mm512_fmadd_ps(broadcast, x1, a##k##1); }
#define STORE(k) if (k < valid_channels) { \
    __m512 shift = _mm512_set1_ps(biases[k]); \
    _mm512_mask_storeu_ps(destination0 + k * channel_stride, mask0, finish(a##k##0, shift, relu)); \
    if (mask1) _mm512_mask_storeu_ps(destination1 + k * channel_stride, mask1, finish(a##k##1, shift, relu)); }

/// One tile: the lanes in `mask0` of the vector whose taps read from source0 + tap_offsets[r]
/// and the lanes in `mask1` of the one reading from source1 + tap_offsets[r], for the block's
/// channels; `packed` holds the block's weights tap by tap (packed[r·8 + k]).
AVX512 static inline __attribute__((always_inline))
void tile(const float *source0, const float *source1, __mmask16 mask0, __mmask16 mask1,
          const ptrdiff_t *tap_offsets, ptrdiff_t tap_count, const float *packed, const float *biases, int relu,
          float *destination0, float *destination1, ptrdiff_t channel_stride, int valid_channels) {
    DECLARE(0) DECLARE(1) DECLARE(2) DECLARE(3) DECLARE(4) DECLARE(5) DECLARE(6) DECLARE(7)
    const float *w = packed;
    for (ptrdiff_t r = 0; r < tap_count; r++, w += CHANNELS) {
        ptrdiff_t offset = tap_offsets[r];
        // Masked-off lanes load as zero and are never stored.
        __m512 x0 = _mm512_maskz_loadu_ps(mask0, source0 + offset);
        __m512 x1 = _mm512_maskz_loadu_ps(mask1, source1 + offset);
        STEP(0) STEP(1) STEP(2) STEP(3) STEP(4) STEP(5) STEP(6) STEP(7)
    }
    STORE(0) STORE(1) STORE(2) STORE(3) STORE(4) STORE(5) STORE(6) STORE(7)
}

AVX512 void convkernels_direct_conv_rows_avx512(
    const float *input, ptrdiff_t input_row_stride, const ptrdiff_t *tap_offsets, ptrdiff_t tap_count,
    const float *weight, const float *bias, ptrdiff_t output_channels, float *output,
    ptrdiff_t output_channel_stride, ptrdiff_t output_row_stride, ptrdiff_t rows, ptrdiff_t columns, int relu) {
    // The block's weights tap by tap, so one pointer walks all eight broadcasts; channels past
    // the last repeat the block's first (computed, never stored).
    float packed[TAP_LIMIT * CHANNELS];
    float biases[CHANNELS];
    for (ptrdiff_t first = 0; first < output_channels; first += CHANNELS) {
        for (int k = 0; k < CHANNELS; k++) {
            ptrdiff_t channel = first + k < output_channels ? first + k : first;
            for (ptrdiff_t r = 0; r < tap_count; r++) packed[r * CHANNELS + k] = weight[channel * tap_count + r];
            biases[k] = bias ? bias[channel] : 0.0f;
        }
        int valid_channels = output_channels - first < CHANNELS ? (int)(output_channels - first) : CHANNELS;
        float *block_output = output + first * output_channel_stride;
        if (columns > LANES) {
            // Wide rows: 32 columns of one row per tile.
            for (ptrdiff_t row = 0; row < rows; row++) {
                const float *row_input = input + row * input_row_stride;
                float *row_output = block_output + row * output_row_stride;
                for (ptrdiff_t column = 0; column < columns; column += 2 * LANES) {
                    __mmask16 mask0 = lanes(columns - column), mask1 = lanes(columns - column - LANES);
                    tile(row_input + column, row_input + column + LANES, mask0, mask1, tap_offsets, tap_count,
                         packed, biases, relu, row_output + column, row_output + column + LANES,
                         output_channel_stride, valid_channels);
                }
            }
        } else {
            // Narrow rows: one whole row in each vector, two rows per tile.
            __mmask16 mask = lanes(columns);
            for (ptrdiff_t row = 0; row < rows; row += 2) {
                int pair = row + 1 < rows;
                const float *source0 = input + row * input_row_stride;
                float *destination0 = block_output + row * output_row_stride;
                tile(source0, pair ? source0 + input_row_stride : source0, mask, pair ? mask : 0, tap_offsets, tap_count,
                     packed, biases, relu, destination0, pair ? destination0 + output_row_stride : destination0,
                     output_channel_stride, valid_channels);
            }
        }
    }
}
#endif
