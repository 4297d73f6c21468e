// Decision trees against scikit-learn 1.2.1 (tools/fixtures/trees.py): the whole tree_
// (structure and thresholds exactly, values and impurities to 1e-10), predictions,
// probabilities, apply, importances, export_text and pruning paths. The fixture keeps only
// cases whose tree does not depend on scikit-learn's random feature order (no ties in the
// split search), so the tree is a function of the data alone.
import { describe, expect, it } from 'vitest';
import { loadDiabetes } from '../../src/datasets/index.js';
import { DecisionTreeClassifier, DecisionTreeRegressor, exportText, type TreeArrays } from '../../src/learn/tree/index.js';
import { loadFixture } from '../helpers/fixtures.js';
import { expectAllClose } from './close.js';

interface Case {
  name: string; estimator: string; params: Record<string, unknown>; data: string; target: string | null; weighted: boolean;
  tree: Record<string, number[] | number>; Xtest: number[][]; predict: number[]; predictProba?: number[][]; apply: number[];
  depth: number; nLeaves: number; featureImportances: number[]; exportText?: string; exportTextDepth1?: string;
  path?: { ccpAlphas: number[]; impurities: number[] };
}
const fx = loadFixture('trees.json') as {
  source: string; synthetic: { X: number[][]; targets: Record<string, number[]>; weights: number[] }; cases: Case[];
};

function dataOf(c: Case): { X: number[][]; y: number[] } {
  if (c.data === 'synthetic') return { X: fx.synthetic.X, y: fx.synthetic.targets[c.target!] };
  if (c.data === 'diabetes') { const d = loadDiabetes(); return { X: d.data, y: d.target }; }
  throw new Error(`no data ${c.data}`);
}

type Tree = DecisionTreeClassifier | DecisionTreeRegressor;

describe(`decision trees equal ${fx.source}`, () => {
  for (const c of fx.cases) {
    it(c.name, () => {
      const { X, y } = dataOf(c);
      const Cls = c.estimator === 'DecisionTreeClassifier' ? DecisionTreeClassifier : DecisionTreeRegressor;
      const params = { ...c.params, randomState: 0 } as Record<string, unknown>;
      const est = new Cls(params as never) as Tree;
      const sw = c.weighted ? fx.synthetic.weights.slice(0, y.length) : undefined;
      est.fit(X, y, sw);
      const t = est.tree_ as unknown as Record<keyof TreeArrays, ArrayLike<number> | number>;
      expect(t.nodeCount).toBe(c.tree.nodeCount);
      expect(t.maxDepth).toBe(c.tree.maxDepth);
      for (const k of ['childrenLeft', 'childrenRight', 'feature', 'threshold', 'nNodeSamples'] as const) {
        expect(Array.from(t[k] as ArrayLike<number>), k).toEqual(c.tree[k]);
      }
      for (const k of ['value', 'impurity', 'weightedNNodeSamples'] as const) {
        expectAllClose(Array.from(t[k] as ArrayLike<number>), c.tree[k], 1e-10, k);
      }
      expect(est.apply(c.Xtest)).toEqual(c.apply);
      expect(est.getDepth()).toBe(c.depth);
      expect(est.getNLeaves()).toBe(c.nLeaves);
      expectAllClose(Array.from(est.featureImportances_), c.featureImportances, 1e-10, 'featureImportances');
      if (est instanceof DecisionTreeClassifier) {
        expect(est.predict(c.Xtest)).toEqual(c.predict);
        expectAllClose(est.predictProba(c.Xtest), c.predictProba, 1e-12, 'predictProba');
      } else {
        expectAllClose(est.predict(c.Xtest), c.predict, 1e-10, 'predict');
      }
      if (c.exportText) {
        expect(exportText(est, { showWeights: est instanceof DecisionTreeClassifier })).toBe(c.exportText);
        expect(exportText(est, { maxDepth: 1, decimals: 3, spacing: 2 })).toBe(c.exportTextDepth1);
      }
      if (c.path) {
        const path = (est as DecisionTreeClassifier).costComplexityPruningPath(X, y as never, sw);
        expectAllClose(path.ccpAlphas, c.path.ccpAlphas, 1e-9, 'ccpAlphas');
        expectAllClose(path.impurities, c.path.impurities, 1e-9, 'impurities');
      }
    });
  }
});

describe('decision tree behaviour', () => {
  const X = fx.synthetic.X;
  const y = fx.synthetic.targets.clf3;
  it('decisionPath walks from the root to the leaf apply gives', () => {
    const t = new DecisionTreeClassifier({ maxDepth: 4, randomState: 0 }).fit(X, y);
    const paths = t.decisionPath(X.slice(0, 20));
    const leaves = t.apply(X.slice(0, 20));
    paths.forEach((p, i) => {
      expect(p[0]).toBe(0);
      expect(p[p.length - 1]).toBe(leaves[i]);
      for (let k = 1; k < p.length; k++) expect([t.tree_.childrenLeft[p[k - 1]], t.tree_.childrenRight[p[k - 1]]]).toContain(p[k]);
    });
  });
  it('a ccpAlpha above the last effective alpha prunes to the root', () => {
    const path = new DecisionTreeClassifier({ randomState: 0 }).costComplexityPruningPath(X, y);
    const t = new DecisionTreeClassifier({ randomState: 0, ccpAlpha: path.ccpAlphas[path.ccpAlphas.length - 1] + 1e-9 }).fit(X, y);
    expect(t.getNLeaves()).toBe(1);
    // Along the path the subtree impurity only grows.
    for (let k = 1; k < path.impurities.length; k++) expect(path.impurities[k]).toBeGreaterThanOrEqual(path.impurities[k - 1] - 1e-12);
  });
  it('maxLeafNodes bounds the leaves', () => {
    expect(new DecisionTreeRegressor({ maxLeafNodes: 5, randomState: 0 }).fit(X, fx.synthetic.targets.reg).getNLeaves()).toBe(5);
  });
  it('a random splitter still fits the training data when grown fully', () => {
    const t = new DecisionTreeClassifier({ splitter: 'random', randomState: 3 }).fit(X, y);
    expect(t.score(X, y)).toBe(1);
  });
  it('bad inputs get errors that say what to do', () => {
    expect(() => new DecisionTreeClassifier({ maxFeatures: 9 }).fit(X, y)).toThrow(/maxFeatures is 9 but X has only 4 features/);
    expect(() => new DecisionTreeRegressor({ criterion: 'poisson' }).fit(X, fx.synthetic.targets.reg)).toThrow(/poisson' needs y >= 0/);
    expect(() => new DecisionTreeClassifier({ classWeight: { 7: 2 } }).fit(X, y)).toThrow(/classWeight names the class "7"/);
    expect(() => exportText(new DecisionTreeClassifier().fit(X, y), { featureNames: ['a'] })).toThrow(/featureNames must contain 4 names/);
  });
});
