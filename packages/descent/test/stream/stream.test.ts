// Streaming statistics against the exact answers on data small enough to compute them,
// with each sketch's promised error bound as the tolerance.
import { describe, expect, it } from 'vitest';
import { Generator } from '../../src/random/index.js';
import { CountMinSketch, HyperLogLog, ReservoirSampler, RunningStats, TDigest, WeightedReservoirSampler } from '../../src/stream/index.js';

describe('RunningStats (Welford)', () => {
  it('matches the two-pass mean and variance where the naive formula fails', () => {
    // Values near 1e9 with spread 1: Σx² − n·mean² loses every significant digit here.
    const g = new Generator(0);
    const ds = Array.from({ length: 10000 }, () => g.normal(0, 1));
    const xs = ds.map((d) => 1e9 + d);
    // The exact reference: two passes over the offsets d = x − 1e9, where nothing cancels.
    const dMean = ds.reduce((a, b) => a + b, 0) / ds.length;
    const mean = 1e9 + dMean;
    const variance = ds.reduce((a, d) => a + (d - dMean) ** 2, 0) / ds.length;
    const s = new RunningStats();
    xs.forEach((x) => s.push(x));
    expect(s.mean - 1e9).toBeCloseTo(dMean, 4); // 1e9 has an ulp of 1.2e-7
    expect(s.variance()).toBeCloseTo(variance, 4);
    const naive = xs.reduce((a, x) => a + x * x, 0) / xs.length - mean * mean;
    expect(Math.abs(naive - variance)).toBeGreaterThan(0.1); // the failure Welford avoids
    expect(s.variance(1)).toBeCloseTo((variance * xs.length) / (xs.length - 1), 4);
  });
  it('merging shards equals one pass', () => {
    const xs = [2, 4, 4, 4, 5, 5, 7, 9, 11, -3];
    const whole = new RunningStats();
    xs.forEach((x) => whole.push(x));
    const a = new RunningStats();
    const b = new RunningStats();
    xs.slice(0, 3).forEach((x) => a.push(x));
    xs.slice(3).forEach((x) => b.push(x));
    a.merge(b).merge(new RunningStats());
    expect(a.count).toBe(10);
    expect(a.mean).toBeCloseTo(whole.mean, 14);
    expect(a.variance()).toBeCloseTo(whole.variance(), 12);
    expect([a.min, a.max]).toEqual([-3, 11]);
    expect(new RunningStats().variance()).toBeNaN();
    expect(() => a.push(NaN)).toThrow(/RunningStats\.push: NaN is not finite/);
  });
});

describe('reservoir sampling', () => {
  it('Algorithm R includes every item with probability k/n', () => {
    const n = 50, k = 5, runs = 4000;
    const hits = new Float64Array(n);
    for (let r = 0; r < runs; r++) {
      const s = new ReservoirSampler<number>(k, r);
      for (let i = 0; i < n; i++) s.push(i);
      for (const i of s.sample) hits[i]++;
    }
    // Each count is Binomial(runs, k/n): mean 400, sd √(400·0.9) = 19; allow 5 sd.
    const p = k / n;
    const sd = Math.sqrt(runs * p * (1 - p));
    for (const h of hits) expect(Math.abs(h - runs * p)).toBeLessThan(5 * sd);
    // Chi-square over the 50 cells: 49 degrees of freedom, the 0.999 quantile is 85.4.
    const chi2 = Array.from(hits).reduce((a, h) => a + (h - runs * p) ** 2 / (runs * p), 0);
    expect(chi2).toBeLessThan(85.4);
  });
  it('A-Res with k = 1 picks item i with probability w_i / Σw', () => {
    const weights = [1, 2, 3, 4];
    const runs = 20000;
    const wins = [0, 0, 0, 0];
    for (let r = 0; r < runs; r++) {
      const s = new WeightedReservoirSampler<number>(1, r);
      weights.forEach((w, i) => s.push(i, w));
      wins[s.sample()[0]]++;
    }
    weights.forEach((w, i) => {
      const p = w / 10;
      expect(Math.abs(wins[i] - runs * p)).toBeLessThan(5 * Math.sqrt(runs * p * (1 - p)));
    });
    expect(() => new WeightedReservoirSampler(2).push('a', 0)).toThrow(/weight must be a finite number > 0/);
    expect(() => new ReservoirSampler(0)).toThrow(/ReservoirSampler: the sample size k must be a positive integer/);
  });
});

describe('CountMinSketch', () => {
  it('never undercounts and overcounts by more than εN on at most a δ share of items', () => {
    const eps = 0.005, delta = 0.01;
    const cms = CountMinSketch.fromError(eps, delta);
    expect([cms.width, cms.depth]).toEqual([Math.ceil(Math.E / eps), Math.ceil(Math.log(1 / delta))]);
    // Zipf-like stream over 5000 keys.
    const g = new Generator(1);
    const exact = new Map<string, number>();
    for (let n = 0; n < 100000; n++) {
      const key = `k${Math.floor(5000 * g.random() ** 3)}`;
      exact.set(key, (exact.get(key) ?? 0) + 1);
      cms.add(key);
    }
    let bad = 0;
    for (const [key, c] of exact) {
      const e = cms.estimate(key);
      expect(e).toBeGreaterThanOrEqual(c);
      if (e - c > eps * cms.total) bad++;
    }
    expect(bad / exact.size).toBeLessThanOrEqual(delta);
    expect(cms.estimate('never seen')).toBeLessThanOrEqual(eps * cms.total * 3);
  });
  it('sketches of two streams merge into the sketch of both', () => {
    const a = new CountMinSketch(64, 3).add('x', 2);
    const b = new CountMinSketch(64, 3).add('x', 5).add('y');
    expect(a.merge(b).estimate('x')).toBeGreaterThanOrEqual(7);
    expect(() => a.merge(new CountMinSketch(32, 3))).toThrow(/shapes differ/);
  });
});

describe('HyperLogLog', () => {
  it('counts distinct items within 3 standard errors (1.04/√m), small and large ranges', () => {
    for (const [p, distinct] of [[10, 100], [10, 20000], [12, 100000], [14, 30000]] as const) {
      const hll = new HyperLogLog(p);
      for (let n = 0; n < 2 * distinct; n++) hll.add(`user-${n % distinct}`);
      const rel = Math.abs(hll.count() - distinct) / distinct;
      expect(rel).toBeLessThan(3 * hll.standardError);
    }
  });
  it('averaged over 40 streams, the error is about 1.04/√m and unbiased', () => {
    const errs: number[] = [];
    for (let s = 0; s < 40; s++) {
      const hll = new HyperLogLog(8);
      for (let n = 0; n < 5000; n++) hll.add(`s${s}-${n}`);
      errs.push(hll.count() / 5000 - 1);
    }
    const mean = errs.reduce((a, b) => a + b) / errs.length;
    const rmse = Math.sqrt(errs.reduce((a, e) => a + e * e, 0) / errs.length);
    const se = 1.04 / 16;
    expect(Math.abs(mean)).toBeLessThan((3 * se) / Math.sqrt(40));
    expect(rmse).toBeGreaterThan(0.5 * se);
    expect(rmse).toBeLessThan(1.5 * se);
  });
  it('merge is the union', () => {
    const a = new HyperLogLog(12);
    const b = new HyperLogLog(12);
    for (let n = 0; n < 10000; n++) a.add(n);
    for (let n = 5000; n < 15000; n++) b.add(n);
    expect(Math.abs(a.merge(b).count() / 15000 - 1)).toBeLessThan(3 * a.standardError);
    expect(() => new HyperLogLog(3)).toThrow(/precision p must be an integer in \[4, 16\]/);
  });
});

describe('TDigest', () => {
  const g = new Generator(2);
  const xs = Array.from({ length: 50000 }, () => -Math.log(1 - g.random())); // exponential: a long right tail
  const sorted = Float64Array.from(xs).sort();
  const rankOf = (v: number): number => {
    let lo = 0, hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid] < v) lo = mid + 1; else hi = mid;
    }
    return lo / sorted.length;
  };
  it('quantile rank errors are small, and smaller in the tails; centroids stay below δ', () => {
    const td = new TDigest(100);
    xs.forEach((x) => td.push(x));
    for (const q of [0.001, 0.01, 0.1, 0.5, 0.9, 0.99, 0.999]) {
      const err = Math.abs(rankOf(td.quantile(q)) - q);
      // Empirical bound (t-digest promises none in the worst case): scaled by q(1 − q).
      expect(err).toBeLessThan(0.002 + 0.02 * q * (1 - q));
    }
    expect(td.centroidCount).toBeLessThanOrEqual(100);
    expect(td.quantile(0)).toBe(sorted[0]);
    expect(td.quantile(1)).toBe(sorted[sorted.length - 1]);
  });
  it('merged shards agree with one digest', () => {
    const parts = [new TDigest(100), new TDigest(100), new TDigest(100)];
    xs.forEach((x, n) => parts[n % 3].push(x));
    const merged = parts[0].merge(parts[1]).merge(parts[2]);
    expect(merged.count).toBe(xs.length);
    for (const q of [0.01, 0.5, 0.99]) expect(Math.abs(rankOf(merged.quantile(q)) - q)).toBeLessThan(0.002 + 0.02 * q * (1 - q));
    expect(() => merged.quantile(1.5)).toThrow(/TDigest\.quantile: q must be in \[0, 1\]/);
  });
});

describe('bad input names the sketch and the fix', () => {
  it('rejects non-finite values, bad sizes and bad error targets', () => {
    expect(() => new TDigest().push(NaN)).toThrow(/TDigest\.push: NaN is not finite/);
    expect(() => new TDigest(5)).toThrow(/TDigest: compression must be a number >= 10/);
    expect(() => new CountMinSketch(10, 2).add('a', -1)).toThrow(/CountMinSketch\.add: count must be a finite number >= 0/);
    expect(() => CountMinSketch.fromError(0, 0.1)).toThrow(/epsilon and delta must be in \(0, 1\)/);
    expect(() => new CountMinSketch(0, 2)).toThrow(/CountMinSketch: width must be a positive integer/);
    expect(() => new HyperLogLog(12).merge(new HyperLogLog(10))).toThrow(/precisions differ/);
    expect(new TDigest().quantile(0.5)).toBeNaN();
  });
});
