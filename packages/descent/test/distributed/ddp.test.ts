// DistributedDataParallel against one device on the full batch: the same first-step
// gradients and the same weights after 5 steps, to 2e-6 (float32: the all-reduce sums the
// ranks' partial means in float64 where one device sums rows in float32, so the last bits
// differ). Replicas start from different seeds, so agreement needs the initial broadcast.
import { describe, expect, it } from 'vitest';
import { spawn, spawnLocal } from '../../src/distributed/index.js';
import type { Tensor } from '../../src/tensor/index.js';
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
];

describe('DistributedDataParallel', () => {
  for (const w of [2, 4]) {
    it(`on ${w} worker threads equals one device on the full batch`, async () => {
      const results = await spawn<DDPResult[]>(w, new URL('./ranks/ddp-rank.ts', import.meta.url), { args: RUNS, register: tsx });
      RUNS.forEach((args, k) => check(results.map((r) => r[k]!), args));
      expect(results[0]![0]!.callsPerSync).toBe(1);
      expect(results[0]![1]!.buckets).toBe(2);
      expect(results[0]![1]!.callsPerSync).toBe(2);
    });
  }

  for (const w of [1, 3]) {
    it(`on ${w} simulated devices equals one device`, async () => {
      for (const args of RUNS) check(await spawnLocal(w, (g) => trainDDP(g, args)), args);
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
});
