/**
 * The machinery every discrete distribution shares: SciPy's `rv_discrete` in miniature.
 * A family writes pmf, cdf and sf on the integers of its support (loc = 0); this file
 * shifts by `loc`, floors non-integer points for the cdf, and inverts the cdf by an
 * integer bisection: ppf(q) is the smallest k with cdf(k) ≥ q, isf(q) the smallest k
 * with sf(k) ≤ q, as SciPy defines them.
 */
import { ndtri } from '../special/index.js';
import { readData, type Params, type RvsOptions } from './args.js';
import { intervalTail, makeNamespace, readDraws, vectorized as v, type FamilyBase, type FrozenBase, type FrozenVectorized, type Vectorized } from './family.js';
import { readFixed, type FitOptions } from './fit.js';

export interface DiscreteSpec {
  name: string;
  shapes: readonly string[];
  check(p: Params): string | null;
  /** The first and last integers of the support (the last may be +∞). */
  support(p: Params): [number, number];
  logpmf(k: number, p: Params): number;
  cdf(k: number, p: Params): number;
  sf(k: number, p: Params): number;
  mean(p: Params): number;
  var(p: Params): number;
  /** Closed-form maximum likelihood given the fixed values (some families need one fixed). */
  fit?(x: Float64Array, fixed: Partial<Params>): Params;
}

/** A discrete distribution with its parameters fixed. */
export interface FrozenDiscrete extends FrozenBase {
  pmf: FrozenVectorized;
  logpmf: FrozenVectorized;
}

/** A discrete family, callable to freeze it: `binom({ n: 10, p: 0.3 })`. */
export interface DiscreteDistribution<P extends Params = Params> extends FamilyBase<P> {
  (params?: Partial<P>): FrozenDiscrete;
  pmf: Vectorized<P>;
  logpmf: Vectorized<P>;
  /** Maximum-likelihood estimates as `{ ...shapes, loc }`; fix values with `f<shape>`/`floc`. */
  fit(data: ArrayLike<number>, options?: FitOptions): P & { loc: number };
}

/**
 * The smallest integer k in [lo, hi] with pred(k) true, for pred monotone (false … true),
 * starting the search at `guess`; hi + 1 when pred is false everywhere.
 */
function smallestSatisfying(pred: (k: number) => boolean, lo: number, hi: number, guess: number): number {
  const k = Math.min(Math.max(Math.round(guess), lo), Number.isFinite(hi) ? hi : Number.MAX_SAFE_INTEGER);
  let bad: number; // pred false here (or lo − 1)
  let good: number; // pred true here (or hi + 1)
  let step = 1;
  if (pred(k)) {
    // gallop down until pred fails
    good = k;
    for (;;) {
      const cand = good - step;
      if (cand < lo) {
        bad = lo - 1;
        break;
      }
      if (!pred(cand)) {
        bad = cand;
        break;
      }
      good = cand;
      step *= 2;
    }
  } else {
    // gallop up until pred holds
    bad = k;
    for (;;) {
      const cand = bad + step;
      if (cand > hi) {
        good = hi + 1;
        break;
      }
      if (pred(cand)) {
        good = cand;
        break;
      }
      bad = cand;
      step *= 2;
      if (step > 2 ** 53) return Infinity;
    }
  }
  while (good - bad > 1) {
    const mid = Math.floor((good + bad) / 2);
    if (pred(mid)) good = mid;
    else bad = mid;
  }
  return good;
}

export function makeDiscrete<P extends Params>(spec: DiscreteSpec): DiscreteDistribution<P> {
  const names = [...spec.shapes, 'loc'];
  const defaults: Params = { loc: 0 };
  const validate = (method: string, p: Params): void => {
    if (!Number.isInteger(p.loc)) throw new RangeError(`${spec.name}.${method}: loc must be an integer, got ${p.loc}`);
    const msg = spec.check(p);
    if (msg !== null) throw new RangeError(`${spec.name}.${method}: ${msg}`);
  };

  const freeze = (p: Params, method = 'freeze'): FrozenDiscrete => {
    validate(method, p);
    const { loc } = p;
    const [lo, hi] = spec.support(p);
    const mean = spec.mean(p) + loc;
    const variance = spec.var(p);
    const logpmf = (x: number) => {
      const k = x - loc;
      if (Number.isNaN(k)) return NaN;
      if (!Number.isInteger(k) || k < lo || k > hi) return -Infinity;
      return spec.logpmf(k, p);
    };
    const cdf = (x: number) => {
      if (Number.isNaN(x)) return NaN;
      const k = Math.floor(x - loc);
      if (k < lo) return 0;
      if (k >= hi) return 1;
      return spec.cdf(k, p);
    };
    const sf = (x: number) => {
      if (Number.isNaN(x)) return NaN;
      const k = Math.floor(x - loc);
      if (k < lo) return 1;
      if (k >= hi) return 0;
      return spec.sf(k, p);
    };
    const guess = (q: number) => {
      const g = mean - loc + Math.sqrt(variance) * ndtri(q);
      return Number.isFinite(g) ? g : lo;
    };
    const ppf = (q: number) => {
      if (!(q >= 0 && q <= 1)) return NaN;
      if (q === 0) return lo - 1 + loc;
      if (q === 1) return hi + loc;
      return smallestSatisfying((k) => (k >= hi ? 1 : spec.cdf(k, p)) >= q, lo, hi, guess(q)) + loc;
    };
    const isf = (q: number) => {
      if (!(q >= 0 && q <= 1)) return NaN;
      if (q === 0) return hi + loc;
      if (q === 1) return lo - 1 + loc;
      return smallestSatisfying((k) => (k >= hi ? 0 : spec.sf(k, p)) <= q, lo, hi, guess(1 - q)) + loc;
    };
    return {
      params: Object.freeze({ ...p }),
      pmf: v((x) => Math.exp(logpmf(x))),
      logpmf: v(logpmf),
      cdf: v(cdf),
      logcdf: v((x) => Math.log(cdf(x))),
      sf: v(sf),
      logsf: v((x) => Math.log(sf(x))),
      ppf: v(ppf),
      isf: v(isf),
      mean: () => mean,
      var: () => variance,
      std: () => Math.sqrt(variance),
      median: () => ppf(0.5),
      interval: (confidence: number) => {
        const tail = intervalTail(spec.name, confidence);
        // SciPy's interval for discrete families is [ppf(tail), ppf(1 − tail)]
        return [ppf(tail), ppf(1 - tail)];
      },
      rvs: (options: RvsOptions = {}) => {
        const { size, generator: g } = readDraws(spec.name, options);
        const out = new Array<number>(size);
        // a small finite support: tabulate the cdf once and invert each draw by bisection
        // (the same smallest k with cdf(k) ≥ u that ppf finds, without re-evaluating the cdf)
        const table = Number.isFinite(hi) && hi - lo <= 100000 && size > 16 ? Array.from({ length: hi - lo + 1 }, (_, j) => (lo + j >= hi ? 1 : spec.cdf(lo + j, p))) : null;
        for (let i = 0; i < size; i++) {
          const u = g.random();
          if (u === 0) out[i] = lo + loc;
          else if (table) {
            let a = 0;
            let b = table.length - 1;
            while (a < b) {
              const mid = (a + b) >> 1;
              if (table[mid] >= u) b = mid;
              else a = mid + 1;
            }
            out[i] = lo + a + loc;
          } else out[i] = ppf(u);
        }
        return out;
      },
    };
  };

  const fit = (data: ArrayLike<number>, options: FitOptions = {}) => {
    const x = readData(spec.name, data, 1);
    const fixed = readFixed(spec, options, false);
    const loc = fixed.loc ?? 0;
    for (let i = 0; i < x.length; i++) {
      x[i] -= loc;
      if (!Number.isInteger(x[i])) throw new RangeError(`${spec.name}.fit: data must be integers, got ${x[i] + loc} at index ${i}`);
    }
    if (!spec.fit) throw new TypeError(`${spec.name}.fit: no closed-form maximum-likelihood fit for this family`);
    const p = { ...spec.fit(x, fixed), loc };
    validate('fit', p);
    return p;
  };
  const pointwise = ['pmf', 'logpmf', 'cdf', 'logcdf', 'sf', 'logsf', 'ppf', 'isf'] as const;
  return makeNamespace(spec.name, names, defaults, freeze, pointwise, fit) as DiscreteDistribution<P>;
}

/** The sample mean of integer data (shared by the discrete fits). */
export function sampleMean(x: Float64Array): number {
  let m = 0;
  for (const v of x) m += v;
  return m / x.length;
}
