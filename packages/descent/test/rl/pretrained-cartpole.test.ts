/**
 * The CartPole agents shipped for lessons 36–37 (`loadPretrained('rl-cartpole')`, written by
 * tools/train/rl_cartpole.ts): loaded into fresh networks, they reproduce the 100-episode
 * evaluation the training script recorded, and they beat the random policy by far.
 */
import { describe, expect, it } from 'vitest';
import { loadPretrained } from 'descent/datasets';
import { loadState } from 'descent/nn';
import { ActorCritic, evaluatePolicy, makeCartPole, mlp } from 'descent/rl';
import { noGrad, tensor } from 'descent/tensor';

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const shipped = loadState(loadPretrained('rl-cartpole'));
const meta = shipped.meta as { dqn: { evalMean100: number; evalSeed: number }; ppo: { evalMean100: number; evalSeed: number } };
const part = (prefix: string) => Object.fromEntries(Object.entries(shipped.state).filter(([k]) => k.startsWith(prefix)).map(([k, v]) => [k.slice(prefix.length), v]));

describe('loadPretrained("rl-cartpole")', () => {
  it('the Double DQN network reproduces its recorded evaluation', () => {
    const net = mlp([4, 64, 64, 2], { activation: 'relu' });
    net.loadStateDict(part('dqn.'));
    const policy = (obs: ArrayLike<number>[]) => noGrad(() => Array.from(net.forward(tensor(obs.map((o) => Array.from(o)))).argmax(1).toTypedArray() as Int32Array));
    const returns = evaluatePolicy(makeCartPole, policy, { episodes: 100, seed: meta.dqn.evalSeed });
    expect(mean(returns)).toBe(meta.dqn.evalMean100);
    expect(mean(returns)).toBeGreaterThanOrEqual(475); // CartPole-v1's "solved" threshold
  }, 60_000);

  it('the PPO actor reproduces its recorded evaluation', () => {
    const agent = new ActorCritic(4, 2, false);
    agent.loadStateDict(part('ppo.'));
    const returns = evaluatePolicy(makeCartPole, (obs) => agent.actGreedy(obs) as number[], { episodes: 100, seed: meta.ppo.evalSeed });
    expect(mean(returns)).toBe(meta.ppo.evalMean100);
    expect(mean(returns)).toBeGreaterThanOrEqual(475);
  }, 60_000);
});
