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
import { chunkStart } from './collectives.js';
import { median } from '../stats/descriptive/quantile.js';

export interface DDPOptions {
  /** Bucket size cap in megabytes (PyTorch's `bucket_cap_mb`, default 25). */
  bucketCapMB?: number;
  /** The rank whose initial weights every replica copies (default 0). */
  broadcastFrom?: number;
  /**
   * Split each batch across the ranks by their measured speed (`batchShare`) instead of
   * evenly; `true` takes the defaults of `BalanceOptions`. Every rank must pass the same.
   * Speed is rows per second, which assumes a step's time grows with its rows: for a model
   * so small that a fixed cost per step dominates, leave it off (the shares would drift to
   * the `minShare` floor without making steps shorter).
   */
  balance?: boolean | BalanceOptions;
}

export interface BalanceOptions {
  /**
   * How many of its latest steps a rank's speed is the median of (default 5): a stall of a
   * step or two (a garbage collection, a compile) does not move the split, a slower phase of
   * the core does, within a few steps.
   */
  window?: number;
  /**
   * How much shorter (as a fraction) the slowest rank's predicted time must get before the
   * split changes (default 0.05): ranks of equal speed keep equal shares through the noise
   * of their timings.
   */
  threshold?: number;
  /**
   * The smallest share a rank keeps, as a fraction of an even share, in [0, 1] (default
   * 0.25); at least one sample, so that every rank's speed stays measured.
   */
  minShare?: number;
  /** The clock, in milliseconds (default `performance.now`); tests pass a simulated one. */
  now?: () => number;
}

/** This rank's part of a global batch: rows `[start, start + count)`. */
export interface BatchShare { start: number; count: number }

/**
 * Splits `batchSize` samples across ranks in proportion to `rates` (samples per second),
 * every rank keeping at least `max(1, ⌊minShare · batchSize / W⌋)`; the counts sum to
 * `batchSize` (largest remainders, ties to the lower rank). Rates that are not all finite
 * and positive give the even split of `evenBounds`.
 *
 * ```ts
 * balancedCounts(64, [3, 1]);        // [48, 16]
 * balancedCounts(64, [100, 1], 0.5); // [48, 16]: rank 1 keeps half an even share
 * ```
 */
export function balancedCounts(batchSize: number, rates: ArrayLike<number>, minShare = 0.25): number[] {
  const W = rates.length;
  if (W === 0) throw new RangeError('balancedCounts: rates is empty; pass one rate (samples per second) per rank');
  if (!Number.isInteger(batchSize) || batchSize < W) throw new RangeError(`balancedCounts: batchSize must be an integer ≥ the number of ranks (${W}), got ${batchSize}`);
  if (!(minShare >= 0 && minShare <= 1)) throw new RangeError(`balancedCounts: minShare must be in [0, 1], got ${minShare}`);
  const r = Array.from(rates);
  if (!r.every((x) => Number.isFinite(x) && x > 0)) return Array.from({ length: W }, (_, i) => chunkStart(batchSize, W, i + 1) - chunkStart(batchSize, W, i));
  const floor = Math.max(1, Math.floor((minShare * batchSize) / W));
  // Water-filling: ranks whose proportional share falls below the floor get the floor, and
  // the rest is shared again among the others.
  const pinned = new Array<boolean>(W).fill(false);
  let ideal: number[];
  for (;;) {
    const free = r.filter((_, i) => !pinned[i]).reduce((a, b) => a + b, 0);
    const left = batchSize - floor * pinned.filter(Boolean).length;
    ideal = r.map((x, i) => (pinned[i] ? floor : (left * x) / free));
    const low = ideal.map((x, i) => !pinned[i] && x < floor);
    if (!low.some(Boolean)) break;
    low.forEach((l, i) => { if (l) pinned[i] = true; });
  }
  const counts = ideal.map((x) => Math.floor(x));
  let rest = batchSize - counts.reduce((a, b) => a + b, 0);
  const order = ideal.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) { if (rest === 0) break; counts[i]!++; rest--; }
  return counts;
}

const BYTES: Record<string, number> = { float32: 4, float64: 8 };

/** The running state of `balance`: each rank's speed, and this step's split. */
interface Balance {
  window: number;
  threshold: number;
  minShare: number;
  now: () => number;
  /** The split in use, kept until a new one is predicted to be `threshold` faster. */
  split: { batchSize: number; counts: number[] } | null;
  /** Samples per second of each rank in its latest `window` steps, oldest first. */
  history: number[][];
  /** The split of this step, from `batchShare` until `syncGradients`. */
  step: { batchSize: number; counts: number[]; started: number } | null;
}

function balanceOptions(o: DDPOptions['balance']): Omit<Balance, 'history' | 'step' | 'split'> | null {
  if (o === undefined || o === false) return null;
  if (o !== true && (typeof o !== 'object' || o === null)) throw new TypeError(`DistributedDataParallel: balance must be true, false or { window, threshold, minShare, now }, got ${String(o)}`);
  const { window = 5, threshold = 0.05, minShare = 0.25, now = () => performance.now() } = o === true ? {} : o;
  if (!Number.isInteger(window) || window < 1) throw new RangeError(`DistributedDataParallel: balance.window must be an integer ≥ 1, got ${window}`);
  if (!(threshold >= 0 && threshold < Infinity)) throw new RangeError(`DistributedDataParallel: balance.threshold must be a number ≥ 0, got ${threshold}`);
  if (!(minShare >= 0 && minShare <= 1)) throw new RangeError(`DistributedDataParallel: balance.minShare must be in [0, 1], got ${minShare}`);
  if (typeof now !== 'function') throw new TypeError('DistributedDataParallel: balance.now must be a function returning milliseconds');
  return { window, threshold, minShare, now };
}

export class DistributedDataParallel {
  /** The parameters of each bucket, in the order they are reduced. */
  readonly buckets: Parameter[][];
  private readonly balance: Balance | null;

  private constructor(readonly module: Module, readonly group: ProcessGroup, bucketCapMB: number, balance: Omit<Balance, 'history' | 'step' | 'split'> | null) {
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
    this.balance = balance === null ? null : { ...balance, history: Array.from({ length: group.worldSize }, () => []), step: null, split: null };
  }

  /** Wraps `module` and copies rank `broadcastFrom`'s parameters to every rank. */
  static async create(module: Module, group: ProcessGroup, options: DDPOptions = {}): Promise<DistributedDataParallel> {
    const cap = options.bucketCapMB ?? 25;
    if (!(cap > 0)) throw new RangeError(`DistributedDataParallel: bucketCapMB must be a number > 0, got ${cap}`);
    for (const p of module.parameters()) {
      if (p.dtype !== 'float32' && p.dtype !== 'float64') throw new TypeError(`DistributedDataParallel: parameters must be float32 or float64, got ${p.dtype}`);
    }
    const balance = balanceOptions(options.balance);
    const ddp = new DistributedDataParallel(module, group, cap, balance);
    for (const p of module.parameters()) await group.broadcast(p.data as Float32Array | Float64Array, options.broadcastFrom ?? 0);
    if (group.worldSize > 1) {
      // Balancing adds values to the first bucket's all-reduce, and every rank must compute
      // the same split: ranks that disagree would meet with different lengths or cut the
      // batch differently. Every rank learns here whether all agree.
      const mine = balance === null ? [0, 0, 0, 0] : [1, balance.window, balance.threshold, balance.minShare];
      const all = await group.allGather(Float64Array.from(mine));
      const on = Array.from({ length: group.worldSize }, (_, r) => all[4 * r]!).reduce((a, x) => a + x, 0);
      if (on !== 0 && on !== group.worldSize) throw new Error(`DistributedDataParallel: balance is on in ${on} of ${group.worldSize} ranks; pass the same balance option on every rank`);
      if (on !== 0 && all.some((x, i) => x !== all[i % 4])) throw new Error('DistributedDataParallel: the ranks passed different balance options (window, threshold, minShare); pass the same on every rank');
    }
    return ddp;
  }

  forward(x: Tensor): Tensor {
    return this.module.forward(x) as Tensor;
  }

  /**
   * With `balance`, this rank's part of the next global batch of `batchSize` samples, in
   * proportion to each rank's speed over the last steps (an even split on the first step;
   * the split in use stays until a new one is predicted to be `threshold` faster);
   * the clock runs from here to `syncGradients`, which weights each rank's gradient by its
   * share of the samples. Every rank computes the same split from the same timings, so
   * the parts tile the batch: rank 0 takes the first rows, rank 1 the next, and so on.
   *
   * ```ts
   * const { start, count } = ddp.batchShare(64);
   * F.crossEntropy(ddp.forward(X.narrow(0, at + start, count)), y.narrow(0, at + start, count)).backward();
   * await ddp.syncGradients();   // grads = the full batch's mean gradient
   * ```
   */
  batchShare(batchSize: number): BatchShare {
    const b = this.balance;
    if (b === null) throw new Error('DistributedDataParallel.batchShare: balancing is off; create the wrapper with { balance: true }');
    if (!Number.isInteger(batchSize) || batchSize < this.group.worldSize) {
      throw new RangeError(`DistributedDataParallel.batchShare: batchSize must be an integer ≥ the number of ranks (${this.group.worldSize}), got ${batchSize}`);
    }
    const rates = b.history.map((h) => (h.length === 0 ? NaN : median(h))); // NaN: no step timed yet
    let counts = balancedCounts(batchSize, rates, b.minShare);
    const kept = b.split;
    if (kept !== null && kept.batchSize === batchSize && rates.every((x) => x > 0 && x < Infinity)) {
      // The slowest rank's predicted time: keep the current split unless the new one gains enough.
      const time = (c: number[]) => Math.max(...c.map((n, r) => n / rates[r]!));
      if (time(kept.counts) <= (1 + b.threshold) * time(counts)) counts = kept.counts;
    }
    b.split = { batchSize, counts };
    let start = 0;
    for (let r = 0; r < this.group.rank; r++) start += counts[r]!;
    b.step = { batchSize, counts, started: b.now() };
    return { start, count: counts[this.group.rank]! };
  }

  /**
   * Replaces every parameter's gradient by its mean over the ranks, one all-reduce per
   * bucket. A parameter without a gradient on this rank counts as zeros (every rank must
   * take part in every bucket). With `balance`, the mean is weighted by each rank's share
   * of the batch (the loss being a mean over that share), and the first bucket also carries
   * each rank's time since `batchShare`, which sets the next split.
   */
  async syncGradients(): Promise<void> {
    const b = this.balance, W = this.group.worldSize;
    const step = b?.step ?? null;
    if (b !== null && step === null) throw new Error('DistributedDataParallel.syncGradients: with balance on, call batchShare(batchSize) before every syncGradients()');
    const seconds = step === null ? 0 : (b!.now() - step.started) / 1000;
    const weight = step === null ? 1 : step.counts[this.group.rank]! / step.batchSize;
    // Each rank's time and batch size go in its own slots of 2W extra values (the others add
    // zeros), so the sum gives every rank every time and size, exactly; no extra meeting.
    const extra = step === null ? 0 : 2 * W;
    let stats: Float32Array | Float64Array | null = null;
    for (const [k, bucket] of this.buckets.entries()) {
      const n = bucket.reduce((s, p) => s + p.size, 0), pad = k === 0 ? extra : 0;
      const flat = bucket[0]!.dtype === 'float32' ? new Float32Array(n + pad) : new Float64Array(n + pad);
      let at = 0;
      for (const p of bucket) {
        if (p.grad !== null) flat.set(p.grad.toTypedArray() as Float32Array, at);
        at += p.size;
      }
      if (step !== null) {
        for (let i = 0; i < n; i++) flat[i]! *= weight;
        if (pad > 0) { flat[n + this.group.rank] = seconds; flat[n + W + this.group.rank] = step.batchSize; }
      }
      await this.group.allReduce(flat, step === null ? 'mean' : 'sum');
      if (pad > 0) stats = flat.subarray(n);
      // The averaged gradients are views into the bucket's buffer (fresh each call, so a
      // gradient kept from an earlier step is never overwritten): no second copy.
      at = 0;
      for (const p of bucket) {
        p.grad = new Tensor(flat.subarray(at, at + p.size), [...p.shape], p.dtype);
        at += p.size;
      }
    }
    if (step === null) return;
    if (stats === null) {
      // No parameters: the times and sizes still have to be shared.
      const t = new Float64Array(2 * W);
      t[this.group.rank] = seconds;
      t[W + this.group.rank] = step.batchSize;
      stats = await this.group.allReduce(t, 'sum');
    }
    b!.step = null;
    const sizes = Array.from(stats.subarray(W, 2 * W));
    if (sizes.some((x) => x !== sizes[0])) {
      throw new Error(`DistributedDataParallel.syncGradients: the ranks called batchShare with different batch sizes (${sizes.join(', ')}); every rank must pass the same global batch size`);
    }
    const times = stats.subarray(0, W);
    for (let r = 0; r < W; r++) {
      const rate = step.counts[r]! / times[r]!;
      if (!(Number.isFinite(rate) && rate > 0)) continue; // a zero clock reading: nothing learned
      const h = b!.history[r]!;
      h.push(rate);
      if (h.length > b!.window) h.shift();
    }
  }
}
