/**
 * The Parzen estimator behind TPE: a mixture of truncated normals (one per observation plus a
 * wide "prior" component) for numeric parameters, and smoothed one-hot rows for categoricals.
 * Facts from Optuna 3.1's `_ParzenEstimator` (optuna/samplers/_tpe/parzen_estimator.py),
 * written afresh here:
 *
 * - the prior component sits at the middle of the range with σ = high − low and weight
 *   `priorWeight`; the observations share the rest by the `weights` ramp;
 * - univariate bandwidths: each kernel's σ is the larger gap to its neighbours in sorted order
 *   (the range ends count as neighbours, except that without `considerEndpoints` the outermost
 *   kernels use their inner gap); multivariate bandwidths follow Scott's rule,
 *   σ = 0.2 · n^(−1/(d+4)) · (high − low);
 * - the "magic clip" keeps σ within [(high − low) / min(100, 1 + nKernels), high − low];
 * - log ranges work in log space, stepped ranges widen by half a step on each side and score
 *   a candidate by the probability mass of its step.
 */
import { ndtr, ndtri } from '../../stats/special/error-function.js';
import type { Distribution } from '../distributions.js';

export interface ParzenParams {
  considerPrior: boolean;
  priorWeight: number;
  considerMagicClip: boolean;
  considerEndpoints: boolean;
  multivariate: boolean;
  /**
   * Reproduce Optuna 3.1's density exactly: its truncated-normal log-pdf
   * (optuna/samplers/_tpe/_truncnorm.py, `logpdf`) leaves out the −log σ term, so narrow
   * kernels are not taller than wide ones. Off by default (we use the true density); the
   * golden tests turn it on to check everything else against Optuna.
   */
  optuna31Density?: boolean;
}

interface NumericKernel {
  kind: 'numeric';
  low: number;
  high: number;
  /** Step in the working space, or null for continuous. */
  q: number | null;
  log: boolean;
  mus: Float64Array;
  sigmas: Float64Array;
}

interface CategoricalKernel {
  kind: 'categorical';
  /** (nComponents, nChoices) row-normalized probabilities. */
  probs: Float64Array[];
}

const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

/** Bounds and step of a distribution in the space the kernels live in. */
function workingBounds(d: Exclude<Distribution, { kind: 'categorical' }>): { low: number; high: number; q: number | null } {
  if (d.kind === 'float') {
    if (d.log) return { low: Math.log(d.low), high: Math.log(d.high), q: null };
    if (d.step !== null) return { low: d.low - 0.5 * d.step, high: d.high + 0.5 * d.step, q: d.step };
    return { low: d.low, high: d.high, q: null };
  }
  if (d.log) return { low: Math.log(d.low - 0.5), high: Math.log(d.high + 0.5), q: null };
  return { low: d.low - 0.5 * d.step, high: d.high + 0.5 * d.step, q: d.step };
}

/** log(Φ(b) − Φ(a)) for a < b, using the upper tail when both are positive (no cancellation). */
function logGaussMass(a: number, b: number): number {
  const m = a > 0 ? ndtr(-a) - ndtr(-b) : ndtr(b) - ndtr(a);
  return Math.log(Math.max(m, 1e-300));
}

export class ParzenEstimator {
  readonly weights: Float64Array;
  private readonly kernels = new Map<string, NumericKernel | CategoricalKernel>();
  private readonly dropScale: boolean;

  /**
   * @param observations name → internal values (one per below/above trial, oldest first)
   * @param obsWeights unnormalized weights of the observations (Optuna's `default_weights`)
   */
  constructor(
    observations: Record<string, readonly number[]>,
    readonly space: Record<string, Distribution>,
    obsWeights: readonly number[],
    params: ParzenParams,
  ) {
    const n = obsWeights.length;
    this.dropScale = params.optuna31Density ?? false;
    const prior = params.considerPrior || n === 0;
    const m = n + (prior ? 1 : 0);
    this.weights = new Float64Array(m);
    for (let i = 0; i < n; i++) this.weights[i] = obsWeights[i] as number;
    if (prior) this.weights[n] = params.priorWeight;
    let total = 0;
    for (const w of this.weights) total += w;
    for (let i = 0; i < m; i++) (this.weights[i] as number) /= total;

    const d = Object.keys(space).length;
    const sigma0 = 0.2 * Math.max(n, 1) ** (-1 / (d + 4));
    for (const [name, dist] of Object.entries(space)) {
      const obs = observations[name] ?? [];
      if (dist.kind === 'categorical') {
        const k = dist.choices.length;
        const base = params.priorWeight / (prior ? n + 1 : n);
        const probs: Float64Array[] = [];
        for (let i = 0; i < m; i++) {
          const row = new Float64Array(k).fill(base);
          if (i < n) (row[obs[i] as number] as number) += 1;
          let s = 0;
          for (const v of row) s += v;
          for (let j = 0; j < k; j++) (row[j] as number) /= s;
          probs.push(row);
        }
        this.kernels.set(name, { kind: 'categorical', probs });
        continue;
      }
      const { low, high, q } = workingBounds(dist);
      const mus = new Float64Array(m);
      for (let i = 0; i < n; i++) mus[i] = dist.log ? Math.log(obs[i] as number) : (obs[i] as number);
      if (prior) mus[n] = 0.5 * (low + high);
      const sigmas = new Float64Array(m);
      if (params.multivariate) {
        sigmas.fill(sigma0 * (high - low));
      } else {
        // Neighbour gaps in sorted order, with the range ends as outer neighbours.
        const order = Array.from(mus.keys()).sort((a, b) => (mus[a] as number) - (mus[b] as number));
        const sorted = [low, ...order.map((i) => mus[i] as number), high];
        for (let r = 0; r < m; r++) {
          let s = Math.max((sorted[r + 1] as number) - (sorted[r] as number), (sorted[r + 2] as number) - (sorted[r + 1] as number));
          if (!params.considerEndpoints && sorted.length >= 4) {
            if (r === 0) s = (sorted[2] as number) - (sorted[1] as number);
            if (r === m - 1) s = (sorted[m] as number) - (sorted[m - 1] as number);
          }
          sigmas[order[r] as number] = s;
        }
      }
      const maxSigma = high - low;
      const minSigma = params.considerMagicClip ? (high - low) / Math.min(100, 1 + m) : 1e-12;
      for (let i = 0; i < m; i++) sigmas[i] = Math.min(maxSigma, Math.max(minSigma, sigmas[i] as number));
      if (prior) sigmas[n] = high - low;
      this.kernels.set(name, { kind: 'numeric', low, high, q, log: dist.log, mus, sigmas });
    }
  }

  /** Draw `size` joint samples (internal values): pick a component, then sample each parameter from it. */
  sample(random: () => number, size: number): Record<string, Float64Array> {
    const active = new Int32Array(size);
    const cum = new Float64Array(this.weights.length);
    let acc = 0;
    this.weights.forEach((w, i) => (cum[i] = acc += w));
    for (let s = 0; s < size; s++) active[s] = pick(cum, random() * acc);
    const out: Record<string, Float64Array> = {};
    for (const [name, dist] of Object.entries(this.space)) {
      const k = this.kernels.get(name) as NumericKernel | CategoricalKernel;
      const xs = new Float64Array(size);
      for (let s = 0; s < size; s++) {
        const c = active[s] as number;
        if (k.kind === 'categorical') {
          const row = k.probs[c] as Float64Array;
          const rc = new Float64Array(row.length);
          let a = 0;
          row.forEach((p, j) => (rc[j] = a += p));
          xs[s] = pick(rc, random() * a);
          continue;
        }
        // Inverse-CDF draw from N(μ, σ²) truncated to [low, high]; μ lies inside, so the
        // interval straddles the mode and Φ does not lose precision here.
        const mu = k.mus[c] as number;
        const sg = k.sigmas[c] as number;
        const pa = ndtr((k.low - mu) / sg);
        const pb = ndtr((k.high - mu) / sg);
        const u = Math.min(1 - 1e-16, Math.max(1e-300, pa + random() * (pb - pa)));
        let x = mu + sg * ndtri(u);
        x = Math.min(k.high, Math.max(k.low, x));
        xs[s] = fromWorking(dist, x);
      }
      out[name] = xs;
    }
    return out;
  }

  /** log density (log mass, for stepped parameters) of each joint sample under the mixture. */
  logPdf(samples: Record<string, Float64Array>): Float64Array {
    const size = (Object.values(samples)[0] ?? new Float64Array(0)).length;
    const m = this.weights.length;
    const comp = new Float64Array(size * m); // (size, m): log p of sample s under component c
    for (const name of Object.keys(this.space)) {
      const k = this.kernels.get(name) as NumericKernel | CategoricalKernel;
      const xs = samples[name] as Float64Array;
      for (let s = 0; s < size; s++) {
        const xi = xs[s] as number;
        for (let c = 0; c < m; c++) {
          let lp: number;
          if (k.kind === 'categorical') {
            lp = Math.log((k.probs[c] as Float64Array)[xi] as number);
          } else {
            const mu = k.mus[c] as number;
            const sg = k.sigmas[c] as number;
            const za = (k.low - mu) / sg;
            const zb = (k.high - mu) / sg;
            const x = k.log ? Math.log(xi) : xi;
            if (k.q === null) {
              const z = (x - mu) / sg;
              lp = -0.5 * z * z - LOG_SQRT_2PI - (this.dropScale ? 0 : Math.log(sg)) - logGaussMass(za, zb);
            } else {
              const lo = Math.max(x - k.q / 2, k.low);
              const hi = Math.min(x + k.q / 2, k.high);
              lp = logGaussMass((lo - mu) / sg, (hi - mu) / sg) - logGaussMass(za, zb);
            }
          }
          comp[s * m + c] = (comp[s * m + c] as number) + lp;
        }
      }
    }
    const out = new Float64Array(size);
    for (let s = 0; s < size; s++) {
      let max = -Infinity;
      for (let c = 0; c < m; c++) max = Math.max(max, (comp[s * m + c] as number) + Math.log(this.weights[c] as number));
      let sum = 0;
      for (let c = 0; c < m; c++) sum += Math.exp((comp[s * m + c] as number) + Math.log(this.weights[c] as number) - max);
      out[s] = Math.log(sum) + max;
    }
    return out;
  }
}

/** Index of the first cumulative weight above u. */
function pick(cum: Float64Array, u: number): number {
  for (let i = 0; i < cum.length; i++) if (u < (cum[i] as number)) return i;
  return cum.length - 1;
}

/** From the working space back to an internal value: undo the log, round onto the grid, clip. */
function fromWorking(dist: Distribution, x: number): number {
  if (dist.kind === 'categorical') return x;
  let v = dist.log ? Math.exp(x) : x;
  if (dist.kind === 'int') {
    v = dist.log ? Math.round(v) : Math.round((v - dist.low) / dist.step) * dist.step + dist.low;
  } else if (dist.step !== null) {
    v = Math.round((v - dist.low) / dist.step) * dist.step + dist.low;
  }
  return Math.min(dist.high, Math.max(dist.low, v));
}
