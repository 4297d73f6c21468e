// Frames (render() as SVG) for the classic-control environments, and the reward-scaling and
// frame-recording wrappers.
import { describe, expect, it } from 'vitest';
import { CartPole, FrozenLake, NormalizeReward, RecordFrames, TimeLimit, makeAcrobot, makeCartPole, makeMountainCar, makePendulum } from '../../src/rl/index.js';

describe('render()', () => {
  it('draws each classic-control environment as SVG, through TimeLimit too', () => {
    for (const env of [makeCartPole(), makeMountainCar(), makePendulum(), makeAcrobot()]) {
      env.reset({ seed: 0 });
      const frame = env.render();
      expect(frame).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="600" height="400"/);
      expect(frame.endsWith('</svg>')).toBe(true);
    }
  });

  it('the pole leans the way theta says, and the cart sits where x says', () => {
    const env = new CartPole();
    env.reset({ options: { state: [1.2, 0, 0.2, 0] } });
    const [, x1, y1, x2, y2] = /<line x1="([\d.]+)" y1="([\d.]+)" x2="([\d.]+)" y2="([\d.]+)" stroke="#ca9865"/.exec(env.render())!.map(Number);
    expect(x1).toBeCloseTo(1.2 * 125 + 300, 0);
    expect(Math.atan2(x2 - x1, y1 - y2)).toBeCloseTo(0.2, 2);
  });
});

describe('NormalizeReward', () => {
  it('divides by the running standard deviation of the discounted return', () => {
    const env = new NormalizeReward(new TimeLimit(new CartPole(), 50), 0.9);
    env.reset({ seed: 1 });
    // The same statistics computed independently: Welford over R_t = 0.9 R_{t−1} + 1, with Gymnasium's prior (mean 0, var 1, count 1e-4).
    let R = 0, mean = 0, m2 = 1e-4, count = 1e-4;
    for (let t = 0; t < 30; t++) {
      const [, r, terminated, truncated] = env.step(t % 2);
      R = 0.9 * R + 1;
      const n = count + 1, delta = R - mean;
      mean += delta / n;
      m2 += delta * (R - mean);   // Welford's update of the sum of squared deviations
      count = n;
      const variance = m2 / count;
      expect(r).toBeCloseTo(1 / Math.sqrt(variance + 1e-8), 6);
      if (terminated || truncated) break;
    }
  });

  it('rejects a bad gamma', () => {
    expect(() => new NormalizeReward(makeCartPole(), 2)).toThrow(/gamma must be in \[0, 1\]/);
  });
});

describe('RecordFrames', () => {
  it('keeps one frame per state of each recorded episode', () => {
    const env = new RecordFrames(makeCartPole(), { shouldRecord: (e) => e % 2 === 0, maxEpisodes: 2 });
    const lengths: number[] = [];
    for (let episode = 0; episode < 4; episode++) {
      env.reset({ seed: episode });
      let steps = 0;
      for (let done = false; !done; steps++) {
        const [, , te, tr] = env.step(steps % 2);
        done = te || tr;
      }
      lengths.push(steps);
    }
    expect(env.episodes.map((e) => e.length)).toEqual([lengths[0] + 1, lengths[2] + 1]);
    expect(env.episodes[0][0]).toMatch(/^<svg/);
  });

  it('the grid worlds record their text pictures; an environment without render() is refused', () => {
    const env = new RecordFrames(new FrozenLake({ isSlippery: false }));
    env.reset({ seed: 0 });
    env.step(2);
    env.step(1);
    expect(env.render()).toContain('F');
    expect(() => new RecordFrames({ observationSpace: makeCartPole().observationSpace, actionSpace: makeCartPole().actionSpace, reset: () => [[], {}], step: () => [[], 0, true, false, {}] })).toThrow(/has no render\(\)/);
  });
});
