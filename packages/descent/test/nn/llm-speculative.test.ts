/**
 * Speculative decoding's acceptance rule: whatever the draft, the first emitted token follows
 * the target distribution exactly (Leviathan et al. 2023, Theorem 1), checked on 20,000
 * seeded rounds; a perfect draft is always accepted; acceptance rate Σ min(p, q).
 */
import { describe, it, expect } from 'vitest';
import { tensor, Generator } from '../../src/tensor/index.js';
import { speculativeStep } from '../../src/nn/index.js';

const f64 = { dtype: 'float64' as const };
const p = [0.5, 0.3, 0.15, 0.05];
const q = [0.1, 0.2, 0.3, 0.4]; // a poor draft
const bonus = [0.25, 0.25, 0.25, 0.25];

/** Samples an index from probabilities with the generator (the draft's own sampling). */
const drawFrom = (w: number[], gen: Generator) => {
  let u = gen.random();
  for (let i = 0; i < w.length; i++) { if (u < w[i]) return i; u -= w[i]; }
  return w.length - 1;
};

describe('speculativeStep', () => {
  it('emits tokens distributed as the target, and accepts at rate Σ min(p, q)', () => {
    const gen = new Generator(21);
    const n = 20000;
    const counts = [0, 0, 0, 0];
    let accepted = 0, badLengths = 0;
    const [target, draft] = [tensor([p, bonus], f64), tensor([q], f64)];
    for (let r = 0; r < n; r++) {
      const out = speculativeStep(target, draft, [drawFrom(q, gen)], { generator: gen });
      counts[out.tokens[0]]++;
      accepted += out.accepted;
      if (out.tokens.length !== out.accepted + 1) badLengths++;
    }
    expect(badLengths).toBe(0);
    p.forEach((pi, i) => expect(Math.abs(counts[i] / n - pi)).toBeLessThan(5 * Math.sqrt(pi * (1 - pi) / n)));
    const rate = p.reduce((s, pi, i) => s + Math.min(pi, q[i]), 0); // 0.1 + 0.2 + 0.15 + 0.05 = 0.5
    expect(Math.abs(accepted / n - rate)).toBeLessThan(5 * Math.sqrt(rate * (1 - rate) / n));
  });

  it('accepts every token of a draft equal to the target, then adds a bonus token', () => {
    const gen = new Generator(3);
    const out = speculativeStep(tensor([p, p, p], f64), tensor([p, p], f64), [0, 2], { generator: gen });
    expect(out.accepted).toBe(2);
    expect(out.tokens.slice(0, 2)).toEqual([0, 2]);
    expect(out.tokens).toHaveLength(3);
  });

  it('never emits a token the target gives probability 0', () => {
    const gen = new Generator(4);
    for (let r = 0; r < 200; r++) {
      const out = speculativeStep(tensor([[0, 1, 0, 0], bonus], f64), tensor([q], f64), [drawFrom(q, gen)], { generator: gen });
      expect(out.tokens[0]).toBe(1);
    }
  });

  it('explains mismatched shapes', () => {
    expect(() => speculativeStep(tensor([p], f64), tensor([q], f64), [0])).toThrow(/speculativeStep: expected targetProbs \(K\+1, V\) and draftProbs \(K, V\) for K = 1/);
    expect(() => speculativeStep(tensor([p, p], f64), tensor([q], f64), [7])).toThrow(/draft token 0 is 7, outside the vocabulary \[0, 4\)/);
  });
});
