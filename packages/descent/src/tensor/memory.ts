/**
 * A budget for the memory tensors hold, so a cell that builds tensors without end gets a clear
 * error instead of taking the page (or the machine) down with it.
 *
 * Why here: a browser gives page scripts no way to cap or even read a worker's memory in
 * Chromium (`performance.memory` is missing in workers and shows only the page's own heap;
 * `performance.measureUserAgentSpecificMemory()` answers only after the next page GC, up to
 * 20 s later), and a worker that runs out of memory takes the whole tab with it. Nearly all of
 * a numerical cell's memory is tensor storage, and every tensor's storage comes from
 * `allocate` (dtype.ts), so counting there is exact and synchronous: the allocation that would
 * cross the limit throws before it happens.
 *
 * "Alive" is counted with a FinalizationRegistry: storage counts from its allocation until the
 * garbage collector has reclaimed it and told us. Those notices arrive between tasks, so inside
 * one long synchronous loop the temporaries it dropped still count; set the limit with room for
 * that (the app's cells use 2 GiB unless the device has less memory).
 *
 * Off by default (no limit, no counting, no cost), as in Node, where `--max-old-space-size`
 * and the operating system already do this job.
 *
 * @example
 * setMemoryLimit(64 * 2 ** 20);           // 64 MiB of tensors at once
 * const keep = [];
 * for (let i = 0; i < 100; i++) keep.push(zeros([1024, 1024])); // throws MemoryLimitError at i = 16
 */

/** Thrown when an allocation would take the tensors alive in this thread past the limit. */
export class MemoryLimitError extends RangeError {
  override name = 'MemoryLimitError';
}

let limit: number | null = null;
let live = 0;
let peak = 0;
let registry: FinalizationRegistry<number> | undefined;

const MIB = 2 ** 20;
const mib = (bytes: number) => `${(bytes / MIB).toFixed(1)} MiB`;

/**
 * Caps the bytes of tensor storage alive at once in this thread (`null` removes the cap and
 * stops counting). Storage allocated before the call is not counted.
 *
 * @example
 * setMemoryLimit(512 * 2 ** 20);
 */
export function setMemoryLimit(bytes: number | null): void {
  if (bytes !== null && !(typeof bytes === 'number' && Number.isFinite(bytes) && bytes > 0)) {
    throw new RangeError(`setMemoryLimit: the limit must be a number of bytes > 0, or null for no limit. Got ${String(bytes)} instead.`);
  }
  limit = bytes;
  if (bytes === null) {
    live = 0;
    peak = 0;
    return;
  }
  registry ??= new FinalizationRegistry((freed: number) => {
    live -= freed;
  });
}

/**
 * The tensor storage counted under the limit: alive now (as far as the collector has said),
 * the most at once since the limit was set, and the limit itself.
 *
 * @example
 * const { live, limit } = memoryUsage();
 */
export function memoryUsage(): { live: number; peak: number; limit: number | null } {
  return { live, peak, limit };
}

/** Called by `allocate` before it creates storage of `bytes`; throws past the limit. */
export function reserveTensorMemory(bytes: number, dtype: string, size: number): void {
  if (limit === null || live + bytes <= limit) return;
  throw new MemoryLimitError(`Out of memory for tensors: a ${dtype} tensor of ${size.toLocaleString('en-US')} elements needs ${mib(bytes)}, and the tensors still alive hold ` +
    `${mib(live)} of this thread's ${mib(limit)} limit. Keep fewer large tensors at once (let old ones go ` +
    'out of scope, reuse one, or work in batches), or use a smaller shape or dtype.');
}

/** Called by `allocate` once the storage exists: counts it until it is garbage collected. */
export function trackTensorMemory(storage: object, bytes: number): void {
  if (limit === null || registry === undefined) return;
  live += bytes;
  if (live > peak) peak = live;
  registry.register(storage, bytes);
}
