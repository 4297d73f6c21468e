// Unit tests of the estimator contract pieces: constraint messages, input checks,
// nested params and the registry. Expected messages follow scikit-learn 1.2's wording.
import { describe, expect, it } from 'vitest';
import { tensor } from '../../src/tensor/index.js';
import {
  C, DummyClassifier, DummyRegressor, InvalidParameterError, NotFittedError, Regressor, checkArray, checkLabels,
  checkXy, describeConstraint, getEstimatorClass, loadEstimator, registerEstimator, uniqueLabels, validateParams,
  type EstimatorSpec, type MatrixLike, type VectorLike,
} from '../../src/learn/index.js';

describe('parameter constraints', () => {
  it('gives the uniform message', () => {
    const constraints = { alpha: [C.number({ min: 0 })] };
    expect(() => validateParams('Ridge', { alpha: -1 }, constraints)).toThrow(
      new InvalidParameterError('The `alpha` parameter of Ridge must be a number >= 0. Got -1 instead.'),
    );
    expect(() => validateParams('Ridge', { alpha: 0 }, constraints)).not.toThrow();
  });

  it('lists every allowed form', () => {
    const constraints = { nComponents: [C.integer({ min: 1 }), C.options('auto'), C.null] };
    expect(() => validateParams('PCA', { nComponents: 'all' }, constraints)).toThrow(
      "The `nComponents` parameter of PCA must be an integer >= 1, one of 'auto' or null. Got 'all' instead.",
    );
    expect(() => validateParams('PCA', { nComponents: 1.5 }, constraints)).toThrow(/Got 1.5 instead/);
    expect(() => validateParams('PCA', { nComponents: 'auto' }, constraints)).not.toThrow();
  });

  it('describes intervals', () => {
    expect(describeConstraint(C.number({ min: 0, max: 1, maxExclusive: true }))).toBe('a number in [0, 1)');
    expect(describeConstraint(C.number({ min: 0, minExclusive: true }))).toBe('a number > 0');
    expect(describeConstraint(C.number({ max: 5 }))).toBe('a number <= 5');
    expect(describeConstraint(C.boolean)).toBe('a boolean');
    expect(() => validateParams('X', { a: NaN }, { a: [C.number()] })).toThrow(/Got NaN instead/);
  });
});

describe('input checks', () => {
  it('reads every input form into the same row-major matrix', () => {
    const rows = [[1, 2, 3], [4, 5, 6]];
    const expected = { data: Float64Array.from([1, 2, 3, 4, 5, 6]), rows: 2, cols: 3 };
    expect(checkArray(rows)).toEqual(expected);
    expect(checkArray(tensor(rows))).toEqual(expected);
    expect(checkArray(tensor(rows).T.T)).toEqual(expected);
    expect(checkArray({ data: new Int32Array([1, 2, 3, 4, 5, 6]), shape: [2, 3] })).toEqual(expected);
  });

  it('copies, so the caller cannot be mutated through the result', () => {
    const data = new Float64Array([1, 2]);
    checkArray({ data, shape: [1, 2] }).data[0] = 99;
    expect(data[0]).toBe(1);
  });

  it('raises clear errors', () => {
    expect(() => checkArray([1, 2, 3] as unknown as MatrixLike)).toThrow(/Expected a 2D array for X, got 1D array instead/);
    expect(() => checkArray(tensor([1, 2]))).toThrow(/Expected a 2D array/);
    expect(() => checkArray([[1, 2], [3]])).toThrow(/ragged: row 1 has 1 values but row 0 has 2/);
    expect(() => checkArray([[1, NaN]])).toThrow('Input X contains NaN');
    expect(() => checkArray([[1, NaN]], { allowNaN: true })).not.toThrow();
    expect(() => checkArray([[1, -Infinity]], { allowNaN: true })).toThrow('Input X contains infinity');
    expect(() => checkArray([], { caller: 'StandardScaler' })).toThrow(
      'Found array with 0 sample(s) (shape=(0, 0)) while a minimum of 1 is required by StandardScaler.',
    );
    expect(() => checkArray([[1, 'a']] as unknown as MatrixLike)).toThrow(/X\[0\]\[1\] is "a"; expected a number/);
    expect(() => checkArray({ data: [1, 2, 3], shape: [2, 2] })).toThrow(/holds 3 values/);
    expect(() => checkXy([[1], [2]], [1, 2, 3])).toThrow('Found input variables with inconsistent numbers of samples: [2, 3]');
  });

  it('labels are all numbers or all strings, sorted like np.unique', () => {
    expect(() => checkLabels([1, 'a'])).toThrow(/mixes numbers and strings/);
    expect(uniqueLabels([10, 2, 2, -1])).toEqual([-1, 2, 10]);
    expect(uniqueLabels(['b', 'B', 'a'])).toEqual(['B', 'a', 'b']);
    expect(checkLabels(new Int32Array([3, 1]))).toEqual([3, 1]);
  });
});

describe('estimator contract', () => {
  it('rejects unknown constructor params and keeps defaults', () => {
    expect(() => new DummyRegressor({ strat: 'mean' } as never)).toThrow(/unexpected parameter `strat`/);
    expect(new DummyRegressor({ strategy: 'median' }).getParams()).toEqual({ strategy: 'median', quantile: null, constant: null });
  });

  it('validates params in fit, not in the constructor or setParams', () => {
    const est = new DummyRegressor({ quantile: 2 });
    est.setParams({ strategy: 'quantile' });
    expect(() => est.fit([[0], [1]], [0, 1])).toThrow('The `quantile` parameter of DummyRegressor must be a number in [0, 1] or null. Got 2 instead.');
  });

  it('raises NotFittedError before fit', () => {
    expect(() => new DummyClassifier().predict([[1]])).toThrow(
      "This DummyClassifier instance is not fitted yet. Call 'fit' with appropriate arguments before using this estimator.",
    );
    expect(() => new DummyClassifier().predict([[1]])).toThrow(NotFittedError);
  });

  it('saves NaN and Infinity in fitted state', () => {
    const est = new DummyRegressor({ strategy: 'constant', constant: 1 }).fit([[0]], [1]);
    est.constant_ = Infinity;
    expect(loadEstimator<DummyRegressor>(JSON.stringify(est)).constant_).toBe(Infinity);
  });

  it('the registry loads user estimators once registered', () => {
    interface P { factor: number }
    class Times extends Regressor<P> {
      static override readonly spec: EstimatorSpec<P> = { name: 'Times', defaults: { factor: 2 }, constraints: { factor: [C.number()] }, tags: { estimatorType: 'regressor', requiresY: true } };
      declare w_: number;
      fit(X: MatrixLike, y: VectorLike): this { this.beginFit(); this.nFeaturesIn_ = checkXy(X, y).X.cols; this.w_ = this.params.factor; return this; }
      predict(X: MatrixLike): number[] { this.checkIsFitted(); return Array.from({ length: checkArray(X).rows }, () => this.w_); }
    }
    const saved = JSON.stringify(new Times({ factor: 3 }).fit([[1]], [1]));
    expect(() => loadEstimator(saved)).toThrow(/No estimator named 'Times' is registered/);
    registerEstimator(Times);
    expect(getEstimatorClass('Times')).toBe(Times);
    expect(loadEstimator<Times>(saved).predict([[0], [0]])).toEqual([3, 3]);
    expect(() => registerEstimator({ spec: { name: 'DummyRegressor' } })).toThrow(/already registered/);
  });
});
