/**
 * Loading a saved model for `descent serve` and describing its input: an estimator saved
 * with `toJSON` (a `.json` file), an `nn` model exported with `exportOnnx` (a `.onnx`
 * file), or a version from the tracking registry. The input schema — how many features,
 * their names, numbers only — becomes the JSON schema every request is validated against.
 */
import { readFileSync } from 'node:fs';
import { loadEstimator } from 'descent/learn';
import { SQLiteTrackStore } from 'descent/node';
import { decodeModel, importOnnx } from 'descent/onnx';
import { tensor } from 'descent/tensor';
import { ModelRegistry, type ModelStage, type ModelVersion } from 'descent/track';

/** What a served model takes. */
export interface InputSchema {
  nFeatures: number;
  /** Named features let a request send `{ "age": 41, ... }` objects instead of arrays. */
  featureNames: string[] | null;
}

export interface ServedModel {
  /** e.g. 'LogisticRegression' or 'onnx'. */
  kind: string;
  name: string;
  input: InputSchema;
  /** One prediction per row; probabilities too when the model has them. */
  predict(rows: number[][]): { predictions: (number | string)[]; probabilities?: number[][] };
}

interface EstimatorLike {
  estimatorName: string;
  nFeaturesIn_?: number;
  predict(X: number[][]): ArrayLike<number | string>;
  predictProba?(X: number[][]): number[][];
}

function fromEstimatorJSON(text: string, name: string, featureNames: string[] | null): ServedModel {
  const est = loadEstimator(text) as unknown as EstimatorLike;
  const n = est.nFeaturesIn_;
  if (typeof n !== 'number') throw new Error(`descent serve: ${name} holds an unfitted ${est.estimatorName}; save it after fit.`);
  checkNames(featureNames, n, name);
  return {
    kind: est.estimatorName,
    name,
    input: { nFeatures: n, featureNames },
    predict(rows) {
      const predictions = Array.from(est.predict(rows));
      if (typeof est.predictProba !== 'function') return { predictions };
      return { predictions, probabilities: est.predictProba(rows) };
    },
  };
}

function fromOnnx(bytes: Uint8Array, name: string, featureNames: string[] | null): ServedModel {
  const net = importOnnx(bytes);
  net.eval();
  const inputs = decodeModel(bytes).graph.input.filter((v) => net.inputNames.includes(v.name));
  const shape = inputs[0]?.shape ?? [];
  if (inputs.length !== 1 || shape.length !== 2 || typeof shape[1] !== 'number') {
    throw new Error(`descent serve: ${name} must take one input of shape (batch, features); it takes ${inputs.map((v) => `${v.name} (${v.shape.join(', ')})`).join(', ')}.`);
  }
  const n = shape[1];
  checkNames(featureNames, n, name);
  return {
    kind: 'onnx',
    name,
    input: { nFeatures: n, featureNames },
    predict(rows) {
      const out = net.forward(tensor(rows, { dtype: 'float32' }));
      const t = Array.isArray(out) ? out[0]! : out;
      const values = t.toArray() as number[] | number[][];
      // (N, 1) outputs become one number per row; wider outputs stay rows (logits or scores).
      const predictions = values.map((v) => (Array.isArray(v) ? (v.length === 1 ? v[0]! : v) : v)) as (number | string)[];
      return { predictions };
    },
  };
}

function checkNames(names: string[] | null, n: number, name: string): void {
  if (names !== null && names.length !== n) {
    throw new Error(`descent serve: --features names ${names.length} features but ${name} takes ${n}; give exactly ${n} comma-separated names.`);
  }
  if (names !== null && new Set(names).size !== names.length) throw new Error('descent serve: --features has a repeated name.');
}

/** A model from bytes: JSON text is an estimator, anything else is tried as ONNX. */
export function modelFromBytes(bytes: Uint8Array, name: string, featureNames: string[] | null = null): ServedModel {
  const first = bytes.find((b) => b !== 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09);
  if (first === 0x7b /* { */) return fromEstimatorJSON(new TextDecoder().decode(bytes), name, featureNames);
  return fromOnnx(bytes, name, featureNames);
}

/** A model from a file (`.json` estimator or `.onnx` network). */
export function loadModelFile(path: string, featureNames: string[] | null = null): ServedModel {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(readFileSync(path));
  } catch (e) {
    throw new Error(`descent serve: cannot read the model file ${path}: ${(e as Error).message}.`, { cause: e });
  }
  return modelFromBytes(bytes, path, featureNames);
}

/**
 * A registered model version from a tracking database (by version number or stage). In the
 * app's own database every registry row belongs to a learner, and two learners may each have
 * a "churn" v1: `username` picks whose. Without it the name must belong to one learner only.
 */
export function loadRegisteredModel(dbPath: string, name: string, versionOrStage: number | ModelStage, featureNames: string[] | null = null, username?: string): ServedModel {
  const store = new SQLiteTrackStore(dbPath);
  try {
    const owner = registryOwner(store, name, username);
    const scoped = owner === null ? store : new OwnedRegistryStore(store, owner);
    const bytes = new ModelRegistry(scoped).loadBytes(name, versionOrStage);
    return modelFromBytes(bytes, `${name}@${versionOrStage}${username === undefined ? '' : ` of ${username}`}`, featureNames);
  } finally {
    store.close();
  }
}

/**
 * Whose rows to read in the app's database (its registry has a `user_id` column; 0 is the
 * one-person user): `username`'s, or the only owner of models called `name`. null for a plain
 * tracking file.
 */
function registryOwner(store: SQLiteTrackStore, name: string, username: string | undefined): number | null {
  const columns = store.db.prepare('PRAGMA table_info(track_model_versions)').all() as { name: string }[];
  if (!columns.some((c) => c.name === 'user_id')) {
    if (username !== undefined) throw new Error(`descent serve: --user picks a learner in the app's database; ${store.db.name} is a plain tracking file, with no learners.`);
    return null;
  }
  const hasUsers = (store.db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'users'").get() as { n: number }).n > 0;
  const nameOf = (id: number) => (id === 0 ? 'you (one-person use)' : hasUsers ? ((store.db.prepare('SELECT username FROM users WHERE id = ?').get(id) as { username: string } | undefined)?.username ?? `user ${id}`) : `user ${id}`);
  if (username !== undefined) {
    const row = hasUsers ? store.db.prepare('SELECT id FROM users WHERE username = ?').get(username.trim().toLowerCase()) as { id: number } | undefined : undefined;
    if (row === undefined) throw new Error(`descent serve: this database has no learner called "${username}".`);
    return Number(row.id);
  }
  const owners = (store.db.prepare('SELECT DISTINCT user_id FROM track_model_versions WHERE name = ? ORDER BY user_id').all(name) as { user_id: number }[]).map((r) => Number(r.user_id));
  if (owners.length > 1) {
    throw new Error(`descent serve: ${owners.length} learners in this database registered a model called "${name}" (${owners.map(nameOf).join(', ')}); choose one with --user <name>.`);
  }
  return owners[0] ?? 0;
}

/**
 * The registry of one owner in the app's database, as a store ModelRegistry can read: only
 * listing versions changes; every other method is SQLiteTrackStore's own, on the same open
 * database (artifacts are found by their run's id, which is unique across learners anyway).
 */
class OwnedRegistryStore extends SQLiteTrackStore {
  constructor(store: SQLiteTrackStore, private readonly userId: number) {
    super(store.db);
  }

  override listModelVersions(name?: string): ModelVersion[] {
    const rows = this.db.prepare('SELECT name, version, stage, run_id, artifact, data_hash, description, created_at FROM track_model_versions WHERE user_id = ? AND (? IS NULL OR name = ?) ORDER BY name, version')
      .all(this.userId, name ?? null, name ?? null) as VersionRow[];
    return rows.map((r) => ({ name: r.name, version: r.version, stage: r.stage, runId: r.run_id, artifact: r.artifact, dataHash: r.data_hash, description: r.description, createdAt: r.created_at }));
  }
}

interface VersionRow { name: string; version: number; stage: ModelStage; run_id: string | null; artifact: string | null; data_hash: string | null; description: string; created_at: number }

/**
 * The request body's JSON schema: `{ instances: [...] }`, 1 to `maxBatch` rows, each an
 * array of exactly `nFeatures` numbers or, with named features, an object with exactly
 * those keys. Fastify compiles it with Ajv, so a bad request is refused before any model code runs.
 */
export function requestSchema(input: InputSchema, maxBatch: number): Record<string, unknown> {
  const row = { type: 'array', items: { type: 'number' }, minItems: input.nFeatures, maxItems: input.nFeatures };
  const items = input.featureNames === null ? row : {
    anyOf: [row, {
      type: 'object',
      properties: Object.fromEntries(input.featureNames.map((f) => [f, { type: 'number' }])),
      required: input.featureNames,
      additionalProperties: false,
    }],
  };
  return {
    type: 'object',
    properties: { instances: { type: 'array', minItems: 1, maxItems: maxBatch, items } },
    required: ['instances'],
    additionalProperties: false,
  };
}

/** Rows as arrays, named objects put in the schema's feature order. */
export function toRows(instances: (number[] | Record<string, number>)[], input: InputSchema): number[][] {
  return instances.map((r) => (Array.isArray(r) ? r : input.featureNames!.map((f) => r[f]!)));
}
