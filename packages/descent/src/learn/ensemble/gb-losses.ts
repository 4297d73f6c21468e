/**
 * Loss functions for gradient boosting (Friedman, "Greedy function approximation: a
 * gradient boosting machine", Annals of Statistics 29, 2001; scikit-learn's
 * `sklearn/ensemble/_gb_losses.py`).
 *
 * Each stage fits a regression tree to the negative gradient r = −∂L/∂F of the loss at
 * the current raw prediction F, then replaces every leaf's value by the step that does
 * best for the loss in that leaf (Friedman's "TreeBoost"): the mean residual for squared
 * error, a median for absolute error, a quantile for the pinball loss, a Huberized median,
 * or one Newton step Σ r / Σ p(1 − p) for the log-loss.
 */

export type GBRegressionLoss = 'squared_error' | 'absolute_error' | 'huber' | 'quantile';
export type GBClassificationLoss = 'log_loss' | 'exponential';
export type GBLossName = GBRegressionLoss | GBClassificationLoss | 'multinomial';

/**
 * The q-th weighted percentile (scikit-learn's `_weighted_percentile`): the smallest value
 * whose cumulative weight reaches q% of the total.
 */
export function weightedPercentile(values: ArrayLike<number>, weights: ArrayLike<number>, q: number): number {
  const n = values.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => values[a] - values[b]);
  const cdf = new Float64Array(n);
  let s = 0;
  for (let r = 0; r < n; r++) {
    s += weights[order[r]];
    cdf[r] = s;
  }
  let target = (q / 100) * s;
  if (target === 0) target = Number.MIN_VALUE;
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cdf[mid] < target) lo = mid + 1;
    else hi = mid;
  }
  return values[order[Math.min(lo, n - 1)]];
}

/** NumPy's default `np.percentile` (linear interpolation between order statistics). */
export function percentile(values: ArrayLike<number>, q: number): number {
  const a = Float64Array.from(values).sort();
  const pos = (q / 100) * (a.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, a.length - 1);
  const t = pos - lo;
  // NumPy's _lerp: a + (b − a)·t, computed from the nearer end.
  return t >= 0.5 ? a[hi] - (a[hi] - a[lo]) * (1 - t) : a[lo] + (a[hi] - a[lo]) * t;
}

const expit = (x: number) => 1 / (1 + Math.exp(-x));
/** log(1 + e^x) without overflow. */
const logAddExp0 = (x: number) => (x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x)));

/** The loss and its pieces; raw predictions are (n, K) row-major. */
export class GBLoss {
  /** Trees per stage: the number of classes for multinomial, else 1. */
  readonly K: number;
  /** The Huber threshold of the last gradient (an α-quantile of |y − F|); null before the first. */
  gamma: number | null = null;

  constructor(readonly name: GBLossName, nClasses: number, readonly alpha = 0.9) {
    this.K = name === 'multinomial' ? nClasses : 1;
  }

  /**
   * The constant start F₀: the (weighted) mean, median or α-quantile; log-odds of the
   * class frequencies (half of them for the exponential loss); the log class priors.
   */
  initRaw(y: Float64Array, w: Float64Array | null, nClasses: number): Float64Array {
    const n = y.length;
    const W = w ?? new Float64Array(n).fill(1);
    const total = W.reduce((a, b) => a + b, 0);
    switch (this.name) {
      case 'squared_error': {
        let s = 0;
        for (let i = 0; i < n; i++) s += W[i] * y[i];
        return Float64Array.of(s / total);
      }
      case 'absolute_error':
      case 'huber':
      case 'quantile': {
        const q = this.name === 'quantile' ? this.alpha * 100 : 50;
        return Float64Array.of(w ? weightedPercentile(y, w, q) : percentile(y, q));
      }
      default: {
        const prior = new Float64Array(nClasses);
        for (let i = 0; i < n; i++) prior[y[i]] += W[i];
        const eps = 1.1920928955078125e-7; // float32 machine epsilon, as scikit-learn clips
        const p = prior.map((c) => Math.min(Math.max(c / total, eps), 1 - eps));
        if (this.name === 'multinomial') return p.map(Math.log);
        const odds = Math.log(p[1] / (1 - p[1]));
        return Float64Array.of(this.name === 'exponential' ? 0.5 * odds : odds);
      }
    }
  }

  /** −∂L/∂F for output k; `y` is the target (the 0/1 indicator of class k for multinomial). */
  negativeGradient(y: Float64Array, raw: Float64Array, k: number, w: Float64Array | null): Float64Array {
    const n = y.length;
    const K = this.K;
    const r = new Float64Array(n);
    switch (this.name) {
      case 'squared_error':
        for (let i = 0; i < n; i++) r[i] = y[i] - raw[i];
        return r;
      case 'absolute_error':
        for (let i = 0; i < n; i++) r[i] = y[i] - raw[i] > 0 ? 1 : -1;
        return r;
      case 'huber': {
        const absDiff = Float64Array.from(y, (v, i) => Math.abs(v - raw[i]));
        // scikit-learn always passes weights here (ones when none were given), so this is
        // the weighted percentile even without weights: no interpolation.
        this.gamma = weightedPercentile(absDiff, w ?? new Float64Array(n).fill(1), this.alpha * 100);
        for (let i = 0; i < n; i++) {
          const d = y[i] - raw[i];
          r[i] = Math.abs(d) <= this.gamma ? d : this.gamma * Math.sign(d);
        }
        return r;
      }
      case 'quantile':
        for (let i = 0; i < n; i++) r[i] = y[i] > raw[i] ? this.alpha : -(1 - this.alpha);
        return r;
      case 'log_loss':
        for (let i = 0; i < n; i++) r[i] = y[i] - expit(raw[i]);
        return r;
      case 'exponential':
        for (let i = 0; i < n; i++) {
          const s = 2 * y[i] - 1;
          r[i] = s * Math.exp(-s * raw[i]);
        }
        return r;
      case 'multinomial':
        for (let i = 0; i < n; i++) {
          let m = -Infinity;
          for (let c = 0; c < K; c++) m = Math.max(m, raw[i * K + c]);
          let s = 0;
          for (let c = 0; c < K; c++) s += Math.exp(raw[i * K + c] - m);
          r[i] = y[i] - Math.exp(raw[i * K + k] - m - Math.log(s));
        }
        return r;
    }
  }

  /** The best constant step for the samples `idx` of one leaf (Friedman's line search). */
  leafValue(idx: readonly number[], y: Float64Array, residual: Float64Array, raw: Float64Array, k: number, w: Float64Array): number {
    const K = this.K;
    const diff = () => idx.map((i) => y[i] - raw[i * K + k]);
    const ws = () => idx.map((i) => w[i]);
    switch (this.name) {
      case 'absolute_error':
        return weightedPercentile(diff(), ws(), 50);
      case 'quantile':
        return weightedPercentile(diff(), ws(), this.alpha * 100);
      case 'huber': {
        const d = diff();
        const median = weightedPercentile(d, ws(), 50);
        let s = 0;
        for (const v of d) {
          const dm = v - median;
          s += Math.sign(dm) * Math.min(Math.abs(dm), this.gamma!);
        }
        return median + s / d.length;
      }
      case 'exponential': {
        let num = 0;
        let den = 0;
        for (const i of idx) {
          const s = 2 * y[i] - 1;
          const e = Math.exp(-s * raw[i]);
          num += s * w[i] * e;
          den += w[i] * e;
        }
        return Math.abs(den) < 1e-150 ? 0 : num / den;
      }
      default: {
        // One Newton step: Σ w r / Σ w p (1 − p), with p = y − r; scaled by (K − 1)/K for softmax.
        let num = 0;
        let den = 0;
        for (const i of idx) {
          num += w[i] * residual[i];
          den += w[i] * (y[i] - residual[i]) * (1 - y[i] + residual[i]);
        }
        if (this.name === 'multinomial') num *= (K - 1) / K;
        return Math.abs(den) < 1e-150 ? 0 : num / den;
      }
    }
  }

  /** The loss over the samples `idx` (all when null), weighted; as scikit-learn's `loss_(...)`. */
  value(y: Float64Array, raw: Float64Array, w: Float64Array | null, idx: readonly number[] | null): number {
    const K = this.K;
    const rows = idx ?? Array.from({ length: y.length }, (_, i) => i);
    let gamma = this.gamma;
    if (this.name === 'huber' && gamma === null) {
      // Before any gradient, scikit-learn takes the threshold from these rows.
      const absDiff = rows.map((i) => Math.abs(y[i] - raw[i]));
      gamma = weightedPercentile(absDiff, rows.map((i) => (w ? w[i] : 1)), this.alpha * 100);
    }
    let s = 0;
    let W = 0;
    for (const i of rows) {
      const wi = w ? w[i] : 1;
      W += wi;
      const f = raw[i * K];
      const d = y[i] - f;
      switch (this.name) {
        case 'squared_error': s += wi * d * d; break;
        case 'absolute_error': s += wi * Math.abs(d); break;
        case 'huber': s += wi * (Math.abs(d) <= gamma! ? 0.5 * d * d : gamma! * (Math.abs(d) - gamma! / 2)); break;
        case 'quantile': s += wi * (y[i] > f ? this.alpha * d : -(1 - this.alpha) * d); break;
        case 'log_loss': s += wi * -2 * (y[i] * f - logAddExp0(f)); break;
        case 'exponential': s += wi * Math.exp(-(2 * y[i] - 1) * f); break;
        case 'multinomial': {
          let m = -Infinity;
          for (let c = 0; c < K; c++) m = Math.max(m, raw[i * K + c]);
          let e = 0;
          for (let c = 0; c < K; c++) e += Math.exp(raw[i * K + c] - m);
          s += wi * (m + Math.log(e) - raw[i * K + y[i]]);
          break;
        }
      }
    }
    return s / W;
  }
}
