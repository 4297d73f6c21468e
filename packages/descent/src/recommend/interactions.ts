/**
 * The data every recommender here reads: a sparse user × item matrix given as triplets
 * (user, item, value), plus the compressed-row views the fitting loops walk.
 *
 * Explicit feedback stores a rating in `values`; implicit feedback stores a count or
 * strength (clicks, plays), where a missing entry means "not observed", not "disliked".
 */
import { InvalidParameterError, NotFittedError } from '../learn/base/errors.js';

/** Triplets (users[n], items[n], values[n]) over `nUsers` users and `nItems` items. */
export interface Interactions {
  readonly users: ArrayLike<number>;
  readonly items: ArrayLike<number>;
  readonly values: ArrayLike<number>;
  readonly nUsers: number;
  readonly nItems: number;
}

/** Compressed sparse rows: row r's entries are `indices[indptr[r]..indptr[r+1]]`, sorted. */
export interface Csr {
  readonly nRows: number;
  readonly nCols: number;
  readonly indptr: Int32Array;
  readonly indices: Int32Array;
  readonly data: Float64Array;
}

/**
 * Check triplets and name the first problem: lengths, integer ids in range, finite values,
 * and no (user, item) pair twice (a duplicate would silently count double).
 *
 * @example
 * ```ts
 * checkInteractions('ALS.fit', { users: [0, 1], items: [1, 0], values: [5, 3], nUsers: 2, nItems: 2 });
 * ```
 */
export function checkInteractions(fn: string, data: Interactions): void {
  if (data === null || typeof data !== 'object') {
    throw new TypeError(`${fn}: expected interactions { users, items, values, nUsers, nItems }; got ${String(data)}`);
  }
  const { users, items, values, nUsers, nItems } = data;
  for (const [name, v] of [['nUsers', nUsers], ['nItems', nItems]] as const) {
    if (!Number.isInteger(v) || v < 1) throw new RangeError(`${fn}: \`${name}\` must be a positive integer; got ${String(v)}`);
  }
  if (users?.length === undefined || items?.length === undefined || values?.length === undefined) {
    throw new TypeError(`${fn}: interactions need array-like \`users\`, \`items\` and \`values\``);
  }
  if (users.length !== items.length || users.length !== values.length) {
    throw new RangeError(
      `${fn}: users, items and values must have one entry per interaction; got lengths ${users.length}, ${items.length}, ${values.length}`,
    );
  }
  if (users.length === 0) throw new RangeError(`${fn}: no interactions to learn from; pass at least one (user, item, value)`);
  const seen = new Set<number>();
  for (let n = 0; n < users.length; n++) {
    const u = users[n];
    const i = items[n];
    const v = values[n];
    if (!Number.isInteger(u) || u < 0 || u >= nUsers) {
      throw new RangeError(`${fn}: users[${n}] = ${u} is not an integer id in [0, ${nUsers}); map user ids to 0..nUsers-1 first`);
    }
    if (!Number.isInteger(i) || i < 0 || i >= nItems) {
      throw new RangeError(`${fn}: items[${n}] = ${i} is not an integer id in [0, ${nItems}); map item ids to 0..nItems-1 first`);
    }
    if (!Number.isFinite(v)) throw new RangeError(`${fn}: values[${n}] = ${v} is not finite; drop or impute it first`);
    const key = u * nItems + i;
    if (seen.has(key)) {
      throw new RangeError(`${fn}: the pair (user ${u}, item ${i}) appears twice; aggregate duplicates (sum or last) first`);
    }
    seen.add(key);
  }
}

/**
 * The interactions as rows of users (`byUser = true`) or rows of items, columns sorted.
 *
 * @example
 * ```ts
 * const R = toCsr({ users: [0, 0, 1], items: [2, 0, 1], values: [1, 2, 3], nUsers: 2, nItems: 3 }, true);
 * Array.from(R.indices); // [0, 2, 1]
 * ```
 */
export function toCsr(data: Interactions, byUser: boolean): Csr {
  const rows = byUser ? data.users : data.items;
  const cols = byUser ? data.items : data.users;
  const nRows = byUser ? data.nUsers : data.nItems;
  const nCols = byUser ? data.nItems : data.nUsers;
  const n = rows.length;
  const indptr = new Int32Array(nRows + 1);
  for (let k = 0; k < n; k++) indptr[rows[k] + 1]++;
  for (let r = 0; r < nRows; r++) indptr[r + 1] += indptr[r];
  const fill = indptr.slice(0, nRows);
  const indices = new Int32Array(n);
  const values = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const p = fill[rows[k]]++;
    indices[p] = cols[k];
    values[p] = data.values[k];
  }
  // Sort each row by column (insertion sort: rows are short and often nearly sorted).
  for (let r = 0; r < nRows; r++) {
    for (let a = indptr[r] + 1; a < indptr[r + 1]; a++) {
      const c = indices[a];
      const v = values[a];
      let b = a - 1;
      while (b >= indptr[r] && indices[b] > c) {
        indices[b + 1] = indices[b];
        values[b + 1] = values[b];
        b--;
      }
      indices[b + 1] = c;
      values[b + 1] = v;
    }
  }
  return { nRows, nCols, indptr, indices, data: values };
}

/** Validate a hyper-parameter with the library's uniform message. */
export function checkParam(owner: string, name: string, value: unknown, ok: boolean, what: string): void {
  if (!ok) throw new InvalidParameterError(`The \`${name}\` parameter of ${owner} must be ${what}. Got ${String(value)} instead.`);
}

/** Throw the usual error when a recommender is used before `fit`. */
export function notFitted(owner: string): never {
  throw new NotFittedError(owner);
}

/** Check a user id against a fitted model. */
export function checkUser(fn: string, u: number, nUsers: number): void {
  if (!Number.isInteger(u) || u < 0 || u >= nUsers) {
    throw new RangeError(`${fn}: user ${u} is not an integer id in [0, ${nUsers}); the model was fitted on ${nUsers} users`);
  }
}
