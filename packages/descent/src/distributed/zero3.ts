/**
 * ZeRO stage 3 (Rajbhandari et al., SC 2020; PyTorch's FullyShardedDataParallel): the
 * parameters themselves are sharded. Each layer with parameters (a "unit", here each child of
 * a `Sequential`) keeps only 1/W of its flat parameter vector, with the optimizer state and
 * the gradient of that shard. A unit's full parameters exist only while it runs:
 *
 * - forward: all-gather the unit's parameters, run it (no autograd graph), keep its input, free
 *   the parameters;
 * - backward, last unit first: all-gather again, recompute the unit's forward from the saved
 *   input and backpropagate the incoming gradient through it (activation checkpointing per
 *   unit, which FSDP is commonly run with), reduce-scatter the parameter gradient so this rank
 *   keeps the mean over ranks of its shard only, free the parameters and the full gradient;
 * - step: the optimizer updates the shards; nothing is gathered.
 *
 * So a rank holds the shards (1/W of parameters, gradients and optimizer state) plus, at its
 * peak, one unit's full parameters and gradient: `memory()` reports both, measured from the
 * arrays actually held. Each step costs two all-gathers and one reduce-scatter of the
 * parameters (1.5× the traffic of DDP's all-reduce). Units must be deterministic (recomputed
 * forward equals the first one): no dropout or batch-norm statistics updates.
 *
 * ```ts
 * const fsdp = await ZeroStage3.create(new Sequential(new Linear(6, 16), new ReLU(), new Linear(16, 3)), group,
 *   (shards) => new Adam(shards, { lr: 1e-2 }));
 * fsdp.zeroGrad();
 * await fsdp.forwardBackward(xShard, (out) => F.mseLoss(out, yShard));
 * fsdp.step();                        // Adam on this rank's shards
 * await fsdp.fullParameters();        // every parameter, gathered (for checking or saving)
 * ```
 */
import { noGrad, tensor, Tensor } from '../tensor/index.js';
import { Parameter, Sequential, type Module } from '../nn/index.js';
import type { Optimizer } from '../optim/index.js';
import type { ProcessGroup } from './process-group.js';
import { evenBounds } from './collectives.js';
import { optimizerStateBytes, type DeviceMemory } from './zero.js';

/** Stage 3 memory: what is held between steps, and the peak while a unit is gathered. */
export interface Stage3Memory extends DeviceMemory {
  /** Largest bytes of full (gathered) parameters plus full gradients alive at one time. */
  peakGathered: number;
}

interface Unit {
  module: Module;
  /** Parameter paths inside the unit ('weight', 'bias', 'cell.weight'), shapes and sizes. */
  names: string[];
  shapes: number[][];
  bounds: number[];
  shard: Parameter;
}

const EMPTY = (): Parameter => new Parameter(tensor(new Float32Array(0)));

function setPath(m: Module, path: string, p: Parameter): void {
  const parts = path.split('.');
  let owner = m as unknown as Record<string, unknown>;
  for (const part of parts.slice(0, -1)) owner = owner[part] as Record<string, unknown>;
  owner[parts[parts.length - 1]!] = p;
}

export class ZeroStage3 {
  readonly units: Unit[];
  readonly optimizer: Optimizer<{ lr: number }>;
  private live = 0;
  private peak = 0;

  private constructor(readonly module: Sequential, readonly group: ProcessGroup, make: (params: Tensor[]) => Optimizer<{ lr: number }>) {
    this.units = [];
    for (const child of module.children()) {
      const named = child.namedParameters();
      if (named.length === 0) continue;
      const sizes = named.map(([, p]) => p.size);
      const n = sizes.reduce((a, b) => a + b, 0);
      const flat = new Float32Array(n);
      let at = 0;
      for (const [, p] of named) { flat.set(p.toTypedArray() as Float32Array, at); at += p.size; }
      const bounds = evenBounds(n, group.worldSize);
      const unit: Unit = {
        module: child, names: named.map(([k]) => k), shapes: named.map(([, p]) => [...p.shape]), bounds,
        shard: new Parameter(tensor(flat.slice(bounds[group.rank]!, bounds[group.rank + 1]!))),
      };
      for (const k of unit.names) setPath(child, k, EMPTY()); // free the full copy
      this.units.push(unit);
    }
    this.optimizer = make(this.units.map((u) => u.shard));
  }

  /** Broadcasts rank `broadcastFrom`'s weights, then keeps this rank's shard of each layer. */
  static async create(module: Module, group: ProcessGroup, make: (params: Tensor[]) => Optimizer<{ lr: number }>, options: { broadcastFrom?: number } = {}): Promise<ZeroStage3> {
    if (!(module instanceof Sequential)) throw new TypeError('ZeroStage3: the model must be a Sequential (its children are the units gathered one at a time); wrap your layers in new Sequential(...).');
    for (const p of module.parameters()) {
      if (p.dtype !== 'float32') throw new TypeError(`ZeroStage3: parameters must be float32, got ${p.dtype}`);
      await group.broadcast(p.data as Float32Array, options.broadcastFrom ?? 0);
    }
    return new ZeroStage3(module, group, make);
  }

  private longest(u: Unit): number {
    return Math.max(...u.bounds.slice(1).map((b, i) => b - u.bounds[i]!));
  }

  /** All-gathers a unit's parameters into fresh Parameters on the module. */
  private async gather(u: Unit): Promise<Parameter[]> {
    const longest = this.longest(u);
    const padded = new Float32Array(longest);
    padded.set(u.shard.toTypedArray() as Float32Array);
    const all = await this.group.allGather(padded);
    const n = u.bounds[u.bounds.length - 1]!;
    const flat = new Float32Array(n);
    for (let r = 0; r < this.group.worldSize; r++) flat.set(all.subarray(r * longest, r * longest + u.bounds[r + 1]! - u.bounds[r]!), u.bounds[r]!);
    const params: Parameter[] = [];
    let at = 0;
    u.names.forEach((k, i) => {
      const shape = u.shapes[i]!, size = shape.reduce((a, b) => a * b, 1);
      const p = new Parameter(new Tensor(flat.slice(at, at + size), shape, 'float32'));
      setPath(u.module, k, p);
      params.push(p);
      at += size;
    });
    this.track(4 * n);
    return params;
  }

  private free(u: Unit, bytes: number): void {
    for (const k of u.names) setPath(u.module, k, EMPTY());
    this.live -= bytes;
  }

  private track(bytes: number): void {
    this.live += bytes;
    if (this.live > this.peak) this.peak = this.live;
  }

  private unitOf(m: Module): Unit | undefined {
    return this.units.find((u) => u.module === m);
  }

  /** Inference: gathers each unit in turn. */
  async forward(x: Tensor): Promise<Tensor> {
    let h = x;
    for (const child of this.module.children()) {
      const u = this.unitOf(child);
      if (u) await this.gather(u);
      h = noGrad(() => child.forward(h) as Tensor);
      if (u) this.free(u, 4 * u.bounds[u.bounds.length - 1]!);
    }
    return h;
  }

  /**
   * Forward and backward for this rank's batch; afterwards each shard's `grad` holds (adds
   * to) the mean over ranks of its slice of the gradient. Returns this rank's loss.
   */
  async forwardBackward(x: Tensor, loss: (output: Tensor) => Tensor): Promise<number> {
    const children = this.module.children();
    const inputs: Tensor[] = [];
    let h = x;
    for (const child of children) {
      inputs.push(h);
      const u = this.unitOf(child);
      if (u) await this.gather(u);
      h = noGrad(() => child.forward(h) as Tensor);
      if (u) this.free(u, 4 * u.bounds[u.bounds.length - 1]!);
    }
    const out = h.detach().requiresGrad_();
    const l = loss(out);
    l.backward();
    let g = out.grad as Tensor;
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i]!, u = this.unitOf(child);
      const xin = inputs[i]!.detach().requiresGrad_();
      const params = u ? await this.gather(u) : [];
      (child.forward(xin) as Tensor).backward(g);
      if (u) {
        const n = u.bounds[u.bounds.length - 1]!;
        const flat = new Float32Array(n);
        let at = 0;
        for (const p of params) { if (p.grad !== null) flat.set(p.grad.toTypedArray() as Float32Array, at); at += p.size; }
        this.track(4 * n); // the full gradient, alive until the reduce-scatter
        const mine = await this.group.reduceScatter(flat, 'mean');
        u.shard.grad = u.shard.grad === null ? tensor(mine) : u.shard.grad.add(tensor(mine));
        this.free(u, 8 * n);
      }
      if (i > 0) g = xin.grad as Tensor;
    }
    return l.item() as number;
  }

  /** One optimizer step on this rank's shards. */
  step(): void {
    this.optimizer.step();
  }

  zeroGrad(): void {
    for (const u of this.units) u.shard.grad = null;
  }

  /** Every parameter in full (an all-gather per unit), in the module's parameter order. */
  async fullParameters(): Promise<Float32Array[]> {
    const out: Float32Array[] = [];
    for (const u of this.units) {
      const params = await this.gather(u);
      for (const p of params) out.push(p.toTypedArray() as Float32Array);
      this.free(u, 4 * u.bounds[u.bounds.length - 1]!);
    }
    return out;
  }

  /** Bytes this rank holds between steps (parameters, gradients and optimizer state: its shards), and the peak gathered. */
  memory(): Stage3Memory {
    const bytes = (t: Tensor | null) => (t === null ? 0 : 4 * t.size);
    const parameters = this.module.parameters().reduce((s, p) => s + bytes(p), 0) + this.units.reduce((s, u) => s + bytes(u.shard), 0);
    const gradients = this.units.reduce((s, u) => s + bytes(u.shard.grad), 0);
    const optimizerState = optimizerStateBytes(this.optimizer);
    return { parameters, gradients, optimizerState, total: parameters + gradients + optimizerState, peakGathered: this.peak };
  }
}
