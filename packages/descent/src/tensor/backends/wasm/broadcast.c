/*
 * Broadcasting add, sub, mul, div, maximum and minimum for WebAssembly SIMD, float32 and
 * float64: one block of three nested strided loops, as ops/elementwise.ts plans it
 * (`planLoops`) and the JavaScript kernels in js-broadcast.ts run it. The loop this replaces, in one line:
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
 * maximum and minimum have no JavaScript kernel; their specification is ops/binary.ts.
 */
#include <wasm_simd128.h>

#define EXPORT(name) __attribute__((export_name(#name)))

/*
 * maximum and minimum as ops/binary.ts defines them: NaN if either operand is NaN, else
 * x > y ? x : y (x < y ? x : y), so a tie of −0 and +0 gives y. As lanes: select x where
 * x > y, else y (which carries y's NaN), then x itself where x is NaN.
 */
#define PICK(name, T, CMP, NE)                                                                   \
  static inline v128_t name(v128_t x, v128_t y) {                                                \
    return wasm_v128_bitselect(x, wasm_v128_bitselect(x, y, CMP(x, y)), NE(x, x));               \
  }
PICK(max_f32x4, float, wasm_f32x4_gt, wasm_f32x4_ne)
PICK(min_f32x4, float, wasm_f32x4_lt, wasm_f32x4_ne)
PICK(max_f64x2, double, wasm_f64x2_gt, wasm_f64x2_ne)
PICK(min_f64x2, double, wasm_f64x2_lt, wasm_f64x2_ne)

#define SCALARS(T, S)                                                                            \
  static inline T add_##S(T x, T y) { return x + y; }                                            \
  static inline T sub_##S(T x, T y) { return x - y; }                                            \
  static inline T mul_##S(T x, T y) { return x * y; }                                            \
  static inline T div_##S(T x, T y) { return x / y; }                                            \
  static inline T max_##S(T x, T y) { return x != x || y != y ? __builtin_nan("") : x > y ? x : y; } \
  static inline T min_##S(T x, T y) { return x != x || y != y ? __builtin_nan("") : x < y ? x : y; }
SCALARS(float, f32)
SCALARS(double, f64)

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
      for (; k < n; k++) out[k] = SOP(a[k], b[k]);                                              \
    } else if (as) {                                                                            \
      T v = b[0];                                                                               \
      v128_t vb = SPLAT(v);                                                                     \
      for (; k + LANES <= n; k += LANES) wasm_v128_store(out + k, VOP(wasm_v128_load(a + k), vb)); \
      for (; k < n; k++) out[k] = SOP(a[k], v);                                                 \
    } else {                                                                                    \
      T v = a[0];                                                                               \
      v128_t va = SPLAT(v);                                                                     \
      for (; k + LANES <= n; k += LANES) wasm_v128_store(out + k, VOP(va, wasm_v128_load(b + k))); \
      for (; k < n; k++) out[k] = SOP(v, b[k]);                                                 \
    }                                                                                           \
  }

ROW(add_row_f32, float, 4, wasm_f32x4_add, wasm_f32x4_splat, add_f32)
ROW(sub_row_f32, float, 4, wasm_f32x4_sub, wasm_f32x4_splat, sub_f32)
ROW(mul_row_f32, float, 4, wasm_f32x4_mul, wasm_f32x4_splat, mul_f32)
ROW(div_row_f32, float, 4, wasm_f32x4_div, wasm_f32x4_splat, div_f32)
ROW(max_row_f32, float, 4, max_f32x4, wasm_f32x4_splat, max_f32)
ROW(min_row_f32, float, 4, min_f32x4, wasm_f32x4_splat, min_f32)
ROW(add_row_f64, double, 2, wasm_f64x2_add, wasm_f64x2_splat, add_f64)
ROW(sub_row_f64, double, 2, wasm_f64x2_sub, wasm_f64x2_splat, sub_f64)
ROW(mul_row_f64, double, 2, wasm_f64x2_mul, wasm_f64x2_splat, mul_f64)
ROW(div_row_f64, double, 2, wasm_f64x2_div, wasm_f64x2_splat, div_f64)
ROW(max_row_f64, double, 2, max_f64x2, wasm_f64x2_splat, max_f64)
ROW(min_row_f64, double, 2, min_f64x2, wasm_f64x2_splat, min_f64)

/* The two outer loops around the row function of op (0 add, 1 sub, 2 mul, 3 div, 4 maximum, 5 minimum). */
#define BLOCK(name, T, ADD, SUB, MUL, DIV, MAX, MIN)                                            \
  EXPORT(name) void name(int op, const T *a, const T *b, T *out, int n0, int n1, int n2,       \
                         int a0, int a1, int a2, int b0, int b1, int b2) {                      \
    void (*row)(const T *, int, const T *, int, T *, int) =                                     \
      op == 0 ? ADD : op == 1 ? SUB : op == 2 ? MUL : op == 3 ? DIV : op == 4 ? MAX : MIN;      \
    for (int i = 0; i < n0; i++) {                                                              \
      for (int j = 0; j < n1; j++) {                                                            \
        row(a + i * a0 + j * a1, a2, b + i * b0 + j * b1, b2, out, n2);                         \
        out += n2;                                                                              \
      }                                                                                         \
    }                                                                                           \
  }

BLOCK(broadcast_f32, float, add_row_f32, sub_row_f32, mul_row_f32, div_row_f32, max_row_f32, min_row_f32)
BLOCK(broadcast_f64, double, add_row_f64, sub_row_f64, mul_row_f64, div_row_f64, max_row_f64, min_row_f64)
