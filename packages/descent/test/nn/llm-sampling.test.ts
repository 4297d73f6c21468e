/**
 * Sampling with temperature, top-k and top-p: the filtered distributions computed by hand
 * from softmax, and the empirical frequencies of `sample` against them (a chi-square-style
 * bound with a fixed seed).
 */
import { describe, it, expect } from 'vitest';
import { tensor, Generator } from '../../src/tensor/index.js';
import { sample, samplingProbs, F } from '../../src/nn/index.js';

const softmax = (z: number[], t = 1) => {
  const m = Math.max(...z);
  const e = z.map((v) => Math.exp((v - m) / t));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
};
const close = (got: ArrayLike<number>, want: number[]) => want.forEach((w, i) => expect(got[i]).toBeCloseTo(w, 12));

const f64 = { dtype: 'float64' as const };
const z = [1.5, -0.3, 2.2, 0.0, 0.9, -1.4];

describe('samplingProbs', () => {
  it('is the softmax with no filters, and softmax(z/τ) with a temperature', () => {
    close(samplingProbs(tensor(z, f64)).toTypedArray(), softmax(z));
    close(samplingProbs(tensor(z, f64), { temperature: 0.5 }).toTypedArray(), softmax(z, 0.5));
    close(samplingProbs(tensor(z, f64), { temperature: 3 }).toTypedArray(), softmax(z, 3));
  });

  it('temperature 0 is greedy', () => {
    close(samplingProbs(tensor(z, f64), { temperature: 0 }).toTypedArray(), [0, 0, 1, 0, 0, 0]);
  });

  it('top-k keeps the k largest logits, renormalized', () => {
    const p = softmax(z);
    const kept = [0, 2, 4]; // logits 1.5, 2.2, 0.9
    const s = kept.reduce((a, i) => a + p[i], 0);
    close(samplingProbs(tensor(z, f64), { topK: 3 }).toTypedArray(), p.map((v, i) => (kept.includes(i) ? v / s : 0)));
    close(samplingProbs(tensor(z, f64), { topK: 100 }).toTypedArray(), p);
  });

  it('top-p keeps the smallest most-likely set with mass >= p (Holtzman et al. 2019)', () => {
    const p = softmax(z);
    const order = [2, 0, 4, 3, -1].filter((i) => i >= 0);
    // Masses of the top 1, 2, 3 tokens; choose thresholds just below and just above each.
    const m1 = p[2], m2 = m1 + p[0], m3 = m2 + p[4];
    for (const [topP, size] of [[m1 - 1e-9, 1], [m1 + 1e-9, 2], [m2 - 1e-9, 2], [m2 + 1e-9, 3], [m3 - 1e-9, 3]] as const) {
      const kept = order.slice(0, size);
      const s = kept.reduce((a, i) => a + p[i], 0);
      close(samplingProbs(tensor(z, f64), { topP }).toTypedArray(), p.map((v, i) => (kept.includes(i) ? v / s : 0)));
    }
  });

  it('applies temperature, then top-k, then top-p, row by row', () => {
    const rows = [z, [0, 0, 0, 0, 0, 5]];
    const got = samplingProbs(tensor(rows, f64), { temperature: 2, topK: 4, topP: 0.6 }).toTypedArray();
    // Row 0 at τ = 2, top 4 = {2, 0, 4, 3}, renormalized among those 4, then nucleus 0.6.
    const p = softmax(z, 2);
    const top4 = [2, 0, 4, 3];
    const s4 = top4.reduce((a, i) => a + p[i], 0);
    let mass = 0, size = 0;
    while (mass < 0.6) mass += p[top4[size++]] / s4;
    const kept = top4.slice(0, size);
    const sk = kept.reduce((a, i) => a + p[i], 0);
    close(got.subarray(0, 6), p.map((v, i) => (kept.includes(i) ? v / sk : 0)));
    // Row 1: token 5 alone has softmax(·/2) mass e^2.5/(5 + e^2.5) ≈ 0.71 ≥ 0.6.
    close(got.subarray(6), [0, 0, 0, 0, 0, 1]);
  });

  it('explains bad options', () => {
    expect(() => samplingProbs(tensor(z, f64), { topP: 0 })).toThrow(/samplingProbs: topP must be in \(0, 1\], got 0/);
    expect(() => sample(tensor(z, f64), { topK: 0 })).toThrow(/sample: topK must be an integer >= 1, got 0/);
    expect(() => sample(tensor(z, f64), { temperature: -1 })).toThrow(/temperature must be a finite number >= 0/);
  });
});

describe('sample', () => {
  it('draws with the frequencies of samplingProbs (20,000 draws, fixed seed)', () => {
    const n = 20000;
    const logits = tensor(Array.from({ length: n }, () => z), f64);
    for (const opts of [{}, { temperature: 0.7, topK: 4 }, { topP: 0.8 }]) {
      const p = samplingProbs(tensor(z, f64), opts).toTypedArray();
      const draws = sample(logits, { ...opts, generator: new Generator(11) }).toTypedArray();
      expect(draws.length).toBe(n);
      const counts = new Array(z.length).fill(0);
      for (const d of draws) counts[d]++;
      counts.forEach((c, i) => {
        if (p[i] === 0) expect(c, `token ${i} was filtered out`).toBe(0);
        // within 5 binomial standard deviations
        else expect(Math.abs(c / n - p[i])).toBeLessThan(5 * Math.sqrt(p[i] * (1 - p[i]) / n));
      });
    }
  });

  it('returns one int32 index per row, argmax at temperature 0, and is reproducible with a generator', () => {
    const logits = tensor([[0.1, 3, -1], [2, 0, 1]]);
    const greedy = sample(logits, { temperature: 0 });
    expect(greedy.dtype).toBe('int32');
    expect(greedy.toArray()).toEqual([1, 0]);
    const a = sample(logits, { generator: new Generator(3) }).toArray();
    expect(sample(logits, { generator: new Generator(3) }).toArray()).toEqual(a);
    expect(F.sample).toBe(sample);
  });
});
