/**
 * Where runs, metrics, artifacts and model versions live. `InMemoryTrackStore` keeps them
 * in this process (browser-safe); `SQLiteTrackStore` in `descent/node` implements the same
 * interface over an SQLite file — the app's own database when the app shows them. The
 * shapes follow MLflow's tracking model (runs with params, metrics over steps, tags,
 * artifacts; a registry of model versions with stages).
 */

export type RunStatus = 'RUNNING' | 'FINISHED' | 'FAILED';
export type ParamValue = string | number | boolean | null;
export type ArtifactKind = 'model' | 'figure' | 'data' | 'other';
/** MLflow's registry stages: a version starts in 'none' and is promoted or archived. */
export type ModelStage = 'none' | 'staging' | 'production' | 'archived';
export const MODEL_STAGES: readonly ModelStage[] = ['none', 'staging', 'production', 'archived'];

export interface RunInfo {
  runId: string;
  experiment: string;
  name: string;
  status: RunStatus;
  /** Milliseconds since the epoch. */
  startTime: number;
  endTime: number | null;
}

export interface MetricPoint {
  key: string;
  value: number;
  step: number;
  timestamp: number;
}

export interface ArtifactInfo {
  runId: string;
  name: string;
  kind: ArtifactKind;
  mediaType: string;
  size: number;
}

export interface ModelVersion {
  name: string;
  version: number;
  stage: ModelStage;
  /** Lineage: the run that produced it and the hash of the data it was trained on. */
  runId: string | null;
  artifact: string | null;
  dataHash: string | null;
  description: string;
  createdAt: number;
}

export interface TrackStore {
  createRun(run: RunInfo): void;
  /** Finish (or fail) a run. */
  setRunStatus(runId: string, status: RunStatus, endTime: number | null): void;
  getRun(runId: string): RunInfo | null;
  /** Runs oldest first, of one experiment or of all. */
  listRuns(experiment?: string): RunInfo[];
  listExperiments(): string[];
  /** Parameters are written once: logging a key again with another value is an error (as in MLflow). */
  logParams(runId: string, params: Record<string, ParamValue>): void;
  getParams(runId: string): Record<string, ParamValue>;
  setTags(runId: string, tags: Record<string, string>): void;
  getTags(runId: string): Record<string, string>;
  logMetrics(runId: string, points: readonly MetricPoint[]): void;
  /** Every point of one metric (or of all metrics), by step then time. */
  getMetricHistory(runId: string, key?: string): MetricPoint[];
  putArtifact(info: ArtifactInfo, bytes: Uint8Array): void;
  getArtifact(runId: string, name: string): { info: ArtifactInfo; bytes: Uint8Array } | null;
  listArtifacts(runId: string): ArtifactInfo[];
  /** Adds the next version of a registered model (1, 2, …) and returns it. */
  createModelVersion(v: Omit<ModelVersion, 'version'>): ModelVersion;
  listModelVersions(name?: string): ModelVersion[];
  setModelStage(name: string, version: number, stage: ModelStage): void;
}

/** The uniform "write-once parameter" error, shared by both stores. */
export function paramConflict(runId: string, key: string, old: ParamValue, value: ParamValue): Error {
  return new Error(`Run.logParams: parameter '${key}' of run ${runId} is already ${JSON.stringify(old)}; `
    + `parameters are written once, so log ${JSON.stringify(value)} under another key or start a new run.`);
}

/**
 * Runs kept in this process's memory: the default store, and the one a browser uses.
 *
 * ```ts
 * const tracker = new Tracker({ store: new InMemoryTrackStore() });
 * ```
 */
export class InMemoryTrackStore implements TrackStore {
  private readonly runs = new Map<string, RunInfo>();
  private readonly params = new Map<string, Record<string, ParamValue>>();
  private readonly tags = new Map<string, Record<string, string>>();
  private readonly metrics = new Map<string, MetricPoint[]>();
  private readonly artifacts = new Map<string, Map<string, { info: ArtifactInfo; bytes: Uint8Array }>>();
  private readonly versions: ModelVersion[] = [];

  createRun(run: RunInfo): void {
    if (this.runs.has(run.runId)) throw new Error(`TrackStore: a run with id ${run.runId} already exists.`);
    this.runs.set(run.runId, { ...run });
    this.params.set(run.runId, {});
    this.tags.set(run.runId, {});
    this.metrics.set(run.runId, []);
    this.artifacts.set(run.runId, new Map());
  }

  setRunStatus(runId: string, status: RunStatus, endTime: number | null): void {
    const r = this.run(runId);
    r.status = status;
    r.endTime = endTime;
  }

  getRun(runId: string): RunInfo | null {
    const r = this.runs.get(runId);
    return r ? { ...r } : null;
  }

  listRuns(experiment?: string): RunInfo[] {
    return [...this.runs.values()].filter((r) => experiment === undefined || r.experiment === experiment).map((r) => ({ ...r }));
  }

  listExperiments(): string[] {
    return [...new Set([...this.runs.values()].map((r) => r.experiment))].sort();
  }

  logParams(runId: string, params: Record<string, ParamValue>): void {
    this.run(runId);
    const p = this.params.get(runId)!;
    for (const [k, v] of Object.entries(params)) {
      if (k in p && p[k] !== v) throw paramConflict(runId, k, p[k] as ParamValue, v);
    }
    Object.assign(p, params);
  }

  getParams(runId: string): Record<string, ParamValue> {
    this.run(runId);
    return { ...this.params.get(runId) };
  }

  setTags(runId: string, tags: Record<string, string>): void {
    this.run(runId);
    Object.assign(this.tags.get(runId)!, tags);
  }

  getTags(runId: string): Record<string, string> {
    this.run(runId);
    return { ...this.tags.get(runId) };
  }

  logMetrics(runId: string, points: readonly MetricPoint[]): void {
    this.run(runId);
    this.metrics.get(runId)!.push(...points.map((p) => ({ ...p })));
  }

  getMetricHistory(runId: string, key?: string): MetricPoint[] {
    this.run(runId);
    return this.metrics.get(runId)!
      .filter((p) => key === undefined || p.key === key)
      .sort((a, b) => a.step - b.step || a.timestamp - b.timestamp)
      .map((p) => ({ ...p }));
  }

  putArtifact(info: ArtifactInfo, bytes: Uint8Array): void {
    this.run(info.runId);
    this.artifacts.get(info.runId)!.set(info.name, { info: { ...info }, bytes: bytes.slice() });
  }

  getArtifact(runId: string, name: string): { info: ArtifactInfo; bytes: Uint8Array } | null {
    const a = this.artifacts.get(runId)?.get(name);
    return a ? { info: { ...a.info }, bytes: a.bytes.slice() } : null;
  }

  listArtifacts(runId: string): ArtifactInfo[] {
    this.run(runId);
    return [...this.artifacts.get(runId)!.values()].map((a) => ({ ...a.info }));
  }

  createModelVersion(v: Omit<ModelVersion, 'version'>): ModelVersion {
    const version = 1 + Math.max(0, ...this.versions.filter((x) => x.name === v.name).map((x) => x.version));
    const mv = { ...v, version };
    this.versions.push(mv);
    return { ...mv };
  }

  listModelVersions(name?: string): ModelVersion[] {
    return this.versions.filter((v) => name === undefined || v.name === name).map((v) => ({ ...v }));
  }

  setModelStage(name: string, version: number, stage: ModelStage): void {
    const v = this.versions.find((x) => x.name === name && x.version === version);
    if (!v) throw new Error(`ModelRegistry: model '${name}' has no version ${version}.`);
    v.stage = stage;
  }

  private run(runId: string): RunInfo {
    const r = this.runs.get(runId);
    if (!r) throw new Error(`TrackStore: there is no run with id ${runId}.`);
    return r;
  }
}
