// ZeRO stage 3 (parameter sharding) against one device on the full batch with Adam: the same
// weights after 5 steps (2e-6 relative, as DDP and stages 1–2), and the memory each rank
// holds: every parameter, gradient and Adam moment split W ways, plus one layer gathered at a
// time.
import { describe, expect, it } from 'vitest';
import { spawn, spawnLocal, ZeroStage3, evenBounds } from '../../src/distributed/index.js';
import { Linear } from '../../src/nn/index.js';
import { Adam } from '../../src/optim/index.js';
import { trainSingle } from './ranks/ddp-cases.js';
import { trainZero3, type Zero3Result } from './ranks/zero3-cases.js';

const tsx = import.meta.resolve('tsx/esm/api');
const UNITS = [6 * 16 + 16, 16 * 3 + 3]; // the two Linear layers: 112 and 51 parameters

function check(results: Zero3Result[]): void {
  const one = trainSingle({ optimizer: 'adam', bucketCapMB: 25 });
  const w = results.length;
  for (const [rank, r] of results.entries()) {
    r.weights.forEach((p, i) => {
      const worst = Math.max(...p.map((v, j) => Math.abs(v - one.weights[i]![j]!) / Math.max(1, Math.abs(one.weights[i]![j]!))));
      expect(worst, `rank ${rank} of ${w}, parameter ${i}`).toBeLessThan(2e-6);
    });
    const shards = UNITS.map((n) => { const b = evenBounds(n, w); return b[rank + 1]! - b[rank]!; });
    expect(r.shards).toEqual(shards);
    const shard = shards.reduce((a, b) => a + b, 0);
    expect(r.memory.parameters).toBe(4 * shard);
    expect(r.memory.gradients).toBe(4 * shard);
    expect(r.memory.optimizerState).toBe(2 * 4 * shard + 2 * 8); // two moments, a step count per shard
    // At the peak one layer's full parameters and full gradient are alive: the larger layer.
    expect(r.memory.peakGathered).toBe(8 * UNITS[0]!);
    // Two all-gathers and one reduce-scatter per layer and step.
    expect(r.calls).toBe(3 * UNITS.length);
  }
}

describe('ZeRO stage 3: parameter sharding', () => {
  for (const w of [1, 3, 4]) {
    it(`on ${w} simulated devices: same weights as one device`, async () => {
      check(await spawnLocal(w, (g) => trainZero3(g)));
    });
  }

  it('on 2 worker threads', async () => {
    check(await spawn<Zero3Result>(2, new URL('./ranks/zero3-rank.ts', import.meta.url), { register: tsx }));
  });

  it('asks for a Sequential by name', async () => {
    await expect(spawnLocal(1, (g) => ZeroStage3.create(new Linear(2, 2), g, (ps) => new Adam(ps))))
      .rejects.toThrow(/ZeroStage3: the model must be a Sequential/);
  });
});
