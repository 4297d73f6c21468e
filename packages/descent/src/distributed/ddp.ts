/**
 * Data parallelism, as PyTorch's `DistributedDataParallel`: every rank holds a full replica
 * of the model, runs forward and backward on its own slice of the batch, and then the
 * gradients are averaged across ranks with all-reduce, so every replica takes the same
 * optimizer step and the replicas stay identical. With equal slices and a loss that is a
 * mean over the batch, the averaged gradient is the full-batch gradient:
 * ∇ (1/B)Σᵢ ℓᵢ = (1/W) Σ_r ∇ (W/B) Σ_{i∈r} ℓᵢ.
 *
 * Gradients are all-reduced in buckets (PyTorch's default cap is 25 MB), filled in reverse
 * parameter order, the order backward produces them: one collective per bucket instead of
 * one per parameter (a bucket also ends where the dtype changes), which is what lets a real implementation overlap communication with the
 * rest of backward. Here the buckets are reduced after backward (`syncGradients`): the
 * arithmetic is the same, the overlap is not modelled.
 *
 * ```ts
 * const ddp = await DistributedDataParallel.create(model, group);   // rank 0's weights everywhere
 * F.mseLoss(ddp.forward(xShard), yShard).backward();
 * await ddp.syncGradients();                                        // grads = full-batch grads
 * opt.step();
 * ```
 */
import { Tensor } from '../tensor/index.js';
import type { Module, Parameter } from '../nn/index.js';
import type { ProcessGroup } from './process-group.js';

export interface DDPOptions {
  /** Bucket size cap in megabytes (PyTorch's `bucket_cap_mb`, default 25). */
  bucketCapMB?: number;
  /** The rank whose initial weights every replica copies (default 0). */
  broadcastFrom?: number;
}

const BYTES: Record<string, number> = { float32: 4, float64: 8 };

export class DistributedDataParallel {
  /** The parameters of each bucket, in the order they are reduced. */
  readonly buckets: Parameter[][];

  private constructor(readonly module: Module, readonly group: ProcessGroup, bucketCapMB: number) {
    const cap = bucketCapMB * 1024 * 1024;
    this.buckets = [];
    let bucket: Parameter[] = [], bytes = 0;
    for (const p of [...module.parameters()].reverse()) {
      const size = p.size * (BYTES[p.dtype] ?? 8);
      if (bucket.length > 0 && (bytes + size > cap || bucket[0]!.dtype !== p.dtype)) { this.buckets.push(bucket); bucket = []; bytes = 0; }
      bucket.push(p);
      bytes += size;
    }
    if (bucket.length > 0) this.buckets.push(bucket);
  }

  /** Wraps `module` and copies rank `broadcastFrom`'s parameters to every rank. */
  static async create(module: Module, group: ProcessGroup, options: DDPOptions = {}): Promise<DistributedDataParallel> {
    const cap = options.bucketCapMB ?? 25;
    if (!(cap > 0)) throw new RangeError(`DistributedDataParallel: bucketCapMB must be a number > 0, got ${cap}`);
    for (const p of module.parameters()) {
      if (p.dtype !== 'float32' && p.dtype !== 'float64') throw new TypeError(`DistributedDataParallel: parameters must be float32 or float64, got ${p.dtype}`);
    }
    const ddp = new DistributedDataParallel(module, group, cap);
    for (const p of module.parameters()) await group.broadcast(p.data as Float32Array | Float64Array, options.broadcastFrom ?? 0);
    return ddp;
  }

  forward(x: Tensor): Tensor {
    return this.module.forward(x) as Tensor;
  }

  /**
   * Replaces every parameter's gradient by its mean over the ranks, one all-reduce per
   * bucket. A parameter without a gradient on this rank counts as zeros (every rank must
   * take part in every bucket).
   */
  async syncGradients(): Promise<void> {
    for (const bucket of this.buckets) {
      const n = bucket.reduce((s, p) => s + p.size, 0);
      const flat = bucket[0]!.dtype === 'float32' ? new Float32Array(n) : new Float64Array(n);
      let at = 0;
      for (const p of bucket) {
        if (p.grad !== null) flat.set(p.grad.toTypedArray() as Float32Array, at);
        at += p.size;
      }
      await this.group.allReduce(flat, 'mean');
      // The averaged gradients are views into the bucket's buffer (fresh each call, so a
      // gradient kept from an earlier step is never overwritten): no second copy.
      at = 0;
      for (const p of bucket) {
        p.grad = new Tensor(flat.subarray(at, at + p.size), [...p.shape], p.dtype);
        at += p.size;
      }
    }
  }
}
