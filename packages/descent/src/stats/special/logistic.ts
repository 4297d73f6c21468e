/**
 * The logistic sigmoid, its inverse, and a stable log-sum-exp: `expit`, `logit`, `logsumexp`.
 */

/**
 * The logistic sigmoid 1/(1 + e^{−x}), as SciPy's `expit`, written so that neither branch
 * overflows (e^{−|x|} ≤ 1).
 *
 * ```ts
 * expit(0); // 0.5
 * ```
 */
export function expit(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/**
 * The log-odds log(p/(1 − p)), as SciPy's `logit`. Near p = ½ it uses
 * log1p((2p − 1)/(1 − p)) so that small log-odds keep their digits.
 *
 * ```ts
 * logit(0.75); // log 3
 * ```
 */
export function logit(p: number): number {
  if (Number.isNaN(p) || p < 0 || p > 1) return NaN;
  if (p > 0.25 && p < 0.75) return Math.log1p((2 * p - 1) / (1 - p));
  return Math.log(p / (1 - p));
}

/** Options of {@link logsumexp}: weights `b` (SciPy's name), one per element. */
export interface LogsumexpOptions {
  b?: ArrayLike<number>;
}

/**
 * log Σ bᵢ e^{aᵢ} without overflow: the largest aᵢ is factored out first
 * (as SciPy's `logsumexp(a, b=b)` over all elements).
 *
 * ```ts
 * logsumexp([1000, 1000]); // 1000 + log 2
 * ```
 */
export function logsumexp(a: ArrayLike<number>, options: LogsumexpOptions = {}): number {
  const { b } = options;
  if (b !== undefined && b.length !== a.length) {
    throw new RangeError(`logsumexp: b has ${b.length} weights but a has ${a.length} elements; pass one weight per element`);
  }
  let max = -Infinity;
  for (let i = 0; i < a.length; i++) if (a[i] > max && (b === undefined || b[i] !== 0)) max = a[i];
  if (Number.isNaN(max)) return NaN;
  if (!Number.isFinite(max)) {
    if (max === -Infinity) return -Infinity;
    return max;
  }
  let sum = 0;
  for (let i = 0; i < a.length; i++) {
    if (Number.isNaN(a[i])) return NaN;
    sum += (b === undefined ? 1 : b[i]) * Math.exp(a[i] - max);
  }
  return max + Math.log(sum);
}
