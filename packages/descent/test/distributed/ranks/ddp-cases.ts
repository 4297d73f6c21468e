// The DDP check, shared by the rank module (threads), the one-thread test and the
// one-device reference: a 6-16-3 MLP, 24 rows, N steps of SGD with momentum or Adam.
import { tensor, manualSeed, type Tensor } from '../../../src/tensor/index.js';
import { F, Linear, ReLU, Sequential, type Module } from '../../../src/nn/index.js';
import { Adam, SGD } from '../../../src/optim/index.js';
import { DistributedDataParallel, type ProcessGroup } from '../../../src/distributed/index.js';

export const ROWS = 24, STEPS = 5;

export interface DDPArgs {
  optimizer: 'sgd' | 'adam';
  bucketCapMB: number;
  /**
   * Split the batch by measured speed (`balance`), on a simulated clock where rank r takes
   * (r + 1)·`msPerRow` ms per row: the ranks' shares grow uneven after the first step.
   */
  balancedMsPerRow?: number;
}
export interface DDPResult { grads0: number[][]; weights: number[][]; buckets: number; callsPerSync: number; counts: number[] }

export function data(): { X: Tensor; Y: Tensor } {
  const X = Float32Array.from({ length: ROWS * 6 }, (_, i) => Math.sin(i * 1.7) * 2);
  const Y = Float32Array.from({ length: ROWS * 3 }, (_, i) => Math.cos(i * 0.9));
  return { X: tensor(X).reshape([ROWS, 6]), Y: tensor(Y).reshape([ROWS, 3]) };
}

export function model(seed: number): Module {
  manualSeed(seed);
  return new Sequential(new Linear(6, 16), new ReLU(), new Linear(16, 3));
}

function optimizer(m: Module, kind: DDPArgs['optimizer']) {
  return kind === 'sgd' ? new SGD(m.parameters(), { lr: 0.1, momentum: 0.9 }) : new Adam(m.parameters(), { lr: 0.01 });
}

const snapshot = (ts: (Tensor | null)[]) => ts.map((t) => [...(t?.toTypedArray() ?? [])]);

/** One device, the full batch. */
export function trainSingle(args: DDPArgs): DDPResult {
  const m = model(0), opt = optimizer(m, args.optimizer), { X, Y } = data();
  let grads0: number[][] = [];
  for (let s = 0; s < STEPS; s++) {
    opt.zeroGrad();
    F.mseLoss(m.forward(X) as Tensor, Y).backward();
    if (s === 0) grads0 = snapshot(m.parameters().map((p) => p.grad));
    opt.step();
  }
  return { grads0, weights: snapshot(m.parameters()), buckets: 1, callsPerSync: 1, counts: [] };
}

/** This rank's replica (seeded with its rank, so only the broadcast can make them agree), its slice of the batch. */
export async function trainDDP(group: ProcessGroup, args: DDPArgs): Promise<DDPResult> {
  const msPerRow = args.balancedMsPerRow;
  let clock = 0;
  const balance = msPerRow === undefined ? false : { now: () => clock };
  const ddp = await DistributedDataParallel.create(model(group.rank), group, { bucketCapMB: args.bucketCapMB, balance });
  const opt = optimizer(ddp.module, args.optimizer), { X, Y } = data();
  const per = ROWS / group.worldSize;
  let grads0: number[][] = [], callsPerSync = 0;
  const counts: number[] = [];
  for (let s = 0; s < STEPS; s++) {
    const { start, count } = msPerRow === undefined ? { start: group.rank * per, count: per } : ddp.batchShare(ROWS);
    counts.push(count);
    opt.zeroGrad();
    F.mseLoss(ddp.forward(X.narrow(0, start, count)), Y.narrow(0, start, count)).backward();
    if (msPerRow !== undefined) clock += count * (group.rank + 1) * msPerRow;
    const before = group.calls;
    await ddp.syncGradients();
    callsPerSync = group.calls - before;
    if (s === 0) grads0 = snapshot(ddp.module.parameters().map((p) => p.grad));
    opt.step();
  }
  return { grads0, weights: snapshot(ddp.module.parameters()), buckets: ddp.buckets.length, callsPerSync, counts };
}
