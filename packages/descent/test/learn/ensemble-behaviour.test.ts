// AdaBoost against scikit-learn 1.2.1 (tools/fixtures/boosting.py: SAMME and SAMME.R with
// weighted samples, deterministic when the trees have no ties), and what voting,
// stacking and AdaBoost.R2 must do on real data.
import { describe, expect, it } from 'vitest';
import { loadDiabetes, loadWine } from '../../src/datasets/index.js';
import {
  AdaBoostClassifier, AdaBoostRegressor, DecisionTreeClassifier, DecisionTreeRegressor, DummyRegressor, GaussianNB, LinearRegression, LogisticRegression,
  StackingClassifier, StackingRegressor, StandardScaler, VotingClassifier, makePipeline, r2Score,
} from '../../src/learn/index.js';
import { loadFixture } from '../helpers/fixtures.js';
import { expectAllClose } from './close.js';

interface AdaCase {
  name: string; algorithm: 'SAMME' | 'SAMME.R'; nEstimators: number; maxDepth: number; learningRate: number; target: string;
  estimatorWeights: number[]; estimatorErrors: number[]; decisionFunction: number[] | number[][]; predictProba: number[][]; predict: number[];
}
const fx = loadFixture('boosting.json') as { source: string; X: number[][]; Xtest: number[][]; targets: Record<string, number[]>; weights: number[]; adaboost: AdaCase[] };

describe(`AdaBoostClassifier equals ${fx.source}`, () => {
  for (const c of fx.adaboost) {
    it(c.name, () => {
      const ada = new AdaBoostClassifier({
        estimator: new DecisionTreeClassifier({ maxDepth: c.maxDepth }), algorithm: c.algorithm, nEstimators: c.nEstimators, learningRate: c.learningRate, randomState: 0,
      }).fit(fx.X, fx.targets[c.target], fx.weights);
      expectAllClose(ada.estimatorWeights_, c.estimatorWeights, 1e-9, 'estimatorWeights');
      expectAllClose(ada.estimatorErrors_, c.estimatorErrors, 1e-9, 'estimatorErrors');
      // SAMME.R sums logs of clipped probabilities over rounds: rounding grows to ~1e-9.
      expectAllClose(ada.decisionFunction(fx.Xtest), c.decisionFunction, 1e-7, 'decisionFunction');
      expectAllClose(ada.predictProba(fx.Xtest), c.predictProba, 1e-7, 'predictProba');
      expect(ada.predict(fx.Xtest)).toEqual(c.predict);
    });
  }
});

const wine = loadWine();
const split = (n: number) => Array.from({ length: n }, (_, i) => i % 3 !== 0);
const pick = <T>(a: T[], keep: boolean[], want: boolean) => a.filter((_, i) => keep[i] === want);

describe('voting and stacking on Wine', () => {
  const keep = split(wine.target.length);
  const [Xtr, Xte] = [pick(wine.data, keep, true), pick(wine.data, keep, false)];
  const [ytr, yte] = [pick(wine.target, keep, true), pick(wine.target, keep, false)];
  const members = (): [string, never][] => [
    ['lr', makePipeline(new StandardScaler(), new LogisticRegression()) as never],
    ['nb', new GaussianNB() as never],
    ['tree', new DecisionTreeClassifier({ maxDepth: 3, randomState: 0 }) as never],
  ];
  it('soft voting averages the members\' probabilities', () => {
    const vote = new VotingClassifier({ estimators: members(), voting: 'soft', weights: [1, 1, 2] }).fit(Xtr, ytr);
    const P = vote.predictProba(Xte.slice(0, 5));
    const parts = vote.estimators_.map((e) => (e as unknown as { predictProba(X: number[][]): number[][] }).predictProba(Xte.slice(0, 5)));
    P.forEach((row, i) => row.forEach((v, k) => expect(v).toBeCloseTo((parts[0][i][k] + parts[1][i][k] + 2 * parts[2][i][k]) / 4, 12)));
    expect(vote.score(Xte, yte)).toBeGreaterThan(0.9);
  });
  it('stacking is at least as good as its weakest member and uses out-of-fold features', () => {
    const stack = new StackingClassifier({ estimators: members(), cv: 5 }).fit(Xtr, ytr);
    expect(stack.transform(Xte.slice(0, 2))[0]).toHaveLength(9); // 3 members × 3 class probabilities
    const tree = new DecisionTreeClassifier({ maxDepth: 3, randomState: 0 }).fit(Xtr, ytr);
    expect(stack.score(Xte, yte)).toBeGreaterThanOrEqual(tree.score(Xte, yte));
  });
});

describe('AdaBoost.R2 and stacked regression on Diabetes', () => {
  const d = loadDiabetes();
  const keep = split(d.target.length);
  const [Xtr, Xte] = [pick(d.data, keep, true), pick(d.data, keep, false)];
  const [ytr, yte] = [pick(d.target, keep, true), pick(d.target, keep, false)];
  it('AdaBoostRegressor beats the mean by a margin, and a seed reproduces it', () => {
    const ada = new AdaBoostRegressor({ nEstimators: 30, randomState: 0 }).fit(Xtr, ytr);
    const again = new AdaBoostRegressor({ nEstimators: 30, randomState: 0 }).fit(Xtr, ytr);
    expect(ada.predict(Xte)).toEqual(again.predict(Xte));
    const r2 = r2Score(yte, ada.predict(Xte));
    expect(r2).toBeGreaterThan(r2Score(yte, new DummyRegressor().fit(Xtr, ytr).predict(Xte)) + 0.2);
    expect(ada.estimatorWeights_.every((w) => w > 0)).toBe(true);
  });
  it('StackingRegressor fits a linear blend of out-of-fold predictions', () => {
    const stack = new StackingRegressor({ estimators: [['lin', new LinearRegression()], ['tree', new DecisionTreeRegressor({ maxDepth: 3, randomState: 0 })]], cv: 5 }).fit(Xtr, ytr);
    expect(stack.transform(Xte.slice(0, 1))[0]).toHaveLength(2);
    expect(r2Score(yte, stack.predict(Xte))).toBeGreaterThan(0.3);
  });
});
