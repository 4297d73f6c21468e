// Collectives against the obvious one-process computation: sums of integers are exact in
// any order, so equality is exact; world sizes 1–4, odd lengths, mailboxes (5 elements)
// shorter than the messages so the segmented paths run. Once on real worker threads, once
// on simulated devices in this thread.
import { describe, expect, it } from 'vitest';
import { spawn, spawnLocal, chunkStart, initProcessGroup, type ProcessGroup } from '../../src/distributed/index.js';
import { CAPACITY, LENGTHS, rankData, runBattery, type Battery } from './ranks/collective-cases.js';

const tsx = import.meta.resolve('tsx/esm/api');

function expected(w: number, rank: number, n: number): Battery {
  const all = Array.from({ length: w }, (_, r) => rankData(r, n));
  const sum = Array.from({ length: n }, (_, i) => all.reduce((s, x) => s + x[i]!, 0));
  const lo = chunkStart(n, w, rank), hi = chunkStart(n, w, rank + 1);
  return {
    sum,
    mean: sum.map((v) => v / w),
    max: Array.from({ length: n }, (_, i) => Math.max(...all.map((x) => x[i]!))),
    bcast: [...all[w - 1]!],
    gather: all.flatMap((x) => [...x]),
    scatter: sum.slice(lo, hi),
    f32: sum.map((v) => v / 8),
  };
}

function check(w: number, results: Battery[][]): void {
  expect(results).toHaveLength(w);
  results.forEach((perLength, rank) => {
    LENGTHS.forEach((n, k) => expect(perLength[k], `w=${w} rank=${rank} n=${n}`).toEqual(expected(w, rank, n)));
  });
}

describe('collectives on worker threads', () => {
  for (const w of [1, 2, 3, 4]) {
    it(`world size ${w}`, async () => {
      const results = await spawn<Battery[]>(w, new URL('./ranks/collectives-rank.ts', import.meta.url), { capacity: CAPACITY, register: tsx });
      check(w, results);
    });
  }

  it('back-to-back short all-reduces (one meeting, alternating slots) never read a vector overwritten by the next call', async () => {
    const rounds = 3000;
    for (const w of [2, 3]) {
      const results = await spawn<{ wrong: number; last: number[] }>(w, new URL('./ranks/one-shot-rank.ts', import.meta.url), { args: { rounds }, register: tsx });
      const k = rounds - 1;
      for (const r of results) expect(r).toEqual({ wrong: 0, last: [k * w * w + (w * (w - 1)) / 2, -k * w, 1] });
    }
  });

  it('a failing rank rejects spawn with its rank and releases the others', async () => {
    await expect(spawn(3, new URL('./ranks/failing-rank.ts', import.meta.url), { register: tsx }))
      .rejects.toThrow(/rank 1 failed: .*rank 1 gives up/s);
  });

  it('each rank runs one engine thread unless threadsPerRank says otherwise', async () => {
    const url = new URL('./ranks/threads-rank.ts', import.meta.url);
    expect(await spawn<number>(2, url, { register: tsx })).toEqual([1, 1]);
    expect(await spawn<number>(2, url, { register: tsx, threadsPerRank: 3 })).toEqual([3, 3]);
    await expect(spawn(2, url, { threadsPerRank: 0 })).rejects.toThrow(/spawn: threadsPerRank must be an integer >= 1, got 0/);
  });

  it('initialHeapMB: any whole number of megabytes, 0 for V8\'s default', async () => {
    const url = new URL('./ranks/threads-rank.ts', import.meta.url);
    expect(await spawn<number>(2, url, { register: tsx, initialHeapMB: 0 })).toEqual([1, 1]);
    expect(await spawn<number>(1, url, { register: tsx, initialHeapMB: 256 })).toEqual([1]);
    await expect(spawn(2, url, { initialHeapMB: -1 })).rejects.toThrow(/spawn: initialHeapMB must be a whole number of megabytes >= 0 \(0 keeps V8's default\), got -1/);
    await expect(spawn(2, url, { initialHeapMB: 1.5 })).rejects.toThrow(/initialHeapMB must be a whole number/);
  });
});

describe('collectives on simulated devices (one thread)', () => {
  for (const w of [1, 2, 3, 4]) {
    it(`world size ${w}`, async () => {
      check(w, await spawnLocal(w, (g: ProcessGroup) => runBattery(g), { capacity: CAPACITY }));
    });
  }

  it('random floats: the ring sum matches a sequential float64 sum to rounding', async () => {
    const n = 1000, w = 4;
    const data = Array.from({ length: w }, (_, r) => Float64Array.from({ length: n }, (_, i) => Math.sin(i * 12.9898 + r * 78.233) * 1e3));
    const got = await spawnLocal(w, (g) => g.allReduce(Float64Array.from(data[g.rank]!)), { capacity: 64 });
    for (let i = 0; i < n; i++) {
      const want = data.reduce((s, x) => s + x[i]!, 0);
      for (const r of got) expect(Math.abs(r[i]! - want)).toBeLessThanOrEqual(1e-12 * 4e3);
    }
  });

  it('errors name the function and the fix', async () => {
    await expect(initProcessGroup(() => 1)).rejects.toThrow(/initProcessGroup: not in a worker started by spawn\(\)/);
    await expect(spawn(2, 'file:///nowhere.js', { capacity: 0 })).rejects.toThrow(/spawn: capacity must be a positive integer/);
    await expect(spawnLocal(0, () => 1)).rejects.toThrow(/spawnLocal: worldSize must be an integer in 1\.\.64, got 0/);
    await expect(spawnLocal(2, (g) => g.allReduce(new Float64Array(2), 'prod' as 'sum'))).rejects.toThrow(/allReduce: op must be 'sum', 'mean' or 'max'/);
    await expect(spawnLocal(2, (g) => g.broadcast(new Float64Array(2), 2))).rejects.toThrow(/broadcast: root must be a rank in 0\.\.1, got 2/);
    await expect(spawnLocal(2, async (g) => { if (g.rank === 0) throw new Error('boom'); await g.barrier(); })).rejects.toThrow('boom');
  });
});
