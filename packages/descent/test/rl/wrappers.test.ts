import { describe, expect, it } from 'vitest';
import { CartPole, FrozenLake, NormalizeObservation, RunningMeanStd, SyncVectorEnv, makeCartPole } from '../../src/rl/index.js';
import { Generator } from '../../src/random/index.js';

describe('SyncVectorEnv', () => {
  it('seeds copy i with seed + i and matches stepping the copies one by one', () => {
    const vec = new SyncVectorEnv([makeCartPole(), makeCartPole(), makeCartPole()]);
    const singles = [0, 1, 2].map(() => makeCartPole());
    const [obs] = vec.reset({ seed: 10 });
    singles.forEach((env, i) => expect(Array.from(obs[i])).toEqual(Array.from(env.reset({ seed: 10 + i })[0])));
    const [next, rewards, term] = vec.step([1, 0, 1]);
    singles.forEach((env, i) => {
      const [o, r, te] = env.step([1, 0, 1][i]);
      expect(Array.from(next[i])).toEqual(Array.from(o));
      expect(rewards[i]).toBe(r);
      expect(term[i]).toBe(te);
    });
  });

  it('resets a finished copy in the same step and keeps its last observation in info', () => {
    const vec = new SyncVectorEnv([new CartPole()]);
    vec.reset({ seed: 0 });
    for (let t = 0; t < 200; t++) {
      const [obs, , term, , infos] = vec.step([1]); // always right: falls within a few dozen steps
      if (term[0]) {
        const final = infos[0].finalObservation as Float64Array;
        expect(Math.abs(final[2]) > CartPole.thetaThreshold || Math.abs(final[0]) > CartPole.xThreshold).toBe(true);
        for (const v of obs[0]) expect(Math.abs(v)).toBeLessThan(0.05); // a fresh start
        return;
      }
    }
    throw new Error('never terminated');
  });
});

describe('NormalizeObservation', () => {
  it('running statistics equal the closed form with the (mean 0, var 1, weight 1e-4) prior', () => {
    const g = new Generator(0);
    const xs = Array.from({ length: 500 }, () => [g.normal(3, 2), g.normal(-1, 0.5)]);
    const rms = new RunningMeanStd(2);
    xs.forEach((x) => rms.update(x));
    for (let i = 0; i < 2; i++) {
      const n = xs.length + 1e-4;
      const mean = xs.reduce((s, x) => s + x[i], 0) / n;
      const v = (1e-4 * (1 + mean * mean) + xs.reduce((s, x) => s + (x[i] - mean) ** 2, 0)) / n;
      expect(Math.abs(rms.mean[i] - mean)).toBeLessThan(1e-10);
      expect(Math.abs(rms.var[i] - v)).toBeLessThan(1e-10);
    }
  });

  it('normalized CartPole observations come out roughly standardized', () => {
    const env = new NormalizeObservation(makeCartPole());
    env.reset({ seed: 1 });
    const g = new Generator(1);
    const seen: Float64Array[] = [];
    for (let t = 0; t < 3000; t++) {
      const [o, , te, tr] = env.step(g.integers(0, 2));
      const obs = te || tr ? env.reset()[0] : o;
      if (t >= 1000) seen.push(obs);
    }
    for (let i = 0; i < 4; i++) {
      const m = seen.reduce((s, x) => s + x[i], 0) / seen.length;
      const sd = Math.sqrt(seen.reduce((s, x) => s + (x[i] - m) ** 2, 0) / seen.length);
      expect(Math.abs(m)).toBeLessThan(0.2);
      // Loose: the statistics keep the early samples, and random-play episodes are short and
      // heavy-tailed in the velocities (the exact statistics are checked in the test above).
      expect(sd).toBeGreaterThan(0.6);
      expect(sd).toBeLessThan(1.4);
    }
    expect(() => new NormalizeObservation(new FrozenLake() as never)).toThrow(/needs a Box observation space/);
  });
});
