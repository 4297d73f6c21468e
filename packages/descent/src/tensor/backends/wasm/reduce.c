/*
 * Reductions for WebAssembly SIMD, float32 and float64, each equal bit for bit to the
 * JavaScript kernel it replaces (js-loops.ts sumAll, js-reduce.ts sumStrided and
 * maxRuns/minRuns), which in turn equal the reference. The loops, one line each:
 *
 *   sum_all:     s0..s3 += x[i..i+3] (four float64 accumulators); (s0 + s1) + (s2 + s3)
 *   sum_rows:    for j < rows, k < n: acc[k] += x[j·xs + k]    (float64 acc; a sum over
 *                the leading axes, the bias gradient's shape: each acc[k] gets its terms
 *                in the same order as the JavaScript loop)
 *   sum_last:    for j < rows, k < n: acc[j·as] += x[j·xs + k] (a sum over the last axis)
 *   extreme:     out[r] = max (or min) of x[r·n … r·n + n), NaN if any is NaN
 *
 * Sums. The JavaScript sumAll keeps four float64 accumulators, element i going to
 * accumulator i mod 4; here they are the lanes of two f64x2 vectors, so every addition is
 * the same IEEE-754 double addition in the same order. float32 values are widened exactly.
 * A different split (more accumulators, float32 lanes) would be faster and give a
 * different last bit; we keep the result equal instead.
 *
 * max/min. The JavaScript loop keeps the first element equal to the extreme (it replaces
 * m only when v > m), which matters only for the sign of a zero: max(−0, +0) is −0 there.
 * The lanes here find the extreme ignoring that order (pmax/pmin: the same strict
 * comparison), and when the extreme is zero, one scalar pass finds the first zero, so the
 * sign matches. NaN anywhere makes the result NaN, as in the reference.
 */
#include <wasm_simd128.h>

#define EXPORT(name) __attribute__((export_name(#name)))

/* ------------------------------------------------------------------ full sums */

EXPORT(sum_all_f32)
double sum_all_f32(const float *x, int n) {
  v128_t s01 = wasm_f64x2_splat(0), s23 = wasm_f64x2_splat(0);
  int i = 0;
  for (; i + 3 < n; i += 4) {
    v128_t v = wasm_v128_load(x + i);
    s01 = wasm_f64x2_add(s01, wasm_f64x2_promote_low_f32x4(v));
    s23 = wasm_f64x2_add(s23, wasm_f64x2_promote_low_f32x4(wasm_i32x4_shuffle(v, v, 2, 3, 0, 1)));
  }
  double s0 = wasm_f64x2_extract_lane(s01, 0);
  for (; i < n; i++) s0 += x[i];
  return (s0 + wasm_f64x2_extract_lane(s01, 1)) + (wasm_f64x2_extract_lane(s23, 0) + wasm_f64x2_extract_lane(s23, 1));
}

EXPORT(sum_all_f64)
double sum_all_f64(const double *x, int n) {
  v128_t s01 = wasm_f64x2_splat(0), s23 = wasm_f64x2_splat(0);
  int i = 0;
  for (; i + 3 < n; i += 4) {
    s01 = wasm_f64x2_add(s01, wasm_v128_load(x + i));
    s23 = wasm_f64x2_add(s23, wasm_v128_load(x + i + 2));
  }
  double s0 = wasm_f64x2_extract_lane(s01, 0);
  for (; i < n; i++) s0 += x[i];
  return (s0 + wasm_f64x2_extract_lane(s01, 1)) + (wasm_f64x2_extract_lane(s23, 0) + wasm_f64x2_extract_lane(s23, 1));
}

/* ------------------------------------------------------------------ sums over leading axes */

/* acc[k] += x[j·xs + k] for j < rows, k < n; acc is float64 (the caller's accumulator). */
EXPORT(sum_rows_f32)
void sum_rows_f32(const float *x, int xs, double *acc, int rows, int n) {
  for (int j = 0; j < rows; j++, x += xs) {
    int k = 0;
    for (; k + 4 <= n; k += 4) {
      v128_t v = wasm_v128_load(x + k);
      wasm_v128_store(acc + k, wasm_f64x2_add(wasm_v128_load(acc + k), wasm_f64x2_promote_low_f32x4(v)));
      wasm_v128_store(acc + k + 2, wasm_f64x2_add(wasm_v128_load(acc + k + 2), wasm_f64x2_promote_low_f32x4(wasm_i32x4_shuffle(v, v, 2, 3, 0, 1))));
    }
    for (; k < n; k++) acc[k] += x[k];
  }
}

EXPORT(sum_rows_f64)
void sum_rows_f64(const double *x, int xs, double *acc, int rows, int n) {
  for (int j = 0; j < rows; j++, x += xs) {
    int k = 0;
    for (; k + 2 <= n; k += 2) wasm_v128_store(acc + k, wasm_f64x2_add(wasm_v128_load(acc + k), wasm_v128_load(x + k)));
    for (; k < n; k++) acc[k] += x[k];
  }
}

/* ------------------------------------------------------------------ sums along the last axis */

/*
 * acc[j·as] += Σ_k x[j·xs + k] for j < rows, k < n, each row's terms added one after the
 * other from acc's old value, as the JavaScript loop adds them (so the bits agree). The
 * speed comes from running four rows side by side, one per float64 lane, which breaks the
 * single chain of dependent additions the JavaScript loop waits on.
 */
#define SUM_LAST(name, T)                                                                \
  EXPORT(name) void name(const T *x, int xs, double *acc, int as, int rows, int n) {     \
    int j = 0;                                                                           \
    for (; j + 4 <= rows; j += 4) {                                                      \
      const T *r0 = x + j * xs, *r1 = r0 + xs, *r2 = r1 + xs, *r3 = r2 + xs;             \
      v128_t s01 = wasm_f64x2_make(acc[j * as], acc[(j + 1) * as]);                      \
      v128_t s23 = wasm_f64x2_make(acc[(j + 2) * as], acc[(j + 3) * as]);                \
      for (int k = 0; k < n; k++) {                                                      \
        s01 = wasm_f64x2_add(s01, wasm_f64x2_make(r0[k], r1[k]));                        \
        s23 = wasm_f64x2_add(s23, wasm_f64x2_make(r2[k], r3[k]));                        \
      }                                                                                  \
      acc[j * as] = wasm_f64x2_extract_lane(s01, 0);                                     \
      acc[(j + 1) * as] = wasm_f64x2_extract_lane(s01, 1);                               \
      acc[(j + 2) * as] = wasm_f64x2_extract_lane(s23, 0);                               \
      acc[(j + 3) * as] = wasm_f64x2_extract_lane(s23, 1);                               \
    }                                                                                    \
    for (; j < rows; j++) {                                                              \
      double s = acc[j * as];                                                            \
      for (int k = 0; k < n; k++) s += x[j * xs + k];                                    \
      acc[j * as] = s;                                                                   \
    }                                                                                    \
  }

SUM_LAST(sum_last_f32, float)
SUM_LAST(sum_last_f64, double)

/* ------------------------------------------------------------------ max and min of runs */

/*
 * The extreme of x[0 … n), n ≥ 1. pmax(m, v) is v when m < v, else m: the JavaScript
 * loop's strict update, lane by lane. `any_nan` collects v ≠ v.
 */
#define EXTREME(name, T, LANES, SPLAT, PICK, NE, EXTRACT, SHUF_HALF, SHUF_QUARTER, BETTER) \
  static T name##_run(const T *x, int n) {                                              \
    T m = x[0];                                                                         \
    int j = 1;                                                                          \
    if (n >= 2 * LANES) {                                                               \
      v128_t vm = wasm_v128_load(x), nan = NE(vm, vm);                                  \
      for (j = LANES; j + LANES <= n; j += LANES) {                                     \
        v128_t v = wasm_v128_load(x + j);                                               \
        nan = wasm_v128_or(nan, NE(v, v));                                              \
        vm = PICK(vm, v);                                                               \
      }                                                                                 \
      if (wasm_v128_any_true(nan)) return __builtin_nan("");                            \
      vm = PICK(vm, SHUF_HALF(vm));                                                     \
      SHUF_QUARTER                                                                      \
      m = EXTRACT(vm, 0);                                                               \
    }                                                                                   \
    for (; j < n; j++) {                                                                \
      T v = x[j];                                                                       \
      if (v != v) return __builtin_nan("");                                             \
      if (v BETTER m) m = v;                                                            \
    }                                                                                   \
    if (m == 0) { /* the first zero decides the sign, as in the scalar loop */          \
      for (j = 0; j < n; j++) if (x[j] == 0) return x[j];                               \
    }                                                                                   \
    return m;                                                                           \
  }                                                                                     \
  EXPORT(name) void name(const T *x, T *out, int runs, int n) {                         \
    for (int r = 0; r < runs; r++) out[r] = name##_run(x + r * n, n);                   \
  }

#define HALF32(v) wasm_i32x4_shuffle(v, v, 2, 3, 0, 1)
#define QUARTER32(PICK) vm = PICK(vm, wasm_i32x4_shuffle(vm, vm, 1, 0, 3, 2));
#define HALF64(v) wasm_i64x2_shuffle(v, v, 1, 0)

EXTREME(max_runs_f32, float, 4, wasm_f32x4_splat, wasm_f32x4_pmax, wasm_f32x4_ne, wasm_f32x4_extract_lane, HALF32, QUARTER32(wasm_f32x4_pmax), >)
EXTREME(min_runs_f32, float, 4, wasm_f32x4_splat, wasm_f32x4_pmin, wasm_f32x4_ne, wasm_f32x4_extract_lane, HALF32, QUARTER32(wasm_f32x4_pmin), <)
EXTREME(max_runs_f64, double, 2, wasm_f64x2_splat, wasm_f64x2_pmax, wasm_f64x2_ne, wasm_f64x2_extract_lane, HALF64, , >)
EXTREME(min_runs_f64, double, 2, wasm_f64x2_splat, wasm_f64x2_pmin, wasm_f64x2_ne, wasm_f64x2_extract_lane, HALF64, , <)
