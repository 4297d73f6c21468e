/**
 * Experiment runs (descent/track) in the app's store, per learner: what a learner's cells
 * upload (`POST /api/runs`) and what the Runs page reads. The tables are SQLiteTrackStore's
 * with a `user_id` on every row (migrations 005 and postgres/002), so in the one-person mode
 * a Node script's runs, written straight into the file, belong to the local user (0) and are
 * read by the same queries as the uploaded ones. The same SQL runs on SQLite and PostgreSQL.
 *
 * @example
 * const runs = new RunStore(sqliteSql(openDatabase(':memory:')), 0);
 * await runs.put({ runId: 'ab'.repeat(16), experiment: 'demo', name: 'ridge', status: 'FINISHED', startTime: 1, endTime: 2,
 *   params: { alpha: 1 }, tags: {}, metrics: [{ key: 'loss', step: 0, value: 0.5, timestamp: 1 }], artifacts: [], models: [] });
 * (await runs.summaries('demo'))[0].metrics.loss; // 0.5
 */
import type { ArtifactView, ModelVersionsView, RunUpload, RunView } from '../../shared/api.js';
import { HttpError } from '../errors.js';
import type { Param, Sql } from './sql.js';

/** How much a learner may keep in run artifacts (models, figures), so uploads cannot fill the disk. */
export interface TrackLimits {
  /** Bytes of one artifact (default 4 MB: a boosted-tree model as JSON is a few hundred kB). */
  artifactBytes: number;
  /** Bytes of all of a learner's artifacts together (default 100 MB). */
  trackedBytes: number;
}

export const DEFAULT_TRACK_LIMITS: TrackLimits = { artifactBytes: 4_000_000, trackedBytes: 100_000_000 };

type ModelVersionView = ModelVersionsView['versions'][number];

interface RunRow { run_id: string; experiment: string; name: string; status: RunView['status']; start_time: number; end_time: number | null }
interface VersionRow { name: string; version: number; stage: ModelVersionView['stage']; run_id: string | null; artifact: string | null; data_hash: string | null; description: string; created_at: number }

const mb = (n: number) => `${(n / 1e6).toFixed(1)} MB`;
/** Rows per multi-row INSERT: few round trips to PostgreSQL, far under both databases' limit on bound values. */
const BATCH = 500;

/** `INSERT INTO table (cols) VALUES (?, ...), (?, ...)` for `rows`, in batches. */
async function insertRows(sql: Sql, table: string, columns: string[], rows: Param[][]): Promise<void> {
  const one = `(${columns.map(() => '?').join(', ')})`;
  for (let i = 0; i < rows.length; i += BATCH) {
    const batch = rows.slice(i, i + BATCH);
    await sql.run(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${batch.map(() => one).join(', ')}`, batch.flat());
  }
}

/** One learner's runs and model versions (`userId` 0 is the one person of the embedded mode). */
export class RunStore {
  readonly limits: TrackLimits;

  constructor(readonly sql: Sql, readonly userId: number, limits: Partial<TrackLimits> = {}) {
    this.limits = { ...DEFAULT_TRACK_LIMITS, ...limits };
  }

  /**
   * Stores a whole run in one transaction. Uploading the same run id again replaces what the
   * first upload stored (so a retry, or a run re-sent after a later cell registered a model
   * from it, never duplicates anything); a run id another learner owns is refused.
   */
  async put(run: RunUpload): Promise<{ created: boolean }> {
    const artifacts = run.artifacts.map((a) => ({ ...a, bytes: Buffer.from(a.base64, 'base64') }));
    for (const a of artifacts) {
      if (a.bytes.length > this.limits.artifactBytes) {
        throw new HttpError(413, `Artifact '${a.name}' of run '${run.name}' is ${mb(a.bytes.length)}; an artifact may be at most ${mb(this.limits.artifactBytes)}. `
          + 'Log a smaller one (a figure as a chart spec rather than an image, a model with fewer parameters), or keep it out of the run.');
      }
    }
    const adding = artifacts.reduce((s, a) => s + a.bytes.length, 0);
    return this.sql.transaction(async (tx) => {
      // One upload at a time per learner: version numbers and the replace step need it. SQLite's
      // transactions already run one at a time.
      if (tx.dialect === 'postgres') await tx.run("SELECT pg_advisory_xact_lock(hashtext('descent-runs'), ?::int)", [this.userId]);
      const owner = await tx.get<{ user_id: number }>('SELECT user_id FROM track_runs WHERE run_id = ?', [run.runId]);
      if (owner !== undefined && Number(owner.user_id) !== this.userId) {
        throw new HttpError(409, `The run id ${run.runId} is already taken. Start a new run (run ids are random) and upload that.`);
      }
      const kept = await tx.get<{ n: number }>('SELECT COALESCE(SUM(size), 0) AS n FROM track_artifacts WHERE user_id = ? AND run_id <> ?', [this.userId, run.runId]);
      if (Number(kept!.n) + adding > this.limits.trackedBytes) {
        throw new HttpError(413, `Your runs' artifacts take ${mb(Number(kept!.n))}; this run's ${mb(adding)} would pass the ${mb(this.limits.trackedBytes)} a learner may keep. `
          + 'Log smaller artifacts, or runs without them.');
      }
      const info: Param[] = [run.experiment, run.name, run.status, run.startTime, run.endTime];
      if (owner === undefined) {
        await tx.run('INSERT INTO track_runs (run_id, user_id, experiment, name, status, start_time, end_time) VALUES (?, ?, ?, ?, ?, ?, ?)', [run.runId, this.userId, ...info]);
      } else {
        await tx.run('UPDATE track_runs SET experiment = ?, name = ?, status = ?, start_time = ?, end_time = ? WHERE run_id = ?', [...info, run.runId]);
        for (const table of ['track_params', 'track_tags', 'track_metrics', 'track_artifacts']) await tx.run(`DELETE FROM ${table} WHERE run_id = ?`, [run.runId]);
      }
      const u = this.userId;
      const id = run.runId;
      await insertRows(tx, 'track_params', ['run_id', 'user_id', 'key', 'value'], Object.entries(run.params).map(([k, v]) => [id, u, k, JSON.stringify(v)]));
      await insertRows(tx, 'track_tags', ['run_id', 'user_id', 'key', 'value'], Object.entries(run.tags).map(([k, v]) => [id, u, k, v]));
      await insertRows(tx, 'track_metrics', ['run_id', 'user_id', 'key', 'step', 'value', 'timestamp'], run.metrics.map((p) => [id, u, p.key, p.step, p.value, p.timestamp]));
      for (const a of artifacts) {
        await tx.run('INSERT INTO track_artifacts (run_id, user_id, name, kind, media_type, size, data) VALUES (?, ?, ?, ?, ?, ?, ?)', [id, u, a.name, a.kind, a.mediaType, a.bytes.length, a.bytes]);
      }
      for (const m of run.models) await this.putVersion(tx, id, m);
      return { created: owner === undefined };
    });
  }

  /**
   * A version the browser's registry numbered in its own memory gets the learner's next
   * number here, so versions from several sessions do not collide. The same version sent again
   * (same model, run and creation time) only has its stage and description updated.
   */
  private async putVersion(tx: Sql, runId: string, m: RunUpload['models'][number]): Promise<void> {
    const u = this.userId;
    const same = await tx.get<{ version: number }>('SELECT version FROM track_model_versions WHERE user_id = ? AND name = ? AND run_id = ? AND created_at = ?', [u, m.name, runId, m.createdAt]);
    let version: number;
    if (same !== undefined) {
      version = Number(same.version);
      await tx.run('UPDATE track_model_versions SET stage = ?, artifact = ?, data_hash = ?, description = ? WHERE user_id = ? AND name = ? AND version = ?',
        [m.stage, m.artifact, m.dataHash, m.description, u, m.name, version]);
    } else {
      const next = await tx.get<{ n: number }>('SELECT COALESCE(MAX(version), 0) + 1 AS n FROM track_model_versions WHERE user_id = ? AND name = ?', [u, m.name]);
      version = Number(next!.n);
      await tx.run(`INSERT INTO track_model_versions (user_id, name, version, stage, run_id, artifact, data_hash, description, created_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, [u, m.name, version, m.stage, runId, m.artifact, m.dataHash, m.description, m.createdAt]);
    }
    // The registry's rule: one version of a name in production; promoting one archives the others.
    if (m.stage === 'production') {
      await tx.run("UPDATE track_model_versions SET stage = 'archived' WHERE user_id = ? AND name = ? AND stage = 'production' AND version <> ?", [u, m.name, version]);
    }
  }

  /** The learner's experiments, sorted. */
  async experiments(): Promise<string[]> {
    const rows = await this.sql.all<{ experiment: string }>('SELECT DISTINCT experiment FROM track_runs WHERE user_id = ?', [this.userId]);
    return rows.map((r) => r.experiment).sort();
  }

  /** Runs of one experiment, oldest first, with parameters, tags and each metric's last value (null for NaN). */
  async summaries(experiment: string): Promise<RunView[]> {
    const p = [this.userId, experiment];
    const runs = await this.sql.all<RunRow>('SELECT run_id, experiment, name, status, start_time, end_time FROM track_runs WHERE user_id = ? AND experiment = ? ORDER BY start_time, run_id', p);
    const byId = new Map<string, RunView>(runs.map((r) => [r.run_id, {
      runId: r.run_id, experiment: r.experiment, name: r.name, status: r.status, startTime: Number(r.start_time), endTime: r.end_time === null ? null : Number(r.end_time), params: {}, tags: {}, metrics: {},
    }]));
    // Children are scoped by their run's owner (a join), so they need no owner of their own to be read right.
    const of = (table: string, columns: string, order: string) => this.sql.all<Record<string, unknown> & { run_id: string }>(
      `SELECT c.run_id, ${columns} FROM ${table} c JOIN track_runs r ON r.run_id = c.run_id WHERE r.user_id = ? AND r.experiment = ? ORDER BY ${order}`, p);
    const byKey = <T extends { key: string }>(rows: T[]) => rows.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    for (const r of byKey(await of('track_params', 'c.key, c.value', 'c.run_id') as { run_id: string; key: string; value: string }[])) {
      byId.get(r.run_id)!.params[r.key] = JSON.parse(r.value) as RunView['params'][string];
    }
    for (const r of byKey(await of('track_tags', 'c.key, c.value', 'c.run_id') as { run_id: string; key: string; value: string }[])) byId.get(r.run_id)!.tags[r.key] = r.value;
    // Sorted by step then time, so the last point of each key wins (as summarize in descent/track).
    for (const r of await of('track_metrics', 'c.key, c.value', 'c.run_id, c.key, c.step, c.timestamp') as { run_id: string; key: string; value: number | null }[]) {
      byId.get(r.run_id)!.metrics[r.key] = r.value === null ? null : Number(r.value);
    }
    for (const v of byId.values()) v.metrics = Object.fromEntries(Object.entries(v.metrics).sort(([a], [b]) => (a < b ? -1 : 1)));
    return [...byId.values()];
  }

  /** Every point of one metric (or all) of the learner's run, by step; undefined if the run is not theirs. */
  async metricHistory(runId: string, key?: string): Promise<{ key: string; step: number; value: number | null; timestamp: number }[] | undefined> {
    if (!await this.owns(runId)) return undefined;
    const rows = await this.sql.all<{ key: string; step: number; value: number | null; timestamp: number }>(
      `SELECT key, step, value, timestamp FROM track_metrics WHERE run_id = ?${key === undefined ? '' : ' AND key = ?'} ORDER BY step, timestamp`,
      key === undefined ? [runId] : [runId, key]);
    return rows.map((r) => ({ key: r.key, step: Number(r.step), value: r.value === null ? null : Number(r.value), timestamp: Number(r.timestamp) }));
  }

  /** The artifacts of the learner's run (no bytes), by name; undefined if the run is not theirs. */
  async artifacts(runId: string): Promise<ArtifactView[] | undefined> {
    if (!await this.owns(runId)) return undefined;
    const rows = await this.sql.all<{ name: string; kind: ArtifactView['kind']; media_type: string; size: number }>(
      'SELECT name, kind, media_type, size FROM track_artifacts WHERE run_id = ?', [runId]);
    // Sorted here, not in SQL, for the same order on both databases.
    rows.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    return rows.map((r) => ({ name: r.name, kind: r.kind, mediaType: r.media_type, size: Number(r.size) }));
  }

  /** One artifact of the learner's run with its bytes; undefined if there is none (or the run is not theirs). */
  async artifact(runId: string, name: string): Promise<(ArtifactView & { data: Buffer }) | undefined> {
    const row = await this.sql.get<{ kind: ArtifactView['kind']; media_type: string; size: number; data: Uint8Array }>(
      'SELECT a.kind, a.media_type, a.size, a.data FROM track_artifacts a JOIN track_runs r ON r.run_id = a.run_id WHERE a.run_id = ? AND a.name = ? AND r.user_id = ?',
      [runId, name, this.userId]);
    if (row === undefined) return undefined;
    return { name, kind: row.kind, mediaType: row.media_type, size: Number(row.size), data: Buffer.from(row.data) };
  }

  /**
   * Deletes the learner's run with its parameters, tags, metrics and artifacts, in one
   * transaction; false if the run is not theirs. Model versions registered from it stay in the
   * registry (a version may be in production, and its number must not be reused) with their
   * run link cleared, as the schema's ON DELETE SET NULL does.
   */
  async delete(runId: string): Promise<boolean> {
    return this.sql.transaction(async (tx) => {
      if (tx.dialect === 'postgres') await tx.run("SELECT pg_advisory_xact_lock(hashtext('descent-runs'), ?::int)", [this.userId]);
      if (await tx.get('SELECT 1 AS one FROM track_runs WHERE run_id = ? AND user_id = ?', [runId, this.userId]) === undefined) return false;
      // Explicit, not left to the foreign keys: SQLite enforces them only where a connection turned them on.
      for (const table of ['track_params', 'track_tags', 'track_metrics', 'track_artifacts']) await tx.run(`DELETE FROM ${table} WHERE run_id = ?`, [runId]);
      await tx.run('UPDATE track_model_versions SET run_id = NULL WHERE run_id = ? AND user_id = ?', [runId, this.userId]);
      await tx.run('DELETE FROM track_runs WHERE run_id = ? AND user_id = ?', [runId, this.userId]);
      return true;
    });
  }

  private async owns(runId: string): Promise<boolean> {
    return await this.sql.get('SELECT 1 AS one FROM track_runs WHERE run_id = ? AND user_id = ?', [runId, this.userId]) !== undefined;
  }

  /** The learner's model versions, by name then version. */
  async modelVersions(): Promise<ModelVersionView[]> {
    const rows = await this.sql.all<VersionRow>(
      'SELECT name, version, stage, run_id, artifact, data_hash, description, created_at FROM track_model_versions WHERE user_id = ?', [this.userId]);
    // Sorted here, not in SQL: PostgreSQL's collation would order names unlike SQLite's.
    rows.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : Number(a.version) - Number(b.version)));
    return rows.map((r) => ({
      name: r.name, version: Number(r.version), stage: r.stage, runId: r.run_id, artifact: r.artifact, dataHash: r.data_hash, description: r.description, createdAt: Number(r.created_at),
    }));
  }

  /** How many runs each learner has (the instructor's class page). */
  static async countsByUser(sql: Sql): Promise<Map<number, number>> {
    const rows = await sql.all<{ user_id: number; n: number }>('SELECT user_id, COUNT(*) AS n FROM track_runs GROUP BY user_id');
    return new Map(rows.map((r) => [Number(r.user_id), Number(r.n)]));
  }
}
