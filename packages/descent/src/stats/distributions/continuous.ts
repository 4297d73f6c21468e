/**
 * The machinery every continuous distribution shares, so that each family only writes its
 * standard form (loc = 0, scale = 1): SciPy's `rv_continuous` in miniature.
 *
 * With y = (x − loc)/scale, a family's functions follow from its standard ones:
 * pdf(x) = pdf₀(y)/scale, cdf(x) = cdf₀(y), ppf(q) = loc + scale·ppf₀(q),
 * mean = loc + scale·mean₀, var = scale²·var₀.
 *
 * A family is both a namespace and a function: `norm.cdf(1.96)`, `t.ppf(0.975, 10)`,
 * `gamma.pdf(x, { a: 2, scale: 3 })`, or frozen, `t({ df: 10 }).ppf(0.975)`.
 */
import type { Generator } from '../../random/index.js';
import { readData, type Params, type RvsOptions } from './args.js';
import { intervalTail, makeNamespace, readDraws, vectorized as v, type FamilyBase, type FrozenBase, type FrozenVectorized, type Vectorized } from './family.js';
import { fitByLikelihood, type FitOptions } from './fit.js';

/** What a family supplies: its standard form with shape parameters `p` (loc and scale excluded). */
export interface ContinuousSpec {
  name: string;
  shapes: readonly string[];
  /** A message when the shapes are invalid (e.g. "df must be > 0"), else null. */
  check(p: Params): string | null;
  /** The support of the standard form, [lo, hi]. */
  support(p: Params): [number, number];
  logpdf(y: number, p: Params): number;
  pdf?(y: number, p: Params): number;
  cdf(y: number, p: Params): number;
  sf(y: number, p: Params): number;
  ppf(q: number, p: Params): number;
  isf(q: number, p: Params): number;
  mean(p: Params): number;
  var(p: Params): number;
  /** A standard draw; the default inverts the cdf of a uniform draw. */
  sample?(p: Params, g: Generator): number;
  /** Closed-form maximum likelihood, where one exists; null falls back to numerical fitting. */
  fit?(x: Float64Array, fixed: Partial<Params>): Params | null;
  /** A starting point (shapes, loc, scale) for numerical fitting. */
  fitStart?(x: Float64Array): Params;
}

/** A distribution with its parameters fixed: SciPy's frozen `rv_frozen`. */
export interface FrozenContinuous extends FrozenBase {
  pdf: FrozenVectorized;
  logpdf: FrozenVectorized;
}

/** A continuous family, callable to freeze it: `norm({ loc: 1 })`. */
export interface ContinuousDistribution<P extends Params = Params> extends FamilyBase<P> {
  (params?: Partial<P>): FrozenContinuous;
  pdf: Vectorized<P>;
  logpdf: Vectorized<P>;
  /**
   * Maximum-likelihood estimates of all parameters, as `{ ...shapes, loc, scale }`; fix any
   * of them with `floc`, `fscale` or `f<shape>` (e.g. `{ floc: 0 }`, `{ fa: 2 }`), as SciPy.
   */
  fit(data: ArrayLike<number>, options?: FitOptions): P & { loc: number; scale: number };
}

/** Builds the frozen object and the family namespace from a standard-form spec. */
export function makeContinuous<P extends Params>(spec: ContinuousSpec): ContinuousDistribution<P> {
  const names = [...spec.shapes, 'loc', 'scale'];
  const defaults: Params = { loc: 0, scale: 1 };

  const validate = (method: string, p: Params): void => {
    if (!(p.scale > 0) || !Number.isFinite(p.scale)) throw new RangeError(`${spec.name}.${method}: scale must be a finite number > 0, got ${p.scale}`);
    if (!Number.isFinite(p.loc)) throw new RangeError(`${spec.name}.${method}: loc must be finite, got ${p.loc}`);
    const msg = spec.check(p);
    if (msg !== null) throw new RangeError(`${spec.name}.${method}: ${msg}`);
  };

  const freeze = (p: Params, method = 'freeze'): FrozenContinuous => {
    validate(method, p);
    const { loc, scale } = p;
    const [lo, hi] = spec.support(p);
    const pdf = (x: number) => {
      const y = (x - loc) / scale;
      if (Number.isNaN(y)) return NaN;
      if (y < lo || y > hi) return 0;
      return (spec.pdf ? spec.pdf(y, p) : Math.exp(spec.logpdf(y, p))) / scale;
    };
    const logpdf = (x: number) => {
      const y = (x - loc) / scale;
      if (Number.isNaN(y)) return NaN;
      if (y < lo || y > hi) return -Infinity;
      return spec.logpdf(y, p) - Math.log(scale);
    };
    const cdf = (x: number) => {
      const y = (x - loc) / scale;
      if (Number.isNaN(y)) return NaN;
      if (y <= lo) return 0;
      if (y >= hi) return 1;
      return spec.cdf(y, p);
    };
    const sf = (x: number) => {
      const y = (x - loc) / scale;
      if (Number.isNaN(y)) return NaN;
      if (y <= lo) return 1;
      if (y >= hi) return 0;
      return spec.sf(y, p);
    };
    const ppf = (q: number) => {
      if (!(q >= 0 && q <= 1)) return NaN;
      if (q === 0) return loc + scale * lo;
      if (q === 1) return loc + scale * hi;
      return loc + scale * spec.ppf(q, p);
    };
    const isf = (q: number) => {
      if (!(q >= 0 && q <= 1)) return NaN;
      if (q === 0) return loc + scale * hi;
      if (q === 1) return loc + scale * lo;
      return loc + scale * spec.isf(q, p);
    };
    const mean = () => loc + scale * spec.mean(p);
    const variance = () => scale * scale * spec.var(p);
    return {
      params: Object.freeze({ ...p }),
      pdf: v(pdf),
      logpdf: v(logpdf),
      cdf: v(cdf),
      logcdf: v((x) => Math.log(cdf(x))),
      sf: v(sf),
      logsf: v((x) => Math.log(sf(x))),
      ppf: v(ppf),
      isf: v(isf),
      mean,
      var: variance,
      std: () => Math.sqrt(variance()),
      median: () => ppf(0.5),
      interval: (confidence: number) => {
        const tail = intervalTail(spec.name, confidence);
        return [ppf(tail), isf(tail)];
      },
      rvs: (options: RvsOptions = {}) => {
        const { size, generator: g } = readDraws(spec.name, options);
        const out = new Array<number>(size);
        for (let i = 0; i < size; i++) {
          // 1 − random() lies in (0, 1], so the inverse cdf never sees q = 0
          const y = spec.sample ? spec.sample(p, g) : spec.ppf(1 - g.random(), p);
          out[i] = loc + scale * y;
        }
        return out;
      },
    };
  };

  const fit = (data: ArrayLike<number>, options: FitOptions = {}) => fitByLikelihood(spec, readData(spec.name, data, 2), options, (p) => validate('fit', p));
  const pointwise = ['pdf', 'logpdf', 'cdf', 'logcdf', 'sf', 'logsf', 'ppf', 'isf'] as const;
  return makeNamespace(spec.name, names, defaults, freeze, pointwise, fit) as ContinuousDistribution<P>;
}
