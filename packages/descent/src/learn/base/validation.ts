/**
 * Input checks (scikit-learn's `check_array`, `check_X_y`, `check_consistent_length`).
 * Every estimator passes its inputs through here, so the accepted forms and the error
 * messages are the same everywhere.
 *
 * Accepted matrices: nested arrays `number[][]`, a typed array with a shape
 * (`{ data: Float64Array, shape: [n, d] }`), or a 2-D `Tensor`. They are always copied
 * into a fresh row-major `Float64Array`, so no estimator can mutate its caller's data.
 */
import { Tensor } from '../../tensor/index.js';
import type { Matrix } from '../../linalg/matrix.js';

/** A matrix of samples (rows) by features (columns). */
export type MatrixLike =
  | Tensor
  | readonly (readonly number[])[]
  | { readonly data: ArrayLike<number>; readonly shape: readonly number[] };

/** A vector: a plain array, a typed array or a 1-D Tensor. */
export type VectorLike = Tensor | readonly number[] | ArrayLike<number>;

/** A class label: scikit-learn accepts numbers and strings, and so do we. */
export type Label = number | string;

/** Labels: an array of numbers or strings, a typed array or a 1-D Tensor. */
export type LabelsLike = Tensor | readonly Label[] | ArrayLike<number>;

/**
 * The internal matrix every estimator computes on: row-major float64, the same type as
 * linalg's kernels (`linalg/matrix.ts`, with `matmul`, `matmulTransA`, `matmulTransB` and
 * `gemm` running on the tensor kernel registry). Keep fitted state and hot loops on it, not
 * on a private `number[][]` helper, so faster kernels reach every estimator.
 */
export type { Matrix } from '../../linalg/matrix.js';

export interface CheckArrayOptions {
  /** Name of the argument in messages ("X"). */
  name?: string;
  /** The estimator or function asking, named in messages. */
  caller?: string;
  /** Let NaN through (imputers); infinity is still refused. Default false. */
  allowNaN?: boolean;
  /** Minimum number of rows. Default 1. */
  minSamples?: number;
  /** Minimum number of columns. Default 1. */
  minFeatures?: number;
}

function shapeStr(shape: readonly number[]): string {
  return `(${shape.join(', ')}${shape.length === 1 ? ',' : ''})`;
}

function preview(values: ArrayLike<unknown>): string {
  const items = Array.from({ length: Math.min(values.length, 6) }, (_, i) => String(values[i]));
  return `[${items.join(' ')}${values.length > 6 ? ' ...' : ''}]`;
}

function notTwoD(name: string, got: string, values: ArrayLike<unknown>): Error {
  return new Error(
    `Expected a 2D array for ${name}, got ${got} instead:\narray=${preview(values)}.\n` +
      'Reshape your data: use [[x] for each x] if your data has a single feature, or [row] if it ' +
      'contains a single sample.',
  );
}

/** Reads any accepted matrix form into a fresh Float64Array, checking its shape. */
function readMatrix(X: unknown, name: string): Matrix {
  if (X instanceof Tensor) {
    if (X.ndim !== 2) throw notTwoD(name, `${X.ndim}D tensor of shape ${shapeStr(X.shape)}`, X.toTypedArray());
    return { data: Float64Array.from(X.toTypedArray() as ArrayLike<number>), rows: X.shape[0], cols: X.shape[1] };
  }
  if (Array.isArray(X)) {
    const rows = X.length;
    if (rows === 0) return { data: new Float64Array(0), rows: 0, cols: 0 };
    if (!X.every((r) => Array.isArray(r) || ArrayBuffer.isView(r))) throw notTwoD(name, '1D array', X);
    const cols = (X[0] as ArrayLike<unknown>).length;
    const data = new Float64Array(rows * cols);
    for (let i = 0; i < rows; i++) {
      const row = X[i] as ArrayLike<unknown>;
      if (row.length !== cols) {
        throw new Error(`${name} is ragged: row ${i} has ${row.length} values but row 0 has ${cols}; every sample needs the same number of features.`);
      }
      for (let j = 0; j < cols; j++) {
        const v = row[j];
        if (typeof v !== 'number') {
          throw new TypeError(`${name}[${i}][${j}] is ${JSON.stringify(v)}; expected a number. Encode categories first (OrdinalEncoder, OneHotEncoder).`);
        }
        data[i * cols + j] = v;
      }
    }
    return { data, rows, cols };
  }
  if (X !== null && typeof X === 'object' && 'data' in X && 'shape' in X) {
    const { data, shape } = X as { data: ArrayLike<number>; shape: readonly number[] };
    if (shape.length !== 2) throw notTwoD(name, `shape ${shapeStr(shape)}`, data);
    if (shape[0] * shape[1] !== data.length) {
      throw new Error(`${name} has shape ${shapeStr(shape)} (${shape[0] * shape[1]} values) but its data holds ${data.length} values.`);
    }
    return { data: Float64Array.from(data), rows: shape[0], cols: shape[1] };
  }
  if (ArrayBuffer.isView(X)) throw notTwoD(name, '1D typed array', X as unknown as ArrayLike<number>);
  throw new TypeError(`${name} must be a number[][], a Tensor or { data, shape }; got ${typeof X}.`);
}

/** Throws if the matrix holds NaN (unless allowed) or ±Infinity. */
export function assertAllFinite(values: ArrayLike<number>, name = 'X', allowNaN = false): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isNaN(v)) {
      if (allowNaN) continue;
      throw new Error(`Input ${name} contains NaN. Impute missing values first (SimpleImputer) or drop those samples.`);
    }
    if (v === Infinity || v === -Infinity) throw new Error(`Input ${name} contains infinity. Replace it with a finite value (or NaN, for an imputer to fill) or drop that sample.`);
  }
}

/**
 * Validates a matrix input and returns it as a fresh row-major Float64Array.
 *
 * ```ts
 * checkArray([[1, 2], [3, 4]]); // { data: Float64Array [1, 2, 3, 4], rows: 2, cols: 2 }
 * checkArray([1, 2]);           // throws: Expected a 2D array for X, got 1D array instead
 * ```
 */
export function checkArray(X: MatrixLike, options: CheckArrayOptions = {}): Matrix {
  try {
    return readChecked(X, options);
  } catch (e) {
    throw namedError(e, options.caller);
  }
}

/**
 * The error, its message prefixed with the estimator or function that checked the input
 * ("LinearRegression: Input X contains NaN. ..."), as a plain `Error`: bad input is a
 * value problem (scikit-learn's ValueError), whatever JavaScript type the bad value had.
 */
export function namedError(e: unknown, caller: string | undefined): Error {
  if (!(e instanceof Error) || caller === undefined || e.message.startsWith(`${caller}:`)) return e as Error;
  // Our own error classes (InvalidParameterError, NotFittedError) already say who and what.
  if (![Error, TypeError, RangeError].includes(e.constructor as ErrorConstructor)) return e;
  return new Error(`${caller}: ${e.message}`, { cause: e });
}

function readChecked(X: MatrixLike, options: CheckArrayOptions): Matrix {
  const name = options.name ?? 'X';
  const M = readMatrix(X, name);
  const by = options.caller ? ` by ${options.caller}` : '';
  const minSamples = options.minSamples ?? 1;
  const minFeatures = options.minFeatures ?? 1;
  if (M.rows < minSamples) {
    throw new Error(`Found array with ${M.rows} sample(s) (shape=(${M.rows}, ${M.cols})) while a minimum of ${minSamples} is required${by}.`);
  }
  if (M.cols < minFeatures) {
    throw new Error(`Found array with ${M.cols} feature(s) (shape=(${M.rows}, ${M.cols})) while a minimum of ${minFeatures} is required${by}.`);
  }
  assertAllFinite(M.data, name, options.allowNaN ?? false);
  return M;
}

/** Throws when a required argument was left out: `fit(X)` on an estimator that needs y. */
function checkGiven(value: unknown, name: string, caller: string | undefined, what: string): void {
  if (value === undefined || value === null) {
    const by = caller === undefined ? '' : `${caller}: `;
    throw new Error(`${by}${name} is missing. ${caller ?? 'This function'} learns from targets: call fit(X, ${name}) with ${what} per sample.`);
  }
}

/** Reads a vector of numbers (regression targets, sample weights, scores). */
export function checkVector(y: VectorLike, name = 'y', allowNaN = false): Float64Array {
  checkGiven(y, name, undefined, 'one number');
  let out: Float64Array;
  if (y instanceof Tensor) {
    if (y.ndim !== 1) throw new Error(`${name} must be 1-dimensional, got a tensor of shape ${shapeStr(y.shape)}.`);
    out = Float64Array.from(y.toTypedArray() as ArrayLike<number>);
  } else {
    const arr = y as ArrayLike<unknown>;
    out = new Float64Array(arr.length);
    for (let i = 0; i < arr.length; i++) {
      const v = arr[i];
      if (typeof v !== 'number') {
        throw new TypeError(`${name}[${i}] is ${Array.isArray(v) ? 'an array' : JSON.stringify(v)}; ${name} must be a 1-D array of numbers.`);
      }
      out[i] = v;
    }
  }
  assertAllFinite(out, name, allowNaN);
  return out;
}

/** Reads class labels: all numbers or all strings, never a mix. */
export function checkLabels(y: LabelsLike, name = 'y'): Label[] {
  checkGiven(y, name, undefined, 'one label');
  if (y instanceof Tensor) {
    if (y.ndim !== 1) throw new Error(`${name} must be 1-dimensional, got a tensor of shape ${shapeStr(y.shape)}.`);
    return Array.from(y.toTypedArray() as ArrayLike<number>);
  }
  const arr = Array.from(y as ArrayLike<unknown>);
  let nStrings = 0;
  arr.forEach((v, i) => {
    if (typeof v === 'string') nStrings++;
    else if (typeof v !== 'number') throw new TypeError(`${name}[${i}] is ${Array.isArray(v) ? 'an array' : JSON.stringify(v)}; labels must be numbers or strings.`);
    else if (!Number.isFinite(v)) throw new Error(`Input ${name} contains ${Number.isNaN(v) ? 'NaN' : 'infinity'}.`);
  });
  if (nStrings > 0 && nStrings < arr.length) {
    throw new TypeError(`${name} mixes numbers and strings; labels must be all numbers or all strings.`);
  }
  return arr as Label[];
}

/** Throws unless all lengths are equal: "Found input variables with inconsistent numbers of samples: [3, 4]". */
export function checkConsistentLength(...lengths: number[]): void {
  if (new Set(lengths).size > 1) {
    throw new Error(`Found input variables with inconsistent numbers of samples: [${lengths.join(', ')}]`);
  }
}

/** Validates X and numeric targets y together (regressors). */
export function checkXy(X: MatrixLike, y: VectorLike, options: CheckArrayOptions = {}): { X: Matrix; y: Float64Array } {
  checkGiven(y, 'y', options.caller, 'one target value');
  const M = checkArray(X, options);
  try {
    const v = checkVector(y, 'y');
    checkConsistentLength(M.rows, v.length);
    return { X: M, y: v };
  } catch (e) {
    throw namedError(e, options.caller);
  }
}

/**
 * Throws for numeric labels that are not whole numbers: a classifier given a regression
 * target would otherwise make every distinct value a class (scikit-learn's
 * `check_classification_targets`: "Unknown label type: continuous").
 */
export function checkClassificationTargets(labels: readonly Label[], caller = 'This classifier'): void {
  const continuous = labels.find((v) => typeof v === 'number' && !Number.isInteger(v));
  if (continuous !== undefined) {
    throw new Error(`${caller}: Unknown label type: continuous (y holds non-integer numbers such as ${continuous}). A classifier needs discrete ` +
      'classes: for a continuous target use a regressor; to use these values as classes, round them or turn them into strings first.');
  }
}

/** Validates X and class labels y together (classifiers); continuous targets are refused unless `allowContinuous`. */
export function checkXLabels(X: MatrixLike, y: LabelsLike, options: CheckArrayOptions & { allowContinuous?: boolean } = {}): { X: Matrix; y: Label[] } {
  checkGiven(y, 'y', options.caller, 'one class label');
  const M = checkArray(X, options);
  try {
    const labels = checkLabels(y, 'y');
    checkConsistentLength(M.rows, labels.length);
    if (!(options.allowContinuous ?? false)) checkClassificationTargets(labels, options.caller);
    return { X: M, y: labels };
  } catch (e) {
    throw namedError(e, options.caller);
  }
}

/** Sorted unique labels (numbers ascending, strings by code unit), like `np.unique`. */
export function uniqueLabels(y: readonly Label[]): Label[] {
  const u = [...new Set(y)];
  if (u.length > 0 && typeof u[0] === 'number') return (u as number[]).sort((a, b) => a - b);
  return (u as string[]).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** A matrix as nested rows (for fitted attributes that are `number[][]`). */
export { toRows } from '../../linalg/matrix.js';

/** Checks sample weights: one finite, non-negative number per sample (undefined when none are given). */
export function checkSampleWeight(sampleWeight: ArrayLike<number> | undefined, n: number, caller: string): Float64Array | undefined {
  if (sampleWeight === undefined) return undefined;
  if (sampleWeight.length !== n) throw new Error(`${caller}: sampleWeight has ${sampleWeight.length} values but X has ${n} samples; pass one weight per sample.`);
  const w = Float64Array.from(sampleWeight);
  if (w.some((v) => !Number.isFinite(v) || v < 0)) throw new Error(`${caller}: sampleWeight must hold finite numbers >= 0.`);
  return w;
}
