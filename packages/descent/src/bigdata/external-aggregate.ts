/**
 * Out-of-core GROUP BY: hash aggregation that keeps at most `maxGroups` groups in memory and
 * spills the rest, the way DuckDB's and Spark's aggregation operators do when a query's
 * groups outgrow their memory (Graefe, "Query Evaluation Techniques for Large Databases",
 * ACM Computing Surveys 1993, section 4.2, hybrid hashing).
 *
 * Pass 1 reads the rows once into an in-memory hash table of partial aggregates. When the
 * table is full, every partial is written to one of P partitions ("files" on the spill
 * disk, chosen by a hash of the key) and the table is emptied. Pass 2 reads one partition at
 * a time and merges the partials of each key: all of one key's partials are in the same
 * partition, so each partition is finished on its own, in 1/P of the memory. A partition that
 * is still too big is split again with a fresh hash. The merge step is the combiner's rule:
 * partial aggregates must merge associatively (sums, counts, min, max; a mean as sum and
 * count).
 *
 * The spill disk here is an array of JSON strings, so the bytes written can be counted.
 */
import { murmur3 } from '../stream/hash.js';
import type { MapReduceKey } from './map-reduce.js';

export interface ExternalAggregateOptions<R, K extends MapReduceKey, S> {
  /** The group a row belongs to. */
  key(row: R): K;
  /** A partial aggregate of one row. */
  init(row: R): S;
  /** Merges two partial aggregates of the same key (associative, commutative). */
  merge(a: S, b: S): S;
  /** Most groups held in memory at once. */
  maxGroups: number;
  /** Spill partitions per pass (default 8). */
  partitions?: number;
}

export interface ExternalAggregateStats {
  rows: number;
  groups: number;
  /** Times the in-memory table was written out. */
  spills: number;
  /** Partial aggregates written to the spill disk, over all passes. */
  spilledRecords: number;
  spilledBytes: number;
  /** The most groups held in memory at any time (never above `maxGroups`). */
  peakGroups: number;
  /** Deepest re-partitioning (0: one pass over the spill was enough). */
  depth: number;
}

/**
 * GROUP BY over an iterable of rows in bounded memory.
 *
 * ```ts
 * import { externalAggregate } from 'descent/bigdata';
 * const rows = [{ user: 1, amount: 5 }, { user: 2, amount: 1 }, { user: 1, amount: 2 }];
 * const { groups } = externalAggregate(rows, {
 *   key: (r) => r.user, init: (r) => ({ n: 1, sum: r.amount }),
 *   merge: (a, b) => ({ n: a.n + b.n, sum: a.sum + b.sum }), maxGroups: 1,
 * });
 * groups.get(1);   // { n: 2, sum: 7 }
 * ```
 */
export function externalAggregate<R, K extends MapReduceKey, S>(rows: Iterable<R>, options: ExternalAggregateOptions<R, K, S>): { groups: Map<K, S>; stats: ExternalAggregateStats } {
  const P = options.partitions ?? 8;
  if (!Number.isInteger(options.maxGroups) || options.maxGroups < 1) throw new RangeError(`externalAggregate: maxGroups must be a positive integer; got ${options.maxGroups}`);
  if (!Number.isInteger(P) || P < 2) throw new RangeError(`externalAggregate: partitions must be an integer >= 2; got ${P}`);
  const stats: ExternalAggregateStats = { rows: 0, groups: 0, spills: 0, spilledRecords: 0, spilledBytes: 0, peakGroups: 0, depth: 0 };
  const out = new Map<K, S>();

  const partitionOf = (k: K, depth: number) => murmur3(typeof k === 'number' ? `#${k}` : k, 0x9e37 + depth) % P;
  const spill = (table: Map<K, S>, disk: string[][], depth: number) => {
    const parts: [K, S][][] = Array.from({ length: P }, () => []);
    for (const entry of table) parts[partitionOf(entry[0], depth)]!.push(entry);
    parts.forEach((pairs, p) => {
      if (pairs.length === 0) return;
      const s = JSON.stringify(pairs);
      disk[p]!.push(s);
      stats.spilledRecords += pairs.length;
      stats.spilledBytes += s.length;
    });
    stats.spills++;
    table.clear();
  };

  // Aggregates the (key, partial) pairs that `feed` passes in; spills when full; returns the
  // disk, or null when everything fit (the table is then final).
  function aggregate(feed: (add: (k: K, s: S) => void) => void, depth: number): { table: Map<K, S>; disk: string[][] | null } {
    const table = new Map<K, S>();
    let disk: string[][] | null = null;
    feed((k, s) => {
      const old = table.get(k);
      if (old !== undefined) { table.set(k, options.merge(old, s)); return; }
      if (table.size >= options.maxGroups) {
        disk ??= Array.from({ length: P }, () => []);
        spill(table, disk, depth);
      }
      table.set(k, s);
      if (table.size > stats.peakGroups) stats.peakGroups = table.size;
    });
    if (disk !== null && table.size > 0) spill(table, disk, depth);
    return { table, disk };
  }

  function finish(feed: (add: (k: K, s: S) => void) => void, depth: number): void {
    if (depth > 32) throw new Error('externalAggregate: keys still collide after 32 re-partitionings; raise maxGroups');
    stats.depth = Math.max(stats.depth, depth);
    const { table, disk } = aggregate(feed, depth);
    if (disk === null) { for (const [k, s] of table) out.set(k, s); return; }
    // Each partition holds every partial of its keys: finish it alone (recursively).
    for (const runs of disk) {
      if (runs.length === 0) continue;
      finish((add) => { for (const r of runs) for (const [k, s] of JSON.parse(r) as [K, S][]) add(k, s); }, depth + 1);
    }
  }

  finish((add) => { for (const row of rows) { stats.rows++; add(options.key(row), options.init(row)); } }, 0);
  stats.groups = out.size;
  return { groups: out, stats };
}
