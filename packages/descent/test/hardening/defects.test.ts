// Bad inputs that used to give silently wrong results, NaN, an unhelpful TypeError or an
// out-of-memory crash (issue 14), each now a clear error or the right answer.
import { describe, expect, it } from 'vitest';
import { tensor, zeros } from '../../src/tensor/index.js';
import {
  BernoulliNB, ComplementNB, DummyClassifier, GaussianNB, KNeighborsClassifier, LinearDiscriminantAnalysis, LinearRegression, LogisticRegression,
  MultinomialNB, Perceptron, PolynomialFeatures, QuadraticDiscriminantAnalysis, RadiusNeighborsClassifier, SGDClassifier, listEstimators,
} from '../../src/learn/index.js';
import { Adam, AdamW, RMSprop, SGD } from '../../src/optim/index.js';
import { BatchNorm1d, BatchNorm2d, Linear } from '../../src/nn/index.js';
import { decode, expectClose, loadFixture, type EncodedTensor } from '../helpers/fixtures.js';
import { exampleInstance } from '../learn/examples.js';

const X = [[0, 1], [1, 2], [2, 3], [3, 4], [4, 5], [5, 6]];
const y = [0, 0, 0, 1, 1, 1];

describe('tensors', () => {
  it('indexSelect refuses an index past int32 instead of wrapping it to row 0', () => {
    expect(() => tensor([[1, 2, 3], [4, 5, 6]]).indexSelect(0, [2 ** 40])).toThrow(/indexSelect: index 1099511627776 is out of range/);
    expect(() => tensor([[1, 2, 3], [4, 5, 6]]).indexSelect(0, [2])).toThrow(/indexSelect: index 2 is out of range for axis 0 of size 2/);
    expect(tensor([[1, 2, 3], [4, 5, 6]]).indexSelect(0, [-1]).toArray()).toEqual([[4, 5, 6]]);
  });

  it('an int32 tensor refuses NaN, infinity and values past 2³¹ (PyTorch raises too), and says what to do', () => {
    expect(() => tensor([1e10, NaN], { dtype: 'int32' })).toThrow(/tensor: 10000000000 cannot be stored as int32.*Keep the data as float32\/float64/);
    expect(() => tensor([1, NaN], { dtype: 'int32' })).toThrow(/tensor: NaN cannot be stored as int32/);
    expect(() => tensor(new Float64Array([Infinity]), { dtype: 'int32' })).toThrow(/Infinity cannot be stored as int32/);
    expect(() => zeros([2]).add(1).astype('int32')).not.toThrow();
    expect(tensor([1.7, -2.5, 2 ** 31 - 1], { dtype: 'int32' }).toArray()).toEqual([1, -2, 2 ** 31 - 1]); // truncation, as before
  });

  it('zeros([1e10]) names the size and the limit instead of "Invalid typed array length"', () => {
    expect(() => zeros([1e10])).toThrow(/^zeros: shape \(10000000000,\) has 10,000,000,000 elements; a tensor holds at most 2,147,483,647/);
    expect(() => zeros([1e5, 1e5])).toThrow(/zeros: shape \(100000,100000\)/);
  });

  it("astype('complex64') lists the dtypes", () => {
    expect(() => (tensor([1, 2]) as unknown as { astype(d: string): unknown }).astype('complex64'))
      .toThrow(/astype: unknown dtype "complex64"; expected one of bool, int32, float32, float64/);
  });
});

describe('estimators', () => {
  it('QuadraticDiscriminantAnalysis on collinear features: a clear error pointing at regParam, and regParam works', () => {
    expect(() => new QuadraticDiscriminantAnalysis().fit(X, y)).toThrow(/QuadraticDiscriminantAnalysis: the features are collinear within class 0.*Set regParam > 0/);
    const qda = new QuadraticDiscriminantAnalysis({ regParam: 0.1 }).fit(X, y);
    expect(qda.predict(X)).toEqual(y);
    expect(qda.predictProba(X).flat().every(Number.isFinite)).toBe(true);
  });

  it('GaussianNB on constant columns: finite probabilities, like scikit-learn when a column is constant', () => {
    // scikit-learn 1.2.1: GaussianNB().fit([[0,1],[1,1],...,[5,1]], y) predicts y, P(row 0) = [0.999987, 1.3e-5].
    const Xc = X.map((r) => [r[0]!, 1]);
    const nb = new GaussianNB().fit(Xc, y);
    expect(nb.predict(Xc)).toEqual(y);
    expect(nb.predictProba(Xc)[0]![1]).toBeCloseTo(1.3007129e-5, 10);
    // Every column constant: scikit-learn gives NaN (ε = 1e-9 · 0); here ε = varSmoothing, so the priors decide.
    const allConstant = new GaussianNB().fit([[1], [1], [1], [1], [1], [1]], [0, 0, 0, 0, 1, 1]);
    expect(allConstant.predict([[1]])).toEqual([0]);
    expect(allConstant.predictProba([[1]])[0]![0]).toBeCloseTo(4 / 6, 12);
    expect(() => new GaussianNB({ varSmoothing: 0 }).fit(Xc, y)).toThrow(/GaussianNB: feature 1 is constant within class 0 and varSmoothing is 0/);
  });

  it('LinearDiscriminantAnalysis on constant columns: a clear error from the svd solver', () => {
    const constant = [[1, 1], [1, 1], [1, 1], [1, 1]];
    expect(() => new LinearDiscriminantAnalysis().fit(constant, [0, 0, 1, 1])).toThrow(/LinearDiscriminantAnalysis: every feature is constant within each class.*'lsqr'/);
    // lsqr, as in scikit-learn, falls back to the priors.
    expect(new LinearDiscriminantAnalysis({ solver: 'lsqr' }).fit(constant, [0, 0, 1, 1]).predictProba([[1, 1]])[0]).toEqual([0.5, 0.5]);
  });

  it('classifiers refuse continuous float targets, as scikit-learn does ("Unknown label type: continuous")', () => {
    const yc = [0.5, 1.5, 2.5, 0.5, 1.5, 2.5];
    const classifiers = [new LogisticRegression(), new SGDClassifier(), new Perceptron(), new GaussianNB(), new MultinomialNB(), new BernoulliNB(),
      new ComplementNB(), new KNeighborsClassifier({ nNeighbors: 2 }), new RadiusNeighborsClassifier({ radius: 10 }), new LinearDiscriminantAnalysis(),
      new QuadraticDiscriminantAnalysis({ regParam: 0.5 })];
    for (const c of classifiers) {
      expect(() => c.fit(X, yc), c.estimatorName).toThrow(new RegExp(`^${c.estimatorName}: Unknown label type: continuous .*use a regressor`));
    }
    // Whole numbers stored as floats are classes; DummyClassifier takes anything, as scikit-learn's does.
    expect(new LogisticRegression().fit(X, [0.0, 0, 0, 1, 1, 1]).classes_).toEqual([0, 1]);
    expect(() => new DummyClassifier().fit(X, yc)).not.toThrow();
  });

  it('fit(X) without y names the estimator and says to pass y, for every supervised estimator', () => {
    let supervised = 0;
    for (const Cls of listEstimators()) {
      const est = exampleInstance(Cls);
      if (!est.tags.requiresY || est.tags.input === 'labels') continue;
      supervised++;
      const fit = () => (est as unknown as { fit(X: unknown): unknown }).fit(X);
      // A composite (Pipeline, search) names the estimator inside it that needs y.
      expect(fit, Cls.spec.name).toThrow(/^([A-Za-z]+: )+y is missing\..*call fit\(X, y\)|^[A-Za-z]+ requires y/);
      expect(fit, Cls.spec.name).not.toThrow(TypeError);
    }
    expect(supervised).toBeGreaterThanOrEqual(20);
    expect(() => (new LinearRegression() as unknown as { fit(X: unknown): unknown }).fit(X)).toThrow(/^LinearRegression: y is missing/);
  });

  it('PolynomialFeatures on 1,000 columns refuses with the sizes instead of exhausting the heap', () => {
    const wide = [Array.from({ length: 1000 }, (_, j) => j)];
    expect(() => new PolynomialFeatures().fit(wide)).toThrow(/PolynomialFeatures: 1000 features to degree 2 give 501,501 output features.*501,501,000 exponents/);
    // Within the bound it still fits; interactionOnly at degree 2 on 100 columns: 1 + 100 + 4950 columns.
    expect(new PolynomialFeatures({ interactionOnly: true }).fit([Array.from({ length: 100 }, () => 1)]).nOutputFeatures_).toBe(5051);
  });
});

describe('optimizers', () => {
  const params = () => new Linear(2, 2).parameters();
  it('refuse options they do not know, suggesting the camelCase name', () => {
    expect(() => new Adam(params(), { lr: 0.1, weight_decay: 0.1 } as never)).toThrow(/Adam: unknown option "weight_decay". Did you mean "weightDecay"\?/);
    expect(() => new Adam(params(), { maximize: true } as never)).toThrow(/Adam: unknown option "maximize".*Adam's options are: lr, betas, eps, weightDecay, amsgrad/);
    expect(() => new RMSprop(params(), { nesterov: true } as never)).toThrow(/RMSprop: unknown option "nesterov"/);
    expect(() => new AdamW([{ params: params(), options: { momentum: 0.9 } as never }])).toThrow(/AdamW: unknown option "momentum"/);
    expect(new SGD(params(), { lr: 0.1, maximize: true }).paramGroups[0]!.options.maximize).toBe(true);
  });
});

describe('BatchNorm state dicts', () => {
  interface Checkpoint { kind: string; features: number; steps: number; state: Record<string, EncodedTensor>; evalX: EncodedTensor; evalY: EncodedTensor }
  const fixture = loadFixture<{ batchnorm: Checkpoint[] }>('nn-checkpoint.json');

  it("uses PyTorch's keys, so a PyTorch checkpoint loads and predicts as PyTorch does", () => {
    for (const c of fixture.batchnorm) {
      const bn = c.kind === 'BatchNorm1d' ? new BatchNorm1d(c.features, { momentum: null, dtype: 'float64' }) : new BatchNorm2d(c.features, { momentum: null, dtype: 'float64' });
      expect(Object.keys(bn.stateDict())).toEqual(['weight', 'bias', 'running_mean', 'running_var', 'num_batches_tracked']);
      bn.loadStateDict(Object.fromEntries(Object.entries(c.state).map(([k, v]) => [k, decode(v)])));
      expect(bn.numBatchesTracked).toBe(c.steps);
      bn.eval();
      expectClose(bn.forward(decode(c.evalX)), c.evalY, undefined, c.kind);
    }
  });
});
