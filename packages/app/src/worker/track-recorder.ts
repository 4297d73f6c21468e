/**
 * Runs a cell makes with `descent/track`, sent on to the learner's Runs page. The first time a
 * cell imports `descent/track`, the worker makes the default store of `new Tracker()` an
 * in-memory one that also notes which runs changed (setDefaultTrackStore). After each cell,
 * `take()` returns every run the cell touched, whole, and the page uploads them
 * (`POST /api/runs`, which replaces an earlier upload of the same run). So a run shows up when
 * the cell that made it finishes, and again, updated, after a later cell adds to it (ends it,
 * registers a model from it). Cells keep reading their runs from memory as before.
 *
 * A cell that is stopped, or runs past the time limit, never finishes, and its worker is
 * terminated with the runs in it. So that they are not lost, every change is also sent to the
 * page at once (`onChange`): the first change to a run in a cell sends the whole run, later
 * ones the run again, or for metric points only the new points. The page keeps the latest copy
 * of each run and uploads them if the cell is stopped. The messages are posted from inside the
 * cell's own code, so they arrive even during a loop that never yields. (Sending the whole run
 * with every metric point would copy a training loop's history at every step; a delta is a few
 * microseconds.)
 */
import type * as Track from 'descent/track';
import type { RunUpload } from '../shared/api.js';

export interface TrackRecorder {
  /** The runs changed since the last call, ready to upload. */
  take(): RunUpload[];
}

/** Bytes as base64, in chunks (String.fromCharCode takes a limited number of arguments). */
function toBase64(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
}

/** What the worker sends the page as a cell changes a run: the whole run, or metric points to append to it. */
export type RunChange = { run: RunUpload } | { runId: string; points: RunUpload['metrics'] };

/** JSON has no NaN or ±Infinity: they travel (and are stored) as null. */
const forJson = (points: readonly Track.MetricPoint[]): RunUpload['metrics'] =>
  points.map((p) => ({ ...p, value: Number.isFinite(p.value) ? p.value : null }));

/**
 * Installs the recording default store in `track` (the module the cells get) and returns its
 * recorder; `onChange` gets every change as it happens (see above).
 */
export function recordTracking(track: typeof Track, onChange?: (change: RunChange) => void): TrackRecorder {
  class RecordingTrackStore extends track.InMemoryTrackStore {
    readonly touched = new Set<string>();
    /** Runs sent whole since the last `drain`, the end of the last cell. */
    private readonly sent = new Set<string>();

    private touch(runId: string, points?: readonly Track.MetricPoint[]): void {
      this.touched.add(runId);
      if (onChange === undefined) return;
      if (points !== undefined && this.sent.has(runId)) {
        onChange({ runId, points: forJson(points) });
        return;
      }
      const run = this.upload(runId);
      if (run === null) return;
      this.sent.add(runId);
      onChange({ run });
    }

    override createRun(run: Track.RunInfo): void {
      super.createRun(run);
      this.touch(run.runId);
    }

    override setRunStatus(runId: string, status: Track.RunStatus, endTime: number | null): void {
      super.setRunStatus(runId, status, endTime);
      this.touch(runId);
    }

    override logParams(runId: string, params: Record<string, Track.ParamValue>): void {
      super.logParams(runId, params);
      this.touch(runId);
    }

    override setTags(runId: string, tags: Record<string, string>): void {
      super.setTags(runId, tags);
      this.touch(runId);
    }

    override logMetrics(runId: string, points: readonly Track.MetricPoint[]): void {
      super.logMetrics(runId, points);
      this.touch(runId, points);
    }

    override putArtifact(info: Track.ArtifactInfo, bytes: Uint8Array): void {
      super.putArtifact(info, bytes);
      this.touch(info.runId);
    }

    // A model version travels with the run it came from.
    override createModelVersion(v: Omit<Track.ModelVersion, 'version'>): Track.ModelVersion {
      const made = super.createModelVersion(v);
      if (v.runId !== null) this.touch(v.runId);
      return made;
    }

    override setModelStage(name: string, version: number, stage: Track.ModelStage): void {
      super.setModelStage(name, version, stage);
      const runId = this.listModelVersions(name).find((x) => x.version === version)?.runId;
      if (runId !== null && runId !== undefined) this.touch(runId);
    }

    /** The run as `POST /api/runs` takes it, or null if this store has no such run. */
    upload(runId: string): RunUpload | null {
      const info = this.getRun(runId);
      if (info === null) return null;
      return {
        ...info,
        params: this.getParams(runId),
        tags: this.getTags(runId),
        metrics: forJson(this.getMetricHistory(runId)),
        artifacts: this.listArtifacts(runId).map((a) => ({ name: a.name, kind: a.kind, mediaType: a.mediaType, base64: toBase64(this.getArtifact(runId, a.name)!.bytes) })),
        models: this.listModelVersions().filter((v) => v.runId === runId)
          .map((v) => ({ name: v.name, stage: v.stage, artifact: v.artifact, dataHash: v.dataHash, description: v.description, createdAt: v.createdAt })),
      };
    }

    drain(): RunUpload[] {
      const out = [...this.touched].map((runId) => this.upload(runId)).filter((r) => r !== null);
      this.touched.clear();
      this.sent.clear();
      return out;
    }
  }

  // Each tracker keeps its own store, as without the app: a cell run twice starts afresh.
  const stores: RecordingTrackStore[] = [];
  track.setDefaultTrackStore(() => {
    const store = new RecordingTrackStore();
    stores.push(store);
    return store;
  });
  return { take: () => stores.flatMap((s) => s.drain()) };
}
