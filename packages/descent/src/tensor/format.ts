/** `toString()` for tensors, in the spirit of NumPy's and PyTorch's printouts. */
import type { Tensor } from './tensor.js';
import { fmtShape } from './shape.js';

const MAX_ITEMS = 6; // per axis before eliding with "…"

function fmtNumber(v: number, dtype: string): string {
  if (dtype === 'bool') return v ? 'true' : 'false';
  if (dtype === 'int32') return String(v);
  if (Number.isNaN(v)) return 'nan';
  if (!Number.isFinite(v)) return v > 0 ? 'inf' : '-inf';
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e5 || a < 1e-4) return v.toExponential(4);
  return Number(v.toPrecision(5)).toString();
}

export function formatTensor(t: Tensor): string {
  const flat = t.toTypedArray();
  const strs = Array.from(flat as ArrayLike<number>, (v) => fmtNumber(v, t.dtype));
  const width = Math.max(1, ...strs.map((s) => s.length));
  const pad = (s: string) => s.padStart(width);
  const strides: number[] = [];
  let s = 1;
  for (let i = t.ndim - 1; i >= 0; i--) { strides[i] = s; s *= t.shape[i]; }
  const build = (axis: number, start: number, indent: string): string => {
    if (t.ndim === 0) return strs[0];
    const n = t.shape[axis];
    const idx = n > MAX_ITEMS ? [0, 1, 2, -1, n - 3, n - 2, n - 1] : Array.from({ length: n }, (_, i) => i);
    if (axis === t.ndim - 1) {
      return '[' + idx.map((i) => (i < 0 ? '…' : pad(strs[start + i]))).join(', ') + ']';
    }
    const sep = ',\n' + '\n'.repeat(t.ndim - axis - 2) + indent + ' ';
    return '[' + idx.map((i) => (i < 0 ? '…' : build(axis + 1, start + i * strides[axis], indent + ' '))).join(sep) + ']';
  };
  const extras = [`shape=${fmtShape(t.shape)}`, `dtype=${t.dtype}`];
  if (t.gradFn) extras.push(`gradFn=${t.gradFn.op}`);
  else if (t.requiresGrad) extras.push('requiresGrad=true');
  return `tensor(${build(0, 0, '       ')}, ${extras.join(', ')})`;
}
