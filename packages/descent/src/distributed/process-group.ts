/**
 * A process group, as `torch.distributed`'s: W ranks (devices) that run the same program on
 * different data and meet in collectives. Here a rank is a worker thread (Node's
 * `worker_threads`, or a Web Worker in a page) and the collectives go through one
 * SharedArrayBuffer; or, with `spawnLocal`, a rank is an async task in this thread, a
 * simulated device for teaching, where the same collective code runs over plain arrays.
 *
 * ```ts
 * // main.ts
 * const sums = await spawn(4, new URL('./rank.js', import.meta.url), { args: { n: 10 } });
 * // rank.js
 * initProcessGroup(async (group, args) => {
 *   const x = new Float64Array(args.n).fill(group.rank);
 *   await group.allReduce(x);           // every rank: 0+1+2+3 = 6 everywhere
 *   return x[0];
 * });
 * // one thread, simulated devices, same collectives:
 * await spawnLocal(4, async (group) => (await group.allReduce(new Float64Array([group.rank])))[0]);  // [6, 6, 6, 6]
 * ```
 */
import { Tensor } from '../tensor/index.js';
import {
  allGather, allReduceInPlace, allReduceOneShot, broadcastInPlace, exchange, fitsOneShot, reduceScatter, type Message, type NumericArray, type ReduceOp, type Transport,
} from './collectives.js';

const COUNT = 0, GEN = 1, ABORT = 2, CONTROL_INTS = 4;

/** The default mailbox: 2^16 float64 per rank (512 KiB); longer messages go in segments. */
export const DEFAULT_CAPACITY = 1 << 16;

function checkOp(op: string, fn: string): asserts op is ReduceOp {
  if (op !== 'sum' && op !== 'mean' && op !== 'max') throw new RangeError(`${fn}: op must be 'sum', 'mean' or 'max', got ${JSON.stringify(op)}`);
}

function asArray(x: NumericArray | Tensor, fn: string): NumericArray {
  if (x instanceof Tensor) {
    if (x.dtype !== 'float32' && x.dtype !== 'float64') throw new TypeError(`${fn}: expected a float32 or float64 tensor, got ${x.dtype}`);
    return x.toTypedArray() as NumericArray;
  }
  if (x instanceof Float32Array || x instanceof Float64Array) return x;
  throw new TypeError(`${fn}: expected a Float32Array, Float64Array or float tensor`);
}

function like<T extends NumericArray | Tensor>(x: T, data: NumericArray, shape?: number[]): T {
  if (!(x instanceof Tensor)) return data as T;
  const out = x.dtype === 'float32' && !(data instanceof Float32Array) ? Float32Array.from(data) : data;
  return new Tensor(out, shape ?? [...x.shape], x.dtype) as T;
}

/**
 * One rank's view of the group. Collectives are async (a simulated device yields to the
 * others; a thread blocks) and every rank must call the same collectives in the same order,
 * with the same lengths, as with NCCL or Gloo.
 */
export class ProcessGroup {
  /** Collective calls made so far (DDP's tests count buckets with it). */
  calls = 0;
  /** One-meeting all-reduces so far: their parity picks the slot (`allReduceOneShot`). */
  private oneShots = 0;
  constructor(private readonly transport: Transport) {}

  get rank(): number { return this.transport.rank; }
  get worldSize(): number { return this.transport.worldSize; }

  /**
   * Every rank's `x` reduced (summed, averaged or maxed) elementwise; every rank gets the
   * result. A typed array is reduced in place and returned; a tensor gives a new tensor.
   * Vectors up to `capacity / (W−1)` elements are reduced in one meeting, longer ones by the ring.
   *
   * ```ts
   * const g = await group.allReduce(new Float32Array([group.rank, 1]), 'sum');  // [0+1+…, W]
   * ```
   */
  async allReduce<T extends NumericArray | Tensor>(x: T, op: ReduceOp = 'sum'): Promise<T> {
    checkOp(op, 'allReduce');
    const data = asArray(x, 'allReduce');
    this.calls++;
    if (fitsOneShot(this.transport, data.length)) await allReduceOneShot(this.transport, data, op, this.oneShots++ % 2);
    else await allReduceInPlace(this.transport, data, op);
    return like(x, data);
  }

  /** Rank `root`'s `x` on every rank (a typed array in place; a tensor gives a new one). */
  async broadcast<T extends NumericArray | Tensor>(x: T, root = 0): Promise<T> {
    this.checkRank(root, 'broadcast');
    const data = asArray(x, 'broadcast');
    this.calls++;
    await broadcastInPlace(this.transport, data, root);
    return like(x, data);
  }

  /** Every rank's `x` (the same length on every rank) concatenated in rank order; a tensor's first dimension grows W-fold. */
  async allGather<T extends NumericArray | Tensor>(x: T): Promise<T> {
    const data = asArray(x, 'allGather');
    this.calls++;
    const out = await allGather(this.transport, data);
    const shape = x instanceof Tensor ? (x.ndim === 0 ? [this.worldSize] : [x.shape[0]! * this.worldSize, ...x.shape.slice(1)]) : undefined;
    return like(x, x instanceof Float32Array ? Float32Array.from(out) : out, shape);
  }

  /**
   * The reduction of every rank's `x`, cut into W nearly equal chunks (`chunkStart`); rank r
   * keeps chunk r. Typed arrays only: a flat vector is what is sharded.
   */
  async reduceScatter<T extends NumericArray>(x: T, op: ReduceOp = 'sum'): Promise<T> {
    checkOp(op, 'reduceScatter');
    const data = asArray(x, 'reduceScatter');
    this.calls++;
    const out = await reduceScatter(this.transport, data, op);
    return (x instanceof Float32Array ? Float32Array.from(out) : out) as T;
  }

  /**
   * Point to point: every rank posts at most one message (`{ to: -1, data: null }` for none)
   * and a number; each gets the messages addressed to it and everyone's number. Pipeline
   * stages pass activations and gradients to their neighbours with it.
   */
  async exchange(msg: Message, note = 0): Promise<{ received: { from: number; data: Float64Array }[]; notes: number[] }> {
    if (msg.data !== null) this.checkRank(msg.to, 'exchange', 'to');
    this.calls++;
    return exchange(this.transport, msg, note);
  }

  /** Returns once every rank has reached it. */
  async barrier(): Promise<void> {
    await this.transport.barrier();
  }

  private checkRank(root: number, fn: string, what = 'root'): void {
    if (!Number.isInteger(root) || root < 0 || root >= this.worldSize) {
      throw new RangeError(`${fn}: ${what} must be a rank in 0..${this.worldSize - 1}, got ${root}`);
    }
  }
}

/**
 * Three boxes per rank (the ring's mailbox and the two one-meeting slots) in one
 * SharedArrayBuffer, after CONTROL_INTS int32s of barrier state.
 */
export function sharedLayout(worldSize: number, capacity: number): SharedArrayBuffer {
  return new SharedArrayBuffer(CONTROL_INTS * 4 + 3 * worldSize * capacity * 8);
}

/**
 * Checks of the barrier's generation before a waiting thread goes to sleep: about 35 µs here.
 * A thread asleep in `Atomics.wait` takes tens to hundreds of microseconds to wake on a
 * virtual machine; the checks catch the others arriving at almost the same moment. Longer
 * spinning would take the core from the garbage collector's and compiler's helper threads.
 */
const SPIN_CHECKS = 1 << 12;

/** The transport of a worker thread: a sense-counting barrier on Atomics (threads may block). */
export function threadTransport(shared: SharedArrayBuffer, rank: number, worldSize: number, capacity: number): Transport {
  const control = new Int32Array(shared, 0, CONTROL_INTS);
  const box = (i: number) => new Float64Array(shared, CONTROL_INTS * 4 + i * capacity * 8, capacity);
  const boxes = Array.from({ length: worldSize }, (_, r) => [box(3 * r), box(3 * r + 1), box(3 * r + 2)] as const);
  return {
    rank, worldSize, capacity,
    mailbox: (r) => boxes[r]![0],
    slot: (r, parity) => boxes[r]![1 + parity]!,
    barrier() {
      const gen = Atomics.load(control, GEN);
      if (Atomics.add(control, COUNT, 1) === worldSize - 1) {
        Atomics.store(control, COUNT, 0);
        Atomics.add(control, GEN, 1);
        Atomics.notify(control, GEN);
        return;
      }
      for (let i = 0; i < SPIN_CHECKS; i++) if (Atomics.load(control, GEN) !== gen) return;
      while (Atomics.load(control, GEN) === gen) {
        if (Atomics.load(control, ABORT) !== 0) throw new Error(`ProcessGroup: rank ${rank} stopped waiting at a barrier because another rank failed`);
        Atomics.wait(control, GEN, gen, 100);
      }
    },
  };
}

/** Tells every waiting thread to give up (a rank failed). */
export function abortShared(shared: SharedArrayBuffer): void {
  const control = new Int32Array(shared, 0, CONTROL_INTS);
  Atomics.store(control, ABORT, 1);
  Atomics.notify(control, GEN);
}

/**
 * Runs `fn` on `worldSize` simulated devices in this thread: each rank is an async task and
 * collectives are the same ring code over plain arrays, with a barrier that resolves when
 * every task reaches it. Deterministic and available everywhere (a lesson cell, a page that
 * is not cross-origin isolated); no faster than one device, since there is one thread.
 *
 * ```ts
 * await spawnLocal(3, async (g) => (await g.allReduce(new Float64Array([g.rank + 1])))[0]);  // [6, 6, 6]
 * ```
 */
export async function spawnLocal<R, A = undefined>(
  worldSize: number, fn: (group: ProcessGroup, args: A) => Promise<R> | R, options: { args?: A; capacity?: number } = {},
): Promise<R[]> {
  checkWorld(worldSize, 'spawnLocal');
  const capacity = options.capacity ?? DEFAULT_CAPACITY;
  checkCapacity(capacity, 'spawnLocal');
  const boxes = Array.from({ length: worldSize }, () => new Float64Array(capacity));
  const slots = Array.from({ length: worldSize }, () => [new Float64Array(capacity), new Float64Array(capacity)]);
  let waiting: (() => void)[] = [];
  let failed: unknown = null;
  const rejects: ((e: unknown) => void)[] = [];
  const barrier = () => new Promise<void>((resolve, reject) => {
    if (failed !== null) { reject(new Error('spawnLocal: another rank failed')); return; }
    waiting.push(resolve);
    rejects.push(reject);
    if (waiting.length === worldSize) {
      const go = waiting;
      waiting = [];
      rejects.length = 0;
      for (const r of go) r();
    }
  });
  const groups = Array.from({ length: worldSize }, (_, rank) => new ProcessGroup({
    rank, worldSize, capacity, mailbox: (r) => boxes[r]!, slot: (r, parity) => slots[r]![parity]!, barrier,
  }));
  return Promise.all(groups.map(async (g) => {
    try {
      return await fn(g, options.args as A);
    } catch (e) {
      if (failed === null) {
        failed = e;
        for (const r of rejects.splice(0)) r(new Error('spawnLocal: another rank failed'));
        waiting = [];
      }
      throw e;
    }
  })).catch((e: unknown) => { throw failed ?? e; });
}

export function checkWorld(worldSize: number, fn: string): void {
  if (!Number.isInteger(worldSize) || worldSize < 1 || worldSize > 64) {
    throw new RangeError(`${fn}: worldSize must be an integer in 1..64, got ${worldSize}`);
  }
}

export function checkCapacity(capacity: number, fn: string): void {
  if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`${fn}: capacity must be a positive integer (elements per mailbox), got ${capacity}`);
}
