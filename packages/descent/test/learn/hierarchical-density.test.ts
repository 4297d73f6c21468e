// DBSCAN and AgglomerativeClustering against scikit-learn 1.2.1 (tools/fixtures/cluster.py):
// labels and core samples exactly; merge trees (children_, distances_) and labels exactly.
import { describe, expect, it } from 'vitest';
import { AgglomerativeClustering, DBSCAN, MeanShift, SpectralClustering, adjustedRandScore, dendrogramData, estimateBandwidth, type AgglomerativeClusteringParams, type DBSCANParams, type MeanShiftParams, type SpectralClusteringParams } from '../../src/learn/index.js';
import { loadFixture } from '../helpers/fixtures.js';

const fx = loadFixture<{
  data: Record<string, number[][]>;
  dbscan: { data: string; params: Partial<DBSCANParams>; labels: number[]; core: number[] }[];
  agglomerative: { data: string; params: Partial<AgglomerativeClusteringParams>; labels: number[]; children: [number, number][]; distances: number[]; nClusters: number }[];
}>('cluster.json');

describe('DBSCAN equals scikit-learn', () => {
  for (const c of fx.dbscan) {
    it(`${c.data} ${JSON.stringify(c.params)}`, () => {
      const db = new DBSCAN(c.params).fit(fx.data[c.data]);
      expect(db.labels_).toEqual(c.labels);
      expect(db.coreSampleIndices_).toEqual(c.core);
    });
  }

  it('weights count toward minSamples', () => {
    const X = [[0], [0.1], [5]];
    expect(new DBSCAN({ eps: 0.5, minSamples: 3 }).fit(X).labels_).toEqual([-1, -1, -1]);
    expect(new DBSCAN({ eps: 0.5, minSamples: 3 }).fit(X, undefined, [2, 1, 3]).labels_).toEqual([0, 0, 1]);
  });
});

describe('AgglomerativeClustering equals scikit-learn', () => {
  for (const c of fx.agglomerative) {
    it(`${c.data} ${c.params.linkage} ${c.params.metric} k=${c.params.nClusters} threshold=${c.params.distanceThreshold}`, () => {
      const agg = new AgglomerativeClustering(c.params).fit(fx.data[c.data]);
      expect(agg.children_).toEqual(c.children);
      agg.distances_!.forEach((h, i) => expect(Math.abs(h - c.distances[i]), `distances_[${i}]`).toBeLessThanOrEqual(1e-9 * Math.max(1, c.distances[i])));
      expect(agg.nClusters_).toBe(c.nClusters);
      expect(agg.labels_).toEqual(c.labels);
    });
  }

  it('says which of nClusters and distanceThreshold to unset', () => {
    expect(() => new AgglomerativeClustering({ distanceThreshold: 1 }).fit([[0], [1]])).toThrow(/exactly one of nClusters and distanceThreshold must be null/);
    expect(() => new AgglomerativeClustering({ metric: 'cosine' }).fit([[0, 1], [1, 0]])).toThrow(/ward linkage works only with 'euclidean'/);
  });
});

describe('dendrogramData', () => {
  it('lays leaves out at 5, 15, 25, … and each link spans its children', () => {
    const agg = new AgglomerativeClustering({ nClusters: null, distanceThreshold: 100 }).fit([[0], [1], [10], [12]]);
    const { leaves, icoord, dcoord } = dendrogramData(agg.children_, agg.distances_);
    expect([...leaves].sort()).toEqual([0, 1, 2, 3]);
    expect(icoord).toHaveLength(3);
    const root = icoord[icoord.length - 1];
    expect(root[0]).toBe(10);   // the middle of leaves at 5 and 15
    expect(root[2]).toBe(30);   // the middle of leaves at 25 and 35
    expect(dcoord[dcoord.length - 1][1]).toBeCloseTo(agg.distances_![2], 12);
  });
});

describe('MeanShift equals scikit-learn', () => {
  const ms = (loadFixture('cluster.json') as { meanshift: { data: string; params: Partial<MeanShiftParams>; centers: number[][]; labels: number[]; nIter: number; estimated: number | null; predict: number[] }[] }).meanshift;
  for (const c of ms) {
    it(`${c.data} ${JSON.stringify(c.params)}`, () => {
      const X = fx.data[c.data];
      const m = new MeanShift(c.params).fit(X);
      expect(m.clusterCenters_.length).toBe(c.centers.length);
      m.clusterCenters_.forEach((row, i) => row.forEach((v, j) => expect(Math.abs(v - c.centers[i][j]), `centre ${i}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(c.centers[i][j])))));
      expect(m.labels_).toEqual(c.labels);
      expect(m.nIter_).toBe(c.nIter);
      if (c.estimated !== null) expect(Math.abs(estimateBandwidth(X) - c.estimated)).toBeLessThan(1e-12);
      expect(m.predict(X.filter((_, i) => i % 11 === 0).map((r) => r.map((v) => v + 0.2)))).toEqual(c.predict);
    });
  }
});

describe('SpectralClustering agrees with scikit-learn', () => {
  // Labels are compared up to renaming (adjusted Rand index 1): scikit-learn solves the
  // eigenproblem with ARPACK and seeds k-means with NumPy's generator, we solve it densely and
  // seed with ours, so cluster numbers may be permuted, but the partition is the same.
  const sc = (loadFixture('cluster.json') as { spectral: { data: string; params: Partial<SpectralClusteringParams>; labels: number[] }[] }).spectral;
  for (const c of sc) {
    it(`${c.data} ${JSON.stringify(c.params)}`, () => {
      const m = new SpectralClustering({ ...c.params, randomState: 0 }).fit(fx.data[c.data]);
      expect(adjustedRandScore(c.labels, m.labels_)).toBeCloseTo(1, 12);
    });
  }
});
