// Cross-validated quality on the folds scikit-learn used (test/fixtures/ensembles.json,
// written by tools/fixtures/ensembles.py): the mean score over the same seeds as the
// reference (our seeds draw different random numbers, so this compares the methods, not
// the streams).
import { loadBreastCancer, loadDiabetes, loadDigits, loadIris, loadWine } from '../../src/datasets/index.js';
import { accuracyScore, r2Score, type BaseEstimator } from '../../src/learn/index.js';
import { loadFixture } from '../helpers/fixtures.js';

export interface QualityCase { estimator: string; params: Record<string, unknown>; data: string; metric: 'accuracy' | 'r2'; score: number; perSeed: number[] }
export const ensembleFixture = loadFixture('ensembles.json') as { source: string; folds: Record<string, number[]>; cases: QualityCase[] };

const LOADERS: Record<string, () => { data: number[][]; target: number[] }> = {
  iris: loadIris, wine: loadWine, cancer: loadBreastCancer, digits: () => loadDigits(), diabetes: () => loadDiabetes(),
};

type Fittable = BaseEstimator & { fit(X: number[][], y: number[]): unknown; predict(X: number[][]): (number | string)[] };

/** Mean 5-fold score of `make(seed)` over the seeds, on the fixture's folds. */
export function cvScore(data: string, metric: 'accuracy' | 'r2', seeds: number[], make: (seed: number) => BaseEstimator): number {
  const { data: X, target: y } = LOADERS[data]();
  const fold = ensembleFixture.folds[data];
  let total = 0;
  for (const seed of seeds) {
    let s = 0;
    for (let k = 0; k < 5; k++) {
      const tr = fold.flatMap((f, i) => (f === k ? [] : [i]));
      const te = fold.flatMap((f, i) => (f === k ? [i] : []));
      const est = make(seed) as Fittable;
      est.fit(tr.map((i) => X[i]), tr.map((i) => y[i]));
      const pred = est.predict(te.map((i) => X[i]));
      const truth = te.map((i) => y[i]);
      s += metric === 'accuracy' ? accuracyScore(truth, pred) : r2Score(truth, pred as number[]);
    }
    total += s / 5;
  }
  return total / seeds.length;
}
