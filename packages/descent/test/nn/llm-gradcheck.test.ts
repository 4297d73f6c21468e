/**
 * LLM building blocks checked against themselves: float64 central-difference gradient
 * checks over inputs and every parameter (see test/helpers/gradcheck.ts). The PyTorch
 * goldens are in llm.test.ts.
 */
import { describe, it } from 'vitest';
import { randn, randint, concat, manualSeed, type Tensor } from '../../src/tensor/index.js';
import { F, Linear, RMSNorm, RotaryEmbedding, SwiGLU, GroupedQueryAttention, LoRALinear, MixtureOfExperts, dpoLoss, sequenceLogProbs, type Module } from '../../src/nn/index.js';
import { gradcheck } from '../helpers/gradcheck.js';

const f64 = { dtype: 'float64' as const };

/** Swaps `m`'s parameters (dotted names) for `xs.slice(first)`, so gradcheck can move each weight. */
function withParams(m: Module, names: string[], xs: Tensor[], first: number): void {
  names.forEach((name, i) => {
    const path = name.split('.');
    let owner = m as unknown as Record<string, unknown>;
    for (const part of path.slice(0, -1)) owner = owner[part] as Record<string, unknown>;
    owner[path[path.length - 1]] = xs[first + i];
  });
}

/** Gradient check of `m.forward` over an input of `shape` and every parameter of `m`. */
function checkModule(m: Module, shape: number[], call: (x: Tensor) => Tensor, label: string): void {
  const names = m.namedParameters().map(([k]) => k);
  const inputs = [randn(shape, f64), ...m.parameters().map((p) => p.detach())];
  const f = (xs: Tensor[]) => {
    withParams(m, names, xs, 1);
    return call(xs[0]);
  };
  const out = f(inputs);
  gradcheck(f, inputs, randn(out.shape, f64), label);
}

describe('central-difference gradient checks (float64)', () => {
  it('RMSNorm over two trailing dimensions, and F.rmsNorm without a weight', () => {
    manualSeed(1);
    const m = new RMSNorm([3, 4], { eps: 1e-3, dtype: 'float64' });
    checkModule(m, [2, 3, 4], (x) => m.forward(x), 'RMSNorm');
    gradcheck((xs) => F.rmsNorm(xs[0], [5]), [randn([3, 5], f64)], randn([3, 5], f64), 'F.rmsNorm');
  });

  it('RotaryEmbedding with an offset', () => {
    manualSeed(2);
    const m = new RotaryEmbedding(6);
    gradcheck((xs) => m.forward(xs[0], 4), [randn([2, 3, 6], f64)], randn([2, 3, 6], f64), 'RoPE');
  });

  it('SwiGLU: input and w1, w2, w3', () => {
    manualSeed(3);
    const m = new SwiGLU(4, 6, { dtype: 'float64' });
    checkModule(m, [2, 3, 4], (x) => m.forward(x), 'SwiGLU');
  });

  it('grouped-query attention (2 query heads sharing 1 key/value head, RoPE, causal): input and all projections', () => {
    manualSeed(4);
    const m = new GroupedQueryAttention(4, 2, { nKvHeads: 1, dtype: 'float64' });
    checkModule(m, [2, 3, 4], (x) => m.forward(x), 'GQA');
  });

  it('LoRALinear: input, lora_A and lora_B', () => {
    manualSeed(5);
    const m = new LoRALinear(new Linear(5, 3, { dtype: 'float64' }), { r: 2, alpha: 6 });
    const names = ['lora_A', 'lora_B'];
    const inputs = [randn([4, 5], f64), m.lora_A.detach(), randn([3, 2], f64)]; // B off its zero start
    const f = (xs: Tensor[]) => {
      withParams(m, names, xs, 1);
      return m.forward(xs[0]);
    };
    gradcheck(f, inputs, randn([4, 3], f64), 'LoRA');
  });

  it('MixtureOfExperts (top-2 of 3): input, router and expert weights, through output and load-balancing loss', () => {
    manualSeed(6);
    const m = new MixtureOfExperts(3, 4, 3, { topK: 2, dtype: 'float64' });
    checkModule(m, [4, 3], (x) => {
      const [y, aux] = m.forward(x);
      return concat([y.reshape([-1]), aux.reshape([1])]);
    }, 'MoE');
  });

  it('DPO loss through sequenceLogProbs: policy logits for chosen and rejected responses', () => {
    manualSeed(7);
    const [tw, tl] = [randint(0, 5, [2, 3]), randint(0, 5, [2, 3])];
    const [rw, rl] = [randn([2], f64), randn([2], f64)];
    const f = (xs: Tensor[]) => dpoLoss(sequenceLogProbs(xs[0], tw), sequenceLogProbs(xs[1], tl), rw, rl, 0.5).reshape([1]);
    gradcheck(f, [randn([2, 3, 5], f64), randn([2, 3, 5], f64)], randn([1], f64), 'DPO');
  });
});
