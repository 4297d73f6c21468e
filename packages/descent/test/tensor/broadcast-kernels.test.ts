/**
 * The broadcasting paths of the elementwise ops (ops/elementwise.ts `planLoops`, and the
 * js-broadcast kernels for add/sub/mul/div) against a naive reference written here, that
 * reads each output element's inputs by its multi-index, and against the reference
 * kernels (`useBackends(['reference'])`): bias rows, keepdims columns, masks repeated over
 * heads, leading broadcasts, both sides broadcast, transposed, sliced and expanded views,
 * empty and 0-d tensors, and layouts that need more than three loops (run as blocks).
 * Also the copies of strided views (clone, contiguous, reshape) that share the loops. Gradients through
 * the broadcast paths are checked by central differences.
 */
import { describe, it, expect } from 'vitest';
import { add, sub, mul, div, maximum, gt, listKernels, manualSeed, randn, tensor, useBackends, type Tensor } from '../../src/tensor/index.js';
import { mergeAxes } from '../../src/tensor/ops/elementwise.js';
import { gradcheck } from '../helpers/gradcheck.js';

function onReference<T>(fn: () => T): T {
  const prev = useBackends(['reference']);
  try { return fn(); } finally { useBackends(prev); }
}

/** Row-major multi-indices of `shape`. */
function* indices(shape: readonly number[]): Generator<number[]> {
  if (shape.some((d) => d === 0)) return;
  const idx = shape.map(() => 0);
  for (;;) {
    yield [...idx];
    let ax = shape.length - 1;
    while (ax >= 0 && ++idx[ax] === shape[ax]) { idx[ax] = 0; ax--; }
    if (ax < 0) return;
  }
}

/** f(a, b) with NumPy broadcasting, element by element, rounded to the dtype's storage. */
function naive(a: Tensor, b: Tensor, f: (x: number, y: number) => number): { shape: number[]; values: number[] } {
  const nd = Math.max(a.ndim, b.ndim);
  const pad = (s: readonly number[]) => [...Array(nd - s.length).fill(1), ...s];
  const sa = pad(a.shape), sb = pad(b.shape);
  const shape = sa.map((d, i) => Math.max(d, sb[i]) * (d === 0 || sb[i] === 0 ? 0 : 1));
  const A = a.toTypedArray(), B = b.toTypedArray();
  const read = (flat: ArrayLike<number>, s: number[], idx: number[]) => {
    let o = 0;
    for (let i = 0; i < nd; i++) o = o * s[i] + (s[i] === 1 ? 0 : idx[i]);
    return flat[o];
  };
  const round = a.dtype === 'float32' && b.dtype === 'float32' ? Math.fround : (v: number) => v;
  const values = [...indices(shape)].map((idx) => round(f(read(A, sa, idx), read(B, sb, idx))));
  return { shape, values };
}

const OPS = [
  { name: 'add', op: add, f: (x: number, y: number) => x + y },
  { name: 'sub', op: sub, f: (x: number, y: number) => x - y },
  { name: 'mul', op: mul, f: (x: number, y: number) => x * y },
  { name: 'div', op: div, f: (x: number, y: number) => x / y },
  // No broadcast kernel: these run the scalar function in the planned loops.
  { name: 'maximum', op: maximum, f: (x: number, y: number) => (x !== x || y !== y ? NaN : Math.max(x, y)) },
] as const;

/** Operand pairs: [label, make a, make b]; views are built from fresh random tensors. */
type Make = (dtype: 'float32' | 'float64') => Tensor;
const r = (shape: number[]): Make => (dtype) => randn(shape, { dtype });
const CASES: [string, Make, Make][] = [
  ['bias row (N, L, E) + (E)', r([4, 3, 5]), r([5])],
  ['keepdims column (R, C) − (R, 1)', r([6, 7]), r([6, 1])],
  ['column on the left (R, 1) − (R, C)', r([6, 1]), r([6, 7])],
  ['mask on every head (N, H, L, L) + (L, L)', r([2, 3, 4, 4]), r([4, 4])],
  ['leading broadcast (B, T, C) · (T, C)', r([3, 4, 5]), r([4, 5])],
  ['middle axis (A, 1, C) + (A, B, C)', r([2, 1, 5]), r([2, 3, 5])],
  ['outer product (R, 1) · (1, C)', r([5, 1]), r([1, 4])],
  ['both sides broadcast (3, 1, 4) + (2, 1)', r([3, 1, 4]), r([2, 1])],
  ['0-d and a matrix', r([]), r([3, 4])],
  ['two 0-d tensors', r([]), r([])],
  ['empty rows (0, 3) + (3)', r([0, 3]), r([3])],
  ['empty broadcast (2, 0) + (2, 1)', r([2, 0]), r([2, 1])],
  ['transposed view + row', (d) => randn([5, 4], { dtype: d }).T, r([5])],
  ['stepped slice − column', (d) => randn([4, 9], { dtype: d }).slice(null, [1, null, 2]), r([4, 1])],
  ['reversed view · same shape', (d) => randn([3, 6], { dtype: d }).flip(1), r([3, 6])],
  ['expanded view (a summed gradient) · full', (d) => randn([3, 1], { dtype: d }).expand([3, 5]), r([3, 5])],
  ['permuted 4-D + (C)', (d) => randn([2, 3, 4, 5], { dtype: d }).permute([0, 2, 1, 3]), r([5])],
  ['more than three loops (2, 1, 3, 1, 2) + (4, 1, 5, 1)', r([2, 1, 3, 1, 2]), r([4, 1, 5, 1])],
  ['a permuted 5-D view + (3, 1, 2)', (d) => randn([2, 3, 2, 3, 2], { dtype: d }).permute([4, 0, 3, 1, 2]), r([3, 1, 2])],
];

describe('broadcast paths of the elementwise ops', () => {
  it('registers the js-broadcast kernels for add, sub, mul and div in both float dtypes', () => {
    const ks = listKernels().filter((k) => k.backend === 'js-broadcast');
    expect(ks.map((k) => k.op).sort()).toEqual(['broadcast:add', 'broadcast:div', 'broadcast:mul', 'broadcast:sub']);
    for (const k of ks) expect([...k.dtypes].sort()).toEqual(['float32', 'float64']);
  });

  it('merges axes that both operands step through as one', () => {
    // (N, L, E) + (E): one loop over the N·L rows, one along E.
    expect(mergeAxes([4, 3, 5], [[15, 5, 1], [0, 0, 1]])).toEqual({ sizes: [12, 5], strides: [[5, 1], [0, 1]] });
    // (R, C) − (R, 1): the column cannot merge with the row axis.
    expect(mergeAxes([6, 7], [[7, 1], [1, 0]])).toEqual({ sizes: [6, 7], strides: [[7, 1], [1, 0]] });
    // Size-1 axes disappear; a transposed operand keeps its axes apart.
    expect(mergeAxes([1, 4, 5], [[0, 1, 4], [0, 5, 1]])).toEqual({ sizes: [4, 5], strides: [[1, 4], [5, 1]] });
    expect(mergeAxes([], [[], []])).toEqual({ sizes: [], strides: [[], []] });
  });

  for (const dtype of ['float32', 'float64'] as const) {
    for (const [label, makeA, makeB] of CASES) {
      it(`${label}, ${dtype}: every op equals the naive reference and the reference kernels`, () => {
        manualSeed(7);
        const a = makeA(dtype);
        const b = makeB(dtype).abs().add(0.25); // away from 0 so div stays finite
        for (const { name, op, f } of OPS) {
          const want = naive(a, b, f);
          const fast = op(a, b);
          const ref = onReference(() => op(a, b));
          expect(fast.shape, `${name} shape`).toEqual(want.shape);
          expect(Array.from(fast.toTypedArray()), name).toEqual(want.values);
          expect(Array.from(ref.toTypedArray()), `${name} on the reference`).toEqual(want.values);
          // And with the operands swapped (the repeated value on the other side).
          expect(Array.from(op(b, a).toTypedArray()), `${name} swapped`).toEqual(naive(b, a, f).values);
        }
      });
    }
  }

  it('a comparison (bool out) and mixed dtypes take the planned loops too', () => {
    manualSeed(3);
    const a = randn([4, 5]);
    const b = randn([4, 1], { dtype: 'float64' });
    expect(Array.from(gt(a, b).toTypedArray())).toEqual(naive(a, b, (x, y) => (x > y ? 1 : 0)).values);
    const mixed = add(a, b);
    expect(mixed.dtype).toBe('float64');
    expect(Array.from(mixed.toTypedArray())).toEqual(naive(a.astype('float64'), b, (x, y) => x + y).values);
  });

  it('NaN and infinities pass through the kernels as through the reference', () => {
    const a = tensor([[NaN, Infinity, -Infinity, 1], [0, -0, 2, 3]], { dtype: 'float64' });
    const b = tensor([[0], [Infinity]], { dtype: 'float64' });
    for (const { name, op, f } of OPS) {
      expect(Array.from(op(a, b).toTypedArray()), name).toEqual(naive(a, b, f).values);
    }
  });

  it('unary ops on strided views equal the same ops on a contiguous copy', () => {
    manualSeed(5);
    const x = randn([3, 4, 5], { dtype: 'float64' });
    for (const v of [x.permute([2, 0, 1]), x.slice(null, [null, null, -1], [1, 4]), x.select(1, 2).expand([2, 3, 5]), x.T.flip(0)]) {
      for (const f of [(t: Tensor) => t.exp(), (t: Tensor) => t.abs(), (t: Tensor) => t.sin(), (t: Tensor) => t.astype('float32')]) {
        expect(Array.from(f(v).toTypedArray())).toEqual(Array.from(f(v.contiguous()).toTypedArray()));
      }
    }
  });

  it('copies of strided views (clone, contiguous, reshape) read the elements in row-major order', () => {
    manualSeed(6);
    const x = randn([2, 3, 4, 5, 2], { dtype: 'float64' });
    // The last two are copied in 16×16 tiles (the innermost loop strides through memory),
    // with partial tiles at the edges.
    const big = randn([3, 37, 53], { dtype: 'float32' });
    const views = [x.permute([4, 2, 0, 3, 1]), x.slice([null, null, -1], null, [1, 4, 2]), x.select(2, 1).unsqueeze(1).expand([2, 3, 3, 5, 2]), x.transpose(0, 3),
      big.transpose(1, 2), big.permute([2, 0, 1]).slice([null, null, 3])];
    for (const v of views) {
      // The naive read: each multi-index through the view's own strides.
      const want = [...indices(v.shape)].map((idx) => v.data[idx.reduce((o, d, i) => o + d * v.strides[i], v.offset)]);
      expect(Array.from(v.clone().toTypedArray())).toEqual(want);
      expect(Array.from(v.contiguous().toTypedArray())).toEqual(want);
      expect(Array.from(v.reshape([-1]).toTypedArray())).toEqual(want);
      expect(v.clone().isContiguous()).toBe(true);
    }
  });

  describe('gradients through the broadcast paths (float64 central differences)', () => {
    const shapes: [string, number[], number[]][] = [
      ['bias row', [3, 2, 4], [4]],
      ['keepdims column', [3, 5], [3, 1]],
      ['mask on heads', [2, 2, 3, 3], [3, 3]],
      ['both sides', [3, 1, 4], [2, 1]],
    ];
    for (const [label, sa, sb] of shapes) {
      it(label, () => {
        manualSeed(11);
        const a = randn(sa, { dtype: 'float64' });
        const b = randn(sb, { dtype: 'float64' }).abs().add(0.5);
        const outShape = add(a, b).shape;
        const upstream = randn([...outShape], { dtype: 'float64' });
        for (const { name, op } of OPS.slice(0, 4)) gradcheck(([x, y]) => op(x, y), [a, b], upstream, `${label} ${name}`);
        // A transposed operand, so the backward's expanded gradients meet a strided view.
        gradcheck(([x, y]) => mul(x.transpose(-1, -2).transpose(-1, -2), y).div(y), [a, b], upstream, `${label} strided`);
      });
    }
  });
});
