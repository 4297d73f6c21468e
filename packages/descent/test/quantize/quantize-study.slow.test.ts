/**
 * The "Optuna-driven quantization" study at full size (slow group): the digits MLP
 * 64-256-256-10, NSGA-II over bits (4/8), granularity, calibration method and pruning amount,
 * 40 trials, accuracy floor one point below float32. The README's Pareto front comes from here.
 */
import { describe, expect, it } from 'vitest';
import { simulateCompression, type CompressionSettings } from '../../src/quantize/index.js';
import { NSGAIISampler, TrialPruned, createStudy, trialParams, type Trial } from '../../src/tune/index.js';
import { Linear, ReLU, Sequential } from '../../src/nn/index.js';
import { accuracy, digitsSplit, train } from './helpers.js';

const mlp = () => new Sequential(new Linear(64, 256), new ReLU(), new Linear(256, 256), new ReLU(), new Linear(256, 10));

describe('Optuna-driven quantization, full study', () => {
  it('finds 4-bit settings above the floor at under a sixth of the float size', async () => {
    const s = digitsSplit();
    const float = train(mlp(), s, 5);
    const floatAcc = accuracy(float, s.xTest, s.yTest);
    const floatKB = float.parameters().reduce((a, p) => a + 4 * p.size, 0) / 1024;
    const calibration = [0, 1, 2, 3].map((i) => s.xTrain.narrow(0, 64 * i, 64));
    const floor = floatAcc - 0.01;
    const study = await createStudy({ directions: ['minimize', 'maximize'], sampler: new NSGAIISampler({ seed: 0, populationSize: 10 }) });
    await study.optimize((trial: Trial) => {
      const settings: CompressionSettings = {
        bits: trial.suggestCategorical('bits', [4, 8]),
        granularity: trial.suggestCategorical('granularity', ['perTensor', 'perChannel']),
        method: trial.suggestCategorical('method', ['minmax', 'percentile', 'mse']),
        pruneAmount: trial.suggestFloat('pruneAmount', 0, 0.9, { step: 0.1 }),
      };
      const m = mlp();
      m.loadStateDict(float.stateDict());
      const { model, bytes } = simulateCompression(m, calibration, settings);
      const acc = accuracy(model, s.xTest, s.yTest);
      if (acc < floor) throw new TrialPruned();
      return [bytes / 1024, acc];
    }, { nTrials: 40 });
    const front = study.bestTrials.map((t) => ({ ...trialParams(t), sizeKB: t.values?.[0] as number, accuracy: t.values?.[1] as number })).sort((a, b) => a.sizeKB - b.sizeKB);
    console.log(`float32 ${floatKB.toFixed(1)} KB, accuracy ${floatAcc.toFixed(4)}; ${study.getTrials(['PRUNED']).length}/40 below the floor`);
    console.table(front.filter((r, i) => i === 0 || JSON.stringify(r) !== JSON.stringify(front[i - 1])));
    for (const r of front) expect(r.accuracy).toBeGreaterThanOrEqual(floor);
    const smallest = front[0];
    expect((smallest as Record<string, unknown> | undefined)?.bits).toBe(4);
    expect(smallest?.sizeKB).toBeLessThan(floatKB / 6);
  }, 600_000);
});
