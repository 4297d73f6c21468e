/**
 * Greedy and beam search on hand-made next-token tables (where the right answer can be
 * worked out by hand or by enumerating every sequence) and on a small Seq2Seq model.
 */
import { describe, it, expect } from 'vitest';
import { manualSeed, randint } from '../../src/tensor/index.js';
import { beamSearch, greedySearch, Seq2Seq, type StepFn } from '../../src/nn/index.js';
import { Generator } from '../../src/random/index.js';

const BOS = 0, EOS = 1;

/** A step function from a table: prefix (tokens after BOS, joined) → probabilities. State = the prefix. */
function tableStep(table: Record<string, number[]>, V: number): StepFn<number[]> {
  return (tokens, states) => {
    const next = states.map((s, i) => (i < tokens.length && tokens[i] !== BOS ? [...s, tokens[i]] : s));
    const logProbs = next.map((prefix) => {
      const p = table[prefix.join(',')] ?? Array.from({ length: V }, (_, v) => (v === EOS ? 1 : 0));
      return p.map(Math.log);
    });
    return { logProbs, states: next };
  };
}

describe('beamSearch', () => {
  // Tokens: 0 BOS, 1 EOS, 2 A, 3 B, 4–7 four "X" tokens.
  // After BOS: A 0.55, B 0.45. After A: four X's at 0.25 each. After A X: EOS. After B: EOS 0.9.
  const V = 8;
  const table: Record<string, number[]> = {
    '': [0, 0, 0.55, 0.45, 0, 0, 0, 0],
    '2': [0, 0, 0, 0, 0.25, 0.25, 0.25, 0.25],
    '3': [0, 0.9, 0, 0, 0.025, 0.025, 0.025, 0.025],
  };
  const step = tableStep(table, V);
  const opts = { bos: BOS, eos: EOS, maxLength: 5, lengthPenalty: 0 };

  it('finds the more likely sequence where greedy search is led astray', () => {
    const greedy = greedySearch(step, [], opts);
    expect(greedy.tokens).toEqual([2, 4, EOS]);
    expect(greedy.logProb).toBeCloseTo(Math.log(0.55 * 0.25), 12);
    const { best } = beamSearch(step, [], { ...opts, beamWidth: 2 });
    expect(best.tokens).toEqual([3, EOS]);
    expect(best.logProb).toBeCloseTo(Math.log(0.45 * 0.9), 12);
    expect(best.finished).toBe(true);
  });

  it('with width 1 is greedy search', () => {
    expect(beamSearch(step, [], { ...opts, beamWidth: 1 }).best.tokens).toEqual(greedySearch(step, [], opts).tokens);
  });

  it('with width 1 equals greedy search on random tables', () => {
    const g = new Generator(11);
    for (let trial = 0; trial < 30; trial++) {
      const seed = g.integers(0, 1e9);
      // Each prefix's probabilities come from a hash of (seed, prefix): a random but fixed table.
      const randomStep: StepFn<string> = (tokens, states) => {
        const next = states.map((s, i) => `${s},${tokens[i]}`);
        return {
          states: next,
          logProbs: next.map((key) => {
            const h = new Generator(seed + [...key].reduce((a, ch) => (a * 31 + ch.charCodeAt(0)) % 1e9, 7));
            const w = Array.from({ length: 6 }, () => h.random() + 1e-3);
            const z = w.reduce((a, b) => a + b, 0);
            return w.map((x) => Math.log(x / z));
          }),
        };
      };
      const o = { bos: 0, eos: 1, maxLength: 6 };
      const greedy = greedySearch(randomStep, `${seed}`, o);
      const beam = beamSearch(randomStep, `${seed}`, { ...o, beamWidth: 1, lengthPenalty: 0 }).best;
      expect(beam.tokens).toEqual(greedy.tokens);
      expect(beam.logProb).toBeCloseTo(greedy.logProb, 12);
      expect(beam.finished).toBe(greedy.finished);
    }
  });

  it('with a wide beam finds the most likely sequence found by enumerating them all', () => {
    // Every sequence of length ≤ 3 over tokens 2–4 then EOS (or cut at 3), enumerated.
    const g = new Generator(3);
    const probs: Record<string, number[]> = {};
    const rand = () => { const w = [0, ...Array.from({ length: 4 }, () => g.random() + 0.05)]; const z = w.reduce((a, b) => a + b, 0); return w.map((x) => x / z); };
    const prefixes = [''];
    for (let len = 1; len <= 3; len++) for (const p of prefixes.filter((q) => (q === '' ? 0 : q.split(',').length) === len - 1)) for (const t of [2, 3, 4]) prefixes.push(p === '' ? `${t}` : `${p},${t}`);
    for (const p of prefixes) probs[p] = rand();
    let bestLogP = -Infinity;
    for (const p of prefixes) {
      const toks = p === '' ? [] : p.split(',').map(Number);
      if (toks.length < 3) { // end here with EOS
        let lp = 0, prefix: number[] = [];
        for (const t of toks) { lp += Math.log(probs[prefix.join(',')][t]); prefix = [...prefix, t]; }
        bestLogP = Math.max(bestLogP, lp + Math.log(probs[p][EOS]));
      }
    }
    const { best } = beamSearch(tableStep(probs, 5), [], { bos: BOS, eos: EOS, maxLength: 3, beamWidth: 40, lengthPenalty: 0 });
    expect(best.finished).toBe(true);
    expect(best.logProb).toBeCloseTo(bestLogP, 12);
  });

  it('length normalization can prefer a longer hypothesis', () => {
    // After BOS: EOS 0.4, A 0.6. After A: EOS 0.5, A 0.5. Raw: [EOS] (log 0.4) beats [A, EOS] (log 0.3);
    // per token: log 0.3 / 2 = −0.60 beats log 0.4 = −0.92.
    const t = tableStep({ '': [0, 0.4, 0.6], '2': [0, 0.5, 0.5], '2,2': [0, 1, 0] }, 3);
    const o = { bos: BOS, eos: EOS, maxLength: 4, beamWidth: 2 };
    expect(beamSearch(t, [], { ...o, lengthPenalty: 0 }).best.tokens).toEqual([EOS]);
    const normed = beamSearch(t, [], { ...o, lengthPenalty: 1 });
    expect(normed.best.tokens).toEqual([2, EOS]);
    expect(normed.best.score).toBeCloseTo(Math.log(0.3) / 2, 12);
    expect(normed.hypotheses.map((h) => h.tokens)).toEqual([[2, EOS], [EOS]]);
  });

  it('returns unfinished hypotheses at maxLength and never keeps impossible tokens', () => {
    // EOS has probability 0 here, so nothing finishes; BOS (0) too, so no hypothesis holds it.
    const p = [0, 0, 0.9, 0.1];
    const loop = tableStep({ '': p, '2': p, '3': p, '2,2': p, '2,3': p, '3,2': p, '3,3': p }, 4);
    const { best, hypotheses } = beamSearch(loop, [], { bos: BOS, eos: EOS, maxLength: 3, beamWidth: 3, lengthPenalty: 0 });
    expect(best).toMatchObject({ tokens: [2, 2, 2], finished: false });
    expect(best.logProb).toBeCloseTo(3 * Math.log(0.9), 12);
    expect(hypotheses.length).toBe(3);
    expect(hypotheses.every((h) => Number.isFinite(h.logProb) && !h.tokens.includes(0))).toBe(true);
  });

  it('rejects bad options with messages naming them', () => {
    expect(() => beamSearch(step, [], { ...opts, beamWidth: 0 })).toThrow(/beamSearch: beamWidth must be a positive integer, got 0/);
    expect(() => beamSearch(step, [], { ...opts, lengthPenalty: -1 })).toThrow(/beamSearch: lengthPenalty must be a finite number >= 0/);
    expect(() => greedySearch(step, [], { ...opts, maxLength: 0 })).toThrow(/greedySearch: maxLength must be a positive integer/);
  });
});

describe('decoding a Seq2Seq model', () => {
  it('beam width 1, greedySearch and Seq2Seq.greedy agree', () => {
    manualSeed(4);
    const model = new Seq2Seq({ srcVocab: 9, tgtVocab: 7, embedDim: 4, hiddenSize: 8, attention: 'general', dtype: 'float64' });
    const src = randint(3, 9, [3, 5], { dtype: 'int32' });
    const batch = model.greedy(src, { bos: 1, eos: 2, maxLength: 6 });
    for (let i = 0; i < 3; i++) {
      const { step, initial } = model.stepper(src.narrow(0, i, 1));
      const g = greedySearch(step, initial, { bos: 1, eos: 2, maxLength: 6 });
      const b = beamSearch(step, initial, { bos: 1, eos: 2, maxLength: 6, beamWidth: 1 }).best;
      expect(g.tokens).toEqual(b.tokens);
      expect(g.tokens.filter((t) => t !== 2)).toEqual(batch.tokens[i]);
    }
  });
});
