/**
 * The hypergeometric distribution, SciPy's `hypergeom(M, n, N)`: the number of marked
 * items among N drawn without replacement from M items of which n are marked.
 * pmf(k) = C(n, k) C(M − n, N − k) / C(M, N) on max(0, N − M + n) ≤ k ≤ min(n, N);
 * the cdf and sf sum the pmf over their own side of k.
 */
import { makeDiscrete } from './discrete.js';
import { logComb } from './binom.js';
import type { Params } from './args.js';

const logpmf = (k: number, q: Params) => logComb(q.n, k) + logComb(q.M - q.n, q.N - k) - logComb(q.M, q.N);

/** Σ pmf(j) for j from `from` to `to` inclusive. */
function sumPmf(from: number, to: number, q: Params): number {
  let s = 0;
  for (let j = from; j <= to; j++) s += Math.exp(logpmf(j, q));
  return s;
}

const bounds = (q: Params): [number, number] => [Math.max(0, q.N - q.M + q.n), Math.min(q.n, q.N)];

/**
 * ```ts
 * hypergeom.pmf(1, 20, 7, 12);   // M = 20 items, n = 7 marked, N = 12 drawn
 * hypergeom({ M: 20, n: 7, N: 12 }).mean(); // 4.2
 * ```
 */
export const hypergeom = makeDiscrete<{ M: number; n: number; N: number; loc: number }>({
  name: 'hypergeom',
  shapes: ['M', 'n', 'N'],
  check: (q) =>
    [q.M, q.n, q.N].every((v) => Number.isInteger(v) && v >= 0) && q.n <= q.M && q.N <= q.M
      ? null
      : `M, n, N must be integers with 0 <= n <= M and 0 <= N <= M, got M=${q.M}, n=${q.n}, N=${q.N}`,
  support: bounds,
  logpmf,
  // direct sums of positive terms: each tail keeps its digits (1 − Σ would cancel)
  cdf: (k, q) => Math.min(1, sumPmf(bounds(q)[0], k, q)),
  sf: (k, q) => Math.min(1, sumPmf(k + 1, bounds(q)[1], q)),
  mean: (q) => (q.N * q.n) / q.M,
  var: (q) => (q.M <= 1 ? 0 : (q.N * q.n * (q.M - q.n) * (q.M - q.N)) / (q.M * q.M * (q.M - 1))),
});
