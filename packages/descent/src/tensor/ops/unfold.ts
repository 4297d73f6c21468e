/**
 * im2col: the sliding windows of an image batch laid out as columns, so that a
 * convolution becomes one matrix product (Chellapilla et al. 2006).
 *
 * unfold(x): (N, C, H, W) → (N, C·kh·kw, L), L = Hout·Wout, with
 *   Hout = ⌊(H + 2·ph − dh·(kh − 1) − 1)/sh⌋ + 1 (likewise Wout), PyTorch's `F.unfold`.
 * Column l holds the window at output position l; row (c, i, j) the input pixel
 * x[c, oh·sh − ph + i·dh, ow·sw − pw + j·dw], or 0 in the padding.
 *
 * Backward: every input pixel receives the sum of the gradients of the window entries it
 * was copied to: `fold`, col2im, which scatter-adds columns back into an image.
 */
import { Tensor, fromOp } from '../tensor.js';
import { allocate } from '../dtype.js';
import { fmtShape } from '../shape.js';

export interface Unfold2dOptions {
  kernelSize: [number, number];
  stride?: [number, number];
  padding?: [number, number];
  dilation?: [number, number];
}

interface Geometry { N: number; C: number; H: number; W: number; kh: number; kw: number; sh: number; sw: number; ph: number; pw: number; dh: number; dw: number; Ho: number; Wo: number }

function geometry(op: string, shape: readonly number[], o: Unfold2dOptions): Geometry {
  if (shape.length !== 4) throw new RangeError(`${op}: expected input of shape (N, C, H, W), got ${fmtShape(shape)}`);
  const [N, C, H, W] = shape;
  const [kh, kw] = o.kernelSize;
  const [sh, sw] = o.stride ?? [1, 1];
  const [ph, pw] = o.padding ?? [0, 0];
  const [dh, dw] = o.dilation ?? [1, 1];
  for (const v of [kh, kw, sh, sw, dh, dw]) if (!Number.isInteger(v) || v < 1) throw new RangeError(`${op}: kernel size, stride and dilation must be positive integers`);
  for (const v of [ph, pw]) if (!Number.isInteger(v) || v < 0) throw new RangeError(`${op}: padding must be a non-negative integer, got ${v}`);
  const Ho = Math.floor((H + 2 * ph - dh * (kh - 1) - 1) / sh) + 1;
  const Wo = Math.floor((W + 2 * pw - dw * (kw - 1) - 1) / sw) + 1;
  if (Ho < 1 || Wo < 1) {
    throw new RangeError(`${op}: the ${kh}×${kw} kernel (dilation ${dh}×${dw}) does not fit the ${H}×${W} input with padding ${ph}×${pw}; use a smaller kernel or more padding`);
  }
  return { N, C, H, W, kh, kw, sh, sw, ph, pw, dh, dw, Ho, Wo };
}

export function unfold2d(x: Tensor, options: Unfold2dOptions): Tensor {
  const g = geometry('unfold2d', x.shape, options);
  const src = x.contiguous();
  const S = src.data;
  const base = src.offset;
  const rows = g.C * g.kh * g.kw;
  const L = g.Ho * g.Wo;
  const out = allocate(x.dtype, g.N * rows * L);
  for (let n = 0; n < g.N; n++) {
    for (let c = 0; c < g.C; c++) {
      const plane = base + (n * g.C + c) * g.H * g.W;
      for (let i = 0; i < g.kh; i++) {
        for (let j = 0; j < g.kw; j++) {
          const row = (c * g.kh + i) * g.kw + j;
          let o = (n * rows + row) * L;
          for (let oh = 0; oh < g.Ho; oh++) {
            const h = oh * g.sh - g.ph + i * g.dh;
            if (h < 0 || h >= g.H) { o += g.Wo; continue; } // a row of padding: zeros
            const line = plane + h * g.W;
            for (let ow = 0; ow < g.Wo; ow++, o++) {
              const w = ow * g.sw - g.pw + j * g.dw;
              if (w >= 0 && w < g.W) out[o] = S[line + w];
            }
          }
        }
      }
    }
  }
  return fromOp(out, [g.N, rows, L], x.dtype, 'unfold2d', [x], (grad) => [fold2d(grad, [g.H, g.W], options)]);
}

/** col2im: sums columns (N, C·kh·kw, L) back into images (N, C, H, W); the adjoint of unfold2d. */
export function fold2d(cols: Tensor, outputSize: [number, number], options: Unfold2dOptions): Tensor {
  const [kh, kw] = options.kernelSize;
  if (cols.ndim !== 3 || cols.shape[1] % (kh * kw) !== 0) {
    throw new RangeError(`fold2d: expected columns of shape (N, C·${kh}·${kw}, L), got ${fmtShape(cols.shape)}`);
  }
  const C = cols.shape[1] / (kh * kw);
  const g = geometry('fold2d', [cols.shape[0], C, outputSize[0], outputSize[1]], options);
  if (g.Ho * g.Wo !== cols.shape[2]) throw new RangeError(`fold2d: ${cols.shape[2]} columns, but a ${outputSize.join('×')} output has ${g.Ho * g.Wo} windows`);
  const src = cols.contiguous();
  const S = src.data;
  const rows = C * kh * kw;
  const L = g.Ho * g.Wo;
  const out = allocate(cols.dtype, g.N * C * g.H * g.W);
  for (let n = 0; n < g.N; n++) {
    for (let c = 0; c < C; c++) {
      const plane = (n * C + c) * g.H * g.W;
      for (let i = 0; i < kh; i++) {
        for (let j = 0; j < kw; j++) {
          const row = (c * kh + i) * kw + j;
          let o = src.offset + (n * rows + row) * L;
          for (let oh = 0; oh < g.Ho; oh++) {
            const h = oh * g.sh - g.ph + i * g.dh;
            if (h < 0 || h >= g.H) { o += g.Wo; continue; }
            const line = plane + h * g.W;
            for (let ow = 0; ow < g.Wo; ow++, o++) {
              const w = ow * g.sw - g.pw + j * g.dw;
              if (w >= 0 && w < g.W) out[line + w] += S[o];
            }
          }
        }
      }
    }
  }
  return fromOp(out, [g.N, C, g.H, g.W], cols.dtype, 'fold2d', [cols], (grad) => [unfold2d(grad, options)]);
}
