/**
 * Generative adversarial networks (Goodfellow et al. 2014): a generator G maps noise to
 * samples, a discriminator D scores samples as real or fake, and they are trained against
 * each other. This file has the losses, WGAN-GP's gradient penalty, the ring-of-Gaussians
 * benchmark of Metz et al. 2017 ("Unrolled GANs") and its mode-coverage statistic.
 */
import { tensor, onesLike, zerosLike, Generator, type Tensor } from '../tensor/index.js';
import { fmtShape } from '../tensor/shape.js';
import type { Module } from '../nn/module.js';
import { binaryCrossEntropyWithLogits } from '../nn/functional/losses.js';

/**
 * The discriminator's loss on logits: −log D(x) − log(1 − D(G(z))), each half averaged over
 * its batch — binary cross-entropy with label 1 for real and 0 for fake.
 *
 * ```ts
 * const dLoss = discriminatorLoss(D.forward(real), D.forward(G.forward(z).detach()));
 * ```
 */
export function discriminatorLoss(realLogits: Tensor, fakeLogits: Tensor): Tensor {
  return binaryCrossEntropyWithLogits(realLogits, onesLike(realLogits)).add(binaryCrossEntropyWithLogits(fakeLogits, zerosLike(fakeLogits)));
}

/**
 * The non-saturating generator loss −log D(G(z)), mean over the batch. The minimax form
 * log(1 − D(G(z))) has vanishing gradients exactly when D easily rejects the fakes, early in
 * training; this one has the same fixed point and strong gradients there (Goodfellow et al. §3).
 *
 * ```ts
 * const gLoss = generatorLoss(D.forward(G.forward(z)));
 * ```
 */
export function generatorLoss(fakeLogits: Tensor): Tensor {
  return binaryCrossEntropyWithLogits(fakeLogits, onesLike(fakeLogits));
}

/**
 * WGAN-GP's gradient penalty (Gulrajani et al. 2017, algorithm 1): on points x̂ = α·real +
 * (1 − α)·fake, α ~ U(0, 1) per sample, the mean of (‖∇_x̂ critic(x̂)‖₂ − 1)². It softly keeps
 * the critic 1-Lipschitz. The result depends on the critic's parameters through a gradient,
 * so its own backward differentiates twice (the backward pass is recorded). The critic's
 * `.grad`s are left as they were. real, fake (B, …); `alpha` (B, 1, …) for fixed draws.
 *
 * ```ts
 * const loss = critic.forward(fake).mean().sub(critic.forward(real).mean()).add(gradientPenalty(critic, real, fake).mul(10));
 * ```
 */
export function gradientPenalty(critic: Module, real: Tensor, fake: Tensor, options: { alpha?: Tensor; generator?: Generator } = {}): Tensor {
  if (real.ndim < 2 || real.shape.length !== fake.shape.length || real.shape.some((d, i) => d !== fake.shape[i])) {
    throw new RangeError(`gradientPenalty: real and fake must have one shape (B, …), got ${fmtShape(real.shape)} and ${fmtShape(fake.shape)}`);
  }
  const b = real.shape[0];
  let alpha = options.alpha;
  if (!alpha) {
    const g = options.generator ?? new Generator(Math.floor(Math.random() * 2 ** 32));
    alpha = tensor(Array.from({ length: b }, () => g.random()), { dtype: real.dtype }).reshape([b, ...real.shape.slice(1).map(() => 1)]);
  }
  const xHat = alpha.mul(real.detach()).add(alpha.neg().add(1).mul(fake.detach())).detach().requiresGrad_();
  const params = critic.parameters();
  const saved = params.map((p) => p.grad);
  for (const p of params) p.grad = null;
  const out = (critic.forward as (x: Tensor) => Tensor)(xHat);
  out.sum().backward(undefined, { createGraph: true });
  const grad = xHat.grad;
  params.forEach((p, i) => { p.grad = saved[i]; });
  if (!grad) throw new Error('gradientPenalty: the critic output does not depend on its input');
  // ‖g‖₂ per sample; the 1e-12 keeps the square root differentiable at g = 0.
  const norm = grad.reshape([b, -1]).square().sum(1).add(1e-12).sqrt();
  return norm.sub(1).square().mean();
}

export interface RingOptions {
  /** Number of Gaussians on the circle. Default 8. */
  modes?: number;
  /** Circle radius. Default 2. */
  radius?: number;
  /** Standard deviation of each Gaussian. Default 0.02 (Metz et al. 2017). */
  std?: number;
  dtype?: 'float32' | 'float64';
  generator?: Generator;
}

/**
 * Samples from a mixture of `modes` equal Gaussians with centres evenly spaced on a circle:
 * the standard test of mode collapse. Returns X (n, 2) and the centres.
 *
 * ```ts
 * const { X, centers } = ringOfGaussians(512, { generator: new Generator(0) });
 * ```
 */
export function ringOfGaussians(nSamples: number, options: RingOptions = {}): { X: Tensor; centers: number[][] } {
  const { modes = 8, radius = 2, std = 0.02, dtype = 'float32' } = options;
  if (!Number.isInteger(nSamples) || nSamples < 1) throw new RangeError(`ringOfGaussians: nSamples must be an integer >= 1, got ${nSamples}`);
  if (!Number.isInteger(modes) || modes < 1) throw new RangeError(`ringOfGaussians: modes must be an integer >= 1, got ${modes}`);
  const g = options.generator ?? new Generator(Math.floor(Math.random() * 2 ** 32));
  const centers = Array.from({ length: modes }, (_, k) => [radius * Math.cos((2 * Math.PI * k) / modes), radius * Math.sin((2 * Math.PI * k) / modes)]);
  const data: number[] = [];
  for (let i = 0; i < nSamples; i++) {
    const c = centers[g.integers(0, modes)];
    data.push(c[0] + std * g.normal(), c[1] + std * g.normal());
  }
  return { X: tensor(data, { dtype }).reshape([nSamples, 2]), centers };
}

export interface ModeCoverage {
  /** Samples nearest each centre and within `threshold` of it. */
  counts: number[];
  /** Modes with at least `minCount` such samples. */
  modesCovered: number;
  /** Fraction of samples within `threshold` of some centre ("high-quality" samples). */
  highQuality: number;
}

/**
 * Metz et al. 2017's statistics for mixture benchmarks: each sample is assigned to its nearest
 * centre if it lies within `threshold` (3 standard deviations in the paper); a mode counts as
 * covered when it receives at least `minCount` samples.
 *
 * ```ts
 * modeCoverage(G.forward(randn([1000, 2])), centers, { threshold: 0.06 * 3 }).modesCovered;   // 8 when nothing collapsed
 * ```
 */
export function modeCoverage(samples: Tensor, centers: readonly (readonly number[])[], options: { threshold?: number; minCount?: number } = {}): ModeCoverage {
  const { threshold = 0.06, minCount = 20 } = options;
  if (samples.ndim !== 2 || centers.length === 0 || centers.some((c) => c.length !== samples.shape[1])) {
    throw new RangeError(`modeCoverage: samples must be (n, d) and centers k points of length d, got ${fmtShape(samples.shape)} and ${centers.length} centres`);
  }
  const [n, d] = samples.shape;
  const x = samples.toTypedArray();
  const counts = new Array<number>(centers.length).fill(0);
  let good = 0;
  for (let i = 0; i < n; i++) {
    let best = -1;
    let bestD = Infinity;
    centers.forEach((c, k) => {
      let s = 0;
      for (let j = 0; j < d; j++) s += (x[i * d + j] - c[j]) ** 2;
      if (s < bestD) { bestD = s; best = k; }
    });
    if (Math.sqrt(bestD) <= threshold) { counts[best]++; good++; }
  }
  return { counts, modesCovered: counts.filter((c) => c >= minCount).length, highQuality: n > 0 ? good / n : 0 };
}
