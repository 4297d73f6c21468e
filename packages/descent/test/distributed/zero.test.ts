// ZeRO stages 1 and 2 against one device on the full batch with Adam: the same weights after
// 5 steps (2e-6 relative, as DDP), and the memory each rank holds: Adam's moments split W
// ways, and in stage 2 the gradient too.
import { describe, expect, it } from 'vitest';
import { spawn, spawnLocal, optimizerStateBytes, ZeroOptimizer } from '../../src/distributed/index.js';
import { F } from '../../src/nn/index.js';
import { Adam } from '../../src/optim/index.js';
import { data, model, trainSingle } from './ranks/ddp-cases.js';
import { trainZero, type ZeroResult } from './ranks/zero-cases.js';

const tsx = import.meta.resolve('tsx/esm/api');
const N_PARAMS = 6 * 16 + 16 + 16 * 3 + 3; // 163

function check(results: ZeroResult[], stage: 1 | 2): void {
  const one = trainSingle({ optimizer: 'adam', bucketCapMB: 25 });
  const w = results.length;
  for (const [rank, r] of results.entries()) {
    r.weights.forEach((p, i) => {
      const worst = Math.max(...p.map((v, j) => Math.abs(v - one.weights[i]![j]!) / Math.max(1, Math.abs(one.weights[i]![j]!))));
      expect(worst, `stage ${stage}, rank ${rank} of ${w}, parameter ${i}`).toBeLessThan(2e-6);
    });
    const shard = r.range[1] - r.range[0];
    expect(r.memory.parameters).toBe(4 * N_PARAMS);
    // Adam's state for the shard: two moment vectors and a step count (a number, 8 bytes).
    expect(r.memory.optimizerState).toBe(2 * 4 * shard + 8);
    expect(r.memory.gradients).toBe(stage === 1 ? 4 * N_PARAMS : 4 * shard);
  }
  expect(results.reduce((s, r) => s + r.range[1] - r.range[0], 0)).toBe(N_PARAMS);
}

describe('ZeRO optimizer and gradient sharding', () => {
  it('one device holds Adam state of twice the parameters (the baseline ZeRO divides)', () => {
    const m = model(0), opt = new Adam(m.parameters(), { lr: 0.01 }), { X, Y } = data();
    F.mseLoss(m.forward(X) as typeof X, Y).backward();
    opt.step();
    expect(optimizerStateBytes(opt)).toBe(2 * 4 * N_PARAMS + 4 * 8); // a step count per parameter tensor
  });

  for (const w of [1, 3, 4]) {
    for (const stage of [1, 2] as const) {
      it(`stage ${stage} on ${w} simulated devices: same weights as one device`, async () => {
        check(await spawnLocal(w, (g) => trainZero(g, stage)), stage);
      });
    }
  }

  it('stages 1 and 2 on 2 worker threads', async () => {
    const results = await spawn<[ZeroResult, ZeroResult]>(2, new URL('./ranks/zero-rank.ts', import.meta.url), { register: tsx });
    check(results.map((r) => r[0]), 1);
    check(results.map((r) => r[1]), 2);
  });

  it('rejects stage 3 with a clear error', async () => {
    await expect(spawnLocal(1, (g) => ZeroOptimizer.create(model(0), g, (ps) => new Adam(ps), { stage: 3 as 1 })))
      .rejects.toThrow(/ZeroOptimizer: stage must be 1 or 2 \(for stage 3 use ZeroStage3\), got 3/);
  });
});
