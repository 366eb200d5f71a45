// The direct convolution for inputs with few channels, in two builds like the GEMM tile: AVX2 +
// FMA behind the CPU check, and portable vector C (the AVX-512 build is DirectConvAVX512.c). See
// include/CConvKernels.h for the contract.
//
// Why direct: with R = C·KH·KW small (a first layer: R = 9 for one channel, 27 for RGB), im2col
// copies every input value R times and hands the GEMM an inner dimension too short to amortise
// its packing. Here the input is read in place: a tile of 4 output channels × 16 consecutive
// output columns stays in eight 8-lane accumulators while the R taps run; each tap loads two
// vectors of input and broadcasts four weights.
//
// Rounding: acc starts at 0 and takes one term per tap in tap order (fused in the AVX2 build,
// multiply then add in the portable one), then the bias is added and ReLU applied: the same
// order as the reference loop, so the two agree to a few units in the last place.
#include "CConvKernels.h"
#include "DirectConvInternal.h"

#include <string.h>

#pragma STDC FP_CONTRACT OFF

enum { CHANNELS = convkernels_direct_channels, COLUMNS = convkernels_direct_columns };

/// Writes the valid part of a finished 4×16 tile (row-major, bias and ReLU already applied) to
/// the output: `valid_channels` rows of `valid_columns` values.
static void store_edge(const float *tile, float *output, ptrdiff_t output_channel_stride,
                       int valid_channels, int valid_columns) {
    for (int k = 0; k < valid_channels; k++) {
        memcpy(output + k * output_channel_stride, tile + k * COLUMNS, (size_t)valid_columns * sizeof(float));
    }
}

/// Weight rows of a block of up to four channels; the rows past the last channel repeat the
/// first, so the kernel reads only real weights and the results for them are never stored.
static void block_rows(const float *weight, ptrdiff_t tap_count, ptrdiff_t first, ptrdiff_t channels,
                       const float *rows[CHANNELS], float biases[CHANNELS], const float *bias) {
    for (int k = 0; k < CHANNELS; k++) {
        ptrdiff_t channel = first + k < channels ? first + k : first;
        rows[k] = weight + channel * tap_count;
        biases[k] = bias ? bias[channel] : 0.0f;
    }
}

// MARK: portable

typedef float vector4 __attribute__((vector_size(16)));

static inline vector4 load4(const float *p) { vector4 v; memcpy(&v, p, sizeof v); return v; }
static inline void store4(float *p, vector4 v) { memcpy(p, &v, sizeof v); }

static void direct_tile_portable(const float *input, const ptrdiff_t *tap_offsets, ptrdiff_t tap_count,
                                 const float *rows[CHANNELS], const float biases[CHANNELS], int relu,
                                 float tile[CHANNELS * COLUMNS]) {
    enum { LANES = 4, VECTORS = COLUMNS / LANES };
    vector4 accumulators[CHANNELS][VECTORS];
    memset(accumulators, 0, sizeof accumulators);
    for (ptrdiff_t r = 0; r < tap_count; r++) {
        const float *source = input + tap_offsets[r];
        vector4 values[VECTORS];
        for (int v = 0; v < VECTORS; v++) values[v] = load4(source + v * LANES);
        for (int k = 0; k < CHANNELS; k++) {
            float w = rows[k][r];
            vector4 broadcast = (vector4){w, w, w, w};
            for (int v = 0; v < VECTORS; v++) {
                vector4 product = broadcast * values[v];
                accumulators[k][v] = accumulators[k][v] + product;
            }
        }
    }
    for (int k = 0; k < CHANNELS; k++) {
        vector4 shift = (vector4){biases[k], biases[k], biases[k], biases[k]};
        for (int v = 0; v < VECTORS; v++) {
            vector4 value = accumulators[k][v] + shift;
            if (relu) {
                // x > 0 ? x : 0, so NaN and −0 give +0 as in the reference.
                for (int lane = 0; lane < LANES; lane++) value[lane] = value[lane] > 0 ? value[lane] : 0.0f;
            }
            store4(tile + k * COLUMNS + v * LANES, value);
        }
    }
}

static void direct_rows_portable(const float *input, ptrdiff_t input_row_stride, const ptrdiff_t *tap_offsets,
                                 ptrdiff_t tap_count, const float *weight, const float *bias, ptrdiff_t output_channels,
                                 float *output, ptrdiff_t output_channel_stride, ptrdiff_t output_row_stride,
                                 ptrdiff_t rows, ptrdiff_t columns, int relu) {
    float tile[CHANNELS * COLUMNS];
    for (ptrdiff_t row = 0; row < rows; row++) {
        for (ptrdiff_t first = 0; first < output_channels; first += CHANNELS) {
            const float *weight_rows[CHANNELS];
            float biases[CHANNELS];
            block_rows(weight, tap_count, first, output_channels, weight_rows, biases, bias);
            int valid_channels = output_channels - first < CHANNELS ? (int)(output_channels - first) : CHANNELS;
            for (ptrdiff_t column = 0; column < columns; column += COLUMNS) {
                int valid_columns = columns - column < COLUMNS ? (int)(columns - column) : COLUMNS;
                direct_tile_portable(input + row * input_row_stride + column, tap_offsets, tap_count,
                                     weight_rows, biases, relu, tile);
                store_edge(tile, output + first * output_channel_stride + row * output_row_stride + column,
                           output_channel_stride, valid_channels, valid_columns);
            }
        }
    }
}

// MARK: AVX2 + FMA

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>

#define AVX2_FMA __attribute__((target("avx2,fma")))

AVX2_FMA static inline __m256 finish(__m256 accumulator, __m256 shift, int relu) {
    __m256 value = _mm256_add_ps(accumulator, shift);
    // max(x, 0) returns its second operand when x is NaN and +0 for −0: x > 0 ? x : 0.
    return relu ? _mm256_max_ps(value, _mm256_setzero_ps()) : value;
}

AVX2_FMA static void direct_rows_avx2_fma(const float *input, ptrdiff_t input_row_stride, const ptrdiff_t *tap_offsets,
                                          ptrdiff_t tap_count, const float *weight, const float *bias,
                                          ptrdiff_t output_channels, float *output, ptrdiff_t output_channel_stride,
                                          ptrdiff_t output_row_stride, ptrdiff_t rows, ptrdiff_t columns, int relu) {
    float tile[CHANNELS * COLUMNS];
    for (ptrdiff_t row = 0; row < rows; row++) {
        const float *row_input = input + row * input_row_stride;
        for (ptrdiff_t first = 0; first < output_channels; first += CHANNELS) {
            const float *w[CHANNELS];
            float biases[CHANNELS];
            block_rows(weight, tap_count, first, output_channels, w, biases, bias);
            int valid_channels = output_channels - first < CHANNELS ? (int)(output_channels - first) : CHANNELS;
            float *block_output = output + first * output_channel_stride + row * output_row_stride;
            for (ptrdiff_t column = 0; column < columns; column += COLUMNS) {
                const float *source = row_input + column;
                __m256 a00 = _mm256_setzero_ps(), a01 = _mm256_setzero_ps();
                __m256 a10 = _mm256_setzero_ps(), a11 = _mm256_setzero_ps();
                __m256 a20 = _mm256_setzero_ps(), a21 = _mm256_setzero_ps();
                __m256 a30 = _mm256_setzero_ps(), a31 = _mm256_setzero_ps();
                for (ptrdiff_t r = 0; r < tap_count; r++) {
                    const float *tap = source + tap_offsets[r];
                    __m256 x0 = _mm256_loadu_ps(tap);
                    __m256 x1 = _mm256_loadu_ps(tap + 8);
                    __m256 broadcast = _mm256_broadcast_ss(w[0] + r);
                    a00 = _mm256_fmadd_ps(broadcast, x0, a00);
                    a01 = _mm256_fmadd_ps(broadcast, x1, a01);
                    broadcast = _mm256_broadcast_ss(w[1] + r);
                    a10 = _mm256_fmadd_ps(broadcast, x0, a10);
                    a11 = _mm256_fmadd_ps(broadcast, x1, a11);
                    broadcast = _mm256_broadcast_ss(w[2] + r);
                    a20 = _mm256_fmadd_ps(broadcast, x0, a20);
                    a21 = _mm256_fmadd_ps(broadcast, x1, a21);
                    broadcast = _mm256_broadcast_ss(w[3] + r);
                    a30 = _mm256_fmadd_ps(broadcast, x0, a30);
                    a31 = _mm256_fmadd_ps(broadcast, x1, a31);
                }
                __m256 s0 = _mm256_set1_ps(biases[0]), s1 = _mm256_set1_ps(biases[1]);
                __m256 s2 = _mm256_set1_ps(biases[2]), s3 = _mm256_set1_ps(biases[3]);
                a00 = finish(a00, s0, relu); a01 = finish(a01, s0, relu);
                a10 = finish(a10, s1, relu); a11 = finish(a11, s1, relu);
                a20 = finish(a20, s2, relu); a21 = finish(a21, s2, relu);
                a30 = finish(a30, s3, relu); a31 = finish(a31, s3, relu);
                float *destination = block_output + column;
                if (valid_channels == CHANNELS && columns - column >= COLUMNS) {
                    _mm256_storeu_ps(destination, a00);
                    _mm256_storeu_ps(destination + 8, a01);
                    _mm256_storeu_ps(destination + output_channel_stride, a10);
                    _mm256_storeu_ps(destination + output_channel_stride + 8, a11);
                    _mm256_storeu_ps(destination + 2 * output_channel_stride, a20);
                    _mm256_storeu_ps(destination + 2 * output_channel_stride + 8, a21);
                    _mm256_storeu_ps(destination + 3 * output_channel_stride, a30);
                    _mm256_storeu_ps(destination + 3 * output_channel_stride + 8, a31);
                    continue;
                }
                _mm256_storeu_ps(tile, a00); _mm256_storeu_ps(tile + 8, a01);
                _mm256_storeu_ps(tile + 16, a10); _mm256_storeu_ps(tile + 24, a11);
                _mm256_storeu_ps(tile + 32, a20); _mm256_storeu_ps(tile + 40, a21);
                _mm256_storeu_ps(tile + 48, a30); _mm256_storeu_ps(tile + 56, a31);
                int valid_columns = columns - column < COLUMNS ? (int)(columns - column) : COLUMNS;
                store_edge(tile, destination, output_channel_stride, valid_channels, valid_columns);
            }
        }
    }
}
#endif

void convkernels_direct_conv_rows(convkernels_kernel kernel, const float *input, ptrdiff_t input_row_stride,
                                  const ptrdiff_t *tap_offsets, ptrdiff_t tap_count, const float *weight,
                                  const float *bias, ptrdiff_t output_channels, float *output,
                                  ptrdiff_t output_channel_stride, ptrdiff_t output_row_stride, ptrdiff_t rows,
                                  ptrdiff_t columns, int relu) {
#if defined(__x86_64__)
    if (kernel == convkernels_kernel_avx512 && tap_count <= convkernels_direct_avx512_largest_tap_count) {
        convkernels_direct_conv_rows_avx512(input, input_row_stride, tap_offsets, tap_count, weight, bias,
                                            output_channels, output, output_channel_stride, output_row_stride,
                                            rows, columns, relu);
        return;
    }
#endif
#if defined(__x86_64__) || defined(__i386__)
    // The AVX-512 kernel above passed the AVX2 check as well (see convkernels_cpu_has_avx512).
    if (kernel == convkernels_kernel_avx2_fma || kernel == convkernels_kernel_avx512) {
        direct_rows_avx2_fma(input, input_row_stride, tap_offsets, tap_count, weight, bias, output_channels,
                             output, output_channel_stride, output_row_stride, rows, columns, relu);
        return;
    }
#endif
    (void)kernel;
    direct_rows_portable(input, input_row_stride, tap_offsets, tap_count, weight, bias, output_channels,
                         output, output_channel_stride, output_row_stride, rows, columns, relu);
}
