/**
 * DuckDB from Node (exported from `descent/node`): a small wrapper over `@duckdb/node-api`,
 * an optional peer dependency loaded only when a database is opened, plus the word count and
 * inverted index of `descent/bigdata` as SQL, so the map-reduce jobs can be checked against a
 * real engine.
 *
 * DuckDB is a columnar, vectorized SQL engine that runs in the process (Raasveldt &
 * Mühleisen, SIGMOD 2019). Its operators spill to `temp_directory` when they outgrow
 * `memory_limit`, which is how it aggregates and joins data larger than memory; its memory
 * is native (outside the V8 heap), so a Node process with a small heap can drive it.
 *
 * ```ts
 * import { openDuckDB } from 'descent/node';
 * const db = await openDuckDB({ memoryLimit: '256MB' });
 * await db.rows('SELECT 6 * 7 AS answer');   // [{ answer: 42 }]
 * db.close();
 * ```
 */
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import type { Doc } from '../bigdata/jobs.js';

export interface DuckDBOptions {
  /** A database file, or ':memory:' (default). */
  path?: string;
  /** DuckDB's `memory_limit` ('256MB', '2GB'); its default is 80% of the machine's RAM. */
  memoryLimit?: string;
  /** Worker threads DuckDB may use (default: one per core). */
  threads?: number;
  /** Where operators spill when they exceed the memory limit. */
  tempDirectory?: string;
}

/** A plain JavaScript value of a result cell: BIGINT becomes a number, TIMESTAMP a Date. */
export type SqlValue = number | string | boolean | Date | null | SqlValue[] | { [k: string]: SqlValue };

function plain(v: unknown): SqlValue {
  if (typeof v === 'bigint') return Number(v);
  if (Array.isArray(v)) return v.map(plain);
  if (v !== null && typeof v === 'object' && !(v instanceof Date)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]));
  return v as SqlValue;
}

const quoteString = (s: string): string => `'${s.replace(/'/g, "''")}'`;

/**
 * An open DuckDB database with one connection. The driver's objects stay private, so the
 * declaration files do not need `@duckdb/node-api` installed to type-check.
 */
export class DuckDB {
  private constructor(private readonly instance: DuckDBInstance, private readonly connection: DuckDBConnection) {}

  /** Opens a database (see `openDuckDB`). */
  static async open(options: DuckDBOptions = {}): Promise<DuckDB> {
    let api: typeof import('@duckdb/node-api');
    try {
      api = await import('@duckdb/node-api');
    } catch (e) {
      throw new Error(`openDuckDB: could not load @duckdb/node-api (${(e as Error).message}); install it with \`npm install @duckdb/node-api\``, { cause: e });
    }
    const instance = await api.DuckDBInstance.create(options.path ?? ':memory:');
    const db = new DuckDB(instance, await instance.connect());
    if (options.memoryLimit !== undefined) await db.run(`SET memory_limit = ${quoteString(options.memoryLimit)}`);
    if (options.threads !== undefined) {
      if (!Number.isInteger(options.threads) || options.threads < 1) throw new RangeError(`openDuckDB: threads must be a positive integer; got ${options.threads}`);
      await db.run(`SET threads = ${options.threads}`);
    }
    if (options.tempDirectory !== undefined) await db.run(`SET temp_directory = ${quoteString(options.tempDirectory)}`);
    return db;
  }

  /** Runs statements that return nothing of interest (DDL, COPY, SET). */
  async run(sql: string): Promise<void> {
    await this.connection.run(sql);
  }

  /** Runs a query and returns its rows as objects. */
  async rows(sql: string): Promise<Record<string, SqlValue>[]> {
    const reader = await this.connection.runAndReadAll(sql);
    return reader.getRowObjectsJS().map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, plain(v)])));
  }

  /** Runs a query and returns one array per column. */
  async columns(sql: string): Promise<Record<string, SqlValue[]>> {
    const reader = await this.connection.runAndReadAll(sql);
    return Object.fromEntries(Object.entries(reader.getColumnsObjectJS()).map(([k, vs]) => [k, vs.map(plain)]));
  }

  /** Creates (or replaces) a table `name(id INTEGER, text VARCHAR)` holding the documents. */
  async loadDocuments(name: string, docs: readonly Doc[]): Promise<void> {
    await this.run(`CREATE OR REPLACE TABLE ${name} (id INTEGER, text VARCHAR)`);
    const appender = await this.connection.createAppender(name);
    for (const d of docs) {
      appender.appendInteger(d.id);
      appender.appendVarchar(d.text);
      appender.endRow();
    }
    appender.closeSync();
  }

  close(): void {
    this.connection.closeSync();
    this.instance.closeSync();
  }
}

/**
 * Opens an in-memory (or file) DuckDB database, applying the memory limit, threads and spill
 * directory.
 *
 * ```ts
 * const db = await openDuckDB({ memoryLimit: '128MB', tempDirectory: '/tmp/spill' });
 * await db.run("COPY (SELECT range AS i FROM range(10)) TO 'ten.parquet' (FORMAT parquet)");
 * await db.rows("SELECT sum(i) AS s FROM 'ten.parquet'");   // [{ s: 45 }]
 * ```
 */
export function openDuckDB(options: DuckDBOptions = {}): Promise<DuckDB> {
  return DuckDB.open(options);
}

// The tokenizer of descent/bigdata's jobs, in SQL: lower-case, split on anything but a-z0-9.
const words = (table: string) => `SELECT id, unnest(regexp_split_to_array(lower(text), '[^a-z0-9]+')) AS word FROM ${table}`;

/**
 * Word count as one GROUP BY: the SQL twin of `wordCountJob`. `table` has a `text` column.
 *
 * ```ts
 * await db.loadDocuments('docs', [{ id: 0, text: 'a b a' }]);
 * await db.rows(wordCountSql('docs'));   // [{ word: 'a', n: 2 }, { word: 'b', n: 1 }]
 * ```
 */
export function wordCountSql(table: string): string {
  return `SELECT word, count(*)::INTEGER AS n FROM (${words(table)}) WHERE word <> '' GROUP BY word ORDER BY word`;
}

/** Inverted index as one GROUP BY with a list aggregate: the SQL twin of `invertedIndexJob`. */
export function invertedIndexSql(table: string): string {
  return `SELECT word, list_sort(list(DISTINCT id)) AS docs FROM (${words(table)}) WHERE word <> '' GROUP BY word ORDER BY word`;
}
