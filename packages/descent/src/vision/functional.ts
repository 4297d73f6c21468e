/**
 * Deterministic image operations, named after torchvision.transforms.functional (imported
 * here as `TF`). Every function takes one image (C, H, W) or a batch (N, C, H, W) of float
 * images, values in [0, 1] where clamping matters (the colour adjustments), and returns a new
 * tensor of the same dtype. The random transforms in transforms.ts draw parameters and call
 * these.
 *
 * Flips, padding, cropping and normalize are tensor ops, so gradients flow through them;
 * rotate, resize and the colour adjustments work on the values directly (they belong to the
 * data pipeline, before any parameter is touched).
 *
 * Conventions follow torchvision 0.14 on tensors, and test/vision/golden.test.ts checks them
 * against it (tools/fixtures/vision_transforms.py).
 */
import { Tensor, tensor } from '../tensor/index.js';
import { fmtShape } from '../tensor/shape.js';
import { brightnessInPlace, contrastInPlace, luma, saturationInPlace } from './color.js';

/** Throws unless x is (C, H, W) or (N, C, H, W) with a float dtype. */
export function checkImage(op: string, x: Tensor): void {
  if (!(x instanceof Tensor)) throw new TypeError(`${op}: expected an image tensor (C, H, W) or a batch (N, C, H, W), got ${typeof x}`);
  if (x.ndim !== 3 && x.ndim !== 4) {
    throw new RangeError(`${op}: expected an image (C, H, W) or a batch (N, C, H, W), got shape ${fmtShape(x.shape)}; add a channel axis with x.unsqueeze(0) for a grey (H, W) image`);
  }
  if (x.dtype !== 'float32' && x.dtype !== 'float64') {
    throw new TypeError(`${op}: expected a float image, got dtype ${x.dtype}; convert with x.astype('float32') (and divide by 255 for 8-bit pixels)`);
  }
}

/** The (N, C, H, W) sizes of an image or batch (N = 1 for one image). */
function dims(x: Tensor): [number, number, number, number] {
  const s = x.shape;
  return x.ndim === 4 ? [s[0], s[1], s[2], s[3]] : [1, s[0], s[1], s[2]];
}

/** Wraps a plain array of values in a tensor shaped and typed like `like`. */
function likeOf(values: Float64Array, like: Tensor, shape: readonly number[] = like.shape): Tensor {
  return tensor(values, { dtype: like.dtype, shape: [...shape] });
}

/**
 * Mirrors left–right (the width axis).
 *
 * ```ts
 * hflip(tensor([[[1, 2, 3]]])).toArray();   // [[[3, 2, 1]]]
 * ```
 */
export function hflip(x: Tensor): Tensor {
  checkImage('hflip', x);
  return x.flip(-1);
}

/** Mirrors top–bottom (the height axis). `vflip(tensor([[[1], [2]]]))` is [[[2], [1]]]. */
export function vflip(x: Tensor): Tensor {
  checkImage('vflip', x);
  return x.flip(-2);
}

/** Padding widths as torchvision reads them: p, [left/right, top/bottom] or [left, top, right, bottom]. */
export type Padding = number | [number, number] | [number, number, number, number];

function padWidths(op: string, padding: Padding): [number, number, number, number] {
  const p = typeof padding === 'number' ? [padding, padding, padding, padding]
    : padding.length === 2 ? [padding[0], padding[1], padding[0], padding[1]] : [...padding];
  if (p.length !== 4 || p.some((v) => !Number.isInteger(v) || v < 0)) {
    throw new RangeError(`${op}: padding must be a non-negative integer, [leftRight, topBottom] or [left, top, right, bottom], got ${JSON.stringify(padding)}`);
  }
  return p as [number, number, number, number];
}

/**
 * Pads the two spatial axes with a constant (torchvision's padding_mode 'constant').
 *
 * ```ts
 * pad(ones([1, 2, 2]), 1).shape;   // [1, 4, 4], a ring of zeros around the ones
 * ```
 */
export function pad(x: Tensor, padding: Padding, fill = 0): Tensor {
  checkImage('pad', x);
  const [l, t, r, b] = padWidths('pad', padding);
  const lead: [number, number][] = x.ndim === 4 ? [[0, 0], [0, 0]] : [[0, 0]];
  return x.pad([...lead, [t, b], [l, r]], fill);
}

/**
 * The height×width window whose top-left pixel is (top, left). The window must lie inside
 * the image (pad first to crop beyond the border, as RandomCrop does).
 *
 * ```ts
 * crop(arange(16).reshape([1, 4, 4]).astype('float32'), 1, 2, 2, 2).toArray();   // [[[6, 7], [10, 11]]]
 * ```
 */
export function crop(x: Tensor, top: number, left: number, height: number, width: number): Tensor {
  checkImage('crop', x);
  const [, , H, W] = dims(x);
  for (const v of [top, left, height, width]) if (!Number.isInteger(v)) throw new TypeError(`crop: top, left, height and width must be integers, got ${[top, left, height, width].join(', ')}`);
  if (top < 0 || left < 0 || height < 1 || width < 1 || top + height > H || left + width > W) {
    throw new RangeError(`crop: the ${height}×${width} window at (${top}, ${left}) does not fit the ${H}×${W} image; pad the image first`);
  }
  const rows: [number, number] = [top, top + height], cols: [number, number] = [left, left + width];
  return x.ndim === 4 ? x.slice(null, null, rows, cols) : x.slice(null, rows, cols);
}

/**
 * Bilinear sample of one channel plane at (row, col), zero outside the image, as PyTorch's
 * grid_sample (align_corners = false, padding 'zeros'): each of the four neighbours that lies
 * outside contributes nothing.
 */
function bilinearAt(src: ArrayLike<number>, base: number, H: number, W: number, row: number, col: number): number {
  const r0 = Math.floor(row), c0 = Math.floor(col);
  const fr = row - r0, fc = col - c0;
  const tap = (r: number, c: number) => (r < 0 || r >= H || c < 0 || c >= W ? 0 : src[base + r * W + c]);
  return (1 - fr) * ((1 - fc) * tap(r0, c0) + fc * tap(r0, c0 + 1)) + fr * ((1 - fc) * tap(r0 + 1, c0) + fc * tap(r0 + 1, c0 + 1));
}

/**
 * Rotates `planes` consecutive H×W planes of `src`, starting at plane `first`, into `out`
 * (the loop behind `rotate`, shared with RandomRotation, which draws one angle per image).
 */
export function rotatePlanes(src: ArrayLike<number>, out: Float64Array, first: number, planes: number, H: number, W: number, angle: number): void {
  const th = (angle * Math.PI) / 180;
  const cos = Math.cos(th), sin = Math.sin(th);
  const cx = (W - 1) / 2, cy = (H - 1) / 2;
  for (let i = 0; i < H; i++) {
    const y = i - cy;
    for (let j = 0; j < W; j++) {
      const xx = j - cx;
      const col = cx + xx * cos - y * sin, row = cy + xx * sin + y * cos;
      for (let p = first; p < first + planes; p++) out[p * H * W + i * W + j] = bilinearAt(src, p * H * W, H, W, row, col);
    }
  }
}

/**
 * Rotates counter-clockwise by `angle` degrees about the image centre, keeping the size, with
 * bilinear interpolation; pixels that come from outside the image are 0 (torchvision's
 * `rotate(img, angle, InterpolationMode.BILINEAR)` with fill None).
 *
 * Convention (torchvision's): output pixel (i, j) sits at x = j − (W−1)/2, y = i − (H−1)/2
 * (y pointing down); it reads the input at column (W−1)/2 + x·cos θ − y·sin θ and row
 * (H−1)/2 + x·sin θ + y·cos θ.
 *
 * ```ts
 * rotate(img, 90);   // a quarter turn counter-clockwise: the top row becomes the left column
 * ```
 */
export function rotate(x: Tensor, angle: number): Tensor {
  checkImage('rotate', x);
  if (!Number.isFinite(angle)) throw new RangeError(`rotate: angle must be a finite number of degrees, got ${angle}`);
  const [N, C, H, W] = dims(x);
  const src = x.toTypedArray();
  const out = new Float64Array(src.length);
  rotatePlanes(src, out, 0, N * C, H, W, angle);
  return likeOf(out, x);
}

/**
 * Bilinear resize to (height, width), as `torch.nn.functional.interpolate(mode='bilinear',
 * align_corners=False)`: output pixel i reads input row (i + 0.5)·H/height − 0.5, clamped at
 * 0, with the edge pixel repeated beyond the last row. Grad-CAM uses it to bring a heatmap up
 * to the input's size.
 *
 * ```ts
 * resize(ones([1, 2, 2]), [4, 4]).shape;   // [1, 4, 4]
 * ```
 */
export function resize(x: Tensor, size: [number, number]): Tensor {
  checkImage('resize', x);
  const [h, w] = size;
  if (!Number.isInteger(h) || !Number.isInteger(w) || h < 1 || w < 1) throw new RangeError(`resize: size must be two positive integers [height, width], got ${JSON.stringify(size)}`);
  const [N, C, H, W] = dims(x);
  const src = x.toTypedArray();
  const out = new Float64Array(N * C * h * w);
  const taps = (n: number, from: number): [number, number, number][] => Array.from({ length: n }, (_, i) => {
    const s = Math.max((i + 0.5) * (from / n) - 0.5, 0);
    const a = Math.min(Math.floor(s), from - 1);
    const b = Math.min(a + 1, from - 1);
    return [a, b, s - a];
  });
  const rows = taps(h, H), cols = taps(w, W);
  for (let p = 0; p < N * C; p++) {
    const base = p * H * W;
    for (let i = 0; i < h; i++) {
      const [r0, r1, fr] = rows[i];
      for (let j = 0; j < w; j++) {
        const [c0, c1, fc] = cols[j];
        const top = (1 - fc) * src[base + r0 * W + c0] + fc * src[base + r0 * W + c1];
        const bot = (1 - fc) * src[base + r1 * W + c0] + fc * src[base + r1 * W + c1];
        out[p * h * w + i * w + j] = (1 - fr) * top + fr * bot;
      }
    }
  }
  return likeOf(out, x, x.ndim === 4 ? [N, C, h, w] : [C, h, w]);
}

/**
 * (x − mean[c]) / std[c] for each channel c, as torchvision's Normalize.
 *
 * ```ts
 * normalize(img, [0.5], [0.5]);   // [0, 1] pixels to [−1, 1]
 * ```
 */
export function normalize(x: Tensor, mean: readonly number[], std: readonly number[]): Tensor {
  checkImage('normalize', x);
  const C = dims(x)[1];
  if (mean.length !== C || std.length !== C) {
    throw new RangeError(`normalize: the image has ${C} channels but mean has ${mean.length} and std ${std.length} entries; give one per channel`);
  }
  if (std.some((s) => !(s > 0))) throw new RangeError(`normalize: every std must be > 0, got ${JSON.stringify(std)}`);
  const shape = x.ndim === 4 ? [1, C, 1, 1] : [C, 1, 1];
  return x.sub(tensor([...mean], { dtype: x.dtype }).reshape(shape)).div(tensor([...std], { dtype: x.dtype }).reshape(shape));
}

/** ITU-R 601-2 luma, torchvision's weights: 0.2989·R + 0.587·G + 0.114·B, keeping a channel axis of 1. */
export function rgbToGrayscale(x: Tensor): Tensor {
  checkImage('rgbToGrayscale', x);
  const [N, C, H, W] = dims(x);
  if (C !== 3) throw new RangeError(`rgbToGrayscale: expected 3 channels (RGB), got ${C}`);
  const src = x.toTypedArray();
  const out = new Float64Array(N * H * W);
  for (let n = 0; n < N; n++) for (let k = 0; k < H * W; k++) out[n * H * W + k] = luma(src, n * 3 * H * W + k, H * W);
  return likeOf(out, x, x.ndim === 4 ? [N, 1, H, W] : [1, H, W]);
}

function checkFactor(op: string, f: number): void {
  if (!(f >= 0) || !Number.isFinite(f)) throw new RangeError(`${op}: the factor must be a finite number >= 0, got ${f}`);
}

/** Runs an in-place kernel of color.ts on each image's values, into a new tensor. */
function eachImageValues(x: Tensor, fn: (v: Float64Array) => void): Tensor {
  const [N] = dims(x);
  const out = Float64Array.from(x.toTypedArray());
  const size = out.length / N;
  for (let n = 0; n < N; n++) fn(out.subarray(n * size, (n + 1) * size));
  return likeOf(out, x);
}

/** Scales every pixel by `factor` (0 gives black, 1 the image), clamped to [0, 1]. */
export function adjustBrightness(x: Tensor, factor: number): Tensor {
  checkImage('adjustBrightness', x);
  checkFactor('adjustBrightness', factor);
  return eachImageValues(x, (v) => brightnessInPlace(v, factor));
}

/**
 * Blends each image with its mean grey level (0 gives flat grey, 1 the image), clamped. The
 * grey level is the mean of the luma for RGB, of the image itself for one channel.
 */
export function adjustContrast(x: Tensor, factor: number): Tensor {
  checkImage('adjustContrast', x);
  checkFactor('adjustContrast', factor);
  const C = dims(x)[1];
  if (C !== 1 && C !== 3) throw new RangeError(`adjustContrast: expected 1 or 3 channels, got ${C}`);
  return eachImageValues(x, (v) => contrastInPlace(v, C, factor));
}

/** Blends each pixel with its own grey level (0 gives greyscale, 1 the image); RGB only. */
export function adjustSaturation(x: Tensor, factor: number): Tensor {
  checkImage('adjustSaturation', x);
  checkFactor('adjustSaturation', factor);
  const C = dims(x)[1];
  if (C !== 3) throw new RangeError(`adjustSaturation: expected 3 channels (RGB), got ${C}; saturation has no meaning for grey images`);
  return eachImageValues(x, (v) => saturationInPlace(v, factor));
}

/**
 * Sets the height×width box at (top, left) to `value` in every channel (torchvision's
 * `erase`); the box is clipped to the image.
 */
export function erase(x: Tensor, top: number, left: number, height: number, width: number, value = 0): Tensor {
  checkImage('erase', x);
  const [N, C, H, W] = dims(x);
  const out = Float64Array.from(x.toTypedArray());
  const r0 = Math.max(0, top), r1 = Math.min(H, top + height), c0 = Math.max(0, left), c1 = Math.min(W, left + width);
  for (let p = 0; p < N * C; p++) {
    for (let i = r0; i < r1; i++) for (let j = c0; j < c1; j++) out[p * H * W + i * W + j] = value;
  }
  return likeOf(out, x);
}
