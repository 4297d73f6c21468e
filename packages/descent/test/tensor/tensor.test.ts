/** Creation, dtypes, views, errors and autograd semantics of the tensor engine. */
import { describe, it, expect } from 'vitest';
import {
  tensor, zeros, ones, full, arange, linspace, eye, where, noGrad, matmul, concat, Tensor, onesLike,
} from '../../src/tensor/index.js';

describe('creation', () => {
  it('infers shape and dtype from nested arrays, keeps typed-array kinds', () => {
    const t = tensor([[1, 2, 3], [4, 5, 6]]);
    expect(t.shape).toEqual([2, 3]);
    expect(t.dtype).toBe('float32');
    expect(tensor([true, false]).dtype).toBe('bool');
    expect(tensor(new Float64Array([1, 2])).dtype).toBe('float64');
    expect(tensor(new Uint8Array([200, 3])).toArray()).toEqual([200, 3]);
    expect(tensor(new Int32Array(6), { shape: [2, 3] }).shape).toEqual([2, 3]);
    expect(tensor(3.5).ndim).toBe(0);
    expect(tensor([]).shape).toEqual([0]);
  });

  it('copies its input: changing the source array later does not change the tensor', () => {
    const src = new Float32Array([1, 2, 3]);
    const t = tensor(src);
    src[0] = 100;
    expect(t.toArray()).toEqual([1, 2, 3]);
  });

  it('rejects ragged and non-numeric data with the position of the problem', () => {
    expect(() => tensor([[1, 2], [3]])).toThrow(/ragged nested array: the row at \[1\] has length 1, expected length 2/);
    expect(() => tensor([[1, 'a']] as never)).toThrow(/expected numbers or booleans/);
    expect(() => tensor(new Float32Array(5), { shape: [2, 3] })).toThrow(/5 elements cannot have shape \(2,3\)/);
    expect(() => tensor([1], { dtype: 'float16' as never })).toThrow(/unknown dtype "float16"/);
  });

  it('fills, ranges and identities agree with NumPy conventions', () => {
    expect(zeros([2, 2]).toArray()).toEqual([[0, 0], [0, 0]]);
    expect(ones([2], { dtype: 'int32' }).toArray()).toEqual([1, 1]);
    expect(full([2], 7).toArray()).toEqual([7, 7]);
    expect(arange(5).toArray()).toEqual([0, 1, 2, 3, 4]);
    expect(arange(5).dtype).toBe('int32');
    expect(arange(1, 2, 0.25).toArray()).toEqual([1, 1.25, 1.5, 1.75]);
    expect(arange(5, 0, -2).toArray()).toEqual([5, 3, 1]);
    expect(linspace(0, 1, 5).toArray()).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(eye(2, 3).toArray()).toEqual([[1, 0, 0], [0, 1, 0]]);
    expect(() => arange(0, 1, 0)).toThrow(/step must not be zero/);
  });

  it('select needs an integer index (a missing one is an error, not the whole axis)', () => {
    const t = tensor([[1, 2], [3, 4]]);
    expect(t.select(0, 1).toArray()).toEqual([3, 4]);
    expect(() => (t.select as (axis: number) => unknown)(1)).toThrow(/select: needs an integer index along axis 1, got undefined/);
    expect(() => t.select(0, 0.5)).toThrow(/integer index/);
    expect(() => t.select(0, 5)).toThrow(/select: index 5 is out of range for axis 0 of size 2 \(valid: -2\.\.1\)/);
    expect(t.select(0, -2).toArray()).toEqual(t.select(0, 0).toArray());
  });
});

describe('dtype promotion (PyTorch rules)', () => {
  it('widens tensor with tensor, but a JS number does not widen a float tensor', () => {
    const f32 = tensor([1, 2]);
    const f64 = tensor([1, 2], { dtype: 'float64' });
    const i32 = tensor([1, 2], { dtype: 'int32' });
    expect(f32.add(f64).dtype).toBe('float64');
    expect(f32.mul(2.5).dtype).toBe('float32');
    expect(i32.add(1).dtype).toBe('int32');
    expect(i32.add(0.5).dtype).toBe('float32');
    expect(i32.div(2).toArray()).toEqual([0.5, 1]);
    expect(i32.add(f32).dtype).toBe('float32');
    expect(tensor([true]).add(tensor([true])).dtype).toBe('bool');
    expect(f32.gt(1).dtype).toBe('bool');
  });

  it('casts with C semantics for int32 and NaN-is-true for bool', () => {
    expect(tensor([-1.7, 2.9]).astype('int32').toArray()).toEqual([-1, 2]);
    expect(tensor([0, NaN, 2]).astype('bool').toArray()).toEqual([false, true, true]);
  });
});

describe('views share storage and compose', () => {
  it('reshape, transpose, expand, slice and flip do not copy', () => {
    const x = arange(12).reshape([3, 4]);
    for (const v of [x.T, x.expand([2, 3, 4]), x.slice(null, [1, 3]), x.flip(0), x.unsqueeze(0), x.reshape([4, 3])]) {
      expect(v.data).toBe(x.data);
    }
    expect(x.T.toArray()).toEqual([[0, 4, 8], [1, 5, 9], [2, 6, 10], [3, 7, 11]]);
    expect(x.slice([null, null, -1], [1, null, 2]).toArray()).toEqual([[9, 11], [5, 7], [1, 3]]);
    expect(x.T.reshape([12]).toArray()).toEqual([0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11]);
    expect(x.select(1, -1).toArray()).toEqual([3, 7, 11]);
    expect(x.split(2, 1).map((p) => p.shape)).toEqual([[3, 2], [3, 2]]);
  });

  it('names the op, the shapes and the fix in shape errors', () => {
    expect(() => matmul(zeros([2, 3]), zeros([4, 5]))).toThrow('matmul: inner dimensions differ, (2,3) @ (4,5); expected a.shape[-1] == b.shape[-2]');
    expect(() => zeros([2, 3]).add(zeros([4]))).toThrow(/add: shapes \(2,3\) and \(4,\) cannot be broadcast together/);
    expect(() => zeros([2, 3]).reshape([4, 2])).toThrow(/cannot reshape a tensor of shape \(2,3\) \(6 elements\) into \(4,2\)/);
    expect(() => zeros([2, 3]).sum(2)).toThrow(/sum: axis 2 is out of range for a tensor with 2 dimensions/);
    expect(() => zeros([2, 3]).permute([0, 0])).toThrow(/repeat an axis/);
    expect(() => concat([zeros([2, 3]), zeros([2, 4])])).toThrow(/tensor 1 has shape \(2,4\)/);
    expect(() => zeros([3]).gather(0, [5])).toThrow(/index 5 is out of range for axis 0 of size 3/);
    expect(() => zeros([3]).max(0).item()).not.toThrow();
    expect(() => zeros([0]).max()).toThrow(/cannot reduce an empty tensor/);
  });
});

describe('IEEE special values propagate', () => {
  it('NaN and Infinity are never turned into zeros', () => {
    const x = tensor([NaN, Infinity, -Infinity, 0]);
    expect(x.exp().toArray()).toEqual([NaN, Infinity, 0, 1]);
    expect(x.max().item()).toBeNaN();
    expect(x.argmax().item()).toBe(0);
    expect(x.sum().item()).toBeNaN();
    expect(tensor([1, 0, -1]).div(0).toArray()).toEqual([Infinity, NaN, -Infinity]);
    expect(tensor([0]).log().item()).toBe(-Infinity);
    expect(tensor([3, NaN, 1]).sort().values.toArray()).toEqual([1, 3, NaN]);
  });
});

describe('autograd', () => {
  it('accumulates gradients across backward calls and through reused tensors', () => {
    const x = tensor([1, 2, 3], { requiresGrad: true, dtype: 'float64' });
    const y = x.mul(x).add(x).sum(); // d/dx = 2x + 1
    y.backward();
    expect(x.grad!.toArray()).toEqual([3, 5, 7]);
    x.mul(2).sum().backward();
    expect(x.grad!.toArray()).toEqual([5, 7, 9]);
  });

  it('takes an upstream gradient for non-scalar outputs and explains when one is missing', () => {
    const x = tensor([1, 2], { requiresGrad: true });
    const y = x.mul(3);
    expect(() => y.backward()).toThrow(/pass the upstream gradient/);
    y.backward(tensor([1, 10]));
    expect(x.grad!.toArray()).toEqual([3, 30]);
    expect(() => y.backward(tensor([1, 2, 3]))).toThrow(/has shape \(3,\) but this tensor has shape \(2,\)/);
  });

  it('detach and noGrad cut the graph; retainGrad keeps intermediate gradients', () => {
    const x = tensor([2], { requiresGrad: true });
    expect(x.detach().requiresGrad).toBe(false);
    expect(noGrad(() => x.mul(2)).requiresGrad).toBe(false);
    const h = x.mul(3).retainGrad();
    h.square().sum().backward(); // d/dh h² = 2h = 12; d/dx = 36
    expect(h.grad!.item()).toBe(12);
    expect(x.grad!.item()).toBe(36);
    expect(() => tensor([1], { dtype: 'int32' }).requiresGrad_()).toThrow(/only float tensors/);
    expect(() => tensor([1]).sum().backward()).toThrow(/does not require gradients/);
  });

  it('computes second derivatives with createGraph', () => {
    const x = tensor([1.5], { requiresGrad: true, dtype: 'float64' });
    const y = x.pow(3).sum(); // y' = 3x², y'' = 6x
    y.backward(undefined, { createGraph: true });
    const dydx = x.grad!;
    expect(dydx.item()).toBeCloseTo(3 * 1.5 ** 2, 12);
    x.grad = null;
    dydx.sum().backward();
    expect(x.grad!.item()).toBeCloseTo(6 * 1.5, 12);
  });

  it('handles long chains without overflowing the call stack', () => {
    const x = tensor([1], { requiresGrad: true, dtype: 'float64' });
    let y: Tensor = x;
    for (let i = 0; i < 20_000; i++) y = y.mul(1.0001);
    y.sum().backward();
    expect(x.grad!.item()).toBeCloseTo(1.0001 ** 20_000, 6);
  });

  it('returns gradients in each input\'s dtype in mixed-dtype ops', () => {
    const a = tensor([1, 2], { requiresGrad: true });
    const b = tensor([3, 4], { requiresGrad: true, dtype: 'float64' });
    a.mul(b).sum().backward();
    expect(a.grad!.dtype).toBe('float32');
    expect(b.grad!.dtype).toBe('float64');
    expect(where(tensor([true, false]), a, 0).sum().requiresGrad).toBe(true);
    expect(onesLike(a).requiresGrad).toBe(false);
  });

  it('prints readable tensors', () => {
    expect(String(tensor([[1, 2], [3, 4]], { dtype: 'int32' }))).toBe('tensor([[1, 2],\n        [3, 4]], shape=(2,2), dtype=int32)');
    expect(String(arange(100))).toContain('…');
    expect(String(tensor(1.5, { requiresGrad: true }))).toBe('tensor(1.5, shape=(), dtype=float32, requiresGrad=true)');
    expect(new Tensor(new Float32Array(1), [], 'float32').item()).toBe(0);
  });
});

describe('explicit in-place updates', () => {
  it('update values where they live, only outside gradient recording', () => {
    const w = tensor([1, 2, 3], { requiresGrad: true });
    const alias = w.detach(); // shares storage, like an optimizer's reference
    expect(() => w.sub_(1)).toThrow(/wrap the update in noGrad/);
    noGrad(() => w.sub_(tensor([0.5, 0.5, 0.5])).mul_(2));
    expect(alias.toArray()).toEqual([1, 3, 5]);
    const m = zeros([2, 3]);
    m.add_(tensor([1, 2, 3])).T.slice(0).fill_(9);
    expect(m.toArray()).toEqual([[9, 2, 3], [9, 2, 3]]);
    expect(() => m.copy_(zeros([4]))).toThrow(/cannot be broadcast to the tensor's shape \(2,3\)/);
    expect(zeros([2], { dtype: 'int32' }).add_(1.7).toArray()).toEqual([1, 1]);
  });
});

describe('leaf gradients own their storage', () => {
  it('in-place changes to one leaf\'s .grad do not leak into another\'s or into a broadcast view', () => {
    const a = tensor([1, 2], { requiresGrad: true });
    const b = tensor([3, 4], { requiresGrad: true });
    a.add(b).sum().backward();
    noGrad(() => a.grad!.mul_(10));
    expect(b.grad!.toArray()).toEqual([1, 1]);
    const c = tensor([1, 2, 3], { requiresGrad: true });
    c.sum().backward(); // the gradient arrives as a stride-0 expand of one value
    noGrad(() => c.grad!.mul_(2));
    expect(c.grad!.toArray()).toEqual([2, 2, 2]);
  });
});
