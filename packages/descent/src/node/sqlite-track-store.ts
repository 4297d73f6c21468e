/**
 * `SQLiteTrackStore` (Node only, exported from `descent/node`): runs, metrics, artifacts and
 * model versions in an SQLite file through better-sqlite3. Point it at the app's database
 * (`~/.descent/descent.db`, or the app's `--db` file) and the app's Runs page shows the runs;
 * the app opens the same tables through this class, so there is one schema, `TRACK_SCHEMA`.
 * Each write is one statement or one transaction; WAL mode lets the app read while a
 * training script writes.
 *
 * ```ts
 * import { Tracker } from 'descent/track';
 * import { SQLiteTrackStore } from 'descent/node';
 * const tracker = new Tracker({ store: new SQLiteTrackStore('runs.db'), experiment: 'housing' });
 * ```
 */
import { createRequire } from 'node:module';
import type Database from 'better-sqlite3';
import {
  paramConflict, type ArtifactInfo, type MetricPoint, type ModelStage, type ModelVersion, type ParamValue, type RunInfo, type RunStatus, type TrackStore,
} from '../track/store.js';

/** The tracking tables (all prefixed `track_`, so they sit beside the app's own). */
export const TRACK_SCHEMA = `
CREATE TABLE IF NOT EXISTS track_runs (
  run_id     TEXT PRIMARY KEY,
  experiment TEXT NOT NULL,
  name       TEXT NOT NULL,
  status     TEXT NOT NULL CHECK (status IN ('RUNNING', 'FINISHED', 'FAILED')),
  start_time REAL NOT NULL,
  end_time   REAL
);
CREATE INDEX IF NOT EXISTS track_runs_by_experiment ON track_runs (experiment, start_time);
CREATE TABLE IF NOT EXISTS track_params (
  run_id TEXT NOT NULL REFERENCES track_runs(run_id) ON DELETE CASCADE,
  key    TEXT NOT NULL,
  value  TEXT NOT NULL,            -- JSON
  PRIMARY KEY (run_id, key)
);
CREATE TABLE IF NOT EXISTS track_tags (
  run_id TEXT NOT NULL REFERENCES track_runs(run_id) ON DELETE CASCADE,
  key    TEXT NOT NULL,
  value  TEXT NOT NULL,
  PRIMARY KEY (run_id, key)
);
CREATE TABLE IF NOT EXISTS track_metrics (
  run_id    TEXT NOT NULL REFERENCES track_runs(run_id) ON DELETE CASCADE,
  key       TEXT NOT NULL,
  step      INTEGER NOT NULL,
  value     REAL,                  -- NULL stores NaN (SQLite has no NaN)
  timestamp REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS track_metrics_by_run ON track_metrics (run_id, key, step);
CREATE TABLE IF NOT EXISTS track_artifacts (
  run_id     TEXT NOT NULL REFERENCES track_runs(run_id) ON DELETE CASCADE,
  name       TEXT NOT NULL,
  kind       TEXT NOT NULL,
  media_type TEXT NOT NULL,
  size       INTEGER NOT NULL,
  data       BLOB NOT NULL,
  PRIMARY KEY (run_id, name)
);
CREATE TABLE IF NOT EXISTS track_model_versions (
  name        TEXT NOT NULL,
  version     INTEGER NOT NULL,
  stage       TEXT NOT NULL CHECK (stage IN ('none', 'staging', 'production', 'archived')),
  run_id      TEXT REFERENCES track_runs(run_id),
  artifact    TEXT,
  data_hash   TEXT,
  description TEXT NOT NULL,
  created_at  REAL NOT NULL,
  PRIMARY KEY (name, version)
);`;

interface RunRow { run_id: string; experiment: string; name: string; status: RunStatus; start_time: number; end_time: number | null }
interface VersionRow { name: string; version: number; stage: ModelStage; run_id: string | null; artifact: string | null; data_hash: string | null; description: string; created_at: number }

const toRun = (r: RunRow): RunInfo => ({ runId: r.run_id, experiment: r.experiment, name: r.name, status: r.status, startTime: r.start_time, endTime: r.end_time });
const toVersion = (r: VersionRow): ModelVersion => ({
  name: r.name, version: r.version, stage: r.stage, runId: r.run_id, artifact: r.artifact, dataHash: r.data_hash, description: r.description, createdAt: r.created_at,
});

export class SQLiteTrackStore implements TrackStore {
  readonly db: Database.Database;
  private readonly owned: boolean;

  /** @param target a file path (or ':memory:'), or an open better-sqlite3 database (the app passes its own). */
  constructor(target: string | Database.Database, options: { timeoutMs?: number } = {}) {
    if (typeof target === 'string') {
      if (target.length === 0) throw new Error('SQLiteTrackStore: path must be a non-empty string.');
      let Driver: typeof Database;
      try {
        Driver = createRequire(import.meta.url)('better-sqlite3') as typeof Database;
      } catch (err) {
        throw new Error('SQLiteTrackStore: the better-sqlite3 package is not installed; run `npm install better-sqlite3`.', { cause: err });
      }
      this.db = new Driver(target, { timeout: options.timeoutMs ?? 30_000 });
      this.db.pragma('journal_mode = WAL');
      this.owned = true;
    } else if (target && typeof (target as { prepare?: unknown }).prepare === 'function') {
      this.db = target;
      this.owned = false;
    } else {
      throw new Error('SQLiteTrackStore: pass a file path or an open better-sqlite3 Database.');
    }
    this.db.exec(TRACK_SCHEMA);
  }

  /** Closes the file (only if this store opened it). */
  close(): void {
    if (this.owned) this.db.close();
  }

  createRun(run: RunInfo): void {
    this.db.prepare('INSERT INTO track_runs (run_id, experiment, name, status, start_time, end_time) VALUES (?, ?, ?, ?, ?, ?)')
      .run(run.runId, run.experiment, run.name, run.status, run.startTime, run.endTime);
  }

  setRunStatus(runId: string, status: RunStatus, endTime: number | null): void {
    this.check(runId);
    this.db.prepare('UPDATE track_runs SET status = ?, end_time = ? WHERE run_id = ?').run(status, endTime, runId);
  }

  getRun(runId: string): RunInfo | null {
    const r = this.db.prepare('SELECT * FROM track_runs WHERE run_id = ?').get(runId) as RunRow | undefined;
    return r ? toRun(r) : null;
  }

  listRuns(experiment?: string): RunInfo[] {
    const rows = experiment === undefined
      ? this.db.prepare('SELECT * FROM track_runs ORDER BY start_time, rowid').all()
      : this.db.prepare('SELECT * FROM track_runs WHERE experiment = ? ORDER BY start_time, rowid').all(experiment);
    return (rows as RunRow[]).map(toRun);
  }

  listExperiments(): string[] {
    return (this.db.prepare('SELECT DISTINCT experiment FROM track_runs ORDER BY experiment').all() as { experiment: string }[]).map((r) => r.experiment);
  }

  logParams(runId: string, params: Record<string, ParamValue>): void {
    this.check(runId);
    const get = this.db.prepare('SELECT value FROM track_params WHERE run_id = ? AND key = ?');
    const put = this.db.prepare('INSERT OR IGNORE INTO track_params (run_id, key, value) VALUES (?, ?, ?)');
    this.db.transaction(() => {
      for (const [k, v] of Object.entries(params)) {
        const old = get.get(runId, k) as { value: string } | undefined;
        if (old && old.value !== JSON.stringify(v)) throw paramConflict(runId, k, JSON.parse(old.value) as ParamValue, v);
        put.run(runId, k, JSON.stringify(v));
      }
    })();
  }

  getParams(runId: string): Record<string, ParamValue> {
    this.check(runId);
    const rows = this.db.prepare('SELECT key, value FROM track_params WHERE run_id = ? ORDER BY rowid').all(runId) as { key: string; value: string }[];
    return Object.fromEntries(rows.map((r) => [r.key, JSON.parse(r.value) as ParamValue]));
  }

  setTags(runId: string, tags: Record<string, string>): void {
    this.check(runId);
    const put = this.db.prepare('INSERT INTO track_tags (run_id, key, value) VALUES (?, ?, ?) ON CONFLICT (run_id, key) DO UPDATE SET value = excluded.value');
    this.db.transaction(() => { for (const [k, v] of Object.entries(tags)) put.run(runId, k, v); })();
  }

  getTags(runId: string): Record<string, string> {
    this.check(runId);
    const rows = this.db.prepare('SELECT key, value FROM track_tags WHERE run_id = ? ORDER BY rowid').all(runId) as { key: string; value: string }[];
    return Object.fromEntries(rows.map((r) => [r.key, r.value]));
  }

  logMetrics(runId: string, points: readonly MetricPoint[]): void {
    this.check(runId);
    const put = this.db.prepare('INSERT INTO track_metrics (run_id, key, step, value, timestamp) VALUES (?, ?, ?, ?, ?)');
    this.db.transaction(() => {
      for (const p of points) put.run(runId, p.key, p.step, Number.isNaN(p.value) ? null : p.value, p.timestamp);
    })();
  }

  getMetricHistory(runId: string, key?: string): MetricPoint[] {
    this.check(runId);
    const rows = (key === undefined
      ? this.db.prepare('SELECT key, step, value, timestamp FROM track_metrics WHERE run_id = ? ORDER BY step, timestamp, rowid').all(runId)
      : this.db.prepare('SELECT key, step, value, timestamp FROM track_metrics WHERE run_id = ? AND key = ? ORDER BY step, timestamp, rowid').all(runId, key)
    ) as { key: string; step: number; value: number | null; timestamp: number }[];
    return rows.map((r) => ({ key: r.key, step: r.step, value: r.value ?? Number.NaN, timestamp: r.timestamp }));
  }

  putArtifact(info: ArtifactInfo, bytes: Uint8Array): void {
    this.check(info.runId);
    this.db.prepare(`INSERT INTO track_artifacts (run_id, name, kind, media_type, size, data) VALUES (?, ?, ?, ?, ?, ?)
      ON CONFLICT (run_id, name) DO UPDATE SET kind = excluded.kind, media_type = excluded.media_type, size = excluded.size, data = excluded.data`)
      .run(info.runId, info.name, info.kind, info.mediaType, bytes.length, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  }

  getArtifact(runId: string, name: string): { info: ArtifactInfo; bytes: Uint8Array } | null {
    const r = this.db.prepare('SELECT kind, media_type, size, data FROM track_artifacts WHERE run_id = ? AND name = ?').get(runId, name) as
      { kind: ArtifactInfo['kind']; media_type: string; size: number; data: Buffer } | undefined;
    if (!r) return null;
    return { info: { runId, name, kind: r.kind, mediaType: r.media_type, size: r.size }, bytes: new Uint8Array(r.data) };
  }

  listArtifacts(runId: string): ArtifactInfo[] {
    this.check(runId);
    const rows = this.db.prepare('SELECT name, kind, media_type, size FROM track_artifacts WHERE run_id = ? ORDER BY rowid').all(runId) as
      { name: string; kind: ArtifactInfo['kind']; media_type: string; size: number }[];
    return rows.map((r) => ({ runId, name: r.name, kind: r.kind, mediaType: r.media_type, size: r.size }));
  }

  createModelVersion(v: Omit<ModelVersion, 'version'>): ModelVersion {
    // BEGIN IMMEDIATE takes the write lock first, so two processes never get one version number.
    return this.db.transaction(() => {
      const { n } = this.db.prepare('SELECT COALESCE(MAX(version), 0) + 1 AS n FROM track_model_versions WHERE name = ?').get(v.name) as { n: number };
      this.db.prepare(`INSERT INTO track_model_versions (name, version, stage, run_id, artifact, data_hash, description, created_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)`).run(v.name, n, v.stage, v.runId, v.artifact, v.dataHash, v.description, v.createdAt);
      return { ...v, version: n };
    }).immediate();
  }

  listModelVersions(name?: string): ModelVersion[] {
    const rows = name === undefined
      ? this.db.prepare('SELECT * FROM track_model_versions ORDER BY name, version').all()
      : this.db.prepare('SELECT * FROM track_model_versions WHERE name = ? ORDER BY version').all(name);
    return (rows as VersionRow[]).map(toVersion);
  }

  setModelStage(name: string, version: number, stage: ModelStage): void {
    const r = this.db.prepare('UPDATE track_model_versions SET stage = ? WHERE name = ? AND version = ?').run(stage, name, version);
    if (r.changes === 0) throw new Error(`ModelRegistry: model '${name}' has no version ${version}.`);
  }

  private check(runId: string): void {
    if (!this.db.prepare('SELECT 1 FROM track_runs WHERE run_id = ?').get(runId)) throw new Error(`TrackStore: there is no run with id ${runId}.`);
  }
}
