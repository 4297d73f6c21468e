/**
 * Mean-field Gaussian variational inference with the reparameterization trick (Kingma &
 * Welling, "Auto-Encoding Variational Bayes", ICLR 2014; Titsias & Lázaro-Gredilla, "Doubly
 * stochastic variational Bayes", ICML 2014; Kucukelbir et al., "ADVI", JMLR 18 (2017)).
 *
 * q(z) = Πᵢ N(zᵢ; μᵢ, σᵢ²) with σᵢ = exp(ωᵢ). The evidence lower bound
 *   ELBO(μ, ω) = E_q[log p(z)] + H[q],   H[q] = Σ ωᵢ + (d/2) log(2πe),
 * is at most log p(data) (the log evidence) with equality only when q is the posterior.
 * Writing z = μ + σ ⊙ ε with ε ~ N(0, I) moves the randomness out of the parameters, so
 *   ∇_μ ELBO = E[∇log p(z)],   ∇_ω ELBO = E[∇log p(z) ⊙ ε ⊙ σ] + 1,
 * estimated from a few ε per step; ∇log p comes from Descent's autograd. Steps are Adam's.
 */
import { defaultGenerator, type Generator } from '../../random/index.js';
import type { Tensor } from '../../tensor/index.js';
import { valueAndGrad } from './mcmc.js';

export interface MeanFieldOptions {
  /** Optimization steps (default 2000). */
  steps?: number;
  /** Adam's initial learning rate, decayed to 0 along a cosine (default 0.05). */
  lr?: number;
  /** Draws of ε per step for the gradient (default 1). */
  nSamples?: number;
  /** Draws used to estimate the final ELBO (default 2000). */
  nElboSamples?: number;
  /** Iterates averaged at the end (the last `average` fraction; default 0.5) to cancel gradient noise. */
  average?: number;
  generator?: Generator;
}

export interface MeanFieldResult {
  /** Variational means and standard deviations. */
  mean: number[];
  std: number[];
  /** The ELBO estimate at every step (from that step's draws: noisy, but it should rise and level off). */
  elboTrace: number[];
  /** The ELBO at the returned (averaged) parameters from `nElboSamples` fresh draws, and its Monte Carlo standard error. */
  elbo: number;
  elboSe: number;
  /** Draws from q. */
  sample(n: number, generator?: Generator): number[][];
}

const HALF_LOG_2PI_E = 0.5 * Math.log(2 * Math.PI * Math.E);

/**
 * ```ts
 * import { meanFieldVI } from 'descent/stats';
 * // a N(3, 2²) target written with tensor ops
 * const logp = (z: Tensor) => z.sub(3).div(2).square().sum().mul(-0.5);
 * const q = meanFieldVI(logp, [0], { steps: 1500 });
 * q.mean; // ≈ [3]
 * q.std;  // ≈ [2]
 * ```
 */
export function meanFieldVI(logProb: (z: Tensor) => Tensor, x0: ArrayLike<number>, options: MeanFieldOptions = {}): MeanFieldResult {
  const { steps = 2000, lr = 0.05, nSamples = 1, nElboSamples = 2000, average = 0.5, generator = defaultGenerator } = options;
  const mu = Array.from(x0);
  if (mu.length === 0 || mu.some((v) => !Number.isFinite(v))) throw new RangeError('meanFieldVI: x0 (the starting means) must be a non-empty array of finite numbers');
  if (typeof logProb !== 'function') throw new TypeError('meanFieldVI: logProb must be a function from a tensor z to a scalar tensor log p(z)');
  for (const [name, v] of [['steps', steps], ['nSamples', nSamples], ['nElboSamples', nElboSamples]] as const) {
    if (!Number.isInteger(v) || v < 1) throw new RangeError(`meanFieldVI: ${name} must be a positive integer, got ${v}`);
  }
  if (!(lr > 0)) throw new RangeError(`meanFieldVI: lr must be > 0, got ${lr}`);
  if (!(average > 0 && average <= 1)) throw new RangeError(`meanFieldVI: average must be in (0, 1], got ${average}`);
  const d = mu.length;
  const omega = new Array<number>(d).fill(0);
  // Adam state for the 2d parameters [μ, ω] (Kingma & Ba 2015, default β's)
  const m = new Float64Array(2 * d);
  const v = new Float64Array(2 * d);
  const [b1, b2, eps] = [0.9, 0.999, 1e-8];
  const elboTrace: number[] = [];
  const avgFrom = Math.floor(steps * (1 - average));
  const muAvg = new Float64Array(d);
  const omegaAvg = new Float64Array(d);
  for (let t = 1; t <= steps; t++) {
    const grad = new Float64Array(2 * d);
    let elbo = 0;
    for (let s = 0; s < nSamples; s++) {
      const e = Array.from({ length: d }, () => generator.normal());
      const z = mu.map((mi, i) => mi + Math.exp(omega[i]) * e[i]);
      const [lp, g] = valueAndGrad(logProb, z);
      if (!Number.isFinite(lp)) throw new RangeError(`meanFieldVI: logProb returned ${lp} at step ${t}; keep the target finite on all of R^d (transform bounded parameters, e.g. log σ)`);
      elbo += lp / nSamples;
      for (let i = 0; i < d; i++) {
        grad[i] += g[i] / nSamples;
        grad[d + i] += (g[i] * e[i] * Math.exp(omega[i])) / nSamples;
      }
    }
    let entropy = d * HALF_LOG_2PI_E;
    for (let i = 0; i < d; i++) {
      grad[d + i] += 1; // ∂H/∂ωᵢ
      entropy += omega[i];
    }
    elboTrace.push(elbo + entropy);
    // Adam ascent on the ELBO with a cosine-decaying step: the gradient is a Monte Carlo
    // estimate, so a constant step leaves the parameters jittering by about lr
    const lrT = 0.5 * lr * (1 + Math.cos((Math.PI * (t - 1)) / steps));
    for (let k = 0; k < 2 * d; k++) {
      m[k] = b1 * m[k] + (1 - b1) * grad[k];
      v[k] = b2 * v[k] + (1 - b2) * grad[k] * grad[k];
      const step = (lrT * (m[k] / (1 - b1 ** t))) / (Math.sqrt(v[k] / (1 - b2 ** t)) + eps);
      if (k < d) mu[k] += step;
      else omega[k - d] += step;
    }
    if (t > avgFrom) {
      for (let i = 0; i < d; i++) {
        muAvg[i] += mu[i] / (steps - avgFrom);
        omegaAvg[i] += omega[i] / (steps - avgFrom);
      }
    }
  }
  const mean = Array.from(muAvg);
  const std = Array.from(omegaAvg, Math.exp);
  // final ELBO from fresh draws at the averaged parameters
  const values: number[] = [];
  const entropy = d * HALF_LOG_2PI_E + Array.from(omegaAvg).reduce((a, w) => a + w, 0);
  for (let s = 0; s < nElboSamples; s++) {
    const z = mean.map((mi, i) => mi + std[i] * generator.normal());
    values.push(valueAndGrad(logProb, z)[0] + entropy);
  }
  const elboMean = values.reduce((a, x) => a + x, 0) / values.length;
  const elboVar = values.reduce((a, x) => a + (x - elboMean) ** 2, 0) / Math.max(1, values.length - 1);
  return {
    mean,
    std,
    elboTrace,
    elbo: elboMean,
    elboSe: Math.sqrt(elboVar / values.length),
    sample: (n, gen = defaultGenerator) => Array.from({ length: n }, () => mean.map((mi, i) => mi + std[i] * gen.normal())),
  };
}
