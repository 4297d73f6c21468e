/**
 * Turning parameters and fitted attributes into plain JSON and back. JSON has no NaN,
 * Infinity or typed arrays, and estimators nest inside others (a Pipeline's steps), so a
 * few tagged forms are used: `{ "$num": "NaN" }`, `{ "$f64": [...] }`, `{ "$i32": [...] }`,
 * `{ "$estimator": {...} }`. Everything else is stored as is.
 */

/** Any value `JSON.stringify` writes faithfully. */
export type JSONValue = null | boolean | number | string | JSONValue[] | { [key: string]: JSONValue };

/** What `toJSON` of any estimator returns; `loadEstimator` reads it back. */
export interface EstimatorJSON {
  /** The registered name, e.g. "StandardScaler". */
  estimator: string;
  /** Format version of this object. */
  format: 1;
  params: { [key: string]: JSONValue };
  /** Fitted attributes (names ending in `_`), or null when unfitted. */
  fitted: { [key: string]: JSONValue } | null;
}

/** Anything with a `toJSON` giving an `EstimatorJSON` (a BaseEstimator). */
interface Serializable {
  toJSON(): EstimatorJSON;
  getParams(deep?: boolean): Record<string, unknown>;
}

function isEstimatorLike(v: unknown): v is Serializable {
  return typeof v === 'object' && v !== null && typeof (v as Serializable).getParams === 'function' &&
    typeof (v as Serializable).toJSON === 'function';
}

export function encodeValue(v: unknown, path: string): JSONValue {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? v : { $num: String(v) };
  // Int32Array keeps its type (tree node indices), so a loaded estimator equals the saved one.
  if (v instanceof Int32Array) return { $i32: Array.from(v) };
  if (v instanceof Float64Array || v instanceof Float32Array) {
    return { $f64: Array.from(v, (x) => encodeValue(x, path)) };
  }
  if (Array.isArray(v)) return v.map((x, i) => encodeValue(x, `${path}[${i}]`));
  if (isEstimatorLike(v)) return { $estimator: v.toJSON() as unknown as JSONValue };
  if (typeof v === 'object') {
    const out: { [key: string]: JSONValue } = {};
    for (const [k, x] of Object.entries(v as object)) if (x !== undefined) out[k] = encodeValue(x, `${path}.${k}`);
    return out;
  }
  throw new TypeError(`Cannot save ${path}: a ${typeof v} has no JSON form. Use a built-in option instead of a function to make the estimator saveable.`);
}

/** Inverse of `encodeValue`; `loadNested` rebuilds nested estimators. */
export function decodeValue(v: JSONValue, loadNested: (json: EstimatorJSON) => unknown): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map((x) => decodeValue(x, loadNested));
  if ('$num' in v && Object.keys(v).length === 1) return Number(v.$num);
  if ('$f64' in v && Object.keys(v).length === 1) return Float64Array.from((v.$f64 as JSONValue[]).map((x) => decodeValue(x, loadNested) as number));
  if ('$i32' in v && Object.keys(v).length === 1) return Int32Array.from(v.$i32 as number[]);
  if ('$estimator' in v && Object.keys(v).length === 1) return loadNested(v.$estimator as unknown as EstimatorJSON);
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) out[k] = decodeValue(x, loadNested);
  return out;
}
