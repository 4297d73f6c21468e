/**
 * The three kinds of estimator in this part of the library, as abstract classes over
 * `BaseEstimator` (scikit-learn's `ClassifierMixin`, `RegressorMixin`,
 * `TransformerMixin`). Each fixes the method signatures and the default `score`.
 */
import { accuracyScore } from '../metrics/accuracy.js';
import { r2Score } from '../metrics/regression.js';
import { BaseEstimator } from './base-estimator.js';
import type { Label, LabelsLike, MatrixLike, VectorLike } from './validation.js';

/** Predicts a class label per sample. `score` is accuracy. */
export abstract class Classifier<P extends object = object> extends BaseEstimator<P> {
  /** The classes seen in `fit`, sorted. */
  declare classes_: Label[];
  abstract fit(X: MatrixLike, y: LabelsLike): this;
  /** One label per row of X. */
  abstract predict(X: MatrixLike): Label[];

  /** Mean accuracy of `predict(X)` against y. */
  score(X: MatrixLike, y: LabelsLike): number {
    return accuracyScore(y, this.predict(X));
  }
}

/** Predicts a number per sample. `score` is the coefficient of determination R². */
export abstract class Regressor<P extends object = object> extends BaseEstimator<P> {
  abstract fit(X: MatrixLike, y: VectorLike): this;
  /** One prediction per row of X. */
  abstract predict(X: MatrixLike): number[];

  /** R² of `predict(X)` against y (1 is perfect, 0 is as good as predicting the mean). */
  score(X: MatrixLike, y: VectorLike): number {
    return r2Score(y, this.predict(X));
  }
}

/** Maps X to a new matrix. */
export abstract class Transformer<P extends object = object> extends BaseEstimator<P> {
  abstract fit(X: MatrixLike, y?: LabelsLike | VectorLike): this;
  /** The transformed rows, as a fresh `number[][]`. */
  abstract transform(X: MatrixLike): number[][];

  /** `fit(X, y).transform(X)`. */
  fitTransform(X: MatrixLike, y?: LabelsLike | VectorLike): number[][] {
    return this.fit(X, y).transform(X);
  }
}
