/**
 * The RL playground's logic, without a browser: map editing, value iteration one sweep at a
 * time (it must land on the library's `valueIteration`), Q-learning one transition at a time
 * (it must find value iteration's policy on a deterministic grid), and the CartPole training
 * loop that the playground's worker runs (it must stream episodes and progress and improve).
 */
import { describe, expect, it } from 'vitest';
import { GridWorld, valueIteration } from 'descent/rl';
import { buildWorld, DEFAULT_MAP, DEFAULT_SETTINGS, isOpen, paint, parseMap, QLearningStepper, ValueIterationStepper } from '../../src/client/playgrounds/rl/grid.js';
import { baselineReturns, EpisodeTap, trainCartPole, type TrainMessage } from '../../src/client/playgrounds/rl/cartpole-training.js';

describe('RL playground: the grid world', () => {
  it('paint sets one cell, moves the start, and never removes the only start', () => {
    const m = paint(DEFAULT_MAP, 3, 2, '#');
    expect(m[3][2]).toBe('#');
    expect(m.filter((_, r) => r !== 3)).toEqual(DEFAULT_MAP.filter((_, r) => r !== 3));
    const moved = paint(DEFAULT_MAP, 4, 0, 'S');
    expect(moved.join('').split('S')).toHaveLength(2);
    expect(moved[4][0]).toBe('S');
    expect(paint(DEFAULT_MAP, 0, 0, '#')).toEqual([...DEFAULT_MAP]);
    expect(paint(DEFAULT_MAP, 99, 0, '#')).toEqual([...DEFAULT_MAP]);
  });

  it('parseMap accepts what the URL stores and rejects broken maps', () => {
    expect(parseMap(DEFAULT_MAP.join('/'))).toEqual([...DEFAULT_MAP]);
    for (const bad of [null, '', 'S..', 'S../...G/..', 'S.X/..G', 'S.S/..G', '.../..G']) expect(parseMap(bad)).toBeNull();
  });

  it('sweep by sweep, value iteration reaches the library fixed point and policy', () => {
    const settings = { ...DEFAULT_SETTINGS, slip: 0.2 };
    const world = buildWorld(settings);
    const vi = new ValueIterationStepper(world, settings.gamma);
    let last = Infinity;
    for (let i = 0; i < 2000 && !vi.converged; i++) {
      vi.sweep();
      expect(vi.residual).toBeLessThanOrEqual(last * (1 + 1e-12)); // a contraction: the residual never grows
      last = vi.residual;
    }
    expect(vi.converged).toBe(true);
    const lib = valueIteration(world.P, { gamma: settings.gamma });
    for (let s = 0; s < world.nStates; s++) expect(vi.V[s]).toBeCloseTo(lib.V[s], 7);
    const open = [...lib.policy.keys()].filter((s) => isOpen(settings.map, s));
    expect(open.map((s) => vi.policy()[s])).toEqual(open.map((s) => lib.policy[s]));
  });

  it('Q-learning, one step at a time, finds the optimal policy on a deterministic grid', () => {
    const world = new GridWorld({ map: ['S..#', '.#..', '...G'], stepReward: -0.04 });
    const ql = new QLearningStepper(world, { gamma: 0.95, alpha: 0.5, epsilon: 0.3, seed: 1 });
    for (let e = 0; e < 400; e++) ql.episode();
    expect(ql.episodes).toBe(400);
    const lib = valueIteration(world.P, { gamma: 0.95 });
    // Follow the learned greedy policy from S: it must reach G in the optimal number of steps (5).
    let [s] = world.reset({ seed: 0 });
    let steps = 0;
    for (let done = false; !done && steps < 50; steps++) [s, , done] = world.step(ql.policy()[s]);
    expect(world.map[Math.floor(s / 4)][s % 4]).toBe('G');
    expect(steps).toBe(5);
    expect(ql.values()[0]).toBeCloseTo(lib.V[0], 2);
  });
});

describe('RL playground: CartPole training (the worker\'s loop)', () => {
  it('EpisodeTap passes steps through and reports each episode\'s [x, θ] frames', () => {
    const seen: { frames: Float32Array; ret: number }[] = [];
    const env = new EpisodeTap((frames, ret) => seen.push({ frames, ret }));
    env.reset({ seed: 0 });
    let n = 0;
    for (let done = false; !done; n++) { const [, , t, tr] = env.step(0); done = t || tr; }
    expect(seen).toHaveLength(1);
    expect(seen[0].frames).toHaveLength(2 * (n + 1));
    expect(seen[0].ret).toBe(n);
  });

  it('PPO streams progress and episodes, improves on random, and ends with a greedy evaluation', () => {
    const messages: TrainMessage[] = [];
    trainCartPole({ agent: 'ppo', totalSteps: 6144, seed: 0 }, (m) => messages.push(m), { episodeEveryMs: 0 });
    const progress = messages.filter((m) => m.type === 'progress');
    expect(progress).toHaveLength(24); // 6,144 steps in rollouts of 8 × 32
    const first = progress[0], last = progress[progress.length - 1];
    expect(last.meanReturn).toBeGreaterThan(first.meanReturn + 10);
    expect(messages.some((m) => m.type === 'episode' && m.frames.length >= 4)).toBe(true);
    const done = messages[messages.length - 1];
    expect(done.type).toBe('done');
    if (done.type === 'done') {
      expect(done.evalReturn).toBeGreaterThan(baselineReturns().random);
      expect(done.greedyFrames.length % 2).toBe(0);
    }
  }, 120_000);

  it('Double DQN streams progress every 5 episodes and ends with a greedy evaluation', () => {
    const messages: TrainMessage[] = [];
    trainCartPole({ agent: 'dqn', totalSteps: 1600, seed: 0 }, (m) => messages.push(m), { episodeEveryMs: 0 });
    const episodes = messages.filter((m) => m.type === 'episode');
    const progress = messages.filter((m) => m.type === 'progress');
    expect(episodes.length).toBeGreaterThan(10);
    expect(progress).toHaveLength(Math.floor(episodes.length / 5));
    expect(progress.at(-1)?.detail).toMatch(/^ε 0\.\d\d · loss \d/); // learning started at step 1,000
    const done = messages.at(-1);
    expect(done?.type).toBe('done');
    if (done?.type === 'done') expect(done.step).toBe(1600);
  }, 60_000);

  it('stops when asked, after the current update', () => {
    let updates = 0;
    const messages: TrainMessage[] = [];
    trainCartPole({ agent: 'ppo', totalSteps: 100_000, seed: 0 }, (m) => { messages.push(m); if (m.type === 'progress') updates++; }, { shouldStop: () => updates >= 2 });
    expect(messages.filter((m) => m.type === 'progress')).toHaveLength(2);
    expect(messages[messages.length - 1].type).toBe('done');
  }, 60_000);

  it('the baselines: a coin flip falls fast, the hand-written controller balances', () => {
    const { random, hand } = baselineReturns();
    expect(random).toBeLessThan(40);
    expect(hand).toBe(500);
  });
});
