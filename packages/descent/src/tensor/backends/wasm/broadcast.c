/*
 * Broadcasting add, sub, mul and div for WebAssembly SIMD, float32 and float64: one block
 * of three nested strided loops, as ops/elementwise.ts plans it (`planLoops`) and the
 * JavaScript kernels in js-broadcast.ts run it. The loop this replaces, in one line:
 *
 *   for i < n0, j < n1, k < n2:  out[o++] = a[i·a0 + j·a1 + k·a2] op b[i·b0 + j·b1 + k·b2]
 *
 * The innermost loop is vectorized for the layouts broadcasting produces: both operands
 * running contiguously (a2 = b2 = 1), or one of them repeated along the row (stride 0: a
 * bias row against a batch, a keepdims statistic against its rows), with that value
 * splat once per row. The caller sends other inner strides to the JavaScript kernel.
 *
 * Arithmetic is IEEE-754 in both languages and the operands are read in the same pairs,
 * so the results equal the JavaScript kernels bit for bit (for float32, elementwise.c
 * gives the double-rounding argument). Division by a repeated value stays a division.
 */
#include <wasm_simd128.h>

#define EXPORT(name) __attribute__((export_name(#name)))

/*
 * One row of n outputs: a and b advance by as and bs ∈ {0, 1} (not both 0). LANES values
 * at a time, then the remainder one by one (rows end inside the block, so no vector may
 * read or write past them).
 */
#define ROW(name, T, LANES, VOP, SPLAT, SOP)                                                    \
  static void name(const T *a, int as, const T *b, int bs, T *out, int n) {                     \
    int k = 0;                                                                                  \
    if (as && bs) {                                                                             \
      for (; k + LANES <= n; k += LANES) wasm_v128_store(out + k, VOP(wasm_v128_load(a + k), wasm_v128_load(b + k))); \
      for (; k < n; k++) out[k] = a[k] SOP b[k];                                                \
    } else if (as) {                                                                            \
      T v = b[0];                                                                               \
      v128_t vb = SPLAT(v);                                                                     \
      for (; k + LANES <= n; k += LANES) wasm_v128_store(out + k, VOP(wasm_v128_load(a + k), vb)); \
      for (; k < n; k++) out[k] = a[k] SOP v;                                                   \
    } else {                                                                                    \
      T v = a[0];                                                                               \
      v128_t va = SPLAT(v);                                                                     \
      for (; k + LANES <= n; k += LANES) wasm_v128_store(out + k, VOP(va, wasm_v128_load(b + k))); \
      for (; k < n; k++) out[k] = v SOP b[k];                                                   \
    }                                                                                           \
  }

ROW(add_row_f32, float, 4, wasm_f32x4_add, wasm_f32x4_splat, +)
ROW(sub_row_f32, float, 4, wasm_f32x4_sub, wasm_f32x4_splat, -)
ROW(mul_row_f32, float, 4, wasm_f32x4_mul, wasm_f32x4_splat, *)
ROW(div_row_f32, float, 4, wasm_f32x4_div, wasm_f32x4_splat, /)
ROW(add_row_f64, double, 2, wasm_f64x2_add, wasm_f64x2_splat, +)
ROW(sub_row_f64, double, 2, wasm_f64x2_sub, wasm_f64x2_splat, -)
ROW(mul_row_f64, double, 2, wasm_f64x2_mul, wasm_f64x2_splat, *)
ROW(div_row_f64, double, 2, wasm_f64x2_div, wasm_f64x2_splat, /)

/* The two outer loops around the row function of op (0 add, 1 sub, 2 mul, 3 div). */
#define BLOCK(name, T, ADD, SUB, MUL, DIV)                                                      \
  EXPORT(name) void name(int op, const T *a, const T *b, T *out, int n0, int n1, int n2,       \
                         int a0, int a1, int a2, int b0, int b1, int b2) {                      \
    void (*row)(const T *, int, const T *, int, T *, int) = op == 0 ? ADD : op == 1 ? SUB : op == 2 ? MUL : DIV; \
    for (int i = 0; i < n0; i++) {                                                              \
      for (int j = 0; j < n1; j++) {                                                            \
        row(a + i * a0 + j * a1, a2, b + i * b0 + j * b1, b2, out, n2);                         \
        out += n2;                                                                              \
      }                                                                                         \
    }                                                                                           \
  }

BLOCK(broadcast_f32, float, add_row_f32, sub_row_f32, mul_row_f32, div_row_f32)
BLOCK(broadcast_f64, double, add_row_f64, sub_row_f64, mul_row_f64, div_row_f64)
