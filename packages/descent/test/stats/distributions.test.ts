// Golden values for the distributions of descent/stats from SciPy 1.10
// (tools/fixtures/stats_distributions.py): pdf/pmf, logpdf/logpmf, cdf, sf, ppf, isf, mean
// and variance for every family at several parameter sets, both call styles, and MLE fits.
import { describe, expect, it } from 'vitest';
import * as stats from '../../src/stats/index.js';
import { Generator } from '../../src/random/index.js';
import { loadFixture } from '../helpers/fixtures.js';
import { expectNestedClose } from '../helpers/nested-close.js';

type Num = number | string;
interface ContCase { name: string; params: Record<string, number>; args: number[]; x: number[]; q: number[]; pdf: Num[]; logpdf: Num[]; cdf: Num[]; sf: Num[]; ppf: Num[]; isf: Num[]; mean: Num; var: Num }
interface DiscCase { name: string; params: Record<string, number>; args: number[]; k: number[]; q: number[]; pmf: Num[]; logpmf: Num[]; cdf: Num[]; sf: Num[]; ppf: Num[]; isf: Num[]; mean: Num; var: Num }
interface FitCase { name: string; data: number[]; options: Record<string, number>; params: Record<string, number>; loglik: number; closedForm: boolean }
const fx = loadFixture<{ continuous: ContCase[]; discrete: DiscCase[]; fits: FitCase[] }>('stats-distributions.json');

const RTOL = 1e-10;
const close = (got: number, want: Num, label: string, rtol = RTOL, atol = 1e-300) => expectNestedClose(got, want, rtol, label, atol);

type AnyFamily = Record<string, (...a: unknown[]) => unknown> & ((p: Record<string, number>) => Record<string, (...a: unknown[]) => unknown>);
const family = (name: string) => (stats as unknown as Record<string, AnyFamily>)[name];

describe('continuous distributions match SciPy 1.10', () => {
  for (const c of fx.continuous) {
    const label = `${c.name}(${JSON.stringify(c.params)})`;
    it(label, () => {
      const fam = family(c.name);
      const frozen = fam(c.params);
      const locScale = { ...(c.params.loc !== undefined && { loc: c.params.loc }), ...(c.params.scale !== undefined && { scale: c.params.scale }) };
      for (const m of ['pdf', 'logpdf', 'cdf', 'sf'] as const) {
        const got = frozen[m](c.x) as number[];
        c.x.forEach((x, i) => close(got[i], c[m][i], `${label}.${m}(${x})`));
        // the unfrozen call with positional shapes and { loc, scale } gives the same numbers
        const direct = fam[m](c.x, ...c.args, locScale) as number[];
        expect(direct).toEqual(got);
      }
      for (const m of ['ppf', 'isf'] as const) {
        c.q.forEach((q, i) => close(frozen[m](q) as number, c[m][i], `${label}.${m}(${q})`, RTOL, 1e-15));
      }
      close(frozen.mean() as number, c.mean, `${label}.mean()`);
      close(frozen.var() as number, c.var, `${label}.var()`);
    });
  }
});

describe('discrete distributions match SciPy 1.10', () => {
  for (const c of fx.discrete) {
    const label = `${c.name}(${JSON.stringify(c.params)})`;
    it(label, () => {
      const fam = family(c.name);
      const frozen = fam(c.params);
      for (const m of ['pmf', 'logpmf', 'cdf', 'sf'] as const) {
        const got = frozen[m](c.k) as number[];
        c.k.forEach((k, i) => close(got[i], c[m][i], `${label}.${m}(${k})`));
        const direct = fam[m](c.k, ...c.args, c.params.loc !== undefined ? { loc: c.params.loc } : {}) as number[];
        expect(direct).toEqual(got);
      }
      for (const m of ['ppf', 'isf'] as const) {
        c.q.forEach((q, i) => expect(frozen[m](q), `${label}.${m}(${q})`).toBe(Number(c[m][i])));
      }
      close(frozen.mean() as number, c.mean, `${label}.mean()`);
      close(frozen.var() as number, c.var, `${label}.var()`);
    });
  }
});

describe('fit: maximum likelihood as SciPy', () => {
  for (const c of fx.fits) {
    it(`${c.name}.fit(${c.data.length} points, ${JSON.stringify(c.options)})`, () => {
      const fam = family(c.name);
      const est = fam.fit(c.data, c.options) as Record<string, number>;
      if (c.closedForm) {
        // closed forms are exact: the same numbers as SciPy's
        for (const [k, v] of Object.entries(c.params)) close(est[k], v, `${c.name}.fit ${k}`, 1e-9, 1e-12);
      } else {
        // SciPy optimizes numerically (fmin); our optimum must be at least as likely as
        // SciPy's and agree with it to optimizer accuracy
        const ll = (fam.logpdf(c.data, est) as number[]).reduce((a, b) => a + b, 0);
        expect(ll).toBeGreaterThanOrEqual(c.loglik - 1e-6 * Math.abs(c.loglik));
        for (const [k, v] of Object.entries(c.params)) close(est[k], v, `${c.name}.fit ${k}`, 2e-2, 1e-3);
      }
    });
  }
});

describe('rvs', () => {
  it('is reproducible from a seeded generator and has the right moments', () => {
    const draw = () => stats.gamma.rvs(2.5, { scale: 2, size: 20000, generator: new Generator(3) });
    const a = draw();
    expect(a).toEqual(draw());
    const mean = a.reduce((s, v) => s + v, 0) / a.length;
    const variance = a.reduce((s, v) => s + (v - mean) ** 2, 0) / a.length;
    // mean 5 and variance 10; the tolerance is ~5 standard errors
    expect(Math.abs(mean - 5)).toBeLessThan(5 * Math.sqrt(10 / 20000));
    expect(Math.abs(variance - 10)).toBeLessThan(0.6);
  });

  it('every family draws inside its support with a mean near the true one', () => {
    const g = new Generator(11);
    const cases: [string, Record<string, number>][] = [
      ['norm', { loc: 1 }], ['t', { df: 5 }], ['chi2', { df: 3 }], ['f', { dfn: 4, dfd: 12 }], ['beta', { a: 2, b: 3 }],
      ['expon', {}], ['uniform', {}], ['lognorm', { s: 0.5 }], ['laplace', {}], ['weibullMin', { c: 2 }], ['logistic', {}],
      ['pareto', { b: 4 }], ['bernoulli', { p: 0.3 }], ['binom', { n: 10, p: 0.4 }], ['poisson', { mu: 4 }], ['geom', { p: 0.3 }],
      ['nbinom', { n: 3, p: 0.4 }], ['hypergeom', { M: 30, n: 10, N: 8 }],
    ];
    for (const [name, params] of cases) {
      const frozen = family(name)(params);
      const x = frozen.rvs({ size: 4000, generator: g }) as number[];
      const mean = x.reduce((s, v) => s + v, 0) / x.length;
      const sd = Math.sqrt(frozen.var() as number);
      expect(Math.abs(mean - (frozen.mean() as number)), name).toBeLessThan(5 * sd / Math.sqrt(x.length));
      const [lo, hi] = [frozen.ppf(0), frozen.ppf(1)] as number[];
      for (const v of x) expect(v >= Math.min(lo, lo + 1) - 1 && v <= hi, `${name} draw ${v}`).toBe(true);
    }
  });
});

describe('multivariateNormal', () => {
  const mean = [1, -1];
  const cov = [[2, 0.6], [0.6, 1]];
  it('logpdf is the closed form', () => {
    const det = 2 * 1 - 0.36;
    const x = [0.3, 0.2];
    const d = [x[0] - 1, x[1] + 1];
    // inverse of [[2, .6], [.6, 1]] is [[1, −.6], [−.6, 2]]/det
    const q = (d[0] * d[0] * 1 - 2 * 0.6 * d[0] * d[1] + 2 * d[1] * d[1]) / det;
    close(stats.multivariateNormal.logpdf(x, mean, cov), -Math.log(2 * Math.PI) - 0.5 * Math.log(det) - 0.5 * q, 'logpdf', 1e-14);
    expect(stats.multivariateNormal({ mean, cov }).pdf([x, x])).toHaveLength(2);
  });
  it('fit recovers draws; a non-positive-definite cov names the problem', () => {
    const draws = stats.multivariateNormal({ mean, cov }).rvs({ size: 20000, generator: new Generator(5) });
    const est = stats.multivariateNormal.fit(draws);
    expect(Math.abs(est.mean[0] - 1)).toBeLessThan(0.05);
    expect(Math.abs(est.cov[0][1] - 0.6)).toBeLessThan(0.05);
    expect(() => stats.multivariateNormal({ mean, cov: [[1, 2], [2, 1]] })).toThrow(/not positive definite/);
  });
});

describe('argument errors name the function and the fix', () => {
  it('missing shape, bad scale, unknown key', () => {
    expect(() => stats.t.cdf(1)).toThrow(/t\.cdf: missing shape parameter 'df'/);
    expect(() => stats.norm.pdf(0, { scale: -1 })).toThrow(/norm\.pdf: scale must be a finite number > 0/);
    expect(() => stats.norm.pdf(0, { sigma: 1 } as never)).toThrow(/unknown parameter 'sigma'; norm takes loc, scale/);
    expect(() => stats.gamma({ a: -1 })).toThrow(/gamma\.freeze: a must be > 0/);
    expect(() => stats.binom.fit([1, 2])).toThrow(/pass it as \{ fn: n \}/);
  });
});
