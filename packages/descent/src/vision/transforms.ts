/**
 * Random augmentations that compose like torchvision's transforms. A transform is an object
 * with `apply(x, generator?)`; the generator (descent/random) is passed explicitly, or the
 * default one is used (seed it with `manualSeed`), so a seeded pipeline is reproducible.
 *
 * Each works on one image (C, H, W) or a batch (N, C, H, W); in a batch every image draws
 * its own parameters (one crop offset, one angle per image), which is what augmentation in a
 * training loop wants. (torchvision's v2 transforms draw once per call instead.)
 *
 * ```ts
 * import { compose, RandomCrop, RandomHorizontalFlip, Normalize } from 'descent/vision';
 * const augment = compose([new RandomCrop(8, { padding: 1 }), new RandomHorizontalFlip(), new Normalize([0.5], [0.5])]);
 * const xb = augment.apply(images, new Generator(0));   // (N, 1, 8, 8) in, (N, 1, 8, 8) out
 * ```
 */
import { Tensor, concat, tensor } from '../tensor/index.js';
import { Generator, defaultGenerator } from '../random/generator.js';
import * as TF from './functional.js';
import { brightnessInPlace, contrastInPlace, saturationInPlace } from './color.js';

/** Anything that maps an image or batch to a new one, drawing randomness from `generator`. */
export interface Transform {
  apply(x: Tensor, generator?: Generator): Tensor;
}

/** A transform, or a plain function of (x, generator) (handy for a one-off augmentation). */
export type TransformLike = Transform | ((x: Tensor, generator: Generator) => Tensor);

/** Runs `fn` on each image of a batch with its own draws and stacks the results; an image goes straight through. */
function perImage(x: Tensor, fn: (img: Tensor) => Tensor): Tensor {
  if (x.ndim === 3) return fn(x);
  return concat(Array.from({ length: x.shape[0] }, (_, n) => fn(x.select(0, n)).unsqueeze(0)), 0);
}

/**
 * Flips each image of x (one image or a batch) with probability p, left–right or top–bottom,
 * in one pass over the values (the same as TF.hflip / TF.vflip per image).
 */
function flipEach(x: Tensor, p: number, generator: Generator, horizontal: boolean): Tensor {
  const [N, C, H, W] = x.ndim === 4 ? x.shape : [1, ...x.shape];
  const src = x.toTypedArray();
  const out = new Float64Array(src.length);
  for (let n = 0; n < N; n++) {
    const flip = generator.random() < p;
    for (let c = 0; c < C; c++) {
      const base = (n * C + c) * H * W;
      for (let i = 0; i < H; i++) {
        for (let j = 0; j < W; j++) {
          const si = flip && !horizontal ? H - 1 - i : i, sj = flip && horizontal ? W - 1 - j : j;
          out[base + i * W + j] = src[base + si * W + sj];
        }
      }
    }
  }
  return tensor(out, { dtype: x.dtype, shape: [...x.shape] });
}

function probability(cls: string, p: number): number {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`${cls}: p must be a probability in [0, 1], got ${p}`);
  return p;
}

/**
 * Chains transforms left to right, handing each the same generator.
 *
 * ```ts
 * const t = compose([new RandomHorizontalFlip(), (x) => x.mul(2)]);
 * t.apply(img, new Generator(1));
 * ```
 */
export function compose(transforms: readonly TransformLike[]): Transform {
  if (!Array.isArray(transforms)) throw new TypeError('compose: expected an array of transforms');
  transforms.forEach((t, i) => {
    if (typeof t !== 'function' && (t === null || typeof t !== 'object' || typeof t.apply !== 'function')) {
      throw new TypeError(`compose: item ${i} is neither a transform (an object with apply(x, generator)) nor a function`);
    }
  });
  return {
    apply(x: Tensor, generator: Generator = defaultGenerator): Tensor {
      return transforms.reduce((acc, t) => (typeof t === 'function' ? t(acc, generator) : t.apply(acc, generator)), x);
    },
  };
}

/** Mirrors each image left–right with probability p (default 0.5). */
export class RandomHorizontalFlip implements Transform {
  constructor(readonly p = 0.5) { probability('RandomHorizontalFlip', p); }
  apply(x: Tensor, generator: Generator = defaultGenerator): Tensor {
    TF.checkImage('RandomHorizontalFlip', x);
    return flipEach(x, this.p, generator, true);
  }
}

/** Mirrors each image top–bottom with probability p (default 0.5). */
export class RandomVerticalFlip implements Transform {
  constructor(readonly p = 0.5) { probability('RandomVerticalFlip', p); }
  apply(x: Tensor, generator: Generator = defaultGenerator): Tensor {
    TF.checkImage('RandomVerticalFlip', x);
    return flipEach(x, this.p, generator, false);
  }
}

/**
 * Pads by `padding` (filled with `fill`), then cuts a size×size (or [h, w]) window at a
 * uniformly random offset: the standard CIFAR augmentation is RandomCrop(32, { padding: 4 }).
 */
export class RandomCrop implements Transform {
  readonly size: [number, number];
  constructor(size: number | [number, number], readonly options: { padding?: TF.Padding; fill?: number } = {}) {
    this.size = typeof size === 'number' ? [size, size] : size;
    if (this.size.some((s) => !Number.isInteger(s) || s < 1)) throw new RangeError(`RandomCrop: size must be a positive integer or [height, width], got ${JSON.stringify(size)}`);
  }
  apply(x: Tensor, generator: Generator = defaultGenerator): Tensor {
    TF.checkImage('RandomCrop', x);
    const padded = this.options.padding === undefined ? x : TF.pad(x, this.options.padding, this.options.fill ?? 0);
    const H = padded.shape[padded.ndim - 2], W = padded.shape[padded.ndim - 1];
    const [h, w] = this.size;
    if (h > H || w > W) throw new RangeError(`RandomCrop: the crop ${h}×${w} is larger than the padded image ${H}×${W}; crop smaller or pad more`);
    if (x.ndim === 3) return TF.crop(padded, generator.integers(0, H - h + 1), generator.integers(0, W - w + 1), h, w);
    // A batch in one pass over the values (the same as TF.crop per image, without a tensor per image).
    const [N, C] = padded.shape;
    const src = padded.toTypedArray();
    const out = new Float64Array(N * C * h * w);
    for (let n = 0; n < N; n++) {
      const top = generator.integers(0, H - h + 1), left = generator.integers(0, W - w + 1);
      for (let c = 0; c < C; c++) {
        const from = (n * C + c) * H * W, to = (n * C + c) * h * w;
        for (let i = 0; i < h; i++) for (let j = 0; j < w; j++) out[to + i * w + j] = src[from + (top + i) * W + left + j];
      }
    }
    return tensor(out, { dtype: x.dtype, shape: [N, C, h, w] });
  }
}

/** Rotates each image by an angle drawn uniformly from [−degrees, degrees] (or [min, max]), bilinear. */
export class RandomRotation implements Transform {
  readonly range: [number, number];
  constructor(degrees: number | [number, number]) {
    this.range = typeof degrees === 'number' ? [-degrees, degrees] : degrees;
    if (!(this.range[0] <= this.range[1]) || (typeof degrees === 'number' && degrees < 0)) {
      throw new RangeError(`RandomRotation: degrees must be a number >= 0 or [min, max] with min <= max, got ${JSON.stringify(degrees)}`);
    }
  }
  apply(x: Tensor, generator: Generator = defaultGenerator): Tensor {
    TF.checkImage('RandomRotation', x);
    const [N, C, H, W] = x.ndim === 4 ? x.shape : [1, ...x.shape];
    const src = x.toTypedArray();
    const out = new Float64Array(src.length);
    for (let n = 0; n < N; n++) TF.rotatePlanes(src, out, n * C, C, H, W, generator.uniform(this.range[0], this.range[1]));
    return tensor(out, { dtype: x.dtype, shape: [...x.shape] });
  }
}

export interface ColorJitterOptions {
  /** The factor is drawn from [max(0, 1 − b), 1 + b] (default 0: unchanged). */
  brightness?: number;
  contrast?: number;
  /** RGB images only. */
  saturation?: number;
}

/**
 * Changes brightness, contrast and (for RGB) saturation by random factors, applied in a
 * random order, as torchvision's ColorJitter (without hue). Pixel values are taken to lie in
 * [0, 1] and are clamped there.
 */
export class ColorJitter implements Transform {
  constructor(readonly options: ColorJitterOptions = {}) {
    for (const k of ['brightness', 'contrast', 'saturation'] as const) {
      const v = options[k] ?? 0;
      if (!(v >= 0) || !Number.isFinite(v)) throw new RangeError(`ColorJitter: ${k} must be a finite number >= 0, got ${v}`);
    }
  }
  apply(x: Tensor, generator: Generator = defaultGenerator): Tensor {
    TF.checkImage('ColorJitter', x);
    const C = x.shape[x.ndim - 3];
    if ((this.options.saturation ?? 0) > 0 && C !== 3) throw new RangeError(`ColorJitter: saturation needs 3-channel (RGB) images, got ${C} channels; leave saturation at 0 for grey images`);
    if (C !== 1 && C !== 3) throw new RangeError(`ColorJitter: expected 1 or 3 channels, got ${C}`);
    const ops: [number, (v: Float64Array, f: number) => void][] = [
      [this.options.brightness ?? 0, brightnessInPlace],
      [this.options.contrast ?? 0, (v, f) => contrastInPlace(v, C, f)],
      [this.options.saturation ?? 0, saturationInPlace],
    ];
    // Each image in turn, in place on a copy of the values (color.ts holds the formulas TF uses).
    const out = Float64Array.from(x.toTypedArray());
    const N = x.ndim === 4 ? x.shape[0] : 1, size = out.length / N;
    for (let n = 0; n < N; n++) {
      const v = out.subarray(n * size, (n + 1) * size);
      for (const k of generator.permutation(3)) {
        const [b, op] = ops[k];
        if (b > 0) op(v, generator.uniform(Math.max(0, 1 - b), 1 + b));
      }
    }
    return tensor(out, { dtype: x.dtype, shape: [...x.shape] });
  }
}

/**
 * Cutout (DeVries & Taylor 2017, arXiv:1708.04552): with probability p, a size×size square
 * centred on a uniformly random pixel is set to `value`, clipped at the border, so part of
 * the square may fall outside.
 */
export class Cutout implements Transform {
  constructor(readonly size: number, readonly options: { p?: number; value?: number } = {}) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`Cutout: size must be a positive integer, got ${size}`);
    probability('Cutout', options.p ?? 1);
  }
  apply(x: Tensor, generator: Generator = defaultGenerator): Tensor {
    TF.checkImage('Cutout', x);
    const H = x.shape[x.ndim - 2], W = x.shape[x.ndim - 1];
    return perImage(x, (img) => {
      if (generator.random() >= (this.options.p ?? 1)) return img;
      const cy = generator.integers(0, H), cx = generator.integers(0, W);
      const top = cy - Math.floor(this.size / 2), left = cx - Math.floor(this.size / 2);
      return TF.erase(img, top, left, this.size, this.size, this.options.value ?? 0);
    });
  }
}

export interface RandomErasingOptions {
  /** Probability of erasing (default 0.5). */
  p?: number;
  /** Range of the erased area as a fraction of the image (default [0.02, 0.33]). */
  scale?: [number, number];
  /** Range of the box's aspect ratio h/w, drawn log-uniformly (default [0.3, 3.3]). */
  ratio?: [number, number];
  /** The fill value (default 0). */
  value?: number;
}

/**
 * Random erasing (Zhong et al. 2020, AAAI, arXiv:1708.04896), with torchvision's sampling:
 * up to ten tries for a box of random area and aspect ratio that fits, else no change.
 */
export class RandomErasing implements Transform {
  constructor(readonly options: RandomErasingOptions = {}) {
    probability('RandomErasing', options.p ?? 0.5);
    const [s0, s1] = options.scale ?? [0.02, 0.33], [r0, r1] = options.ratio ?? [0.3, 3.3];
    if (!(s0 > 0 && s0 <= s1 && s1 <= 1)) throw new RangeError(`RandomErasing: scale must be [min, max] with 0 < min <= max <= 1, got ${JSON.stringify(options.scale)}`);
    if (!(r0 > 0 && r0 <= r1)) throw new RangeError(`RandomErasing: ratio must be [min, max] with 0 < min <= max, got ${JSON.stringify(options.ratio)}`);
  }
  apply(x: Tensor, generator: Generator = defaultGenerator): Tensor {
    TF.checkImage('RandomErasing', x);
    const H = x.shape[x.ndim - 2], W = x.shape[x.ndim - 1];
    const [s0, s1] = this.options.scale ?? [0.02, 0.33], [r0, r1] = this.options.ratio ?? [0.3, 3.3];
    return perImage(x, (img) => {
      if (generator.random() >= (this.options.p ?? 0.5)) return img;
      for (let attempt = 0; attempt < 10; attempt++) {
        const area = H * W * generator.uniform(s0, s1);
        const aspect = Math.exp(generator.uniform(Math.log(r0), Math.log(r1)));
        const h = Math.round(Math.sqrt(area * aspect)), w = Math.round(Math.sqrt(area / aspect));
        if (h < 1 || w < 1 || h >= H || w >= W) continue;
        return TF.erase(img, generator.integers(0, H - h + 1), generator.integers(0, W - w + 1), h, w, this.options.value ?? 0);
      }
      return img;
    });
  }
}

/** (x − mean[c]) / std[c] per channel (deterministic; see TF.normalize). */
export class Normalize implements Transform {
  constructor(readonly mean: readonly number[], readonly std: readonly number[]) {}
  apply(x: Tensor): Tensor { return TF.normalize(x, this.mean, this.std); }
}
