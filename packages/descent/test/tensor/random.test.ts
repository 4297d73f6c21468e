import { describe, it, expect } from 'vitest';
import { Generator, manualSeed } from '../../src/random/index.js';
import { rand, randn, randint, permutation, choice, tensor } from '../../src/tensor/index.js';
import { loadFixture } from '../helpers/fixtures.js';

const ref = loadFixture<{ streams: { seed: number; uint32: number[]; random: number[] }[] }>('random.json');

describe('Generator', () => {
  for (const s of ref.streams) {
    it(`matches the reference xoshiro128** stream for seed ${s.seed}`, () => {
      const g = new Generator(s.seed);
      expect(Array.from({ length: s.uint32.length }, () => g.nextUint32())).toEqual(s.uint32);
      const h = new Generator(s.seed);
      expect(Array.from({ length: s.random.length }, () => h.random())).toEqual(s.random);
    });
  }

  it('reproduces a stream after seeding again and after restoring state', () => {
    const g = new Generator(7);
    const first = [g.normal(), g.random(), g.integers(0, 100)];
    g.seed(7);
    expect([g.normal(), g.random(), g.integers(0, 100)]).toEqual(first);
    const state = g.getState();
    const next = g.random();
    g.setState(state);
    expect(g.random()).toBe(next);
    // Halfway through a Box–Muller pair: the waiting normal is part of the state.
    g.normal();
    const mid = g.getState();
    const normals = [g.normal(), g.normal(), g.normal()];
    g.setState(mid);
    expect([g.normal(), g.normal(), g.normal()]).toEqual(normals);
    expect(() => g.setState([0, 0, 0, 0])).toThrow(/not all zero/);
    expect(() => g.setState([1, 2, 3])).toThrow(/four 32-bit words/);
  });

  it('draws normals with mean 0 and variance 1, uniforms in [0,1), unbiased integers', () => {
    const g = new Generator(3);
    const n = 200_000;
    let s = 0, s2 = 0;
    for (let i = 0; i < n; i++) { const z = g.normal(); s += z; s2 += z * z; }
    // Standard errors: mean 1/√n ≈ 0.0022, variance √(2/n) ≈ 0.0032; allow ~5 of them.
    expect(Math.abs(s / n)).toBeLessThan(0.012);
    expect(Math.abs(s2 / n - 1)).toBeLessThan(0.016);
    const counts = new Array(6).fill(0);
    for (let i = 0; i < 60_000; i++) counts[g.integers(0, 6)]++;
    // Chi-square with 5 degrees of freedom: 20.5 is its 99.9th percentile.
    const chi2 = counts.reduce((acc, c) => acc + (c - 10_000) ** 2 / 10_000, 0);
    expect(chi2).toBeLessThan(20.5);
    for (let i = 0; i < 1000; i++) { const u = g.random(); expect(u >= 0 && u < 1).toBe(true); }
  });

  it('rejects bad arguments with messages that say what to pass', () => {
    const g = new Generator(0);
    expect(() => g.integers(5, 5)).toThrow(/need low < high/);
    expect(() => g.seed(NaN)).toThrow(/finite/);
    expect(() => g.permutation(-1)).toThrow(/non-negative integer/);
  });
});

describe('random tensors', () => {
  it('are reproducible from manualSeed and have the requested shape and dtype', () => {
    manualSeed(11);
    const a = randn([3, 4]);
    manualSeed(11);
    const b = randn([3, 4]);
    expect(a.toArray()).toEqual(b.toArray());
    expect(a.shape).toEqual([3, 4]);
    expect(rand([2], { dtype: 'float64' }).dtype).toBe('float64');
    expect(() => rand([2], { dtype: 'int32' })).toThrow(/use randint/);
  });

  it('randint stays in range, permutation is a permutation, choice respects replace and p', () => {
    const g = new Generator(5);
    const r = randint(-3, 4, [1000], { generator: g }).toTypedArray();
    expect(Math.min(...r)).toBe(-3);
    expect(Math.max(...r)).toBe(3);
    expect([...permutation(50, { generator: g }).toTypedArray()].sort((x, y) => x - y)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    const noRep = [...choice(10, 10, { replace: false, generator: g }).toTypedArray()].sort((x, y) => x - y);
    expect(noRep).toEqual(Array.from({ length: 10 }, (_, i) => i));
    const weighted = choice(tensor([10, 20, 30]), 3000, { p: [0, 0.25, 0.75], generator: g }).toTypedArray();
    expect(weighted.every((v) => v !== 10)).toBe(true);
    const share30 = weighted.filter((v) => v === 30).length / 3000;
    expect(Math.abs(share30 - 0.75)).toBeLessThan(0.04);
    expect(() => choice(3, 4, { replace: false })).toThrow(/without replacement/);
    expect(() => choice(3, 1, { p: [0.5, 0.5, 0.5] })).toThrow(/sum to 1/);
  });
});
