// Outlier detection against scikit-learn 1.2.1 (fixture: tools/fixtures/anomalies.py).
// LocalOutlierFactor is deterministic and must agree to rounding; IsolationForest is random,
// so its ROC-AUC at finding the planted outliers must be within a point of scikit-learn's.
import { describe, expect, it } from 'vitest';
import { EllipticEnvelope, IsolationForest, LocalOutlierFactor, averagePathLength, rocAucScore } from '../../src/learn/index.js';
import { decodeNonFinite, loadFixture } from '../helpers/fixtures.js';

interface Fx {
  X: number[][]; isOutlier: number[]; Xnew: number[][];
  lof: { nNeighbors: number; contamination: 'auto' | number; nof: number[]; offset: number; labels: number[]; scoreSamples: number[]; decision: number[]; predict: number[] }[];
  ellipticX: number[][]; ellipticNew: number[][];
  elliptic: { contamination: number; supportFraction: number | null; rawLocation: number[]; rawCovariance: number[][]; rawSupport: boolean[]; location: number[]; covariance: number[][]; support: boolean[]; dist: number[]; offset: number; scoreSamples: number[]; decision: number[]; predict: number[]; mahalanobis: number[] }[];
  isolationForest: { meanAuc: number; aucs: number[]; contamination01PredictedOutliers: number };
}
const fx = loadFixture<Fx>('anomalies.json');

function close(a: ArrayLike<number>, e: ArrayLike<number>, rtol = 1e-9): void {
  expect(a.length).toBe(e.length);
  for (let i = 0; i < e.length; i++) {
    const ev = decodeNonFinite(e[i]) as number;
    expect(Math.abs(a[i] - ev), `[${i}] ${a[i]} vs ${ev}`).toBeLessThanOrEqual(rtol * Math.max(1, Math.abs(ev)));
  }
}

describe('LocalOutlierFactor agrees with scikit-learn', () => {
  it.each(fx.lof.map((c) => [c.nNeighbors, c.contamination, c] as const))('k=%s contamination=%s', (_k, _c, c) => {
    const lof = new LocalOutlierFactor({ nNeighbors: c.nNeighbors, contamination: c.contamination });
    expect(lof.fitPredict(fx.X)).toEqual(c.labels);
    close(lof.negativeOutlierFactor_, c.nof);
    close([lof.offset_], [c.offset]);
    const nov = new LocalOutlierFactor({ nNeighbors: c.nNeighbors, contamination: c.contamination, novelty: true }).fit(fx.X);
    close(nov.scoreSamples(fx.Xnew), c.scoreSamples);
    close(nov.decisionFunction(fx.Xnew), c.decision);
    expect(nov.predict(fx.Xnew)).toEqual(c.predict);
  });
  it('scores of new rows do not depend on the order of the training rows', () => {
    const perm = fx.X.map((_, i) => (i * 37 + 11) % fx.X.length); // 37 is coprime with 135
    const a = new LocalOutlierFactor({ novelty: true }).fit(fx.X).scoreSamples(fx.Xnew);
    const b = new LocalOutlierFactor({ novelty: true }).fit(perm.map((i) => fx.X[i])).scoreSamples(fx.Xnew);
    close(b, a, 1e-12);
  });
  it('scoring new rows needs novelty mode, and fitPredict needs it off', () => {
    const lof = new LocalOutlierFactor().fit(fx.X);
    expect(() => lof.predict(fx.Xnew)).toThrow(/only available for novelty detection \(novelty: true\)/);
    expect(() => new LocalOutlierFactor({ novelty: true }).fitPredict(fx.X)).toThrow(/fitPredict is not available with novelty: true/);
  });
});

describe('IsolationForest', () => {
  it(`finds the planted outliers as well as scikit-learn (ROC-AUC ${fx.isolationForest.meanAuc.toFixed(3)}, mean of 10 seeds)`, () => {
    const aucs = Array.from({ length: 10 }, (_, seed) => {
      const iso = new IsolationForest({ randomState: seed }).fit(fx.X);
      return rocAucScore(fx.isOutlier, iso.scoreSamples(fx.X).map((s) => -s)) as number;
    });
    const mean = aucs.reduce((a, b) => a + b, 0) / aucs.length;
    expect(Math.abs(mean - fx.isolationForest.meanAuc)).toBeLessThan(0.01);
  });
  it('contamination sets offset_ at that percentile of the training scores; auto is −0.5', () => {
    const iso = new IsolationForest({ contamination: 0.1, randomState: 0 }).fit(fx.X);
    const flagged = iso.predict(fx.X).filter((v) => v === -1).length;
    expect(flagged).toBe(fx.isolationForest.contamination01PredictedOutliers); // ⌈0.1·135⌉ = 14, by the percentile alone
    expect(new IsolationForest({ randomState: 0 }).fit(fx.X).offset_).toBe(-0.5);
    const scores = iso.scoreSamples(fx.X);
    expect(scores.every((s) => s < 0 && s > -1)).toBe(true);
  });
  it('c(n), the average unsuccessful-search path length of a BST (Liu et al. 2008, eq. 1)', () => {
    expect(averagePathLength(1)).toBe(0);
    expect(averagePathLength(2)).toBe(1);
    // 2·(ln 255 + γ) − 2·255/256, computed by hand.
    expect(averagePathLength(256)).toBeCloseTo(2 * (Math.log(255) + 0.5772156649015329) - (2 * 255) / 256, 12);
  });
});

describe('EllipticEnvelope (FAST-MCD) agrees with scikit-learn', () => {
  // FAST-MCD starts from 30 random subsets and can stop at a local optimum of the raw
  // support: on this data scikit-learn does so for 22 of 60 seeds and we for 12 of 30, one
  // or two points off, with a log-determinant 3e-4 higher. The reweighting step then gives
  // the same estimate either way (the fixture checks 12 scikit-learn seeds agree on it), so
  // the reweighted state and every score must equal scikit-learn's for any seed; seed 1
  // reaches the best raw support and must equal scikit-learn's raw estimate too.
  it.each(fx.elliptic.map((c) => [c.contamination, c.supportFraction, c] as const))('contamination %s, supportFraction %s', (_c, _s, c) => {
    for (const seed of [0, 1, 5]) {
      const env = new EllipticEnvelope({ contamination: c.contamination, supportFraction: c.supportFraction, randomState: seed }).fit(fx.ellipticX);
      expect(env.support_, `seed ${seed}`).toEqual(c.support);
      close(env.location_, c.location);
      c.covariance.forEach((r, i) => close(env.covariance_[i], r));
      close(env.dist_, c.dist, 1e-8);
      close([env.offset_], [c.offset], 1e-8);
      close(env.scoreSamples(fx.ellipticNew), c.scoreSamples, 1e-8);
      close(env.decisionFunction(fx.ellipticNew), c.decision, 1e-8);
      close(env.mahalanobis(fx.ellipticNew), c.mahalanobis, 1e-8);
      expect(env.predict(fx.ellipticX)).toEqual(c.predict);
      if (seed !== 1) continue;
      expect(env.rawSupport_).toEqual(c.rawSupport);
      close(env.rawLocation_, c.rawLocation);
      c.rawCovariance.forEach((r, i) => close(env.rawCovariance_[i], r));
    }
  });
});
