/**
 * The errors `descent/learn` raises, named as scikit-learn names them so a learner
 * coming from Python recognises them.
 */

/**
 * Raised when an estimator is used (`predict`, `transform`, `score`, ...) before `fit`.
 * scikit-learn's `NotFittedError` subclasses both `ValueError` and `AttributeError`;
 * here it is an `Error` with a stable `name` to test for.
 *
 * ```ts
 * try { new StandardScaler().transform([[1]]); } catch (e) { e instanceof NotFittedError; } // true
 * ```
 */
export class NotFittedError extends Error {
  override readonly name = 'NotFittedError';
  constructor(estimatorName: string) {
    super(
      `This ${estimatorName} instance is not fitted yet. Call 'fit' with appropriate arguments ` +
        'before using this estimator.',
    );
  }
}

/**
 * Raised by `fit` when a parameter breaks its declared constraints, with one message
 * shape for every estimator: "The `alpha` parameter of Ridge must be a number >= 0.
 * Got -1 instead."
 */
export class InvalidParameterError extends Error {
  override readonly name = 'InvalidParameterError';
}
