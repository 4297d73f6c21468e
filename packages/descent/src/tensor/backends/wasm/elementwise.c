/*
 * Elementwise kernels for WebAssembly SIMD, float32, four lanes at a time: exp, log, tanh,
 * sigmoid, GELU (both forms), add/sub/mul/div, and softmax / log softmax along rows. (Float64 versions were measured no faster than the
 * JavaScript loops once the copies into WebAssembly memory are counted: see index.ts.)
 *
 * The loops these replace, in one line each (ops/unary.ts, ops/elementwise.ts):
 *   for i: out[i] = Math.exp(x[i])            (and log, tanh, sigmoid)
 *   for i: out[i] = a[i·aStep] + b[i·bStep]   (aStep, bStep ∈ {0, 1}; and −, ×, ÷)
 *   for each row: e = exp(x − max x); out = e / Σe      (js-reduce.ts's fused softmax)
 *
 * Arithmetic (+ − × ÷) is IEEE-754 in both languages, and rounding a float64 sum of two
 * float32 values to float32 gives the correctly rounded float32 sum (float64 has more than
 * 2·24 + 2 bits; Figueroa, "When is double rounding innocuous?", SIGNUM 1995), so the
 * binary kernels equal the reference bit for bit.
 *
 * exp, log and tanh have no WebAssembly instruction. The reference computes Math.exp in
 * float64 and rounds once, so it is correctly rounded in float32 nearly always; these
 * float32 polynomials (Cephes's expf, logf and tanhf, by S. L. Moshier, with his
 * coefficients; the reduction steps are the textbook ones) are within 1 unit in the last
 * place of it for exp, log and tanh and 3 for sigmoid (its e/(1 + e) rounds three times),
 * checked on random bit patterns over the whole float32 range by wasm-kernels.test.ts.
 * The float64 versions stay in JavaScript, where they equal the reference exactly.
 *
 * Loop shape: each call works on ⌈n/4⌉ full vectors. The caller reserves memory rounded up
 * to 16 bytes, so the last vector may read a few values past n and write a few past n's
 * end; those lanes are never copied back.
 */
#include <wasm_simd128.h>

#define EXPORT(name) __attribute__((export_name(#name)))

/* ------------------------------------------------------------------ float32 exp */

/*
 * e^x = 2^n · e^r with n = round(x / ln 2) and r = x − n·ln 2 ∈ [−ln2/2, ln2/2]; e^r from a
 * degree-7 polynomial (Cephes expf), 2^n built in the exponent bits. 2^n is applied as two
 * factors 2^⌊n/2⌋ · 2^(n−⌊n/2⌋), so n from −150 to 128 (subnormal results, overflow to ∞)
 * needs no special case. x is clamped to [−104, 89]: e^−104 rounds to 0 and e^89 to ∞.
 * NaN stays NaN (min/max propagate it).
 */
static inline v128_t exp_f32x4(v128_t x) {
  x = wasm_f32x4_min(wasm_f32x4_max(x, wasm_f32x4_splat(-104.0f)), wasm_f32x4_splat(89.0f));
  v128_t n = wasm_f32x4_nearest(wasm_f32x4_mul(x, wasm_f32x4_splat(1.44269504088896341f)));
  // r = x − n·ln2 in two steps (Cody & Waite): ln2 = 0.693359375 − 2.12194440e−4 − …
  v128_t r = wasm_f32x4_sub(x, wasm_f32x4_mul(n, wasm_f32x4_splat(0.693359375f)));
  r = wasm_f32x4_add(r, wasm_f32x4_mul(n, wasm_f32x4_splat(2.12194440e-4f)));
  v128_t p = wasm_f32x4_splat(1.9875691500E-4f);
  p = wasm_f32x4_add(wasm_f32x4_mul(p, r), wasm_f32x4_splat(1.3981999507E-3f));
  p = wasm_f32x4_add(wasm_f32x4_mul(p, r), wasm_f32x4_splat(8.3334519073E-3f));
  p = wasm_f32x4_add(wasm_f32x4_mul(p, r), wasm_f32x4_splat(4.1665795894E-2f));
  p = wasm_f32x4_add(wasm_f32x4_mul(p, r), wasm_f32x4_splat(1.6666665459E-1f));
  p = wasm_f32x4_add(wasm_f32x4_mul(p, r), wasm_f32x4_splat(5.0000001201E-1f));
  p = wasm_f32x4_add(wasm_f32x4_mul(wasm_f32x4_mul(p, r), r), wasm_f32x4_add(r, wasm_f32x4_splat(1.0f)));
  v128_t ni = wasm_i32x4_trunc_sat_f32x4(n);
  v128_t half = wasm_i32x4_shr(ni, 1);
  v128_t s1 = wasm_i32x4_shl(wasm_i32x4_add(half, wasm_i32x4_splat(127)), 23);
  v128_t s2 = wasm_i32x4_shl(wasm_i32x4_add(wasm_i32x4_sub(ni, half), wasm_i32x4_splat(127)), 23);
  return wasm_f32x4_mul(wasm_f32x4_mul(p, s1), s2);
}

/* ------------------------------------------------------------------ float32 log */

/*
 * log x = e·ln 2 + log m with x = m·2^e, m ∈ [√½, √2) read from the bits; log m from a
 * degree-9 polynomial in f = m − 1 (Cephes logf). Subnormal x is first scaled by 2^23.
 * x < 0 and NaN give NaN, 0 gives −∞, ∞ gives ∞, as Math.log does.
 */
static inline v128_t log_f32x4(v128_t x) {
  v128_t tiny = wasm_f32x4_lt(x, wasm_f32x4_splat(1.17549435e-38f));
  v128_t xs = wasm_v128_bitselect(wasm_f32x4_mul(x, wasm_f32x4_splat(8388608.0f)), x, tiny);
  v128_t bits = xs;
  v128_t e = wasm_i32x4_sub(wasm_u32x4_shr(bits, 23), wasm_i32x4_splat(126));
  e = wasm_i32x4_sub(e, wasm_v128_and(tiny, wasm_i32x4_splat(23)));
  // m ∈ [0.5, 1): keep the mantissa, set the exponent of 0.5.
  v128_t m = wasm_v128_or(wasm_v128_and(bits, wasm_i32x4_splat(0x007fffff)), wasm_i32x4_splat(0x3f000000));
  v128_t small = wasm_f32x4_lt(m, wasm_f32x4_splat(0.707106781186547524f));
  // m < √½: use 2m − 1 and e − 1, so f lies in [√½ − 1, √2 − 1).
  e = wasm_i32x4_add(e, small); // small lanes are −1 (all bits set)
  v128_t f = wasm_f32x4_sub(wasm_f32x4_add(m, wasm_v128_and(small, m)), wasm_f32x4_splat(1.0f));
  v128_t ef = wasm_f32x4_convert_i32x4(e);
  v128_t z = wasm_f32x4_mul(f, f);
  v128_t y = wasm_f32x4_splat(7.0376836292E-2f);
  y = wasm_f32x4_add(wasm_f32x4_mul(y, f), wasm_f32x4_splat(-1.1514610310E-1f));
  y = wasm_f32x4_add(wasm_f32x4_mul(y, f), wasm_f32x4_splat(1.1676998740E-1f));
  y = wasm_f32x4_add(wasm_f32x4_mul(y, f), wasm_f32x4_splat(-1.2420140846E-1f));
  y = wasm_f32x4_add(wasm_f32x4_mul(y, f), wasm_f32x4_splat(1.4249322787E-1f));
  y = wasm_f32x4_add(wasm_f32x4_mul(y, f), wasm_f32x4_splat(-1.6668057665E-1f));
  y = wasm_f32x4_add(wasm_f32x4_mul(y, f), wasm_f32x4_splat(2.0000714765E-1f));
  y = wasm_f32x4_add(wasm_f32x4_mul(y, f), wasm_f32x4_splat(-2.4999993993E-1f));
  y = wasm_f32x4_add(wasm_f32x4_mul(y, f), wasm_f32x4_splat(3.3333331174E-1f));
  y = wasm_f32x4_mul(wasm_f32x4_mul(y, f), z);
  y = wasm_f32x4_add(y, wasm_f32x4_mul(ef, wasm_f32x4_splat(-2.12194440e-4f)));
  y = wasm_f32x4_sub(y, wasm_f32x4_mul(z, wasm_f32x4_splat(0.5f)));
  v128_t r = wasm_f32x4_add(wasm_f32x4_add(f, y), wasm_f32x4_mul(ef, wasm_f32x4_splat(0.693359375f)));
  // The special values, as Math.log gives them.
  r = wasm_v128_bitselect(wasm_f32x4_splat(__builtin_inff()), r, wasm_f32x4_eq(x, wasm_f32x4_splat(__builtin_inff())));
  r = wasm_v128_bitselect(wasm_f32x4_splat(-__builtin_inff()), r, wasm_f32x4_eq(x, wasm_f32x4_splat(0.0f)));
  r = wasm_v128_bitselect(wasm_f32x4_splat(__builtin_nanf("")), r, wasm_v128_or(wasm_f32x4_lt(x, wasm_f32x4_splat(0.0f)), wasm_f32x4_ne(x, x)));
  return r;
}

/* ------------------------------------------------------------------ float32 tanh, sigmoid */

/*
 * tanh: for |x| < 0.625 an odd polynomial (Cephes tanhf), elsewhere 1 − 2/(e^{2|x|} + 1)
 * with the sign of x (no cancellation there, since tanh |x| > 0.55). ±∞ → ±1, NaN → NaN.
 */
static inline v128_t tanh_f32x4(v128_t x) {
  v128_t ax = wasm_f32x4_abs(x);
  v128_t z = wasm_f32x4_mul(x, x);
  v128_t p = wasm_f32x4_splat(-5.70498872745E-3f);
  p = wasm_f32x4_add(wasm_f32x4_mul(p, z), wasm_f32x4_splat(2.06390887954E-2f));
  p = wasm_f32x4_add(wasm_f32x4_mul(p, z), wasm_f32x4_splat(-5.37397155531E-2f));
  p = wasm_f32x4_add(wasm_f32x4_mul(p, z), wasm_f32x4_splat(1.33314422036E-1f));
  p = wasm_f32x4_add(wasm_f32x4_mul(p, z), wasm_f32x4_splat(-3.33332819422E-1f));
  v128_t small = wasm_f32x4_add(wasm_f32x4_mul(wasm_f32x4_mul(p, z), x), x);
  v128_t e = exp_f32x4(wasm_f32x4_add(ax, ax));
  v128_t big = wasm_f32x4_sub(wasm_f32x4_splat(1.0f), wasm_f32x4_div(wasm_f32x4_splat(2.0f), wasm_f32x4_add(e, wasm_f32x4_splat(1.0f))));
  big = wasm_v128_or(big, wasm_v128_and(x, wasm_i32x4_splat((int)0x80000000))); // copy the sign of x
  // NaN fails ax < 0.625 and takes `big`, which is NaN too.
  return wasm_v128_bitselect(small, big, wasm_f32x4_lt(ax, wasm_f32x4_splat(0.625f)));
}

/*
 * sigmoid as the reference computes it, without overflow: with e = e^−|x|,
 * 1 / (1 + e) for x ≥ 0 and e / (1 + e) below 0.
 */
static inline v128_t sigmoid_f32x4(v128_t x) {
  v128_t e = exp_f32x4(wasm_f32x4_neg(wasm_f32x4_abs(x)));
  v128_t d = wasm_f32x4_add(wasm_f32x4_splat(1.0f), e);
  v128_t pos = wasm_f32x4_div(wasm_f32x4_splat(1.0f), d);
  v128_t neg = wasm_f32x4_div(e, d);
  return wasm_v128_bitselect(pos, neg, wasm_f32x4_ge(x, wasm_f32x4_splat(0.0f)));
}

/*
 * GELU, tanh form: 0.5·x·(1 + tanh u) with u = √(2/π)(x + 0.044715x³), computed as
 * x·σ(2u) (since 1 + tanh u = 2σ(2u)), which does not cancel where tanh u is near −1 (the
 * composition, and the double-precision JavaScript kernel js-fused.ts geluTanh, do: in
 * double, 1 + tanh u keeps only about 16 − log10(1/(1 + tanh u)) digits). Within
 * (2 + |2u|)·2⁻²² relative of x·σ(2u) computed in double (the |2u| is exp's conditioning on
 * a float32 argument), and of the JavaScript kernel where that is accurate, |x| < 4
 * (wasm-ops.test.ts). Measured against the JavaScript kernel on a grid over [−10, 10]: at
 * most 2 ulp for x ≥ 0, 3 on [−1, 0), 7 on [−2, −1), 22 on [−4, −3); below −7 the
 * JavaScript kernel's cancellation dominates (it returns 0 where this returns ~1e−20).
 */
static inline v128_t gelu_tanh_f32x4(v128_t x) {
  v128_t x3 = wasm_f32x4_mul(wasm_f32x4_mul(x, x), x);
  v128_t u2 = wasm_f32x4_mul(wasm_f32x4_add(x, wasm_f32x4_mul(x3, wasm_f32x4_splat(0.044715f))), wasm_f32x4_splat(2 * 0.7978845608028654f));
  return wasm_f32x4_mul(x, sigmoid_f32x4(u2));
}

/*
 * GELU, exact form: 0.5·x·(1 + erf(x/√2)) = 0.5·x·erfc(−x/√2), with erfc from the
 * Chebyshev fit in Numerical Recipes (Press et al., 2nd ed., §6.2, `erfcc`):
 *   erfc z ≈ t·exp(−z² − 1.26551223 + t·P(t)),  t = 1/(1 + z/2),  z ≥ 0,
 * fractional error below 1.2e−7 for every z ≥ 0 (1.04e−7 measured against SciPy's erfc).
 * For x < 0 that is erfc(|x|/√2) itself and for x ≥ 0 it is 2 − erfc(|x|/√2), so neither
 * side cancels. Within (4 + z²)·2⁻²² relative of SciPy's value (the z² is exp's
 * conditioning on a float32 argument), tested on a grid over [−14, 6]
 * (test/fixtures/gelu.json, tools/fixtures/gelu.py).
 */
static inline v128_t gelu_erf_f32x4(v128_t x) {
  v128_t z = wasm_f32x4_mul(wasm_f32x4_abs(x), wasm_f32x4_splat(0.70710678118654752f));
  v128_t t = wasm_f32x4_div(wasm_f32x4_splat(1.0f), wasm_f32x4_add(wasm_f32x4_splat(1.0f), wasm_f32x4_mul(z, wasm_f32x4_splat(0.5f))));
  v128_t p = wasm_f32x4_splat(0.17087277f);
  p = wasm_f32x4_add(wasm_f32x4_mul(p, t), wasm_f32x4_splat(-0.82215223f));
  p = wasm_f32x4_add(wasm_f32x4_mul(p, t), wasm_f32x4_splat(1.48851587f));
  p = wasm_f32x4_add(wasm_f32x4_mul(p, t), wasm_f32x4_splat(-1.13520398f));
  p = wasm_f32x4_add(wasm_f32x4_mul(p, t), wasm_f32x4_splat(0.27886807f));
  p = wasm_f32x4_add(wasm_f32x4_mul(p, t), wasm_f32x4_splat(-0.18628806f));
  p = wasm_f32x4_add(wasm_f32x4_mul(p, t), wasm_f32x4_splat(0.09678418f));
  p = wasm_f32x4_add(wasm_f32x4_mul(p, t), wasm_f32x4_splat(0.37409196f));
  p = wasm_f32x4_add(wasm_f32x4_mul(p, t), wasm_f32x4_splat(1.00002368f));
  p = wasm_f32x4_mul(p, t);
  v128_t arg = wasm_f32x4_sub(wasm_f32x4_add(p, wasm_f32x4_splat(-1.26551223f)), wasm_f32x4_mul(z, z));
  v128_t e = wasm_f32x4_mul(t, exp_f32x4(arg)); // erfc(|x|/√2)
  // x ≥ 0: 2 − e. NaN fails x ≥ 0 and keeps e, which is NaN.
  v128_t c = wasm_v128_bitselect(wasm_f32x4_sub(wasm_f32x4_splat(2.0f), e), e, wasm_f32x4_ge(x, wasm_f32x4_splat(0.0f)));
  return wasm_f32x4_mul(wasm_f32x4_mul(x, c), wasm_f32x4_splat(0.5f));
}

/*
 * GELU's derivatives, for the backward pass (js-fused.ts geluGrad and geluTanhGrad give
 * the formulas), written so that nothing cancels:
 *   exact: Φ(x) + x·φ(x), Φ(x) = erfc(−x/√2)/2 as above, φ(x) = e^(−x²/2)/√(2π)
 *   tanh:  σ(2u) + 2x·σ(2u)(1 − σ(2u))·u′, with σ(1 − σ) = e/(1 + e)², e = e^(−|2u|)
 * The exact form's derivative has a root near x = −0.75, where no relative bound holds:
 * the tests bound the error by the size of its two terms instead.
 */
static inline v128_t gelu_erf_grad_f32x4(v128_t x) {
  v128_t z = wasm_f32x4_mul(wasm_f32x4_abs(x), wasm_f32x4_splat(0.70710678118654752f));
  v128_t t = wasm_f32x4_div(wasm_f32x4_splat(1.0f), wasm_f32x4_add(wasm_f32x4_splat(1.0f), wasm_f32x4_mul(z, wasm_f32x4_splat(0.5f))));
  v128_t p = wasm_f32x4_splat(0.17087277f);
  p = wasm_f32x4_add(wasm_f32x4_mul(p, t), wasm_f32x4_splat(-0.82215223f));
  p = wasm_f32x4_add(wasm_f32x4_mul(p, t), wasm_f32x4_splat(1.48851587f));
  p = wasm_f32x4_add(wasm_f32x4_mul(p, t), wasm_f32x4_splat(-1.13520398f));
  p = wasm_f32x4_add(wasm_f32x4_mul(p, t), wasm_f32x4_splat(0.27886807f));
  p = wasm_f32x4_add(wasm_f32x4_mul(p, t), wasm_f32x4_splat(-0.18628806f));
  p = wasm_f32x4_add(wasm_f32x4_mul(p, t), wasm_f32x4_splat(0.09678418f));
  p = wasm_f32x4_add(wasm_f32x4_mul(p, t), wasm_f32x4_splat(0.37409196f));
  p = wasm_f32x4_add(wasm_f32x4_mul(p, t), wasm_f32x4_splat(1.00002368f));
  p = wasm_f32x4_mul(p, t);
  v128_t z2 = wasm_f32x4_mul(z, z);
  v128_t half_e = wasm_f32x4_mul(wasm_f32x4_mul(t, exp_f32x4(wasm_f32x4_sub(wasm_f32x4_add(p, wasm_f32x4_splat(-1.26551223f)), z2))), wasm_f32x4_splat(0.5f));
  v128_t cdf = wasm_v128_bitselect(wasm_f32x4_sub(wasm_f32x4_splat(1.0f), half_e), half_e, wasm_f32x4_ge(x, wasm_f32x4_splat(0.0f)));
  v128_t pdf = wasm_f32x4_mul(exp_f32x4(wasm_f32x4_neg(z2)), wasm_f32x4_splat(0.39894228040143268f));
  return wasm_f32x4_add(cdf, wasm_f32x4_mul(x, pdf));
}

static inline v128_t gelu_tanh_grad_f32x4(v128_t x) {
  v128_t x2 = wasm_f32x4_mul(x, x);
  v128_t u2 = wasm_f32x4_mul(wasm_f32x4_add(x, wasm_f32x4_mul(wasm_f32x4_mul(x2, x), wasm_f32x4_splat(0.044715f))), wasm_f32x4_splat(2 * 0.7978845608028654f));
  v128_t du = wasm_f32x4_mul(wasm_f32x4_add(wasm_f32x4_splat(1.0f), wasm_f32x4_mul(x2, wasm_f32x4_splat(3 * 0.044715f))), wasm_f32x4_splat(0.7978845608028654f));
  v128_t e = exp_f32x4(wasm_f32x4_neg(wasm_f32x4_abs(u2)));
  v128_t d1 = wasm_f32x4_add(wasm_f32x4_splat(1.0f), e);
  v128_t s = wasm_v128_bitselect(wasm_f32x4_div(wasm_f32x4_splat(1.0f), d1), wasm_f32x4_div(e, d1), wasm_f32x4_ge(u2, wasm_f32x4_splat(0.0f)));
  v128_t ss = wasm_f32x4_div(e, wasm_f32x4_mul(d1, d1));
  return wasm_f32x4_add(s, wasm_f32x4_mul(wasm_f32x4_mul(wasm_f32x4_add(x, x), ss), du));
}

#define UNARY_F32(name, f)                                              \
  EXPORT(name) void name(const float *x, float *out, int n) {           \
    for (int i = 0; i < n; i += 4) wasm_v128_store(out + i, f(wasm_v128_load(x + i))); \
  }

UNARY_F32(exp_f32, exp_f32x4)
UNARY_F32(log_f32, log_f32x4)
UNARY_F32(tanh_f32, tanh_f32x4)
UNARY_F32(sigmoid_f32, sigmoid_f32x4)
UNARY_F32(gelu_tanh_f32, gelu_tanh_f32x4)
UNARY_F32(gelu_erf_f32, gelu_erf_f32x4)
UNARY_F32(gelu_erf_grad_f32, gelu_erf_grad_f32x4)
UNARY_F32(gelu_tanh_grad_f32, gelu_tanh_grad_f32x4)

/* ------------------------------------------------------------------ binary ops */

/*
 * out = a op b over n elements; aStep/bStep 0 means that operand is one value, repeated.
 * One loop per layout, so the repeated value is splat once outside the loop.
 * op: 0 add, 1 sub, 2 mul, 3 div.
 */
#define BINARY(name, T, LANES, SPLAT, ADD, SUB, MUL, DIV)                               \
  static inline v128_t name##_apply(int op, v128_t a, v128_t b) {                       \
    return op == 0 ? ADD(a, b) : op == 1 ? SUB(a, b) : op == 2 ? MUL(a, b) : DIV(a, b); \
  }                                                                                     \
  EXPORT(name) void name(int op, const T *a, int aStep, const T *b, int bStep, T *out, int n) { \
    if (aStep && bStep) {                                                               \
      switch (op) {                                                                     \
        case 0: for (int i = 0; i < n; i += LANES) wasm_v128_store(out + i, ADD(wasm_v128_load(a + i), wasm_v128_load(b + i))); break; \
        case 1: for (int i = 0; i < n; i += LANES) wasm_v128_store(out + i, SUB(wasm_v128_load(a + i), wasm_v128_load(b + i))); break; \
        case 2: for (int i = 0; i < n; i += LANES) wasm_v128_store(out + i, MUL(wasm_v128_load(a + i), wasm_v128_load(b + i))); break; \
        default: for (int i = 0; i < n; i += LANES) wasm_v128_store(out + i, DIV(wasm_v128_load(a + i), wasm_v128_load(b + i))); \
      }                                                                                 \
    } else if (aStep) {                                                                 \
      v128_t vb = SPLAT(b[0]);                                                          \
      for (int i = 0; i < n; i += LANES) wasm_v128_store(out + i, name##_apply(op, wasm_v128_load(a + i), vb)); \
    } else {                                                                            \
      v128_t va = SPLAT(a[0]);                                                          \
      for (int i = 0; i < n; i += LANES) wasm_v128_store(out + i, name##_apply(op, va, wasm_v128_load(b + i))); \
    }                                                                                   \
  }

BINARY(binary_f32, float, 4, wasm_f32x4_splat, wasm_f32x4_add, wasm_f32x4_sub, wasm_f32x4_mul, wasm_f32x4_div)

/* ------------------------------------------------------------------ float32 softmax, log softmax */

/* Lanes [0, k) of a vector read from p, the others `fill`: the partial vector at a row's end. */
static inline v128_t load_partial(const float *p, int k, float fill) {
  float t[4] = { fill, fill, fill, fill };
  for (int i = 0; i < k; i++) t[i] = p[i];
  return wasm_v128_load(t);
}

static inline void store_partial(float *p, v128_t v, int k) {
  float t[4];
  wasm_v128_store(t, v);
  for (int i = 0; i < k; i++) p[i] = t[i];
}

/* Σ of the four lanes in float64, added to acc (the reference sums in float64). */
static inline v128_t add_f64(v128_t acc, v128_t v) {
  acc = wasm_f64x2_add(acc, wasm_f64x2_promote_low_f32x4(v));
  return wasm_f64x2_add(acc, wasm_f64x2_promote_low_f32x4(wasm_i32x4_shuffle(v, v, 2, 3, 0, 1)));
}

/* The row maximum; NaN if any element is NaN (f32x4.max propagates NaN), as the reference. */
static float row_max(const float *x, int n) {
  v128_t m = wasm_f32x4_splat(-__builtin_inff());
  int j = 0;
  for (; j + 4 <= n; j += 4) m = wasm_f32x4_max(m, wasm_v128_load(x + j));
  if (j < n) m = wasm_f32x4_max(m, load_partial(x + j, n - j, -__builtin_inff()));
  m = wasm_f32x4_max(m, wasm_i32x4_shuffle(m, m, 2, 3, 0, 1));
  m = wasm_f32x4_max(m, wasm_i32x4_shuffle(m, m, 1, 0, 3, 2));
  return wasm_f32x4_extract_lane(m, 0);
}

/*
 * softmax over each of `rows` contiguous rows of length n, as the fused JavaScript kernel
 * (js-reduce.ts) and the composition compute it: e = exp(x − max), out = e / Σe with Σe
 * summed in float64 and rounded to float32. Only exp differs (within 1 ulp).
 * With `log` set, log softmax: x − (m + log Σ exp(x − m)), m the row maximum or 0 when
 * that is not finite.
 */
EXPORT(softmax_f32)
void softmax_f32(const float *x, float *out, int rows, int n, int log) {
  for (int r = 0; r < rows; r++, x += n, out += n) {
    float m = row_max(x, n);
    if (log && !(m - m == 0.0f)) m = 0.0f; // ±∞ or NaN: the composition's safe maximum
    v128_t vm = wasm_f32x4_splat(m);
    v128_t acc = wasm_f64x2_splat(0.0);
    int j = 0;
    for (; j + 4 <= n; j += 4) {
      v128_t e = exp_f32x4(wasm_f32x4_sub(wasm_v128_load(x + j), vm));
      if (!log) wasm_v128_store(out + j, e);
      acc = add_f64(acc, e);
    }
    if (j < n) {
      v128_t e = exp_f32x4(wasm_f32x4_sub(load_partial(x + j, n - j, 0.0f), vm));
      e = wasm_v128_and(e, wasm_i32x4_lt(wasm_i32x4_make(0, 1, 2, 3), wasm_i32x4_splat(n - j))); // zero the padding
      if (!log) store_partial(out + j, e, n - j);
      acc = add_f64(acc, e);
    }
    float s = (float)(wasm_f64x2_extract_lane(acc, 0) + wasm_f64x2_extract_lane(acc, 1));
    if (!log) {
      v128_t vs = wasm_f32x4_splat(s);
      for (j = 0; j + 4 <= n; j += 4) wasm_v128_store(out + j, wasm_f32x4_div(wasm_v128_load(out + j), vs));
      for (; j < n; j++) out[j] /= s;
    } else {
      float lse = wasm_f32x4_extract_lane(log_f32x4(wasm_f32x4_splat(s)), 0) + m;
      v128_t vl = wasm_f32x4_splat(lse);
      for (j = 0; j + 4 <= n; j += 4) wasm_v128_store(out + j, wasm_f32x4_sub(wasm_v128_load(x + j), vl));
      for (; j < n; j++) out[j] = x[j] - lse;
    }
  }
}
