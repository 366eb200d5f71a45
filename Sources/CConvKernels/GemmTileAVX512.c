// The 12×32 GEMM micro-kernel for AVX-512F, behind its own CPU and operating-system check.
// Same contract and the same rounding rule as the 6×16 kernels in GemmTile.c: one fused
// multiply-add per term, then C ← α·acc or C ← β·C + α·acc with each product and the sum
// rounded separately. Edge tiles use masked loads and stores instead of a scratch tile, so
// they run the same instructions on the same values as full tiles and get the same bits.
#include "CConvKernels.h"
#include "GemmTileInternal.h"

#pragma STDC FP_CONTRACT OFF

#if defined(__x86_64__)
#include <cpuid.h>
#include <immintrin.h>

enum { ROWS = convkernels_avx512_tile_rows, COLUMNS = convkernels_avx512_tile_columns };

int convkernels_cpu_has_avx512(void) {
    __builtin_cpu_init();
    if (!(__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")))
        return 0;
    // The CPU having the instructions is not enough: the operating system must save the
    // opmask and all 512-bit registers (XCR0 bits 5–7) besides SSE and AVX state (bits 1–2).
    unsigned eax, ebx, ecx, edx;
    if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx) || !(ecx & bit_OSXSAVE)) return 0;
    unsigned low, high;
    __asm__ volatile("xgetbv" : "=a"(low), "=d"(high) : "c"(0));
    const unsigned needed = (1u << 1) | (1u << 2) | (1u << 5) | (1u << 6) | (1u << 7);
    return (low & needed) == needed;
}

#define AVX512 __attribute__((target("avx512f,avx2,fma")))

/// C ← α·acc or β·C + α·acc on the lanes in `mask` of one 16-float piece of a row of C.
AVX512 static inline void update_piece(float *destination, __mmask16 mask, __m512 accumulator,
                                       __m512 alpha, __m512 beta, int overwrite) {
    __m512 updated = _mm512_mul_ps(accumulator, alpha);
    if (!overwrite) {
        __m512 old = _mm512_maskz_loadu_ps(mask, destination);
        updated = _mm512_add_ps(_mm512_mul_ps(old, beta), updated);
    }
    _mm512_mask_storeu_ps(destination, mask, updated);
}

#define DECLARE_ROW(r) __m512 c##r##0 = _mm512_setzero_ps(), c##r##1 = _mm512_setzero_ps();
// Rows at or past `rows_used` are skipped at compile time (see the entry point below).
#define STEP_ROW(r) if (r < rows_used) { \
    __m512 broadcast = _mm512_set1_ps(a[r]); \
    c##r##0 = _mm512_fmadd_ps(broadcast, b0, c##r##0); \
    c##r##1 = _mm512_fmadd_ps(broadcast, b1, c##r##1); }
#define SAVE_ROW(r) accumulators[2 * r] = c##r##0; accumulators[2 * r + 1] = c##r##1;

AVX512 static inline __attribute__((always_inline))
void tile(const int rows_used, ptrdiff_t depth, const float *a, const float *b, const ptrdiff_t *b_row_offsets,
          float *c, ptrdiff_t c_row_stride, int valid_rows, int valid_columns,
          float alpha, float beta, int overwrite) {
    DECLARE_ROW(0) DECLARE_ROW(1) DECLARE_ROW(2) DECLARE_ROW(3) DECLARE_ROW(4) DECLARE_ROW(5)
    DECLARE_ROW(6) DECLARE_ROW(7) DECLARE_ROW(8) DECLARE_ROW(9) DECLARE_ROW(10) DECLARE_ROW(11)
    for (ptrdiff_t p = 0; p < depth; p++) {
        const float *b_row = b_row_offsets ? b + b_row_offsets[p] : b + p * COLUMNS;
        __m512 b0 = _mm512_loadu_ps(b_row);
        __m512 b1 = _mm512_loadu_ps(b_row + 16);
        STEP_ROW(0) STEP_ROW(1) STEP_ROW(2) STEP_ROW(3) STEP_ROW(4) STEP_ROW(5)
        STEP_ROW(6) STEP_ROW(7) STEP_ROW(8) STEP_ROW(9) STEP_ROW(10) STEP_ROW(11)
        a += ROWS;
    }
    __m512 accumulators[2 * ROWS];
    SAVE_ROW(0) SAVE_ROW(1) SAVE_ROW(2) SAVE_ROW(3) SAVE_ROW(4) SAVE_ROW(5)
    SAVE_ROW(6) SAVE_ROW(7) SAVE_ROW(8) SAVE_ROW(9) SAVE_ROW(10) SAVE_ROW(11)
    __m512 alpha_vector = _mm512_set1_ps(alpha), beta_vector = _mm512_set1_ps(beta);
    // Lanes of the two 16-float pieces that lie inside C.
    int low_count = valid_columns < 16 ? valid_columns : 16;
    int high_count = valid_columns > 16 ? valid_columns - 16 : 0;
    __mmask16 low_mask = (__mmask16)((1u << low_count) - 1);
    __mmask16 high_mask = (__mmask16)((1u << high_count) - 1);
    for (int r = 0; r < valid_rows; r++) {
        float *destination = c + r * c_row_stride;
        update_piece(destination, low_mask, accumulators[2 * r], alpha_vector, beta_vector, overwrite);
        if (high_mask) update_piece(destination + 16, high_mask, accumulators[2 * r + 1], alpha_vector, beta_vector, overwrite);
    }
}

AVX512 void convkernels_gemm_tile_avx512(ptrdiff_t depth, const float *a, const float *b, const ptrdiff_t *b_row_offsets,
                                         float *c, ptrdiff_t c_row_stride, int valid_rows, int valid_columns,
                                         float alpha, float beta, int overwrite) {
    // Inlined copies for each B addressing, so the packed walk carries no offset load, and
    // for 4, 8 or 12 rows computed, so a last panel of 4 rows (64 = 5·12 + 4 output channels)
    // costs a third of a full one instead of a full one. Every computed element gets the
    // same operations whichever copy runs.
    if (b_row_offsets) {
        if (valid_rows <= 4) tile(4, depth, a, b, b_row_offsets, c, c_row_stride, valid_rows, valid_columns, alpha, beta, overwrite);
        else if (valid_rows <= 8) tile(8, depth, a, b, b_row_offsets, c, c_row_stride, valid_rows, valid_columns, alpha, beta, overwrite);
        else tile(12, depth, a, b, b_row_offsets, c, c_row_stride, valid_rows, valid_columns, alpha, beta, overwrite);
    } else {
        if (valid_rows <= 4) tile(4, depth, a, b, NULL, c, c_row_stride, valid_rows, valid_columns, alpha, beta, overwrite);
        else if (valid_rows <= 8) tile(8, depth, a, b, NULL, c, c_row_stride, valid_rows, valid_columns, alpha, beta, overwrite);
        else tile(12, depth, a, b, NULL, c, c_row_stride, valid_rows, valid_columns, alpha, beta, overwrite);
    }
}
#else
int convkernels_cpu_has_avx512(void) { return 0; }
#endif
