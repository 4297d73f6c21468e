/**
 * Central-difference gradient checks in float64 for every differentiable op in the
 * PyTorch fixture: for loss = Σ output·upstream, each analytic ∂loss/∂xᵢ from backward()
 * must match (loss(x + h·eᵢ) − loss(x − h·eᵢ)) / 2h. This checks the backward rules
 * against the forward code itself, independently of the golden values. It runs with all the
 * fast kernels and again on the WebAssembly kernels alone (every other op on its reference).
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import { useBackends } from '../../src/tensor/index.js';
import { decode, loadFixture, type EncodedTensor } from '../helpers/fixtures.js';
import { OPS } from './op-table.js';
import { gradcheck } from '../helpers/gradcheck.js';

interface Case { name: string; op: string; kwargs: Record<string, unknown>; inputs: EncodedTensor[]; upstream?: EncodedTensor }
const { cases } = loadFixture<{ cases: Case[] }>('tensor-ops.json');

/** Ops whose derivative is zero almost everywhere or that have no float output. */
const PIECEWISE_CONSTANT = new Set(['floor', 'ceil', 'round', 'argmax', 'argmin', 'argsort']);

for (const [mode, backends] of Object.entries({ 'fast kernels': null, 'wasm-simd kernels only': ['wasm-simd'] })) {
  describe(`central-difference gradient check (float64), ${mode}`, () => {
    let prev: readonly string[] | null = null;
    beforeAll(() => { prev = useBackends(backends); });
    afterAll(() => { useBackends(prev); });
    for (const c of cases) {
      if (!c.upstream || PIECEWISE_CONSTANT.has(c.op) || c.name === 'sigmoid_extreme' || c.name === 'maximum_ties' || c.name === 'max_ties') continue;
      it(c.name, () => gradcheck((xs) => OPS[c.op](xs, c.kwargs), c.inputs.map((e) => decode(e)), decode(c.upstream!), c.name));
    }
  });
}
