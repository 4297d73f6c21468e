/*
 * 2-D convolution for WebAssembly, float32 and float64: the forward pass and both backward
 * passes (input gradient, weight and bias gradients), with stride, padding, dilation and
 * groups, as nn/layers/conv.ts's conv2d (PyTorch's F.conv2d) defines them.
 *
 *   y[n, o, oh, ow] = b[o] + Σ_{c, i, j} w[o, c, i, j] · x[n, g·Cg + c, oh·sh − ph + i·dh, ow·sw − pw + j·dw]
 *
 * where g = o / Og is the group of output channel o, Cg = C / groups and Og = O / groups,
 * and x is 0 outside the image (the padding). The composition this replaces, in one line
 * (nn/layers/conv.ts):  y[n] = W.reshape(O, Cg·kh·kw) @ unfold2d(x)[n] + b
 *
 * The scheme is im2col (Chellapilla, Puri & Simard, "High performance convolutional neural
 * networks for document processing", 2006): one sample and one group at a time, the sliding
 * windows are copied into a (K, L) matrix of columns, K = Cg·kh·kw rows and L = Ho·Wo
 * columns, and the convolution is the packed SIMD product of matmul.c:
 *
 *   forward        y[n, g]  (Og, L) = W_g (Og, K) · cols (K, L)          then + b
 *   input grad     dcols    (K, L)  = W_gᵀ (K, Og) · dy[n, g] (Og, L)    then col2im → dx[n, g]
 *   weight grad    dW_g     (Og, K) += dy[n, g] (Og, L) · colsᵀ (L, K)   and db[o] += Σ_l dy[n, o, l]
 *
 * Why one sample at a time rather than one product for the whole batch: the columns of one
 * sample (the bench CNN's second layer: 72 × 121 floats, 35 KiB) stay in L1/L2 between the
 * im2col that writes them and the product that reads them, where a whole batch's columns
 * (64 times that) would go out to memory and back. It is also the unit the thread pool
 * splits (threads.ts): samples [n0, n1) per thread.
 *
 * A 1×1 convolution with stride 1 and no padding needs no im2col: the image is its own
 * column matrix, read in place. The float32 forward pass with stride 1 along the width
 * skips im2col and packing altogether (conv2d_direct_f32 below): measured on the bench
 * CNN's layers (batch 64, CPU time on a loaded 2-core machine), 1→8 channels on 28 × 28
 * went from 2.0 to 0.8 ms and 8→16 on 13 × 13 from 2.4 to 2.2 ms. The weight gradient
 * goes the same way when K = Cg·kh·kw < 32 (conv2d_direct_wgrad_f32): there the product's
 * (Og, L)·(L, K) has so few columns that its 8-wide tiles are mostly zero padding and the
 * transposed columns are packed one value at a time; 1→8 channels went from 2.1 to 1.4 ms,
 * while for 8→16 (K = 72) the product stayed ahead (1.4 against 1.6 ms). The input
 * gradient keeps im2col's adjoint and the product.
 *
 * The products transposing W or cols do not copy them: matmul.c packs its operands through
 * any strides. The weight gradient sums the samples in order, each sample's (Og, K) product
 * added into dW, so a split over threads changes the order of that sum only (threads.ts).
 *
 * T, S(name) and MATMUL are set below for each dtype, then conv-impl.h is included.
 */
#include <wasm_simd128.h>

/* Two steps, so that S(name) is expanded before it is turned into the export's name. */
#define EXPORT_NAME(name) __attribute__((export_name(#name)))
#define EXPORT(name) EXPORT_NAME(name)

/* The packed products (matmul.c): c (M × N) = a · b, a read at a[i·rsa + k·csa], b at b[k·rsb + j·csb]. */
void matmul_f32(const float *a, int rsa, int csa, const float *b, int rsb, int csb, float *c, int M, int K, int N);
void matmul_f64(const double *a, int rsa, int csa, const double *b, int rsb, int csb, double *c, int M, int K, int N);

/*
 * The output positions ow ∈ [lo, hi) whose input column w = ow·s − p + j·d falls inside
 * [0, W); outside that range the window reads padding. Integer ceiling division, all
 * quantities non-negative after the shift.
 */
static inline void valid_range(int j, int s, int p, int d, int W, int Wo, int *lo, int *hi) {
  int off = j * d - p;                    /* w = ow·s + off */
  int a = off >= 0 ? 0 : (-off + s - 1) / s;                    /* first ow with w ≥ 0 */
  int b = W - off <= 0 ? 0 : (W - off + s - 1) / s;             /* first ow with w ≥ W */
  *lo = a < Wo ? a : Wo;
  *hi = b < Wo ? b : Wo;
  if (*hi < *lo) *hi = *lo;
}

/* The zero-padded copy of one sample's group (Cg, Hp, Wp), plus 4 values of slack, into xp. */
static void pad_image_f32(const float *x, int Cg, int H, int W, int ph, int pw, float *xp) {
  int Hp = H + 2 * ph, Wp = W + 2 * pw;
  for (int i = 0; i < Cg * Hp * Wp + 4; i++) xp[i] = 0;
  for (int c = 0; c < Cg; c++) {
    for (int h = 0; h < H; h++) {
      const float *src = x + (c * H + h) * W;
      float *dst = xp + (c * Hp + h + ph) * Wp + pw;
      for (int q = 0; q < W; q++) dst[q] = src[q];
    }
  }
}

/*
 * Direct convolution, float32, for stride 1 along the width (the usual 3 × 3 and 5 × 5
 * layers), forward only: no im2col and no packing, so each input value is read from L1
 * instead of being copied kh·kw times into columns and once more into panels.
 *
 *   for each block of 8 output channels, each output row oh, each 4 outputs ow..ow+3:
 *     acc[r] (4 lanes) = Σ_{c, i, j} w[o_r, c, i, j] · x[c, oh·sh + i·dh, ow + j·dw : +4]
 *
 * Register tile: 8 accumulators (8 channels × 4 columns), one input vector (an unaligned
 * load, shared by the 8 channels) and one weight splat: 10 of the 16 registers. The weights
 * of the block are repacked k-major with 8 lanes per k (zeros past the last channel), so
 * the 8 splats of one k are adjacent.
 *
 * The sample's group is first copied into a zero-padded image (Cg, Hp, Wp) with 4 values of
 * slack at the end: padding then needs no test, and vectors that run past a row's last
 * output (Wo not a multiple of 4) read the next row's values into lanes that are dropped.
 * Rows of 8 × ⌈Wo/4⌉·4 outputs are accumulated in `row` and copied out with the bias.
 * Scratch (`work`): Cg·Hp·Wp + 4, then 8·K, then 8·⌈Wo/4⌉·4 floats (conv.ts reserves them).
 */
static void conv2d_direct_f32(const float *x, const float *w, const float *b, float *y, float *work,
                              int Cg, int H, int W, int Og, int kh, int kw, int sh, int ph, int pw, int dh, int dw,
                              int Ho, int Wo) {
  int Hp = H + 2 * ph, Wp = W + 2 * pw, K = Cg * kh * kw, L = Ho * Wo, Wo4 = (Wo + 3) & ~3;
  float *xp = work, *wpack = xp + Cg * Hp * Wp + 4, *row = wpack + 8 * K;
  pad_image_f32(x, Cg, H, W, ph, pw, xp);
  for (int ob = 0; ob < Og; ob += 8) {
    int nb = Og - ob < 8 ? Og - ob : 8;
    for (int k = 0; k < K; k++) {
      for (int r = 0; r < 8; r++) wpack[k * 8 + r] = r < nb ? w[(ob + r) * K + k] : 0.0f;
    }
    for (int oh = 0; oh < Ho; oh++) {
      for (int ov = 0; ov < Wo4; ov += 4) {
        v128_t a0 = wasm_f32x4_splat(0), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0;
        const float *wk = wpack;
        for (int c = 0; c < Cg; c++) {
          for (int i = 0; i < kh; i++) {
            const float *line = xp + (c * Hp + oh * sh + i * dh) * Wp + ov;
            for (int j = 0; j < kw; j++, wk += 8) {
              v128_t v = wasm_v128_load(line + j * dw);
              a0 = wasm_f32x4_add(a0, wasm_f32x4_mul(wasm_v128_load32_splat(wk + 0), v));
              a1 = wasm_f32x4_add(a1, wasm_f32x4_mul(wasm_v128_load32_splat(wk + 1), v));
              a2 = wasm_f32x4_add(a2, wasm_f32x4_mul(wasm_v128_load32_splat(wk + 2), v));
              a3 = wasm_f32x4_add(a3, wasm_f32x4_mul(wasm_v128_load32_splat(wk + 3), v));
              a4 = wasm_f32x4_add(a4, wasm_f32x4_mul(wasm_v128_load32_splat(wk + 4), v));
              a5 = wasm_f32x4_add(a5, wasm_f32x4_mul(wasm_v128_load32_splat(wk + 5), v));
              a6 = wasm_f32x4_add(a6, wasm_f32x4_mul(wasm_v128_load32_splat(wk + 6), v));
              a7 = wasm_f32x4_add(a7, wasm_f32x4_mul(wasm_v128_load32_splat(wk + 7), v));
            }
          }
        }
        wasm_v128_store(row + 0 * Wo4 + ov, a0);
        wasm_v128_store(row + 1 * Wo4 + ov, a1);
        wasm_v128_store(row + 2 * Wo4 + ov, a2);
        wasm_v128_store(row + 3 * Wo4 + ov, a3);
        wasm_v128_store(row + 4 * Wo4 + ov, a4);
        wasm_v128_store(row + 5 * Wo4 + ov, a5);
        wasm_v128_store(row + 6 * Wo4 + ov, a6);
        wasm_v128_store(row + 7 * Wo4 + ov, a7);
      }
      for (int r = 0; r < nb; r++) {
        float bo = b ? b[ob + r] : 0.0f;
        float *dst = y + (ob + r) * L + oh * Wo;
        for (int ow = 0; ow < Wo; ow++) dst[ow] = row[r * Wo4 + ow] + bo;
      }
    }
  }
}

/*
 * The weight gradient the same way, float32, stride 1 along the width, added into dw:
 *
 *   dw[o_r, k] += Σ_{oh, ow} dy[o_r, oh, ow] · x[c, oh·sh + i·dh, ow + j·dw]      k = (c, i, j)
 *
 * for 8 output channels at a time, 4 columns per vector: per k, 8 accumulators over the
 * output rows, one input vector shared by the 8 channels, then a horizontal sum each. The 8
 * rows of dy are first copied with each output row padded to ⌈Wo/4⌉·4 by zeros, and the
 * input lanes past Wo are masked to zero, so those lanes add exactly nothing. Scratch (`work`): Cg·Hp·Wp + 4, then 8·Ho·⌈Wo/4⌉·4 floats.
 */
static void conv2d_direct_wgrad_f32(const float *dy, const float *x, float *dw_, float *work,
                                    int Cg, int H, int W, int Og, int kh, int kw, int sh, int ph, int pw, int dh, int dw,
                                    int Ho, int Wo) {
  int Hp = H + 2 * ph, Wp = W + 2 * pw, K = Cg * kh * kw, L = Ho * Wo, Wo4 = (Wo + 3) & ~3;
  float *xp = work, *dyp = xp + Cg * Hp * Wp + 4;
  pad_image_f32(x, Cg, H, W, ph, pw, xp);
  for (int ob = 0; ob < Og; ob += 8) {
    int nb = Og - ob < 8 ? Og - ob : 8;
    for (int r = 0; r < 8; r++) {
      for (int oh = 0; oh < Ho; oh++) {
        float *dst = dyp + (r * Ho + oh) * Wo4;
        const float *src = dy + (ob + r) * L + oh * Wo;
        for (int ow = 0; ow < Wo4; ow++) dst[ow] = r < nb && ow < Wo ? src[ow] : 0.0f;
      }
    }
    int plane = Ho * Wo4;
    const v128_t all = wasm_i32x4_splat(-1);
    const v128_t tail = wasm_i32x4_gt(wasm_i32x4_splat(Wo & 3), wasm_i32x4_make(0, 1, 2, 3));   /* lanes < Wo mod 4 */
    for (int c = 0, k = 0; c < Cg; c++) {
      for (int i = 0; i < kh; i++) {
        for (int j = 0; j < kw; j++, k++) {
          v128_t a0 = wasm_f32x4_splat(0), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0;
          for (int oh = 0; oh < Ho; oh++) {
            const float *line = xp + (c * Hp + oh * sh + i * dh) * Wp + j * dw;
            const float *d = dyp + oh * Wo4;
            for (int ov = 0; ov < Wo4; ov += 4) {
              /* Lanes past Wo hold whatever follows the row; zero them so that an ∞ or NaN
                 there meets 0 · 0, not 0 · ∞ = NaN. */
              v128_t v = wasm_v128_and(wasm_v128_load(line + ov), ov + 4 <= Wo ? all : tail);
              a0 = wasm_f32x4_add(a0, wasm_f32x4_mul(wasm_v128_load(d + 0 * plane + ov), v));
              a1 = wasm_f32x4_add(a1, wasm_f32x4_mul(wasm_v128_load(d + 1 * plane + ov), v));
              a2 = wasm_f32x4_add(a2, wasm_f32x4_mul(wasm_v128_load(d + 2 * plane + ov), v));
              a3 = wasm_f32x4_add(a3, wasm_f32x4_mul(wasm_v128_load(d + 3 * plane + ov), v));
              a4 = wasm_f32x4_add(a4, wasm_f32x4_mul(wasm_v128_load(d + 4 * plane + ov), v));
              a5 = wasm_f32x4_add(a5, wasm_f32x4_mul(wasm_v128_load(d + 5 * plane + ov), v));
              a6 = wasm_f32x4_add(a6, wasm_f32x4_mul(wasm_v128_load(d + 6 * plane + ov), v));
              a7 = wasm_f32x4_add(a7, wasm_f32x4_mul(wasm_v128_load(d + 7 * plane + ov), v));
            }
          }
          v128_t acc[8] = { a0, a1, a2, a3, a4, a5, a6, a7 };
          for (int r = 0; r < nb; r++) {
            float sum = wasm_f32x4_extract_lane(acc[r], 0) + wasm_f32x4_extract_lane(acc[r], 1)
                      + wasm_f32x4_extract_lane(acc[r], 2) + wasm_f32x4_extract_lane(acc[r], 3);
            dw_[(ob + r) * K + k] += sum;
          }
        }
      }
    }
  }
}

#define T float
#define S(name) name##_f32
#define MATMUL matmul_f32
#define CONV_DIRECT conv2d_direct_f32
#define CONV_DIRECT_WGRAD conv2d_direct_wgrad_f32
#include "conv-impl.h"
#undef T
#undef S
#undef MATMUL
#undef CONV_DIRECT
#undef CONV_DIRECT_WGRAD

#define T double
#define S(name) name##_f64
#define MATMUL matmul_f64
#include "conv-impl.h"
#undef T
#undef S
#undef MATMUL
