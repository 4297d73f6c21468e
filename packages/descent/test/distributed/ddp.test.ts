// DistributedDataParallel against one device on the full batch: the same first-step
// gradients and the same weights after 5 steps, to 2e-6 (float32: the all-reduce sums the
// ranks' partial means in float64 where one device sums rows in float32, so the last bits
// differ). Replicas start from different seeds, so agreement needs the initial broadcast.
import { describe, expect, it } from 'vitest';
import { balancedCounts, DistributedDataParallel, spawn, spawnLocal, type ProcessGroup } from '../../src/distributed/index.js';
import { Tensor } from '../../src/tensor/index.js';
import { F } from '../../src/nn/index.js';
import { SGD } from '../../src/optim/index.js';
import { ROWS, STEPS, data, model, trainDDP, trainSingle, type DDPArgs, type DDPResult } from './ranks/ddp-cases.js';

const tsx = import.meta.resolve('tsx/esm/api');
const TOL = 2e-6;

function close(got: number[][], want: number[][], what: string): void {
  expect(got.length).toBe(want.length);
  got.forEach((g, i) => {
    expect(g.length, what).toBe(want[i]!.length);
    const worst = Math.max(0, ...g.map((v, j) => Math.abs(v - want[i]![j]!) / Math.max(1, Math.abs(want[i]![j]!))));
    expect(worst, `${what}, parameter ${i}`).toBeLessThan(TOL);
  });
}

function check(results: DDPResult[], args: DDPArgs): void {
  const one = trainSingle(args);
  for (const [rank, r] of results.entries()) {
    close(r.grads0, one.grads0, `rank ${rank} first-step gradients`);
    close(r.weights, one.weights, `rank ${rank} weights after training`);
  }
}

const RUNS: DDPArgs[] = [
  { optimizer: 'sgd', bucketCapMB: 25 },
  // 300 bytes, filled in reverse order: [b2 12 B, W2 192 B, b1 64 B] then W1 (384 B) alone: 2 buckets.
  { optimizer: 'adam', bucketCapMB: 300 / 2 ** 20 },
  // Balanced by a simulated clock (rank r takes (r + 1) ms a row), in one bucket and in two.
  { optimizer: 'sgd', bucketCapMB: 25, balancedMsPerRow: 1 },
  { optimizer: 'adam', bucketCapMB: 300 / 2 ** 20, balancedMsPerRow: 1 },
];

/**
 * The split of 24 rows after the first step, when rank r takes (r + 1) ms a row: in
 * proportion to 1, 1/2, 1/3, … (largest remainders), the first step even.
 */
const UNEVEN: Record<number, number[]> = { 1: [24], 2: [16, 8], 3: [13, 7, 4], 4: [11, 6, 4, 3] };
const EVEN = (w: number) => Array.from({ length: w }, () => ROWS / w);

function checkCounts(results: DDPResult[], args: DDPArgs): void {
  if (args.balancedMsPerRow === undefined) return;
  const w = results.length;
  // Every step's shares tile the batch; after the first, they follow the ranks' speeds.
  for (let s = 0; s < STEPS; s++) expect(results.map((r) => r.counts[s]), `step ${s}`).toEqual(s === 0 ? EVEN(w) : UNEVEN[w]);
}

describe('DistributedDataParallel', () => {
  for (const w of [2, 4]) {
    it(`on ${w} worker threads equals one device on the full batch`, async () => {
      const results = await spawn<DDPResult[]>(w, new URL('./ranks/ddp-rank.ts', import.meta.url), { args: RUNS, register: tsx });
      RUNS.forEach((args, k) => { check(results.map((r) => r[k]!), args); checkCounts(results.map((r) => r[k]!), args); });
      expect(results[0]![0]!.callsPerSync).toBe(1);
      expect(results[0]![1]!.buckets).toBe(2);
      expect(results[0]![1]!.callsPerSync).toBe(2);
      // Balancing carries the ranks' times in the first bucket: no extra collective.
      expect(results[0]![2]!.callsPerSync).toBe(1);
      expect(results[0]![3]!.callsPerSync).toBe(2);
    });
  }

  for (const w of [1, 3]) {
    it(`on ${w} simulated devices equals one device`, async () => {
      for (const args of RUNS) {
        const results = await spawnLocal(w, (g) => trainDDP(g, args));
        check(results, args);
        checkCounts(results, args);
      }
    });
  }

  it('a replica that skips the gradient sync drifts from one device (the check can fail)', () => {
    const one = trainSingle(RUNS[0]!);
    // Without the all-reduce, rank 0 of 2 follows its half of the batch alone.
    const m = model(0), opt = new SGD(m.parameters(), { lr: 0.1, momentum: 0.9 }), { X, Y } = data();
    for (let s = 0; s < STEPS; s++) {
      opt.zeroGrad();
      F.mseLoss(m.forward(X.narrow(0, 0, ROWS / 2)) as Tensor, Y.narrow(0, 0, ROWS / 2)).backward();
      opt.step();
    }
    const drift = Math.max(...m.parameters().flatMap((p, i) => [...p.toTypedArray()].map((v, j) => Math.abs(v - one.weights[i]![j]!))));
    expect(drift).toBeGreaterThan(100 * TOL);
  });

  it('an uneven split needs the weighting: the plain mean of the ranks\' gradients is not the batch gradient', () => {
    // What syncGradients would give on 16 and 8 rows if it averaged without the weights.
    const one = trainSingle(RUNS[0]!);
    const { X, Y } = data();
    const local = [[0, 16], [16, 8]].map(([start, count]) => {
      const m = model(0);
      F.mseLoss(m.forward(X.narrow(0, start!, count!)) as Tensor, Y.narrow(0, start!, count!)).backward();
      return m.parameters().map((p) => [...p.grad!.toTypedArray()]);
    });
    const plain = local[0]!.map((g, i) => g.map((v, j) => (v + local[1]![i]![j]!) / 2));
    const weighted = local[0]!.map((g, i) => g.map((v, j) => (v * 16 + local[1]![i]![j]! * 8) / 24));
    const off = (got: number[][]) => Math.max(...got.flatMap((g, i) => g.map((v, j) => Math.abs(v - one.grads0[i]![j]!))));
    expect(off(plain)).toBeGreaterThan(100 * TOL);
    expect(off(weighted)).toBeLessThan(TOL);
  });
});

describe('balancedCounts', () => {
  it('splits in proportion to the rates, by largest remainders, summing to the batch', () => {
    expect(balancedCounts(64, [3, 1])).toEqual([48, 16]);
    expect(balancedCounts(64, [1, 1])).toEqual([32, 32]);
    expect(balancedCounts(10, [1, 1, 1])).toEqual([4, 3, 3]);   // ties: the lower rank first
    expect(balancedCounts(24, [6, 3, 2])).toEqual([13, 7, 4]);
    expect(balancedCounts(65, [2.5, 1.5])).toEqual([41, 24]);   // 40.625 and 24.375
  });

  it('keeps every rank at its floor, sharing the rest among the others', () => {
    // floor = ⌊0.25 · 64 / 2⌋ = 8; rank 1's proportional share (under 1) is raised to it.
    expect(balancedCounts(64, [100, 1])).toEqual([56, 8]);
    expect(balancedCounts(64, [100, 1], 0.5)).toEqual([48, 16]);
    expect(balancedCounts(64, [100, 1], 1)).toEqual([32, 32]);
    // Two slow ranks pinned at ⌊0.25 · 60 / 3⌋ = 5; the fast one takes the other 50.
    expect(balancedCounts(60, [1000, 1, 2])).toEqual([50, 5, 5]);
    // minShare 0 still leaves one sample, so that the rank's speed stays measured.
    expect(balancedCounts(64, [1e9, 1], 0)).toEqual([63, 1]);
  });

  it('splits evenly until every rate is known, and names bad arguments', () => {
    expect(balancedCounts(7, [NaN, NaN, NaN])).toEqual([2, 2, 3]);
    expect(balancedCounts(8, [1, 0])).toEqual([4, 4]);
    expect(balancedCounts(8, [1, Infinity])).toEqual([4, 4]);
    expect(() => balancedCounts(1, [1, 1])).toThrow(/batchSize must be an integer ≥ the number of ranks \(2\), got 1/);
    expect(() => balancedCounts(8.5, [1, 1])).toThrow(/batchSize/);
    expect(() => balancedCounts(8, [1, 1], 2)).toThrow(/minShare must be in \[0, 1\], got 2/);
    expect(() => balancedCounts(8, [])).toThrow(/rates is empty; pass one rate \(samples per second\) per rank/);
  });
});

/** Each step's rows per rank, when rank r takes `msPerRow(r, step)` ms a row on a simulated clock. */
async function sharesUnder(msPerRow: (rank: number, step: number) => number, steps: number, w = 2): Promise<number[][]> {
  const clocks = new Array<number>(w).fill(0);
  const perRank = await spawnLocal(w, async (g) => {
    const now = () => clocks[g.rank]!;
    const ddp = await DistributedDataParallel.create(model(0), g, { balance: { now } });
    const { X, Y } = data(), counts: number[] = [];
    for (let s = 0; s < steps; s++) {
      const { start, count } = ddp.batchShare(ROWS);
      F.mseLoss(ddp.forward(X.narrow(0, start, count)), Y.narrow(0, start, count)).backward();
      clocks[g.rank] = now() + count * msPerRow(g.rank, s);
      await ddp.syncGradients();
      counts.push(count);
    }
    return counts;
  });
  return Array.from({ length: steps }, (_, s) => perRank.map((c) => c[s]!));
}

describe('DistributedDataParallel balance: the split over time', () => {
  it('ignores a one-step stall (the median of 5 steps) and follows a lasting slowdown', async () => {
    // Rank 1 stalls 5× at step 3, then from step 8 on runs at 2 ms a row for good.
    const shares = await sharesUnder((r, s) => (r === 0 ? 1 : s === 3 ? 5 : s >= 8 ? 2 : 1), 14);
    for (let s = 0; s <= 10; s++) expect(shares[s], `step ${s}`).toEqual([12, 12]);
    // Steps 8, 9, 10 slow: from step 11 three of the last five are, and the median moves.
    for (let s = 11; s < 14; s++) expect(shares[s], `step ${s}`).toEqual([16, 8]);
  });

  it('keeps the split through differences under the threshold (5%)', async () => {
    // 10% slower: [13, 11] would predict max(13, 11·1.1 = 12.1) = 13 ms against 13.2 ms, 1.5% faster.
    expect(await sharesUnder((r) => (r === 1 ? 1.1 : 1), 8)).toEqual(new Array(8).fill([12, 12]));
    // 20% slower: [13, 11] predicts max(13, 11·1.2 = 13.2) = 13.2 ms against 14.4 ms, 9% faster.
    expect((await sharesUnder((r) => (r === 1 ? 1.2 : 1), 4)).slice(1)).toEqual(new Array(3).fill([13, 11]));
  });
});

describe('DistributedDataParallel balance: errors', () => {
  it('names a call out of order, a bad batch size and bad options', async () => {
    await spawnLocal(1, async (g) => {
      const plain = await DistributedDataParallel.create(model(0), g);
      expect(() => plain.batchShare(8)).toThrow(/balancing is off; create the wrapper with \{ balance: true \}/);
      const ddp = await DistributedDataParallel.create(model(0), g, { balance: true });
      await expect(ddp.syncGradients()).rejects.toThrow(/call batchShare\(batchSize\) before every syncGradients\(\)/);
      expect(() => ddp.batchShare(0)).toThrow(/batchSize must be an integer ≥ the number of ranks \(1\), got 0/);
      await expect(DistributedDataParallel.create(model(0), g, { balance: { window: 0 } })).rejects.toThrow(/balance.window must be an integer ≥ 1, got 0/);
      await expect(DistributedDataParallel.create(model(0), g, { balance: { threshold: -0.1 } })).rejects.toThrow(/balance.threshold must be a number ≥ 0, got -0.1/);
      await expect(DistributedDataParallel.create(model(0), g, { balance: { minShare: -1 } })).rejects.toThrow(/balance.minShare must be in \[0, 1\], got -1/);
      await expect(DistributedDataParallel.create(model(0), g, { balance: 'yes' as unknown as boolean })).rejects.toThrow(/balance must be true, false or/);
    });
  });

  it('refuses ranks that disagree on balance, on every rank', async () => {
    const errors = await spawnLocal(2, async (g) => {
      try {
        await DistributedDataParallel.create(model(0), g, { balance: g.rank === 0 });
        return 'created';
      } catch (e) {
        return (e as Error).message;
      }
    });
    for (const m of errors) expect(m).toMatch(/balance is on in 1 of 2 ranks; pass the same balance option on every rank/);
  });

  it('refuses ranks whose balance options or batch sizes differ, on every rank', async () => {
    const message = async (fn: (g: ProcessGroup) => Promise<unknown>) => spawnLocal(2, async (g) => {
      try {
        await fn(g);
        return 'no error';
      } catch (e) {
        return (e as Error).message;
      }
    });
    // Different windows would give different splits: rows counted twice or not at all.
    for (const m of await message((g) => DistributedDataParallel.create(model(0), g, { balance: { window: 3 + g.rank } }))) {
      expect(m).toMatch(/the ranks passed different balance options \(window, threshold, minShare\)/);
    }
    for (const m of await message(async (g) => {
      const ddp = await DistributedDataParallel.create(model(0), g, { balance: true });
      const { X, Y } = data();
      const { start, count } = ddp.batchShare(g.rank === 0 ? 24 : 12);
      F.mseLoss(ddp.forward(X.narrow(0, start, count)), Y.narrow(0, start, count)).backward();
      await ddp.syncGradients();
    })) {
      expect(m).toMatch(/the ranks called batchShare with different batch sizes \(24, 12\); every rank must pass the same global batch size/);
    }
  });
});
