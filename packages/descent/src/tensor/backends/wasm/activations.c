/*
 * relu forward and backward for WebAssembly SIMD, float32 (four lanes) and float64 (two).
 *
 * The loops these replace (js-fused.ts relu; ops/composite.ts passWhere), one line each:
 *   relu:          out[i] = x[i] > 0 || x[i] is NaN ? x[i] : 0
 *   relu backward: out[i] = y[i] > 0 || y[i] is NaN ? g[i] : 0        (y the forward's output)
 *
 * Both are a mask and a bitwise and. The mask is (v > 0) or (v != v): the second is true only
 * for NaN, so NaN passes through as in PyTorch, and −0 gives +0 as the JavaScript conditional
 * does; the results are equal bit for bit. The JavaScript loop pays a mispredicted branch for
 * about every second element of a layer's pre-activations (their signs are random); the mask
 * has no branch.
 *
 * Layout as in elementwise.c: the caller rounds every array up to 16 bytes, so the loops
 * run over whole vectors and the lanes past n are never copied back.
 */
#include <wasm_simd128.h>

#define EXPORT(name) __attribute__((export_name(#name)))

EXPORT(relu_f32)
void relu_f32(const float *x, float *out, int n) {
  v128_t zero = wasm_f32x4_splat(0.0f);
  for (int i = 0; i < n; i += 4) {
    v128_t v = wasm_v128_load(x + i);
    wasm_v128_store(out + i, wasm_v128_and(v, wasm_v128_or(wasm_f32x4_gt(v, zero), wasm_f32x4_ne(v, v))));
  }
}

EXPORT(relu_f64)
void relu_f64(const double *x, double *out, int n) {
  v128_t zero = wasm_f64x2_splat(0.0);
  for (int i = 0; i < n; i += 2) {
    v128_t v = wasm_v128_load(x + i);
    wasm_v128_store(out + i, wasm_v128_and(v, wasm_v128_or(wasm_f64x2_gt(v, zero), wasm_f64x2_ne(v, v))));
  }
}

EXPORT(relu_backward_f32)
void relu_backward_f32(const float *g, const float *y, float *out, int n) {
  v128_t zero = wasm_f32x4_splat(0.0f);
  for (int i = 0; i < n; i += 4) {
    v128_t v = wasm_v128_load(y + i);
    wasm_v128_store(out + i, wasm_v128_and(wasm_v128_load(g + i), wasm_v128_or(wasm_f32x4_gt(v, zero), wasm_f32x4_ne(v, v))));
  }
}

EXPORT(relu_backward_f64)
void relu_backward_f64(const double *g, const double *y, double *out, int n) {
  v128_t zero = wasm_f64x2_splat(0.0);
  for (int i = 0; i < n; i += 2) {
    v128_t v = wasm_v128_load(y + i);
    wasm_v128_store(out + i, wasm_v128_and(wasm_v128_load(g + i), wasm_v128_or(wasm_f64x2_gt(v, zero), wasm_f64x2_ne(v, v))));
  }
}
