/**
 * `GPSampler`: Bayesian optimization with a Gaussian process (Matérn 5/2 kernel) and expected
 * improvement (Jones, Schonlau & Welch, "Efficient Global Optimization", 1998; Rasmussen &
 * Williams, *Gaussian Processes for Machine Learning*, 2006, eq. 4.17 for Matérn ν = 5/2).
 *
 * Numeric parameters are scaled to [0, 1] (log ranges in log space); objective values are
 * standardized. The kernel's length scales (one per parameter) and noise are chosen by
 * maximizing the log marginal likelihood over a small random search; EI is maximized over
 * random candidates plus local perturbations of the best points. Categorical parameters are
 * sampled at random (this GP models numeric spaces only).
 */
import { Generator } from '../../random/generator.js';
import { ndtr } from '../../stats/special/error-function.js';
import type { Distribution } from '../distributions.js';
import type { Study } from '../study.js';
import type { FrozenTrial } from '../trial.js';
import { type Sampler, intersectionSearchSpace, sampleUniform } from './sampler.js';

type Numeric = Exclude<Distribution, { kind: 'categorical' }>;

const SQRT5 = Math.sqrt(5);

/** Matérn 5/2: k(r) = (1 + √5 r + 5r²/3) exp(−√5 r), r the length-scaled distance. */
function matern52(a: Float64Array, b: Float64Array, ls: Float64Array): number {
  let r2 = 0;
  for (let j = 0; j < a.length; j++) {
    const d = ((a[j] as number) - (b[j] as number)) / (ls[j] as number);
    r2 += d * d;
  }
  const r = Math.sqrt(r2);
  return (1 + SQRT5 * r + (5 / 3) * r2) * Math.exp(-SQRT5 * r);
}

/** Lower Cholesky factor of a symmetric positive-definite (n, n) matrix, or null. */
function cholesky(K: Float64Array, n: number): Float64Array | null {
  const L = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = K[i * n + j] as number;
      for (let k = 0; k < j; k++) s -= (L[i * n + k] as number) * (L[j * n + k] as number);
      if (i === j) {
        if (!(s > 0)) return null;
        L[i * n + i] = Math.sqrt(s);
      } else {
        L[i * n + j] = s / (L[j * n + j] as number);
      }
    }
  }
  return L;
}

/** Solve L z = b (forward substitution). */
function forward(L: Float64Array, b: Float64Array, n: number): Float64Array {
  const z = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = b[i] as number;
    for (let k = 0; k < i; k++) s -= (L[i * n + k] as number) * (z[k] as number);
    z[i] = s / (L[i * n + i] as number);
  }
  return z;
}

/** Solve Lᵀ x = z (back substitution). */
function backward(L: Float64Array, z: Float64Array, n: number): Float64Array {
  const x = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    let s = z[i] as number;
    for (let k = i + 1; k < n; k++) s -= (L[k * n + i] as number) * (x[k] as number);
    x[i] = s / (L[i * n + i] as number);
  }
  return x;
}

interface Fit {
  L: Float64Array;
  alpha: Float64Array;
  ls: Float64Array;
  lml: number;
}

/** Fit a zero-mean, unit-variance GP for given length scales and noise; null if K is not PD. */
function fitGP(X: Float64Array[], y: Float64Array, ls: Float64Array, noise: number): Fit | null {
  const n = X.length;
  const K = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      const k = matern52(X[i] as Float64Array, X[j] as Float64Array, ls);
      K[i * n + j] = k;
      K[j * n + i] = k;
    }
    (K[i * n + i] as number) += noise;
  }
  const L = cholesky(K, n);
  if (L === null) return null;
  const alpha = backward(L, forward(L, y, n), n);
  // log p(y) = −½ yᵀα − Σ log Lᵢᵢ − n/2 log 2π  (Rasmussen & Williams, Algorithm 2.1)
  let lml = -0.5 * n * Math.log(2 * Math.PI);
  for (let i = 0; i < n; i++) lml -= 0.5 * (y[i] as number) * (alpha[i] as number) + Math.log(L[i * n + i] as number);
  return { L, alpha, ls, lml };
}

/** Expected improvement below `best` for a normal prediction N(mu, sd²) (minimization). */
export function expectedImprovement(mu: number, sd: number, best: number): number {
  if (sd <= 1e-12) return Math.max(best - mu, 0);
  const z = (best - mu) / sd;
  return (best - mu) * ndtr(z) + (sd * Math.exp(-0.5 * z * z)) / Math.sqrt(2 * Math.PI);
}

/**
 * ```ts
 * const study = await createStudy({ sampler: new GPSampler({ seed: 0 }) });
 * ```
 */
export class GPSampler implements Sampler {
  private readonly rng: Generator;
  readonly nStartupTrials: number;
  readonly nCandidates: number;

  constructor(options: { seed?: number; nStartupTrials?: number; nCandidates?: number } = {}) {
    this.rng = new Generator(options.seed ?? Math.floor(Math.random() * 2 ** 31));
    this.nStartupTrials = options.nStartupTrials ?? 10;
    this.nCandidates = options.nCandidates ?? 2000;
    if (!Number.isInteger(this.nStartupTrials) || this.nStartupTrials < 1) {
      throw new Error(`GPSampler: nStartupTrials must be an integer >= 1, got ${this.nStartupTrials}.`);
    }
    if (!Number.isInteger(this.nCandidates) || this.nCandidates < 1) {
      throw new Error(`GPSampler: nCandidates must be an integer >= 1, got ${this.nCandidates}.`);
    }
  }

  inferRelativeSearchSpace(study: Study): Record<string, Distribution> {
    const space = intersectionSearchSpace(study.getTrials(['COMPLETE']));
    return Object.fromEntries(Object.entries(space).filter(([, d]) => d.kind !== 'categorical'));
  }

  sampleRelative(study: Study, _trial: FrozenTrial, space: Record<string, Distribution>): Record<string, number> {
    if (study.isMultiObjective) throw new Error('GPSampler: multi-objective studies are not supported; use NSGAIISampler.');
    const names = Object.keys(space);
    const dists = names.map((n) => space[n] as Numeric);
    const trials = study.getTrials(['COMPLETE']).filter((t) => names.every((n) => t.paramsInternal[n] !== undefined));
    if (names.length === 0 || trials.length < this.nStartupTrials) return {};
    const d = names.length;
    const toUnit = (dist: Numeric, v: number): number => {
      const lo = dist.log ? Math.log(dist.low) : dist.low;
      const hi = dist.log ? Math.log(dist.high) : dist.high;
      return ((dist.log ? Math.log(v) : v) - lo) / (hi - lo);
    };
    const X = trials.map((t) => Float64Array.from(names, (n, j) => toUnit(dists[j] as Numeric, t.paramsInternal[n] as number)));
    const sign = study.direction === 'minimize' ? 1 : -1;
    const raw = trials.map((t) => sign * (t.values?.[0] as number));
    const mean = raw.reduce((a, b) => a + b, 0) / raw.length;
    const sd = Math.sqrt(raw.reduce((a, b) => a + (b - mean) ** 2, 0) / raw.length) || 1;
    const y = Float64Array.from(raw, (v) => (v - mean) / sd);
    const random = (): number => this.rng.random();

    // Kernel hyperparameters: best log marginal likelihood over random length scales (log-uniform
    // in [0.03, 3]) and noise levels, always including the isotropic middle choice.
    let fit: Fit | null = null;
    for (let c = 0; c < 40; c++) {
      const ls = c === 0 ? new Float64Array(d).fill(0.3) : Float64Array.from({ length: d }, () => Math.exp(Math.log(0.03) + random() * Math.log(100)));
      const noise = c === 0 ? 1e-6 : 10 ** (-6 + random() * 4);
      const f = fitGP(X, y, ls, noise);
      if (f !== null && (fit === null || f.lml > fit.lml)) fit = f;
    }
    if (fit === null) return {};
    const { L, alpha, ls } = fit;
    const n = X.length;
    const predict = (x: Float64Array): [number, number] => {
      const k = Float64Array.from(X, (xi) => matern52(x, xi, ls));
      let mu = 0;
      for (let i = 0; i < n; i++) mu += (k[i] as number) * (alpha[i] as number);
      const v = forward(L, k, n);
      let vv = 0;
      for (const e of v) vv += e * e;
      return [mu, Math.sqrt(Math.max(1 - vv, 0))];
    };
    let best = Infinity;
    for (const v of y) best = Math.min(best, v);

    // Candidates: uniform draws, plus Gaussian steps around the five best observed points.
    const order = Array.from(y.keys()).sort((a, b) => (y[a] as number) - (y[b] as number)).slice(0, 5);
    let bestX: Float64Array | null = null;
    let bestEI = -Infinity;
    for (let c = 0; c < this.nCandidates; c++) {
      let x: Float64Array;
      if (c % 2 === 0) {
        x = Float64Array.from({ length: d }, random);
      } else {
        const base = X[order[c % order.length] as number] as Float64Array;
        const scale = 10 ** (-3 + 2.5 * random());
        x = Float64Array.from(base, (b) => Math.min(1, Math.max(0, b + scale * this.rng.normal())));
      }
      const [mu, s] = predict(x);
      const ei = expectedImprovement(mu, s, best);
      if (ei > bestEI) {
        bestEI = ei;
        bestX = x;
      }
    }
    if (bestX === null) return {};
    const out: Record<string, number> = {};
    names.forEach((name, j) => {
      const dist = dists[j] as Numeric;
      const lo = dist.log ? Math.log(dist.low) : dist.low;
      const hi = dist.log ? Math.log(dist.high) : dist.high;
      const v = lo + (bestX[j] as number) * (hi - lo);
      out[name] = dist.log ? Math.exp(v) : v;
    });
    return out;
  }

  sampleIndependent(_study: Study, _trial: FrozenTrial, _name: string, dist: Distribution): number {
    return sampleUniform(dist, () => this.rng.random());
  }
}
