// The tensor-parallel check: a replicated Linear(5,6), then the Megatron MLP
// Linear(6,10) → ReLU → Linear(10,4) sharded over the ranks (10 hidden units: uneven
// shards for 3 and 4 ranks), against the same network on one device.
import { tensor, manualSeed, type Tensor } from '../../../src/tensor/index.js';
import { F, Linear } from '../../../src/nn/index.js';
import { ColumnParallelLinear, RowParallelLinear, type ProcessGroup } from '../../../src/distributed/index.js';

export interface TPResult { y: number[]; grads: Record<string, number[]>; ranges: [number, number][] }

function setup() {
  manualSeed(3);
  const pre = new Linear(5, 6), fc1 = new Linear(6, 10), fc2 = new Linear(10, 4);
  const x = tensor(Float32Array.from({ length: 35 }, (_, i) => Math.sin(i * 0.7))).reshape([7, 5]);
  const t = tensor(Float32Array.from({ length: 28 }, (_, i) => Math.cos(i * 1.3))).reshape([7, 4]);
  return { pre, fc1, fc2, x, t };
}

const arr = (t: Tensor | null) => [...(t?.toTypedArray() ?? [])];

export function fullModel(): TPResult {
  const { pre, fc1, fc2, x, t } = setup();
  const y = fc2.forward(fc1.forward(pre.forward(x)).relu());
  F.mseLoss(y, t).backward();
  return {
    y: arr(y), ranges: [],
    grads: { pre: arr(pre.weight.grad), fc1w: arr(fc1.weight.grad), fc1b: arr(fc1.bias!.grad), fc2w: arr(fc2.weight.grad), fc2b: arr(fc2.bias!.grad) },
  };
}

export async function shardedModel(group: ProcessGroup): Promise<TPResult> {
  const { pre, fc1, fc2, x, t } = setup();
  const col = ColumnParallelLinear.fromLinear(fc1, group), row = RowParallelLinear.fromLinear(fc2, group);
  const y = await row.forward(col.forward(pre.forward(x)).relu());
  F.mseLoss(y, t).backward();
  await col.backwardInput();
  return {
    y: arr(y), ranges: [col.range, row.range],
    grads: { pre: arr(pre.weight.grad), fc1w: arr(col.weight.grad), fc1b: arr(col.bias!.grad), fc2w: arr(row.weight.grad), fc2b: arr(row.bias!.grad) },
  };
}
