/**
 * simulateCompression against the same pipeline built from PyTorch 1.13's pieces
 * (tools/fixtures/quantize_simulate.py), its size accounting, and the plumbing of the
 * "Optuna-driven quantization" study: bits, granularity, calibration and pruning tuned with
 * descent/tune, two objectives (size, accuracy), an accuracy floor, the Pareto front.
 */
import { describe, expect, it } from 'vitest';
import { noGrad, tensor, type Tensor } from '../../src/tensor/index.js';
import { Linear, ReLU, Sequential } from '../../src/nn/index.js';
import { FakeQuantLinear, simulateCompression, type CompressionSettings } from '../../src/quantize/index.js';
import { NSGAIISampler, TrialPruned, createStudy, dominates, type Trial } from '../../src/tune/index.js';
import { loadFixture } from '../helpers/fixtures.js';
import { accuracy, digitsSplit, mlp, train } from './helpers.js';

interface Case { bits: number; granularity: 'perTensor' | 'perChannel'; pruneAmount: number; output: number[][]; weights: number[][][] }
interface Fx { w1: number[][]; b1: number[]; w2: number[][]; b2: number[]; calib: number[][]; test: number[][]; cases: Case[] }
const fx = loadFixture<Fx>('quantize-simulate.json');

function small(): Sequential {
  const l1 = new Linear(5, 6), l2 = new Linear(6, 3);
  noGrad(() => {
    l1.weight.copy_(tensor(fx.w1)); l1.bias?.copy_(tensor(fx.b1));
    l2.weight.copy_(tensor(fx.w2)); l2.bias?.copy_(tensor(fx.b2));
  });
  return new Sequential(l1, new ReLU(), l2);
}

describe('simulateCompression equals PyTorch\'s prune + observers + fake_quantize', () => {
  for (const c of fx.cases) {
    it(`${c.bits} bits, ${c.granularity}, pruned ${c.pruneAmount}`, () => {
      const { model } = simulateCompression(small(), [tensor(fx.calib)], { bits: c.bits, granularity: c.granularity, method: 'minmax', pruneAmount: c.pruneAmount });
      const layers = [...model.modules()].filter((m): m is FakeQuantLinear => m instanceof FakeQuantLinear);
      expect(layers.length).toBe(2);
      layers.forEach((l, i) => {
        const got = l.weight.toArray() as number[][], want = c.weights[i] as number[][];
        got.forEach((row, r) => row.forEach((v, k) => expect(v).toBeCloseTo(want[r]?.[k] as number, 6)));
      });
      const out = noGrad(() => model.forward(tensor(fx.test)) as Tensor).toArray() as number[][];
      out.forEach((row, r) => row.forEach((v, k) => expect(v).toBeCloseTo(c.output[r]?.[k] as number, 5)));
    });
  }

  it('counts the bytes of the cheaper of dense and masked-sparse codes', () => {
    // 8 bits, per tensor, no pruning: 30 + 18 one-byte codes, one scale per layer, 8 bytes of
    // activation qparams per layer, float32 biases (6 + 3).
    const a = simulateCompression(small(), [tensor(fx.calib)], { bits: 8, granularity: 'perTensor', method: 'minmax', pruneAmount: 0 });
    expect(a.bytes).toBe(30 + 18 + 2 * (4 + 8) + 4 * 9);
    // 4 bits, per channel, half pruned: layer 1 min(15, 30/8 + 15·4/8) = 11.25 → 12; layer 2
    // (9 of 18 left) min(9, 18/8 + 9·4/8) = 6.75 → 7; scales 6 + 3 per-row.
    const b = simulateCompression(small(), [tensor(fx.calib)], { bits: 4, granularity: 'perChannel', method: 'mse', pruneAmount: 0.5 });
    expect(b.bytes).toBe(12 + 7 + 4 * 9 + 2 * 8 + 4 * 9);
  });

  it('names the function and the fix on bad settings', () => {
    const ok: CompressionSettings = { bits: 8, granularity: 'perTensor', method: 'minmax', pruneAmount: 0 };
    const calib = [tensor(fx.calib)];
    expect(() => simulateCompression(small(), calib, { ...ok, bits: 16 })).toThrow(/simulateCompression: `bits` must be an integer from 2 to 8/);
    expect(() => simulateCompression(small(), calib, { ...ok, granularity: 'perRow' as 'perTensor' })).toThrow(/`granularity` must be/);
    expect(() => simulateCompression(small(), calib, { ...ok, method: 'kl' as 'mse' })).toThrow(/`method` must be/);
    expect(() => simulateCompression(small(), calib, { ...ok, pruneAmount: 1 })).toThrow(/`pruneAmount` must be in \[0, 1\)/);
    expect(() => simulateCompression(small(), [], ok)).toThrow(/at least one calibration batch/);
    expect(() => simulateCompression(new Sequential(new ReLU()), calib, ok)).toThrow(/no Linear layer/);
  });
});

describe('the Optuna-driven quantization study (plumbing)', () => {
  it('searches bits, granularity, calibration and pruning; the Pareto front respects the floor', async () => {
    const s = digitsSplit();
    const float = train(mlp(32), s, 3);
    const floatAcc = accuracy(float, s.xTest, s.yTest);
    const copy = () => { const m = mlp(32); m.loadStateDict(float.stateDict()); return m; };
    const calibration = [s.xTrain.narrow(0, 0, 128)];
    const floor = floatAcc - 0.05;
    const objective = (trial: Trial): number[] => {
      const settings: CompressionSettings = {
        bits: trial.suggestCategorical('bits', [4, 8]),
        granularity: trial.suggestCategorical('granularity', ['perTensor', 'perChannel']),
        method: trial.suggestCategorical('method', ['minmax', 'percentile', 'mse']),
        pruneAmount: trial.suggestFloat('pruneAmount', 0, 0.9, { step: 0.1 }),
      };
      const { model, bytes } = simulateCompression(copy(), calibration, settings);
      const acc = accuracy(model, s.xTest, s.yTest);
      trial.setUserAttr('accuracy', acc);
      if (acc < floor) throw new TrialPruned(`accuracy ${acc} below the floor ${floor}`);
      return [bytes, acc];
    };
    const study = await createStudy({ directions: ['minimize', 'maximize'], sampler: new NSGAIISampler({ seed: 0, populationSize: 6 }) });
    await study.enqueueTrial({ bits: 8, granularity: 'perChannel', method: 'minmax', pruneAmount: 0 });
    await study.optimize(objective, { nTrials: 10 });
    const front = study.bestTrials;
    expect(front.length).toBeGreaterThan(0);
    for (const t of front) {
      expect(t.values?.[1]).toBeGreaterThanOrEqual(floor);
      // Nobody in the study dominates a front member (size down, accuracy up).
      for (const u of study.getTrials(['COMPLETE'])) expect(dominates([u.values?.[0] as number, -(u.values?.[1] as number)], [t.values?.[0] as number, -(t.values?.[1] as number)])).toBe(false);
    }
    // The 8-bit per-channel baseline keeps accuracy within 2 points and is a quarter the size.
    const int8 = study.trials[0];
    expect(int8?.state).toBe('COMPLETE');
    const floatBytes = float.parameters().reduce((a, p) => a + 4 * p.size, 0);
    expect(int8?.values?.[0]).toBeLessThan(0.3 * floatBytes);
    expect(Math.abs((int8?.values?.[1] as number) - floatAcc)).toBeLessThan(0.02);
    for (const t of study.getTrials(['PRUNED'])) expect(t.userAttrs.accuracy).toBeLessThan(floor);
  }, 60_000);
});
