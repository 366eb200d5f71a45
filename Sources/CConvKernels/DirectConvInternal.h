// Direct-convolution kernels shared between the C files of this target; not part of the public
// header.
#ifndef CCONVKERNELS_DIRECT_CONV_INTERNAL_H
#define CCONVKERNELS_DIRECT_CONV_INTERNAL_H

#include <stddef.h>

/// Largest tap count (R = C·KH·KW) the AVX-512 direct kernel takes: it packs a block's weights
/// on the stack, 8·R floats (16 KiB at the limit). The forward pass sends R ≤ 150
/// (`directConvLargestTapCount`, LeNet-5's second conv); the input gradient, a direct conv of
/// dOutput, sends K·KH·KW taps (400 for LeNet-5's second conv); a larger R runs the AVX2 kernel.
enum { convkernels_direct_avx512_largest_tap_count = 512 };

#if defined(__x86_64__)
/// `convkernels_direct_conv_rows` on AVX-512F (DirectConvAVX512.c), same contract, except
/// that it reads no input past the last position a valid column reads. Only call it when
/// `convkernels_cpu_has_avx512()` and tap_count ≤ convkernels_direct_avx512_largest_tap_count.
void convkernels_direct_conv_rows_avx512(
    const float *input, ptrdiff_t input_row_stride, const ptrdiff_t *tap_offsets, ptrdiff_t tap_count,
    const float *weight, const float *bias, ptrdiff_t output_channels, float *output,
    ptrdiff_t output_channel_stride, ptrdiff_t output_row_stride, ptrdiff_t rows, ptrdiff_t columns, int relu);
#endif

#endif
