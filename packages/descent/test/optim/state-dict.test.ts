/**
 * Optimizer.stateDict()/loadStateDict() against PyTorch 1.13's optimizer.state_dict() and
 * load_state_dict() (tools/fixtures/nn.py, `stateDicts`, float64): the buffers keyed by
 * parameter position, the groups' options with their parameter positions, no entry for a
 * parameter never stepped, and the trajectory of a fresh optimizer (built with another lr)
 * after loading the saved dict.
 */
import { describe, expect, it } from 'vitest';
import { tensor, type Tensor } from '../../src/tensor/index.js';
import * as optim from '../../src/optim/index.js';
import { expectClose, loadFixture } from '../helpers/fixtures.js';

type SavedDict = { state: Record<string, Record<string, number | number[]>>; paramGroups: Record<string, unknown>[] };
interface Fixture {
  optimizers: { A: number[][]; t: number[]; w0: number[]; v0: number[][] };
  stateDicts: { name: string; defaults: Record<string, unknown>; groups: Record<string, unknown>[]; afterStep1: SavedDict; afterStep3: SavedDict; w3: number[]; v3: number[]; continued: number[][][] }[];
}

const fx = loadFixture<Fixture>('nn.json');
const At = tensor(fx.optimizers.A, { dtype: 'float64' });
const tt = tensor(fx.optimizers.t, { dtype: 'float64' });
// The fixture's loss: ‖A·w − t‖² + 0.3·Σv³ + Σ w·v₀₀.
const loss = (w: Tensor, v: Tensor) => At.matmul(w).sub(tt).square().sum().add(v.pow(3).sum().mul(0.3)).add(w.mul(v.select(0, 0).select(0, 0)).sum());
type Ctor = new (p: { params: Tensor[]; options: Record<string, unknown> }[], defaults: Record<string, unknown>) => optim.Optimizer<{ lr: number }>;

function expectDict(got: optim.OptimizerStateDict<{ lr: number }>, want: SavedDict, label: string) {
  expect(Object.keys(got.state).sort(), `${label}: stepped parameters`).toEqual(Object.keys(want.state).sort());
  for (const [i, s] of Object.entries(want.state)) {
    const mine = got.state[Number(i)];
    expect(Object.keys(mine).sort(), `${label}: buffers of ${i}`).toEqual(Object.keys(s).sort());
    for (const [k, v] of Object.entries(s)) {
      const m = mine[k];
      if (typeof v === 'number') expect(m, `${label}: ${k} of ${i}`).toBe(v);
      else expectClose((m as Tensor).reshape([-1]), tensor(v, { dtype: 'float64' }), undefined, `${label}: ${k} of ${i}`);
    }
  }
  got.paramGroups.forEach((g, i) => {
    for (const [k, v] of Object.entries(want.paramGroups[i])) expect((g as Record<string, unknown>)[k], `${label}: group ${i} ${k}`).toEqual(v);
  });
}

describe('optimizer state dicts follow PyTorch', () => {
  for (const c of fx.stateDicts) {
    it(`${c.name}: contents after 1 and 3 steps, and training resumed from them`, () => {
      const Opt = (optim as unknown as Record<string, Ctor>)[c.name];
      const w = tensor(fx.optimizers.w0, { dtype: 'float64', requiresGrad: true });
      const v = tensor(fx.optimizers.v0, { dtype: 'float64', requiresGrad: true });
      const opt = new Opt([{ params: [w], options: c.groups[0] }, { params: [v], options: c.groups[1] }], c.defaults);
      opt.zeroGrad();
      loss(w, v.detach()).backward();   // v gets no gradient, so it has no state yet
      opt.step();
      expectDict(opt.stateDict(), c.afterStep1, 'after step 1');
      for (let i = 0; i < 2; i++) {
        opt.zeroGrad();
        loss(w, v).backward();
        opt.step();
      }
      const saved = opt.stateDict();
      expectDict(saved, c.afterStep3, 'after step 3');
      expectClose(w.detach(), tensor(c.w3, { dtype: 'float64' }));
      expectClose(v.detach().reshape([-1]), tensor(c.v3, { dtype: 'float64' }));

      // The saved dict is a copy: more steps do not change it.
      opt.zeroGrad();
      loss(w, v).backward();
      opt.step();
      expectDict(saved, c.afterStep3, 'saved dict after another step');

      // A fresh optimizer over copies of the step-3 values, built with lr 1: loading takes the
      // saved options and buffers, and its next steps are PyTorch's.
      const w2 = tensor(c.w3, { dtype: 'float64', requiresGrad: true });
      const v2 = tensor(c.v3, { dtype: 'float64', requiresGrad: true }).reshape([2, 2]).detach().requiresGrad_();
      const opt2 = new Opt([{ params: [w2], options: { lr: 1 } }, { params: [v2], options: { lr: 1 } }], c.defaults);
      opt2.loadStateDict(saved);
      expect(opt2.paramGroups.map((g) => g.options)).toEqual(c.afterStep3.paramGroups.map(({ params: _, ...o }) => expect.objectContaining(o)));
      for (const [wExp, vExp] of c.continued) {
        opt2.zeroGrad();
        loss(w2, v2).backward();
        opt2.step();
        expectClose(w2.detach(), tensor(wExp, { dtype: 'float64' }), undefined, 'resumed w');
        expectClose(v2.detach().reshape([-1]), tensor(vExp, { dtype: 'float64' }), undefined, 'resumed v');
      }
    });
  }
});

describe('loadStateDict errors', () => {
  const params = () => [tensor([1, 2], { requiresGrad: true }), tensor([3], { requiresGrad: true })];
  const stepped = () => {
    const ps = params();
    const opt = new optim.Adam(ps);
    ps[0].sum().add(ps[1].sum()).backward();
    opt.step();
    return opt.stateDict();
  };

  it('names a different number of groups or group sizes, as PyTorch does', () => {
    const [a, b] = params();
    expect(() => new optim.Adam([{ params: [a] }, { params: [b] }]).loadStateDict(stepped())).toThrow(/1 parameter group\(s\) but this optimizer has 2/);
    expect(() => new optim.Adam([a]).loadStateDict(stepped())).toThrow(/group 0 has 2 parameter\(s\) in the saved state but 1 here/);
  });

  it('names a buffer whose shape does not match its parameter, and leaves the optimizer unchanged', () => {
    const [a, b] = params();
    const opt = new optim.Adam([b, a], { lr: 0.5 });
    expect(() => opt.loadStateDict(stepped())).toThrow(/saved expAvg of parameter 0 has shape \(2\) but the parameter has shape \(1\)/);
    expect(opt.paramGroups[0].options.lr).toBe(0.5);
    expect(opt.stateDict().state).toEqual({});
  });

  it('rejects something that is not a state dict', () => {
    expect(() => new optim.SGD(params()).loadStateDict({} as never)).toThrow(/expected \{ state, paramGroups \}/);
  });
});
