/**
 * Chart builders accept plain number arrays and anything with a `toArray()` method, such as
 * Descent tensors. This file turns both into plain arrays without importing the tensor module,
 * so `descent/plot` stays independent of the tensor engine.
 */

/** Something that can become numbers: an array, a typed array, or an object with `toArray()`. */
export type Numeric = ArrayLike<number> | { toArray(): unknown };

/** A 2-D grid of numbers: nested arrays, or an object whose `toArray()` returns nested arrays. */
export type NumericMatrix = ArrayLike<ArrayLike<number>> | { toArray(): unknown };

function hasToArray(x: unknown): x is { toArray(): unknown } {
  return typeof x === 'object' && x !== null && typeof (x as { toArray?: unknown }).toArray === 'function';
}

function flatten(x: unknown, out: number[], what: string): void {
  if (typeof x === 'number') {
    out.push(x);
  } else if (typeof x === 'object' && x !== null && 'length' in x) {
    for (const item of Array.from(x as ArrayLike<unknown>)) flatten(item, out, what);
  } else {
    throw new TypeError(`${what} must contain only numbers. Got ${typeof x} instead.`);
  }
}

/**
 * Flattens numbers, number arrays, typed arrays and tensors into a plain `number[]`.
 *
 * @example
 * toNumbers(new Float64Array([1, 2]));        // [1, 2]
 * toNumbers({ toArray: () => [[1], [2]] });    // [1, 2]
 */
export function toNumbers(x: Numeric, what = 'values'): number[] {
  const out: number[] = [];
  flatten(hasToArray(x) ? x.toArray() : x, out, what);
  return out;
}

/**
 * Turns a nested array or a 2-D tensor into rows of numbers, checking the rows line up.
 *
 * @example
 * toMatrix([[1, 2], [3, 4]]); // [[1, 2], [3, 4]]
 */
export function toMatrix(x: NumericMatrix, what = 'matrix'): number[][] {
  const raw = hasToArray(x) ? x.toArray() : x;
  if (typeof raw !== 'object' || raw === null || !('length' in raw)) {
    throw new TypeError(`${what} must be a 2-D array. Got ${typeof raw} instead.`);
  }
  const rows = Array.from(raw as ArrayLike<unknown>, (row) => toNumbers(row as Numeric, what));
  const width = rows[0]?.length ?? 0;
  if (rows.some((row) => row.length !== width)) {
    throw new RangeError(`Every row of ${what} must have the same length (${width}).`);
  }
  return rows;
}

/** Labels may be numbers (class indices) or strings; charts show them as strings. */
export type Labels = ArrayLike<number | string> | { toArray(): unknown };

export function toLabels(x: Labels, what = 'labels'): string[] {
  const raw = hasToArray(x) ? x.toArray() : x;
  return Array.from(raw as ArrayLike<unknown>, (v) => {
    if (typeof v !== 'number' && typeof v !== 'string') {
      throw new TypeError(`${what} must be numbers or strings. Got ${typeof v} instead.`);
    }
    return String(v);
  });
}

/** Evenly spaced numbers from `start` to `stop` inclusive, like NumPy's `linspace`. */
export function linspace(start: number, stop: number, n: number): number[] {
  if (n === 1) return [start];
  return Array.from({ length: n }, (_, i) => start + ((stop - start) * i) / (n - 1));
}
