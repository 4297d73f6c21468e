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
 * No SIMD: a 2 × 2 window has four values and the windows do not line up with vector lanes;
 * what these save is the bookkeeping (window tensors, index tensors, scatter plans) of the
 * composition, not arithmetic. Pooling is cheap next to the convolutions around it.
 *
 * Every kernel takes its geometry at `geo` = [H, W, kh, kw, sh, sw, ph, pw, dh, dw] and the
 * number of planes P; the output is Ho × Wo per plane, Ho = ⌊(H + 2ph − dh(kh − 1) − 1)/sh⌋ + 1.
 */
/* Two steps, so that S(name) is expanded before it is turned into the export's name. */
#define EXPORT_NAME(name) __attribute__((export_name(#name)))
#define EXPORT(name) EXPORT_NAME(name)

#define T float
#define S(name) name##_f32
#include "pool-impl.h"
#undef T
#undef S

#define T double
#define S(name) name##_f64
#include "pool-impl.h"
#undef T
#undef S
