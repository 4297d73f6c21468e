/*
 * The fused linear layer for WebAssembly SIMD, float32 and float64:
 *
 *   out (N, M) = x (N, K) · Wᵀ + b        W (M, K) as nn.Linear stores it, b (M,)
 *
 * The JavaScript kernel it replaces (js-fused.ts `linear`) transposes W into a scratch
 * matrix, calls the registry's matmul, then adds b in a second loop, one element at a
 * time:  for i, m: out[i·M + m] = Σ_k x[i·K + k]·Wt[k·M + m] + b[m]
 * Here matmul.c reads W through transposed strides (its packing step gathers the panel it
 * needs, so no transposed copy is made) and b is added four or two lanes at a time. The
 * product is the same matmul.c computation on the same values, and adding b is one IEEE
 * addition either way, so the result equals the JavaScript kernel's (on the wasm matmul)
 * bit for bit.
 */
#include <wasm_simd128.h>

#define EXPORT(name) __attribute__((export_name(#name)))

void matmul_f32(const float *a, int rsa, int csa, const float *b, int rsb, int csb, float *c, int M, int K, int N);
void matmul_f64(const double *a, int rsa, int csa, const double *b, int rsb, int csb, double *c, int M, int K, int N);

EXPORT(linear_f32)
void linear_f32(const float *x, const float *W, const float *b, float *out, int N, int K, int M) {
  matmul_f32(x, K, 1, W, 1, K, out, N, K, M); // Wᵀ: element (k, m) at W[m·K + k]
  for (int i = 0; i < N; i++, out += M) {
    int m = 0;
    for (; m + 4 <= M; m += 4) wasm_v128_store(out + m, wasm_f32x4_add(wasm_v128_load(out + m), wasm_v128_load(b + m)));
    for (; m < M; m++) out[m] += b[m];
  }
}

EXPORT(linear_f64)
void linear_f64(const double *x, const double *W, const double *b, double *out, int N, int K, int M) {
  matmul_f64(x, K, 1, W, 1, K, out, N, K, M);
  for (int i = 0; i < N; i++, out += M) {
    int m = 0;
    for (; m + 2 <= M; m += 2) wasm_v128_store(out + m, wasm_f64x2_add(wasm_v128_load(out + m), wasm_v128_load(b + m)));
    for (; m < M; m++) out[m] += b[m];
  }
}
