// The ZeRO stage 3 check: the DDP test's 6-16-3 MLP and data, Adam for 5 steps, each rank on
// its slice of the batch, parameters sharded layer by layer.
import { F } from '../../../src/nn/index.js';
import { Adam } from '../../../src/optim/index.js';
import { ZeroStage3, type ProcessGroup, type Stage3Memory } from '../../../src/distributed/index.js';
import { ROWS, STEPS, data, model } from './ddp-cases.js';

export interface Zero3Result { weights: number[][]; memory: Stage3Memory; shards: number[]; calls: number }

export async function trainZero3(group: ProcessGroup): Promise<Zero3Result> {
  const fsdp = await ZeroStage3.create(model(group.rank), group, (ps) => new Adam(ps, { lr: 0.01 }));
  const { X, Y } = data();
  const per = ROWS / group.worldSize, x = X.narrow(0, group.rank * per, per), y = Y.narrow(0, group.rank * per, per);
  let calls = 0;
  for (let s = 0; s < STEPS; s++) {
    fsdp.zeroGrad();
    const before = group.calls;
    await fsdp.forwardBackward(x, (out) => F.mseLoss(out, y));
    calls = group.calls - before;
    fsdp.step();
  }
  const memory = fsdp.memory();
  const weights = (await fsdp.fullParameters()).map((w) => [...w]);
  return { weights, memory, shards: fsdp.units.map((u) => u.shard.size), calls };
}
