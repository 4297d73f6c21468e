import { describe, expect, it } from 'vitest';
import { Trainer } from '../../src/client/playgrounds/nn/network.js';
import { decodeState, defaultState, type NNState } from '../../src/client/playgrounds/nn/state.js';
import { frameUpdate } from '../../src/client/playgrounds/nn/index.js';

const state = (over: Partial<NNState>): NNState => ({ ...defaultState(), ...over });

describe('NN playground training', () => {
  it('one SGD step lowers the loss on its batch (classification and regression)', () => {
    for (const s of [state({ dataset: 'spiral', learningRate: 0.01 }), state({ problem: 'regression', dataset: 'bumps', learningRate: 0.01, regularization: 'L2', regRate: 0.01 })]) {
      const t = new Trainer(s);
      const idx = Array.from({ length: 20 }, (_, i) => i);
      const before = t.objective(t.batchOf(idx));
      const reported = t.stepOn(idx);
      const after = t.objective(t.batchOf(idx));
      expect(reported).toBeCloseTo(before, 6);
      expect(after).toBeLessThan(before);
    }
  });

  it('training a few epochs on the circle with x1², x2² separates it', () => {
    const t = new Trainer(state({ features: ['x1sq', 'x2sq'], layers: [2], learningRate: 0.1 }));
    const start = t.history[0];
    for (let e = 0; e < 10; e++) t.trainEpoch();
    expect(t.epoch).toBe(10);
    expect(t.history).toHaveLength(11);
    expect(t.loss('train')).toBeLessThan(0.5 * start.train);
    expect(t.loss('test')).toBeLessThan(0.5 * start.test);
  });

  it('an epoch is one pass over the training set in mini-batches', () => {
    const t = new Trainer(state({ trainRatio: 50, batchSize: 30 }));
    // 250 training points in batches of 30: 9 steps, the last one of 10 points.
    for (let i = 0; i < 8; i++) t.step();
    expect(t.epoch).toBe(0);
    t.step();
    expect(t.epoch).toBe(1);
  });

  it('the L2 penalty shrinks the weights compared with no penalty', () => {
    const norm = (t: Trainer) => t.layers.reduce((a, l) => a + (l.weight.square().sum().item() as number), 0);
    const plain = new Trainer(state({ learningRate: 0.1 }));
    const decayed = new Trainer(state({ learningRate: 0.1, regularization: 'L2', regRate: 0.3 }));
    expect(norm(plain)).toBeCloseTo(norm(decayed), 10); // same seed, same start
    for (let e = 0; e < 5; e++) { plain.trainEpoch(); decayed.trainEpoch(); }
    expect(norm(decayed)).toBeLessThan(0.7 * norm(plain));
  });

  it('the same state trains to the same weights (seeded data, init and batches)', () => {
    const a = new Trainer(decodeState(new URLSearchParams('dataset=xor&layers=3&seed=9')));
    const b = new Trainer(decodeState(new URLSearchParams('dataset=xor&layers=3&seed=9')));
    a.trainEpoch();
    b.trainEpoch();
    expect(Array.from(a.layers[0].weight.toTypedArray())).toEqual(Array.from(b.layers[0].weight.toTypedArray()));
  });

  it('evaluateGrid gives one res² picture per neuron, and a classifier\'s output in [-1, 1]', () => {
    const t = new Trainer(state({ layers: [3, 5, 1], activation: 'relu' }));
    const g = t.evaluateGrid(10);
    expect(g.hidden.map((l) => l.length)).toEqual([3, 5, 1]);
    for (const l of g.hidden) for (const n of l) expect(n).toHaveLength(100);
    expect(g.output).toHaveLength(100);
    for (const v of g.output) expect(Math.abs(v)).toBeLessThanOrEqual(1);
    for (const n of g.hidden[0]) for (const v of n) expect(v).toBeGreaterThanOrEqual(0); // ReLU outputs
  });

  it('a network with no hidden layer is logistic regression on the features', () => {
    const t = new Trainer(state({ layers: [] }));
    expect(t.layers).toHaveLength(1);
    expect(t.evaluateGrid(4).hidden).toEqual([]);
  });
});

describe('NN playground frame budget (measured, not asserted)', () => {
  it.each([
    ['default 2-4-2-1', ''],
    ['largest 7-8x6-1', 'layers=8,8,8,8,8,8&features=x1,x2,x1sq,x2sq,x1x2,sinx1,sinx2&act=relu&batch=30'],
  ])('%s: train slice + grid evaluation per frame', (label, q) => {
    const t = new Trainer(decodeState(new URLSearchParams(q)));
    frameUpdate(t, 8); // warm-up (JIT)
    const frames = Array.from({ length: 10 }, () => frameUpdate(t, 8));
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const stats = { steps: mean(frames.map((f) => f.steps)), trainMs: mean(frames.map((f) => f.trainMs)), gridMs: mean(frames.map((f) => f.gridMs)) };
    console.log(`[frame budget] ${label}: ${stats.steps.toFixed(1)} SGD steps in ${stats.trainMs.toFixed(2)} ms, grid ${stats.gridMs.toFixed(2)} ms per frame`);
    for (const f of frames) {
      expect(f.steps).toBeGreaterThanOrEqual(1);
      expect(f.grid.output).toHaveLength(50 * 50);
    }
  });
});
