// The slow group (vitest.slow.config.ts): each deep agent trained with a fixed seed and
// evaluated greedily on 100 fresh episodes (seeds 10,000…10,099). The budgets and settings
// are the ones rl-baselines3-zoo publishes for these tasks where it has them; the thresholds
// are the issue's: CartPole-v1 solved at an average of 475 (DQN, PPO), 195 for A2C and
// REINFORCE, Pendulum-v1 above −200 (PPO, continuous actions).
import { describe, expect, it } from 'vitest';
import { a2c, dqn, evaluatePolicy, makeCartPole, makePendulum, ppo, reinforce } from '../../src/rl/index.js';

const mean = (xs: number[]) => xs.reduce((s, v) => s + v, 0) / xs.length;
const evaluateCartPole = (act: (obs: ArrayLike<number>[]) => unknown[]) => mean(evaluatePolicy(() => makeCartPole(), (obs) => act(obs) as number[], { episodes: 100 }));

describe('deep agents learn', () => {
  it('Double DQN solves CartPole-v1 in 50,000 steps', () => {
    const run = dqn(makeCartPole(), {
      totalSteps: 50_000, seed: 0, double: true, hiddenSizes: [64, 64], lr: 2.3e-3, batchSize: 64, bufferSize: 100_000, learningStarts: 1000,
      gamma: 0.99, targetUpdateInterval: 10, trainFreq: 256, gradientSteps: 128, explorationFraction: 0.16, explorationFinalEps: 0.04,
    });
    expect(evaluateCartPole(run.actBatch)).toBeGreaterThanOrEqual(475);
  });

  it('PPO solves CartPole-v1 in 100,000 steps', () => {
    const run = ppo(() => makeCartPole(), {
      totalSteps: 100_000, seed: 0, nEnvs: 8, nSteps: 32, batchSize: 256, nEpochs: 20, gamma: 0.98, gaeLambda: 0.8,
      lr: (p) => 1e-3 * p, clipRange: (p) => 0.2 * p, entCoef: 0,
    });
    expect(evaluateCartPole(run.actBatch)).toBeGreaterThanOrEqual(475);
  });

  it('A2C reaches 195 on CartPole-v1 in 150,000 steps', () => {
    const run = a2c(() => makeCartPole(), { totalSteps: 150_000, seed: 0, nEnvs: 8, nSteps: 5 });
    expect(evaluateCartPole(run.actBatch)).toBeGreaterThanOrEqual(195);
  });

  it('REINFORCE with a baseline reaches 195 on CartPole-v1 in 1,000 episodes', () => {
    const run = reinforce(makeCartPole(), { episodes: 1000, batchEpisodes: 4, seed: 0, lr: 3e-3 });
    expect(evaluateCartPole(run.actBatch)).toBeGreaterThanOrEqual(195);
  });

  it('PPO with a Gaussian policy swings Pendulum-v1 up: above −200 in 102,400 steps', () => {
    // rl-zoo's Pendulum settings without gSDE, the learning rate decayed linearly to 0. Seeds 0, 1
    // and 2 measured −193, −187 and −194 (greedy, 100 episodes); a constant rate ends near −199.
    const run = ppo(() => makePendulum(), {
      totalSteps: 102_400, seed: 0, nEnvs: 4, nSteps: 1024, batchSize: 64, nEpochs: 10, gamma: 0.9, gaeLambda: 0.95,
      lr: (p) => 1e-3 * p, clipRange: 0.2,
    });
    const returns = evaluatePolicy(() => makePendulum(), (obs) => run.actBatch(obs) as Float32Array[], { episodes: 100 });
    expect(mean(returns)).toBeGreaterThan(-200);
  });
});
