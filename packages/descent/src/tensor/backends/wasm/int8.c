/*
 * Int8 kernels for quantized inference (descent/quantize) with WebAssembly SIMD.
 *
 * quantize_i8: x (float32) → q (int8), q = clamp(zp + nearest(x · inv), −128, 127), sixteen
 * values per step. f32x4.nearest rounds half to even like C's nearbyint, so the result
 * equals quantizePerTensor in quantize/qparams.ts bit for bit.
 *
 * qlinear_i8: the linear layer on int8 operands with int32 accumulation,
 *
 *   out[n, m] = scale[m] · (Σ_k x[n, k]·W[m, k] − zx·Σ_k W[m, k]) + b[m]
 *
 * x (N, K) int8 activations with zero point zx, W (M, K) int8 weights quantized
 * symmetrically per output channel (zero point 0), scale[m] = sx·sw[m], wsum[m] = Σ_k W[m, k]
 * precomputed. The loop it replaces:  for n, m: acc = Σ_k x[n·K + k]·W[m·K + k].
 *
 * Both operands are read along k, contiguous, so no packing is needed. Each step loads 16
 * int8 values of 2 rows of x and 4 rows of W, widens them to int16 (i16x8.extend) and
 * multiplies-and-adds pairs into int32 lanes (i32x4.dot_i16x8_s: 8 products per
 * instruction, twice float32's 4), into a 2×4 register tile of accumulators: each loaded
 * vector is used 2 or 4 times. Products of int8 values are at most 2¹⁴, so int32 sums are
 * exact for K < 2¹⁷. The data moved is a quarter of float32's.
 */
#include <stdint.h>
#include <wasm_simd128.h>

#define EXPORT(name) __attribute__((export_name(#name)))

EXPORT(quantize_i8)
void quantize_i8(const float *x, int8_t *q, int n, float inv, int zp) {
  const v128_t vinv = wasm_f32x4_splat(inv), vzp = wasm_i32x4_splat(zp);
  const v128_t lo = wasm_i32x4_splat(-128), hi = wasm_i32x4_splat(127);
  /* Clamped to ±512 while still float: the int32 conversion saturates, and adding zp to a
     saturated value would wrap around. ±512 is far enough out that zp cannot bring it back. */
  const v128_t flo = wasm_f32x4_splat(-512.0f), fhi = wasm_f32x4_splat(512.0f);
  int i = 0;
  for (; i + 16 <= n; i += 16) {
    v128_t r[4];
    for (int j = 0; j < 4; j++) {
      v128_t v = wasm_f32x4_nearest(wasm_f32x4_mul(wasm_v128_load(x + i + 4 * j), vinv));
      v = wasm_f32x4_pmin(wasm_f32x4_pmax(v, flo), fhi);
      v = wasm_i32x4_add(wasm_i32x4_trunc_sat_f32x4(v), vzp);
      r[j] = wasm_i32x4_min(wasm_i32x4_max(v, lo), hi);
    }
    wasm_v128_store(q + i, wasm_i8x16_narrow_i16x8(wasm_i16x8_narrow_i32x4(r[0], r[1]), wasm_i16x8_narrow_i32x4(r[2], r[3])));
  }
  for (; i < n; i++) {
    float v = __builtin_nearbyintf(x[i] * inv);
    if (v != v) v = 0.0f; /* NaN → the zero point, as the SIMD path's saturating conversion gives */
    int t = v < -512.0f ? -512 : v > 512.0f ? 512 : (int)v;
    t += zp;
    q[i] = (int8_t)(t < -128 ? -128 : t > 127 ? 127 : t);
  }
}

static inline int32_t hsum(v128_t v) {
  return wasm_i32x4_extract_lane(v, 0) + wasm_i32x4_extract_lane(v, 1) + wasm_i32x4_extract_lane(v, 2) + wasm_i32x4_extract_lane(v, 3);
}

/* acc += a·b over 16 int8 lanes, widened to int16 and dot-multiplied into 4 int32 lanes. */
static inline v128_t dot16(v128_t acc, v128_t a_lo, v128_t a_hi, v128_t b) {
  acc = wasm_i32x4_add(acc, wasm_i32x4_dot_i16x8(a_lo, wasm_i16x8_extend_low_i8x16(b)));
  return wasm_i32x4_add(acc, wasm_i32x4_dot_i16x8(a_hi, wasm_i16x8_extend_high_i8x16(b)));
}

static inline int32_t dot_tail(const int8_t *a, const int8_t *b, int k0, int K) {
  int32_t s = 0;
  for (int k = k0; k < K; k++) s += (int32_t)a[k] * (int32_t)b[k];
  return s;
}

EXPORT(qlinear_i8)
void qlinear_i8(const int8_t *x, const int8_t *W, const int32_t *wsum, const float *scale, int zx,
                const float *bias, float *out, int N, int K, int M) {
  const int K16 = K & ~15;
  int n = 0;
  for (; n + 2 <= N; n += 2) {
    const int8_t *x0 = x + n * K, *x1 = x0 + K;
    int m = 0;
    for (; m + 4 <= M; m += 4) {
      const int8_t *w0 = W + m * K, *w1 = w0 + K, *w2 = w1 + K, *w3 = w2 + K;
      v128_t a00 = wasm_i32x4_splat(0), a01 = a00, a02 = a00, a03 = a00, a10 = a00, a11 = a00, a12 = a00, a13 = a00;
      for (int k = 0; k < K16; k += 16) {
        const v128_t p = wasm_v128_load(x0 + k), r = wasm_v128_load(x1 + k);
        const v128_t p_lo = wasm_i16x8_extend_low_i8x16(p), p_hi = wasm_i16x8_extend_high_i8x16(p);
        const v128_t r_lo = wasm_i16x8_extend_low_i8x16(r), r_hi = wasm_i16x8_extend_high_i8x16(r);
        const v128_t b0 = wasm_v128_load(w0 + k), b1 = wasm_v128_load(w1 + k), b2 = wasm_v128_load(w2 + k), b3 = wasm_v128_load(w3 + k);
        a00 = dot16(a00, p_lo, p_hi, b0); a01 = dot16(a01, p_lo, p_hi, b1); a02 = dot16(a02, p_lo, p_hi, b2); a03 = dot16(a03, p_lo, p_hi, b3);
        a10 = dot16(a10, r_lo, r_hi, b0); a11 = dot16(a11, r_lo, r_hi, b1); a12 = dot16(a12, r_lo, r_hi, b2); a13 = dot16(a13, r_lo, r_hi, b3);
      }
      const int8_t *ws[4] = { w0, w1, w2, w3 };
      const v128_t acc0[4] = { a00, a01, a02, a03 }, acc1[4] = { a10, a11, a12, a13 };
      for (int j = 0; j < 4; j++) {
        const int32_t c = zx * wsum[m + j];
        out[n * M + m + j] = scale[m + j] * (float)(hsum(acc0[j]) + dot_tail(x0, ws[j], K16, K) - c) + bias[m + j];
        out[(n + 1) * M + m + j] = scale[m + j] * (float)(hsum(acc1[j]) + dot_tail(x1, ws[j], K16, K) - c) + bias[m + j];
      }
    }
    for (; m < M; m++) {
      const int8_t *w0 = W + m * K;
      v128_t a0 = wasm_i32x4_splat(0), a1 = a0;
      for (int k = 0; k < K16; k += 16) {
        const v128_t p = wasm_v128_load(x0 + k), r = wasm_v128_load(x1 + k), b = wasm_v128_load(w0 + k);
        a0 = dot16(a0, wasm_i16x8_extend_low_i8x16(p), wasm_i16x8_extend_high_i8x16(p), b);
        a1 = dot16(a1, wasm_i16x8_extend_low_i8x16(r), wasm_i16x8_extend_high_i8x16(r), b);
      }
      const int32_t c = zx * wsum[m];
      out[n * M + m] = scale[m] * (float)(hsum(a0) + dot_tail(x0, w0, K16, K) - c) + bias[m];
      out[(n + 1) * M + m] = scale[m] * (float)(hsum(a1) + dot_tail(x1, w0, K16, K) - c) + bias[m];
    }
  }
  for (; n < N; n++) {
    const int8_t *x0 = x + n * K;
    for (int m = 0; m < M; m++) {
      const int8_t *w0 = W + m * K;
      v128_t a0 = wasm_i32x4_splat(0);
      for (int k = 0; k < K16; k += 16) {
        const v128_t p = wasm_v128_load(x0 + k);
        a0 = dot16(a0, wasm_i16x8_extend_low_i8x16(p), wasm_i16x8_extend_high_i8x16(p), wasm_v128_load(w0 + k));
      }
      out[n * M + m] = scale[m] * (float)(hsum(a0) + dot_tail(x0, w0, K16, K) - zx * wsum[m]) + bias[m];
    }
  }
}

/*
 * im2col_quantize_i8: the rows of an int8 convolution. The image is quantized once
 * (quantize_i8 into qx, SIMD), then each row gathers bytes: row r = (n·Ho + oy)·Wo + ox holds
 * the receptive field of output (oy, ox) of image n, in the order of a flattened (C, kh, kw)
 * filter; positions in the zero padding get the zero point (0 quantizes to it exactly).
 * Quantizing before gathering does the rounding once per pixel instead of kh·kw times.
 * The loop it replaces: unfold2d, a transpose, then quantize_i8 over the rows.
 */
EXPORT(im2col_quantize_i8)
void im2col_quantize_i8(const float *x, int8_t *qx, int8_t *rows, int N, int C, int H, int W, int kh, int kw, int sh, int sw,
                        int ph, int pw, int dh, int dw, int Ho, int Wo, float inv, int zp) {
  quantize_i8(x, qx, N * C * H * W, inv, zp);
  const int K = C * kh * kw;
  for (int n = 0; n < N; n++) {
    for (int oy = 0; oy < Ho; oy++) {
      for (int ox = 0; ox < Wo; ox++) {
        int8_t *row = rows + ((n * Ho + oy) * Wo + ox) * K;
        for (int c = 0; c < C; c++) {
          const int8_t *plane = qx + (n * C + c) * H * W;
          for (int ky = 0; ky < kh; ky++) {
            const int iy = oy * sh - ph + ky * dh;
            const int8_t *line = plane + iy * W;
            const int inside = iy >= 0 && iy < H;
            for (int kx = 0; kx < kw; kx++, row++) {
              const int ix = ox * sw - pw + kx * dw;
              *row = inside && ix >= 0 && ix < W ? line[ix] : (int8_t)zp;
            }
          }
        }
      }
    }
  }
}
