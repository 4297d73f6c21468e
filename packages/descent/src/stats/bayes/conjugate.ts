/**
 * Conjugate Bayesian updates, where the posterior has the prior's form (Gelman et al.,
 * Bayesian Data Analysis, 3rd ed., §2.4 and §2.5):
 *
 * - Beta–Binomial: Beta(α, β) prior on a success probability, k successes in n trials →
 *   Beta(α + k, β + n − k);
 * - Normal–Normal: N(μ₀, τ₀²) prior on a mean, data with known σ → precision-weighted
 *   N(μₙ, τₙ²), 1/τₙ² = 1/τ₀² + n/σ², μₙ = τₙ²(μ₀/τ₀² + Σx/σ²).
 */
import { beta as betaDist } from '../distributions/beta.js';
import { norm } from '../distributions/norm.js';
import { sample } from '../descriptive/data.js';

export interface BetaPosterior {
  alpha: number;
  beta: number;
  mean: number;
  /** The central credible interval with the given probability (default 0.95). */
  credibleInterval(probability?: number): [number, number];
  /** P(p > threshold) under the posterior. */
  probabilityAbove(threshold: number): number;
}

const interval = (probability: number, ppf: (q: number) => number): [number, number] => {
  if (!(probability > 0 && probability < 1)) throw new RangeError(`credibleInterval: probability must be in (0, 1), got ${probability}`);
  return [ppf((1 - probability) / 2), ppf((1 + probability) / 2)];
};

/**
 * ```ts
 * const post = betaBinomialUpdate({ alpha: 1, beta: 1 }, 42, 100);
 * post.mean;                 // 43/102
 * post.credibleInterval(0.95);
 * ```
 */
export function betaBinomialUpdate(prior: { alpha: number; beta: number }, successes: number, trials: number): BetaPosterior {
  const { alpha, beta } = prior;
  if (!(alpha > 0 && beta > 0)) throw new RangeError(`betaBinomialUpdate: prior alpha and beta must be > 0, got ${alpha}, ${beta}`);
  if (!Number.isInteger(successes) || !Number.isInteger(trials) || successes < 0 || successes > trials) {
    throw new RangeError(`betaBinomialUpdate: need integers 0 <= successes <= trials, got ${successes} of ${trials}`);
  }
  const a = alpha + successes;
  const b = beta + trials - successes;
  const post = betaDist({ a, b });
  return {
    alpha: a,
    beta: b,
    mean: a / (a + b),
    credibleInterval: (probability = 0.95) => interval(probability, (q) => post.ppf(q)),
    probabilityAbove: (threshold: number) => post.sf(threshold),
  };
}

export interface NormalPosterior {
  mean: number;
  sd: number;
  credibleInterval(probability?: number): [number, number];
}

/**
 * ```ts
 * normalNormalUpdate({ mu0: 0, tau0: 10 }, [4.9, 5.3, 5.1], 0.5).mean; // ≈ 5.1
 * ```
 */
export function normalNormalUpdate(prior: { mu0: number; tau0: number }, data: ArrayLike<number>, sigma: number): NormalPosterior {
  const { mu0, tau0 } = prior;
  if (!(tau0 > 0) || !(sigma > 0)) throw new RangeError(`normalNormalUpdate: tau0 and sigma must be > 0, got ${tau0}, ${sigma}`);
  const x = sample('normalNormalUpdate', data, 0, 'data');
  const sum = x.reduce((a, b) => a + b, 0);
  const precision = 1 / (tau0 * tau0) + x.length / (sigma * sigma);
  const mean = (mu0 / (tau0 * tau0) + sum / (sigma * sigma)) / precision;
  const sd = Math.sqrt(1 / precision);
  return { mean, sd, credibleInterval: (probability = 0.95) => interval(probability, (q) => norm.ppf(q, { loc: mean, scale: sd })) };
}
