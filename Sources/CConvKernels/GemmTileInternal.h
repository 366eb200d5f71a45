// Kernels shared between the C files of this target; not part of the public header.
#ifndef CCONVKERNELS_GEMM_TILE_INTERNAL_H
#define CCONVKERNELS_GEMM_TILE_INTERNAL_H

#include <stddef.h>

#if defined(__x86_64__)
/// The 12×32 AVX-512 tile (GemmTileAVX512.c): B packed (b_row_offsets NULL, row p at
/// b + 32·p) or read in place (row p at b + b_row_offsets[p]). Only call it when
/// `convkernels_cpu_has_avx512()`.
void convkernels_gemm_tile_avx512(ptrdiff_t depth, const float *a, const float *b, const ptrdiff_t *b_row_offsets,
                                  float *c, ptrdiff_t c_row_stride, int valid_rows, int valid_columns,
                                  float alpha, float beta, int overwrite);
#endif

#endif
