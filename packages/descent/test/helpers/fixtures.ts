/** Loading golden fixtures (JSON written by tools/fixtures/*.py) and comparing with tolerances. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { tensor, type Tensor, type DType } from '../../src/tensor/index.js';

/** Non-finite values arrive as the strings "NaN", "Infinity", "-Infinity" (JSON has no NaN). */
export interface EncodedTensor { dtype: DType; shape: number[]; data: (number | boolean | string)[] }

export function loadFixture<T>(name: string): T {
  const path = fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

export function decode(e: EncodedTensor, dtype: DType = e.dtype): Tensor {
  return tensor(e.data.map(Number), { dtype }).reshape(e.shape);
}

/** Tolerances per dtype: float32 keeps ~7 significant digits, float64 ~16. */
export const TOL: Record<DType, { rtol: number; atol: number }> = {
  float64: { rtol: 1e-10, atol: 1e-12 },
  float32: { rtol: 2e-5, atol: 1e-6 },
  int32: { rtol: 0, atol: 0 },
  bool: { rtol: 0, atol: 0 },
};

/** Asserts |actual − expected| ≤ atol + rtol·|expected| elementwise, NaN matching NaN. */
export function expectClose(actual: Tensor, expected: Tensor | EncodedTensor, tol = TOL[actual.dtype], label = ''): void {
  const exp = 'data' in expected && !(expected as Tensor).toTypedArray ? decode(expected as EncodedTensor) : (expected as Tensor);
  expect(actual.shape, `${label} shape`).toEqual(exp.shape);
  const a = actual.toTypedArray();
  const b = exp.toTypedArray();
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (Number.isNaN(y)) {
      expect(Number.isNaN(x), `${label} element ${i}: expected NaN, got ${x}`).toBe(true);
      continue;
    }
    if (!Number.isFinite(y)) {
      expect(x, `${label} element ${i}`).toBe(y);
      continue;
    }
    const err = Math.abs(x - y);
    if (!(err <= tol.atol + tol.rtol * Math.abs(y))) {
      throw new Error(`${label} element ${i}: got ${x}, expected ${y} (|diff| ${err.toExponential(2)} > atol ${tol.atol} + rtol ${tol.rtol}·|expected|)`);
    }
  }
}

/**
 * Restores the non-finite numbers that the fixture scripts write as the strings 'NaN',
 * 'Infinity' and '-Infinity' (tools/fixtures/fixture_json.py), anywhere inside nested
 * arrays and objects.
 */
export function decodeNonFinite(v: unknown): unknown {
  if (v === 'NaN' || v === 'Infinity' || v === '-Infinity') return Number(v);
  if (Array.isArray(v)) return v.map(decodeNonFinite);
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, decodeNonFinite(x)]));
  return v;
}

/** A golden case with gradients: the output of `inputs`, and each input's gradient of sum(output · upstream) (null: none). */
export interface GradCase { name: string; inputs: EncodedTensor[]; output: EncodedTensor; upstream: EncodedTensor; grads: (EncodedTensor | null)[] }

/** Runs `run` on the case's inputs and checks its output and every expected gradient against the reference. */
export function expectMatchesGradCase(c: GradCase, run: (inputs: Tensor[]) => Tensor): void {
  const inputs = c.inputs.map((e, k) => (c.grads[k] !== null ? decode(e).requiresGrad_() : decode(e)));
  const out = run(inputs);
  expectClose(out, c.output, undefined, `${c.name} output`);
  out.mul(decode(c.upstream)).sum().backward();
  c.grads.forEach((g, k) => {
    if (g === null) return;
    expect(inputs[k]!.grad, `${c.name}: input ${k} got no gradient`).not.toBeNull();
    expectClose(inputs[k]!.grad!, g, undefined, `${c.name} grad of input ${k}`);
  });
}
