/**
 * The event feature pipeline on DuckDB (Node only, exported from `descent/node`): write a
 * synthetic click-stream as Parquet files, then aggregate per-user features with a join to
 * the labels, all inside DuckDB, which streams the files and spills to disk beyond its
 * memory limit. The SQL is in `descent/bigdata` (`eventsSql`, `labelsSql`, `featuresSql`);
 * `tools/bigdata/run-pipeline.ts` runs the whole pipeline under a capped Node heap.
 *
 * ```ts
 * import { openDuckDB, writeEventData, writeFeatures } from 'descent/node';
 * const db = await openDuckDB({ memoryLimit: '256MB', tempDirectory: '/tmp/spill' });
 * await writeEventData(db, '/tmp/events', 0.5);            // 500,000 events, 2,500 users
 * await writeFeatures(db, '/tmp/events');                  // /tmp/events/features.parquet
 * ```
 */
import { mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { eventScale, eventsSql, featuresSql, labelsSql } from '../bigdata/feature-sql.js';
import type { DuckDB } from './duckdb.js';

/** Events per Parquet file: one file is written at a time, so memory does not grow with scale. */
export const EVENTS_PER_FILE = 5_000_000;

const sqlPath = (p: string): string => `'${p.replace(/'/g, "''")}'`;

/** Where the pipeline's files live inside a data directory. */
export function eventPaths(dir: string): { events: string; labels: string; features: string } {
  return { events: join(dir, 'events', '*.parquet'), labels: join(dir, 'labels.parquet'), features: join(dir, 'features.parquet') };
}

/** Total size in bytes of the files directly in `dir` (0 if it does not exist). */
export function directoryBytes(dir: string): number {
  try {
    return readdirSync(dir).reduce((s, f) => s + statSync(join(dir, f)).size, 0);
  } catch {
    return 0;
  }
}

/**
 * Writes `scale` million events as Parquet files (`dir/events/part-00000.parquet`, ...) and
 * the users' labels (`dir/labels.parquet`). Deterministic: the same scale writes the same
 * rows. Returns the counts and the bytes on disk.
 */
export async function writeEventData(db: DuckDB, dir: string, scale: number): Promise<{ events: number; users: number; files: number; bytes: number }> {
  const { events, users } = eventScale(scale);
  mkdirSync(join(dir, 'events'), { recursive: true });
  let files = 0;
  for (let lo = 0; lo < events; lo += EVENTS_PER_FILE, files++) {
    const hi = Math.min(events, lo + EVENTS_PER_FILE);
    const file = join(dir, 'events', `part-${String(files).padStart(5, '0')}.parquet`);
    // Zstandard-compressed row groups (122,880 rows by default); each column is stored, and
    // read, on its own.
    await db.run(`COPY (${eventsSql(lo, hi, users)}) TO ${sqlPath(file)} (FORMAT parquet, COMPRESSION zstd)`);
  }
  await db.run(`COPY (${labelsSql(users)}) TO ${sqlPath(eventPaths(dir).labels)} (FORMAT parquet)`);
  return { events, users, files, bytes: directoryBytes(join(dir, 'events')) + statSync(eventPaths(dir).labels).size };
}

/** SQL of the feature query over a data directory written by `writeEventData`. */
export function eventFeaturesSql(dir: string): string {
  const p = eventPaths(dir);
  return featuresSql(`read_parquet(${sqlPath(p.events)})`, `read_parquet(${sqlPath(p.labels)})`);
}

/**
 * Aggregates the per-user features of a data directory into `dir/features.parquet`, inside
 * DuckDB (nothing passes through the JavaScript heap). Returns the number of users.
 */
export async function writeFeatures(db: DuckDB, dir: string): Promise<number> {
  const out = eventPaths(dir).features;
  await db.run(`COPY (${eventFeaturesSql(dir)}) TO ${sqlPath(out)} (FORMAT parquet)`);
  const [row] = await db.rows(`SELECT count(*) AS n FROM read_parquet(${sqlPath(out)})`);
  return row!.n as number;
}
