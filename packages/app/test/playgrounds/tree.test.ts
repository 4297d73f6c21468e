import { describe, expect, it } from 'vitest';
import { DecisionTreeClassifier } from 'descent/learn';
import { extentOf, makeData } from '../../src/client/playgrounds/boundaries/models.js';
import { describeSplit, growTree, newestSplit } from '../../src/client/playgrounds/tree/grow.js';

describe('decision-tree playground: growing split by split', () => {
  const data = makeData('moons', 240, 0.25, 0);
  const extent = extentOf(data.X);

  it('the root alone: one leaf, the root impurity, no split', () => {
    const g = growTree(data, 0, 'gini', extent);
    expect(g.splits).toBe(0);
    expect(g.leaves).toHaveLength(1);
    expect(g.weightedImpurity).toBeCloseTo(g.tree.impurity[0], 12);
  });

  it('each step adds exactly one split to the previous tree, and the weighted impurity never rises', () => {
    let prev = growTree(data, 0, 'gini', extent);
    for (let s = 1; s <= 12; s++) {
      const g = growTree(data, s, 'gini', extent);
      expect(g.splits).toBe(s);
      expect(g.leaves).toHaveLength(s + 1);
      const key = (l: { feature: number; threshold: number }) => `${l.feature}:${l.threshold}`;
      const before = new Set(prev.lines.map(key));
      expect(g.lines.filter((l) => !before.has(key(l)))).toHaveLength(1);
      expect(newestSplit(prev, g)).not.toBeNull();
      expect(g.weightedImpurity).toBeLessThanOrEqual(prev.weightedImpurity + 1e-12);
      prev = g;
    }
  });

  it('the leaves tile the view: their boxes cover its area exactly once', () => {
    const g = growTree(data, 9, 'entropy', extent);
    const area = g.leaves.reduce((s, l) => s + (l.x1 - l.x0) * (l.y1 - l.y0), 0);
    expect(area).toBeCloseTo((extent[1] - extent[0]) * (extent[3] - extent[2]), 9);
    // The box a test point falls in predicts what the library tree predicts.
    for (const i of data.testIdx.slice(0, 20)) {
      const [x, y] = data.X[i];
      const leaf = g.leaves.find((l) => x > l.x0 - 1e-12 && x <= l.x1 && y > l.y0 - 1e-12 && y <= l.y1)!;
      expect(g.classes[leaf.classIndex]).toBe(g.model.predict([[x, y]])[0]);
    }
  });

  it('matches a DecisionTreeClassifier fitted with the same maxLeafNodes, and describes its newest split', () => {
    const g = growTree(data, 6, 'gini', extent);
    const ref = new DecisionTreeClassifier({ maxLeafNodes: 7, randomState: 0 }).fit(data.trainIdx.map((i) => data.X[i]), data.trainIdx.map((i) => data.y[i]));
    expect(Array.from(g.tree.threshold)).toEqual(Array.from(ref.tree_.threshold));
    const line = newestSplit(growTree(data, 5, 'gini', extent), g)!;
    expect(describeSplit(g, line)).toMatch(/^[xy] ≤ -?\d+\.\d\d splits \d+ points \(impurity 0\.\d{3}\) into \d+/);
    expect(g.text).toContain('|---');
  });
});
