// The 6×16 GEMM micro-kernel in two builds: AVX2 + FMA behind a CPU check, and portable
// vector C (SSE2 on x86-64, NEON on ARM) for every other CPU; the 12×32 AVX-512 kernel lives
// in GemmTileAVX512.c. See include/CConvKernels.h for the contract.
//
// Rounding: accumulation uses one fused multiply-add per term in the AVX2 kernel and a
// separately rounded multiply and add in the portable one; the update of C is always
// α·acc, β·C and their sum rounded separately, in vectors and in scalars alike, so a tile at
// the edge of C gets the same bits as a full one.
#include "CConvKernels.h"
#include "GemmTileInternal.h"

#include <string.h>

// No contraction of a·b + c into an FMA behind the code's back: the update rule above must
// round the same way in every build.
#pragma STDC FP_CONTRACT OFF

enum { ROWS = convkernels_tile_rows, COLUMNS = convkernels_tile_columns };

static inline float update_one(float old, float accumulator, float alpha, float beta, int overwrite) {
    float scaled = alpha * accumulator;
    if (overwrite) return scaled;
    float kept = beta * old;
    return kept + scaled;
}

/// Writes the valid part of a 6×16 accumulator tile (row-major, 16 floats per row) into C.
static void update_edge(const float *tile, float *c, ptrdiff_t c_row_stride, int valid_rows, int valid_columns,
                        float alpha, float beta, int overwrite) {
    for (int r = 0; r < valid_rows; r++) {
        float *destination = c + r * c_row_stride;
        for (int j = 0; j < valid_columns; j++) {
            destination[j] = update_one(destination[j], tile[r * COLUMNS + j], alpha, beta, overwrite);
        }
    }
}

// MARK: portable

/// Four floats in the compiler's generic vectors: one SSE register on x86-64, one NEON
/// register on ARM. memcpy loads and stores carry no alignment assumption.
typedef float vector4 __attribute__((vector_size(16)));

static inline vector4 load4(const float *p) { vector4 v; memcpy(&v, p, sizeof v); return v; }
static inline void store4(float *p, vector4 v) { memcpy(p, &v, sizeof v); }

static inline __attribute__((always_inline))
void gemm_tile_portable(ptrdiff_t depth, const float *a, const float *b, const ptrdiff_t *b_row_offsets,
                        float *c, ptrdiff_t c_row_stride, int valid_rows, int valid_columns,
                        float alpha, float beta, int overwrite) {
    enum { LANES = 4, VECTORS = COLUMNS / LANES };
    vector4 accumulators[ROWS][VECTORS];
    memset(accumulators, 0, sizeof accumulators);
    for (ptrdiff_t p = 0; p < depth; p++) {
        const float *b_row = b_row_offsets ? b + b_row_offsets[p] : b + p * COLUMNS;
        vector4 row_of_b[VECTORS];
        for (int v = 0; v < VECTORS; v++) row_of_b[v] = load4(b_row + v * LANES);
        for (int r = 0; r < ROWS; r++) {
            vector4 broadcast = (vector4){a[r], a[r], a[r], a[r]};
            for (int v = 0; v < VECTORS; v++) {
                vector4 product = broadcast * row_of_b[v];
                accumulators[r][v] = accumulators[r][v] + product;
            }
        }
        a += ROWS;
    }
    float tile[ROWS * COLUMNS];
    for (int r = 0; r < ROWS; r++) {
        for (int v = 0; v < VECTORS; v++) store4(tile + r * COLUMNS + v * LANES, accumulators[r][v]);
    }
    update_edge(tile, c, c_row_stride, valid_rows, valid_columns, alpha, beta, overwrite);
}

// MARK: AVX2 + FMA

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>

int convkernels_cpu_has_avx2_fma(void) {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
}

#define AVX2_FMA __attribute__((target("avx2,fma")))

AVX2_FMA static inline void update_row_avx(float *destination, __m256 low, __m256 high,
                                           __m256 alpha, __m256 beta, int overwrite) {
    __m256 new_low = _mm256_mul_ps(low, alpha);
    __m256 new_high = _mm256_mul_ps(high, alpha);
    if (!overwrite) {
        new_low = _mm256_add_ps(_mm256_mul_ps(_mm256_loadu_ps(destination), beta), new_low);
        new_high = _mm256_add_ps(_mm256_mul_ps(_mm256_loadu_ps(destination + 8), beta), new_high);
    }
    _mm256_storeu_ps(destination, new_low);
    _mm256_storeu_ps(destination + 8, new_high);
}

AVX2_FMA static inline __attribute__((always_inline))
void gemm_tile_avx2_fma(ptrdiff_t depth, const float *a, const float *b, const ptrdiff_t *b_row_offsets,
                        float *c, ptrdiff_t c_row_stride, int valid_rows, int valid_columns,
                        float alpha, float beta, int overwrite) {
    __m256 c00 = _mm256_setzero_ps(), c01 = _mm256_setzero_ps();
    __m256 c10 = _mm256_setzero_ps(), c11 = _mm256_setzero_ps();
    __m256 c20 = _mm256_setzero_ps(), c21 = _mm256_setzero_ps();
    __m256 c30 = _mm256_setzero_ps(), c31 = _mm256_setzero_ps();
    __m256 c40 = _mm256_setzero_ps(), c41 = _mm256_setzero_ps();
    __m256 c50 = _mm256_setzero_ps(), c51 = _mm256_setzero_ps();
    for (ptrdiff_t p = 0; p < depth; p++) {
        const float *b_row = b_row_offsets ? b + b_row_offsets[p] : b + p * COLUMNS;
        __m256 b0 = _mm256_loadu_ps(b_row);
        __m256 b1 = _mm256_loadu_ps(b_row + 8);
        __m256 broadcast = _mm256_broadcast_ss(a);
        c00 = _mm256_fmadd_ps(broadcast, b0, c00);
        c01 = _mm256_fmadd_ps(broadcast, b1, c01);
        broadcast = _mm256_broadcast_ss(a + 1);
        c10 = _mm256_fmadd_ps(broadcast, b0, c10);
        c11 = _mm256_fmadd_ps(broadcast, b1, c11);
        broadcast = _mm256_broadcast_ss(a + 2);
        c20 = _mm256_fmadd_ps(broadcast, b0, c20);
        c21 = _mm256_fmadd_ps(broadcast, b1, c21);
        broadcast = _mm256_broadcast_ss(a + 3);
        c30 = _mm256_fmadd_ps(broadcast, b0, c30);
        c31 = _mm256_fmadd_ps(broadcast, b1, c31);
        broadcast = _mm256_broadcast_ss(a + 4);
        c40 = _mm256_fmadd_ps(broadcast, b0, c40);
        c41 = _mm256_fmadd_ps(broadcast, b1, c41);
        broadcast = _mm256_broadcast_ss(a + 5);
        c50 = _mm256_fmadd_ps(broadcast, b0, c50);
        c51 = _mm256_fmadd_ps(broadcast, b1, c51);
        a += ROWS;
    }
    __m256 alpha_vector = _mm256_set1_ps(alpha), beta_vector = _mm256_set1_ps(beta);
    if (valid_rows == ROWS && valid_columns == COLUMNS) {
        update_row_avx(c, c00, c01, alpha_vector, beta_vector, overwrite);
        update_row_avx(c + c_row_stride, c10, c11, alpha_vector, beta_vector, overwrite);
        update_row_avx(c + 2 * c_row_stride, c20, c21, alpha_vector, beta_vector, overwrite);
        update_row_avx(c + 3 * c_row_stride, c30, c31, alpha_vector, beta_vector, overwrite);
        update_row_avx(c + 4 * c_row_stride, c40, c41, alpha_vector, beta_vector, overwrite);
        update_row_avx(c + 5 * c_row_stride, c50, c51, alpha_vector, beta_vector, overwrite);
        return;
    }
    float tile[ROWS * COLUMNS];
    _mm256_storeu_ps(tile, c00); _mm256_storeu_ps(tile + 8, c01);
    _mm256_storeu_ps(tile + 16, c10); _mm256_storeu_ps(tile + 24, c11);
    _mm256_storeu_ps(tile + 32, c20); _mm256_storeu_ps(tile + 40, c21);
    _mm256_storeu_ps(tile + 48, c30); _mm256_storeu_ps(tile + 56, c31);
    _mm256_storeu_ps(tile + 64, c40); _mm256_storeu_ps(tile + 72, c41);
    _mm256_storeu_ps(tile + 80, c50); _mm256_storeu_ps(tile + 88, c51);
    update_edge(tile, c, c_row_stride, valid_rows, valid_columns, alpha, beta, overwrite);
}

// Two entry points, each inlining the kernel with B's addressing fixed, so the packed loop
// keeps its plain pointer walk.
AVX2_FMA static void gemm_tile_avx2_fma_packed(ptrdiff_t depth, const float *a, const float *b, float *c,
                                               ptrdiff_t c_row_stride, int valid_rows, int valid_columns,
                                               float alpha, float beta, int overwrite) {
    gemm_tile_avx2_fma(depth, a, b, NULL, c, c_row_stride, valid_rows, valid_columns, alpha, beta, overwrite);
}

AVX2_FMA static void gemm_tile_avx2_fma_offsets(ptrdiff_t depth, const float *a, const float *b,
                                                const ptrdiff_t *b_row_offsets, float *c, ptrdiff_t c_row_stride,
                                                int valid_rows, int valid_columns, float alpha, float beta, int overwrite) {
    gemm_tile_avx2_fma(depth, a, b, b_row_offsets, c, c_row_stride, valid_rows, valid_columns, alpha, beta, overwrite);
}
#else
int convkernels_cpu_has_avx2_fma(void) { return 0; }
#endif

static void gemm_tile_portable_packed(ptrdiff_t depth, const float *a, const float *b, float *c,
                                      ptrdiff_t c_row_stride, int valid_rows, int valid_columns,
                                      float alpha, float beta, int overwrite) {
    gemm_tile_portable(depth, a, b, NULL, c, c_row_stride, valid_rows, valid_columns, alpha, beta, overwrite);
}

static void gemm_tile_portable_offsets(ptrdiff_t depth, const float *a, const float *b,
                                       const ptrdiff_t *b_row_offsets, float *c, ptrdiff_t c_row_stride,
                                       int valid_rows, int valid_columns, float alpha, float beta, int overwrite) {
    gemm_tile_portable(depth, a, b, b_row_offsets, c, c_row_stride, valid_rows, valid_columns, alpha, beta, overwrite);
}

void convkernels_gemm_tile(convkernels_kernel kernel, ptrdiff_t depth, const float *a, const float *b,
                           float *c, ptrdiff_t c_row_stride, int valid_rows, int valid_columns,
                           float alpha, float beta, int overwrite) {
#if defined(__x86_64__)
    if (kernel == convkernels_kernel_avx512) {
        convkernels_gemm_tile_avx512(depth, a, b, NULL, c, c_row_stride, valid_rows, valid_columns, alpha, beta, overwrite);
        return;
    }
#endif
#if defined(__x86_64__) || defined(__i386__)
    if (kernel == convkernels_kernel_avx2_fma) {
        gemm_tile_avx2_fma_packed(depth, a, b, c, c_row_stride, valid_rows, valid_columns, alpha, beta, overwrite);
        return;
    }
#endif
    (void)kernel;
    gemm_tile_portable_packed(depth, a, b, c, c_row_stride, valid_rows, valid_columns, alpha, beta, overwrite);
}

void convkernels_gemm_tile_offsets(convkernels_kernel kernel, ptrdiff_t depth, const float *a, const float *b,
                                   const ptrdiff_t *b_row_offsets, float *c, ptrdiff_t c_row_stride,
                                   int valid_rows, int valid_columns, float alpha, float beta, int overwrite) {
#if defined(__x86_64__)
    if (kernel == convkernels_kernel_avx512) {
        convkernels_gemm_tile_avx512(depth, a, b, b_row_offsets, c, c_row_stride, valid_rows, valid_columns,
                                     alpha, beta, overwrite);
        return;
    }
#endif
#if defined(__x86_64__) || defined(__i386__)
    if (kernel == convkernels_kernel_avx2_fma) {
        gemm_tile_avx2_fma_offsets(depth, a, b, b_row_offsets, c, c_row_stride, valid_rows, valid_columns,
                                   alpha, beta, overwrite);
        return;
    }
#endif
    (void)kernel;
    gemm_tile_portable_offsets(depth, a, b, b_row_offsets, c, c_row_stride, valid_rows, valid_columns,
                               alpha, beta, overwrite);
}
