/** The perceptron (Rosenblatt 1958), as scikit-learn's `Perceptron`: SGD on the perceptron criterion. */
import type { EstimatorSpec } from '../base/base-estimator.js';
import { BASE_CONSTRAINTS, BaseSGDClassifier, type SGDClassifierParams } from './sgd.js';

/** SGDClassifier's parameters without those Perceptron fixes (loss 'perceptron', a constant learning rate). */
export interface PerceptronParams extends Omit<SGDClassifierParams, 'loss' | 'learningRate' | 'powerT' | 'epsilon'> {
  /** null (default: the classic perceptron), 'l2', 'l1' or 'elasticnet'. */
  penalty: 'l2' | 'l1' | 'elasticnet' | null;
  /** Step size. Default 1 (the perceptron's scale does not matter without a penalty). */
  eta0: number;
  /** Seed for shuffling. Default 0, as scikit-learn's Perceptron. */
  randomState: number | null;
}

const { learningRate: _learningRate, powerT: _powerT, epsilon: _epsilon, ...PERCEPTRON_CONSTRAINTS } = BASE_CONSTRAINTS;

/**
 * On each misclassified sample (y·(w·x + b) ≤ 0) the perceptron moves the hyperplane
 * towards it: w ← w + η·y·x, b ← b + η·y. On linearly separable data it stops making
 * mistakes after finitely many updates (Novikoff's theorem); on other data it never
 * settles, and the loss-based stopping rule ends training.
 *
 * ```ts
 * const clf = new Perceptron().fit([[0, 0], [0, 1], [2, 2], [3, 2]], [0, 0, 1, 1]);
 * clf.score([[0, 0], [0, 1], [2, 2], [3, 2]], [0, 0, 1, 1]); // 1
 * ```
 */
export class Perceptron extends BaseSGDClassifier<PerceptronParams> {
  static override readonly spec: EstimatorSpec<PerceptronParams> = {
    name: 'Perceptron',
    defaults: {
      penalty: null, alpha: 1e-4, l1Ratio: 0.15, fitIntercept: true, maxIter: 1000, tol: 1e-3, shuffle: true, eta0: 1,
      randomState: 0, classWeight: null, warmStart: false, nIterNoChange: 5,
    },
    constraints: PERCEPTRON_CONSTRAINTS,
    tags: { estimatorType: 'classifier', requiresY: true },
  };

  protected settings(): SGDClassifierParams {
    return { ...this.params, loss: 'perceptron', learningRate: 'constant', powerT: 0.5, epsilon: 0.1 };
  }
}
