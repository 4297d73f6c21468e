/**
 * Runs a cell makes with `descent/track`, sent on to the learner's Runs page. The first time a
 * cell imports `descent/track`, the worker makes the default store of `new Tracker()` an
 * in-memory one that also notes which runs changed (setDefaultTrackStore). After each cell,
 * `take()` returns every run the cell touched, whole, and the page uploads them
 * (`POST /api/runs`, which replaces an earlier upload of the same run). So a run shows up when
 * the cell that made it finishes, and again, updated, after a later cell adds to it (ends it,
 * registers a model from it). Cells keep reading their runs from memory as before.
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

/** Installs the recording default store in `track` (the module the cells get) and returns its recorder. */
export function recordTracking(track: typeof Track): TrackRecorder {
  class RecordingTrackStore extends track.InMemoryTrackStore {
    readonly touched = new Set<string>();

    override createRun(run: Track.RunInfo): void {
      super.createRun(run);
      this.touched.add(run.runId);
    }

    override setRunStatus(runId: string, status: Track.RunStatus, endTime: number | null): void {
      super.setRunStatus(runId, status, endTime);
      this.touched.add(runId);
    }

    override logParams(runId: string, params: Record<string, Track.ParamValue>): void {
      super.logParams(runId, params);
      this.touched.add(runId);
    }

    override setTags(runId: string, tags: Record<string, string>): void {
      super.setTags(runId, tags);
      this.touched.add(runId);
    }

    override logMetrics(runId: string, points: readonly Track.MetricPoint[]): void {
      super.logMetrics(runId, points);
      this.touched.add(runId);
    }

    override putArtifact(info: Track.ArtifactInfo, bytes: Uint8Array): void {
      super.putArtifact(info, bytes);
      this.touched.add(info.runId);
    }

    // A model version travels with the run it came from.
    override createModelVersion(v: Omit<Track.ModelVersion, 'version'>): Track.ModelVersion {
      const made = super.createModelVersion(v);
      if (v.runId !== null) this.touched.add(v.runId);
      return made;
    }

    override setModelStage(name: string, version: number, stage: Track.ModelStage): void {
      super.setModelStage(name, version, stage);
      const runId = this.listModelVersions(name).find((x) => x.version === version)?.runId;
      if (runId !== null && runId !== undefined) this.touched.add(runId);
    }

    drain(): RunUpload[] {
      const out: RunUpload[] = [];
      for (const runId of this.touched) {
        const info = this.getRun(runId);
        if (info === null) continue;
        out.push({
          ...info,
          params: this.getParams(runId),
          tags: this.getTags(runId),
          // JSON has no NaN or ±Infinity: they travel (and are stored) as null.
          metrics: this.getMetricHistory(runId).map((p) => ({ ...p, value: Number.isFinite(p.value) ? p.value : null })),
          artifacts: this.listArtifacts(runId).map((a) => ({ name: a.name, kind: a.kind, mediaType: a.mediaType, base64: toBase64(this.getArtifact(runId, a.name)!.bytes) })),
          models: this.listModelVersions().filter((v) => v.runId === runId)
            .map((v) => ({ name: v.name, stage: v.stage, artifact: v.artifact, dataHash: v.dataHash, description: v.description, createdAt: v.createdAt })),
        });
      }
      this.touched.clear();
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
