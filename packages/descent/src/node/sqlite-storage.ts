/**
 * `SQLiteStorage` (Node only, exported from `descent/node`): a study kept in an SQLite
 * file through better-sqlite3, so several processes can work on one study at once. Trial
 * numbers are handed out and waiting trials claimed inside `BEGIN IMMEDIATE` transactions,
 * which take SQLite's write lock first: two processes can never get the same number or the
 * same enqueued trial. better-sqlite3 answers synchronously; the `Storage` methods are async
 * only to share one interface with `PostgresStorage`, and resolve at once. better-sqlite3 is an optional peer dependency, loaded only when a
 * storage is constructed; the browser-safe `descent/tune` never imports this file.
 *
 * ```ts
 * import { createStudy } from 'descent/tune';
 * import { SQLiteStorage } from 'descent/node';
 * const storage = new SQLiteStorage('study.db');
 * const study = await createStudy({ storage, studyName: 'svm', loadIfExists: true });
 * ```
 */
import { createRequire } from 'node:module';
import type Database from 'better-sqlite3';
import type { Distribution } from '../tune/distributions.js';
import type { Storage, StudyDirection } from '../tune/storage.js';
import type { FrozenTrial, TrialState } from '../tune/trial.js';
import { decodeJson as decode, encodeJson as encode } from './storage-json.js';

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

const SCHEMA = `
CREATE TABLE IF NOT EXISTS studies (
  study_id INTEGER PRIMARY KEY AUTOINCREMENT,
  study_name TEXT NOT NULL UNIQUE,
  directions TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS trials (
  study_id INTEGER NOT NULL REFERENCES studies(study_id),
  number INTEGER NOT NULL,
  state TEXT NOT NULL,
  trial_values TEXT,
  params TEXT NOT NULL DEFAULT '{}',
  distributions TEXT NOT NULL DEFAULT '{}',
  intermediate TEXT NOT NULL DEFAULT '{}',
  user_attrs TEXT NOT NULL DEFAULT '{}',
  system_attrs TEXT NOT NULL DEFAULT '{}',
  datetime_start REAL,
  datetime_complete REAL,
  PRIMARY KEY (study_id, number)
);`;


export class SQLiteStorage implements Storage {
  readonly db: Database.Database;

  /** @param path a file path (or ':memory:'); `timeoutMs`: how long to wait for another process's lock. */
  constructor(path: string, options: { timeoutMs?: number } = {}) {
    if (typeof path !== 'string' || path.length === 0) throw new Error('SQLiteStorage: path must be a non-empty string.');
    let Driver: typeof Database;
    try {
      Driver = createRequire(import.meta.url)('better-sqlite3') as typeof Database;
    } catch (err) {
      throw new Error('SQLiteStorage: the better-sqlite3 package is not installed; run `npm install better-sqlite3`.', { cause: err });
    }
    this.db = new Driver(path, { timeout: options.timeoutMs ?? 30_000 });
    this.db.pragma('journal_mode = WAL');
    this.db.exec(SCHEMA);
  }

  close(): void {
    this.db.close();
  }

  async createNewStudy(studyName: string, directions: readonly StudyDirection[]): Promise<number> {
    try {
      const r = this.db.prepare('INSERT INTO studies (study_name, directions) VALUES (?, ?)').run(studyName, JSON.stringify(directions));
      return Number(r.lastInsertRowid);
    } catch (err) {
      if (err instanceof Error && /UNIQUE/.test(err.message)) {
        throw new Error(`createStudy: a study named '${studyName}' already exists; pass loadIfExists: true to reuse it.`, { cause: err });
      }
      throw err;
    }
  }

  async getStudyIdFromName(studyName: string): Promise<number | null> {
    const r = this.db.prepare('SELECT study_id FROM studies WHERE study_name = ?').get(studyName) as { study_id: number } | undefined;
    return r ? r.study_id : null;
  }

  async getStudyDirections(studyId: number): Promise<StudyDirection[]> {
    const r = this.db.prepare('SELECT directions FROM studies WHERE study_id = ?').get(studyId) as { directions: string } | undefined;
    if (!r) throw new Error(`SQLiteStorage: there is no study with id ${studyId}.`);
    return JSON.parse(r.directions) as StudyDirection[];
  }

  async createNewTrial(studyId: number, waiting?: { fixedParams: Record<string, unknown>; userAttrs: Record<string, unknown> }): Promise<number> {
    const insert = this.db.transaction(() => {
      const { n } = this.db.prepare('SELECT COALESCE(MAX(number) + 1, 0) AS n FROM trials WHERE study_id = ?').get(studyId) as { n: number };
      this.db
        .prepare('INSERT INTO trials (study_id, number, state, user_attrs, system_attrs, datetime_start) VALUES (?, ?, ?, ?, ?, ?)')
        .run(
          studyId,
          n,
          waiting ? 'WAITING' : 'RUNNING',
          encode(waiting?.userAttrs ?? {}),
          encode(waiting ? { fixedParams: waiting.fixedParams } : {}),
          waiting ? null : Date.now(),
        );
      return n;
    });
    return insert.immediate();
  }

  async popWaitingTrial(studyId: number): Promise<number | null> {
    const claim = this.db.transaction(() => {
      const r = this.db
        .prepare("SELECT number FROM trials WHERE study_id = ? AND state = 'WAITING' ORDER BY number LIMIT 1")
        .get(studyId) as { number: number } | undefined;
      if (!r) return null;
      this.db.prepare("UPDATE trials SET state = 'RUNNING', datetime_start = ? WHERE study_id = ? AND number = ?").run(Date.now(), studyId, r.number);
      return r.number;
    });
    return claim.immediate();
  }

  async getTrial(studyId: number, number: number): Promise<FrozenTrial> {
    return this.readTrial(studyId, number);
  }

  private readTrial(studyId: number, number: number): FrozenTrial {
    const r = this.db.prepare('SELECT * FROM trials WHERE study_id = ? AND number = ?').get(studyId, number) as TrialRow | undefined;
    if (!r) throw new Error(`Storage.getTrial: study ${studyId} has no trial ${number}.`);
    return toFrozen(r);
  }

  async getAllTrials(studyId: number, states?: readonly TrialState[], fromNumber = 0): Promise<FrozenTrial[]> {
    const rows = this.db.prepare('SELECT * FROM trials WHERE study_id = ? AND number >= ? ORDER BY number').all(studyId, fromNumber) as TrialRow[];
    const all = rows.map(toFrozen);
    return states ? all.filter((t) => states.includes(t.state)) : all;
  }

  async setTrialParam(studyId: number, number: number, name: string, internal: number, dist: Distribution): Promise<void> {
    this.update(studyId, number, (t) => {
      t.paramsInternal[name] = internal;
      t.distributions[name] = dist;
    });
  }

  async setTrialIntermediateValue(studyId: number, number: number, step: number, value: number): Promise<void> {
    this.update(studyId, number, (t) => (t.intermediateValues[step] = value));
  }

  async setTrialUserAttr(studyId: number, number: number, key: string, value: unknown): Promise<void> {
    this.update(studyId, number, (t) => (t.userAttrs[key] = value));
  }

  async setTrialSystemAttr(studyId: number, number: number, key: string, value: unknown): Promise<void> {
    this.update(studyId, number, (t) => (t.systemAttrs[key] = value));
  }

  async setTrialStateValues(studyId: number, number: number, state: TrialState, values: number[] | null): Promise<void> {
    this.update(studyId, number, (t) => {
      t.state = state;
      t.values = values;
      t.datetimeComplete = Date.now();
    });
  }

  /** Read-modify-write of one RUNNING trial under the write lock. */
  private update(studyId: number, number: number, change: (t: FrozenTrial) => void): void {
    this.db
      .transaction(() => {
        const t = this.readTrial(studyId, number);
        if (t.state !== 'RUNNING') throw new Error(`Storage: trial ${number} is ${t.state}; only a RUNNING trial can be changed.`);
        change(t);
        this.db
          .prepare(
            `UPDATE trials SET state = ?, trial_values = ?, params = ?, distributions = ?, intermediate = ?,
             user_attrs = ?, system_attrs = ?, datetime_complete = ? WHERE study_id = ? AND number = ?`,
          )
          .run(
            t.state,
            t.values === null ? null : encode(t.values),
            encode(t.paramsInternal),
            encode(t.distributions),
            encode(t.intermediateValues),
            encode(t.userAttrs),
            encode(t.systemAttrs),
            t.datetimeComplete,
            studyId,
            number,
          );
      })
      .immediate();
  }
}

function toFrozen(r: TrialRow): FrozenTrial {
  return {
    number: r.number,
    state: r.state,
    values: r.trial_values === null ? null : decode<number[]>(r.trial_values),
    paramsInternal: decode(r.params),
    distributions: decode(r.distributions),
    intermediateValues: decode(r.intermediate),
    userAttrs: decode(r.user_attrs),
    systemAttrs: decode(r.system_attrs),
    datetimeStart: r.datetime_start,
    datetimeComplete: r.datetime_complete,
  };
}
