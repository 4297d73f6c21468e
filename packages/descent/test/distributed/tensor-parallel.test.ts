// The Megatron-sharded MLP against the unsharded one: the same output on every rank, and
// each rank's weight gradients equal to its slice of the full gradients; the replicated
// layer before it gets the full gradient only through the all-reduce of dL/dX (f's backward).
// Tolerance 1e-6 absolute: float32, partial sums in a different order.
import { describe, expect, it } from 'vitest';
import { spawn, spawnLocal, ColumnParallelLinear, RowParallelLinear } from '../../src/distributed/index.js';
import { manualSeed, zeros } from '../../src/tensor/index.js';
import { F, Linear } from '../../src/nn/index.js';
import { fullModel, shardedModel, type TPResult } from './ranks/tp-cases.js';

const tsx = import.meta.resolve('tsx/esm/api');
const TOL = 1e-6;

function near(got: number[], want: number[], what: string): void {
  expect(got.length, what).toBe(want.length);
  const worst = Math.max(0, ...got.map((v, i) => Math.abs(v - want[i]!)));
  expect(worst, what).toBeLessThan(TOL);
}

function check(results: TPResult[]): void {
  const full = fullModel();
  const w = results.length;
  let rowsSeen = 0;
  for (const [rank, r] of results.entries()) {
    const [[lo, hi], [clo, chi]] = r.ranges as [[number, number], [number, number]];
    expect([clo, chi]).toEqual([lo, hi]);
    rowsSeen += hi - lo;
    near(r.y, full.y, `rank ${rank} of ${w}: output`);
    near(r.grads.pre!, full.grads.pre!, `rank ${rank}: the replicated layer's gradient`);
    near(r.grads.fc1w!, full.grads.fc1w!.slice(lo * 6, hi * 6), `rank ${rank}: column shard's weight gradient`);
    near(r.grads.fc1b!, full.grads.fc1b!.slice(lo, hi), `rank ${rank}: column shard's bias gradient`);
    const cols = full.grads.fc2w!.filter((_, i) => i % 10 >= lo && i % 10 < hi);
    near(r.grads.fc2w!, cols, `rank ${rank}: row shard's weight gradient`);
    near(r.grads.fc2b!, full.grads.fc2b!, `rank ${rank}: row layer's bias gradient`);
  }
  expect(rowsSeen).toBe(10);
}

describe('tensor parallelism (Megatron MLP)', () => {
  for (const w of [1, 2, 3, 4]) {
    it(`${w} simulated devices: same output and gradients as one device`, async () => {
      check(await spawnLocal(w, shardedModel));
    });
  }

  it('2 worker threads: same output and gradients as one device', async () => {
    check(await spawn<TPResult>(2, new URL('./ranks/tp-rank.ts', import.meta.url), { register: tsx }));
  });

  it('before backwardInput() the layer below has no gradient: f is an explicit step', async () => {
    const [gradBefore] = await spawnLocal(2, async (g) => {
      manualSeed(0);
      const pre = new Linear(5, 6), col = new ColumnParallelLinear(6, 4, g);
      F.mseLoss(col.forward(pre.forward(zeros([3, 5]).add(1))), zeros([3, 2])).backward();
      const before = pre.weight.grad;
      await col.backwardInput();
      expect(pre.weight.grad).not.toBeNull();
      return before;
    });
    expect(gradBefore).toBeNull();
  });

  it('errors name the layer and the fix', async () => {
    await expect(spawnLocal(4, (g) => new ColumnParallelLinear(6, 3, g))).rejects.toThrow(/ColumnParallelLinear: outFeatures \(3\) must be at least the world size \(4\)/);
    await expect(spawnLocal(2, (g) => new RowParallelLinear(0, 3, g))).rejects.toThrow(/RowParallelLinear: inFeatures must be a positive integer, got 0/);
    await expect(spawnLocal(2, async (g) => new RowParallelLinear(6, 3, g).forward(zeros([2, 6]))))
      .rejects.toThrow(/RowParallelLinear: expected input \(B, 3\)/);
  });
});
