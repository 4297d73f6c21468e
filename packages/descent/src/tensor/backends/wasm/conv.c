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
 * column matrix, read in place.
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

#define T float
#define S(name) name##_f32
#define MATMUL matmul_f32
#include "conv-impl.h"
#undef T
#undef S
#undef MATMUL

#define T double
#define S(name) name##_f64
#define MATMUL matmul_f64
#include "conv-impl.h"
#undef T
#undef S
#undef MATMUL
