/**
 * JSON for the database storages that keeps NaN and ±Infinity, which plain JSON (and
 * PostgreSQL's JSONB) cannot hold: a trial may report a NaN loss. Such numbers are written as
 * the strings `"__num:NaN"`, `"__num:Infinity"`, `"__num:-Infinity"` and read back as numbers.
 *
 * ```ts
 * decodeJson(encodeJson({ 3: Number.NaN })); // { 3: NaN }
 * ```
 */
export function encodeJson(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) => (typeof x === 'number' && !Number.isFinite(x) ? `__num:${x}` : x));
}

export function decodeJson<T>(s: string): T {
  return JSON.parse(s, (_k, x: unknown) => (typeof x === 'string' && x.startsWith('__num:') ? Number(x.slice(6)) : x)) as T;
}
