// Bandit strategies on fixed seeds over many runs: the margins are many standard errors
// wide (the standard error is computed and asserted on), so the comparisons are not flaky.
import { describe, expect, it } from 'vitest';
import {
  BernoulliBandit, EpsilonGreedy, GaussianBandit, GaussianThompsonSampling, GradientBandit, ThompsonSampling, UCB1, runBandit, type BanditStrategy,
} from '../../src/rl/index.js';

const PROBS = [0.3, 0.5, 0.7];
const RUNS = 200, STEPS = 1000;

/** Final cumulative regret of each run, and its mean and standard error. */
function finalRegret(make: () => BanditStrategy): { mean: number; se: number } {
  const finals = Array.from({ length: RUNS }, (_, i) => runBandit(new BernoulliBandit(PROBS), make(), { steps: STEPS, seed: i }).regret[STEPS - 1]);
  const mean = finals.reduce((a, b) => a + b, 0) / RUNS;
  const sd = Math.sqrt(finals.reduce((a, b) => a + (b - mean) ** 2, 0) / (RUNS - 1));
  return { mean, se: sd / Math.sqrt(RUNS) };
}

describe('bandit strategies', () => {
  it('UCB1 and Thompson sampling have far lower regret than greedy (ε = 0) over 200 runs', () => {
    const greedy = finalRegret(() => new EpsilonGreedy({ epsilon: 0 }));
    const ucb = finalRegret(() => new UCB1());
    const ts = finalRegret(() => new ThompsonSampling());
    const eps = finalRegret(() => new EpsilonGreedy({ epsilon: 0.1 }));
    // Greedy locks onto whichever arm pays first: regret linear in time.
    for (const better of [ucb, ts]) {
      const margin = greedy.mean - better.mean;
      expect(margin).toBeGreaterThan(5 * Math.hypot(greedy.se, better.se));
    }
    // ε = 0.1 explores forever: regret ≈ 0.1 · mean gap · T = 0.1 · 0.2 · 1000 = 20 plus learning.
    expect(eps.mean).toBeGreaterThan(20 - 5 * eps.se);
    expect(ts.mean).toBeLessThan(eps.mean);
  });

  it('regret curves are cumulative, non-decreasing, and reproducible by seed', () => {
    const a = runBandit(new BernoulliBandit(PROBS), new UCB1(), { steps: 300, seed: 9 });
    const b = runBandit(new BernoulliBandit(PROBS), new UCB1(), { steps: 300, seed: 9 });
    expect(Array.from(a.regret)).toEqual(Array.from(b.regret));
    for (let t = 1; t < 300; t++) expect(a.regret[t]).toBeGreaterThanOrEqual(a.regret[t - 1]);
    expect(Array.from(a.actions.slice(0, 3))).toEqual([0, 1, 2]); // UCB1 tries each arm once first
  });

  it('the gradient bandit shifts its softmax policy onto the best Gaussian arm', () => {
    const s = new GradientBandit({ alpha: 0.1 });
    const run = runBandit(new GaussianBandit([0.2, 1.0, -0.5, 0.4]), s, { steps: 2000, seed: 1 });
    expect(s.policy[1]).toBeGreaterThan(0.8);
    const late = Array.from(run.actions.slice(1000)).filter((a) => a === 1).length / 1000;
    expect(late).toBeGreaterThan(0.8);
  });

  it('Thompson posteriors concentrate on the true means of arms it pulls often', () => {
    const s = new ThompsonSampling();
    runBandit(new BernoulliBandit(PROBS), s, { steps: 5000, seed: 2 });
    expect(Math.abs(s.values[2] - 0.7)).toBeLessThan(0.03);
  });

  it('Gaussian Thompson sampling: conjugate posterior, and lower regret than greedy on a Gaussian bandit', () => {
    const s = new GaussianThompsonSampling({ mu0: 0, tau0: 2, sigma: 1 });
    s.reset(2);
    s.update(0, 1.5);
    s.update(0, 0.5);
    // precision 1/4 + 2 = 2.25; mean (0 + 2) / 2.25
    expect(s.posterior(0).mean).toBeCloseTo(2 / 2.25, 14);
    expect(s.posterior(0).std).toBeCloseTo(1 / 1.5, 14);
    const means = [0.1, 0.5, 0.9, 0.3];
    const final = (make: () => BanditStrategy): number[] =>
      Array.from({ length: 100 }, (_, i) => runBandit(new GaussianBandit(means), make(), { steps: 500, seed: i }).regret[499]);
    const stats = (xs: number[]): { m: number; se: number } => {
      const m = xs.reduce((a, b) => a + b, 0) / xs.length;
      return { m, se: Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1) / xs.length) };
    };
    const ts = stats(final(() => new GaussianThompsonSampling())), greedy = stats(final(() => new EpsilonGreedy({ epsilon: 0 })));
    expect(greedy.m - ts.m).toBeGreaterThan(5 * Math.hypot(ts.se, greedy.se));
  });

  it('bad inputs fail with messages that say what to fix', () => {
    expect(() => new BernoulliBandit([0.5, 1.2])).toThrow(/probs\[1\] must be a probability/);
    expect(() => new EpsilonGreedy({ epsilon: -1 })).toThrow(/epsilon must be in \[0, 1\]/);
    expect(() => new GaussianBandit([0, 1], [1])).toThrow(/stds has 1 entries/);
    const s = new ThompsonSampling();
    s.reset(2);
    expect(() => s.update(0, 0.5)).toThrow(/rewards 0 or 1/);
    expect(() => runBandit(new BernoulliBandit(PROBS), new UCB1(), { steps: 0 })).toThrow(/steps must be/);
  });
});
