/*
 * Fused optimizer steps for WebAssembly SIMD: Adam/AdamW (with AMSGrad) and SGD (momentum,
 * dampening, Nesterov, weight decay, maximize), over float32 or float64 parameter buffers.
 *
 * The loops these replace are the JavaScript kernels in js-optim.ts, one line each:
 *   Adam: m = β₁m + (1−β₁)g;  v = β₂v + (1−β₂)g²;  p −= (m / (√v̂ / √bc2 + ε)) · η/bc1
 *   SGD:  g += λp;  b = μb + (1−τ)g;  g = g + μb (Nesterov) or b;  p −= η·g
 *
 * Bit for bit equal to them. The JavaScript loop reads float32 values into doubles, does
 * every operation in double precision and rounds once, on storing. These loops do the same
 * operations in the same order in f64x2 lanes (two doubles per vector): +, −, ×, ÷ and √
 * are correctly rounded IEEE-754 operations in both languages, f64x2.max propagates NaN
 * and orders −0 below +0 as Math.max does, and WebAssembly has no fused multiply-add that
 * the compiler could substitute (clang does not reassociate without -ffast-math). The
 * hyper-parameters arrive precomputed by the caller, in the same doubles the JavaScript
 * kernel computes (1 − β₁, 1 − ηλ, √bc2, η/bc1).
 *
 * Speed: the JavaScript loop spends about 8 ns an element (a double division and square
 * root per element, one at a time); here two lanes go through each divide and square root.
 * float32 buffers are read four at a time and split into two f64x2 halves.
 *
 * Layout: every array holds n values at its own address, rounded up by the caller to a
 * multiple of four (16 bytes for float32), so the loop runs over whole vectors; the extra
 * lanes are computed and never copied back.
 */
#include <wasm_simd128.h>

#define EXPORT(name) __attribute__((export_name(#name)))

/* The step's constants as the JavaScript kernel computes them (js-optim.ts adamStep). */
typedef struct {
  double beta1, c1, beta2, c2, decay, l2, sqrt_bc2, eps, step_size;
  int weight_decay, decoupled, amsgrad;
} adam_args;

/* One Adam step on two lanes; m, v, vmax are updated in place (as doubles), p returned. */
static inline v128_t adam_lanes(v128_t p, v128_t g, v128_t *m, v128_t *v, v128_t *vmax, const adam_args *a) {
  if (a->weight_decay) {
    if (a->decoupled) p = wasm_f64x2_mul(p, wasm_f64x2_splat(a->decay));
    else g = wasm_f64x2_add(g, wasm_f64x2_mul(p, wasm_f64x2_splat(a->l2)));
  }
  v128_t mi = wasm_f64x2_add(wasm_f64x2_mul(*m, wasm_f64x2_splat(a->beta1)), wasm_f64x2_mul(g, wasm_f64x2_splat(a->c1)));
  v128_t vi = wasm_f64x2_add(wasm_f64x2_mul(*v, wasm_f64x2_splat(a->beta2)), wasm_f64x2_mul(wasm_f64x2_mul(g, g), wasm_f64x2_splat(a->c2)));
  *m = mi;
  *v = vi;
  v128_t use = vi;
  if (a->amsgrad) use = *vmax = wasm_f64x2_max(*vmax, vi);
  v128_t denom = wasm_f64x2_add(wasm_f64x2_div(wasm_f64x2_sqrt(use), wasm_f64x2_splat(a->sqrt_bc2)), wasm_f64x2_splat(a->eps));
  return wasm_f64x2_sub(p, wasm_f64x2_mul(wasm_f64x2_div(mi, denom), wasm_f64x2_splat(a->step_size)));
}

/* The low and high two float32 lanes of v as doubles, and back. */
static inline v128_t lo(v128_t v) { return wasm_f64x2_promote_low_f32x4(v); }
static inline v128_t hi(v128_t v) { return wasm_f64x2_promote_low_f32x4(wasm_i32x4_shuffle(v, v, 2, 3, 0, 1)); }
static inline v128_t join(v128_t l, v128_t h) {
  return wasm_i32x4_shuffle(wasm_f32x4_demote_f64x2_zero(l), wasm_f32x4_demote_f64x2_zero(h), 0, 1, 4, 5);
}

EXPORT(adam_f32)
void adam_f32(float *p, const float *g, float *m, float *v, float *vmax, int n, const adam_args *a) {
  for (int i = 0; i < n; i += 4) {
    v128_t P = wasm_v128_load(p + i), G = wasm_v128_load(g + i), M = wasm_v128_load(m + i), V = wasm_v128_load(v + i);
    v128_t X = a->amsgrad ? wasm_v128_load(vmax + i) : wasm_f64x2_splat(0);
    v128_t m0 = lo(M), m1 = hi(M), v0 = lo(V), v1 = hi(V), x0 = lo(X), x1 = hi(X);
    v128_t p0 = adam_lanes(lo(P), lo(G), &m0, &v0, &x0, a);
    v128_t p1 = adam_lanes(hi(P), hi(G), &m1, &v1, &x1, a);
    wasm_v128_store(p + i, join(p0, p1));
    wasm_v128_store(m + i, join(m0, m1));
    wasm_v128_store(v + i, join(v0, v1));
    if (a->amsgrad) wasm_v128_store(vmax + i, join(x0, x1));
  }
}

EXPORT(adam_f64)
void adam_f64(double *p, const double *g, double *m, double *v, double *vmax, int n, const adam_args *a) {
  for (int i = 0; i < n; i += 2) {
    v128_t M = wasm_v128_load(m + i), V = wasm_v128_load(v + i);
    v128_t X = a->amsgrad ? wasm_v128_load(vmax + i) : wasm_f64x2_splat(0);
    wasm_v128_store(p + i, adam_lanes(wasm_v128_load(p + i), wasm_v128_load(g + i), &M, &V, &X, a));
    wasm_v128_store(m + i, M);
    wasm_v128_store(v + i, V);
    if (a->amsgrad) wasm_v128_store(vmax + i, X);
  }
}

/* The SGD step's constants (js-optim.ts sgdStep); keep = 1 − dampening. */
typedef struct {
  double lr, momentum, keep, weight_decay;
  int has_buf, first, nesterov, maximize;
} sgd_args;

static inline v128_t sgd_lanes(v128_t p, v128_t g, v128_t *buf, const sgd_args *a) {
  if (a->maximize) g = wasm_f64x2_neg(g);
  if (a->weight_decay != 0) g = wasm_f64x2_add(g, wasm_f64x2_mul(p, wasm_f64x2_splat(a->weight_decay)));
  if (a->has_buf) {
    v128_t b = a->first ? g : wasm_f64x2_add(wasm_f64x2_mul(*buf, wasm_f64x2_splat(a->momentum)), wasm_f64x2_mul(g, wasm_f64x2_splat(a->keep)));
    *buf = b;
    g = a->nesterov ? wasm_f64x2_add(g, wasm_f64x2_mul(b, wasm_f64x2_splat(a->momentum))) : b;
  }
  return wasm_f64x2_sub(p, wasm_f64x2_mul(g, wasm_f64x2_splat(a->lr)));
}

EXPORT(sgd_f32)
void sgd_f32(float *p, const float *g, float *buf, int n, const sgd_args *a) {
  for (int i = 0; i < n; i += 4) {
    v128_t P = wasm_v128_load(p + i), G = wasm_v128_load(g + i);
    v128_t B = a->has_buf ? wasm_v128_load(buf + i) : wasm_f64x2_splat(0);
    v128_t b0 = lo(B), b1 = hi(B);
    v128_t p0 = sgd_lanes(lo(P), lo(G), &b0, a);
    v128_t p1 = sgd_lanes(hi(P), hi(G), &b1, a);
    wasm_v128_store(p + i, join(p0, p1));
    if (a->has_buf) wasm_v128_store(buf + i, join(b0, b1));
  }
}

EXPORT(sgd_f64)
void sgd_f64(double *p, const double *g, double *buf, int n, const sgd_args *a) {
  for (int i = 0; i < n; i += 2) {
    v128_t B = a->has_buf ? wasm_v128_load(buf + i) : wasm_f64x2_splat(0);
    wasm_v128_store(p + i, sgd_lanes(wasm_v128_load(p + i), wasm_v128_load(g + i), &B, a));
    if (a->has_buf) wasm_v128_store(buf + i, B);
  }
}
