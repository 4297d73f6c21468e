// Integration with descent/learn: a combined algorithm selection and hyperparameter search
// (CASH; Thornton et al., Auto-WEKA, 2013) over pipelines on the Wine data, with 3-fold
// cross-validated accuracy as the objective, and a warm start from a previous study.
import { describe, expect, it } from 'vitest';
import { loadWine } from '../../src/datasets/index.js';
import {
  DummyClassifier,
  KNeighborsClassifier,
  LogisticRegression,
  StandardScaler,
  crossValScore,
  makePipeline,
} from '../../src/learn/index.js';
import { TPESampler, createStudy, type Trial } from '../../src/tune/index.js';

const { data: X, target: y } = loadWine();

function objective(trial: Trial): number {
  const algorithm = trial.suggestCategorical('algorithm', ['logistic', 'knn']);
  const scale = trial.suggestCategorical('scale', [true, false]);
  const model =
    algorithm === 'logistic'
      ? new LogisticRegression({ C: trial.suggestFloat('C', 1e-3, 1e2, { log: true }), maxIter: 300 })
      : new KNeighborsClassifier({ nNeighbors: trial.suggestInt('nNeighbors', 1, 30) });
  const pipe = scale ? makePipeline(new StandardScaler(), model) : makePipeline(model);
  const scores = crossValScore(pipe, X, y, { cv: 3 });
  return scores.reduce((a, b) => a + b, 0) / scores.length;
}

describe('CASH over descent/learn pipelines', () => {
  it('selects an algorithm and its settings that beat the majority-class baseline', async () => {
    const study = await createStudy({ direction: 'maximize', sampler: new TPESampler({ seed: 0, nStartupTrials: 6 }) });
    await study.optimize(objective, { nTrials: 14 });
    const baseline = crossValScore(new DummyClassifier(), X, y, { cv: 3 });
    const base = baseline.reduce((a, b) => a + b, 0) / baseline.length;
    expect(study.bestValue).toBeGreaterThan(0.93);
    expect(base).toBeLessThan(0.45);
    // Conditional parameters: a trial only has the parameters of its algorithm.
    for (const t of study.trials) {
      const algo = t.paramsInternal.algorithm === 0 ? 'logistic' : 'knn';
      expect('C' in t.paramsInternal).toBe(algo === 'logistic');
      expect('nNeighbors' in t.paramsInternal).toBe(algo === 'knn');
    }
    expect(study.bestParams.scale).toBe(true);

    // Warm start: the next study first re-evaluates the three best settings found here.
    const next = await createStudy({ direction: 'maximize', sampler: new TPESampler({ seed: 1 }) });
    await next.warmStartFrom(study, 3);
    await next.optimize(objective, { nTrials: 3 });
    expect(next.bestValue).toBe(study.bestValue);
    expect(next.trials[0]?.userAttrs.warmStartFrom).toEqual({ study: study.studyName, trial: study.bestTrial.number });
  }, 120_000);
});
