/**
 * Recurrent and attention layers checked against themselves: float64 central-difference
 * gradient checks over inputs, initial states and every parameter (see
 * test/tensor/gradcheck.test.ts), and dropout active in training and off in evaluation.
 * The PyTorch golden tests are in sequence.test.ts.
 */
import { describe, it, expect } from 'vitest';
import { tensor, concat, randn, manualSeed, type Tensor } from '../../src/tensor/index.js';
import { LSTM, GRU, MultiheadAttention, type Module } from '../../src/nn/index.js';
import { expectClose } from '../helpers/fixtures.js';
import { gradcheck } from '../helpers/gradcheck.js';

/** Every output of a module flattened into one tensor, so one gradcheck covers them all. */
const flat = (...ts: (Tensor | null)[]) => concat(ts.filter((t): t is Tensor => t !== null).map((t) => t.reshape([-1])));

/**
 * Swaps `m`'s parameters for `xs.slice(first)`, matched to `names` (dotted for children),
 * so gradcheck can move each weight. Works because layers look their weights up at call time.
 */
function withParams(m: Module, names: string[], xs: Tensor[], first: number): void {
  names.forEach((name, i) => {
    const path = name.split('.');
    let owner = m as unknown as Record<string, unknown>;
    for (const part of path.slice(0, -1)) owner = owner[part] as Record<string, unknown>;
    owner[path[path.length - 1]] = xs[first + i];
  });
}

describe('central-difference gradient checks (float64)', () => {
  it('bidirectional LSTM with initial states: input, h0, c0 and every weight', () => {
    manualSeed(1);
    const m = new LSTM(2, 3, { bidirectional: true, dtype: 'float64' });
    const names = m.namedParameters().map(([k]) => k);
    const inputs = [randn([3, 2, 2], { dtype: 'float64' }), randn([2, 2, 3], { dtype: 'float64' }), randn([2, 2, 3], { dtype: 'float64' }), ...m.parameters().map((p) => p.detach())];
    const f = (xs: Tensor[]) => {
      withParams(m, names, xs, 3);
      const [out, [hN, cN]] = m.forward(xs[0], [xs[1], xs[2]]);
      return flat(out, hN, cN);
    };
    gradcheck(f, inputs, randn([3 * 2 * 6 + 2 * 12], { dtype: 'float64' }), 'LSTM');
  });

  it('two-layer GRU, batch first', () => {
    manualSeed(2);
    const m = new GRU(2, 3, { numLayers: 2, batchFirst: true, dtype: 'float64' });
    const names = m.namedParameters().map(([k]) => k);
    const inputs = [randn([2, 3, 2], { dtype: 'float64' }), ...m.parameters().map((p) => p.detach())];
    const f = (xs: Tensor[]) => {
      withParams(m, names, xs, 1);
      const [out, hN] = m.forward(xs[0]);
      return flat(out, hN);
    };
    gradcheck(f, inputs, randn([2 * 3 * 3 + 2 * 2 * 3], { dtype: 'float64' }), 'GRU');
  });

  it('MultiheadAttention with kdim/vdim, key padding and a float mask: inputs, weights and per-head attention', () => {
    manualSeed(3);
    const m = new MultiheadAttention(4, 2, { kdim: 3, vdim: 5, dtype: 'float64' });
    const names = m.namedParameters().map(([k]) => k);
    const inputs = [randn([3, 2, 4], { dtype: 'float64' }), randn([4, 2, 3], { dtype: 'float64' }), randn([4, 2, 5], { dtype: 'float64' }), ...m.parameters().map((p) => p.detach())];
    const keyPaddingMask = tensor([[false, false, true, false], [false, false, false, false]]);
    const attnMask = randn([3, 4], { dtype: 'float64' });
    const f = (xs: Tensor[]) => {
      withParams(m, names, xs, 3);
      const [out, w] = m.forward(xs[0], xs[1], xs[2], { keyPaddingMask, attnMask, averageAttnWeights: false });
      return flat(out, w);
    };
    gradcheck(f, inputs, randn([3 * 2 * 4 + 2 * 2 * 3 * 4], { dtype: 'float64' }), 'MultiheadAttention');
  });
});

describe('dropout in recurrent and attention layers', () => {
  it('LSTM drops between layers in training only', () => {
    manualSeed(4);
    const m = new LSTM(3, 8, { numLayers: 2, dropout: 0.5, dtype: 'float64' });
    const plain = new LSTM(3, 8, { numLayers: 2, dtype: 'float64' });
    plain.loadStateDict(m.stateDict());
    const x = randn([6, 2, 3], { dtype: 'float64' });
    const reference = plain.forward(x)[0];
    const trained = m.forward(x)[0];
    expect(trained.sub(reference).abs().max().item()).toBeGreaterThan(1e-3);
    m.eval();
    expectClose(m.forward(x)[0], reference, undefined, 'LSTM eval');
  });

  it('MultiheadAttention drops attention weights in training only', () => {
    manualSeed(5);
    const m = new MultiheadAttention(8, 2, { dropout: 0.5, dtype: 'float64' });
    const x = randn([5, 3, 8], { dtype: 'float64' });
    const [, wTrain] = m.forward(x, x, x, { averageAttnWeights: false });
    const values = Array.from(wTrain!.toTypedArray());
    expect(values.filter((v) => v === 0).length).toBeGreaterThan(values.length / 4);
    m.eval();
    const [, wEval] = m.forward(x, x, x, { averageAttnWeights: false });
    expectClose(wEval!.sum(-1), tensor(new Float64Array(3 * 2 * 5).fill(1), { shape: [3, 2, 5] }), undefined, 'rows sum to 1');
    expect(Array.from(wEval!.toTypedArray()).every((v) => v > 0)).toBe(true);
  });
});

