/**
 * ZeRO-style sharding (Rajbhandari et al., "ZeRO: Memory Optimizations Toward Training
 * Trillion Parameter Models", SC 2020). Data parallelism keeps W full copies of everything;
 * Adam's two moment buffers alone are twice the model. ZeRO cuts the flat parameter vector
 * into W shards and gives rank r the optimizer state of shard r only:
 *
 * - stage 1 (optimizer state): gradients are all-reduced as in DDP, each rank updates its
 *   shard with its shard of the state, and the updated shards are all-gathered.
 * - stage 2 (+ gradients): the all-reduce becomes a reduce-scatter, so each rank receives,
 *   and keeps, only its shard of the averaged gradient; the full gradients are dropped.
 *
 * Adam and SGD update each element from that element's gradient and state alone, so the
 * sharded update is the unsharded one, element for element. Stage 3 (sharding the
 * parameters themselves, gathered layer by layer) is `ZeroStage3` in `zero3.ts`.
 *
 * ```ts
 * const zero = await ZeroOptimizer.create(model, group, (ps) => new Adam(ps, { lr: 1e-3 }), { stage: 2 });
 * F.mseLoss(model.forward(xShard), yShard).backward();
 * await zero.step();       // reduce-scatter, Adam on this rank's shard, all-gather
 * zero.memory();           // { parameters, gradients, optimizerState } bytes on this rank
 * ```
 */
import { Tensor, tensor } from '../tensor/index.js';
import { Parameter, type Module } from '../nn/index.js';
import type { Optimizer } from '../optim/index.js';
import type { ProcessGroup } from './process-group.js';
import { evenBounds } from './collectives.js';

export interface ZeroOptions { stage?: 1 | 2; broadcastFrom?: number }

/** Bytes a device holds, by kind. */
export interface DeviceMemory { parameters: number; gradients: number; optimizerState: number; total: number }

const bytesOf = (t: Tensor | null) => (t === null ? 0 : t.size * (t.dtype === 'float64' ? 8 : 4));

/**
 * Bytes of an optimizer's state, counted from its `stateDict()` (tensors by size, numbers as 8).
 *
 * ```ts
 * optimizerStateBytes(adam);   // after one step on n float32 parameters in k tensors: 8n + 8k
 * ```
 */
export function optimizerStateBytes(opt: Optimizer<{ lr: number }>): number {
  let n = 0;
  for (const s of Object.values(opt.stateDict().state)) {
    for (const v of Object.values(s)) n += typeof v === 'number' ? 8 : bytesOf(v);
  }
  return n;
}

export class ZeroOptimizer {
  readonly stage: 1 | 2;
  /** This rank's slice [lo, hi) of the flat parameter vector, and the optimizer over it. */
  readonly range: [number, number];
  readonly optimizer: Optimizer<{ lr: number }>;
  private readonly shard: Parameter;
  private readonly bounds: number[];
  private readonly params: Parameter[];

  private constructor(readonly module: Module, readonly group: ProcessGroup, make: (params: Tensor[]) => Optimizer<{ lr: number }>, stage: 1 | 2) {
    this.stage = stage;
    this.params = module.parameters();
    const n = this.params.reduce((s, p) => s + p.size, 0);
    this.bounds = evenBounds(n, group.worldSize);
    this.range = [this.bounds[group.rank]!, this.bounds[group.rank + 1]!];
    this.shard = new Parameter(tensor(this.flat('params').slice(...this.range)));
    this.optimizer = make([this.shard]);
  }

  /** Broadcasts rank `broadcastFrom`'s weights, then builds the optimizer over this rank's shard. */
  static async create(module: Module, group: ProcessGroup, make: (params: Tensor[]) => Optimizer<{ lr: number }>, options: ZeroOptions = {}): Promise<ZeroOptimizer> {
    const stage = options.stage ?? 1;
    if (stage !== 1 && stage !== 2) throw new RangeError(`ZeroOptimizer: stage must be 1 or 2 (for stage 3 use ZeroStage3), got ${String(stage)}`);
    for (const p of module.parameters()) {
      if (p.dtype !== 'float32') throw new TypeError(`ZeroOptimizer: parameters must be float32 (one flat vector), got ${p.dtype}`);
      await group.broadcast(p.data as Float32Array, options.broadcastFrom ?? 0);
    }
    return new ZeroOptimizer(module, group, make, stage);
  }

  private flat(what: 'params' | 'grads'): Float32Array {
    const out = new Float32Array(this.bounds[this.bounds.length - 1]!);
    let at = 0;
    for (const p of this.params) {
      const t = what === 'params' ? p : p.grad;
      if (t !== null) out.set(t.toTypedArray() as Float32Array, at);
      at += p.size;
    }
    return out;
  }

  /**
   * Averages the gradients over the ranks (stage 1: all-reduce; stage 2: reduce-scatter),
   * steps this rank's shard, and all-gathers the new weights into every replica.
   */
  async step(): Promise<void> {
    const [lo, hi] = this.range;
    const grads = this.flat('grads');
    let mine: Float32Array;
    if (this.stage === 1) {
      await this.group.allReduce(grads, 'mean');
      mine = grads.slice(lo, hi);
      let at = 0;
      for (const p of this.params) { p.grad = new Tensor(grads.slice(at, at + p.size), [...p.shape], 'float32'); at += p.size; }
    } else {
      mine = await this.group.reduceScatter(grads, 'mean');
      for (const p of this.params) p.grad = null; // stage 2 keeps only its shard of the gradient
    }
    this.shard.grad = tensor(mine);
    this.optimizer.step();
    if (this.stage === 1) this.shard.grad = null; // the full averaged gradient is still held in p.grad
    // Shards differ in length by at most one: pad to the longest for the all-gather.
    const longest = Math.max(...this.bounds.slice(1).map((b, i) => b - this.bounds[i]!));
    const padded = new Float32Array(longest);
    padded.set(this.shard.toTypedArray() as Float32Array);
    const all = await this.group.allGather(padded);
    let at = 0, r = 0, inShard = 0;
    for (const p of this.params) {
      const data = p.data as Float32Array;
      for (let i = 0; i < p.size; i++, at++) {
        while (at >= this.bounds[r + 1]!) { r++; inShard = 0; }
        data[i] = all[r * longest + inShard++]!;
      }
    }
  }

  zeroGrad(): void {
    this.module.zeroGrad();
    this.shard.grad = null;
  }

  /** Bytes this rank holds now: replicated parameters, the gradients it keeps, and its optimizer state. */
  memory(): DeviceMemory {
    const parameters = this.params.reduce((s, p) => s + bytesOf(p), 0);
    const gradients = this.params.reduce((s, p) => s + bytesOf(p.grad), 0) + bytesOf(this.shard.grad);
    const optimizerState = optimizerStateBytes(this.optimizer);
    return { parameters, gradients, optimizerState, total: parameters + gradients + optimizerState };
  }
}
