/**
 * Recurrent, attention and transformer layers against PyTorch (tools/fixtures/nn_sequence.py,
 * float64, dropout 0): each case loads PyTorch's state dict into the Descent module, runs
 * the same inputs, and compares every output and the gradients of Σ output·upstream with
 * respect to every input and every parameter.
 */
import { describe, it, expect } from 'vitest';
import { tensor, type Tensor } from '../../src/tensor/index.js';
import { RNN, LSTM, GRU, RNNCell, LSTMCell, GRUCell, type Module } from '../../src/nn/index.js';
import { decode, expectClose, loadFixture, type EncodedTensor } from '../helpers/fixtures.js';

type Tensors = Record<string, EncodedTensor>;
interface Case {
  name: string;
  state: Tensors;
  inputs: Tensors;
  outputs: Tensors;
  upstream: Tensors;
  grads: Tensors;
  paramGrads: Tensors;
}
interface RecurrentCase extends Case { kind: string; inputSize: number; hiddenSize: number; options: Record<string, never> }
interface Fixture { source: string; recurrent: RecurrentCase[] }
const fx = loadFixture<Fixture>('nn-sequence.json');

/** Gradients here pass through up to a few dozen float64 ops; PyTorch sums in another order. */
const TIGHT = { rtol: 1e-9, atol: 1e-11 };

type Outputs = Record<string, Tensor | null | undefined>;

/** Loads the case's weights into `module`, runs `call`, and checks outputs and all gradients. */
function checkCase(c: Case, module: Module, call: (inputs: Record<string, Tensor>) => Outputs): void {
  module.loadStateDict(Object.fromEntries(Object.entries(c.state).map(([k, v]) => [k, decode(v)])));
  const inputs = Object.fromEntries(Object.entries(c.inputs).map(([k, v]) => {
    const t = decode(v);
    return [k, v.dtype === 'float64' ? t.requiresGrad_() : t];
  }));
  const outs = call(inputs);
  let loss: Tensor | null = null;
  for (const [k, expected] of Object.entries(c.outputs)) {
    const got = outs[k];
    expect(got, `${c.name}: output ${k}`).toBeTruthy();
    expectClose(got!, expected, TIGHT, `${c.name} ${k}`);
    const term = got!.mul(decode(c.upstream[k])).sum();
    loss = loss ? loss.add(term) : term;
  }
  for (const [k, v] of Object.entries(outs)) if (!(k in c.outputs)) expect(v, `${c.name}: ${k} should be null`).toBeNull();
  loss!.backward();
  for (const [k, g] of Object.entries(c.grads)) expectClose(inputs[k].grad!, g, TIGHT, `${c.name} d/d${k}`);
  const params = Object.fromEntries(module.namedParameters());
  expect(Object.keys(params).sort(), `${c.name}: parameter names`).toEqual(Object.keys(c.paramGrads).sort());
  for (const [k, g] of Object.entries(c.paramGrads)) expectClose(params[k].grad!, g, TIGHT, `${c.name} d/d${k}`);
}

function recurrentModule(c: RecurrentCase): Module {
  const o = { ...c.options, dtype: 'float64' as const };
  switch (c.kind) {
    case 'RNN': return new RNN(c.inputSize, c.hiddenSize, o);
    case 'LSTM': return new LSTM(c.inputSize, c.hiddenSize, o);
    case 'GRU': return new GRU(c.inputSize, c.hiddenSize, o);
    case 'RNNCell': return new RNNCell(c.inputSize, c.hiddenSize, o);
    case 'LSTMCell': return new LSTMCell(c.inputSize, c.hiddenSize, o);
    case 'GRUCell': return new GRUCell(c.inputSize, c.hiddenSize, o);
  }
  throw new Error(`unknown kind ${c.kind}`);
}

describe(`recurrent layers match ${fx.source}`, () => {
  for (const c of fx.recurrent) {
    it(c.name, () => {
      const m = recurrentModule(c);
      checkCase(c, m, ({ input, h0, c0 }): Outputs => {
        if (m instanceof LSTM) {
          const [output, [hN, cN]] = m.forward(input, h0 ? [h0, c0] : undefined);
          return { output, hN, cN };
        }
        if (m instanceof LSTMCell) {
          const [h, cc] = m.forward(input, h0 ? [h0, c0] : undefined);
          return { h, c: cc };
        }
        if (m instanceof RNN || m instanceof GRU) {
          const [output, hN] = m.forward(input, h0);
          return { output, hN };
        }
        return { h: (m as RNNCell | GRUCell).forward(input, h0) };
      });
    });
  }
});

describe('recurrent layers: state-dict layout and errors', () => {
  it('names and shapes parameters like PyTorch', () => {
    const lstm = new LSTM(3, 4, { numLayers: 2, bidirectional: true });
    const shapes = Object.fromEntries(lstm.namedParameters().map(([k, p]) => [k, p.shape]));
    expect(Object.keys(shapes)).toEqual([
      'weight_ih_l0', 'weight_hh_l0', 'bias_ih_l0', 'bias_hh_l0',
      'weight_ih_l0_reverse', 'weight_hh_l0_reverse', 'bias_ih_l0_reverse', 'bias_hh_l0_reverse',
      'weight_ih_l1', 'weight_hh_l1', 'bias_ih_l1', 'bias_hh_l1',
      'weight_ih_l1_reverse', 'weight_hh_l1_reverse', 'bias_ih_l1_reverse', 'bias_hh_l1_reverse',
    ]);
    expect(shapes.weight_ih_l0).toEqual([16, 3]);
    expect(shapes.weight_ih_l1).toEqual([16, 8]);
    expect(shapes.weight_hh_l1_reverse).toEqual([16, 4]);
    expect(new GRU(3, 4, { bias: false }).namedParameters().map(([k]) => k)).toEqual(['weight_ih_l0', 'weight_hh_l0']);
    expect(new GRUCell(3, 5).weight_ih.shape).toEqual([15, 3]);
  });

  it('initializes uniformly in ±1/√hiddenSize', () => {
    const values = new RNN(10, 25).parameters().flatMap((p) => Array.from(p.toTypedArray()));
    expect(Math.max(...values.map(Math.abs))).toBeLessThanOrEqual(0.2);
    expect(Math.max(...values.map(Math.abs))).toBeGreaterThan(0.18);
  });

  it('names the expected input size', () => {
    expect(() => new LSTM(3, 4).forward(tensor(new Float32Array(20), { shape: [5, 1, 4] }))).toThrow(/LSTM: expected input of shape \(L, N, inputSize\).*inputSize 3, got \(5,1,4\)/);
    expect(() => new GRU(3, 4, { batchFirst: true }).forward(tensor(new Float32Array(3)))).toThrow(/GRU: expected input of shape \(N, L, inputSize\)/);
    expect(() => new LSTMCell(3, 4).forward(tensor(new Float32Array(8), { shape: [2, 4] }))).toThrow(/LSTMCell: expected input of shape \(batch, 3\)/);
  });

  it('names the expected state shape', () => {
    const x = tensor(new Float32Array(30), { shape: [5, 2, 3] });
    const bad = tensor(new Float32Array(8), { shape: [1, 2, 4] });
    expect(() => new RNN(3, 4, { numLayers: 2 }).forward(x, bad)).toThrow(/RNN: expected h0 of shape \(2,2,4\) \(numLayers·numDirections, batch, hiddenSize\), got \(1,2,4\)/);
    const h = tensor(new Float32Array(16), { shape: [2, 2, 4] });
    expect(() => new LSTM(3, 4, { bidirectional: true }).forward(x, [h, bad])).toThrow(/LSTM: expected c0 of shape \(2,2,4\)/);
    expect(() => new GRUCell(3, 4).forward(tensor(new Float32Array(6), { shape: [2, 3] }), tensor(new Float32Array(4)))).toThrow(/GRUCell: expected hx of shape \(2,4\)/);
  });

  it('rejects bad options', () => {
    expect(() => new LSTM(3, 0)).toThrow(/LSTM: hiddenSize must be a positive integer, got 0/);
    expect(() => new GRU(3, 4, { dropout: 1.5 })).toThrow(/GRU: dropout must be a probability in \[0, 1\], got 1.5/);
    expect(() => new RNN(3, 4, { nonlinearity: 'sigmoid' as 'tanh' })).toThrow(/nonlinearity must be 'tanh' or 'relu'/);
  });
});
