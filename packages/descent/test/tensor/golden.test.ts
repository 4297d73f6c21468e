/**
 * Every op against PyTorch (golden values from tools/fixtures/tensor_ops.py, float64):
 * outputs, and gradients of sum(output · upstream) for each float input. Every case runs
 * three times: with all the fast kernels (dispatch picks the fastest), on the WebAssembly
 * kernels alone (every other op on its reference), and on the reference kernels only.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { useBackends, type Tensor } from '../../src/tensor/index.js';
import { decode, expectClose, loadFixture, type EncodedTensor } from '../helpers/fixtures.js';
import { OPS } from './op-table.js';

interface Case {
  name: string; op: string; kwargs: Record<string, unknown>;
  inputs: EncodedTensor[]; output: EncodedTensor; upstream?: EncodedTensor; grads?: (EncodedTensor | null)[];
}
const fixture = loadFixture<{ source: string; cases: Case[] }>('tensor-ops.json');

function run(c: Case) {
  const call = OPS[c.op];
  if (!call) throw new Error(`no Descent call for fixture op ${c.op}`);
  const inputs: Tensor[] = c.inputs.map((e) => {
    const t = decode(e);
    if (t.dtype === 'float64' && c.grads) t.requiresGrad = true;
    return t;
  });
  const out = call(inputs, c.kwargs);
  expectClose(out, c.output, undefined, `${c.name} output`);
  if (c.grads && c.upstream) {
    out.mul(decode(c.upstream)).sum().backward();
    c.grads.forEach((g, k) => {
      if (g === null) return;
      expect(inputs[k].grad, `${c.name}: input ${k} got no gradient`).not.toBeNull();
      expectClose(inputs[k].grad!, g, undefined, `${c.name} grad of input ${k}`);
    });
  }
}

describe(`ops match ${fixture.source}`, () => {
  const modes = { 'fast kernels': null, 'wasm-simd kernels only': ['wasm-simd'], 'reference kernels': ['reference'] };
  for (const [mode, backends] of Object.entries(modes)) {
    describe(mode, () => {
      let prev: readonly string[] | null = null;
      beforeAll(() => { prev = useBackends(backends); });
      afterAll(() => { useBackends(prev); });
      for (const c of fixture.cases) it(c.name, () => run(c));
    });
  }
});
