// Properties every continuous family must satisfy at random parameters (seeded):
// cdf(ppf(q)) = q, sf(isf(q)) = q, cdf + sf = 1, and pdf = the derivative of cdf.
// The round trips allow for the rounding of x itself: loc + scale·y cannot hold a y that is
// tiny next to loc, so the tolerance adds pdf(x)·|x|·4ε to 1e-9 relative.
import { describe, expect, it } from 'vitest';
import * as stats from '../../src/stats/index.js';
import { Generator } from '../../src/random/index.js';

/* eslint-disable @typescript-eslint/no-explicit-any */
const g = new Generator(2026);
const pos = (lo: number, hi: number) => Math.exp(Math.log(lo) + (Math.log(hi) - Math.log(lo)) * g.random());
const FAMILIES: [string, () => Record<string, number>][] = [
  ['norm', () => ({})], ['t', () => ({ df: pos(0.3, 300) })], ['chi2', () => ({ df: pos(0.2, 500) })],
  ['f', () => ({ dfn: pos(0.5, 200), dfd: pos(0.5, 200) })], ['gamma', () => ({ a: pos(0.05, 500) })],
  ['beta', () => ({ a: pos(0.05, 300), b: pos(0.05, 300) })], ['expon', () => ({})], ['lognorm', () => ({ s: pos(0.05, 3) })],
  ['laplace', () => ({})], ['cauchy', () => ({})], ['weibullMin', () => ({ c: pos(0.2, 10) })], ['logistic', () => ({})],
  ['pareto', () => ({ b: pos(0.2, 20) })],
];

describe('continuous families: round trips at random parameters', () => {
  for (const [name, draw] of FAMILIES) {
    it(name, () => {
      const fam = (stats as any)[name];
      for (let trial = 0; trial < 25; trial++) {
        const params = { ...draw(), loc: (g.random() - 0.5) * 10, scale: pos(0.1, 10) };
        const d = fam(params);
        for (const q of [1e-8, 0.003, 0.2, 0.5, 0.77, 0.999]) {
          const rounding = (x: number) => 4 * Number.EPSILON * Math.max(Math.abs(x), Math.abs(params.loc)) * d.pdf(x);
          const x = d.ppf(q);
          const back = d.cdf(x);
          if (x === d.ppf(0) || x === d.ppf(1)) continue;
          expect(Math.abs(back - q), `${name} ${JSON.stringify(params)} cdf(ppf(${q})) = ${back}`).toBeLessThanOrEqual(1e-9 * q + rounding(x));
          const xi = d.isf(q);
          // a quantile within rounding of the end of the support cannot be represented
          if (xi === d.ppf(1) || xi === d.ppf(0)) continue;
          expect(Math.abs(d.sf(xi) - q), `${name} ${JSON.stringify(params)} sf(isf(${q}))`).toBeLessThanOrEqual(1e-9 * q + rounding(xi));
          expect(Math.abs(d.cdf(x) + d.sf(x) - 1), `${name} ${JSON.stringify(params)} cdf + sf at ${x}`).toBeLessThan(1e-13);
        }
        // pdf ≈ d cdf / dx (central difference) at the 30% quantile, away from Laplace's kink,
        // with a step scaled to the local spread of the distribution
        // (loc 0 here, so that x near the lower end of the support stays representable)
        const d0 = fam({ ...params, loc: 0 });
        const m = d0.ppf(0.3);
        const h = 1e-4 * (d0.ppf(0.31) - d0.ppf(0.29));
        const num = (d0.cdf(m + h) - d0.cdf(m - h)) / (2 * h);
        expect(Math.abs(num - d0.pdf(m)), `${name} ${JSON.stringify(params)} pdf vs dcdf/dx`).toBeLessThan(1e-5 * d0.pdf(m));
      }
    });
  }
});

const DISCRETE: [string, () => Record<string, number>][] = [
  ['binom', () => ({ n: Math.floor(pos(1, 2000)), p: g.random() })],
  ['poisson', () => ({ mu: pos(0.01, 5000) })],
  ['geom', () => ({ p: pos(0.001, 0.999) })],
  ['nbinom', () => ({ n: pos(0.3, 100), p: pos(0.01, 0.99) })],
  ['hypergeom', () => {
    const M = Math.floor(pos(2, 3000));
    return { M, n: Math.floor(g.random() * (M + 1)), N: Math.floor(g.random() * (M + 1)) };
  }],
];

describe('discrete families: ppf inverts cdf, pmf is the cdf step', () => {
  for (const [name, draw] of DISCRETE) {
    it(name, () => {
      const fam = (stats as any)[name];
      for (let trial = 0; trial < 25; trial++) {
        const params = draw();
        const d = fam(params);
        for (const q of [1e-6, 0.01, 0.3, 0.5, 0.9, 0.999]) {
          const k = d.ppf(q);
          const label = `${name} ${JSON.stringify(params)} ppf(${q}) = ${k}`;
          expect(d.cdf(k), label).toBeGreaterThanOrEqual(q * (1 - 1e-12));
          if (k > d.ppf(0) + 1) expect(d.cdf(k - 1), label).toBeLessThan(q * (1 + 1e-12));
          const step = d.cdf(k) - d.cdf(k - 1);
          expect(Math.abs(step - d.pmf(k)), `${label}: pmf vs cdf step`).toBeLessThan(1e-12 + 1e-9 * d.pmf(k));
        }
      }
    });
  }
});
