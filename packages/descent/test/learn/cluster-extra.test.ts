// OPTICS (and Birch) against scikit-learn 1.2.1 (tools/fixtures/cluster_extra.py). OPTICS is
// deterministic: ordering, predecessors and labels equal scikit-learn's exactly, and the
// reachability and core distances to 1e-12.
import { describe, expect, it } from 'vitest';
import { Birch, OPTICS, type BirchParams, type OPTICSParams } from '../../src/learn/index.js';
import { loadFixture } from '../helpers/fixtures.js';
import { expectNestedClose } from '../helpers/nested-close.js';

interface OpticsCase {
  data: string; params: Partial<OPTICSParams>; ordering: number[]; reachability: (number | string)[]; coreDistances: (number | string)[];
  predecessor: number[]; labels: number[]; clusterHierarchy?: [number, number][];
}
interface BirchCase {
  data: string; params: Partial<BirchParams>; subclusterCenters: number[][]; subclusterLabels: number[]; labels: number[]; predict: number[]; transform: number[][];
}
const fx = loadFixture<{ data: Record<string, number[][]>; optics: OpticsCase[]; birch: BirchCase[] }>('cluster-extra.json');

describe('OPTICS equals scikit-learn', () => {
  for (const c of fx.optics) {
    it(`${c.data} ${JSON.stringify(c.params)}`, () => {
      const m = new OPTICS(c.params).fit(fx.data[c.data]);
      expect(m.ordering_).toEqual(c.ordering);
      expect(m.predecessor_).toEqual(c.predecessor);
      expectNestedClose(m.reachability_, c.reachability, 1e-12, 'reachability_');
      expectNestedClose(m.coreDistances_, c.coreDistances, 1e-12, 'coreDistances_');
      expect(m.labels_).toEqual(c.labels);
      if (c.clusterHierarchy) expect(m.clusterHierarchy_).toEqual(c.clusterHierarchy);
    });
  }

  it('names the problem when minSamples exceeds the data or eps exceeds maxEps', () => {
    expect(() => new OPTICS({ minSamples: 50 }).fit(fx.data.mixed.slice(0, 10))).toThrow(/OPTICS: minSamples must be no greater than the number of samples \(10\)/);
    expect(() => new OPTICS({ clusterMethod: 'dbscan', maxEps: 1, eps: 2 }).fit(fx.data.mixed)).toThrow(/OPTICS: eps \(2\) must not exceed maxEps/);
  });
});

describe('Birch equals scikit-learn', () => {
  // Splits and descents are decided by sums like (−2a·b + ‖a‖²) + ‖b‖², where near-ties fall
  // by the last bit, so birch-tree.ts computes each product and norm as NumPy/OpenBLAS do
  // (fused multiply-add chains, the dgemv kernel's lanes, einsum's lanes). Then the CF tree,
  // its leaf order and the labels equal scikit-learn's exactly, with 2 features and with 4.
  for (const c of fx.birch) {
    it(`${c.data} ${JSON.stringify(c.params)}`, () => {
      const X = fx.data[c.data];
      const m = new Birch(c.params).fit(X);
      const Q = X.filter((_, i) => i % 13 === 0).map((r) => r.map((v) => v + 0.05));
      expectNestedClose(m.subclusterCenters_, c.subclusterCenters, 1e-10, 'subclusterCenters_');
      expect(m.subclusterLabels_).toEqual(c.subclusterLabels);
      expect(m.labels_).toEqual(c.labels);
      expect(m.predict(Q)).toEqual(c.predict);
      expectNestedClose(m.transform(Q), c.transform, 1e-7, 'transform');
    });
  }
});
