/**
 * `CMA`: the covariance matrix adaptation evolution strategy (CMA-ES) with box bounds, a
 * line-by-line port of `cmaes.CMA` (the `cmaes` package, v0.9.1, that Optuna 3.1's
 * `CmaEsSampler` drives), after Hansen, "The CMA Evolution Strategy: A Tutorial" (2016,
 * arXiv:1604.00772); equation numbers below are the tutorial's.
 *
 * The search distribution is N(m, σ²C) over an n-dimensional box. Each generation `ask`
 * draws λ points from it; `tell` ranks them and moves the mean toward the best μ = ⌊λ/2⌋
 * (weighted recombination), adapts σ from the length of an evolution path (cumulative
 * step-size adaptation), and adapts C from a rank-one term (the path of mean moves) and a
 * rank-μ term (the selected steps), with negative weights for the worse half ("active" CMA).
 *
 * ```ts
 * const cma = new CMA({ mean: [0, 0], sigma: 1.3, bounds: [[-5, 5], [-5, 5]] });
 * const rng = new Generator(0);
 * for (let g = 0; g < 50; g++) {
 *   const xs = Array.from({ length: cma.populationSize }, () => cma.ask(rng));
 *   cma.tell(xs.map((x) => ({ x, value: (x[0]! - 3) ** 2 + (10 * (x[1]! + 2)) ** 2 })));
 * }
 * cma.mean; // ≈ [3, -2]
 * ```
 */
import { eighKernel } from '../../linalg/eigh-kernel.js';
import type { Generator } from '../../random/generator.js';

const EPS = 1e-8;
const SIGMA_MAX = 1e32;

/** What `toJSON` writes and `CMA.fromJSON` reads: the state that changes between generations. */
export interface CMAState {
  mean: number[];
  sigma: number;
  /** The covariance matrix, row-major (n × n). */
  C: number[];
  pSigma: number[];
  pc: number[];
  generation: number;
  populationSize: number;
  bounds: [number, number][] | null;
  nMaxResampling: number;
}

export interface CMAOptions {
  mean: readonly number[];
  sigma: number;
  /** [low, high] per dimension; points outside are resampled, then clipped. */
  bounds?: readonly (readonly [number, number])[] | null;
  /** Default 4 + ⌊3 ln n⌋ (eq. 48). */
  populationSize?: number;
  /** How many times `ask` redraws a point outside the bounds before clipping (default 100). */
  nMaxResampling?: number;
}

export class CMA {
  readonly dim: number;
  readonly populationSize: number;
  readonly mu: number;
  readonly muEff: number;
  readonly c1: number;
  readonly cmu: number;
  readonly cSigma: number;
  readonly dSigma: number;
  readonly cc: number;
  /** E‖N(0, I)‖, approximated as √n (1 − 1/(4n) + 1/(21n²)). */
  readonly chiN: number;
  /** Recombination weights: positive for the best μ, negative (active CMA) for the rest. */
  readonly weights: Float64Array;
  mean: Float64Array;
  sigma: number;
  /** (n, n) row-major. */
  C: Float64Array;
  pSigma: Float64Array;
  pc: Float64Array;
  generation = 0;
  readonly bounds: [number, number][] | null;
  readonly nMaxResampling: number;
  /** The eigendecomposition C = B·diag(D²)·Bᵀ, cached until the next `tell`. */
  private BD: { B: Float64Array; D: Float64Array } | null = null;

  constructor(options: CMAOptions) {
    const n = options.mean.length;
    if (n < 2) throw new Error(`CMA: the mean must have at least 2 dimensions, got ${n}.`);
    if (!(options.sigma > 0)) throw new Error(`CMA: sigma must be > 0, got ${options.sigma}.`);
    const lambda = options.populationSize ?? 4 + Math.floor(3 * Math.log(n)); // (eq. 48)
    if (!Number.isInteger(lambda) || lambda < 2) throw new Error(`CMA: populationSize must be an integer >= 2, got ${lambda}.`);
    this.dim = n;
    this.populationSize = lambda;
    const mu = Math.floor(lambda / 2);
    this.mu = mu;
    // w'_i = ln((λ + 1)/2) − ln i (eq. 49); μ_eff of the positive and of the negative part.
    const wPrime = Array.from({ length: lambda }, (_, i) => Math.log((lambda + 1) / 2) - Math.log(i + 1));
    const sum = (a: number[]): number => a.reduce((s, v) => s + v, 0);
    const pos = wPrime.slice(0, mu);
    const neg = wPrime.slice(mu);
    this.muEff = sum(pos) ** 2 / sum(pos.map((w) => w * w));
    const muEffMinus = sum(neg) ** 2 / sum(neg.map((w) => w * w));
    const alphaCov = 2;
    this.c1 = alphaCov / ((n + 1.3) ** 2 + this.muEff); // (eq. 57)
    this.cmu = Math.min(1 - this.c1 - 1e-8, (alphaCov * (this.muEff - 2 + 1 / this.muEff)) / ((n + 2) ** 2 + (alphaCov * this.muEff) / 2)); // (eq. 58)
    const minAlpha = Math.min(1 + this.c1 / this.cmu, 1 + (2 * muEffMinus) / (this.muEff + 2), (1 - this.c1 - this.cmu) / (n * this.cmu)); // (eqs. 50–52)
    const positiveSum = sum(wPrime.filter((w) => w > 0));
    const negativeSum = sum(wPrime.filter((w) => w < 0).map(Math.abs));
    this.weights = Float64Array.from(wPrime, (w) => (w >= 0 ? w / positiveSum : (minAlpha / negativeSum) * w)); // (eq. 53)
    this.cSigma = (this.muEff + 2) / (n + this.muEff + 5); // (eq. 55)
    this.dSigma = 1 + 2 * Math.max(0, Math.sqrt((this.muEff - 1) / (n + 1)) - 1) + this.cSigma;
    this.cc = (4 + this.muEff / n) / (n + 4 + (2 * this.muEff) / n); // (eq. 56)
    this.chiN = Math.sqrt(n) * (1 - 1 / (4 * n) + 1 / (21 * n * n));
    this.mean = Float64Array.from(options.mean);
    this.sigma = options.sigma;
    this.C = new Float64Array(n * n);
    for (let i = 0; i < n; i++) this.C[i * n + i] = 1;
    this.pSigma = new Float64Array(n);
    this.pc = new Float64Array(n);
    this.bounds = options.bounds ? options.bounds.map(([lo, hi]) => [lo, hi] as [number, number]) : null;
    if (this.bounds && (this.bounds.length !== n || this.bounds.some(([lo, hi], i) => !(lo <= (this.mean[i] as number) && (this.mean[i] as number) <= hi)))) {
      throw new Error('CMA: bounds must be one [low, high] per dimension, containing the mean.');
    }
    this.nMaxResampling = options.nMaxResampling ?? 100;
  }

  /** Rebuild an optimizer from `toJSON()` (the sampler keeps it in a trial's system attributes). */
  static fromJSON(s: CMAState): CMA {
    const cma = new CMA({ mean: s.mean, sigma: s.sigma, bounds: s.bounds, populationSize: s.populationSize, nMaxResampling: s.nMaxResampling });
    cma.C = Float64Array.from(s.C);
    cma.pSigma = Float64Array.from(s.pSigma);
    cma.pc = Float64Array.from(s.pc);
    cma.generation = s.generation;
    return cma;
  }

  toJSON(): CMAState {
    return {
      mean: [...this.mean],
      sigma: this.sigma,
      C: [...this.C],
      pSigma: [...this.pSigma],
      pc: [...this.pc],
      generation: this.generation,
      populationSize: this.populationSize,
      bounds: this.bounds,
      nMaxResampling: this.nMaxResampling,
    };
  }

  /** One candidate x ~ N(m, σ²C) inside the bounds (redrawn, then clipped, when outside). */
  ask(rng: Generator): number[] {
    for (let i = 0; i < this.nMaxResampling; i++) {
      const x = this.sample(rng);
      if (this.feasible(x)) return x;
    }
    const x = this.sample(rng);
    if (this.bounds) for (let i = 0; i < this.dim; i++) x[i] = Math.min(this.bounds[i]![1], Math.max(this.bounds[i]![0], x[i]!));
    return x;
  }

  /**
   * Update the distribution from exactly `populationSize` evaluated points (minimized).
   */
  tell(solutions: readonly { x: readonly number[]; value: number }[]): void {
    const n = this.dim;
    if (solutions.length !== this.populationSize) throw new Error(`CMA.tell: expected ${this.populationSize} solutions, got ${solutions.length}.`);
    this.generation += 1;
    const sorted = [...solutions].sort((a, b) => a.value - b.value);
    const { B, D } = this.eigen();
    this.BD = null;
    // y_k = (x_k − m) / σ ~ N(0, C), best first: (λ, n)
    const yk = sorted.map((s) => Float64Array.from(s.x, (v, i) => (v - (this.mean[i] as number)) / this.sigma));
    const yw = new Float64Array(n); // (eq. 41)
    for (let k = 0; k < this.mu; k++) for (let i = 0; i < n; i++) yw[i]! += (this.weights[k] as number) * (yk[k]![i] as number);
    for (let i = 0; i < n; i++) this.mean[i]! += this.sigma * yw[i]!; // c_m = 1 (eq. 42)

    // C^(−1/2) = B·D⁻¹·Bᵀ
    const Cinv2 = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let k = 0; k < n; k++) s += (B[i * n + k]! * B[j * n + k]!) / D[k]!;
        Cinv2[i * n + j] = s;
      }
    }
    const mulCinv2 = (v: Float64Array): Float64Array => {
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) out[i]! += Cinv2[i * n + j]! * v[j]!;
      return out;
    };

    // Step size: p_σ ← (1 − c_σ) p_σ + √(c_σ(2 − c_σ)μ_eff) C^(−1/2) y_w (eq. 43), then (eq. 44).
    const cy = mulCinv2(yw);
    const a = Math.sqrt(this.cSigma * (2 - this.cSigma) * this.muEff);
    for (let i = 0; i < n; i++) this.pSigma[i] = (1 - this.cSigma) * this.pSigma[i]! + a * cy[i]!;
    const normPs = Math.hypot(...this.pSigma);
    this.sigma = Math.min(this.sigma * Math.exp((this.cSigma / this.dSigma) * (normPs / this.chiN - 1)), SIGMA_MAX);

    // Covariance: h_σ stalls p_c while ‖p_σ‖ is large (p. 28); p_c (eq. 45).
    const hLeft = normPs / Math.sqrt(1 - (1 - this.cSigma) ** (2 * (this.generation + 1)));
    const hSigma = hLeft < (1.4 + 2 / (n + 1)) * this.chiN ? 1 : 0;
    const b = hSigma * Math.sqrt(this.cc * (2 - this.cc) * this.muEff);
    for (let i = 0; i < n; i++) this.pc[i] = (1 - this.cc) * this.pc[i]! + b * yw[i]!;
    // Negative weights are rescaled by n / ‖C^(−1/2) y_k‖² (eq. 46).
    const wIo = Float64Array.from(this.weights, (w, k) => (w >= 0 ? w : (w * n) / (Math.hypot(...mulCinv2(yk[k]!)) ** 2 + EPS)));
    const deltaH = (1 - hSigma) * this.cc * (2 - this.cc);
    const wSum = this.weights.reduce((s, w) => s + w, 0);
    const keep = 1 + this.c1 * deltaH - this.c1 - this.cmu * wSum;
    // C ← keep·C + c1·p_c p_cᵀ + c_μ Σ_k w°_k y_k y_kᵀ (eq. 47)
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        let rankMu = 0;
        for (let k = 0; k < this.populationSize; k++) rankMu += wIo[k]! * yk[k]![i]! * yk[k]![j]!;
        this.C[i * n + j] = keep * this.C[i * n + j]! + this.c1 * this.pc[i]! * this.pc[j]! + this.cmu * rankMu;
      }
    }
  }

  private sample(rng: Generator): number[] {
    const n = this.dim;
    const { B, D } = this.eigen();
    const z = Array.from({ length: n }, () => rng.normal()); // ~ N(0, I)
    const x: number[] = [];
    for (let i = 0; i < n; i++) {
      let y = 0; // y = B·D·z ~ N(0, C)
      for (let k = 0; k < n; k++) y += B[i * n + k]! * D[k]! * z[k]!;
      x.push(this.mean[i]! + this.sigma * y);
    }
    return x;
  }

  private feasible(x: readonly number[]): boolean {
    return this.bounds === null || x.every((v, i) => v >= this.bounds![i]![0] && v <= this.bounds![i]![1]);
  }

  /** C = B·diag(D²)·Bᵀ, symmetrized first; negative eigenvalues (rounding) become EPS. */
  private eigen(): { B: Float64Array; D: Float64Array } {
    if (this.BD) return this.BD;
    const n = this.dim;
    const S = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) S[i * n + j] = (this.C[i * n + j]! + this.C[j * n + i]!) / 2;
    const { values, V } = eighKernel({ rows: n, cols: n, data: S });
    const D = Float64Array.from(values, (d2) => Math.sqrt(d2 < 0 ? EPS : d2));
    const B = V.data;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let k = 0; k < n; k++) s += B[i * n + k]! * D[k]! ** 2 * B[j * n + k]!;
        this.C[i * n + j] = s;
      }
    }
    this.BD = { B, D };
    return this.BD;
  }
}
