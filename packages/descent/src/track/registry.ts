/**
 * A model registry (MLflow's, trimmed): each registered name has numbered versions; a version
 * records its lineage (the run that trained it, the artifact holding it, the hash of the
 * training data) and moves through stages none → staging → production → archived. At most
 * one version of a name is in production: promoting one archives the previous by default.
 */
import { MODEL_STAGES, type ModelStage, type ModelVersion, type TrackStore } from './store.js';

/**
 * A 64-bit FNV-1a fingerprint of arrays of numbers (and their lengths), as 16 hex digits:
 * the "data hash" of a model's lineage. Two data sets with one value changed get different
 * hashes. It is a fingerprint, not a cryptographic hash. Runs in browsers and Node alike.
 *
 * ```ts
 * hashData([[1, 2], [3, 4]], [0, 1]);   // '…16 hex digits…'
 * ```
 */
export function hashData(...parts: unknown[]): string {
  // FNV-1a 64 (Fowler–Noll–Vo) in two 32-bit halves, over each value's float64 bytes.
  let hi = 0xcbf29ce4;
  let lo = 0x84222325;
  const buf = new DataView(new ArrayBuffer(8));
  const byte = (b: number) => {
    lo ^= b;
    // multiply (hi, lo) by the FNV prime 0x100000001b3 = 2^40 + 0x1b3
    const loMul = Math.imul(lo, 0x1b3);
    const carry = Math.floor(((lo >>> 0) * 0x1b3) / 0x100000000);
    hi = (Math.imul(hi, 0x1b3) + carry + ((lo << 8) >>> 0)) >>> 0;
    lo = loMul >>> 0;
  };
  const num = (v: number) => {
    buf.setFloat64(0, v);
    for (let i = 0; i < 8; i++) byte(buf.getUint8(i));
  };
  const walk = (x: unknown): void => {
    if (typeof x === 'number') num(x);
    else if (typeof x === 'string') {
      num(x.length);
      for (let i = 0; i < x.length; i++) num(x.charCodeAt(i));
    } else if (x !== null && typeof x === 'object' && 'toArray' in x && typeof (x as { toArray: unknown }).toArray === 'function') {
      const shape = (x as { shape?: number[] }).shape ?? [];
      for (const d of shape) num(d);
      walk((x as { toArray(): unknown }).toArray());
    } else if (x !== null && typeof x === 'object' && typeof (x as ArrayLike<unknown>).length === 'number') {
      const a = x as ArrayLike<unknown>;
      num(a.length);
      for (let i = 0; i < a.length; i++) walk(a[i]);
    } else {
      throw new Error(`hashData: cannot hash a ${x === null ? 'null' : typeof x}; pass arrays, typed arrays, tensors, numbers or strings.`);
    }
  };
  for (const p of parts) walk(p);
  return (hi >>> 0).toString(16).padStart(8, '0') + (lo >>> 0).toString(16).padStart(8, '0');
}

export interface RegisterOptions {
  runId?: string;
  /** The artifact of that run holding the model (default 'model'). */
  artifact?: string;
  dataHash?: string;
  description?: string;
}

/**
 * Versions and stages of named models, kept in a `TrackStore`. Usually reached as
 * `tracker.registry`.
 *
 * ```ts
 * const v = tracker.registry.register('churn', { runId: run.runId, dataHash: hashData(X, y) });
 * tracker.registry.transition('churn', v.version, 'production');
 * tracker.registry.latest('churn', 'production')?.version;   // v.version
 * ```
 */
export class ModelRegistry {
  constructor(readonly store: TrackStore) {}

  register(name: string, options: RegisterOptions = {}): ModelVersion {
    if (typeof name !== 'string' || !/^[\w.-]{1,100}$/.test(name)) {
      throw new Error(`ModelRegistry.register: model name ${JSON.stringify(name)} is not valid; use 1–100 letters, digits and . _ -.`);
    }
    const artifact = options.runId !== undefined ? options.artifact ?? 'model' : options.artifact ?? null;
    if (options.runId !== undefined) {
      if (!this.store.getRun(options.runId)) throw new Error(`ModelRegistry.register: there is no run with id ${options.runId}.`);
      if (artifact !== null && !this.store.getArtifact(options.runId, artifact)) {
        throw new Error(`ModelRegistry.register: run ${options.runId} has no artifact '${artifact}'; log it first with run.logModel('${artifact}', model).`);
      }
    }
    return this.store.createModelVersion({
      name, stage: 'none', runId: options.runId ?? null, artifact, dataHash: options.dataHash ?? null,
      description: options.description ?? '', createdAt: Date.now(),
    });
  }

  versions(name?: string): ModelVersion[] {
    return this.store.listModelVersions(name);
  }

  /** Move a version to a stage. Promoting to 'production' archives the version that was there unless `archiveExisting` is false. */
  transition(name: string, version: number, stage: ModelStage, options: { archiveExisting?: boolean } = {}): ModelVersion {
    if (!MODEL_STAGES.includes(stage)) throw new Error(`ModelRegistry.transition: stage must be one of ${MODEL_STAGES.join(', ')}, got ${JSON.stringify(stage)}.`);
    const all = this.store.listModelVersions(name);
    const target = all.find((v) => v.version === version);
    if (!target) throw new Error(`ModelRegistry.transition: model '${name}' has no version ${version}; it has ${all.map((v) => v.version).join(', ') || 'none'}.`);
    if (stage === 'production' && options.archiveExisting !== false) {
      for (const v of all) if (v.stage === 'production' && v.version !== version) this.store.setModelStage(name, v.version, 'archived');
    }
    this.store.setModelStage(name, version, stage);
    return { ...target, stage };
  }

  /** The newest version of `name` (in `stage`, if given), or null. */
  latest(name: string, stage?: ModelStage): ModelVersion | null {
    const vs = this.store.listModelVersions(name).filter((v) => stage === undefined || v.stage === stage);
    return vs.length === 0 ? null : vs.reduce((a, b) => (b.version > a.version ? b : a));
  }

  /** The stored model of a version, as the bytes its run logged. */
  loadBytes(name: string, versionOrStage: number | ModelStage): Uint8Array {
    const v = typeof versionOrStage === 'number'
      ? this.store.listModelVersions(name).find((x) => x.version === versionOrStage) ?? null
      : this.latest(name, versionOrStage);
    if (!v) throw new Error(`ModelRegistry.loadBytes: model '${name}' has no version ${typeof versionOrStage === 'number' ? versionOrStage : `in stage '${versionOrStage}'`}.`);
    if (v.runId === null || v.artifact === null) throw new Error(`ModelRegistry.loadBytes: version ${v.version} of '${name}' was registered without a run artifact.`);
    const a = this.store.getArtifact(v.runId, v.artifact);
    if (!a) throw new Error(`ModelRegistry.loadBytes: run ${v.runId} no longer has artifact '${v.artifact}'.`);
    return a.bytes;
  }
}
