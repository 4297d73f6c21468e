/**
 * Sequence-to-sequence pieces against PyTorch (tools/fixtures/seq2seq.py, float64): Bahdanau
 * and Luong (dot, general, concat) attention, one decoder step for each wiring, and whole
 * encoder–decoder forwards with teacher forcing. Each case loads PyTorch's state dict, runs
 * the same inputs, and compares every output and the gradients of Σ output·upstream with
 * respect to every float input and every parameter.
 */
import { describe, it, expect } from 'vitest';
import { randn, tensor, zeros, type Tensor } from '../../src/tensor/index.js';
import { BahdanauAttention, LuongAttention, DecoderRNN, Seq2Seq, type Module, type LuongScore, type Seq2SeqAttention } from '../../src/nn/index.js';
import { Generator } from '../../src/random/index.js';
import { decode, expectClose, loadFixture, type EncodedTensor } from '../helpers/fixtures.js';

type Tensors = Record<string, EncodedTensor>;
interface Case { name: string; state: Tensors; inputs: Tensors; outputs: Tensors; upstream: Tensors; grads: Tensors; paramGrads: Tensors }
interface AttentionCase extends Case { kind: 'bahdanau' | LuongScore; queryDim: number; keyDim: number; attnDim: number | null }
interface StepCase extends Case { cell: 'GRU' | 'LSTM'; attention: Seq2SeqAttention; vocab: number; embedDim: number; hiddenSize: number; attnDim: number }
interface ModelCase extends Case { cell: 'GRU' | 'LSTM'; attention: Seq2SeqAttention; srcVocab: number; tgtVocab: number; embedDim: number; hiddenSize: number; attnDim: number }
const fx = loadFixture<{ attention: AttentionCase[]; decoderStep: StepCase[]; model: ModelCase[] }>('seq2seq.json');

const TIGHT = { rtol: 1e-9, atol: 1e-11 };

function checkCase(c: Case, module: Module, call: (x: Record<string, Tensor>) => Record<string, Tensor | null>): void {
  module.loadStateDict(Object.fromEntries(Object.entries(c.state).map(([k, v]) => [k, decode(v)])));
  const inputs = Object.fromEntries(Object.entries(c.inputs).map(([k, v]) => {
    const t = decode(v);
    return [k, v.dtype === 'float64' ? t.requiresGrad_() : t];
  }));
  const outs = call(inputs);
  let loss: Tensor | null = null;
  for (const [k, expected] of Object.entries(c.outputs)) {
    const got = outs[k];
    if (!got) throw new Error(`${c.name}: missing output ${k}`);
    expectClose(got, expected, TIGHT, `${c.name} ${k}`);
    const term = got.mul(decode(c.upstream[k])).sum();
    loss = loss ? loss.add(term) : term;
  }
  loss!.backward();
  for (const [k, g] of Object.entries(c.grads)) {
    // An input the outputs never read (the keys, without attention) gets no gradient; PyTorch's is zero.
    const grad = inputs[k].grad ?? zeros(inputs[k].shape, { dtype: 'float64' });
    expectClose(grad, g, TIGHT, `${c.name} d/d${k}`);
  }
  const params = Object.fromEntries(module.namedParameters());
  expect(Object.keys(params).sort()).toEqual(Object.keys(c.paramGrads).sort());
  for (const [k, g] of Object.entries(c.paramGrads)) expectClose(params[k].grad!, g, TIGHT, `${c.name} d/d${k}`);
}

describe('attention modules match PyTorch (outputs and gradients)', () => {
  for (const c of fx.attention) {
    it(c.name, () => {
      const m = c.kind === 'bahdanau'
        ? new BahdanauAttention(c.queryDim, c.keyDim, c.attnDim!, { dtype: 'float64' })
        : new LuongAttention(c.queryDim, c.keyDim, { score: c.kind, attnDim: c.attnDim ?? undefined, dtype: 'float64' });
      checkCase(c, m, (x) => {
        const { context, weights } = m.forward(x.query, x.keys, x.mask ?? null);
        return { context, weights };
      });
    });
  }

  it('gives padded keys exactly zero weight and rows that sum to one', () => {
    const c = fx.attention.find((a) => a.name === 'luong-concat')!;
    const m = new LuongAttention(5, 6, { score: 'concat', attnDim: 4, dtype: 'float64' });
    const { weights } = m.forward(decode(c.inputs.query), decode(c.inputs.keys), decode(c.inputs.mask));
    const w = weights.toArray() as number[][];
    expect(w[1][0]).toBe(0);
    for (const row of w) expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });
});

describe('one decoder step matches PyTorch', () => {
  for (const c of fx.decoderStep) {
    it(c.name, () => {
      const m = new DecoderRNN(c.vocab, c.embedDim, c.hiddenSize, { cell: c.cell, attention: c.attention, attnDim: c.attnDim, dtype: 'float64' });
      checkCase(c, m, (x) => {
        const state = x.c ? [x.h, x.c] : [x.h];
        const out = m.step(x.prev, state, m.memory(x.keys, x.mask));
        return { logits: out.logits, h: out.state[0], c: out.state[1] ?? null, weights: out.weights };
      });
    });
  }
});

describe('Seq2Seq forward with teacher forcing matches PyTorch', () => {
  for (const c of fx.model) {
    it(c.name, () => {
      const m = new Seq2Seq({ srcVocab: c.srcVocab, tgtVocab: c.tgtVocab, embedDim: c.embedDim, hiddenSize: c.hiddenSize, cell: c.cell, attention: c.attention, attnDim: c.attnDim, dtype: 'float64' });
      checkCase(c, m, (x) => {
        const { logits, attention } = m.forward(x.src, x.tgtIn, { srcPaddingMask: x.mask });
        return { logits, attention };
      });
    });
  }
});

describe('teacher forcing ratio', () => {
  const c = fx.model[0];
  const make = () => {
    const m = new Seq2Seq({ srcVocab: c.srcVocab, tgtVocab: c.tgtVocab, embedDim: c.embedDim, hiddenSize: c.hiddenSize, cell: c.cell, attention: c.attention, attnDim: c.attnDim, dtype: 'float64' });
    m.loadStateDict(Object.fromEntries(Object.entries(c.state).map(([k, v]) => [k, decode(v)])));
    return m;
  };
  const src = decode(c.inputs.src);
  const tgtIn = decode(c.inputs.tgtIn);

  it('ratio 0 feeds the model its own argmax: the same as greedy decoding', () => {
    const m = make();
    const { logits } = m.forward(src, tgtIn, { teacherForcingRatio: 0 });
    const picked = logits.argmax(-1).toArray() as number[][];
    // greedy with an EOS that never occurs returns every argmax
    const { tokens } = m.greedy(src, { bos: 1, eos: 999, maxLength: 3 });
    expect(picked).toEqual(tokens);
  });

  it('ratio 1 ignores the generator; 0.5 mixes, reproducibly per seed', () => {
    const m = make();
    const full = m.forward(src, tgtIn).logits;
    expectClose(m.forward(src, tgtIn, { teacherForcingRatio: 1, generator: new Generator(5) }).logits, full, TIGHT);
    const a = m.forward(src, tgtIn, { teacherForcingRatio: 0.5, generator: new Generator(7) }).logits;
    const b = m.forward(src, tgtIn, { teacherForcingRatio: 0.5, generator: new Generator(7) }).logits;
    expectClose(a, b, { rtol: 0, atol: 0 });
    // The first step never depends on the ratio (it always reads BOS).
    expectClose(a.select(1, 0), full.select(1, 0), TIGHT);
  });

  it('rejects a ratio outside [0, 1] with a message naming it', () => {
    expect(() => make().forward(src, tgtIn, { teacherForcingRatio: 1.5 })).toThrow(/Seq2Seq: teacherForcingRatio must be a probability in \[0, 1\], got 1.5/);
  });
});

describe('bad input gets errors that name the function and the fix', () => {
  const model = new Seq2Seq({ srcVocab: 6, tgtVocab: 5, embedDim: 3, hiddenSize: 4 });
  const src = tensor([[3, 4, 5]], { dtype: 'int32' });
  const tgtIn = tensor([[1, 3]], { dtype: 'int32' });

  it('Seq2Seq', () => {
    expect(() => model.forward(tensor([[3, 9, 5]], { dtype: 'int32' }), tgtIn)).toThrow(/Seq2Seq: src holds token id 9, outside the vocabulary 0 … 5/);
    expect(() => model.forward(tensor([[3, 4, 5]]), tgtIn)).toThrow(/Seq2Seq: expected src as an int32 tensor of token ids/);
    expect(() => model.forward(src, tensor([[1, 3], [1, 2]], { dtype: 'int32' }))).toThrow(/Seq2Seq: src and tgtIn must have the same batch size/);
    expect(() => model.forward(src, tgtIn, { srcPaddingMask: tensor([[0, 0, 0]], { dtype: 'int32' }) })).toThrow(/Seq2Seq: expected srcPaddingMask as a bool tensor/);
    expect(() => model.stepper(tensor([[3], [4]], { dtype: 'int32' }))).toThrow(/Seq2Seq.stepper: expected one source sequence of shape \(1, S\)/);
    expect(() => new Seq2Seq({ srcVocab: 6, tgtVocab: 5, attention: 'additive' as never })).toThrow(/Seq2Seq: attention must be 'bahdanau', 'dot', 'general', 'concat' or null/);
    expect(() => new Seq2Seq({ srcVocab: 0, tgtVocab: 5 })).toThrow(/Seq2Seq: srcVocab must be a positive integer, got 0/);
  });

  it('attention modules', () => {
    const bahdanau = new BahdanauAttention(4, 6, 5);
    expect(() => bahdanau.forward(randn([2, 5]), randn([2, 3, 6]))).toThrow(/BahdanauAttention: expected query of shape \(batch, 4\)/);
    expect(() => bahdanau.forward(randn([2, 4]), randn([2, 3, 5]))).toThrow(/BahdanauAttention: expected keys of shape \(2, S, 6\)/);
    expect(() => new LuongAttention(4, 6, { score: 'dot' })).toThrow(/LuongAttention: the 'dot' score needs queryDim = keyDim, got 4 and 6; use score 'general'/);
    expect(() => new LuongAttention(4, 4, { score: 'cosine' as never })).toThrow(/LuongAttention: score must be 'dot', 'general' or 'concat'/);
    expect(() => new LuongAttention(4, 4).forward(randn([2, 4]), randn([2, 3, 4]), tensor([[1, 0, 0], [0, 0, 0]], { dtype: 'float32' }))).toThrow(/LuongAttention: expected a bool keyPaddingMask of shape \(2, 3\)/);
  });
});
