// Neural architecture search over descent/nn MLPs on the digits (scikit-learn's load_digits),
// pruned on the validation loss after every epoch.
import { describe, expect, it } from 'vitest';
import { tensor, type Tensor } from '../../src/tensor/index.js';
import { Generator } from '../../src/random/index.js';
import { loadDigits } from '../../src/datasets/index.js';
import {
  HyperbandPruner, MedianPruner, RandomSampler, TPESampler, createStudy, suggestMLP, trainMLPTrial, type NasData,
} from '../../src/tune/index.js';

/** Digits scaled to [0, 1], shuffled with a fixed seed, 75 % train / 25 % validation. */
function digits(): NasData {
  const { data, target } = loadDigits();
  const order = new Generator(0).permutation(data.length);
  const cut = Math.floor(0.75 * order.length);
  const pick = (idx: number[]): [Tensor, Tensor] => [
    tensor(idx.map((i) => (data[i] as number[]).map((v) => v / 16))),
    tensor(idx.map((i) => target[i] as number), { dtype: 'int32' }),
  ];
  const [xTrain, yTrain] = pick(order.slice(0, cut));
  const [xVal, yVal] = pick(order.slice(cut));
  return { xTrain, yTrain, xVal, yVal };
}
const data = digits();
const space = { inFeatures: 64, outFeatures: 10, layers: [1, 2], width: [8, 64] } as const;

describe('neural architecture search (suggestMLP + trainMLPTrial)', () => {
  it('finds an MLP far above chance, and the median pruner stops trials early', async () => {
    const study = await createStudy({ sampler: new TPESampler({ seed: 0, nStartupTrials: 5 }), pruner: new MedianPruner({ nStartupTrials: 3, nWarmupSteps: 1 }) });
    await study.optimize((trial) => {
      const { model, lr } = suggestMLP(trial, { ...space, lr: [1e-3, 3e-2] });
      return trainMLPTrial(trial, model, data, { lr, epochs: 5 });
    }, { nTrials: 10 });
    const pruned = study.getTrials(['PRUNED']);
    expect(pruned.length).toBeGreaterThan(0);
    for (const t of pruned) expect(Object.keys(t.intermediateValues).length).toBeLessThan(5);
    // Chance is 10 %, the majority class about 10 % too; a tuned MLP is above 90 %.
    expect(study.bestTrial.userAttrs.valAccuracy).toBeGreaterThan(0.9);
    expect(study.bestValue).toBeLessThan(0.4);
    // Define-by-run: a trial has one width parameter per hidden layer it drew.
    for (const t of study.trials) {
      const n = t.paramsInternal.nLayers as number;
      expect(Object.keys(t.paramsInternal).filter((k) => k.startsWith('width')).length).toBe(n);
    }
  }, 60_000);

  it('runs under Hyperband, which prunes at its rungs', async () => {
    const study = await createStudy({ sampler: new RandomSampler({ seed: 3 }), pruner: new HyperbandPruner({ minResource: 1, maxResource: 4, reductionFactor: 2 }) });
    await study.optimize((trial) => {
      const { model, lr } = suggestMLP(trial, { ...space, layers: [1, 1], width: [8, 16] });
      return trainMLPTrial(trial, model, data, { lr, epochs: 4 });
    }, { nTrials: 8 });
    expect(study.getTrials(['PRUNED']).length).toBeGreaterThan(0);
    expect(study.getTrials(['COMPLETE']).length).toBeGreaterThan(0);
  }, 60_000);

  it('builds the architecture the trial drew', async () => {
    const study = await createStudy({});
    await study.enqueueTrial({ nLayers: 2, width0: 20, width1: 12, activation: 'tanh', dropout: 0.25, lr: 0.01 });
    await study.optimize((trial) => {
      const { model, lr, config } = suggestMLP(trial, space);
      expect(config).toEqual({ layers: 2, widths: [20, 12], activation: 'tanh', dropout: 0.25 });
      expect(lr).toBe(0.01);
      // Linear, Tanh, Dropout twice, then the output layer.
      expect(model.parameters().map((p) => p.shape)).toEqual([[20, 64], [20], [12, 20], [12], [10, 12], [10]]);
      expect(String(model)).toContain('Tanh');
      expect(String(model)).toContain('Dropout');
      return 0;
    }, { nTrials: 1 });
  });

  it('names the function and the fix on bad input', async () => {
    const trial = await (await createStudy({})).ask();
    expect(() => suggestMLP(trial, { inFeatures: 0, outFeatures: 10 })).toThrow(/suggestMLP: `inFeatures` must be a positive integer/);
    expect(() => suggestMLP(trial, { ...space, width: [64, 8] })).toThrow(/suggestMLP: `width` must be \[min, max\]/);
    expect(() => suggestMLP(trial, { ...space, dropout: [0, 1] })).toThrow(/`dropout` must stay below 1/);
    expect(() => suggestMLP(trial, { ...space, activations: ['sigmoidish' as 'relu'] })).toThrow(/`activations` must be a non-empty list/);
  });
});
