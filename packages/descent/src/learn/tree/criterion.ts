/**
 * Impurity criteria for growing trees (scikit-learn's `sklearn/tree/_criterion.pyx`).
 *
 * A criterion looks at the samples of one node, `samples[start, end)`, and answers:
 * how impure is the node, and how much purer do its children get if the first
 * `pos - start` samples (in the current sort order) go left? The split search moves `pos`
 * forward one distinct feature value at a time, so each `update` only adds the samples
 * that just crossed over: the whole scan of a sorted feature costs O(n), not O(n²).
 *
 * Impurities (p_k: weighted share of class k; w: weights; ȳ: weighted mean):
 *   gini      1 − Σ_k p_k²
 *   entropy   −Σ_k p_k log₂ p_k          ('log_loss' is the same criterion)
 *   squared   Σ w (y − ȳ)² / Σ w
 *   absolute  Σ w |y − median| / Σ w     (weighted median)
 *   poisson   Σ w y log(y / ȳ) / Σ w      (half the Poisson deviance)
 * and the decrease credited to a split (Breiman et al., "Classification and Regression
 * Trees", 1984) is  N_t/N · (i(t) − N_L/N_t · i(L) − N_R/N_t · i(R)).
 */

/** The node-level interface the splitters and builders use. */
export interface Criterion {
  weightedNNodeSamples: number;
  weightedNLeft: number;
  weightedNRight: number;
  /** Children impurities from the last `childrenImpurity` call. */
  impurityLeft: number;
  impurityRight: number;
  /** Starts a node: samples[start, end), all on the right. */
  init(samples: Int32Array, start: number, end: number): void;
  /** All samples back on the right (before scanning another feature). */
  reset(): void;
  /** Moves samples[pos, newPos) to the left. */
  update(newPos: number): void;
  nodeImpurity(): number;
  /** Larger is better; equal order to `impurityImprovement` but cheaper. */
  proxyImpurityImprovement(): number;
  /** Sets `impurityLeft` and `impurityRight`. */
  childrenImpurity(): void;
  impurityImprovement(parent: number, left: number, right: number): number;
  /** Writes the node's prediction (class weights, or the mean/median) at `out[offset...]`. */
  nodeValue(out: Float64Array, offset: number): void;
}

export type CriterionName = 'gini' | 'entropy' | 'log_loss' | 'squared_error' | 'friedman_mse' | 'absolute_error' | 'poisson';

const EPSILON = 2.220446049250313e-16;
const LN2 = Math.LN2;

/** The split bookkeeping every criterion shares; subclasses keep their own running sums. */
export abstract class BaseCriterion implements Criterion {
  weightedNNodeSamples = 0;
  weightedNLeft = 0;
  weightedNRight = 0;
  impurityLeft = 0;
  impurityRight = 0;
  protected samples: Int32Array = new Int32Array(0);
  protected start = 0;
  protected end = 0;
  protected pos = 0;

  /**
   * @param y targets (class codes 0..K−1 for classification), one per sample
   * @param w sample weights, or null for all ones
   * @param weightedNSamples Σ w over the whole training set
   */
  constructor(protected readonly y: Float64Array, protected readonly w: Float64Array | null, protected readonly weightedNSamples: number) {}

  abstract init(samples: Int32Array, start: number, end: number): void;
  abstract reset(): void;
  abstract update(newPos: number): void;
  abstract nodeImpurity(): number;
  abstract childrenImpurity(): void;
  abstract nodeValue(out: Float64Array, offset: number): void;

  proxyImpurityImprovement(): number {
    this.childrenImpurity();
    return -this.weightedNRight * this.impurityRight - this.weightedNLeft * this.impurityLeft;
  }

  impurityImprovement(parent: number, left: number, right: number): number {
    const wn = this.weightedNNodeSamples;
    return (wn / this.weightedNSamples) * (parent - (this.weightedNRight / wn) * right - (this.weightedNLeft / wn) * left);
  }
}

/** Gini and entropy: weighted class counts left, right and in total. */
export class ClassificationCriterion extends BaseCriterion {
  readonly sumTotal: Float64Array;
  readonly sumLeft: Float64Array;
  readonly sumRight: Float64Array;

  constructor(y: Float64Array, w: Float64Array | null, weightedNSamples: number, readonly nClasses: number, readonly entropy: boolean) {
    super(y, w, weightedNSamples);
    this.sumTotal = new Float64Array(nClasses);
    this.sumLeft = new Float64Array(nClasses);
    this.sumRight = new Float64Array(nClasses);
  }

  init(samples: Int32Array, start: number, end: number): void {
    this.samples = samples;
    this.start = start;
    this.end = end;
    const { y, w, sumTotal } = this;
    sumTotal.fill(0);
    let wn = 0;
    for (let p = start; p < end; p++) {
      const i = samples[p];
      const wi = w === null ? 1 : w[i];
      sumTotal[y[i]] += wi;
      wn += wi;
    }
    this.weightedNNodeSamples = wn;
    this.reset();
  }

  reset(): void {
    this.pos = this.start;
    this.weightedNLeft = 0;
    this.weightedNRight = this.weightedNNodeSamples;
    this.sumLeft.fill(0);
    this.sumRight.set(this.sumTotal);
  }

  update(newPos: number): void {
    const { y, w, samples, sumLeft, sumRight, sumTotal } = this;
    let wl = this.weightedNLeft;
    for (let p = this.pos; p < newPos; p++) {
      const i = samples[p];
      const wi = w === null ? 1 : w[i];
      sumLeft[y[i]] += wi;
      wl += wi;
    }
    this.weightedNLeft = wl;
    this.weightedNRight = this.weightedNNodeSamples - wl;
    for (let c = 0; c < this.nClasses; c++) sumRight[c] = sumTotal[c] - sumLeft[c];
    this.pos = newPos;
  }

  private impurityOf(counts: Float64Array, wn: number): number {
    if (this.entropy) {
      let e = 0;
      for (let c = 0; c < this.nClasses; c++) {
        const n = counts[c];
        if (n > 0) {
          const p = n / wn;
          e -= p * (Math.log(p) / LN2);
        }
      }
      return e;
    }
    let sq = 0;
    for (let c = 0; c < this.nClasses; c++) sq += counts[c] * counts[c];
    return 1 - sq / (wn * wn);
  }

  nodeImpurity(): number {
    return this.impurityOf(this.sumTotal, this.weightedNNodeSamples);
  }

  childrenImpurity(): void {
    this.impurityLeft = this.impurityOf(this.sumLeft, this.weightedNLeft);
    this.impurityRight = this.impurityOf(this.sumRight, this.weightedNRight);
  }

  nodeValue(out: Float64Array, offset: number): void {
    out.set(this.sumTotal, offset);
  }
}

/** Squared error, Friedman's variant and Poisson share the running sums Σ w y. */
export class RegressionCriterion extends BaseCriterion {
  sumTotal = 0;
  sqSumTotal = 0;
  sumLeft = 0;
  sumRight = 0;

  constructor(y: Float64Array, w: Float64Array | null, weightedNSamples: number, readonly kind: 'squared_error' | 'friedman_mse' | 'poisson') {
    super(y, w, weightedNSamples);
  }

  init(samples: Int32Array, start: number, end: number): void {
    this.samples = samples;
    this.start = start;
    this.end = end;
    const { y, w } = this;
    let s = 0;
    let sq = 0;
    let wn = 0;
    for (let p = start; p < end; p++) {
      const i = samples[p];
      const wi = w === null ? 1 : w[i];
      const yi = y[i];
      s += wi * yi;
      sq += wi * yi * yi;
      wn += wi;
    }
    this.sumTotal = s;
    this.sqSumTotal = sq;
    this.weightedNNodeSamples = wn;
    this.reset();
  }

  reset(): void {
    this.pos = this.start;
    this.weightedNLeft = 0;
    this.weightedNRight = this.weightedNNodeSamples;
    this.sumLeft = 0;
    this.sumRight = this.sumTotal;
  }

  update(newPos: number): void {
    const { y, w, samples } = this;
    let s = this.sumLeft;
    let wl = this.weightedNLeft;
    for (let p = this.pos; p < newPos; p++) {
      const i = samples[p];
      const wi = w === null ? 1 : w[i];
      s += wi * y[i];
      wl += wi;
    }
    this.sumLeft = s;
    this.weightedNLeft = wl;
    this.weightedNRight = this.weightedNNodeSamples - wl;
    this.sumRight = this.sumTotal - s;
    this.pos = newPos;
  }

  /** Σ w y log(y / ȳ) / Σ w over samples[a, b), or ∞ when the sum of y is not positive. */
  private poissonLoss(a: number, b: number, ySum: number, wSum: number): number {
    if (ySum <= EPSILON) return Infinity;
    const mean = ySum / wSum;
    const { y, w, samples } = this;
    let loss = 0;
    for (let p = a; p < b; p++) {
      const i = samples[p];
      const yi = y[i];
      if (yi !== 0) loss += (w === null ? 1 : w[i]) * yi * Math.log(yi / mean);
    }
    return loss / wSum;
  }

  nodeImpurity(): number {
    if (this.kind === 'poisson') return this.poissonLoss(this.start, this.end, this.sumTotal, this.weightedNNodeSamples);
    const mean = this.sumTotal / this.weightedNNodeSamples;
    return this.sqSumTotal / this.weightedNNodeSamples - mean * mean;
  }

  override proxyImpurityImprovement(): number {
    const { sumLeft, sumRight, weightedNLeft: wl, weightedNRight: wr } = this;
    if (this.kind === 'squared_error') return (sumLeft * sumLeft) / wl + (sumRight * sumRight) / wr;
    if (this.kind === 'friedman_mse') {
      const diff = wr * sumLeft - wl * sumRight;
      return (diff * diff) / (wl * wr);
    }
    // Poisson: −Σ_L y · log ȳ_L − Σ_R y · log ȳ_R, up to constants; children need Σ y > 0.
    if (sumLeft <= EPSILON || sumRight <= EPSILON) return -Infinity;
    return sumLeft * Math.log(sumLeft / wl) + sumRight * Math.log(sumRight / wr);
  }

  childrenImpurity(): void {
    const { start, pos, end } = this;
    if (this.kind === 'poisson') {
      this.impurityLeft = this.poissonLoss(start, pos, this.sumLeft, this.weightedNLeft);
      this.impurityRight = this.poissonLoss(pos, end, this.sumRight, this.weightedNRight);
      return;
    }
    const { y, w, samples } = this;
    let sqLeft = 0;
    for (let p = start; p < pos; p++) {
      const i = samples[p];
      sqLeft += (w === null ? 1 : w[i]) * y[i] * y[i];
    }
    const sqRight = this.sqSumTotal - sqLeft;
    const ml = this.sumLeft / this.weightedNLeft;
    const mr = this.sumRight / this.weightedNRight;
    this.impurityLeft = sqLeft / this.weightedNLeft - ml * ml;
    this.impurityRight = sqRight / this.weightedNRight - mr * mr;
  }

  override impurityImprovement(parent: number, left: number, right: number): number {
    if (this.kind !== 'friedman_mse') return super.impurityImprovement(parent, left, right);
    // Friedman, "Greedy function approximation" (2001), eq. 35: n_L n_R / n · (ȳ_L − ȳ_R)².
    const wl = this.weightedNLeft;
    const wr = this.weightedNRight;
    const diff = wr * this.sumLeft - wl * this.sumRight;
    return (diff * diff) / (wl * wr * this.weightedNNodeSamples);
  }

  nodeValue(out: Float64Array, offset: number): void {
    out[offset] = this.sumTotal / this.weightedNNodeSamples;
  }
}
