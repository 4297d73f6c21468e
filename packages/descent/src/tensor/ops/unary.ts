/**
 * Unary elementwise primitives. Each entry gives the formula, its derivative (the
 * backward rule, written with tensor ops) and, for the non-obvious ones, a source.
 * Float inputs keep their dtype; integer and bool inputs are converted to float32 first,
 * as in PyTorch, except for the ops that make sense on integers (neg, abs, sign, …).
 */
import { Tensor, fromOp } from '../tensor.js';
import { assertDType, DEFAULT_FLOAT, isFloat, type DType } from '../dtype.js';
import { mapUnary } from './elementwise.js';
import { zerosLike } from './create.js';

type Backward = (x: Tensor, out: Tensor, g: Tensor) => Tensor | null;

interface UnaryDef {
  name: string;
  f: (v: number) => number;
  /** `'float'`: result is float (ints become float32); `'same'`: keeps the input dtype. */
  result: 'float' | 'same';
  backward: Backward;
}

function defineUnary(def: UnaryDef): (x: Tensor) => Tensor {
  return (x: Tensor): Tensor => {
    const outDtype: DType = def.result === 'same' || isFloat(x.dtype) ? x.dtype : DEFAULT_FLOAT;
    const data = mapUnary(def.name, x, outDtype, def.f);
    const out: Tensor = fromOp(data, x.shape, outDtype, def.name, [x], (g) => [def.backward(x, out, g)]);
    return out;
  };
}

/** Rounding-like ops have zero derivative almost everywhere, as PyTorch reports. */
const zeroGrad: Backward = (x) => zerosLike(x);

/** −x.  d/dx = −1. */
export const neg = defineUnary({ name: 'neg', f: (v) => -v, result: 'same', backward: (_x, _o, g) => g.neg() });

/** eˣ.  d/dx = eˣ, the output itself. */
export const exp = defineUnary({ name: 'exp', f: Math.exp, result: 'float', backward: (_x, out, g) => g.mul(out) });

/** ln x (NaN for x < 0, −∞ at 0, as IEEE 754 says).  d/dx = 1/x. */
export const log = defineUnary({ name: 'log', f: Math.log, result: 'float', backward: (x, _o, g) => g.div(x) });

/** √x.  d/dx = 1/(2√x). */
export const sqrt = defineUnary({ name: 'sqrt', f: Math.sqrt, result: 'float', backward: (_x, out, g) => g.div(out.mul(2)) });

/** sin x.  d/dx = cos x. */
export const sin = defineUnary({ name: 'sin', f: Math.sin, result: 'float', backward: (x, _o, g) => g.mul(cos(x)) });

/** cos x.  d/dx = −sin x. */
export const cos = defineUnary({ name: 'cos', f: Math.cos, result: 'float', backward: (x, _o, g) => g.mul(sin(x)).neg() });

/** tanh x.  d/dx = 1 − tanh² x. */
export const tanh = defineUnary({ name: 'tanh', f: Math.tanh, result: 'float', backward: (_x, out, g) => g.mul(out.square().neg().add(1)) });

/**
 * σ(x) = 1/(1 + e⁻ˣ).  d/dx = σ(x)(1 − σ(x)).
 * A primitive rather than a composition: differentiating 1/(1+e⁻ˣ) through its parts
 * computes ∞/∞ = NaN for x below about −710 (float64) or −88 (float32), while this rule
 * stays finite. The forward uses e^x/(1+e^x) for negative x so neither branch overflows.
 */
export const sigmoid = defineUnary({
  name: 'sigmoid',
  f: (v) => (v >= 0 ? 1 / (1 + Math.exp(-v)) : Math.exp(v) / (1 + Math.exp(v))),
  result: 'float',
  backward: (_x, out, g) => g.mul(out.mul(out.neg().add(1))),
});

/** |x|.  d/dx = sign(x) (0 at 0, PyTorch's choice). */
export const abs = defineUnary({ name: 'abs', f: Math.abs, result: 'same', backward: (x, _o, g) => g.mul(sign(x)) });

/** sign(x) ∈ {−1, 0, 1} (NaN stays NaN).  d/dx = 0. */
export const sign = defineUnary({ name: 'sign', f: (v) => (v > 0 ? 1 : v < 0 ? -1 : v), result: 'same', backward: zeroGrad });

/** 1/x.  d/dx = −1/x². */
export const reciprocal = defineUnary({ name: 'reciprocal', f: (v) => 1 / v, result: 'float', backward: (_x, out, g) => g.mul(out.square()).neg() });

/** ⌊x⌋.  d/dx = 0. */
export const floor = defineUnary({ name: 'floor', f: Math.floor, result: 'same', backward: zeroGrad });

/** ⌈x⌉.  d/dx = 0. */
export const ceil = defineUnary({ name: 'ceil', f: Math.ceil, result: 'same', backward: zeroGrad });

/** Round half to even (banker's rounding), as NumPy and PyTorch do.  d/dx = 0. */
export const round = defineUnary({
  name: 'round',
  f: (v) => {
    const r = Math.round(v);
    return Math.abs(v % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
  },
  result: 'same',
  backward: zeroGrad,
});

/** ln(1 + x), accurate for tiny x.  d/dx = 1/(1 + x). */
export const log1p = defineUnary({ name: 'log1p', f: Math.log1p, result: 'float', backward: (x, _o, g) => g.div(x.add(1)) });

/** eˣ − 1, accurate for tiny x.  d/dx = eˣ. */
export const expm1 = defineUnary({ name: 'expm1', f: Math.expm1, result: 'float', backward: (_x, out, g) => g.mul(out.add(1)) });

/**
 * The error function erf x = (2/√π) ∫₀ˣ e^(−t²) dt (used by the exact GELU).
 * d/dx = (2/√π) e^(−x²).
 */
export const erf = defineUnary({ name: 'erf', f: erfScalar, result: 'float', backward: (x, _o, g) => g.mul(x.square().neg().exp().mul(2 / Math.sqrt(Math.PI))) });

/**
 * erf to full double precision: the Maclaurin series for |x| < 2.5 and the continued
 * fraction of erfc beyond (Abramowitz & Stegun 7.1.5 and 7.1.14; evaluated by Lentz's method).
 */
export function erfScalar(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const ax = Math.abs(x);
  if (ax < 2.5) {
    // erf x = (2/√π) Σ (−1)ⁿ x^(2n+1) / (n! (2n+1))
    let term = ax;
    let sum = ax;
    const x2 = ax * ax;
    for (let n = 1; n < 200; n++) {
      term *= -x2 / n;
      const add = term / (2 * n + 1);
      sum += add;
      if (Math.abs(add) < 1e-17 * Math.abs(sum)) break;
    }
    return Math.sign(x) * sum * (2 / Math.sqrt(Math.PI));
  }
  if (ax > 6) return Math.sign(x);
  // erfc x = e^(−x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + …)))))
  const tiny = 1e-300;
  let f = ax;
  let C = f;
  let D = 0;
  for (let n = 1; n < 300; n++) {
    const a = n / 2;
    D = ax + a * D;
    D = D === 0 ? tiny : D;
    C = ax + a / C;
    C = C === 0 ? tiny : C;
    D = 1 / D;
    const delta = C * D;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  const erfc = Math.exp(-ax * ax) / Math.sqrt(Math.PI) / f;
  return Math.sign(x) * (1 - erfc);
}

/** NaN test, bool result (no gradient). */
export function isnan(x: Tensor): Tensor {
  return fromOp(mapUnary('isnan', x, 'bool', (v) => (Number.isNaN(v) ? 1 : 0)), x.shape, 'bool', 'isnan', [], () => []);
}

/** Finite test (not NaN, not ±∞), bool result. */
export function isfinite(x: Tensor): Tensor {
  return fromOp(mapUnary('isfinite', x, 'bool', (v) => (Number.isFinite(v) ? 1 : 0)), x.shape, 'bool', 'isfinite', [], () => []);
}

/** Logical not of the truth of each element, bool result. */
export function logicalNot(x: Tensor): Tensor {
  return fromOp(mapUnary('logicalNot', x, 'bool', (v) => (v === 0 ? 1 : 0)), x.shape, 'bool', 'logicalNot', [], () => []);
}

/** Converts to another dtype (int32 truncates toward zero).  d/dx = 1 between float dtypes. */
export function astype(x: Tensor, dtype: DType): Tensor {
  if (dtype === x.dtype) return x;
  assertDType('astype', dtype);
  const f = dtype === 'bool' ? (v: number) => (v !== 0 ? 1 : 0) : (v: number) => v;
  const data = mapUnary('astype', x, dtype, f);
  return fromOp(data, x.shape, dtype, 'astype', [x], (g) => [isFloat(x.dtype) ? g.astype(x.dtype) : null]);
}
