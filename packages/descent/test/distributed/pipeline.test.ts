// Pipeline parallelism: the stages' accumulated gradients and the batch loss equal one device
// on the whole batch (1e-6 absolute: float32, micro-batch sums in another order), and the
// bubble and activation counts measured from the lock-step run match the schedules' theory:
// bubble (S−1)/(M+S−1) for both, peak activations M (GPipe) against S−s (1F1B) on stage s.
import { describe, expect, it } from 'vitest';
import { pipelineOrder, spawn, spawnLocal, type PipelineSchedule } from '../../src/distributed/index.js';
import { pipelineRank, wholeModel, type PipeArgs, type PipeResult } from './ranks/pipeline-cases.js';

const tsx = import.meta.resolve('tsx/esm/api');

function check(results: PipeResult[], args: PipeArgs): void {
  const one = wholeModel(), S = results.length, M = args.microBatches;
  const perBlock = 2; // weight and bias
  for (const [s, r] of results.entries()) {
    const want = one.grads.slice(r.blocks[0] * perBlock, r.blocks[1] * perBlock);
    expect(r.grads.length).toBe(want.length);
    r.grads.forEach((g, i) => g.forEach((v, j) => expect(Math.abs(v - want[i]![j]!), `S=${S} M=${M} ${args.schedule} stage ${s}`).toBeLessThan(1e-6)));
    expect(r.stats.ticks).toBe(2 * (M + S - 1));
    expect(r.stats.busyTicks).toBe(2 * M);
    expect(r.stats.bubbleFraction).toBeCloseTo((S - 1) / (M + S - 1), 12);
    expect(r.stats.peakActivations).toBe(args.schedule === 'gpipe' ? M : Math.min(S - s, M));
  }
  expect(Math.abs(results[S - 1]!.loss! - one.loss)).toBeLessThan(1e-6);
  for (const r of results.slice(0, -1)) expect(r.loss).toBeNull();
}

const schedules: PipelineSchedule[] = ['gpipe', '1f1b'];

describe('pipeline parallelism', () => {
  it('1F1B order: warm-up forwards, alternation, drain (stage 0 of 4, 6 micro-batches)', () => {
    const order = pipelineOrder('1f1b', 0, 4, 6).map((a) => `${a.kind}${a.micro}`).join(' ');
    expect(order).toBe('F0 F1 F2 F3 B0 F4 B1 F5 B2 B3 B4 B5');
    expect(pipelineOrder('1f1b', 3, 4, 2).map((a) => `${a.kind}${a.micro}`).join(' ')).toBe('F0 B0 F1 B1');
  });

  for (const S of [1, 2, 3, 4]) {
    for (const schedule of schedules) {
      it(`${schedule}, ${S} simulated stages, M = 1, 2, 4, 8: gradients, loss, bubble, memory`, async () => {
        for (const M of [1, 2, 4, 8]) {
          const args = { schedule, microBatches: M };
          check(await spawnLocal(S, (g) => pipelineRank(g, args)), args);
        }
      });
    }
  }

  it('GPipe and 1F1B on 4 worker threads', async () => {
    const runs: PipeArgs[] = [{ schedule: 'gpipe', microBatches: 4 }, { schedule: '1f1b', microBatches: 8 }];
    const results = await spawn<PipeResult[]>(4, new URL('./ranks/pipeline-rank.ts', import.meta.url), { args: runs, register: tsx });
    runs.forEach((args, k) => check(results.map((r) => r[k]!), args));
  });
});
