/**
 * Creating tensors: from JS data, constant fills, ranges, and seeded random draws.
 *
 * ```ts
 * tensor([[1, 2], [3, 4]]);                  // float32, shape (2,2)
 * tensor([1, 2, 3], { dtype: 'int32' });
 * zeros([2, 3]); arange(0, 10, 2); linspace(0, 1, 5); eye(3);
 * manualSeed(0); randn([2, 2]);              // the same numbers in Node and the browser
 * ```
 */
import { Tensor } from '../tensor.js';
import { allocate, assertDType, castGiven, DEFAULT_FLOAT, dtypeOfArray, isFloat, promoteScalar, type DType, type TypedArray } from '../dtype.js';
import { checkShape, fmtShape, sizeOf } from '../shape.js';
import { defaultGenerator, type Generator } from '../../random/generator.js';

export type NestedArray = (number | boolean | NestedArray)[];
/** Anything an op accepts where a tensor goes: a tensor, a number, a boolean or nested arrays. */
export type TensorLike = Tensor | number | boolean | NestedArray;

export interface CreateOptions {
  dtype?: DType;
  requiresGrad?: boolean;
}

export interface TensorOptions extends CreateOptions {
  /** Required with a flat typed array of more than one dimension. */
  shape?: readonly number[];
}

type AnyTypedArray = TypedArray | Int8Array | Uint8ClampedArray | Int16Array | Uint16Array | Uint32Array;

function isTypedArray(x: unknown): x is AnyTypedArray {
  return ArrayBuffer.isView(x) && !(x instanceof DataView);
}

function inferShape(data: NestedArray): number[] {
  const shape: number[] = [];
  let level: unknown = data;
  while (Array.isArray(level)) {
    shape.push(level.length);
    level = level[0];
  }
  return shape;
}

/** Flattens nested arrays in row-major order, checking that every row has the same length. */
function flattenNested(data: NestedArray, shape: number[]): (number | boolean)[] {
  const out: (number | boolean)[] = [];
  const walk = (x: unknown, axis: number, path: number[]) => {
    if (axis === shape.length) {
      if (typeof x !== 'number' && typeof x !== 'boolean') {
        const where = path.length ? ` at [${path.join('][')}]` : '';
        throw new TypeError(`tensor: expected numbers or booleans, found ${Array.isArray(x) ? 'a nested array' : JSON.stringify(x)}${where}; nested arrays must all have the same depth`);
      }
      out.push(x);
      return;
    }
    if (!Array.isArray(x) || x.length !== shape[axis]) {
      const got = Array.isArray(x) ? `length ${x.length}` : JSON.stringify(x);
      throw new TypeError(`tensor: ragged nested array: the row at [${path.join('][')}] has ${got}, expected length ${shape[axis]} (shape ${fmtShape(shape)})`);
    }
    x.forEach((v, i) => walk(v, axis + 1, [...path, i]));
  };
  walk(data, 0, []);
  return out;
}

/**
 * A tensor from a number, a boolean, nested arrays or a typed array (copied).
 * Numbers become float32 unless `dtype` says otherwise; booleans become bool. A typed
 * array keeps its kind (Float64Array → float64, other integer arrays → int32).
 */
export function tensor(data: TensorLike | AnyTypedArray, options: TensorOptions = {}): Tensor {
  const dtypeOpt = options.dtype === undefined ? undefined : assertDType('tensor', options.dtype);
  let t: Tensor;
  if (data instanceof Tensor) {
    t = data.detach().astype(dtypeOpt ?? data.dtype);
    if (t.data === data.data) t = t.clone();
  } else if (isTypedArray(data)) {
    const shape = options.shape === undefined ? [data.length] : checkShape('tensor', options.shape);
    if (sizeOf(shape) !== data.length) {
      throw new RangeError(`tensor: a typed array of ${data.length} elements cannot have shape ${fmtShape(shape)} (${sizeOf(shape)} elements)`);
    }
    const natural: DType = data instanceof Float32Array || data instanceof Float64Array || data instanceof Int32Array
      ? dtypeOfArray(data) : 'int32';
    const dtype = dtypeOpt ?? natural;
    const out = allocate(dtype, data.length);
    if (dtype === 'bool') for (let i = 0; i < data.length; i++) out[i] = data[i] !== 0 ? 1 : 0;
    else if (dtype === 'int32' && !(data instanceof Int32Array)) for (let i = 0; i < data.length; i++) out[i] = castGiven('tensor', data[i]!, dtype);
    else out.set(data as ArrayLike<number>);
    t = new Tensor(out, shape, dtype);
  } else if (typeof data === 'number' || typeof data === 'boolean') {
    const dtype = dtypeOpt ?? (typeof data === 'boolean' ? 'bool' : DEFAULT_FLOAT);
    const out = allocate(dtype, 1);
    out[0] = castGiven('tensor', Number(data), dtype);
    t = new Tensor(out, options.shape ?? [], dtype);
    if (t.size !== 1) throw new RangeError(`tensor: a single value cannot have shape ${fmtShape(t.shape)}; use full(shape, value)`);
  } else if (Array.isArray(data)) {
    const shape = inferShape(data);
    const flat = flattenNested(data, shape);
    const allBool = flat.length > 0 && flat.every((v) => typeof v === 'boolean');
    const dtype = dtypeOpt ?? (allBool ? 'bool' : DEFAULT_FLOAT);
    const out = allocate(dtype, flat.length);
    for (let i = 0; i < flat.length; i++) out[i] = castGiven('tensor', Number(flat[i]), dtype);
    t = new Tensor(out, shape, dtype);
    if (options.shape !== undefined) t = t.reshape(options.shape);
  } else {
    throw new TypeError(`tensor: cannot make a tensor from ${data === null ? 'null' : typeof data}; pass a number, nested arrays or a typed array`);
  }
  if (options.requiresGrad) t.requiresGrad = true;
  return t;
}

/**
 * Converts an op's argument to a tensor. A plain number takes the dtype that combining
 * it with a tensor of dtype `like` gives (so `x.mul(2)` stays float32).
 */
export function asTensor(x: TensorLike, like: DType = DEFAULT_FLOAT): Tensor {
  if (x instanceof Tensor) return x;
  if (typeof x === 'number' || typeof x === 'boolean') return tensor(x, { dtype: promoteScalar(like, x) });
  return tensor(x);
}

export function full(shape: readonly number[], value: number | boolean, options: CreateOptions = {}): Tensor {
  return filled('full', shape, value, options);
}

/** `full`, with the op the caller's error messages name. */
function filled(op: string, shape: readonly number[], value: number | boolean, options: CreateOptions): Tensor {
  checkShape(op, shape);
  const dtype = options.dtype === undefined ? (typeof value === 'boolean' ? 'bool' : DEFAULT_FLOAT) : assertDType(op, options.dtype);
  const data = allocate(dtype, sizeOf(shape));
  data.fill(castGiven(op, Number(value), dtype));
  const t = new Tensor(data, shape, dtype);
  if (options.requiresGrad) t.requiresGrad = true;
  return t;
}

export function zeros(shape: readonly number[], options: CreateOptions = {}): Tensor {
  return filled('zeros', shape, 0, options);
}

export function ones(shape: readonly number[], options: CreateOptions = {}): Tensor {
  return filled('ones', shape, 1, options);
}

export function zerosLike(t: Tensor, options: CreateOptions = {}): Tensor {
  return full(t.shape, 0, { dtype: t.dtype, ...options });
}

export function onesLike(t: Tensor, options: CreateOptions = {}): Tensor {
  return full(t.shape, 1, { dtype: t.dtype, ...options });
}

export function fullLike(t: Tensor, value: number | boolean, options: CreateOptions = {}): Tensor {
  return full(t.shape, value, { dtype: t.dtype, ...options });
}

/**
 * Evenly spaced values in [start, stop) (`arange(5)` is 0..4). Like NumPy, the length is
 * ceil((stop - start) / step); int32 when all arguments are integers, else float32.
 */
export function arange(start: number, stop?: number, step = 1, options: CreateOptions = {}): Tensor {
  if (stop === undefined) { stop = start; start = 0; }
  if (![start, stop, step].every(Number.isFinite)) throw new RangeError(`arange: start, stop and step must be finite, got ${start}, ${stop}, ${step}`);
  if (step === 0) throw new RangeError('arange: step must not be zero');
  const n = Math.max(0, Math.ceil((stop - start) / step));
  const allInt = [start, stop, step].every(Number.isInteger);
  const dtype = options.dtype ?? (allInt ? 'int32' : DEFAULT_FLOAT);
  const data = allocate(dtype, n);
  for (let i = 0; i < n; i++) data[i] = start + i * step;
  const t = new Tensor(data, [n], dtype);
  if (options.requiresGrad) t.requiresGrad = true;
  return t;
}

/** `num` evenly spaced values from `start` to `stop` inclusive (NumPy's `linspace`). */
export function linspace(start: number, stop: number, num: number, options: CreateOptions = {}): Tensor {
  if (!Number.isInteger(num) || num < 0) throw new RangeError(`linspace: num must be a non-negative integer, got ${num}`);
  const dtype = options.dtype ?? DEFAULT_FLOAT;
  const data = allocate(dtype, num);
  const step = num > 1 ? (stop - start) / (num - 1) : 0;
  for (let i = 0; i < num; i++) data[i] = start + i * step;
  if (num > 1) data[num - 1] = stop; // exact end point, as NumPy guarantees
  const t = new Tensor(data, [num], dtype);
  if (options.requiresGrad) t.requiresGrad = true;
  return t;
}

/** The n×m identity (ones on the diagonal). */
export function eye(n: number, m = n, options: CreateOptions = {}): Tensor {
  checkShape('eye', [n, m]);
  const dtype = options.dtype ?? DEFAULT_FLOAT;
  const data = allocate(dtype, n * m);
  for (let i = 0; i < Math.min(n, m); i++) data[i * m + i] = 1;
  const t = new Tensor(data, [n, m], dtype);
  if (options.requiresGrad) t.requiresGrad = true;
  return t;
}

export interface RandomOptions extends CreateOptions {
  /** The stream to draw from; defaults to the global one seeded by `manualSeed`. */
  generator?: Generator;
}

function randomFill(op: string, shape: readonly number[], options: RandomOptions, draw: (g: Generator, dtype: DType) => number): Tensor {
  checkShape(op, shape);
  const dtype = options.dtype ?? DEFAULT_FLOAT;
  if (!isFloat(dtype)) throw new TypeError(`${op}: dtype must be float32 or float64, got ${dtype}; use randint for integers`);
  const g = options.generator ?? defaultGenerator;
  const data = allocate(dtype, sizeOf(shape));
  for (let i = 0; i < data.length; i++) data[i] = draw(g, dtype);
  const t = new Tensor(data, shape, dtype);
  if (options.requiresGrad) t.requiresGrad = true;
  return t;
}

/** Uniform draws in [0, 1). */
export function rand(shape: readonly number[], options: RandomOptions = {}): Tensor {
  return randomFill('rand', shape, options, (g, dtype) => (dtype === 'float32' ? g.randomFloat32() : g.random()));
}

/** Standard normal draws (mean 0, standard deviation 1). */
export function randn(shape: readonly number[], options: RandomOptions = {}): Tensor {
  return randomFill('randn', shape, options, (g) => g.normal());
}

/** Uniform integers in [low, high), int32. */
export function randint(low: number, high: number, shape: readonly number[], options: Omit<RandomOptions, 'requiresGrad'> = {}): Tensor {
  checkShape('randint', shape);
  const g = options.generator ?? defaultGenerator;
  const dtype = options.dtype ?? 'int32';
  const data = allocate(dtype, sizeOf(shape));
  for (let i = 0; i < data.length; i++) data[i] = g.integers(low, high);
  return new Tensor(data, shape, dtype);
}

/** A random permutation of 0..n-1, int32. */
export function permutation(n: number, options: { generator?: Generator } = {}): Tensor {
  const p = (options.generator ?? defaultGenerator).permutation(n);
  return new Tensor(Int32Array.from(p), [n], 'int32');
}

export interface ChoiceOptions {
  /** Draw with replacement (default true, like NumPy). */
  replace?: boolean;
  /** Probabilities of each candidate; default uniform. */
  p?: readonly number[];
  generator?: Generator;
}

/**
 * Random draws of `size` items from 0..n-1 (when `a` is a number) or from the values of a
 * 1-D tensor, with or without replacement, optionally weighted by `p`.
 */
export function choice(a: number | Tensor, size: number, options: ChoiceOptions = {}): Tensor {
  const g = options.generator ?? defaultGenerator;
  const n = typeof a === 'number' ? a : a.size;
  if (typeof a !== 'number' && a.ndim !== 1) throw new RangeError(`choice: a must be 1-D, got shape ${fmtShape(a.shape)}`);
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`choice: a must be a non-negative integer or a 1-D tensor, got ${n}`);
  if (!Number.isInteger(size) || size < 0) throw new RangeError(`choice: size must be a non-negative integer, got ${size}`);
  const replace = options.replace ?? true;
  if (!replace && size > n) throw new RangeError(`choice: cannot take ${size} items from ${n} without replacement; pass { replace: true } or a smaller size`);
  if (size > 0 && n === 0) throw new RangeError('choice: cannot draw from an empty population');
  let weights: number[] | null = null;
  if (options.p !== undefined) {
    const p = options.p;
    if (p.length !== n) throw new RangeError(`choice: p has ${p.length} probabilities for ${n} candidates; they must match`);
    if (p.some((v) => !(v >= 0))) throw new RangeError('choice: probabilities in p must be non-negative numbers');
    const total = p.reduce((s, v) => s + v, 0);
    if (Math.abs(total - 1) > 1e-8) throw new RangeError(`choice: probabilities in p must sum to 1, they sum to ${total}`);
    weights = [...p];
  }
  const picks: number[] = [];
  if (weights === null) {
    if (replace) for (let i = 0; i < size; i++) picks.push(g.integers(0, n));
    else picks.push(...g.permutation(n).slice(0, size));
  } else {
    // Inverse-CDF sampling; without replacement, drawn items leave the pool and the
    // remaining weights are renormalized (NumPy's semantics).
    const w = weights;
    for (let i = 0; i < size; i++) {
      const total = w.reduce((s, v) => s + v, 0);
      if (total <= 0) throw new RangeError('choice: fewer non-zero probabilities than items to draw without replacement');
      let u = g.random() * total;
      let k = 0;
      while (k < n - 1 && (u >= w[k] || w[k] === 0)) { u -= w[k]; k++; }
      picks.push(k);
      if (!replace) w[k] = 0;
    }
  }
  const idx = Int32Array.from(picks);
  if (typeof a === 'number') return new Tensor(idx, [size], 'int32');
  const src = a.toTypedArray();
  const out = allocate(a.dtype, size);
  for (let i = 0; i < size; i++) out[i] = src[idx[i]];
  return new Tensor(out, [size], a.dtype);
}
