/*
 * ReLU forward and backward for WebAssembly SIMD, float32, four lanes at a time: the
 * activation between a CNN's convolutions and poolings, run twice per layer per step.
 *
 * The loops these replace, in one line each (ops/composite.ts, js-fused.ts):
 *   forward   for i: out[i] = x[i] > 0 ? x[i] : 0
 *   backward  for i: out[i] = y[i] > 0 ? g[i] : 0        (y = relu(x): y > 0 exactly where x > 0)
 *
 * Written as a compare and a bitwise and, never a max: max(NaN, 0) is NaN in WebAssembly,
 * where the reference's `x > 0 ? x : 0` gives 0 for NaN (NaN > 0 is false), and the and
 * with an all-zero mask gives +0 for −0 as the reference does. So both equal the reference
 * bit for bit.
 *
 * Why WebAssembly for so little arithmetic: the copies in and out are memcpy (`TypedArray.set`),
 * several times faster per element than a scalar JavaScript loop, and the loop itself runs
 * four lanes per instruction. As in elementwise.c, the caller reserves memory rounded up to
 * 16 bytes, so the last vector may touch a few values past n that are never copied back.
 */
#include <wasm_simd128.h>

#define EXPORT(name) __attribute__((export_name(#name)))

EXPORT(relu_fwd_f32)
void relu_fwd_f32(const float *x, float *out, int n) {
  const v128_t zero = wasm_f32x4_splat(0.0f);
  for (int i = 0; i < n; i += 4) {
    v128_t v = wasm_v128_load(x + i);
    wasm_v128_store(out + i, wasm_v128_and(v, wasm_f32x4_gt(v, zero)));
  }
}

EXPORT(relu_bwd_f32)
void relu_bwd_f32(const float *g, const float *y, float *out, int n) {
  const v128_t zero = wasm_f32x4_splat(0.0f);
  for (int i = 0; i < n; i += 4) {
    v128_t keep = wasm_f32x4_gt(wasm_v128_load(y + i), zero);
    wasm_v128_store(out + i, wasm_v128_and(wasm_v128_load(g + i), keep));
  }
}
