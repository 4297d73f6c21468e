/**
 * Ranks and modes: `rankdata` (SciPy's five tie methods), `mode`, and the tie counts the
 * rank tests need.
 */
import { sample } from './data.js';

export type RankMethod = 'average' | 'min' | 'max' | 'dense' | 'ordinal';

/**
 * Ranks 1..n of the data, ties resolved by `method` (default 'average'), as SciPy's
 * `rankdata`. O(n log n): one sort, then one pass over runs of equal values.
 *
 * ```ts
 * rankdata([10, 20, 10, 30]);                     // [1.5, 3, 1.5, 4]
 * rankdata([10, 20, 10, 30], { method: 'min' });  // [1, 3, 1, 4]
 * ```
 */
export function rankdata(x: ArrayLike<number>, options: { method?: RankMethod } = {}): number[] {
  const { method = 'average' } = options;
  if (!['average', 'min', 'max', 'dense', 'ordinal'].includes(method)) {
    throw new RangeError(`rankdata: method must be 'average', 'min', 'max', 'dense' or 'ordinal', got '${method}'`);
  }
  const a = sample('rankdata', x, 0);
  const n = a.length;
  // a stable sort of the indices by value (ties keep their order, as SciPy's mergesort)
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => a[i] - a[j] || i - j);
  const ranks = new Array<number>(n);
  let dense = 0;
  for (let start = 0; start < n; ) {
    let end = start + 1;
    while (end < n && a[order[end]] === a[order[start]]) end++;
    dense++;
    // the run order[start..end) holds equal values, ordinal ranks start+1..end
    for (let k = start; k < end; k++) {
      const i = order[k];
      if (method === 'average') ranks[i] = (start + 1 + end) / 2;
      else if (method === 'min') ranks[i] = start + 1;
      else if (method === 'max') ranks[i] = end;
      else if (method === 'dense') ranks[i] = dense;
      else ranks[i] = k + 1;
    }
    start = end;
  }
  return ranks;
}

/** The sizes of the runs of tied values (only runs longer than 1). */
export function tieCounts(x: ArrayLike<number>): number[] {
  const s = Float64Array.from(x).sort();
  const out: number[] = [];
  for (let start = 0; start < s.length; ) {
    let end = start + 1;
    while (end < s.length && s[end] === s[start]) end++;
    if (end - start > 1) out.push(end - start);
    start = end;
  }
  return out;
}

/**
 * The most common value and how often it occurs (the smallest such value on ties), as
 * SciPy's `mode`.
 *
 * ```ts
 * mode([1, 2, 2, 3, 3]); // { mode: 2, count: 2 }
 * ```
 */
export function mode(x: ArrayLike<number>): { mode: number; count: number } {
  const s = Float64Array.from(sample('mode', x)).sort();
  let best = s[0];
  let count = 0;
  for (let start = 0; start < s.length; ) {
    let end = start + 1;
    while (end < s.length && s[end] === s[start]) end++;
    if (end - start > count) {
      count = end - start;
      best = s[start];
    }
    start = end;
  }
  return { mode: best, count };
}
