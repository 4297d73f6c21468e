/**
 * Recurrent, attention and transformer layers against PyTorch (tools/fixtures/nn_sequence.py,
 * float64, dropout 0): each case loads PyTorch's state dict into the Descent module, runs
 * the same inputs, and compares every output and the gradients of Σ output·upstream with
 * respect to every input and every parameter.
 */
import { describe, it, expect } from 'vitest';
import { tensor, randn, manualSeed, noGrad, type Tensor } from '../../src/tensor/index.js';
import {
  RNN, LSTM, GRU, RNNCell, LSTMCell, GRUCell, MultiheadAttention, F, LayerNorm, type Module,
  TransformerEncoderLayer, TransformerDecoderLayer, TransformerEncoder, TransformerDecoder, generateSquareSubsequentMask,
  saveState, loadState,
} from '../../src/nn/index.js';
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
interface AttentionCase extends Case {
  embedDim: number;
  numHeads: number;
  options: Record<string, never>;
  call: { needWeights: boolean; averageAttnWeights: boolean; isCausal: boolean; selfAttention: boolean };
}
interface SdpaCase extends Omit<Case, 'state' | 'paramGrads'> { isCausal: boolean; scale: number | null }
interface TransformerCase extends Case {
  kind: 'encoderLayer' | 'decoderLayer' | 'encoder' | 'decoder';
  dModel: number;
  nhead: number;
  options: Record<string, never>;
  numLayers: number | null;
  finalNorm: boolean;
}
interface Fixture { source: string; recurrent: RecurrentCase[]; attention: AttentionCase[]; sdpa: SdpaCase[]; transformer: TransformerCase[] }
const fx = loadFixture<Fixture>('nn-sequence.json');

/** Gradients here pass through up to a few dozen float64 ops; PyTorch sums in another order. */
const TIGHT = { rtol: 1e-9, atol: 1e-11 };

type Outputs = Record<string, Tensor | null | undefined>;

/** Loads the case's weights into `module`, runs `call`, and checks outputs and all gradients. */
function checkCase(c: Case | SdpaCase, module: Module | null, call: (inputs: Record<string, Tensor>) => Outputs): void {
  if (module && 'state' in c) module.loadStateDict(Object.fromEntries(Object.entries(c.state).map(([k, v]) => [k, decode(v)])));
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
  if (!module || !('paramGrads' in c)) return;
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

describe(`MultiheadAttention matches ${fx.source}`, () => {
  for (const c of fx.attention) {
    it(c.name, () => {
      const m = new MultiheadAttention(c.embedDim, c.numHeads, { ...c.options, dtype: 'float64' });
      checkCase(c, m, ({ query, key, value, keyPaddingMask, attnMask }): Outputs => {
        const self = c.call.selfAttention;
        const [output, weights] = m.forward(query, self ? query : key, self ? query : value, {
          keyPaddingMask, attnMask, needWeights: c.call.needWeights, averageAttnWeights: c.call.averageAttnWeights, isCausal: c.call.isCausal,
        });
        return { output, weights };
      });
    });
  }
});

describe(`F.scaledDotProductAttention matches PyTorch's reference formula (${fx.source})`, () => {
  for (const c of fx.sdpa) {
    it(c.name, () => {
      checkCase(c, null, ({ q, k, v, attnMask }): Outputs => ({
        output: F.scaledDotProductAttention(q, k, v, { attnMask, isCausal: c.isCausal, scale: c.scale ?? undefined }),
      }));
    });
  }
});

function transformerModule(c: TransformerCase): Module {
  const o = { ...c.options, dtype: 'float64' as const };
  const norm = c.finalNorm ? new LayerNorm(c.dModel, { dtype: 'float64' }) : null;
  switch (c.kind) {
    case 'encoderLayer': return new TransformerEncoderLayer(c.dModel, c.nhead, o);
    case 'decoderLayer': return new TransformerDecoderLayer(c.dModel, c.nhead, o);
    case 'encoder': return new TransformerEncoder(new TransformerEncoderLayer(c.dModel, c.nhead, o), c.numLayers!, norm);
    case 'decoder': return new TransformerDecoder(new TransformerDecoderLayer(c.dModel, c.nhead, o), c.numLayers!, norm);
  }
}

describe(`transformer layers match ${fx.source}`, () => {
  for (const c of fx.transformer) {
    it(c.name, () => {
      const m = transformerModule(c);
      checkCase(c, m, ({ src, tgt, memory, ...masks }): Outputs => {
        if (m instanceof TransformerEncoderLayer || m instanceof TransformerEncoder) return { output: m.forward(src, masks) };
        return { output: (m as TransformerDecoderLayer | TransformerDecoder).forward(tgt, memory, masks) };
      });
    });
  }
});

describe('attention: layout and errors', () => {
  it('packs q, k, v projections like PyTorch only when kdim = vdim = embedDim', () => {
    expect(Object.entries(new MultiheadAttention(6, 2).stateDict()).map(([k, v]) => [k, v.shape])).toEqual([
      ['in_proj_weight', [18, 6]], ['in_proj_bias', [18]], ['out_proj.weight', [6, 6]], ['out_proj.bias', [6]],
    ]);
    expect(Object.keys(new MultiheadAttention(6, 2, { kdim: 3, bias: false }).stateDict())).toEqual(['q_proj_weight', 'k_proj_weight', 'v_proj_weight', 'out_proj.weight']);
    const m = new MultiheadAttention(6, 2);
    expect(Array.from(m.in_proj_bias!.toTypedArray()).every((v) => v === 0)).toBe(true);
    expect(Array.from(m.out_proj.bias!.toTypedArray()).every((v) => v === 0)).toBe(true);
  });

  it('self-attention through one packed matmul equals separate projections', () => {
    manualSeed(6);
    const m = new MultiheadAttention(6, 3, { dtype: 'float64' });
    const x = randn([4, 2, 6], { dtype: 'float64' });
    const [packed] = noGrad(() => m.forward(x, x, x));
    const [separate] = noGrad(() => m.forward(x, x.clone(), x.clone()));
    expectClose(packed, separate, undefined, 'packed vs separate');
  });

  it('names the problem and the fix', () => {
    const x = randn([4, 2, 6]);
    expect(() => new MultiheadAttention(6, 4)).toThrow(/embedDim \(6\) must be divisible by numHeads \(4\)/);
    expect(() => new MultiheadAttention(6, 2).forward(randn([4, 2, 5]), x, x)).toThrow(/expected query with 6 features \(embedDim\).*got shape \(4,2,5\)/);
    expect(() => new MultiheadAttention(6, 2, { kdim: 3 }).forward(x, x, x)).toThrow(/expected key with 3 features \(kdim\)/);
    expect(() => new MultiheadAttention(6, 2).forward(x, randn([5, 2, 6]), x)).toThrow(/key and value must have the same sequence length/);
    expect(() => new MultiheadAttention(6, 2).forward(x, x, x, { attnMask: randn([4, 5]) })).toThrow(/expected attnMask of shape \(4, 4\) \(L, S\) or \(4, 4, 4\) \(N·numHeads, L, S\), got \(4,5\)/);
    expect(() => new MultiheadAttention(6, 2).forward(x, x, x, { keyPaddingMask: tensor([[true, false]]) })).toThrow(/expected keyPaddingMask of shape \(2,4\)/);
    expect(() => new MultiheadAttention(6, 2).forward(x, x, x, { attnMask: tensor([[0, 1, 0, 0]], { dtype: 'int32' }).expand([4, 4]) })).toThrow(/attnMask must be bool or float, got int32/);
    expect(() => F.scaledDotProductAttention(x, x, x, { isCausal: true, attnMask: randn([2, 2]) })).toThrow(/either attnMask or isCausal, not both/);
    expect(() => F.scaledDotProductAttention(x, randn([4, 2, 5]), x)).toThrow(/q and k must have the same feature size/);
  });

  it('isCausal without a mask builds the causal mask (same as passing it)', () => {
    manualSeed(7);
    const m = new MultiheadAttention(6, 2, { batchFirst: true, dtype: 'float64' });
    const x = randn([2, 5, 6], { dtype: 'float64' });
    const mask = tensor(Array.from({ length: 5 }, (_, i) => Array.from({ length: 5 }, (_, j) => j > i)));
    const [a, wa] = m.forward(x, x, x, { isCausal: true });
    const [b] = m.forward(x, x, x, { attnMask: mask });
    expectClose(a, b, undefined, 'causal');
    expect(wa!.select(0, 0).select(0, 0).select(0, 1).item()).toBe(0); // the first query sees only the first key
  });
});

describe('transformer: structure, copies and errors', () => {
  it('keeps PyTorch\'s state-dict names', () => {
    const enc = new TransformerEncoder(new TransformerEncoderLayer(8, 2, { dimFeedforward: 16 }), 2, new LayerNorm(8));
    expect(Object.keys(enc.stateDict())).toEqual([
      ...[0, 1].flatMap((i) => ['self_attn.in_proj_weight', 'self_attn.in_proj_bias', 'self_attn.out_proj.weight', 'self_attn.out_proj.bias',
        'linear1.weight', 'linear1.bias', 'linear2.weight', 'linear2.bias', 'norm1.weight', 'norm1.bias', 'norm2.weight', 'norm2.bias'].map((k) => `layers.${i}.${k}`)),
      'norm.weight', 'norm.bias',
    ]);
    const dec = new TransformerDecoderLayer(8, 2, { dimFeedforward: 16, bias: false });
    expect(Object.keys(dec.stateDict())).toEqual([
      'self_attn.in_proj_weight', 'self_attn.out_proj.weight', 'multihead_attn.in_proj_weight', 'multihead_attn.out_proj.weight',
      'linear1.weight', 'linear2.weight', 'norm1.weight', 'norm2.weight', 'norm3.weight',
    ]);
  });

  it('stacks start as equal, independent copies of the layer', () => {
    const layer = new TransformerEncoderLayer(8, 2, { dimFeedforward: 16 });
    const enc = new TransformerEncoder(layer, 2);
    const w = (m: TransformerEncoderLayer) => m.linear1.weight;
    expectClose(w(enc.layers[0]), w(layer), undefined, 'copy 0');
    expectClose(w(enc.layers[1]), w(layer), undefined, 'copy 1');
    expect(w(enc.layers[0])).not.toBe(w(layer));
    expect(w(enc.layers[0])).not.toBe(w(enc.layers[1]));
    expect(enc.parameters().length).toBe(2 * layer.parameters().length);
  });

  it('generateSquareSubsequentMask hides the future', () => {
    expect(generateSquareSubsequentMask(3).toArray()).toEqual([[0, -Infinity, -Infinity], [0, 0, -Infinity], [0, 0, 0]]);
    expect(() => generateSquareSubsequentMask(-1)).toThrow(/size must be a non-negative integer/);
  });

  it('dropout is active in training and off in evaluation', () => {
    manualSeed(8);
    const layer = new TransformerEncoderLayer(8, 2, { dimFeedforward: 16, dropout: 0.3, dtype: 'float64' });
    const plain = new TransformerEncoderLayer(8, 2, { dimFeedforward: 16, dropout: 0, dtype: 'float64' });
    plain.loadStateDict(layer.stateDict());
    const x = randn([5, 2, 8], { dtype: 'float64' });
    expect(layer.forward(x).sub(plain.forward(x)).abs().max().item()).toBeGreaterThan(1e-3);
    layer.eval();
    expectClose(layer.forward(x), plain.forward(x), undefined, 'eval');
  });

  it('names bad options', () => {
    expect(() => new TransformerEncoderLayer(8, 3)).toThrow(/embedDim \(8\) must be divisible by numHeads \(3\)/);
    expect(() => new TransformerEncoderLayer(8, 2, { activation: 'tanh' as 'relu' })).toThrow(/activation must be 'relu', 'gelu' or a function, got 'tanh'/);
    expect(() => new TransformerEncoder(new TransformerEncoderLayer(8, 2, { dimFeedforward: 16 }), 0)).toThrow(/numLayers must be a positive integer, got 0/);
  });
});

describe('saving and describing sequence models', () => {
  it('a saved bidirectional LSTM and a transformer layer reload to the same outputs', () => {
    manualSeed(9);
    const x = randn([4, 2, 8]);
    const lstm = new LSTM(8, 6, { numLayers: 2, bidirectional: true });
    const lstm2 = new LSTM(8, 6, { numLayers: 2, bidirectional: true });
    lstm2.loadStateDict(loadState(saveState(lstm.stateDict())).state);
    expectClose(lstm2.forward(x)[0], lstm.forward(x)[0], undefined, 'LSTM');
    const enc = new TransformerEncoderLayer(8, 2, { dimFeedforward: 16 }).eval();
    const enc2 = new TransformerEncoderLayer(8, 2, { dimFeedforward: 16 }).eval();
    enc2.loadStateDict(loadState(saveState(enc.stateDict())).state);
    expectClose(enc2.forward(x), enc.forward(x), undefined, 'encoder layer');
  });

  it('toString shows the options that differ from the defaults (736 parameters, as PyTorch counts)', () => {
    expect(String(new LSTM(3, 4, { numLayers: 2, bidirectional: true }))).toMatch(/^LSTM\(3, 4, numLayers=2, bidirectional=true\)\nTotal parameters: 736$/);
    expect(String(new MultiheadAttention(8, 2, { kdim: 4 }))).toMatch(/MultiheadAttention\(embedDim=8, numHeads=2, kdim=4/);
  });
});
