// The deep agents' parts: replay buffers (uniform and prioritized on a sum tree), the networks
// and action distributions against torch.distributions, the PPO clipped loss against torch
// autograd, GAE against Stable-Baselines3's loop and the DQN targets (tools/fixtures/rl_deep.py),
// and short runs of each agent that check the plumbing. Whether the agents *learn* is the job of
// the slow group (deep-learning.slow.test.ts).
import { describe, expect, it } from 'vitest';
import { Generator } from '../../src/random/index.js';
import { tensor, type Tensor } from '../../src/tensor/index.js';
import {
  Categorical, DiagGaussian, DuelingQNetwork, PrioritizedReplayBuffer, ReplayBuffer, SumTree, a2c, computeGae, discountedReturns,
  dqn, dqnTargets, evaluatePolicy, explainedVariance, makeCartPole, makePendulum, mlp, ppo, ppoClipLoss, reinforce, FrozenLake,
} from '../../src/rl/index.js';
import { loadFixture } from '../helpers/fixtures.js';

type Arr = number[];
interface Fx {
  ppoClip: { clip: number; logp: Arr; old: Arr; adv: Arr; loss: number; grad: Arr }[];
  categorical: { logits: Arr[]; actions: Arr; logProb: Arr; entropy: Arr; gradLogits: Arr[] };
  gaussian: { mean: Arr[]; logStd: Arr; actions: Arr[]; logProb: Arr; entropy: Arr; gradMean: Arr[]; gradLogStd: Arr };
  gae: { gamma: number; gaeLambda: number; rewards: Arr; values: Arr; dones: Arr; lastValues: Arr; advantages: Arr; returns: Arr }[];
  dqnTargets: { online: Arr[]; target: Arr[]; rewards: Arr; terminated: Arr; gamma: number; dqn: Arr; double: Arr };
}
const fx = loadFixture<Fx>('rl-deep.json');

const f64 = (v: unknown): Tensor => tensor(v as Arr, { dtype: 'float64' });
function close(actual: ArrayLike<number>, expected: ArrayLike<number>, tol: number): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) expect(Math.abs(actual[i] - expected[i]), `entry ${i}: ${actual[i]} vs ${expected[i]}`).toBeLessThan(tol);
}

describe('replay buffers', () => {
  it('a ring: the oldest transitions are overwritten, a batch copies whole rows', () => {
    const buf = new ReplayBuffer({ capacity: 3, obsDim: 2 });
    for (let i = 0; i < 5; i++) buf.add([i, -i], i % 2, i * 10, [i + 1, -i - 1], i === 4);
    expect(buf.size).toBe(3);
    const b = buf.sample(50, new Generator(1));
    const seen = new Set<number>();
    for (let k = 0; k < 50; k++) {
      const i = b.obs[2 * k];
      seen.add(i);
      expect(b.obs[2 * k + 1]).toBe(-i);
      expect(b.nextObs[2 * k]).toBe(i + 1);
      expect(b.rewards[k]).toBe(i * 10);
      expect(b.actions[k]).toBe(i % 2);
      expect(b.terminated[k]).toBe(i === 4 ? 1 : 0);
    }
    expect([...seen].sort()).toEqual([2, 3, 4]);
  });

  it('names the problem on bad input', () => {
    const buf = new ReplayBuffer({ capacity: 4, obsDim: 2 });
    expect(() => buf.sample(2, new Generator(0))).toThrow(/empty/);
    expect(() => buf.add([1], 0, 0, [1, 2], false)).toThrow(/obsDim = 2/);
    expect(() => new ReplayBuffer({ capacity: 0, obsDim: 2 })).toThrow(/capacity must be an integer >= 1/);
  });

  it('the sum tree finds the leaf whose cumulative range holds u, as a linear scan does', () => {
    const g = new Generator(3);
    const tree = new SumTree(13);
    const p = Array.from({ length: 13 }, (_, i) => (i % 4 === 0 ? 0 : g.uniform(0, 5)));
    p.forEach((v, i) => tree.set(i, v));
    expect(tree.total).toBeCloseTo(p.reduce((s, v) => s + v, 0), 10);
    for (let k = 0; k < 500; k++) {
      const u = g.uniform(0, tree.total);
      let acc = 0, expected = -1;
      for (let i = 0; i < p.length; i++) { acc += p[i]; if (u < acc) { expected = i; break; } }
      expect(tree.find(u)).toBe(expected);
    }
  });

  it('prioritized sampling follows p^α and the weights undo it: (N·P(i))^−β / max', () => {
    const buf = new PrioritizedReplayBuffer({ capacity: 4, obsDim: 1, alpha: 0.5 });
    for (let i = 0; i < 4; i++) buf.add([i], 0, 0, [i], false);
    buf.updatePriorities([0, 1, 2, 3], [1, 4, 9, 16].map((v) => v - 1e-6));   // priorities 1, 4, 9, 16 → p^0.5 = 1, 2, 3, 4
    const counts = [0, 0, 0, 0];
    const g = new Generator(5);
    let batch;
    for (let k = 0; k < 2000; k++) {
      batch = buf.sample(5, g, 0.7);
      for (const i of batch.indices) counts[i]++;
    }
    const total = counts.reduce((s, v) => s + v, 0);
    [1, 2, 3, 4].forEach((w, i) => expect(counts[i] / total).toBeCloseTo(w / 10, 2));
    const probs = [0.1, 0.2, 0.3, 0.4];
    const maxW = Math.max(...probs.map((p) => (4 * p) ** -0.7));
    batch!.indices.forEach((slot, k) => expect(batch!.weights[k]).toBeCloseTo((4 * probs[slot]) ** -0.7 / maxW, 5));
  });

  it('new transitions get the largest priority seen', () => {
    const buf = new PrioritizedReplayBuffer({ capacity: 3, obsDim: 1, alpha: 1 });
    buf.add([0], 0, 0, [0], false);
    buf.updatePriorities([0], [7]);
    buf.add([1], 0, 0, [1], false);
    expect(buf.probability(1)).toBeCloseTo(buf.probability(0), 6);
    expect(() => buf.updatePriorities([0], [NaN])).toThrow(/diverged/);
  });
});

describe('losses and distributions against PyTorch', () => {
  it('ppoClipLoss: value and gradient', () => {
    for (const c of fx.ppoClip) {
      const logp = f64(c.logp).requiresGrad_();
      const loss = ppoClipLoss(logp, f64(c.old), f64(c.adv), c.clip);
      loss.backward();
      expect(loss.item()).toBeCloseTo(c.loss, 12);
      close(logp.grad!.toTypedArray(), c.grad, 1e-12);
    }
  });

  it('Categorical: log-probabilities, entropy and their gradient', () => {
    const c = fx.categorical;
    const logits = f64(c.logits).requiresGrad_();
    const d = new Categorical(logits);
    const lp = d.logProb(tensor(c.actions, { dtype: 'int32' }));
    const ent = d.entropy();
    lp.sum().add(ent.sum()).backward();
    close(lp.toTypedArray(), c.logProb, 1e-12);
    close(ent.toTypedArray(), c.entropy, 1e-12);
    close(logits.grad!.toTypedArray(), c.gradLogits.flat(), 1e-12);
  });

  it('DiagGaussian: log-probabilities, entropy and their gradients', () => {
    const c = fx.gaussian;
    const mean = f64(c.mean).requiresGrad_();
    const logStd = f64(c.logStd).requiresGrad_();
    const d = new DiagGaussian(mean, logStd);
    const lp = d.logProb(f64(c.actions));
    const ent = d.entropy();
    lp.sum().add(ent.sum().mul(0.5)).backward();
    close(lp.toTypedArray(), c.logProb, 1e-12);
    close(ent.toTypedArray(), c.entropy, 1e-12);
    close(mean.grad!.toTypedArray(), c.gradMean.flat(), 1e-12);
    close(logStd.grad!.toTypedArray(), c.gradLogStd, 1e-12);
  });

  it('sampling a categorical follows its probabilities', () => {
    const d = new Categorical(tensor([[Math.log(0.2), Math.log(0.5), Math.log(0.3)]]));
    const g = new Generator(9);
    const counts = [0, 0, 0];
    for (let i = 0; i < 4000; i++) counts[d.sample(g)[0]]++;
    expect(counts.map((c) => c / 4000)).toEqual([expect.closeTo(0.2, 1), expect.closeTo(0.5, 1), expect.closeTo(0.3, 1)]);
  });

  it('GAE agrees with Stable-Baselines3\'s loop', () => {
    for (const c of fx.gae) {
      const { advantages, returns } = computeGae({
        rewards: Float32Array.from(c.rewards), values: Float32Array.from(c.values), dones: Float32Array.from(c.dones),
        lastValues: Float32Array.from(c.lastValues), gamma: c.gamma, gaeLambda: c.gaeLambda,
      });
      close(advantages, c.advantages, 1e-5);
      close(returns, c.returns, 1e-5);
    }
    expect(() => computeGae({ rewards: new Float32Array(5), values: new Float32Array(5), dones: new Float32Array(4), lastValues: new Float32Array(1), gamma: 1, gaeLambda: 1 })).toThrow(/steps × envs/);
  });

  it('GAE with λ = 1 and no bootstrap is the discounted return minus the baseline', () => {
    const rewards = Float32Array.from([1, 0, 2, 1]);
    const values = Float32Array.from([0.5, 0.1, -0.3, 2]);
    const { advantages } = computeGae({ rewards, values, dones: Float32Array.from([0, 0, 0, 1]), lastValues: Float32Array.from([9]), gamma: 0.9, gaeLambda: 1 });
    const G = discountedReturns(rewards, 0.9);
    close(advantages, G.map((g, i) => g - values[i]), 1e-6);
  });

  it('DQN and Double-DQN targets', () => {
    const c = fx.dqnTargets;
    const args = [f64(c.rewards), f64(c.target)] as const;
    close(dqnTargets(args[0], args[1], null, f64(c.terminated), c.gamma).toTypedArray(), c.dqn, 1e-12);
    close(dqnTargets(args[0], args[1], f64(c.online), f64(c.terminated), c.gamma).toTypedArray(), c.double, 1e-12);
  });

  it('a dueling head: the advantages average to zero, so Q averages to V', () => {
    const net = new DuelingQNetwork(4, 3, [8]);
    const x = tensor([[0.1, -0.2, 0.3, 0.4], [1, 2, 3, 4]]);
    const q = net.forward(x);
    const v = net.value.forward(net.trunk.forward(x)).squeeze(1);
    close(q.mean(1).toTypedArray(), v.toTypedArray(), 1e-6);
  });

  it('explained variance: 1 for a perfect critic, 0 for a constant one', () => {
    expect(explainedVariance([1, 2, 3], [1, 2, 3])).toBe(1);
    expect(explainedVariance([2, 2, 2], [1, 2, 3])).toBeCloseTo(0, 12);
  });

  it('mlp: orthogonal weights with the requested gain, zero biases', () => {
    const net = mlp([4, 8, 2], { outputGain: 0.01 });
    const W = net[0].parameters()[0];
    const WWt = W.matmul(W.T).toArray() as number[][];           // (8, 4): orthonormal columns scaled by √2
    const WtW = W.T.matmul(W).toArray() as number[][];
    WtW.forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(i === j ? 2 : 0, 5)));
    expect(WWt.length).toBe(8);
    expect(Math.max(...(net[2].parameters()[0].abs().toTypedArray() as Float32Array))).toBeLessThan(0.011);
    expect(() => mlp([4])).toThrow(/two or more/);
  });
});

describe('agents: plumbing on short runs', () => {
  it('dqn runs, reports every episode, stops when the callback says so, and is reproducible', () => {
    const reports: number[] = [];
    const opts = { totalSteps: 600, learningStarts: 100, trainFreq: 4, batchSize: 16, seed: 3, double: true, dueling: true, prioritized: true } as const;
    const run = dqn(makeCartPole(), { ...opts, callback: (r) => { reports.push(r.episodeReturn); return reports.length < 5; } });
    expect(reports.length).toBe(5);
    expect(run.episodeReturns).toEqual(reports);
    expect(run.losses.every(Number.isFinite)).toBe(true);
    expect([0, 1]).toContain(run.act([0, 0, 0.05, 0]));
    const again = dqn(makeCartPole(), { ...opts, callback: (r) => r.episode < 5 });
    expect(again.losses).toEqual(run.losses);
  });

  it('ppo: discrete and continuous, with the diagnostics of every update', () => {
    const d = ppo(() => makeCartPole(), { totalSteps: 256, nEnvs: 2, nSteps: 64, batchSize: 32, nEpochs: 2, seed: 0, clipRangeVf: 0.2, targetKl: 0.5 });
    expect(d.reports.length).toBe(2);
    for (const r of d.reports) {
      for (const k of ['policyLoss', 'valueLoss', 'entropy', 'approxKl', 'clipFraction', 'explainedVariance'] as const) expect(Number.isFinite(r[k]), k).toBe(true);
      expect(r.entropy).toBeGreaterThan(0.6);   // near ln 2 for a fresh policy
    }
    const c = ppo(() => makePendulum(), { totalSteps: 128, nEnvs: 2, nSteps: 64, batchSize: 64, nEpochs: 1, seed: 0 });
    const a = c.act([1, 0, 0]) as Float32Array;
    expect(a.length).toBe(1);
    expect(c.reports[0].entropy).toBeCloseTo(0.5 * Math.log(2 * Math.PI * Math.E), 2);   // log std starts at 0
  });

  it('a2c and reinforce run on CartPole and Pendulum', () => {
    const a = a2c(() => makeCartPole(), { totalSteps: 200, nEnvs: 4, nSteps: 5, seed: 1 });
    expect(a.reports.length).toBe(10);
    expect(Number.isNaN(a.reports[0].approxKl)).toBe(true);
    const r = reinforce(makeCartPole(), { episodes: 4, batchEpisodes: 2, seed: 0 });
    expect(r.losses.length).toBe(2);
    expect(r.episodeReturns.length).toBe(4);
    const rc = reinforce(makePendulum(), { episodes: 1, seed: 0 });
    expect(rc.episodeLengths).toEqual([200]);
  });

  it('evaluatePolicy runs episodes side by side', () => {
    const returns = evaluatePolicy(() => makeCartPole(), (obs) => obs.map((o) => (o[2] + 0.5 * o[3] > 0 ? 1 : 0)), { episodes: 5 });
    expect(returns).toEqual([500, 500, 500, 500, 500]);
  });

  it('clear errors for the wrong kind of environment or option', () => {
    expect(() => dqn(makePendulum() as never, { totalSteps: 10 })).toThrow(/Discrete action space.*ppo/);
    expect(() => dqn(new FrozenLake() as never, { totalSteps: 10 })).toThrow(/Box observation space.*tabular/);
    expect(() => ppo(makeCartPole() as never, { totalSteps: 10 })).toThrow(/function that makes an environment/);
    expect(() => ppo(() => makeCartPole(), { totalSteps: 64, nSteps: 8, batchSize: 64 })).toThrow(/batchSize \(64\) is larger than a rollout/);
    expect(() => dqn(makeCartPole(), { totalSteps: 10, gamma: 1.5 })).toThrow(/gamma must be in \[0, 1\]/);
  });
});
