import { describe, it, expect } from 'vitest';
import { randn, manualSeed, tensor } from '../../src/tensor/index.js';
import { Sequential, Linear, ReLU, Embedding, saveState, loadState } from '../../src/nn/index.js';

describe('saveState / loadState', () => {
  it('round-trips every dtype exactly and gives identical predictions after loading', () => {
    manualSeed(4);
    const make = () => new Sequential(new Linear(3, 5), new ReLU(), new Linear(5, 2));
    const a = make();
    const bytes = saveState(a.stateDict(), { arch: 'mlp-3-5-2' });
    const b = make();
    const { state, meta } = loadState(bytes);
    b.loadStateDict(state);
    const x = randn([4, 3]);
    expect(b.forward(x).toArray()).toEqual(a.forward(x).toArray());
    expect(meta).toEqual({ arch: 'mlp-3-5-2' });
    const mixed = { f64: tensor([1e-300, Math.PI], { dtype: 'float64' }), i: tensor([-7, 2 ** 31 - 1], { dtype: 'int32' }), b: tensor([true, false, true]) };
    const back = loadState(saveState(mixed)).state;
    for (const k of Object.keys(mixed) as (keyof typeof mixed)[]) {
      expect(back[k].dtype).toBe(mixed[k].dtype);
      expect(back[k].toArray()).toEqual(mixed[k].toArray());
    }
  });

  it('explains a wrong file, a truncated file and a mismatched architecture', () => {
    expect(() => loadState(new Uint8Array(20))).toThrow(/not a Descent weights file/);
    const bytes = saveState(new Embedding(10, 4).stateDict());
    expect(() => loadState(bytes.subarray(0, bytes.length - 8))).toThrow(/truncated/);
    expect(() => new Linear(4, 10).loadStateDict(loadState(bytes).state)).toThrow(/does not match this Linear \(missing: bias\)/);
  });
});
