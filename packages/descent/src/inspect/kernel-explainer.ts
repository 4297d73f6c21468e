/**
 * Kernel SHAP (Lundberg & Lee, "A Unified Approach to Interpreting Model Predictions",
 * NeurIPS 2017): Shapley values of any model's prediction, found as the weighted
 * least-squares fit of f over feature coalitions with the Shapley kernel
 * π(S) = (M − 1) / (C(M, |S|) · |S| · (M − |S|)). A feature outside the coalition takes
 * each background row's value in turn (the interventional expectation), so v(S) is the mean
 * prediction over the background with x's values on S.
 */
import { Generator } from '../random/index.js';
import { solve } from '../linalg/index.js';

/** A model as a function from rows to one number per row (a regressor's predict, a class probability). */
export type PredictFn = (X: number[][]) => ArrayLike<number>;

export interface KernelExplainerOptions {
  /**
   * Coalitions to evaluate. Default 'auto': all 2^M − 2 of them when that is at most 2048
   * (the result is then the exact Shapley values), else 2048 sampled from the Shapley kernel.
   */
  nSamples?: number | 'auto';
  randomState?: number;
}

function logChoose(n: number, k: number): number {
  let s = 0;
  for (let i = 1; i <= k; i++) s += Math.log(n - k + i) - Math.log(i);
  return s;
}

/**
 * ```ts
 * const explainer = new KernelExplainer((X) => model.predict(X), background);
 * const phi = explainer.shapValues([x])[0];
 * phi.reduce((a, b) => a + b, 0) + explainer.expectedValue; // = model.predict([x])[0]
 * ```
 */
export class KernelExplainer {
  /** Mean prediction over the background: the base value the Shapley values add up from. */
  readonly expectedValue: number;
  private readonly background: number[][];

  constructor(readonly predict: PredictFn, background: number[][], readonly options: KernelExplainerOptions = {}) {
    if (!Array.isArray(background) || background.length === 0) throw new Error('KernelExplainer: background must be a non-empty array of rows (a sample of the training data).');
    this.background = background.map((r) => [...r]);
    const p = predict(this.background);
    this.expectedValue = Array.from(p).reduce((a, b) => a + b, 0) / p.length;
  }

  /** v(S): the mean prediction with x's values on the features in `mask` and the background's elsewhere. */
  private value(x: readonly number[], masks: boolean[][]): number[] {
    const B = this.background.length;
    const rows: number[][] = [];
    for (const m of masks) for (const b of this.background) rows.push(b.map((v, j) => (m[j] ? x[j] : v)));
    const p = this.predict(rows);
    return masks.map((_, s) => {
      let sum = 0;
      for (let k = 0; k < B; k++) sum += p[s * B + k];
      return sum / B;
    });
  }

  /** One row of Shapley values per row of X; each row sums to f(x) − expectedValue. */
  shapValues(X: number[][]): number[][] {
    return X.map((x) => this.explainRow(x));
  }

  private explainRow(x: readonly number[]): number[] {
    const M = x.length;
    if (M !== this.background[0].length) throw new Error(`KernelExplainer: x has ${M} features but the background has ${this.background[0].length}.`);
    const fx = this.value(x, [new Array<boolean>(M).fill(true)])[0];
    const total = fx - this.expectedValue;
    if (M === 1) return [total];
    const { masks, weights } = this.coalitions(M);
    const v = this.value(x, masks);
    // min Σ π(S)(v(S) − φ₀ − Σ_{j∈S} φ_j)² subject to Σ φ_j = f(x) − φ₀: eliminate φ_M = total − Σ_{j<M} φ_j.
    const p = M - 1;
    const A = new Float64Array(p * p);
    const rhs = new Float64Array(p);
    masks.forEach((m, s) => {
      const z = new Float64Array(p);
      for (let j = 0; j < p; j++) z[j] = (m[j] ? 1 : 0) - (m[M - 1] ? 1 : 0);
      const target = v[s] - this.expectedValue - (m[M - 1] ? total : 0);
      const w = weights[s];
      for (let a = 0; a < p; a++) {
        if (z[a] === 0) continue;
        rhs[a] += w * z[a] * target;
        for (let b = 0; b < p; b++) A[a * p + b] += w * z[a] * z[b];
      }
    });
    const Arows = Array.from({ length: p }, (_, a) => Array.from(A.subarray(a * p, (a + 1) * p)));
    const phi = solve(Arows, Array.from(rhs)).toArray() as number[];
    phi.push(total - phi.reduce((a, b) => a + b, 0));
    return phi;
  }

  /** Every proper non-empty coalition with its kernel weight, or a sample drawn from the kernel. */
  private coalitions(M: number): { masks: boolean[][]; weights: number[] } {
    const budget = this.options.nSamples ?? 'auto';
    const n = budget === 'auto' ? 2048 : budget;
    const kernel = (s: number) => (M - 1) / (Math.exp(logChoose(M, s)) * s * (M - s));
    if (M < 31 && 2 ** M - 2 <= n) {
      const masks: boolean[][] = [];
      const weights: number[] = [];
      for (let bits = 1; bits < 2 ** M - 1; bits++) {
        const m = Array.from({ length: M }, (_, j) => ((bits >> j) & 1) === 1);
        masks.push(m);
        weights.push(kernel(m.filter(Boolean).length));
      }
      return { masks, weights };
    }
    // Sample sizes s with probability ∝ C(M, s)·π(s) = (M − 1)/(s(M − s)), then a uniform subset of that size; weight 1 each.
    const rng = new Generator(this.options.randomState ?? 0);
    const sizeW = Array.from({ length: M - 1 }, (_, i) => (M - 1) / ((i + 1) * (M - i - 1)));
    const totalW = sizeW.reduce((a, b) => a + b, 0);
    const masks: boolean[][] = [];
    for (let k = 0; k < n; k++) {
      let u = rng.random() * totalW;
      let s = 1;
      while (u > sizeW[s - 1] && s < M - 1) u -= sizeW[s++ - 1];
      const chosen = new Set(rng.permutation(M).slice(0, s));
      masks.push(Array.from({ length: M }, (_, j) => chosen.has(j)));
    }
    return { masks, weights: masks.map(() => 1) };
  }
}
