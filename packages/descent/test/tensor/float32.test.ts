/**
 * The same PyTorch cases run in float32: outputs must match the float64 golden values to
 * float32 precision. This exercises the float32 kernels (including the blocked matmul).
 */
import { describe, it, expect } from 'vitest';
import type { Tensor } from '../../src/tensor/index.js';
import { decode, expectClose, loadFixture, type EncodedTensor } from '../helpers/fixtures.js';
import { OPS } from './op-table.js';

interface Case { name: string; op: string; kwargs: Record<string, unknown>; inputs: EncodedTensor[]; output: EncodedTensor }
const { cases } = loadFixture<{ cases: Case[] }>('tensor-ops.json');

// Ops whose float32 result can legitimately differ from rounding the float64 result:
// rounding functions at float32-rounded inputs, and orderings of nearly equal values.
const SKIP = new Set(['floor', 'ceil', 'round', 'argsort', 'argmax', 'argmin']);

describe('ops in float32 match PyTorch to float32 precision', () => {
  for (const c of cases) {
    if (SKIP.has(c.op) || c.output.dtype !== 'float64') continue;
    it(c.name, () => {
      const inputs: Tensor[] = c.inputs.map((e) => decode(e, e.dtype === 'float64' ? 'float32' : e.dtype));
      const out = OPS[c.op](inputs, c.kwargs);
      expect(out.dtype, `${c.name} keeps float32`).toBe('float32');
      // Inputs were rounded to float32 before the op, so compare loosely (relative 1e-4,
      // absolute 1e-5; logsumexp of values ~60 has absolute error ~1e-5 from that rounding).
      expectClose(out.astype('float64'), decode(c.output), { rtol: 1e-4, atol: 2e-5 }, `${c.name} float32`);
    });
  }
});
