// The pipeline check: four blocks (4→8→8→8→3) cut into S contiguous stages, a batch of 8
// rows in M micro-batches, against the whole model on one device.
import { tensor, manualSeed, type Tensor } from '../../../src/tensor/index.js';
import { F, Linear, ReLU, Sequential, type Module } from '../../../src/nn/index.js';
import { chunkStart, pipelineStep, type PipelineSchedule, type PipelineStats, type ProcessGroup } from '../../../src/distributed/index.js';

export interface PipeArgs { schedule: PipelineSchedule; microBatches: number }
export interface PipeResult { loss: number | null; grads: number[][]; blocks: [number, number]; stats: PipelineStats }

export function blocks(): Module[] {
  manualSeed(11);
  return [new Sequential(new Linear(4, 8), new ReLU()), new Sequential(new Linear(8, 8), new ReLU()), new Sequential(new Linear(8, 8), new ReLU()), new Linear(8, 3)];
}

export function batch(): { x: Tensor; y: Tensor } {
  return {
    x: tensor(Float32Array.from({ length: 32 }, (_, i) => Math.sin(i * 0.37))).reshape([8, 4]),
    y: tensor(Float32Array.from({ length: 24 }, (_, i) => Math.cos(i * 0.51))).reshape([8, 3]),
  };
}

const grads = (ms: Module[]) => ms.flatMap((m) => m.parameters().map((p) => [...(p.grad?.toTypedArray() ?? [])]));

export function wholeModel(): { loss: number; grads: number[][] } {
  const bs = blocks(), { x, y } = batch();
  const loss = F.mseLoss(new Sequential(...bs).forward(x), y);
  loss.backward();
  return { loss: Number(loss.item()), grads: grads(bs) };
}

export async function pipelineRank(group: ProcessGroup, args: PipeArgs): Promise<PipeResult> {
  const bs = blocks(), { x, y } = batch();
  const lo = chunkStart(bs.length, group.worldSize, group.rank), hi = chunkStart(bs.length, group.worldSize, group.rank + 1);
  const mine = bs.slice(lo, hi);
  const { loss, stats } = await pipelineStep(group, new Sequential(...mine), {
    ...args, input: x, target: y, loss: (out, t) => F.mseLoss(out, t),
  });
  return { loss, grads: grads(mine), blocks: [lo, hi], stats };
}
