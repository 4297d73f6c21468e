/**
 * `PostgresStorage` (Node only, exported from `descent/node`): a study kept in a PostgreSQL
 * database through the `pg` client, so processes on several machines can work on one study.
 *
 * How two processes are kept from colliding (PostgreSQL's default READ COMMITTED isolation):
 * - a new trial's number is `MAX(number) + 1` computed while holding the study's row lock
 *   (`SELECT … FOR UPDATE`), so numbers are handed out one at a time per study;
 * - an enqueued (WAITING) trial is claimed by one `UPDATE` whose sub-select takes the oldest
 *   waiting row `FOR UPDATE SKIP LOCKED`: a second process skips the row the first has locked,
 *   and re-checks `state = 'WAITING'` on the row it gets, so no trial is claimed twice;
 * - a running trial's changes are single `UPDATE`s that merge into JSONB columns
 *   (`params || '{"x": 0.5}'`) and only touch a row still RUNNING.
 * Tables are prefixed `descent_tune_` so the database can be shared with other data.
 *
 * `pg` is an optional peer dependency loaded only when a storage is constructed; the
 * browser-safe `descent/tune` never imports this file.
 *
 * ```ts
 * import { createStudy } from 'descent/tune';
 * import { PostgresStorage } from 'descent/node';
 * const storage = new PostgresStorage('postgresql://user:password@localhost:5432/studies');
 * const study = await createStudy({ storage, studyName: 'svm', loadIfExists: true });
 * await study.optimize(objective, { nTrials: 50 });
 * await storage.close();
 * ```
 */
import { createRequire } from 'node:module';
import type { Pool, PoolClient, QueryResultRow } from 'pg';
import type { Distribution } from '../tune/distributions.js';
import type { Storage, StudyDirection } from '../tune/storage.js';
import type { FrozenTrial, TrialState } from '../tune/trial.js';
import { decodeJson, encodeJson } from './storage-json.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS descent_tune_studies (
  study_id SERIAL PRIMARY KEY,
  study_name TEXT NOT NULL UNIQUE,
  directions TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS descent_tune_trials (
  study_id INTEGER NOT NULL REFERENCES descent_tune_studies(study_id) ON DELETE CASCADE,
  number INTEGER NOT NULL,
  state TEXT NOT NULL,
  trial_values TEXT,
  params JSONB NOT NULL DEFAULT '{}',
  distributions JSONB NOT NULL DEFAULT '{}',
  intermediate JSONB NOT NULL DEFAULT '{}',
  user_attrs JSONB NOT NULL DEFAULT '{}',
  system_attrs JSONB NOT NULL DEFAULT '{}',
  datetime_start DOUBLE PRECISION,
  datetime_complete DOUBLE PRECISION,
  PRIMARY KEY (study_id, number)
);`;

/** Any fixed number: every process creating the schema takes this advisory lock first. */
const SCHEMA_LOCK = 0x64_74_75_6e;

// JSONB columns are read as text so NaN/±Infinity (kept as tagged strings) decode back to numbers.
const TRIAL_COLUMNS = `number, state, trial_values, params::text AS params, distributions::text AS distributions,
  intermediate::text AS intermediate, user_attrs::text AS user_attrs, system_attrs::text AS system_attrs,
  datetime_start, datetime_complete`;

interface TrialRow {
  number: number;
  state: TrialState;
  trial_values: string | null;
  params: string;
  distributions: string;
  intermediate: string;
  user_attrs: string;
  system_attrs: string;
  datetime_start: number | null;
  datetime_complete: number | null;
}

export interface PostgresStorageOptions {
  /** Most connections this process opens (default 4). */
  max?: number;
}

export class PostgresStorage implements Storage {
  private readonly pool: Pool;
  private schemaReady: Promise<void> | null = null;

  /** @param url `postgresql://user:password@host:port/database` (or `postgres://…`). */
  constructor(
    readonly url: string,
    options: PostgresStorageOptions = {},
  ) {
    if (typeof url !== 'string' || !/^postgres(ql)?:\/\//.test(url)) {
      throw new Error(`PostgresStorage: url must start with postgresql:// (e.g. postgresql://user:pw@localhost/db), got ${JSON.stringify(url)}.`);
    }
    let pg: typeof import('pg');
    try {
      pg = createRequire(import.meta.url)('pg') as typeof import('pg');
    } catch (err) {
      throw new Error('PostgresStorage: the pg package is not installed; run `npm install pg`.', { cause: err });
    }
    // INTEGER and DOUBLE PRECISION columns arrive as JS numbers (pg parses int4 and float8).
    // allowExitOnIdle: a script that forgets close() still exits once its queries are done.
    this.pool = new pg.Pool({ connectionString: url, max: options.max ?? 4, allowExitOnIdle: true });
    // An idle connection dropped by the server is replaced on the next query; without a
    // listener, Node would treat the pool's 'error' event as a crash.
    this.pool.on('error', () => undefined);
  }

  /** Close every connection (call once the process is done with the study). */
  async close(): Promise<void> {
    await this.pool.end();
  }

  async createNewStudy(studyName: string, directions: readonly StudyDirection[]): Promise<number> {
    try {
      const r = await this.query<{ study_id: number }>(
        'INSERT INTO descent_tune_studies (study_name, directions) VALUES ($1, $2) RETURNING study_id',
        [studyName, JSON.stringify(directions)],
      );
      return (r[0] as { study_id: number }).study_id;
    } catch (err) {
      if ((err as { code?: string }).code === '23505') {
        throw new Error(`createStudy: a study named '${studyName}' already exists; pass loadIfExists: true to reuse it.`, { cause: err });
      }
      throw err;
    }
  }

  async getStudyIdFromName(studyName: string): Promise<number | null> {
    const r = await this.query<{ study_id: number }>('SELECT study_id FROM descent_tune_studies WHERE study_name = $1', [studyName]);
    return r[0]?.study_id ?? null;
  }

  async getStudyDirections(studyId: number): Promise<StudyDirection[]> {
    const r = await this.query<{ directions: string }>('SELECT directions FROM descent_tune_studies WHERE study_id = $1', [studyId]);
    if (!r[0]) throw new Error(`PostgresStorage: there is no study with id ${studyId}.`);
    return JSON.parse(r[0].directions) as StudyDirection[];
  }

  async createNewTrial(studyId: number, waiting?: { fixedParams: Record<string, unknown>; userAttrs: Record<string, unknown> }): Promise<number> {
    return this.transaction(async (c) => {
      // The study's row lock serializes number allocation within the study.
      const locked = await c.query('SELECT study_id FROM descent_tune_studies WHERE study_id = $1 FOR UPDATE', [studyId]);
      if (locked.rowCount === 0) throw new Error(`PostgresStorage: there is no study with id ${studyId}.`);
      const next = await c.query<{ n: number }>('SELECT COALESCE(MAX(number) + 1, 0)::int AS n FROM descent_tune_trials WHERE study_id = $1', [studyId]);
      const n = (next.rows[0] as { n: number }).n;
      await c.query(
        `INSERT INTO descent_tune_trials (study_id, number, state, user_attrs, system_attrs, datetime_start)
         VALUES ($1, $2, $3, $4::jsonb, $5::jsonb, $6)`,
        [
          studyId,
          n,
          waiting ? 'WAITING' : 'RUNNING',
          encodeJson(waiting?.userAttrs ?? {}),
          encodeJson(waiting ? { fixedParams: waiting.fixedParams } : {}),
          waiting ? null : Date.now(),
        ],
      );
      return n;
    });
  }

  async popWaitingTrial(studyId: number): Promise<number | null> {
    const r = await this.query<{ number: number }>(
      `UPDATE descent_tune_trials SET state = 'RUNNING', datetime_start = $2
       WHERE study_id = $1 AND state = 'WAITING' AND number = (
         SELECT number FROM descent_tune_trials WHERE study_id = $1 AND state = 'WAITING'
         ORDER BY number LIMIT 1 FOR UPDATE SKIP LOCKED)
       RETURNING number`,
      [studyId, Date.now()],
    );
    return r[0]?.number ?? null;
  }

  async getTrial(studyId: number, number: number): Promise<FrozenTrial> {
    const r = await this.query<TrialRow>(`SELECT ${TRIAL_COLUMNS} FROM descent_tune_trials WHERE study_id = $1 AND number = $2`, [studyId, number]);
    if (!r[0]) throw new Error(`Storage.getTrial: study ${studyId} has no trial ${number}.`);
    return toFrozen(r[0]);
  }

  async getAllTrials(studyId: number, states?: readonly TrialState[], fromNumber = 0): Promise<FrozenTrial[]> {
    const rows = states
      ? await this.query<TrialRow>(
          `SELECT ${TRIAL_COLUMNS} FROM descent_tune_trials WHERE study_id = $1 AND number >= $2 AND state = ANY($3) ORDER BY number`,
          [studyId, fromNumber, [...states]],
        )
      : await this.query<TrialRow>(`SELECT ${TRIAL_COLUMNS} FROM descent_tune_trials WHERE study_id = $1 AND number >= $2 ORDER BY number`, [
          studyId,
          fromNumber,
        ]);
    return rows.map(toFrozen);
  }

  async setTrialParam(studyId: number, number: number, name: string, internal: number, dist: Distribution): Promise<void> {
    await this.updateRunning(studyId, number, 'params = params || $3::jsonb, distributions = distributions || $4::jsonb', [
      encodeJson({ [name]: internal }),
      encodeJson({ [name]: dist }),
    ]);
  }

  async setTrialIntermediateValue(studyId: number, number: number, step: number, value: number): Promise<void> {
    await this.updateRunning(studyId, number, 'intermediate = intermediate || $3::jsonb', [encodeJson({ [step]: value })]);
  }

  async setTrialUserAttr(studyId: number, number: number, key: string, value: unknown): Promise<void> {
    await this.updateRunning(studyId, number, 'user_attrs = user_attrs || $3::jsonb', [encodeJson({ [key]: value })]);
  }

  async setTrialSystemAttr(studyId: number, number: number, key: string, value: unknown): Promise<void> {
    await this.updateRunning(studyId, number, 'system_attrs = system_attrs || $3::jsonb', [encodeJson({ [key]: value })]);
  }

  async setTrialStateValues(studyId: number, number: number, state: TrialState, values: number[] | null): Promise<void> {
    await this.updateRunning(studyId, number, 'state = $3, trial_values = $4, datetime_complete = $5', [
      state,
      values === null ? null : encodeJson(values),
      Date.now(),
    ]);
  }

  /** One UPDATE of a trial that must still be RUNNING ($1 study, $2 number, then `params`). */
  private async updateRunning(studyId: number, number: number, set: string, params: unknown[]): Promise<void> {
    await this.ensureSchema();
    const r = await this.pool.query(`UPDATE descent_tune_trials SET ${set} WHERE study_id = $1 AND number = $2 AND state = 'RUNNING'`, [
      studyId,
      number,
      ...params,
    ]);
    if (r.rowCount === 0) {
      const t = await this.getTrial(studyId, number);
      throw new Error(`Storage: trial ${number} is ${t.state}; only a RUNNING trial can be changed.`);
    }
  }

  private async query<R extends QueryResultRow>(sql: string, params: unknown[]): Promise<R[]> {
    await this.ensureSchema();
    return (await this.pool.query<R>(sql, params)).rows;
  }

  private async transaction<T>(body: (c: PoolClient) => Promise<T>): Promise<T> {
    await this.ensureSchema();
    const c = await this.pool.connect();
    try {
      await c.query('BEGIN');
      const out = await body(c);
      await c.query('COMMIT');
      return out;
    } catch (err) {
      await c.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      c.release();
    }
  }

  /** Create the tables once per storage; concurrent creators queue on an advisory lock. */
  private ensureSchema(): Promise<void> {
    this.schemaReady ??= (async () => {
      let c: PoolClient | null = null;
      try {
        c = await this.pool.connect();
        await c.query('BEGIN');
        await c.query('SELECT pg_advisory_xact_lock($1)', [SCHEMA_LOCK]);
        await c.query(SCHEMA);
        await c.query('COMMIT');
      } catch (err) {
        await c?.query('ROLLBACK').catch(() => undefined);
        this.schemaReady = null;
        throw new Error(`PostgresStorage: could not reach or set up the database at ${redact(this.url)}: ${(err as Error).message}`, {
          cause: err,
        });
      } finally {
        c?.release();
      }
    })();
    return this.schemaReady;
  }
}

/** The URL without its password, for error messages. */
function redact(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
}

function toFrozen(r: TrialRow): FrozenTrial {
  return {
    number: r.number,
    state: r.state,
    values: r.trial_values === null ? null : decodeJson<number[]>(r.trial_values),
    paramsInternal: decodeJson(r.params),
    distributions: decodeJson(r.distributions),
    intermediateValues: decodeJson(r.intermediate),
    userAttrs: decodeJson(r.user_attrs),
    systemAttrs: decodeJson(r.system_attrs),
    datetimeStart: r.datetime_start,
    datetimeComplete: r.datetime_complete,
  };
}
