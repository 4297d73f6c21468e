/**
 * Binary elementwise primitives with NumPy broadcasting. Each backward rule gives the
 * partial derivatives and then `sumTo` undoes broadcasting: an input that was stretched
 * along an axis receives the sum of the gradients along it.
 */
import { Tensor, fromOp } from '../tensor.js';
import { DEFAULT_FLOAT, isFloat, promote, promoteScalar, type DType } from '../dtype.js';
import { mapBinary, sumTo } from './elementwise.js';
import { asTensor, type TensorLike } from './create.js';
import { where } from './where.js';

type Backward = (a: Tensor, b: Tensor, out: Tensor, g: Tensor) => [Tensor | null, Tensor | null];

interface BinaryDef {
  name: string;
  f: (x: number, y: number) => number;
  /** `'promote'`: the promoted dtype; `'float'`: promoted, then at least float32; `'bool'`. */
  result: 'promote' | 'float' | 'bool';
  backward: Backward | null;
}

/** Both operands as tensors, plain numbers taking the other operand's dtype (PyTorch's rule). */
export function operands(a: TensorLike, b: TensorLike): [Tensor, Tensor, DType] {
  const ta = a instanceof Tensor ? a : null;
  const tb = b instanceof Tensor ? b : null;
  let dtype: DType;
  if (ta && tb) dtype = promote(ta.dtype, tb.dtype);
  else if (ta) dtype = typeof b === 'number' || typeof b === 'boolean' ? promoteScalar(ta.dtype, b) : promote(ta.dtype, asTensor(b).dtype);
  else if (tb) dtype = typeof a === 'number' || typeof a === 'boolean' ? promoteScalar(tb.dtype, a) : promote(tb.dtype, asTensor(a).dtype);
  else dtype = promote(asTensor(a).dtype, asTensor(b).dtype);
  return [ta ?? asTensor(a, dtype), tb ?? asTensor(b, dtype), dtype];
}

function defineBinary(def: BinaryDef): (a: TensorLike, b: TensorLike) => Tensor {
  return (a: TensorLike, b: TensorLike): Tensor => {
    const [ta, tb, promoted] = operands(a, b);
    const dtype: DType = def.result === 'bool' ? 'bool'
      : def.result === 'float' && !isFloat(promoted) ? DEFAULT_FLOAT : promoted;
    const { data, shape } = mapBinary(def.name, ta, tb, dtype, def.f);
    const backward = def.backward;
    if (backward === null) return fromOp(data, shape, dtype, def.name, [], () => []);
    const out: Tensor = fromOp(data, shape, dtype, def.name, [ta, tb], (g) => {
      const [ga, gb] = backward(ta, tb, out, g);
      return [ga && sumTo(ga, ta.shape), gb && sumTo(gb, tb.shape)];
    });
    return out;
  };
}

/** a + b.  ∂/∂a = 1, ∂/∂b = 1. */
export const add = defineBinary({ name: 'add', f: (x, y) => x + y, result: 'promote', backward: (_a, _b, _o, g) => [g, g] });

/** a − b.  ∂/∂a = 1, ∂/∂b = −1. (A primitive, not a + (−b), to save a pass over memory.) */
export const sub = defineBinary({ name: 'sub', f: (x, y) => x - y, result: 'promote', backward: (_a, _b, _o, g) => [g, g.neg()] });

/** a · b.  ∂/∂a = b, ∂/∂b = a. */
export const mul = defineBinary({ name: 'mul', f: (x, y) => x * y, result: 'promote', backward: (a, b, _o, g) => [g.mul(b), g.mul(a)] });

/** a / b, true division (integers give floats, as in PyTorch).  ∂/∂a = 1/b, ∂/∂b = −a/b². */
export const div = defineBinary({ name: 'div', f: (x, y) => x / y, result: 'float', backward: (_a, b, out, g) => [g.div(b), g.mul(out).div(b).neg()] });

/**
 * aᵇ.  ∂/∂a = b·aᵇ⁻¹, ∂/∂b = aᵇ·ln a. Where a = 0 and b ≥ 0 the ∂/∂b term is taken as 0
 * (the limit PyTorch uses) rather than 0·(−∞) = NaN.
 */
export const pow = defineBinary({
  name: 'pow',
  f: Math.pow,
  result: 'promote',
  backward: (a, b, out, g) => {
    const ga = g.mul(b).mul(a.pow(b.sub(1)));
    const gb = b.requiresGrad ? g.mul(where(a.eq(0).logicalAnd(b.ge(0)), 0, out.mul(a.log()))) : null;
    return [ga, gb];
  },
});

/**
 * Elementwise maximum (NaN if either is NaN). At a tie the gradient is split evenly
 * between the two inputs, as PyTorch does.
 */
export const maximum = defineBinary({
  name: 'maximum',
  f: (x, y) => (x !== x || y !== y ? NaN : x > y ? x : y),
  result: 'promote',
  backward: (a, b, _o, g) => {
    const share = where(a.gt(b), 1, where(a.eq(b), 0.5, 0)).astype(g.dtype);
    return [g.mul(share), g.mul(share.neg().add(1))];
  },
});

/** Elementwise minimum (NaN if either is NaN); ties split the gradient evenly. */
export const minimum = defineBinary({
  name: 'minimum',
  f: (x, y) => (x !== x || y !== y ? NaN : x < y ? x : y),
  result: 'promote',
  backward: (a, b, _o, g) => {
    const share = where(a.lt(b), 1, where(a.eq(b), 0.5, 0)).astype(g.dtype);
    return [g.mul(share), g.mul(share.neg().add(1))];
  },
});

/** a == b (bool). NaN equals nothing, itself included. */
export const eq = defineBinary({ name: 'eq', f: (x, y) => (x === y ? 1 : 0), result: 'bool', backward: null });
/** a ≠ b (bool). */
export const ne = defineBinary({ name: 'ne', f: (x, y) => (x !== y ? 1 : 0), result: 'bool', backward: null });
/** a < b (bool). */
export const lt = defineBinary({ name: 'lt', f: (x, y) => (x < y ? 1 : 0), result: 'bool', backward: null });
/** a ≤ b (bool). */
export const le = defineBinary({ name: 'le', f: (x, y) => (x <= y ? 1 : 0), result: 'bool', backward: null });
/** a > b (bool). */
export const gt = defineBinary({ name: 'gt', f: (x, y) => (x > y ? 1 : 0), result: 'bool', backward: null });
/** a ≥ b (bool). */
export const ge = defineBinary({ name: 'ge', f: (x, y) => (x >= y ? 1 : 0), result: 'bool', backward: null });
/** Truth of a and b (bool). */
export const logicalAnd = defineBinary({ name: 'logicalAnd', f: (x, y) => (x !== 0 && y !== 0 ? 1 : 0), result: 'bool', backward: null });
/** Truth of a or b (bool). */
export const logicalOr = defineBinary({ name: 'logicalOr', f: (x, y) => (x !== 0 || y !== 0 ? 1 : 0), result: 'bool', backward: null });
