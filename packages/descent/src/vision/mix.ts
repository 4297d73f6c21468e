/**
 * Batch-level augmentations that mix pairs of examples and their labels: mixup and CutMix.
 * Each pairs example i with example perm[i] of the same batch and returns the mixed inputs,
 * soft targets (rows of class probabilities that sum to 1) and the mixing weight λ; train on
 * them with `F.crossEntropy(logits, y)`, which accepts soft targets.
 *
 * ```ts
 * const { x, y, lambda } = mixup(images, labels, { numClasses: 10, alpha: 0.2, generator: new Generator(0) });
 * const loss = F.crossEntropy(model.forward(x), y);
 * ```
 */
import { Tensor, tensor } from '../tensor/index.js';
import { Generator, defaultGenerator } from '../random/generator.js';
import { gammaSample } from '../stats/distributions/gamma.js';
import { fmtShape } from '../tensor/shape.js';

export interface MixOptions {
  /** Number of classes, for the one-hot targets. */
  numClasses: number;
  /** λ ~ Beta(alpha, alpha) (default 1: uniform on [0, 1]). */
  alpha?: number;
  generator?: Generator;
}

export interface MixResult {
  /** The mixed batch, shaped like the input. */
  x: Tensor;
  /** Soft targets (N, numClasses): λ·onehot(y) + (1 − λ)·onehot(y[perm]). */
  y: Tensor;
  /** The weight of each example's own label (for CutMix, the area actually kept). */
  lambda: number;
  /** Example i was mixed with example perm[i]. */
  perm: number[];
}

/** Beta(α, α) as X/(X + Y) with X, Y ~ Gamma(α). */
function sampleBeta(alpha: number, g: Generator): number {
  const a = gammaSample(alpha, g);
  return a / (a + gammaSample(alpha, g));
}

function check(op: string, x: Tensor, y: Tensor | readonly number[], options: MixOptions): { labels: number[]; alpha: number; g: Generator } {
  if (!(x instanceof Tensor) || x.ndim < 2) throw new RangeError(`${op}: expected a batch x of shape (N, …), got ${x instanceof Tensor ? fmtShape(x.shape) : typeof x}`);
  if (x.dtype !== 'float32' && x.dtype !== 'float64') throw new TypeError(`${op}: expected float inputs, got dtype ${x.dtype}`);
  const labels = y instanceof Tensor ? Array.from(y.toTypedArray(), Number) : [...y];
  const K = options?.numClasses;
  if (!Number.isInteger(K) || K < 1) throw new RangeError(`${op}: numClasses must be a positive integer, got ${K}`);
  if (labels.length !== x.shape[0]) throw new RangeError(`${op}: x has ${x.shape[0]} examples but y has ${labels.length} labels`);
  labels.forEach((c, i) => {
    if (!Number.isInteger(c) || c < 0 || c >= K) throw new RangeError(`${op}: label ${i} is ${c}; labels must be integers in [0, ${K - 1}]`);
  });
  const alpha = options.alpha ?? 1;
  if (!(alpha > 0) || !Number.isFinite(alpha)) throw new RangeError(`${op}: alpha must be a finite number > 0, got ${alpha}`);
  return { labels, alpha, g: options.generator ?? defaultGenerator };
}

function softTargets(labels: number[], perm: number[], K: number, lambda: number, dtype: Tensor['dtype']): Tensor {
  const out = new Float64Array(labels.length * K);
  labels.forEach((c, i) => {
    out[i * K + c] += lambda;
    out[i * K + labels[perm[i]]] += 1 - lambda;
  });
  return tensor(out, { dtype, shape: [labels.length, K] });
}

/**
 * mixup (Zhang et al. 2018, "mixup: Beyond Empirical Risk Minimization", ICLR):
 * x̃ = λ·x_i + (1 − λ)·x_perm[i], ỹ = λ·y_i + (1 − λ)·y_perm[i], λ ~ Beta(α, α), one λ per batch.
 */
export function mixup(x: Tensor, y: Tensor | readonly number[], options: MixOptions): MixResult {
  const { labels, alpha, g } = check('mixup', x, y, options);
  const lambda = sampleBeta(alpha, g);
  const perm = g.permutation(x.shape[0]);
  const mixed = x.mul(lambda).add(x.indexSelect(0, perm).mul(1 - lambda));
  return { x: mixed, y: softTargets(labels, perm, options.numClasses, lambda, x.dtype), lambda, perm };
}

/**
 * CutMix (Yun et al. 2019, ICCV, arXiv:1905.04899, algorithm A1): a box of area (1 − λ)·H·W,
 * centred uniformly and clipped at the border, is pasted from example perm[i] into example
 * i; λ is then recomputed as the fraction of pixels kept, so the labels match the pixels.
 * Needs images (N, C, H, W).
 */
export function cutmix(x: Tensor, y: Tensor | readonly number[], options: MixOptions): MixResult {
  const { labels, alpha, g } = check('cutmix', x, y, options);
  if (x.ndim !== 4) throw new RangeError(`cutmix: expected images (N, C, H, W), got ${fmtShape(x.shape)}`);
  const [N, C, H, W] = x.shape;
  const lam = sampleBeta(alpha, g);
  const perm = g.permutation(N);
  const cut = Math.sqrt(1 - lam);
  const ch = Math.floor(H * cut), cw = Math.floor(W * cut);
  const cy = g.integers(0, H), cx = g.integers(0, W);
  const r0 = Math.max(0, cy - Math.floor(ch / 2)), r1 = Math.min(H, cy + Math.floor(ch / 2));
  const c0 = Math.max(0, cx - Math.floor(cw / 2)), c1 = Math.min(W, cx + Math.floor(cw / 2));
  const src = x.toTypedArray();
  const out = Float64Array.from(src);
  const plane = H * W;
  for (let n = 0; n < N; n++) {
    for (let c = 0; c < C; c++) {
      for (let i = r0; i < r1; i++) {
        for (let j = c0; j < c1; j++) out[(n * C + c) * plane + i * W + j] = src[(perm[n] * C + c) * plane + i * W + j];
      }
    }
  }
  const lambda = 1 - ((r1 - r0) * (c1 - c0)) / plane;
  return { x: tensor(out, { dtype: x.dtype, shape: [N, C, H, W] }), y: softTargets(labels, perm, options.numClasses, lambda, x.dtype), lambda, perm };
}
