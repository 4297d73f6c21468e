// The ZeRO check: the DDP test's MLP and data, Adam for 5 steps, each rank on its slice.
import { F } from '../../../src/nn/index.js';
import { Adam } from '../../../src/optim/index.js';
import { ZeroOptimizer, type DeviceMemory, type ProcessGroup } from '../../../src/distributed/index.js';
import { ROWS, STEPS, data, model } from './ddp-cases.js';

export interface ZeroResult { weights: number[][]; memory: DeviceMemory; range: [number, number] }

export async function trainZero(group: ProcessGroup, stage: 1 | 2): Promise<ZeroResult> {
  const m = model(group.rank);
  const zero = await ZeroOptimizer.create(m, group, (ps) => new Adam(ps, { lr: 0.01 }), { stage });
  const { X, Y } = data();
  const per = ROWS / group.worldSize, x = X.narrow(0, group.rank * per, per), y = Y.narrow(0, group.rank * per, per);
  for (let s = 0; s < STEPS; s++) {
    zero.zeroGrad();
    F.mseLoss(m.forward(x) as typeof x, y).backward();
    await zero.step();
  }
  return { weights: m.parameters().map((p) => [...p.toTypedArray()]), memory: zero.memory(), range: zero.range };
}
