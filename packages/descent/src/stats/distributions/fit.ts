/**
 * Maximum-likelihood fitting for continuous families: the closed form when the family has
 * one (normal, exponential, uniform, Laplace, log-normal and gamma with loc fixed, …),
 * otherwise Nelder–Mead on the negative log-likelihood over (log shapes, loc, log scale),
 * as SciPy's `rv_continuous.fit` does with `optimize.fmin`.
 */
import { nelderMead } from '../optimize/nelder-mead.js';
import type { Params } from './args.js';
import type { ContinuousSpec } from './continuous.js';

/** Fixed values, SciPy's keywords: `floc`, `fscale`, and `f` + a shape's name (`fa`, `fdf`). */
export type FitOptions = Record<string, number | undefined>;

/** Reads `{ floc, fscale, f<shape> }` into `{ loc, scale, <shape> }`. */
export function readFixed(spec: { name: string; shapes: readonly string[] }, options: FitOptions, withScale = true): Partial<Params> {
  const fixed: Partial<Params> = {};
  const allowed = [...spec.shapes.map((s) => `f${s}`), 'floc', ...(withScale ? ['fscale'] : [])];
  for (const [key, value] of Object.entries(options)) {
    if (value === undefined) continue;
    if (!allowed.includes(key)) throw new TypeError(`${spec.name}.fit: unknown option '${key}'; use ${allowed.join(', ')}`);
    if (!Number.isFinite(value)) throw new RangeError(`${spec.name}.fit: ${key} must be a finite number, got ${value}`);
    fixed[key.slice(1)] = value;
  }
  return fixed;
}

function meanStd(x: Float64Array): [number, number] {
  let m = 0;
  for (const v of x) m += v;
  m /= x.length;
  let s = 0;
  for (const v of x) s += (v - m) ** 2;
  return [m, Math.sqrt(s / x.length)];
}

/** Σ log pdf(xᵢ) under the family with parameters p (−∞ outside the support or the domain). */
export function logLikelihood(spec: ContinuousSpec, x: Float64Array, p: Params): number {
  if (!(p.scale > 0) || spec.check(p) !== null) return -Infinity;
  const [lo, hi] = spec.support(p);
  let ll = -x.length * Math.log(p.scale);
  for (const v of x) {
    const y = (v - p.loc) / p.scale;
    if (!(y >= lo && y <= hi)) return -Infinity;
    ll += spec.logpdf(y, p);
  }
  return ll;
}

export function fitByLikelihood(spec: ContinuousSpec, x: Float64Array, options: FitOptions, validate: (p: Params) => void): Params {
  const fixed = readFixed(spec, options);
  const closed = spec.fit?.(x, fixed);
  if (closed) {
    validate(closed);
    return closed;
  }
  // starting point: the family's guess for the shapes, then loc and scale by moments
  const start = { ...(spec.fitStart ? spec.fitStart(x) : {}), ...fixed } as Params;
  for (const s of spec.shapes) if (start[s] === undefined) start[s] = 1;
  const [m, sd] = meanStd(x);
  if (start.scale === undefined || start.loc === undefined) {
    const m0 = spec.mean(start);
    const v0 = spec.var(start);
    const scale = start.scale ?? (Number.isFinite(v0) && v0 > 0 ? sd / Math.sqrt(v0) : sd || 1);
    start.scale = scale;
    start.loc ??= Number.isFinite(m0) ? m - scale * m0 : m;
    // move loc so that every point lies inside the support
    if (fixed.loc === undefined) {
      const [lo, hi] = spec.support(start);
      let min = Infinity;
      let max = -Infinity;
      for (const v of x) {
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
      if (Number.isFinite(lo) && (min - start.loc) / start.scale <= lo) start.loc = min - start.scale * lo - 0.1 * (sd || 1);
      if (Number.isFinite(hi) && (max - start.loc) / start.scale >= hi) start.loc = max - start.scale * hi + 0.1 * (sd || 1);
    }
  }
  // free coordinates: log of each positive shape and of scale, loc as is
  const free = [...spec.shapes, 'loc', 'scale'].filter((k) => fixed[k] === undefined);
  const toParams = (z: number[]): Params => {
    const p = { ...start, ...fixed } as Params;
    free.forEach((k, i) => (p[k] = k === 'loc' ? z[i] : Math.exp(z[i])));
    return p;
  };
  const z0 = free.map((k) => (k === 'loc' ? start.loc : Math.log(start[k])));
  const nll = (z: number[]) => -logLikelihood(spec, x, toParams(z));
  let result = nelderMead(nll, z0);
  // a restart from the optimum guards against a collapsed simplex
  result = nelderMead(nll, result.x);
  const p = toParams(result.x);
  validate(p);
  return p;
}
