/** Module mechanics: naming, state dicts, modes, hooks, printing, initializers, dropout. */
import { describe, it, expect } from 'vitest';
import { tensor, randn, manualSeed, zeros, type Tensor } from '../../src/tensor/index.js';
import { Module, Linear, ReLU, Sequential, ModuleList, Dropout, Embedding, LayerNorm, init, Flatten } from '../../src/nn/index.js';
import { SGD, StepLR } from '../../src/optim/index.js';

class Net extends Module {
  body = new Sequential(new Linear(4, 8), new ReLU(), new Linear(8, 3));
  extra = new ModuleList([new Linear(3, 3)]);
  forward(x: Tensor): Tensor { return this.extra[0].forward(this.body.forward(x) as Tensor) as Tensor; }
}

describe('Module', () => {
  it('names parameters like PyTorch and counts them', () => {
    const net = new Net();
    expect(net.namedParameters().map(([n]) => n)).toEqual(['body.0.weight', 'body.0.bias', 'body.2.weight', 'body.2.bias', 'extra.0.weight', 'extra.0.bias']);
    expect(net.parameters().reduce((n, p) => n + p.size, 0)).toBe(4 * 8 + 8 + 8 * 3 + 3 + 9 + 3);
    const text = String(net);
    expect(text).toContain('(0): Linear(inFeatures=4, outFeatures=8, bias=true)');
    expect(text).toContain('Total parameters: 79');
  });

  it('round-trips a state dict into a fresh model, and rejects a mismatched one with names', () => {
    manualSeed(1);
    const a = new Net();
    const b = new Net();
    const x = randn([2, 4]);
    expect(a.forward(x).toArray()).not.toEqual(b.forward(x).toArray());
    b.loadStateDict(a.stateDict());
    expect(b.forward(x).toArray()).toEqual(a.forward(x).toArray());
    const wrong = new Sequential(new Linear(4, 8));
    expect(() => wrong.loadStateDict(a.stateDict())).toThrow(/missing: 0\.weight, 0\.bias; unexpected: body\.0\.weight/);
    const other = new Sequential(new Linear(4, 9));
    expect(() => other.loadStateDict({ '0.weight': zeros([8, 4]), '0.bias': zeros([8]) })).toThrow(/0\.weight has shape \(8,4\) in the saved state but \(9,4\) in this model/);
  });

  it('switches train/eval recursively; dropout is identity in eval and unbiased in training', () => {
    manualSeed(3);
    const net = new Sequential(new Linear(2, 2), new Dropout(0.25));
    net.eval();
    expect(net.modules().every((m) => !m.training)).toBe(true);
    const x = tensor(new Float32Array(20000).fill(1), { shape: [20000] });
    const d = new Dropout(0.25);
    expect(d.eval().forward(x).toArray()).toEqual(x.toArray());
    const y = d.train().forward(x);
    const kept = (y.toTypedArray() as Float32Array).filter((v) => v !== 0);
    expect(kept.every((v) => Math.abs(v - 1 / 0.75) < 1e-6)).toBe(true);
    expect(Math.abs(kept.length / 20000 - 0.75)).toBeLessThan(0.02); // ~6 standard errors
    expect(() => new Dropout(1.5)).toThrow(/p must be in \[0, 1\]/);
  });

  it('runs forward hooks on every call and removes them', () => {
    const fc = new Linear(3, 2);
    const seen: number[][] = [];
    const remove = fc.registerForwardHook((_m, _in, out) => { seen.push([...(out as Tensor).shape]); });
    fc.forward(randn([5, 3]));
    new Sequential(fc).forward(randn([1, 3]));
    remove();
    fc.forward(randn([5, 3]));
    expect(seen).toEqual([[5, 2], [1, 2]]);
  });

  it('ModuleList iterates, maps and registers its modules as parameters', () => {
    const list = new ModuleList([new Linear(2, 3), new Linear(3, 4)]);
    expect(list.map((m) => m.outFeatures)).toEqual([3, 4]);
    const seen: number[] = [];
    list.forEach((_, i) => seen.push(i));
    expect(seen).toEqual([0, 1]);
    expect([...list].length).toBe(2);
    expect(list.parameters().length).toBe(4);
  });

  it('explains bad inputs', () => {
    expect(() => new Linear(3, 2).forward(randn([4, 5]))).toThrow(/expected input with last dimension 3, got shape \(4,5\)/);
    expect(() => new Embedding(5, 2).forward([7])).toThrow(/index 7 is out of range/);
    expect(() => new LayerNorm(4).forward(randn([2, 3]))).toThrow(/does not end with the normalized shape \(4,\)/);
    expect(new Flatten().forward(zeros([2, 3, 4])).shape).toEqual([2, 12]);
  });

  it('trains: a linear model fits a linear target with SGD and a step schedule', () => {
    manualSeed(0);
    const X = randn([64, 3]);
    const y = X.matmul(tensor([[1.5], [-2], [0.5]])).add(0.3);
    const model = new Linear(3, 1);
    const opt = new SGD(model.parameters(), { lr: 0.1, momentum: 0.9 });
    const sched = new StepLR(opt, { stepSize: 100, gamma: 0.5 });
    let loss = Infinity;
    for (let i = 0; i < 300; i++) {
      opt.zeroGrad();
      const l = model.forward(X).sub(y).square().mean();
      l.backward();
      opt.step();
      sched.step();
      loss = l.item();
    }
    expect(loss).toBeLessThan(1e-8);
    const w = model.weight.toArray() as number[][];
    expect(w[0][0]).toBeCloseTo(1.5, 3);
    expect(model.bias!.item()).toBeCloseTo(0.3, 3);
  });
});

describe('initializers', () => {
  it('have the variance their formulas promise', () => {
    manualSeed(5);
    const std = (t: Tensor) => Math.sqrt(t.var(undefined, { correction: 0 }).item());
    expect(std(init.xavierNormal([400, 600]))).toBeCloseTo(Math.sqrt(2 / 1000), 3);
    expect(std(init.xavierUniform([400, 600]))).toBeCloseTo(Math.sqrt(2 / 1000), 3);
    expect(std(init.kaimingNormal([400, 600], { nonlinearity: 'relu' }))).toBeCloseTo(Math.sqrt(2 / 600), 3);
    expect(std(init.kaimingUniform([400, 600], { nonlinearity: 'relu', mode: 'fanOut' }))).toBeCloseTo(Math.sqrt(2 / 400), 3);
    expect(init.calculateGain('leaky_relu', 0.2)).toBeCloseTo(Math.sqrt(2 / 1.04), 12);
    const Q = init.orthogonal([5, 8], { gain: 2 }).astype('float64');
    const QQt = Q.matmul(Q.T).toArray() as number[][];
    QQt.forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(i === j ? 4 : 0, 5)));
    expect(() => init.xavierNormal([5])).toThrow(/at least 2 dimensions/);
  });
});
