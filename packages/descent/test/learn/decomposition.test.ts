// PCA, TruncatedSVD and IncrementalPCA against scikit-learn 1.2.1 (tools/fixtures/decomposition.py).
// Components carry scikit-learn's svd_flip signs, so they are compared as they are, not up to sign.
import { describe, expect, it } from 'vitest';
import { IncrementalPCA, KernelPCA, NMF, PCA, TruncatedSVD, type BaseEstimator, type NMFParams } from '../../src/learn/index.js';
import { loadFixture } from '../helpers/fixtures.js';
import { expectNestedClose } from '../helpers/nested-close.js';

interface Case {
  estimator: 'PCA' | 'TruncatedSVD' | 'IncrementalPCA'; data: string; params: Record<string, unknown>;
  components: number[][]; explainedVariance: number[]; explainedVarianceRatio: number[]; singularValues: number[];
  mean?: number[]; var?: number[]; noiseVariance?: number; nComponents?: number; transform: number[][]; inverseTransform?: number[][];
}
const fx = loadFixture<{ data: Record<string, number[][]>; test: Record<string, number[][]>; cases: Case[] }>('decomposition.json');

const make: Record<Case['estimator'], (p: Record<string, unknown>) => BaseEstimator> = {
  PCA: (p) => new PCA(p),
  TruncatedSVD: (p) => new TruncatedSVD(p),
  IncrementalPCA: (p) => new IncrementalPCA(p),
};

describe('decomposition against scikit-learn', () => {
  for (const c of fx.cases) {
    it(`${c.estimator} ${JSON.stringify(c.params)} on ${c.data}`, () => {
      const est = make[c.estimator](c.params) as unknown as Record<string, unknown> & { fit(X: unknown): unknown; transform(X: unknown): number[][]; inverseTransform(Z: unknown): number[][] };
      est.fit(fx.data[c.data]);
      // Randomized solvers draw different test matrices here and in scikit-learn; both
      // approximate the exact SVD, singular values to ~1e-8 and vectors to ~1e-4 after the
      // power iterations used here (the error of a vector scales with 1/gap of its values).
      const randomized = c.params.svdSolver === 'randomized' || c.params.algorithm === 'randomized';
      const tol = randomized ? 2e-3 : 1e-9;
      const valueTol = randomized ? 1e-6 : 1e-9;
      expectNestedClose(est.components_, c.components, tol, 'components_');
      expectNestedClose(est.singularValues_, c.singularValues, valueTol, 'singularValues_');
      expectNestedClose(est.explainedVariance_, c.explainedVariance, valueTol, 'explainedVariance_');
      expectNestedClose(est.explainedVarianceRatio_, c.explainedVarianceRatio, valueTol, 'explainedVarianceRatio_');
      if (c.mean) expectNestedClose(est.mean_, c.mean, 1e-12, 'mean_');
      if (c.var) expectNestedClose(est.var_, c.var, 1e-10, 'var_');
      if (c.noiseVariance !== undefined) expectNestedClose(est.noiseVariance_, c.noiseVariance, valueTol, 'noiseVariance_');
      if (c.nComponents !== undefined) expect(est.nComponents_).toBe(c.nComponents);
      const Z = est.transform(fx.test[c.data]);
      expectNestedClose(Z, c.transform, tol, 'transform');
      if (c.inverseTransform) expectNestedClose(est.inverseTransform(Z), c.inverseTransform, tol, 'inverseTransform');
    });
  }
});

describe('PCA', () => {
  it('keeps every component by default and then inverseTransform is exact', () => {
    const X = fx.data.wine.slice(0, 30);
    const pca = new PCA().fit(X);
    expect(pca.nComponents_).toBe(13);
    expectNestedClose(pca.inverseTransform(pca.transform(X)), X, 1e-9, 'round trip');
  });

  it('whitened projections of the training data have unit variance', () => {
    const Z = new PCA({ nComponents: 3, whiten: true }).fitTransform(fx.data.iris);
    for (let c = 0; c < 3; c++) {
      const col = Z.map((r) => r[c]);
      const mean = col.reduce((a, b) => a + b, 0) / col.length;
      const v = col.reduce((a, b) => a + (b - mean) ** 2, 0) / (col.length - 1);
      expect(v).toBeCloseTo(1, 10);
    }
  });

  it('says why nComponents is too large', () => {
    expect(() => new PCA({ nComponents: 5 }).fit(fx.data.iris)).toThrow(/nComponents=5 must be between 0 and min\(nSamples, nFeatures\)=4/);
    expect(() => new PCA({ nComponents: 'mle' }).fit(fx.data.iris.slice(0, 3))).toThrow(/'mle' is only supported if nSamples >= nFeatures/);
  });
});

describe('IncrementalPCA', () => {
  it('partialFit batch by batch equals fit with that batch size', () => {
    const X = fx.data.wine;
    const a = new IncrementalPCA({ nComponents: 4, batchSize: 50 }).fit(X);
    const b = new IncrementalPCA({ nComponents: 4 });
    for (let s = 0; s < X.length; s += 50) b.partialFit(X.slice(s, Math.min(X.length, s + 50)));
    // gen_batches folds the last 28 rows into no separate batch unless they are >= nComponents; they are.
    expectNestedClose(b.components_, a.components_, 1e-12, 'components_');
  });

  it('with every component kept, equals PCA', () => {
    const X = fx.data.iris;
    expectNestedClose(new IncrementalPCA({ batchSize: 20 }).fit(X).explainedVariance_, new PCA().fit(X).explainedVariance_, 1e-9, 'variance');
  });
});

describe('TruncatedSVD', () => {
  it('does not centre: the first component of positive data points along the mean', () => {
    const svd = new TruncatedSVD({ nComponents: 1, algorithm: 'arpack' }).fit([[1, 1], [2, 2.1], [3, 2.9]]);
    expect(svd.components_[0][0]).toBeGreaterThan(0.6);
    expect(svd.components_[0][1]).toBeGreaterThan(0.6);
  });
});

describe('KernelPCA equals scikit-learn (dense eigensolver)', () => {
  const kp = (loadFixture('decomposition.json') as { kernelPca: { data: string; params: Record<string, unknown>; eigenvalues: number[]; eigenvectors: number[][]; fitTransform: number[][]; transform: number[][] }[] }).kernelPca;
  for (const c of kp) {
    it(`${c.data} ${JSON.stringify(c.params)}`, () => {
      const X = fx.data[c.data];
      const m = new KernelPCA(c.params);
      // Eigenvectors carry scikit-learn's svd_flip signs, so they compare as they are.
      expectNestedClose(m.fitTransform(X), c.fitTransform, 1e-8, 'fitTransform');
      expectNestedClose(m.eigenvalues_, c.eigenvalues, 1e-9, 'eigenvalues_');
      expectNestedClose(m.eigenvectors_, c.eigenvectors, 1e-8, 'eigenvectors_');
      expectNestedClose(m.transform(fx.test[c.data]), c.transform, 1e-8, 'transform');
    });
  }
});

describe('NMF equals scikit-learn from the same initial W and H', () => {
  const cases = (loadFixture('decomposition.json') as { nmf: { data: string; params: Partial<NMFParams>; W0: number[][]; H0: number[][]; W: number[][]; H: number[][]; err: number; nIter: number; transform: number[][] }[] }).nmf;
  for (const c of cases) {
    it(`${c.data} ${JSON.stringify(c.params)}`, () => {
      const X = fx.data[c.data];
      const m = new NMF(c.params);
      const W = m.fitTransform(X, undefined, { W: c.W0, H: c.H0 });
      expect(m.nIter_).toBe(c.nIter);
      expectNestedClose(W, c.W, 1e-7, 'W');
      expectNestedClose(m.components_, c.H, 1e-7, 'components_');
      expectNestedClose(m.reconstructionErr_, c.err, 1e-9, 'reconstructionErr_');
      expectNestedClose(m.transform(fx.test[c.data]), c.transform, 1e-6, 'transform');
    });
  }

  it('refuses negative data and says what to do', () => {
    expect(() => new NMF({ nComponents: 1 }).fit([[1, -1], [2, 3]])).toThrow(/negative values in X.*Shift or clip/);
  });

  it('its default (nndsvda) start reconstructs digits well', () => {
    const X = fx.data.digitsnn;
    const m = new NMF({ nComponents: 8, maxIter: 400 }).fit(X);
    const cd = cases[0];
    expect(m.reconstructionErr_).toBeLessThan(cd.err * 1.02);
  });
});
