// CMA-ES: the optimizer's update equals the `cmaes` package's (v0.9.1, which Optuna 3.1's
// CmaEsSampler drives) on fixed solutions — fixture tools/fixtures/tune_cmaes.py — and the
// sampler keeps Optuna's conventions: ranges, grids and log scales respected, generations of
// λ = 4 + ⌊3 ln n⌋ trials, categoricals sampled independently, seeded runs reproducible.
import { describe, expect, it } from 'vitest';
import { CMA, CmaEsSampler, RandomSampler, createStudy } from '../../src/tune/index.js';
import { loadFixture } from '../helpers/fixtures.js';
import { median } from './benchmarks.js';

interface Generation { solutions: { x: number[]; value: number }[]; mean: number[]; sigma: number; C: number[][]; pSigma: number[]; pc: number[] }
const fx = loadFixture<{
  update: {
    dim: number; mean0: number[]; sigma0: number; bounds: [number, number][]; populationSize: number; mu: number;
    muEff: number; c1: number; cmu: number; cSigma: number; dSigma: number; cc: number; chiN: number; weights: number[];
    generations: Generation[];
  };
}>('tune_cmaes.json');

function close(a: ArrayLike<number>, b: readonly number[], tol: number): void {
  expect(a.length).toBe(b.length);
  for (let i = 0; i < b.length; i++) expect(Math.abs((a[i] as number) - (b[i] as number))).toBeLessThan(tol * (1 + Math.abs(b[i] as number)));
}

describe('CMA (cmaes.CMA port)', () => {
  const u = fx.update;
  it('has the reference default hyperparameters', () => {
    const cma = new CMA({ mean: u.mean0, sigma: u.sigma0, bounds: u.bounds });
    expect(cma.populationSize).toBe(u.populationSize);
    expect(cma.mu).toBe(u.mu);
    for (const k of ['muEff', 'c1', 'cmu', 'cSigma', 'dSigma', 'cc', 'chiN'] as const) expect(cma[k]).toBeCloseTo(u[k], 14);
    close(cma.weights, u.weights, 1e-14);
  });

  it('updates mean, step size, covariance and paths as cmaes does, three generations', () => {
    const cma = new CMA({ mean: u.mean0, sigma: u.sigma0, bounds: u.bounds });
    for (const g of u.generations) {
      cma.tell(g.solutions);
      close(cma.mean, g.mean, 1e-10);
      expect(cma.sigma).toBeCloseTo(g.sigma, 10);
      close(cma.C, g.C.flat(), 1e-9);
      close(cma.pSigma, g.pSigma, 1e-10);
      close(cma.pc, g.pc, 1e-10);
    }
    // The state survives a JSON round trip (the sampler keeps it in a trial's system attributes).
    const again = CMA.fromJSON(JSON.parse(JSON.stringify(cma.toJSON())));
    expect([...again.mean]).toEqual([...cma.mean]);
    expect(again.generation).toBe(3);
  });

  it('names bad input', () => {
    expect(() => new CMA({ mean: [0], sigma: 1 })).toThrow(/at least 2 dimensions/);
    expect(() => new CMA({ mean: [0, 0], sigma: 0 })).toThrow(/sigma must be > 0/);
    expect(() => new CMA({ mean: [9, 0], sigma: 1, bounds: [[0, 1], [0, 1]] })).toThrow(/containing the mean/);
    expect(() => new CmaEsSampler({ nStartupTrials: -1 })).toThrow(/CmaEsSampler: nStartupTrials must be an integer >= 0/);
  });
});

describe('CmaEsSampler', () => {
  it('respects ranges, int grids and log scales; categoricals go to the independent sampler', async () => {
    const study = await createStudy({ sampler: new CmaEsSampler({ seed: 0 }) });
    await study.optimize((t) => {
      const x = t.suggestFloat('x', -3, 3);
      const n = t.suggestInt('n', 2, 20, { step: 2 });
      const lr = t.suggestFloat('lr', 1e-4, 1, { log: true });
      const q = t.suggestFloat('q', 0, 1, { step: 0.1 });
      const k = t.suggestCategorical('k', ['a', 'b']);
      expect(x >= -3 && x <= 3).toBe(true);
      expect(n % 2 === 0 && n >= 2 && n <= 20).toBe(true);
      expect(lr >= 1e-4 && lr <= 1).toBe(true);
      expect(Math.abs(q * 10 - Math.round(q * 10))).toBeLessThan(1e-9);
      return x * x + (n - 10) ** 2 / 10 + (Math.log10(lr) + 2) ** 2 + q + (k === 'a' ? 0 : 1);
    }, { nTrials: 40 });
    const trials = study.trials;
    // Trial 0 is the startup trial; then every trial carries its generation, λ = 4 + ⌊3 ln 4⌋ = 8 each.
    expect(trials[0]?.systemAttrs['cma:generation']).toBeUndefined();
    const gens = trials.slice(1).map((t) => t.systemAttrs['cma:generation']);
    expect(gens.slice(0, 8)).toEqual(Array(8).fill(0));
    expect(gens[8]).toBe(1);
    expect(trials[9]?.systemAttrs['cma:optimizer']).toMatchObject({ generation: 1, populationSize: 8 });
  });

  it('is seeded, and beats random search on a 6-D sphere (median of 3 seeds, 100 trials)', async () => {
    const run = async (sampler: CmaEsSampler | RandomSampler, nTrials = 100): Promise<number> => {
      const study = await createStudy({ sampler });
      await study.optimize((t) => Array.from({ length: 6 }, (_, i) => t.suggestFloat(`x${i}`, -5, 5) ** 2).reduce((a, b) => a + b), { nTrials });
      return study.bestValue;
    };
    expect(await run(new CmaEsSampler({ seed: 3 }), 30)).toBe(await run(new CmaEsSampler({ seed: 3 }), 30));
    const cma: number[] = [];
    const rnd: number[] = [];
    for (let s = 0; s < 3; s++) {
      cma.push(await run(new CmaEsSampler({ seed: s })));
      rnd.push(await run(new RandomSampler({ seed: s })));
    }
    expect(median(cma)).toBeLessThan(median(rnd) / 3);
  });

  it('maximizes too, and refuses multi-objective studies', async () => {
    const study = await createStudy({ direction: 'maximize', sampler: new CmaEsSampler({ seed: 1 }) });
    await study.optimize((t) => -((t.suggestFloat('a', 0, 4) - 3) ** 2) - (t.suggestFloat('b', 0, 4) - 1) ** 2, { nTrials: 60 });
    expect(study.bestValue).toBeGreaterThan(-0.05);
    const multi = await createStudy({ directions: ['minimize', 'minimize'], sampler: new CmaEsSampler({ seed: 0 }) });
    await expect(multi.optimize((t) => [t.suggestFloat('a', 0, 1), t.suggestFloat('b', 0, 1)], { nTrials: 3 })).rejects.toThrow(/CmaEsSampler: multi-objective/);
  });
});
