/**
 * LLM building blocks against PyTorch transcriptions (tools/fixtures/nn_llm.py, float64):
 * RMSNorm, RoPE, SwiGLU, grouped-query attention and LoRA, each compared on outputs and on
 * the gradients of Σ output·upstream with respect to inputs and parameters. Then the
 * properties the goldens do not cover: the KV cache reproduces the full forward, LoRA's
 * merged forward equals the unmerged one, and the samplers' distributions.
 */
import { describe, it, expect } from 'vitest';
import { randn, concat, manualSeed, noGrad, type Tensor } from '../../src/tensor/index.js';
import {
  F, Linear, RMSNorm, RotaryEmbedding, SwiGLU, GroupedQueryAttention, KVCache, LoRALinear, MixtureOfExperts, dpoLoss, sequenceLogProbs, type Module,
} from '../../src/nn/index.js';
import { decode, expectClose, loadFixture, type EncodedTensor } from '../helpers/fixtures.js';

type Tensors = Record<string, EncodedTensor>;
interface Case { name: string; inputs: Tensors; params: Tensors; output: EncodedTensor; upstream: EncodedTensor; grads: Tensors; paramGrads: Tensors }
interface Fixture {
  source: string;
  rmsNorm: (Case & { normalizedShape: number[]; eps: number; affine: boolean })[];
  rope: (Case & { base: number; offset: number })[];
  swiglu: (Case & { dim: number; hiddenDim: number })[];
  gqa: (Case & { dModel: number; nHeads: number; nKvHeads: number; causal: boolean; rope: boolean })[];
  moe: (Case & { dim: number; hiddenDim: number; nExperts: number; topK: number })[];
  dpo: (Case & { beta: number; targetsChosen: EncodedTensor; targetsRejected: EncodedTensor; mask: EncodedTensor; refChosen: EncodedTensor; refRejected: EncodedTensor })[];
  lora: (Case & { inFeatures: number; outFeatures: number; r: number; alpha: number; base: Tensors; mergedWeight: EncodedTensor; mergedOutput: EncodedTensor })[];
}
const fx = loadFixture<Fixture>('nn-llm.json');
const TIGHT = { rtol: 1e-9, atol: 1e-11 };
const f64 = { dtype: 'float64' as const };

/** Loads the case's parameters into `module` (if any), runs `call`, checks the output and all gradients. */
function checkCase(c: Case, module: Module | null, call: (x: Tensor) => Tensor): void {
  if (module) {
    const state = Object.fromEntries(Object.entries(c.params).map(([k, v]) => [k, decode(v)]));
    const own = Object.fromEntries(module.namedParameters());
    noGrad(() => { for (const [k, v] of Object.entries(state)) own[k].copy_(v); });
  }
  const x = decode(c.inputs.input).requiresGrad_();
  const out = call(x);
  expectClose(out, c.output, TIGHT, `${c.name} output`);
  out.mul(decode(c.upstream)).sum().backward();
  expectClose(x.grad!, c.grads.input, TIGHT, `${c.name} d/dinput`);
  if (!module) return;
  const trainable = Object.fromEntries(module.namedParameters().filter(([, p]) => p.requiresGrad));
  expect(Object.keys(trainable).sort(), `${c.name}: trainable parameters`).toEqual(Object.keys(c.paramGrads).sort());
  for (const [k, g] of Object.entries(c.paramGrads)) expectClose(trainable[k].grad!, g, TIGHT, `${c.name} d/d${k}`);
}

describe(`LLM blocks match ${fx.source}`, () => {
  for (const c of fx.rmsNorm) {
    it(`RMSNorm ${c.name}`, () => {
      const m = new RMSNorm(c.normalizedShape, { eps: c.eps, elementwiseAffine: c.affine, dtype: 'float64' });
      checkCase(c, m, (x) => m.forward(x));
    });
    it(`F.rmsNorm ${c.name}`, () => {
      const w = c.affine ? decode(c.params.weight) : null;
      checkCase({ ...c, params: {}, paramGrads: {} }, null, (x) => F.rmsNorm(x, c.normalizedShape, w, c.eps));
    });
  }
  for (const c of fx.rope) {
    it(`RotaryEmbedding ${c.name}`, () => {
      const d = c.inputs.input.shape[c.inputs.input.shape.length - 1];
      const m = new RotaryEmbedding(d, { base: c.base });
      checkCase(c, null, (x) => m.forward(x, c.offset));
    });
  }
  for (const c of fx.swiglu) {
    it(`SwiGLU ${c.name}`, () => {
      const m = new SwiGLU(c.dim, c.hiddenDim, { dtype: 'float64' });
      checkCase(c, m, (x) => m.forward(x));
    });
  }
  for (const c of fx.gqa) {
    it(`GroupedQueryAttention ${c.name}`, () => {
      const m = new GroupedQueryAttention(c.dModel, c.nHeads, { nKvHeads: c.nKvHeads, rope: c.rope, dtype: 'float64' });
      checkCase(c, m, (x) => m.forward(x, { causal: c.causal }));
    });
  }
  for (const c of fx.lora) {
    it(`LoRALinear ${c.name}: forward, gradients, merged weight and merged forward`, () => {
      const base = new Linear(c.inFeatures, c.outFeatures, { bias: 'bias' in c.base, dtype: 'float64' });
      noGrad(() => {
        base.weight.copy_(decode(c.base.weight));
        if (base.bias) base.bias.copy_(decode(c.base.bias));
      });
      const m = new LoRALinear(base, { r: c.r, alpha: c.alpha });
      checkCase(c, m, (x) => m.forward(x));
      expect(base.weight.grad).toBeNull();
      const x = decode(c.inputs.input);
      m.merge();
      expectClose(base.weight, c.mergedWeight, TIGHT, `${c.name} merged weight`);
      expectClose(m.forward(x), c.mergedOutput, TIGHT, `${c.name} merged output`);
      m.unmerge();
      expectClose(base.weight, c.base.weight, TIGHT, `${c.name} unmerged weight`);
    });
  }
});

describe(`mixture of experts matches ${fx.source}`, () => {
  for (const c of fx.moe) {
    it(`MixtureOfExperts ${c.name}: output and load-balancing loss`, () => {
      const m = new MixtureOfExperts(c.dim, c.hiddenDim, c.nExperts, { topK: c.topK, dtype: 'float64' });
      checkCase(c, m, (x) => {
        const [y, aux] = m.forward(x);
        expect(y.shape).toEqual(x.shape);
        return concat([y.reshape([-1]), aux.reshape([1])]);
      });
    });
  }

  it('a router with equal probabilities gives E·Σ f_e·(1/E) = Σ f_e = k; bad topK is explained', () => {
    const m = new MixtureOfExperts(4, 6, 4, { topK: 2, dtype: 'float64' });
    noGrad(() => m.gate.weight.fill_(0));
    const [, aux] = m.forward(randn([8, 4], f64));
    // P_e = 1/4 for every expert, and the f_e sum to k = 2 slots per token, whatever ties topk breaks.
    expect(aux.item()).toBeCloseTo(2, 12);
    expect(() => new MixtureOfExperts(4, 6, 3, { topK: 4 })).toThrow(/topK must be an integer in \[1, nExperts = 3\], got 4/);
  });
});

describe(`DPO loss matches ${fx.source}`, () => {
  for (const c of fx.dpo) {
    it(`dpoLoss of sequenceLogProbs, ${c.name}: loss and gradients of both logits`, () => {
      const lw = decode(c.inputs.logitsChosen).requiresGrad_();
      const ll = decode(c.inputs.logitsRejected).requiresGrad_();
      const mask = decode(c.mask);
      const loss = dpoLoss(
        sequenceLogProbs(lw, decode(c.targetsChosen), mask), sequenceLogProbs(ll, decode(c.targetsRejected), mask),
        decode(c.refChosen), decode(c.refRejected), c.beta,
      ).reshape([1]);
      expectClose(loss, c.output, TIGHT, `${c.name} loss`);
      loss.mul(decode(c.upstream)).sum().backward();
      expectClose(lw.grad!, c.grads.logitsChosen, TIGHT, `${c.name} d/dlogitsChosen`);
      expectClose(ll.grad!, c.grads.logitsRejected, TIGHT, `${c.name} d/dlogitsRejected`);
    });
  }

  it('is log 2 when policy and reference agree, and explains mismatched shapes', () => {
    const a = randn([4], f64), b = randn([4], f64);
    expect(dpoLoss(a, b, a, b).item()).toBeCloseTo(Math.log(2), 14);
    // The gradient there is PyTorch's −β·σ(0)/B = −β/(2B), not 0: training must be able to start.
    const pw = a.clone().requiresGrad_();
    dpoLoss(pw, b, a, b, 0.5).backward();
    for (const g of pw.grad!.toArray() as number[]) expect(g).toBeCloseTo(-0.5 / 2 / 4, 14);
    expect(() => dpoLoss(a, b, a, randn([3], f64))).toThrow(/dpoLoss: the four log-probability tensors must have one shape/);
  });
});

describe('KV cache: incremental decoding equals the full forward', () => {
  for (const [nHeads, nKvHeads] of [[4, 2], [4, 1], [2, 2]]) {
    it(`nHeads ${nHeads}, nKvHeads ${nKvHeads}: prompt of 3, then 1, 2 and 1 tokens`, () => {
      manualSeed(7);
      const m = new GroupedQueryAttention(8, nHeads, { nKvHeads, dtype: 'float64' });
      const x = randn([2, 7, 8], f64);
      const full = m.forward(x);
      const cache = new KVCache();
      const parts: Tensor[] = [];
      let t = 0;
      for (const len of [3, 1, 2, 1]) {
        parts.push(m.forward(x.narrow(1, t, len), { cache }));
        t += len;
        expect(cache.length).toBe(t);
        expect(cache.k!.shape).toEqual([2, nKvHeads, t, 8 / nHeads]); // (B, nKvHeads, S, headDim)
      }
      for (let i = 0, s = 0; i < parts.length; s += parts[i].shape[1], i++) {
        expectClose(parts[i], full.narrow(1, s, parts[i].shape[1]), { rtol: 1e-12, atol: 1e-13 }, `step ${i}`);
      }
    });
  }

  it('rejects a batch size that does not match the cache, and a bad head count', () => {
    const m = new GroupedQueryAttention(8, 4, { nKvHeads: 2 });
    const cache = new KVCache();
    m.forward(randn([2, 3, 8]), { cache });
    expect(() => m.forward(randn([1, 1, 8]), { cache })).toThrow(/cache holds batch size 2.*cache\.reset\(\)/);
    expect(() => new GroupedQueryAttention(8, 4, { nKvHeads: 3 })).toThrow(/nKvHeads must be a positive integer dividing nHeads = 4, got 3/);
    expect(() => new GroupedQueryAttention(8, 3)).toThrow(/nHeads must be a positive integer dividing dModel = 8/);
  });
});

describe('RoPE properties', () => {
  it('preserves norms, and a rotated query·key depends only on the distance between positions', () => {
    manualSeed(8);
    const rope = new RotaryEmbedding(8);
    const q = randn([1, 8], f64), k = randn([1, 8], f64);
    const dot = (p: number, s: number) => rope.forward(q, p).mul(rope.forward(k, s)).sum().item();
    expect(dot(5, 2)).toBeCloseTo(dot(103, 100), 10);
    expect(dot(5, 2)).not.toBeCloseTo(dot(5, 3), 3);
    expect(rope.forward(q, 37).square().sum().item()).toBeCloseTo(q.square().sum().item(), 12);
  });

  it('explains bad shapes and sizes', () => {
    expect(() => new RotaryEmbedding(5)).toThrow(/headDim must be an even integer >= 2 \(features are rotated in pairs\), got 5/);
    expect(() => new RotaryEmbedding(4).forward(randn([3, 6]))).toThrow(/RotaryEmbedding: expected input \(…, T, 4\), got/);
    expect(() => F.applyRotaryEmb(randn([3, 4]), randn([2, 4]), randn([2, 4]))).toThrow(/applyRotaryEmb: expected x \(…, T, d\) with cos and sin \(T, d\)/);
    expect(() => F.rotaryCosSin(3, 4, { offset: -1 })).toThrow(/offset must be a non-negative integer, got -1/);
  });
});

describe('RMSNorm and LoRA: initialization, freezing and errors', () => {
  it('RMSNorm output has unit root mean square; bad shapes are explained', () => {
    const y = F.rmsNorm(randn([4, 10], f64).mul(7), [10], null, 0);
    expectClose(y.square().mean(-1), decode({ dtype: 'float64', shape: [4], data: [1, 1, 1, 1] }), { rtol: 1e-12, atol: 0 });
    expect(() => F.rmsNorm(randn([2, 3]), [4])).toThrow(/rmsNorm: input shape .* does not end with the normalized shape/);
    expect(() => new RMSNorm(0)).toThrow(/RMSNorm: normalizedShape must hold positive integers/);
  });

  it('LoRALinear freezes the base, starts as the base layer (B = 0, A within ±1/√in), and refuses double merges', () => {
    manualSeed(9);
    const base = new Linear(12, 5);
    const x = randn([3, 12]);
    const y0 = base.forward(x);
    const m = new LoRALinear(base, { r: 4 });
    expect(base.weight.requiresGrad).toBe(false);
    expect(base.bias!.requiresGrad).toBe(false);
    expect(m.namedParameters().filter(([, p]) => p.requiresGrad).map(([k]) => k)).toEqual(['lora_A', 'lora_B']);
    expect(m.scaling).toBe(1);
    expect(Math.max(...Array.from(m.lora_A.abs().toTypedArray()))).toBeLessThanOrEqual(1 / Math.sqrt(12));
    expect(Array.from(m.lora_B.toTypedArray()).every((v) => v === 0)).toBe(true);
    expectClose(m.forward(x), y0, { rtol: 0, atol: 0 });
    expect(() => m.unmerge()).toThrow(/LoRALinear.unmerge: not merged; call merge\(\) first/);
    m.merge();
    expect(m.merged).toBe(true);
    expect(() => m.merge()).toThrow(/already merged; call unmerge\(\) first/);
    expect(() => new LoRALinear(new Linear(3, 2), { r: 0 })).toThrow(/LoRALinear: r must be an integer >= 1, got 0/);
  });

  it('LoRA dropout drops the low-rank path\'s input in training only', () => {
    manualSeed(10);
    const base = new Linear(6, 4, { dtype: 'float64' });
    const m = new LoRALinear(base, { r: 2, dropout: 1 });
    noGrad(() => m.lora_B.copy_(randn([4, 2], f64)));
    const x = randn([3, 6], f64);
    expectClose(m.forward(x), base.forward(x), { rtol: 0, atol: 0 });     // p = 1: only the base path
    m.eval();
    const full = base.forward(x).add(x.matmul(m.lora_A.T).matmul(m.lora_B.T).mul(m.scaling));
    expectClose(m.forward(x), full, { rtol: 1e-12, atol: 1e-14 });
    expect(() => new LoRALinear(base, { dropout: 1.5 })).toThrow(/LoRALinear: dropout must be a probability in \[0, 1\], got 1.5/);
  });
});
