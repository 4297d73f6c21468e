// Dynamic programming: the fixed point (Bellman residual), agreement of value and policy
// iteration, and FrozenLake's optimal values against an independent NumPy linear solve
// (tools/fixtures/rl_envs.py).
import { describe, expect, it } from 'vitest';
import {
  CliffWalking, FrozenLake, GridWorld, bellmanResidual, policyEvaluation, policyIteration, valueIteration,
} from '../../src/rl/index.js';
import { loadFixture } from '../helpers/fixtures.js';

interface LakeCase { slippery: boolean; gamma: number; V: number[]; Q: number[][] }
const fx = loadFixture<{ frozenlake: LakeCase[] }>('rl-envs.json');

describe('FrozenLake 4x4 optimal values match the NumPy linear solve', () => {
  for (const c of fx.frozenlake) {
    it(`slippery=${c.slippery} gamma=${c.gamma}`, () => {
      const P = new FrozenLake({ isSlippery: c.slippery }).P;
      const vi = valueIteration(P, { gamma: c.gamma });
      const pi = policyIteration(P, { gamma: c.gamma });
      for (let s = 0; s < 16; s++) {
        expect(Math.abs(vi.V[s] - c.V[s]), `VI state ${s}`).toBeLessThan(1e-10);
        expect(Math.abs(pi.V[s] - c.V[s]), `PI state ${s}`).toBeLessThan(1e-10);
        for (let a = 0; a < 4; a++) expect(Math.abs(vi.Q[s][a] - c.Q[s][a])).toBeLessThan(1e-10);
      }
      expect(bellmanResidual(P, vi.V, c.gamma)).toBeLessThan(1e-10);
      expect(bellmanResidual(P, pi.V, c.gamma)).toBeLessThan(1e-10);
    });
  }
});

describe('value iteration and policy iteration agree', () => {
  const cases = [
    { name: 'CliffWalking gamma 0.95', P: new CliffWalking().P, gamma: 0.95 },
    { name: 'slippery GridWorld with walls and a trap', P: new GridWorld({ map: ['S..#G', '.#...', '...T.'], slip: 0.2, stepReward: -0.04 }).P, gamma: 0.97 },
  ];
  for (const { name, P, gamma } of cases) {
    it(name, () => {
      const vi = valueIteration(P, { gamma });
      const pi = policyIteration(P, { gamma });
      expect(bellmanResidual(P, vi.V, gamma)).toBeLessThan(1e-10);
      expect(bellmanResidual(P, pi.V, gamma)).toBeLessThan(1e-10);
      for (let s = 0; s < P.length; s++) expect(Math.abs(vi.V[s] - pi.V[s])).toBeLessThan(1e-10);
      // Each greedy policy is worth the optimal values when evaluated on its own.
      const Vvi = policyEvaluation(P, vi.policy, { gamma });
      for (let s = 0; s < P.length; s++) expect(Math.abs(Vvi[s] - vi.V[s])).toBeLessThan(1e-9);
    });
  }

  it('CliffWalking with gamma 1: the optimal path along the cliff edge returns -13', () => {
    const { V } = valueIteration(new CliffWalking().P, { gamma: 1 });
    expect(V[36]).toBeCloseTo(-13, 12);
  });
});

describe('policyEvaluation', () => {
  it('the uniform random policy on FrozenLake matches a stochastic-policy solve, and errors name the fix', () => {
    const P = new FrozenLake().P;
    const uniform = Array.from({ length: 16 }, () => [0.25, 0.25, 0.25, 0.25]);
    const V = policyEvaluation(P, uniform, { gamma: 0.9 });
    // Averaging the four deterministic-action backups reproduces V: it is the fixed point.
    for (let s = 0; s < 16; s++) {
      let v = 0;
      for (let a = 0; a < 4; a++) for (const [p, n, r, d] of P[s][a]) v += 0.25 * p * (r + (d ? 0 : 0.9 * V[n]));
      expect(Math.abs(v - V[s])).toBeLessThan(1e-11);
    }
    expect(V[0]).toBeGreaterThan(0);
    expect(() => policyEvaluation(P, new Int32Array(3))).toThrow(/policy has 3 states/);
    expect(() => valueIteration(P, { gamma: 1.5 })).toThrow(/gamma must be in \[0, 1\]/);
    // Always "up" in CliffWalking never ends: undiscounted evaluation cannot converge.
    expect(() => policyEvaluation(new CliffWalking().P, new Int32Array(48), { gamma: 1, maxIterations: 100 })).toThrow(/lower gamma/);
  });
});
