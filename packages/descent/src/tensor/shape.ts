/** Shapes, strides and broadcasting: the bookkeeping every op shares. */

export type Shape = readonly number[];

export function sizeOf(shape: Shape): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/** Row-major (C-order) strides: the last axis moves fastest. */
export function contiguousStrides(shape: Shape): number[] {
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = s;
    s *= shape[i];
  }
  return strides;
}

export function fmtShape(shape: Shape): string {
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(',')})`;
}

export function shapesEqual(a: Shape, b: Shape): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export function checkShape(op: string, shape: unknown): number[] {
  if (!Array.isArray(shape) || !shape.every((d) => Number.isInteger(d) && d >= 0)) {
    throw new TypeError(`${op}: a shape is an array of non-negative integers, got ${JSON.stringify(shape)}`);
  }
  const size = (shape as number[]).reduce((a, b) => a * b, 1);
  if (size > MAX_ELEMENTS) {
    throw new RangeError(`${op}: shape ${fmtShape(shape as number[])} has ${size.toLocaleString('en-US')} elements; a tensor holds at most ` +
      `${MAX_ELEMENTS.toLocaleString('en-US')} (element offsets are int32). Use a smaller shape, or process the data in batches.`);
  }
  return shape as number[];
}

/** The most elements one tensor may hold: offsets into its storage are int32 (2³¹ − 1). */
export const MAX_ELEMENTS = 2 ** 31 - 1;

/**
 * NumPy broadcasting: align shapes on the right; each pair of sizes must be equal or
 * one of them 1. `(3,1) , (4,)` → `(3,4)`.
 */
export function broadcastShapes(op: string, ...shapes: Shape[]): number[] {
  const ndim = Math.max(0, ...shapes.map((s) => s.length));
  const out = new Array<number>(ndim).fill(1);
  for (const s of shapes) {
    for (let i = 0; i < s.length; i++) {
      const j = ndim - s.length + i;
      const d = s[i];
      if (d === out[j] || d === 1) continue;
      if (out[j] === 1) { out[j] = d; continue; }
      throw new Error(
        `${op}: shapes ${shapes.map(fmtShape).join(' and ')} cannot be broadcast together ` +
        `(axis ${j - ndim} has sizes ${out[j]} and ${d}); sizes must match or be 1`);
    }
  }
  return out;
}

/** Strides that read a tensor of `shape`/`strides` as if it had the larger `target` shape. */
export function broadcastStrides(shape: Shape, strides: readonly number[], target: Shape): number[] {
  const out = new Array<number>(target.length).fill(0);
  const lead = target.length - shape.length;
  for (let i = 0; i < shape.length; i++) out[lead + i] = shape[i] === 1 ? 0 : strides[i];
  return out;
}

/**
 * Resolves a possibly negative axis against `ndim`, with an error naming the op. A 0-d
 * tensor takes axis 0 or −1 as if it had one axis, as in PyTorch (`torch.tensor(2.).sum(-1)`).
 */
export function normAxis(op: string, axis: number, ndim: number): number {
  const n = Math.max(ndim, 1);
  if (!Number.isInteger(axis) || axis < -n || axis >= n) {
    throw new RangeError(`${op}: axis ${axis} is out of range for a tensor with ${ndim} dimension${ndim === 1 ? '' : 's'} (valid: ${-n}..${n - 1})`);
  }
  return axis < 0 ? axis + n : axis;
}

/** Normalizes `axis` (undefined = all axes) to a sorted list of distinct axes. */
export function normAxes(op: string, axis: number | readonly number[] | undefined, ndim: number): number[] {
  if (axis === undefined) return Array.from({ length: ndim }, (_, i) => i);
  const list = typeof axis === 'number' ? [axis] : [...axis];
  const out = list.map((a) => normAxis(op, a, ndim));
  if (new Set(out).size !== out.length) throw new RangeError(`${op}: axis ${JSON.stringify(axis)} repeats an axis`);
  return out.sort((a, b) => a - b);
}

export function isContiguous(shape: Shape, strides: readonly number[]): boolean {
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    if (shape[i] !== 1 && strides[i] !== s) return false;
    s *= shape[i];
  }
  return true;
}
