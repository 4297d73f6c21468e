// Environments against a float64 NumPy transcription of Gymnasium's published equations
// (tools/fixtures/rl_envs.py), plus the API contract: seeding, spaces, TimeLimit.
import { describe, expect, it } from 'vitest';
import { CartPole, CliffWalking, FrozenLake, GridWorld, TimeLimit, makeCartPole } from '../../src/rl/index.js';
import { loadFixture } from '../helpers/fixtures.js';

interface CartCase { start: number[]; actions: number[]; states: number[][]; terminated: boolean[] }
const fx = loadFixture<{ cartpole: CartCase[] }>('rl-envs.json');

describe('CartPole', () => {
  fx.cartpole.forEach((c, k) => {
    it(`trajectory ${k} (${c.actions.length} steps) matches the NumPy transcription to 1e-12`, () => {
      const env = new CartPole();
      const [obs0] = env.reset({ options: { state: c.start } });
      expect(Array.from(obs0)).toEqual(c.start);
      c.actions.forEach((a, t) => {
        const [obs, reward, terminated, truncated] = env.step(a);
        for (let i = 0; i < 4; i++) expect(Math.abs(obs[i] - c.states[t][i]), `step ${t} coord ${i}`).toBeLessThan(1e-12);
        expect(terminated).toBe(c.terminated[t]);
        expect(reward).toBe(1);
        expect(truncated).toBe(false);
      });
      expect(c.terminated.at(-1)).toBe(true);
      expect(() => env.step(0)).toThrow(/call reset/);
    });
  });

  it('reset draws each state variable in [-0.05, 0.05) and is reproducible by seed', () => {
    const env = new CartPole();
    const [a] = env.reset({ seed: 3 });
    const [b] = env.reset({ seed: 3 });
    const [c] = env.reset({ seed: 4 });
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(Array.from(a)).not.toEqual(Array.from(c));
    for (const v of a) expect(Math.abs(v)).toBeLessThan(0.05);
    expect(env.observationSpace.contains(a)).toBe(true);
    expect(env.actionSpace.n).toBe(2);
  });

  it('CartPole-v1 truncates at 500 steps under a balancing controller', () => {
    const env = makeCartPole();
    let [obs] = env.reset({ seed: 0 });
    let steps = 0, ret = 0, done = false, trunc = false;
    while (!done) {
      // A PD controller on the pole angle and cart velocity keeps it up indefinitely.
      const [o, r, te, tr] = env.step(obs[2] + 0.5 * obs[3] + 0.01 * obs[1] > 0 ? 1 : 0);
      obs = o; ret += r; steps++; done = te || tr; trunc = tr && !te;
    }
    expect(steps).toBe(500);
    expect(ret).toBe(500);
    expect(trunc).toBe(true);
  });

  it('rejects bad actions with a message naming the fix', () => {
    const env = new CartPole();
    env.reset({ seed: 0 });
    expect(() => env.step(2)).toThrow(/CartPole.step: action must be 0/);
    expect(() => new TimeLimit(env, 0)).toThrow(/maxEpisodeSteps/);
  });
});

describe('FrozenLake', () => {
  it('slippery 4x4: P lists the intended and both perpendicular moves at 1/3 (Gymnasium layout)', () => {
    const env = new FrozenLake();
    expect(env.nStates).toBe(16);
    expect(env.nActions).toBe(4);
    // State 0, action RIGHT (2): down (->4), right (->1), up (stays 0).
    expect(env.P[0][2]).toEqual([[1 / 3, 4, 0, false], [1 / 3, 1, 0, false], [1 / 3, 0, 0, false]]);
    // State 14, action RIGHT: reaches the goal 15 with reward 1 one time in three.
    expect(env.P[14][2]).toContainEqual([1 / 3, 15, 1, true]);
    // Holes and goal absorb.
    expect(env.P[5][0]).toEqual([[1, 5, 0, true]]);
    for (const row of env.P) for (const outs of row) expect(outs.reduce((s, t) => s + t[0], 0)).toBeCloseTo(1, 14);
  });

  it('non-slippery moves are deterministic and an episode to the goal returns 1', () => {
    const env = new FrozenLake({ isSlippery: false });
    env.reset({ seed: 0 });
    const path = [1, 1, 2, 2, 1, 2]; // down, down, right, right, down, right
    let last: [number, number, boolean] = [0, 0, false];
    for (const a of path) { const [s, r, t] = env.step(a); last = [s, r, t]; }
    expect(last).toEqual([15, 1, true]);
  });

  it('slippery steps follow P: empirical frequencies near 1/3 for a fixed seed', () => {
    const env = new FrozenLake();
    const counts = new Map<number, number>();
    env.reset({ seed: 1 });
    for (let i = 0; i < 3000; i++) {
      env.reset();
      const [s] = env.step(2);
      counts.set(s, (counts.get(s) ?? 0) + 1);
    }
    expect([...counts.keys()].sort()).toEqual([0, 1, 4]);
    for (const c of counts.values()) expect(Math.abs(c / 3000 - 1 / 3)).toBeLessThan(0.04); // > 4 standard errors
  });
});

describe('CliffWalking', () => {
  it('falling off the cliff costs -100 and returns to the start; the goal terminates', () => {
    const env = new CliffWalking();
    const [s0] = env.reset({ seed: 0 });
    expect(s0).toBe(36);
    expect(env.step(1)).toEqual([36, -100, false, false, { prob: 1 }]);
    env.step(0); // up to 24
    for (let i = 0; i < 11; i++) env.step(1);
    const [s, r, t] = env.step(2);
    expect([s, r, t]).toEqual([47, -1, true]);
  });
});

describe('GridWorld', () => {
  it('walls block, slip splits probability to the perpendicular moves, G and T terminate', () => {
    const env = new GridWorld({ map: ['S.G', '.#T'], slip: 0.2, stepReward: -0.1 });
    // From 1 (top middle) moving down hits the wall: stays with 0.8; slips left (->0) or right (->2, goal) 0.1 each.
    const outs = [...env.P[1][1]].sort((a, b) => a[1] - b[1]);
    expect(outs).toEqual([[0.1, 0, -0.1, false], [0.8, 1, -0.1, false], [0.1, 2, 1, true]]);
    expect(env.P[5][0]).toEqual([[1, 5, 0, true]]);
    expect(() => new GridWorld({ map: ['S.X'] })).toThrow(/may only contain/);
    expect(() => new GridWorld({ map: ['S.G'], slip: 2 })).toThrow(/slip must be/);
  });
});

describe('render', () => {
  it('draws the grid with the agent as @', () => {
    const lake = new FrozenLake({ isSlippery: false });
    lake.reset({ seed: 0 });
    lake.step(2);
    expect(lake.render()).toBe('S@FF\nFHFH\nFFFH\nHFFG');
    const cliff = new CliffWalking();
    cliff.reset({ seed: 0 });
    expect(cliff.render().split('\n')[3]).toBe('@CCCCCCCCCCG');
  });
});
