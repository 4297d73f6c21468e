// Birch.partialFit against scikit-learn 1.2.1's partial_fit (tools/fixtures/birch_partial.py
// writes birch-partial.json): after every batch the leaf subcluster centres, their global
// labels and the batch's labels equal scikit-learn's exactly; partialFit() with no rows redoes
// only the global step; and batches build the same tree as one fit.
import { describe, expect, it } from 'vitest';
import { Birch, loadEstimator, type BirchParams } from '../../src/learn/index.js';
import { loadFixture } from '../helpers/fixtures.js';
import { expectNestedClose } from '../helpers/nested-close.js';

interface Step { subclusterCenters: number[][]; subclusterLabels: number[]; labels: number[] }
interface Case {
  data: string; batches: number[]; params: Partial<BirchParams>; steps: Step[]; predict: number[];
  refit: Partial<BirchParams>; refitSubclusterLabels: number[]; refitPredict: number[]; fitEqualsPartial: boolean;
}
const fx = loadFixture<{ data: Record<string, number[][]>; cases: Case[] }>('birch-partial.json');

const batchesOf = (X: number[][], sizes: number[]) => {
  let start = 0;
  return sizes.map((n) => X.slice(start, (start += n)));
};

describe('Birch.partialFit equals scikit-learn', () => {
  for (const c of fx.cases) {
    it(`${c.data} in batches of ${c.batches.join(', ')} ${JSON.stringify(c.params)}`, () => {
      const X = fx.data[c.data];
      const Q = X.filter((_, i) => i % 13 === 0).map((r) => r.map((v) => v + 0.05));
      const m = new Birch(c.params);
      batchesOf(X, c.batches).forEach((B, s) => {
        expect(m.partialFit(B)).toBe(m);
        expectNestedClose(m.subclusterCenters_, c.steps[s].subclusterCenters, 1e-10, `step ${s} subclusterCenters_`);
        expect(m.subclusterLabels_, `step ${s}`).toEqual(c.steps[s].subclusterLabels);
        expect(m.labels_, `step ${s}`).toEqual(c.steps[s].labels);
      });
      expect(m.predict(Q)).toEqual(c.predict);
      // The same rows in one fit: the same tree, as scikit-learn's (fitEqualsPartial).
      expect(c.fitEqualsPartial).toBe(true);
      expectNestedClose(new Birch(c.params).fit(X).subclusterCenters_, m.subclusterCenters_, 0, 'fit vs partialFit');
      // partialFit() alone: the same subclusters regrouped under the new nClusters; labels_ kept.
      const labels = m.labels_;
      m.setParams(c.refit).partialFit();
      expect(m.subclusterLabels_).toEqual(c.refitSubclusterLabels);
      expect(m.predict(Q)).toEqual(c.refitPredict);
      expect(m.labels_).toBe(labels);
    });
  }

  it('a saved model goes on growing the same tree', () => {
    const c = fx.cases[2];
    const [B1, B2, B3] = batchesOf(fx.data[c.data], c.batches);
    const m = new Birch(c.params).partialFit(B1).partialFit(B2);
    const loaded = loadEstimator(JSON.parse(JSON.stringify(m))) as Birch;
    expectNestedClose(loaded.partialFit(B3).subclusterCenters_, c.steps[2].subclusterCenters, 1e-10, 'after load');
    expect(loaded.labels_).toEqual(c.steps[2].labels);
  });

  it('refuses a call without rows before any fit, and a batch with other features', () => {
    expect(() => new Birch().partialFit()).toThrow(/Birch.*not fitted/i);
    const m = new Birch().partialFit(fx.data.gauss4.slice(0, 20));
    expect(() => m.partialFit(fx.data.blobs5.slice(0, 5))).toThrow(/X has 2 features, but Birch is expecting 4 features as input/);
    expect(() => m.setParams({ threshold: -1 }).partialFit()).toThrow(/The `threshold` parameter of Birch must be/);
  });

  it('fit after partialFit starts a new tree', () => {
    const X = fx.data.blobs5;
    const m = new Birch().partialFit(X.slice(0, 200)).fit(X.slice(200));
    expect(m.subclusterCenters_).toEqual(new Birch().fit(X.slice(200)).subclusterCenters_);
  });
});
