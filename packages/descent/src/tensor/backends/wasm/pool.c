/*
 * Max and average pooling for WebAssembly, float32 and float64, forward and backward, over
 * P = N·C independent planes of H × W, as nn/layers/conv.ts's maxPool2d and avgPool2d
 * (PyTorch's F.max_pool2d and F.avg_pool2d with count_include_pad = True) define them:
 *
 *   max:  y[p, oh, ow] = max_{i, j} x[p, oh·sh − ph + i·dh, ow·sw − pw + j·dw]   (padding never wins)
 *         idx[p, oh, ow] = h·W + w of that maximum: the first one at ties, the first NaN if any
 *   avg:  y[p, oh, ow] = Σ_{i, j} x[p, …] / (kh·kw)                              (padding counts as 0)
 *
 * The compositions these replace (nn/layers/conv.ts): unfold2d the windows into columns, then
 * argmax + gather (max) or mean (avg) along the window axis, whose backward passes scatter
 * the gradient back through gather and fold2d. Here the forward pass is one sweep over the
 * windows, the max pass keeps each window's argmax as an int32 index into its plane, and
 * the backward passes are one sweep too:
 *
 *   max:  dx[p, idx[p, l]] += dy[p, l]
 *   avg:  dx[p, h, w] += dy[p, oh, ow] / (kh·kw) for every window (oh, ow) covering (h, w)
 *
 * What these save is mostly the bookkeeping (window tensors, index tensors, scatter plans) of
 * the composition. The one SIMD path is float32 max pooling with 2 × 2 windows and stride 2,
 * four windows at a time (below); elsewhere windows do not line up with vector lanes, and
 * the scalar loop uses selects rather than branches.
 *
 * Every kernel takes its geometry at `geo` = [H, W, kh, kw, sh, sw, ph, pw, dh, dw] and the
 * number of planes P; the output is Ho × Wo per plane, Ho = ⌊(H + 2ph − dh(kh − 1) − 1)/sh⌋ + 1.
 */
/* Two steps, so that S(name) is expanded before it is turned into the export's name. */
#define EXPORT_NAME(name) __attribute__((export_name(#name)))
#define EXPORT(name) EXPORT_NAME(name)

#include <wasm_simd128.h>

/* One step of a window maximum, four windows at a time: take v where it is larger or the first NaN. */
#define MAX_STEP(v, pos)                                                                            \
  do {                                                                                              \
    v128_t take = wasm_v128_or(wasm_f32x4_gt(v, best),                                              \
                               wasm_v128_and(wasm_f32x4_ne(v, v), wasm_f32x4_eq(best, best)));      \
    best = wasm_v128_bitselect(v, best, take);                                                      \
    at = wasm_v128_bitselect(pos, at, take);                                                        \
  } while (0)

/*
 * The bench's and most CNNs' pooling, 2 × 2 windows with stride 2 and no padding, float32,
 * four windows per step: two rows of eight inputs are split into their even and odd columns
 * (shuffles), which are the four candidates of four windows, compared in the scalar order
 * (top-left, top-right, bottom-left, bottom-right) with the same rule. Returns how many
 * windows of output row oh (input rows h0, h0 + 1) it wrote; the caller does the rest.
 */
static int maxpool_2x2_row_f32(const float *x, int W, int h0, int Wo, float *y, int *idx) {
  const float *r0 = x + h0 * W, *r1 = r0 + W;
  const v128_t lanes = wasm_i32x4_make(0, 2, 4, 6);
  int ow = 0;
  for (; ow + 4 <= Wo && 2 * ow + 8 <= W; ow += 4) {
    int w0 = 2 * ow;
    v128_t a0 = wasm_v128_load(r0 + w0), a1 = wasm_v128_load(r0 + w0 + 4);
    v128_t b0 = wasm_v128_load(r1 + w0), b1 = wasm_v128_load(r1 + w0 + 4);
    v128_t top_left = wasm_i32x4_shuffle(a0, a1, 0, 2, 4, 6), top_right = wasm_i32x4_shuffle(a0, a1, 1, 3, 5, 7);
    v128_t bottom_left = wasm_i32x4_shuffle(b0, b1, 0, 2, 4, 6), bottom_right = wasm_i32x4_shuffle(b0, b1, 1, 3, 5, 7);
    v128_t pos = wasm_i32x4_add(wasm_i32x4_splat(h0 * W + w0), lanes);
    v128_t best = top_left, at = pos;
    MAX_STEP(top_right, wasm_i32x4_add(pos, wasm_i32x4_splat(1)));
    MAX_STEP(bottom_left, wasm_i32x4_add(pos, wasm_i32x4_splat(W)));
    MAX_STEP(bottom_right, wasm_i32x4_add(pos, wasm_i32x4_splat(W + 1)));
    wasm_v128_store(y + ow, best);
    wasm_v128_store(idx + ow, at);
  }
  return ow;
}

#define T float
#define S(name) name##_f32
#define POOL_2X2_ROW maxpool_2x2_row_f32
#include "pool-impl.h"
#undef T
#undef S
#undef POOL_2X2_ROW

#define T double
#define S(name) name##_f64
#include "pool-impl.h"
#undef T
#undef S
