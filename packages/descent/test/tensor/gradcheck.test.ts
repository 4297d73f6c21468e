/**
 * Central-difference gradient checks in float64 for every differentiable op in the
 * PyTorch fixture: for loss = Σ output·upstream, each analytic ∂loss/∂xᵢ from backward()
 * must match (loss(x + h·eᵢ) − loss(x − h·eᵢ)) / 2h. This checks the backward rules
 * against the forward code itself, independently of the golden values.
 */
import { describe, it } from 'vitest';
import { tensor, noGrad, type Tensor } from '../../src/tensor/index.js';
import { decode, loadFixture, type EncodedTensor } from '../helpers/fixtures.js';
import { OPS } from './op-table.js';

interface Case { name: string; op: string; kwargs: Record<string, unknown>; inputs: EncodedTensor[]; upstream?: EncodedTensor }
const { cases } = loadFixture<{ cases: Case[] }>('tensor-ops.json');

/** Ops whose derivative is zero almost everywhere or that have no float output. */
const PIECEWISE_CONSTANT = new Set(['floor', 'ceil', 'round', 'argmax', 'argmin', 'argsort']);

export function gradcheck(f: (xs: Tensor[]) => Tensor, inputs: Tensor[], upstream: Tensor, label: string, h = 1e-6, tol = 1e-6, check: boolean[] = inputs.map(() => true)): void {
  const xs = inputs.map((t) => (t.dtype === 'float64' ? tensor(t).requiresGrad_() : t));
  f(xs).mul(upstream).sum().backward();
  xs.forEach((x, k) => {
    if (x.dtype !== 'float64' || !check[k]) return;
    const base = x.toTypedArray() as Float64Array;
    const analytic = x.grad === null ? new Float64Array(base.length) : (x.grad.toTypedArray() as Float64Array);
    for (let i = 0; i < base.length; i++) {
      const at = (delta: number) => {
        const moved = Float64Array.from(base);
        moved[i] += delta;
        const args = xs.map((t, j) => (j === k ? tensor(moved, { shape: x.shape }) : t.detach()));
        return noGrad(() => f(args).mul(upstream).sum().item());
      };
      const numeric = (at(h) - at(-h)) / (2 * h);
      const err = Math.abs(numeric - analytic[i]);
      if (err > tol * Math.max(1, Math.abs(numeric))) {
        throw new Error(`${label}: d/d(input ${k})[${i}] analytic ${analytic[i]} vs numeric ${numeric} (|diff| ${err.toExponential(2)})`);
      }
    }
  });
}

describe('central-difference gradient check (float64)', () => {
  for (const c of cases) {
    if (!c.upstream || PIECEWISE_CONSTANT.has(c.op) || c.name === 'sigmoid_extreme' || c.name === 'maximum_ties' || c.name === 'max_ties') continue;
    it(c.name, () => gradcheck((xs) => OPS[c.op](xs, c.kwargs), c.inputs.map((e) => decode(e)), decode(c.upstream!), c.name));
  }
});
