/**
 * Markov chain Monte Carlo samplers for a log-density known up to a constant:
 * random-walk Metropolis–Hastings (Metropolis et al. 1953; Hastings 1970) and Hamiltonian
 * Monte Carlo with the leapfrog integrator (Duane et al. 1987; Neal, "MCMC using
 * Hamiltonian dynamics", Handbook of MCMC, 2011, ch. 5), whose gradients come from
 * Descent's autograd: write the log-density with tensor ops and HMC differentiates it.
 */
import { defaultGenerator, type Generator } from '../../random/index.js';
import { tensor, type Tensor } from '../../tensor/index.js';

export interface McmcResult {
  /** Draws after burn-in, one row per draw. */
  samples: number[][];
  acceptanceRate: number;
  /** The log-density at each kept draw (the trace to watch for convergence). */
  logProb: number[];
}

export interface MetropolisOptions {
  nSamples?: number;
  burn?: number;
  /** Standard deviation of the Gaussian proposal, per coordinate (or one for all). */
  stepSize?: number | number[];
  generator?: Generator;
}

function checkStart(fn: string, x0: ArrayLike<number>): number[] {
  const x = Array.from(x0);
  if (x.length === 0 || x.some((v) => !Number.isFinite(v))) throw new RangeError(`${fn}: x0 must be a non-empty array of finite numbers`);
  return x;
}

/**
 * Random-walk Metropolis: propose x′ = x + step·z, accept with probability
 * min(1, p(x′)/p(x)).
 *
 * ```ts
 * const logp = ([x]: number[]) => -0.5 * ((x - 3) / 2) ** 2;
 * metropolisHastings(logp, [0], { nSamples: 5000, stepSize: 2.5 }).samples;
 * ```
 */
export function metropolisHastings(logProb: (x: number[]) => number, x0: ArrayLike<number>, options: MetropolisOptions = {}): McmcResult {
  const { nSamples = 1000, burn = Math.floor(nSamples / 2), stepSize = 1, generator = defaultGenerator } = options;
  let x = checkStart('metropolisHastings', x0);
  const d = x.length;
  const steps = typeof stepSize === 'number' ? new Array<number>(d).fill(stepSize) : stepSize;
  if (steps.length !== d || steps.some((s) => !(s > 0))) throw new RangeError(`metropolisHastings: stepSize must be > 0 (one per coordinate, ${d})`);
  let lp = logProb(x);
  if (!Number.isFinite(lp)) throw new RangeError('metropolisHastings: logProb(x0) is not finite; start inside the support');
  const samples: number[][] = [];
  const trace: number[] = [];
  let accepted = 0;
  for (let i = 0; i < burn + nSamples; i++) {
    const proposal = x.map((v, j) => v + steps[j] * generator.normal());
    const lpNew = logProb(proposal);
    if (Math.log(1 - generator.random()) < lpNew - lp) {
      x = proposal;
      lp = lpNew;
      if (i >= burn) accepted++;
    }
    if (i >= burn) {
      samples.push(x.slice());
      trace.push(lp);
    }
  }
  return { samples, acceptanceRate: accepted / nSamples, logProb: trace };
}

export interface HmcOptions extends Omit<MetropolisOptions, 'stepSize'> {
  stepSize?: number;
  /** Leapfrog steps per proposal. */
  nLeapfrog?: number;
}

/** log p and ∇log p at x, by building the log-density on a float64 tensor and backpropagating. */
export function valueAndGrad(logProb: (x: Tensor) => Tensor, x: number[]): [number, number[]] {
  const t = tensor(x, { dtype: 'float64' }).requiresGrad_();
  const lp = logProb(t);
  lp.backward();
  return [lp.item(), Array.from(t.grad!.toTypedArray())];
}

/**
 * Hamiltonian Monte Carlo with unit mass: momenta p ~ N(0, I), `nLeapfrog` leapfrog steps
 * of size ε, Metropolis acceptance on the change in H = −log p(x) + ½|p|².
 *
 * ```ts
 * // a correlated 2-D Gaussian, written with tensor ops so autograd supplies the gradient
 * const logp = (x: Tensor) => x.mul(x).sum().mul(-0.5);
 * hmc(logp, [1, 1], { nSamples: 1000, stepSize: 0.3, nLeapfrog: 10 }).acceptanceRate;
 * ```
 */
export function hmc(logProb: (x: Tensor) => Tensor, x0: ArrayLike<number>, options: HmcOptions = {}): McmcResult {
  const { nSamples = 1000, burn = Math.floor(nSamples / 2), stepSize = 0.1, nLeapfrog = 10, generator = defaultGenerator } = options;
  if (!(stepSize > 0) || !Number.isInteger(nLeapfrog) || nLeapfrog < 1) throw new RangeError('hmc: stepSize must be > 0 and nLeapfrog a positive integer');
  let x = checkStart('hmc', x0);
  let [lp, grad] = valueAndGrad(logProb, x);
  if (!Number.isFinite(lp)) throw new RangeError('hmc: logProb(x0) is not finite; start inside the support');
  const samples: number[][] = [];
  const trace: number[] = [];
  let accepted = 0;
  for (let i = 0; i < burn + nSamples; i++) {
    const p0 = x.map(() => generator.normal());
    let xNew = x.slice();
    let p = p0.slice();
    let g = grad;
    let lpNew = lp;
    // leapfrog: half step in momentum, alternating full steps, half step at the end
    p = p.map((v, j) => v + 0.5 * stepSize * g[j]);
    for (let l = 0; l < nLeapfrog; l++) {
      xNew = xNew.map((v, j) => v + stepSize * p[j]);
      [lpNew, g] = valueAndGrad(logProb, xNew);
      if (!Number.isFinite(lpNew)) break;
      const scale = l === nLeapfrog - 1 ? 0.5 : 1;
      p = p.map((v, j) => v + scale * stepSize * g[j]);
    }
    const h0 = -lp + 0.5 * p0.reduce((a, v) => a + v * v, 0);
    const h1 = -lpNew + 0.5 * p.reduce((a, v) => a + v * v, 0);
    if (Number.isFinite(h1) && Math.log(1 - generator.random()) < h0 - h1) {
      x = xNew;
      lp = lpNew;
      grad = g;
      if (i >= burn) accepted++;
    }
    if (i >= burn) {
      samples.push(x.slice());
      trace.push(lp);
    }
  }
  return { samples, acceptanceRate: accepted / nSamples, logProb: trace };
}
