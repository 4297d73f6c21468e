/** Reading sample data for the descriptive statistics and tests. */

/**
 * The sample as a Float64Array, with an error naming the function when it is too short or
 * holds NaN (SciPy would propagate NaN; a NaN here is almost always a data bug).
 */
export function sample(fn: string, x: ArrayLike<number>, minLength = 1, label = 'x'): Float64Array {
  if (x === null || typeof x !== 'object' || typeof x.length !== 'number') {
    throw new TypeError(`${fn}: ${label} must be an array of numbers`);
  }
  if (x.length < minLength) throw new RangeError(`${fn}: ${label} needs at least ${minLength} value${minLength === 1 ? '' : 's'}, got ${x.length}`);
  const out = Float64Array.from(x);
  for (let i = 0; i < out.length; i++) {
    if (Number.isNaN(out[i])) throw new RangeError(`${fn}: ${label}[${i}] is NaN; drop or impute missing values first`);
  }
  return out;
}

/** Two or more samples (the k-sample tests), each read by `sample` and labelled `group i`. */
export function groups(fn: string, samples: ArrayLike<number>[], minLength: number): Float64Array[] {
  if (samples.length < 2) throw new RangeError(`${fn}: need at least two groups, got ${samples.length}`);
  return samples.map((s, i) => sample(fn, s, minLength, `group ${i}`));
}

/** Σx/n, summed in a second pass around a first estimate so large offsets do not cost digits. */
export function mean(x: ArrayLike<number>): number {
  const n = x.length;
  let s = 0;
  for (let i = 0; i < n; i++) s += x[i];
  const m = s / n;
  let c = 0;
  for (let i = 0; i < n; i++) c += x[i] - m;
  return m + c / n;
}

/** Σ(x − m)^k. */
export function centralSum(x: ArrayLike<number>, m: number, k: number): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += (x[i] - m) ** k;
  return s;
}

/** Sorted copy, ascending. */
export function sorted(x: ArrayLike<number>): Float64Array {
  return Float64Array.from(x).sort();
}

/** The alternative hypotheses every test accepts, SciPy's spelling. */
export type Alternative = 'two-sided' | 'less' | 'greater';

export function checkAlternative(fn: string, alternative: string): Alternative {
  if (alternative !== 'two-sided' && alternative !== 'less' && alternative !== 'greater') {
    throw new RangeError(`${fn}: alternative must be 'two-sided', 'less' or 'greater', got '${alternative}'`);
  }
  return alternative;
}

/** The `{ statistic, pvalue }` every test returns (SciPy's field names). */
export interface TestResult {
  statistic: number;
  pvalue: number;
}
