/**
 * Data types. A tensor's values live in one typed array whose kind follows its dtype.
 *
 * Promotion follows PyTorch's lattice bool < int32 < float32 < float64: combining two
 * tensors gives the larger of their dtypes, and a plain JS number never widens a float
 * tensor (`x.mul(2)` keeps float32), but a fractional number turns an integer tensor
 * into the default float dtype, as in PyTorch.
 */
import { reserveTensorMemory, trackTensorMemory } from './memory.js';

export type DType = 'float32' | 'float64' | 'int32' | 'bool';
export type FloatDType = 'float32' | 'float64';

export type TypedArray = Float32Array | Float64Array | Int32Array | Uint8Array;

export const DTYPES: readonly DType[] = ['bool', 'int32', 'float32', 'float64'];

/** The dtype `tensor([...])` and `zeros(...)` use when none is given (PyTorch's choice). */
export const DEFAULT_FLOAT: FloatDType = 'float32';

export function isDType(x: unknown): x is DType {
  return typeof x === 'string' && (DTYPES as readonly string[]).includes(x);
}

export function assertDType(op: string, dtype: unknown): DType {
  if (!isDType(dtype)) {
    throw new TypeError(`${op}: unknown dtype ${JSON.stringify(dtype)}; expected one of ${DTYPES.join(', ')}`);
  }
  return dtype;
}

export function isFloat(dtype: DType): dtype is FloatDType {
  return dtype === 'float32' || dtype === 'float64';
}

export function allocate(dtype: DType, size: number): TypedArray {
  const bytes = size * (dtype === 'float64' ? 8 : dtype === 'bool' ? 1 : 4);
  reserveTensorMemory(bytes, dtype, size);
  try {
    const out = allocateUnchecked(dtype, size);
    trackTensorMemory(out, bytes);
    return out;
  } catch (e) {
    throw new RangeError(`Cannot allocate a ${dtype} tensor of ${size.toLocaleString('en-US')} elements (${(bytes / 2 ** 30).toFixed(1)} GiB): ` +
      `${(e as Error).message}. Use a smaller shape or a smaller dtype.`, { cause: e });
  }
}

/**
 * Like `allocate`, but the values are whatever the memory held before (PyTorch's
 * `torch.empty`): only for an output that a kernel then writes in full. In Node an array of
 * 16 KB or more comes from `Buffer.allocUnsafeSlow`, which skips clearing the memory: 3 µs
 * instead of 34 µs for 256 KB, measured in Node 20, and a step of the bench CNN allocates
 * megabytes of such outputs. Elsewhere, and for smaller arrays, it is `allocate`.
 */
export function allocateEmpty(dtype: DType, size: number): TypedArray {
  const width = dtype === 'float64' ? 8 : dtype === 'bool' ? 1 : 4, bytes = size * width;
  if (emptyFill !== null) return allocate(dtype, size).fill(emptyFill);
  if (unsafeBytes === null || bytes < MIN_EMPTY_BYTES) return allocate(dtype, size);
  reserveTensorMemory(bytes, dtype, size);
  let buffer: ArrayBuffer;
  try {
    buffer = unsafeBytes(bytes).buffer;
  } catch {
    return allocate(dtype, size); // allocate's error names the size and the fix
  }
  const out = dtype === 'float32' ? new Float32Array(buffer, 0, size) : dtype === 'float64' ? new Float64Array(buffer, 0, size)
    : dtype === 'int32' ? new Int32Array(buffer, 0, size) : new Uint8Array(buffer, 0, size);
  trackTensorMemory(out, bytes);
  return out;
}

const MIN_EMPTY_BYTES = 16 * 1024;

let emptyFill: number | null = null;
/**
 * For tests: `allocateEmpty` fills every array with `value` (NaN shows any value a kernel
 * left unwritten), or behaves normally again with null. As PyTorch's
 * `torch.utils.deterministic.fill_uninitialized_memory`.
 */
export function fillEmptyAllocations(value: number | null): void {
  emptyFill = value;
}

/** Node's Buffer.allocUnsafeSlow (its own ArrayBuffer, at offset 0, not cleared), or null. */
const unsafeBytes: ((n: number) => { buffer: ArrayBuffer }) | null = (() => {
  const B = (globalThis as { Buffer?: { allocUnsafeSlow?: (n: number) => { buffer: ArrayBuffer; byteOffset: number } } }).Buffer;
  const f = B?.allocUnsafeSlow;
  if (typeof f !== 'function') return null;
  // A Buffer polyfill in a page may not give a fresh ArrayBuffer of its own at offset 0.
  const probe = f.call(B, MIN_EMPTY_BYTES);
  return probe.byteOffset === 0 && probe.buffer.byteLength === MIN_EMPTY_BYTES ? (n: number) => f.call(B, n) : null;
})();

function allocateUnchecked(dtype: DType, size: number): TypedArray {
  switch (dtype) {
    case 'float32': return new Float32Array(size);
    case 'float64': return new Float64Array(size);
    case 'int32': return new Int32Array(size);
    case 'bool': return new Uint8Array(size);
  }
}

/** The dtype a typed array holds (Uint8Array is read as bool). */
export function dtypeOfArray(a: TypedArray): DType {
  if (a instanceof Float32Array) return 'float32';
  if (a instanceof Float64Array) return 'float64';
  if (a instanceof Int32Array) return 'int32';
  return 'bool';
}

const RANK: Record<DType, number> = { bool: 0, int32: 1, float32: 2, float64: 3 };

/** The smallest dtype both `a` and `b` convert to without loss of kind. */
export function promote(a: DType, b: DType): DType {
  return RANK[a] >= RANK[b] ? a : b;
}

/** The dtype of `t op scalar` for a tensor dtype and a JS number or boolean. */
export function promoteScalar(t: DType, value: number | boolean): DType {
  if (typeof value === 'boolean') return t;
  if (isFloat(t)) return t;
  if (Number.isInteger(value)) return t === 'bool' ? 'int32' : t;
  return DEFAULT_FLOAT;
}

/**
 * `castValue` for a value the caller wrote (`tensor([...], { dtype })`, `full`): a value an
 * int32 cannot hold (NaN, ±∞, beyond ±2³¹) is an error, as PyTorch raises for
 * `torch.tensor([nan], dtype=torch.int32)`, instead of wrapping around silently.
 */
export function castGiven(op: string, v: number, dtype: DType): number {
  if (dtype === 'int32' && !(v >= -(2 ** 31) && v < 2 ** 31)) {
    throw new RangeError(`${op}: ${v} cannot be stored as int32 (integers from -2147483648 to 2147483647; NaN and infinity have no integer value). ` +
      'Keep the data as float32/float64, or replace those values (e.g. with where(x.isnan(), 0, x)) before converting.');
  }
  return castValue(v, dtype);
}

/** Converts a JS number to what storing it in `dtype` keeps (int32 truncates toward zero, as C does). */
export function castValue(v: number, dtype: DType): number {
  switch (dtype) {
    case 'float32': return Math.fround(v);
    case 'float64': return v;
    case 'int32': return v | 0;
    case 'bool': return v !== 0 ? 1 : 0; // NaN is true, as bool(nan) is in NumPy
  }
}
