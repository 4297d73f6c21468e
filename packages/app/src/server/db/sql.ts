/**
 * One small async interface over the two databases the app can keep its data in: the
 * embedded SQLite file (one person, the default) and PostgreSQL (a class, selected with
 * `DESCENT_DATABASE_URL`). Queries are written once with `?` placeholders in the SQL both
 * understand (`ON CONFLICT ... DO UPDATE`, `excluded.col`, `COALESCE`); PostgreSQL's `$n`
 * placeholders are filled in here.
 *
 * @example
 * const sql = sqliteSql(openDatabase(':memory:'));
 * await sql.run('INSERT INTO lesson_progress (user_id, lesson_id, opened_at, visited_at) VALUES (?, ?, ?, ?)', [0, '01-mean', t, t]);
 */
import type { Database, Statement } from 'better-sqlite3';
import pg from 'pg';

/** A bound value; bytes are BLOB in SQLite and bytea in PostgreSQL. */
export type Param = string | number | null | Uint8Array;

export interface Sql {
  readonly dialect: 'sqlite' | 'postgres';
  all<T>(sql: string, params?: Param[]): Promise<T[]>;
  get<T>(sql: string, params?: Param[]): Promise<T | undefined>;
  /** Runs a write; `changes` is the number of rows it touched. */
  run(sql: string, params?: Param[]): Promise<{ changes: number }>;
  /** Runs an INSERT into a table with an `id` key and returns the new row's id. */
  insert(sql: string, params?: Param[]): Promise<number>;
  /** Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/**
 * SQLite through better-sqlite3, whose calls are synchronous. Only one transaction runs at a
 * time on the connection, and a statement from another request waits until it ends: were it
 * to run in between, it would silently join (and roll back with) someone else's transaction.
 */
export function sqliteSql(db: Database): Sql & { db: Database } {
  let open: Promise<void> | undefined;
  // The check and the statement run in one turn of the event loop, with no await between:
  // a transaction cannot begin in the gap.
  const whenIdle = async <T>(f: () => T): Promise<T> => {
    while (open !== undefined) await open;
    return f();
  };
  // Prepared statements by SQL text: preparing took about 6% of the server's CPU under the
  // class load test. The app's SQL is a fixed set of strings; the cap only guards against a
  // caller that builds SQL per request.
  const statements = new Map<string, Statement>();
  const prepare = (s: string): Statement => {
    let st = statements.get(s);
    if (st === undefined) {
      st = db.prepare(s);
      if (statements.size >= 500) statements.delete(statements.keys().next().value!);
      statements.set(s, st);
    }
    return st;
  };
  const direct = {
    all: <T>(s: string, p: Param[] = []) => prepare(s).all(...p) as T[],
    get: <T>(s: string, p: Param[] = []) => prepare(s).get(...p) as T | undefined,
    run: (s: string, p: Param[] = []) => ({ changes: prepare(s).run(...p).changes }),
    insert: (s: string, p: Param[] = []) => Number(prepare(s).run(...p).lastInsertRowid),
  };
  const inTx: Sql = {
    dialect: 'sqlite',
    all: async (s, p) => direct.all(s, p),
    get: async (s, p) => direct.get(s, p),
    run: async (s, p) => direct.run(s, p),
    insert: async (s, p) => direct.insert(s, p),
    transaction: (fn) => fn(inTx), // nested: part of the open one
    close: async () => undefined,
  };
  return {
    dialect: 'sqlite',
    db,
    all: (s, p) => whenIdle(() => direct.all(s, p)),
    get: (s, p) => whenIdle(() => direct.get(s, p)),
    run: (s, p) => whenIdle(() => direct.run(s, p)),
    insert: (s, p) => whenIdle(() => direct.insert(s, p)),
    async transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T> {
      while (open !== undefined) await open;
      let done!: () => void;
      open = new Promise((r) => { done = r; });
      try {
        // IMMEDIATE takes the write lock now, so another process cannot make us fail mid-way.
        db.exec('BEGIN IMMEDIATE');
        try {
          const result = await fn(inTx);
          db.exec('COMMIT');
          return result;
        } catch (e) {
          if (db.inTransaction) db.exec('ROLLBACK');
          throw e;
        }
      } finally {
        open = undefined;
        done();
      }
    },
    close: () => whenIdle(() => { db.close(); }),
  };
}

/** `?` → `$1, $2, ...` (the app's SQL has no `?` inside string literals). */
export function toDollar(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

// COUNT and SUM come back as int8/numeric, which pg returns as strings; the counts here are small.
const TYPES = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => (oid === 20 || oid === 1700 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format as 'text'))) as typeof pg.types.getTypeParser,
};

function pgQueries(q: (text: string, values: Param[]) => Promise<pg.QueryResult>) {
  return {
    all: async <T>(s: string, p: Param[] = []) => (await q(toDollar(s), p)).rows as T[],
    get: async <T>(s: string, p: Param[] = []) => (await q(toDollar(s), p)).rows[0] as T | undefined,
    run: async (s: string, p: Param[] = []) => ({ changes: (await q(toDollar(s), p)).rowCount ?? 0 }),
    insert: async (s: string, p: Param[] = []) => Number(((await q(`${toDollar(s)} RETURNING id`, p)).rows[0] as { id: number }).id),
  };
}

export interface PostgresOptions {
  /** A schema to use instead of `public` (created if missing): tests isolate themselves with one. */
  schema?: string;
  /** Connections kept by this process (default 10). */
  max?: number;
}

/** PostgreSQL through a `pg` pool; every transaction takes its own connection. */
export function postgresSql(url: string, options: PostgresOptions = {}): Sql & { pool: pg.Pool } {
  if (options.schema !== undefined && !/^[a-z_][a-z0-9_]*$/.test(options.schema)) {
    throw new Error(`postgresSql: schema "${options.schema}" must be a plain lower-case identifier (letters, digits, _).`);
  }
  const pool = new pg.Pool({
    connectionString: url, max: options.max ?? 10, types: TYPES,
    ...(options.schema === undefined ? {} : { options: `-c search_path=${options.schema}` }),
  });
  // An idle connection the server drops must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  const top = pgQueries((text, values) => pool.query(text, values));
  return {
    dialect: 'postgres',
    pool,
    ...top,
    async transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      const tx: Sql = {
        dialect: 'postgres',
        ...pgQueries((text, values) => client.query(text, values)),
        transaction: (f) => f(tx),
        close: async () => undefined,
      };
      try {
        await client.query('BEGIN');
        const result = await fn(tx);
        await client.query('COMMIT');
        return result;
      } catch (e) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw e;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
