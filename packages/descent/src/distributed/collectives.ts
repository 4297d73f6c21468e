/**
 * Collective operations, written once over a `Transport`: one mailbox per rank (a
 * Float64Array every rank can read) and a barrier. Over worker threads the mailboxes are
 * views of one SharedArrayBuffer and the barrier blocks on `Atomics.wait`; over simulated
 * devices in one thread (`spawnLocal`) they are plain arrays and the barrier is a promise.
 * The algorithms cannot tell the difference, so a lesson's one-thread run and a test's
 * four-thread run execute the same steps.
 *
 * All-reduce is the ring algorithm of Patarasuk & Yuan ("Bandwidth optimal all-reduce
 * algorithms for clusters of workstations", JPDC 2009), as NCCL and Horovod use it: the
 * vector is cut into W chunks; in W−1 reduce-scatter steps every rank passes one chunk to
 * its right neighbour, which adds it to its own copy, so rank r ends holding the full sum of
 * chunk r; in W−1 all-gather steps the finished chunks travel once more round the ring.
 * Each rank sends 2·(W−1)/W of the vector in all, whatever W is. Here "send" is "write my
 * mailbox, barrier, my right neighbour reads it, barrier".
 *
 * Short vectors (a small model's gradients) take a shortcut: every rank posts its whole vector
 * and reduces all W itself, after one meeting instead of the ring's 4·(W−1)
 * (`allReduceOneShot`). NCCL, too, picks its algorithm by message size.
 *
 * Values travel as float64, so float32 data is summed without extra rounding and rounded
 * once at the end; sums of integers are exact, in any order.
 */

export type ReduceOp = 'sum' | 'mean' | 'max';
export type NumericArray = Float32Array | Float64Array;

export interface Transport {
  readonly rank: number;
  readonly worldSize: number;
  /** Elements each mailbox holds; longer messages go in segments. */
  readonly capacity: number;
  mailbox(rank: number): Float64Array;
  /**
   * Rank r's posting slot for one-meeting collectives, `capacity` elements; there are two per
   * rank (`parity` 0 and 1), used by turns.
   */
  slot(rank: number, parity: number): Float64Array;
  /** Returns once every rank has called it; undefined when it blocked (threads), a promise otherwise. */
  barrier(): void | Promise<void>;
}

/**
 * Start of chunk i when n elements are cut into w nearly equal chunks (sizes differ by at most one).
 *
 * ```ts
 * [0, 1, 2, 3].map((i) => chunkStart(10, 3, i));   // [0, 3, 6, 10]: chunks of 3, 3 and 4
 * ```
 */
export function chunkStart(n: number, w: number, i: number): number {
  return Math.floor((i * n) / w);
}

const mod = (a: number, w: number) => ((a % w) + w) % w;

/**
 * The W+1 chunk boundaries of n elements: chunk i is [bounds[i], bounds[i+1]).
 *
 * ```ts
 * evenBounds(7, 3);   // [0, 2, 4, 7]
 * ```
 */
export function evenBounds(n: number, w: number): number[] {
  return Array.from({ length: w + 1 }, (_, i) => chunkStart(n, w, i));
}

function combine(op: ReduceOp, acc: Float64Array, at: number, from: Float64Array, len: number): void {
  if (op === 'max') {
    for (let i = 0; i < len; i++) {
      const a = acc[at + i]!, b = from[i]!;
      acc[at + i] = a !== a || b !== b ? NaN : a > b ? a : b;
    }
  } else {
    for (let i = 0; i < len; i++) acc[at + i]! += from[i]!;
  }
}

/**
 * The ring reduce-scatter over `buf` (one segment, chunks at most `capacity` long): after it,
 * chunk `rank` of `buf` holds the reduction over all ranks. The other chunks hold partial sums.
 *
 * At step s rank r sends chunk r−s−1 and receives chunk r−s−2 from rank r−1, adding it to its
 * own; after W−1 steps the chunk it received last, r−W ≡ r, has every rank's term.
 */
export async function ringReduceScatterSteps(t: Transport, buf: Float64Array, op: ReduceOp, bounds = evenBounds(buf.length, t.worldSize)): Promise<void> {
  const { rank, worldSize: w } = t;
  const mine = t.mailbox(rank), left = t.mailbox(mod(rank - 1, w));
  for (let s = 0; s < w - 1; s++) {
    const send = mod(rank - s - 1, w), recv = mod(rank - s - 2, w);
    mine.set(buf.subarray(bounds[send], bounds[send + 1]));
    await t.barrier();
    combine(op, buf, bounds[recv]!, left, bounds[recv + 1]! - bounds[recv]!);
    await t.barrier(); // nobody overwrites a mailbox its neighbour is still reading
  }
}

/**
 * The ring all-gather over `buf`, when rank r holds the finished chunk r: at step s rank r
 * sends chunk r−s and receives chunk r−s−1 from rank r−1, which finished it (or received it)
 * the step before. After W−1 steps every rank holds every chunk.
 */
export async function ringAllGatherSteps(t: Transport, buf: Float64Array, bounds = evenBounds(buf.length, t.worldSize)): Promise<void> {
  const { rank, worldSize: w } = t;
  const mine = t.mailbox(rank), left = t.mailbox(mod(rank - 1, w));
  for (let s = 0; s < w - 1; s++) {
    const send = mod(rank - s, w), recv = mod(rank - s - 1, w);
    mine.set(buf.subarray(bounds[send], bounds[send + 1]));
    await t.barrier();
    buf.set(left.subarray(0, bounds[recv + 1]! - bounds[recv]!), bounds[recv]);
    await t.barrier();
  }
}

/** Segments of `n` elements in which every one of W chunks fits a mailbox. */
function* segments(n: number, t: Transport): Generator<[number, number]> {
  const step = t.capacity * t.worldSize;
  for (let at = 0; at < n; at += step) yield [at, Math.min(n, at + step)];
}

/**
 * Whether `allReduceOneShot` takes a vector of `n` elements: each rank reads the other W−1
 * postings, (W−1)·n values, against the ring's 2·(W−1)/W·n, so only while that stays within
 * one mailbox (and the vector fits its slot).
 */
export function fitsOneShot(t: Transport, n: number): boolean {
  return n * Math.max(1, t.worldSize - 1) <= t.capacity;
}

/**
 * All-reduce in one meeting, for short vectors: every rank writes its whole `x` to its slot,
 * meets the others once, and reduces the W slots itself in rank order, so every rank
 * computes the same bits. On threads a meeting costs the wake-up of a sleeping thread, tens to
 * hundreds of microseconds on a virtual machine, more than moving a few thousand numbers: for
 * a 5,000-parameter CNN the ring's four meetings per step were most of the all-reduce.
 *
 * Call k writes slot k mod 2 (`parity`), so nobody waits for the others to finish reading
 * before the next write: a rank writes slot k mod 2 again at call k+2 only after the meeting
 * of call k+1, which every rank reaches after it finished reading call k.
 */
export async function allReduceOneShot(t: Transport, x: NumericArray, op: ReduceOp, parity: number): Promise<void> {
  const n = x.length, w = t.worldSize;
  t.slot(t.rank, parity).set(x);
  await t.barrier();
  const acc = Float64Array.from(t.slot(0, parity).subarray(0, n));
  for (let r = 1; r < w; r++) combine(op, acc, 0, t.slot(r, parity), n);
  if (op === 'mean') for (let i = 0; i < n; i++) acc[i]! /= w;
  x.set(acc);
}

/** Ring all-reduce of `x` in place: every rank ends with the same reduction of all ranks' `x`. */
export async function allReduceInPlace(t: Transport, x: NumericArray, op: ReduceOp): Promise<void> {
  for (const [a, b] of segments(x.length, t)) {
    const buf = Float64Array.from(x.subarray(a, b));
    await ringReduceScatterSteps(t, buf, op);
    await ringAllGatherSteps(t, buf);
    if (op === 'mean') for (let i = 0; i < buf.length; i++) buf[i]! /= t.worldSize;
    x.set(buf, a);
  }
}

/**
 * Reduce-scatter: the reduction of all ranks' `x`, of which this rank keeps chunk `rank`
 * (chunks as `chunkStart` cuts them). A vector longer than the mailboxes goes in rounds;
 * round k takes elements k·capacity… of every rank's chunk, so the ring's own chunk
 * boundaries line up with the ranks' chunks and no all-gather is needed.
 */
export async function reduceScatter(t: Transport, x: NumericArray, op: ReduceOp): Promise<Float64Array> {
  const { rank, worldSize: w, capacity: cap } = t;
  const whole = evenBounds(x.length, w);
  const lo = whole[rank]!, out = new Float64Array(whole[rank + 1]! - lo);
  const longest = Math.max(0, ...whole.slice(1).map((b, i) => b - whole[i]!));
  for (let off = 0; off < longest; off += cap) {
    const bounds = [0];
    for (let i = 0; i < w; i++) bounds.push(bounds[i]! + Math.max(0, Math.min(cap, whole[i + 1]! - whole[i]! - off)));
    const buf = new Float64Array(bounds[w]!);
    for (let i = 0; i < w; i++) buf.set(x.subarray(whole[i]! + off, whole[i]! + off + bounds[i + 1]! - bounds[i]!), bounds[i]);
    await ringReduceScatterSteps(t, buf, op, bounds);
    for (let i = bounds[rank]!; i < bounds[rank + 1]!; i++) out[off + i - bounds[rank]!] = op === 'mean' ? buf[i]! / w : buf[i]!;
  }
  return out;
}

/** Every rank gets `root`'s `x`, written into its own `x`. */
export async function broadcastInPlace(t: Transport, x: NumericArray, root: number): Promise<void> {
  const cap = t.capacity, src = t.mailbox(root);
  for (let at = 0; at < x.length; at += cap) {
    const len = Math.min(cap, x.length - at);
    if (t.rank === root) for (let i = 0; i < len; i++) src[i] = x[at + i]!;
    await t.barrier();
    if (t.rank !== root) x.set(src.subarray(0, len), at);
    await t.barrier();
  }
}

/** Every rank's `x` (all the same length), concatenated in rank order. */
export async function allGather(t: Transport, x: NumericArray): Promise<Float64Array> {
  const n = x.length, w = t.worldSize, cap = t.capacity;
  const out = new Float64Array(n * w);
  for (let at = 0; at < n; at += cap) {
    const len = Math.min(cap, n - at);
    const mine = t.mailbox(t.rank);
    for (let i = 0; i < len; i++) mine[i] = x[at + i]!;
    await t.barrier();
    for (let r = 0; r < w; r++) out.set(t.mailbox(r).subarray(0, len), r * n + at);
    await t.barrier();
  }
  return out;
}

/** One point-to-point message: to a rank, or to nobody (to = −1). */
export interface Message { to: number; data: Float64Array | null }

/**
 * Every rank posts at most one message and a number (`note`, here the work it has left);
 * after it every rank holds the messages addressed to it and every rank's note. The
 * mailbox header is [to, length, note]; the message must fit the rest of the mailbox.
 */
export async function exchange(t: Transport, msg: Message, note: number): Promise<{ received: { from: number; data: Float64Array }[]; notes: number[] }> {
  const box = t.mailbox(t.rank), len = msg.data?.length ?? 0;
  if (len + 3 > t.capacity) throw new RangeError(`exchange: a message of ${len} values does not fit a mailbox of ${t.capacity} (3 go to the header); spawn with a larger capacity`);
  box[0] = msg.data === null ? -1 : msg.to;
  box[1] = len;
  box[2] = note;
  if (msg.data !== null) box.set(msg.data, 3);
  await t.barrier();
  const received: { from: number; data: Float64Array }[] = [], notes: number[] = [];
  for (let r = 0; r < t.worldSize; r++) {
    const other = t.mailbox(r);
    notes.push(other[2]!);
    if (other[0] === t.rank) received.push({ from: r, data: other.slice(3, 3 + other[1]!) });
  }
  await t.barrier();
  return { received, notes };
}
