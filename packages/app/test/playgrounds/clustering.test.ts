import { describe, expect, it } from 'vitest';
import { GaussianMixture, KMeans } from 'descent/learn';
import { makeBlobs } from 'descent/datasets';
import { Generator } from 'descent/random';
import { assign, eStep, ellipse, initialMixture, mStep, nextSeed, seedingProbabilities, update, type Point } from '../../src/client/playgrounds/clustering/steps.js';

const X = makeBlobs({ nSamples: 150, centers: 3, clusterStd: 0.9, randomState: 4 }).X as Point[];

describe('clustering playground: the steps agree with descent/learn', () => {
  it('Lloyd iterations from given centres reach KMeans\'s centres from the same start', () => {
    const init: Point[] = [X[0], X[1], X[2]];
    let centers = init;
    let labels = assign(X, centers).labels;
    for (let it = 0; it < 100; it++) {
      centers = update(X, labels, centers);
      const next = assign(X, centers);
      if (next.labels.every((l, i) => l === labels[i])) break;
      labels = next.labels;
    }
    const km = new KMeans({ nClusters: 3, init, nInit: 1 }).fit(X);
    centers.forEach((c, k) => { expect(c[0]).toBeCloseTo(km.clusterCenters_[k][0], 9); expect(c[1]).toBeCloseTo(km.clusterCenters_[k][1], 9); });
    expect(assign(X, centers).inertia).toBeCloseTo(km.inertia_, 8);
  });

  it('the inertia never increases over assign/update steps', () => {
    let centers: Point[] = [X[5], X[6], X[7]];
    let last = Infinity;
    for (let it = 0; it < 10; it++) {
      const a = assign(X, centers);
      expect(a.inertia).toBeLessThanOrEqual(last + 1e-9);
      last = a.inertia;
      centers = update(X, a.labels, centers);
    }
  });

  it('k-means++: probabilities ∝ D², zero at a chosen centre, and seeding is reproducible', () => {
    const p = seedingProbabilities(X, [X[3]]);
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(p[3]).toBe(0);
    const far = X.reduce((b, x, i) => ((x[0] - X[3][0]) ** 2 + (x[1] - X[3][1]) ** 2 > (X[b][0] - X[3][0]) ** 2 + (X[b][1] - X[3][1]) ** 2 ? i : b), 0);
    expect(Math.max(...p)).toBe(p[far]);
    const seeds = (s: number) => {
      const rng = new Generator(s);
      const c: Point[] = [];
      while (c.length < 3) c.push(X[nextSeed(X, c, rng)]);
      return c;
    };
    expect(seeds(1)).toEqual(seeds(1));
  });

  it('one E-step and M-step equal GaussianMixture with maxIter 1 from the same parameters', () => {
    const g0 = initialMixture(X, [X[0], X[60], X[120]]);
    const inv = ([a, b, c]: [number, number, number]) => { const det = a * c - b * b; return [[c / det, -b / det], [-b / det, a / det]]; };
    const gm = new GaussianMixture({
      nComponents: 3, covarianceType: 'full', maxIter: 1, nInit: 1,
      weightsInit: g0.weights, meansInit: g0.means, precisionsInit: g0.covs.map(inv),
    }).fit(X);
    const g1 = mStep(X, eStep(X, g0).resp, 3);
    g1.means.forEach((m, k) => { expect(m[0]).toBeCloseTo(gm.means_[k][0], 8); expect(m[1]).toBeCloseTo(gm.means_[k][1], 8); });
    g1.weights.forEach((w, k) => expect(w).toBeCloseTo(gm.weights_[k], 8));
    const cov = gm.covariances_ as number[][][];
    g1.covs.forEach(([a, b, c], k) => { expect(a).toBeCloseTo(cov[k][0][0], 8); expect(b).toBeCloseTo(cov[k][0][1], 8); expect(c).toBeCloseTo(cov[k][1][1], 8); });
  });

  it('EM raises the log-likelihood step after step, and the ellipse follows the covariance', () => {
    let g = initialMixture(X, [X[0], X[60], X[120]]);
    let last = -Infinity;
    for (let it = 0; it < 15; it++) {
      const e = eStep(X, g);
      expect(e.meanLogLik).toBeGreaterThanOrEqual(last - 1e-9);
      last = e.meanLogLik;
      g = mStep(X, e.resp, 3);
    }
    const e = ellipse([4, 0, 1], 2);
    expect([e.rx, e.ry, e.angle]).toEqual([4, 2, 0]);
    const tilted = ellipse([2, 1, 2], 1); // eigenvalues 3 and 1 along the diagonals
    expect(tilted.rx).toBeCloseTo(Math.sqrt(3), 12);
    expect(tilted.ry).toBeCloseTo(1, 12);
    expect(tilted.angle).toBeCloseTo(Math.PI / 4, 12);
  });
});
