// The data every rank contributes in the collective tests, and the battery of collectives
// each rank runs; shared by the thread test (this file is imported by a worker) and the
// one-thread test.
import type { ProcessGroup } from '../../../src/distributed/index.js';

/** Odd lengths, an empty vector, and lengths longer than the test's 5-element mailboxes. */
export const LENGTHS = [0, 1, 2, 3, 7, 13, 31, 101];
export const CAPACITY = 5;

/** Integer values (exact sums in any order), different on every rank, some negative. */
export function rankData(rank: number, n: number): Float64Array {
  return Float64Array.from({ length: n }, (_, i) => ((i * 7919 + rank * 104729) % 23) - 11);
}

export interface Battery { sum: number[]; mean: number[]; max: number[]; bcast: number[]; gather: number[]; scatter: number[]; f32: number[] }

export async function runBattery(group: ProcessGroup): Promise<Battery[]> {
  const out: Battery[] = [];
  for (const n of LENGTHS) {
    const x = rankData(group.rank, n);
    const sum = await group.allReduce(Float64Array.from(x), 'sum');
    const mean = await group.allReduce(Float64Array.from(x), 'mean');
    const max = await group.allReduce(Float64Array.from(x), 'max');
    const bcast = await group.broadcast(Float64Array.from(x), group.worldSize - 1);
    const gather = await group.allGather(x);
    const scatter = await group.reduceScatter(x, 'sum');
    const f32 = await group.allReduce(Float32Array.from(x, (v) => v / 8), 'sum');
    out.push({ sum: [...sum], mean: [...mean], max: [...max], bcast: [...bcast], gather: [...gather], scatter: [...scatter], f32: [...f32] });
  }
  await group.barrier();
  return out;
}
