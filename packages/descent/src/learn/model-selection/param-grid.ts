/**
 * Candidate parameters for the searches: `parameterGrid` (every combination, in
 * scikit-learn's order) and `parameterSampler` (random draws), with the distributions
 * `uniform`, `loguniform` and `randint`. Distributions are plain data
 * (`{ distribution: 'uniform', loc, scale }`), so a search holding them saves to JSON.
 */
import type { Generator } from '../../random/index.js';
import { range } from './common.js';

/** One grid: each parameter name (nested as `step__param`) with the values to try. */
export type ParamGrid = Readonly<Record<string, readonly unknown[]>>;

/**
 * scipy.stats.uniform(loc, scale): continuous, uniform on [loc, loc + scale].
 * scipy.stats.loguniform(a, b): continuous, log-uniform on [a, b] (every decade equally likely).
 * scipy.stats.randint(low, high): an integer in low..high − 1, each equally likely.
 */
export type Distribution =
  | { distribution: 'uniform'; loc: number; scale: number }
  | { distribution: 'loguniform'; a: number; b: number }
  | { distribution: 'randint'; low: number; high: number };

/** What each parameter of a randomized search draws from: a distribution, or a list to pick from uniformly. */
export type ParamDistributions = Readonly<Record<string, Distribution | readonly unknown[]>>;

/**
 * Uniform on [loc, loc + scale], with scipy.stats.uniform's parameters.
 *
 * ```ts
 * uniform(0, 10); // draws in [0, 10]
 * ```
 */
export function uniform(loc = 0, scale = 1): Distribution {
  if (!Number.isFinite(loc) || !Number.isFinite(scale) || scale < 0) throw new Error(`uniform(loc, scale) needs finite numbers with scale >= 0; got (${loc}, ${scale}).`);
  return { distribution: 'uniform', loc, scale };
}

/**
 * Log-uniform on [a, b] (scipy.stats.loguniform): the log of a draw is uniform, so 1e-4..1e-3
 * is as likely as 1..10. The usual prior for penalties and learning rates.
 *
 * ```ts
 * loguniform(1e-4, 1e2);
 * ```
 */
export function loguniform(a: number, b: number): Distribution {
  if (!(a > 0) || !(b > a) || !Number.isFinite(b)) throw new Error(`loguniform(a, b) needs 0 < a < b < Infinity; got (${a}, ${b}).`);
  return { distribution: 'loguniform', a, b };
}

/**
 * A uniform integer in low..high − 1 (scipy.stats.randint; high is excluded).
 *
 * ```ts
 * randint(1, 11); // 1..10
 * ```
 */
export function randint(low: number, high: number): Distribution {
  if (!Number.isInteger(low) || !Number.isInteger(high) || high <= low) throw new Error(`randint(low, high) needs integers with low < high; got (${low}, ${high}).`);
  return { distribution: 'randint', low, high };
}

export function isDistribution(v: unknown): v is Distribution {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const d = v as Record<string, unknown>;
  const num = (k: string) => typeof d[k] === 'number' && Number.isFinite(d[k]);
  switch (d.distribution) {
    case 'uniform': return num('loc') && num('scale') && (d.scale as number) >= 0;
    case 'loguniform': return num('a') && num('b') && (d.a as number) > 0 && (d.b as number) > (d.a as number);
    case 'randint': return Number.isInteger(d.low) && Number.isInteger(d.high) && (d.high as number) > (d.low as number);
    default: return false;
  }
}

/** One draw from a distribution. */
export function sample(d: Distribution, rng: Generator): number {
  switch (d.distribution) {
    case 'uniform': return d.loc + d.scale * rng.random();
    case 'loguniform': return Math.exp(Math.log(d.a) + (Math.log(d.b) - Math.log(d.a)) * rng.random());
    case 'randint': return rng.integers(d.low, d.high);
  }
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype;
}

/** A grid or list of grids whose values are all non-empty arrays. */
export function isParamGrid(v: unknown): boolean {
  const one = (g: unknown) => isPlainObject(g) && Object.values(g).every((x) => Array.isArray(x) && x.length > 0);
  return Array.isArray(v) ? v.length > 0 && v.every(one) : one(v);
}

/** Distributions: a record (or list of records) of distributions or non-empty arrays. */
export function isParamDistributions(v: unknown): boolean {
  const one = (g: unknown) => isPlainObject(g) && Object.keys(g).length > 0 &&
    Object.values(g).every((x) => (Array.isArray(x) && x.length > 0) || isDistribution(x));
  return Array.isArray(v) ? v.length > 0 && v.every(one) : one(v);
}

/** Names sorted as Python sorts strings (by code point), scikit-learn's order. */
const sortedKeys = (g: object) => Object.keys(g).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

/**
 * Every combination of a grid, or of each grid in a list in turn
 * (sklearn.model_selection.ParameterGrid). Within a grid, names are sorted and the last
 * name varies fastest, so the candidates come in scikit-learn's order.
 *
 * ```ts
 * parameterGrid({ b: [1, 2], a: ['x', 'y'] });
 * // [{ a: 'x', b: 1 }, { a: 'x', b: 2 }, { a: 'y', b: 1 }, { a: 'y', b: 2 }]
 * ```
 */
export function parameterGrid(grid: ParamGrid | readonly ParamGrid[]): Record<string, unknown>[] {
  const grids = Array.isArray(grid) ? (grid as ParamGrid[]) : [grid as ParamGrid];
  const out: Record<string, unknown>[] = [];
  for (const g of grids) {
    let combos: Record<string, unknown>[] = [{}];
    for (const key of sortedKeys(g)) combos = combos.flatMap((c) => g[key].map((v) => ({ ...c, [key]: v })));
    out.push(...combos);
  }
  return out;
}

/**
 * `nIter` random candidates (sklearn.model_selection.ParameterSampler). If every value is
 * a list, candidates are drawn from the grid without replacement (at most the grid's
 * size); otherwise each draw picks, per sorted name, a list element uniformly or a sample
 * of the distribution. With a list of records, each draw first picks a record. The draws
 * come from Descent's generator, so they differ from scikit-learn's for the same seed.
 *
 * ```ts
 * parameterSampler({ alpha: loguniform(1e-3, 1e3), fitIntercept: [true, false] }, 4, new Generator(0));
 * ```
 */
export function parameterSampler(dists: ParamDistributions | readonly ParamDistributions[], nIter: number, rng: Generator): Record<string, unknown>[] {
  const list = Array.isArray(dists) ? (dists as ParamDistributions[]) : [dists as ParamDistributions];
  const allLists = list.every((d) => Object.values(d).every((v) => Array.isArray(v)));
  if (allLists) {
    const grid = parameterGrid(list as ParamGrid[]);
    const picks = rng.shuffle(range(0, grid.length)).slice(0, Math.min(nIter, grid.length));
    return picks.map((i) => grid[i]);
  }
  return range(0, nIter).map(() => {
    const d = list.length === 1 ? list[0] : list[rng.integers(0, list.length)];
    const out: Record<string, unknown> = {};
    for (const key of sortedKeys(d)) {
      const v = d[key];
      out[key] = Array.isArray(v) ? v[rng.integers(0, v.length)] : sample(v as Distribution, rng);
    }
    return out;
  });
}
