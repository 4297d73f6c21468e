// Conjugate updates against SciPy 1.10 quantiles and the closed forms
// (tools/fixtures/stats_bayes.py); MCMC samplers and diagnostics by their invariants:
// seeded runs recover a known target's moments within Monte Carlo error, R̂ flags chains
// that disagree, ESS falls with autocorrelation as n(1 − ρ)/(1 + ρ).
import { describe, expect, it } from 'vitest';
import * as stats from '../../src/stats/index.js';
import { Generator } from '../../src/random/index.js';
import type { Tensor } from '../../src/tensor/index.js';
import { loadFixture } from '../helpers/fixtures.js';

/* eslint-disable @typescript-eslint/no-explicit-any */
const fx = loadFixture<any>('stats-bayes.json');

function close(got: number, want: number, rtol: number, label: string): void {
  if (!(Math.abs(got - want) <= rtol * Math.abs(want) + 1e-14)) throw new Error(`${label}: got ${got}, expected ${want}`);
}

describe('conjugate updates', () => {
  it('Beta–Binomial', () => {
    for (const c of fx.betaBinomial) {
      const post = stats.betaBinomialUpdate(c.prior, c.k, c.n);
      expect([post.alpha, post.beta]).toEqual([c.alpha, c.beta]);
      close(post.mean, c.mean, 1e-14, 'mean');
      const ci = post.credibleInterval(0.95);
      close(ci[0], c.ci95[0], 1e-10, 'ci low');
      close(ci[1], c.ci95[1], 1e-10, 'ci high');
      close(post.probabilityAbove(c.above[0]), c.above[1], 1e-10, 'P(p > 0.3)');
    }
    expect(() => stats.betaBinomialUpdate({ alpha: 1, beta: 1 }, 5, 3)).toThrow(/0 <= successes <= trials/);
  });
  it('Normal–Normal', () => {
    const c = fx.normalNormal;
    const post = stats.normalNormalUpdate(c.prior, c.data, c.sigma);
    close(post.mean, c.mean, 1e-13, 'mean');
    close(post.sd, c.sd, 1e-13, 'sd');
    const ci = post.credibleInterval(0.9);
    close(ci[0], c.ci90[0], 1e-12, 'ci low');
    close(ci[1], c.ci90[1], 1e-12, 'ci high');
  });
});

describe('conjugate Bayesian linear regression', () => {
  it('posterior and 90% predictive intervals match the closed form', () => {
    const c = fx.blr;
    const post = stats.bayesianLinearRegression(c.X, c.y, c.prior);
    post.mean.forEach((v, i) => close(v, c.mean[i], 1e-10, `mean[${i}]`));
    post.V.forEach((row, i) => row.forEach((v, j) => close(v, c.V[i][j], 1e-10, `V[${i}][${j}]`)));
    close(post.aN, c.aN, 1e-14, 'aN');
    close(post.bN, c.bN, 1e-10, 'bN');
    const pred = post.predict(c.Xstar, { probability: 0.9 });
    pred.mean.forEach((v, i) => close(v, c.predMean[i], 1e-10, 'predictive mean'));
    pred.lower.forEach((v, i) => close(v, c.lower90[i], 1e-10, 'lower'));
    pred.upper.forEach((v, i) => close(v, c.upper90[i], 1e-10, 'upper'));
  });
});

const moments = (xs: number[]) => {
  const m = xs.reduce((a, b) => a + b, 0) / xs.length;
  return [m, Math.sqrt(xs.reduce((a, v) => a + (v - m) ** 2, 0) / (xs.length - 1))];
};

describe('MCMC', () => {
  it('Metropolis–Hastings recovers N(3, 2²), reproducibly, with R̂ ≈ 1', () => {
    const logp = ([x]: number[]) => -0.5 * ((x - 3) / 2) ** 2;
    const run = (seed: number) => stats.metropolisHastings(logp, [0], { nSamples: 4000, stepSize: 5, generator: new Generator(seed) });
    const a = run(1);
    expect(run(1).samples).toEqual(a.samples);
    const chains = [a, run(2), run(3), run(4)].map((r) => r.samples.map((s) => s[0]));
    const [m, sd] = moments(chains.flat());
    expect(Math.abs(m - 3)).toBeLessThan(0.15);
    expect(Math.abs(sd - 2)).toBeLessThan(0.1);
    expect(a.acceptanceRate).toBeGreaterThan(0.2);
    expect(a.acceptanceRate).toBeLessThan(0.7);
    expect(stats.rhat(chains)).toBeLessThan(1.01);
  });

  it('HMC with autograd gradients recovers a correlated Gaussian', () => {
    // precision matrix of Σ = [[1, 0.8], [0.8, 1]]: Σ⁻¹ = [[1, −0.8], [−0.8, 1]] / 0.36
    const logp = (x: Tensor) => {
      const [a, b] = [x.select(0, 0), x.select(0, 1)];
      return a.mul(a).add(b.mul(b)).sub(a.mul(b).mul(1.6)).mul(-0.5 / 0.36);
    };
    const r = stats.hmc(logp, [1, -1], { nSamples: 2000, stepSize: 0.25, nLeapfrog: 8, generator: new Generator(5) });
    const xs = r.samples.map((s) => s[0]);
    const ys = r.samples.map((s) => s[1]);
    const [mx, sx] = moments(xs);
    const [my, sy] = moments(ys);
    const corr = xs.reduce((a, v, i) => a + (v - mx) * (ys[i] - my), 0) / (xs.length - 1) / sx / sy;
    expect(Math.abs(mx)).toBeLessThan(0.1);
    expect(Math.abs(sx - 1)).toBeLessThan(0.1);
    expect(Math.abs(corr - 0.8)).toBeLessThan(0.05);
    expect(r.acceptanceRate).toBeGreaterThan(0.6);
  });
});

describe('R̂ and ESS', () => {
  const ar1 = (rho: number, n: number, g: Generator) => {
    const x = [g.normal()];
    for (let i = 1; i < n; i++) x.push(rho * x[i - 1] + Math.sqrt(1 - rho * rho) * g.normal());
    return x;
  };
  it('independent draws: R̂ ≈ 1, ESS ≈ n', () => {
    const g = new Generator(9);
    const chains = [0, 1, 2, 3].map(() => ar1(0, 1000, g));
    expect(stats.rhat(chains)).toBeLessThan(1.01);
    expect(Math.abs(stats.ess(chains) / 4000 - 1)).toBeLessThan(0.15);
  });
  it('autocorrelated draws: ESS ≈ n(1 − ρ)/(1 + ρ); shifted chains: R̂ > 1.1', () => {
    const g = new Generator(10);
    const chains = [0, 1, 2, 3].map(() => ar1(0.8, 5000, g));
    const expected = (20000 * 0.2) / 1.8;
    expect(Math.abs(stats.ess(chains) / expected - 1)).toBeLessThan(0.2);
    const shifted = chains.map((c, i) => c.map((v) => v + i));
    expect(stats.rhat(shifted)).toBeGreaterThan(1.1);
  });
});
