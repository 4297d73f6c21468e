/**
 * `DummyClassifier`: predicts without looking at the features, as a baseline every real
 * model must beat (sklearn.dummy.DummyClassifier).
 */
import type { EstimatorSpec } from '../base/base-estimator.js';
import { C } from '../base/constraints.js';
import { Classifier } from '../base/mixins.js';
import { checkArray, checkXLabels, uniqueLabels, type Label, type LabelsLike, type MatrixLike } from '../base/validation.js';
import { Generator } from '../../random/index.js';

export interface DummyClassifierParams {
  /**
   * - 'prior' (default): predict the most frequent class; `predictProba` gives the class frequencies.
   * - 'most_frequent': same predictions; `predictProba` puts 1 on that class.
   * - 'stratified': draw each label from the class frequencies.
   * - 'uniform': draw each label uniformly among the classes.
   * - 'constant': always predict `constant`.
   */
  strategy: 'prior' | 'most_frequent' | 'stratified' | 'uniform' | 'constant';
  /** Seed for 'stratified' and 'uniform'; null draws a fresh seed each call. */
  randomState: number | null;
  /** The label to predict with strategy 'constant'. */
  constant: Label | null;
}

/**
 * ```ts
 * const clf = new DummyClassifier().fit([[0], [1], [2]], ['a', 'b', 'b']);
 * clf.predict([[5]]);      // ['b']
 * clf.predictProba([[5]]); // [[1/3, 2/3]]
 * ```
 */
export class DummyClassifier extends Classifier<DummyClassifierParams> {
  static override readonly spec: EstimatorSpec<DummyClassifierParams> = {
    name: 'DummyClassifier',
    defaults: { strategy: 'prior', randomState: null, constant: null },
    constraints: {
      strategy: [C.options('prior', 'most_frequent', 'stratified', 'uniform', 'constant')],
      randomState: [C.integer(), C.null],
      constant: [C.number(), C.string, C.null],
    },
    tags: { estimatorType: 'classifier', requiresY: true },
  };

  /** Frequency of each class in the training labels, in the order of `classes_`. */
  declare classPrior_: number[];
  declare nClasses_: number;

  fit(X: MatrixLike, y: LabelsLike): this {
    this.beginFit();
    // scikit-learn's DummyClassifier takes any labels, continuous ones too.
    const { X: M, y: labels } = checkXLabels(X, y, { caller: this.estimatorName, allowContinuous: true });
    const classes = uniqueLabels(labels);
    const { strategy, constant } = this.params;
    if (strategy === 'constant') {
      if (constant === null) throw new Error("DummyClassifier: strategy 'constant' needs the `constant` parameter.");
      if (!classes.includes(constant)) {
        throw new Error(`DummyClassifier: the constant target value ${JSON.stringify(constant)} is not one of the training labels [${classes.join(', ')}].`);
      }
    }
    const counts = classes.map((c) => labels.filter((l) => l === c).length);
    this.classes_ = classes;
    this.nClasses_ = classes.length;
    this.classPrior_ = counts.map((c) => c / labels.length);
    this.nFeaturesIn_ = M.cols;
    return this;
  }

  private rng(): Generator {
    return new Generator(this.params.randomState ?? Math.floor(Math.random() * 2 ** 32));
  }

  /** Class probabilities, one row per sample, columns in the order of `classes_`. */
  predictProba(X: MatrixLike): number[][] {
    this.checkIsFitted();
    const n = checkArray(X, { caller: this.estimatorName }).rows;
    const k = this.nClasses_;
    const prior = this.classPrior_;
    const argmax = prior.indexOf(Math.max(...prior));
    const oneHot = (j: number) => Array.from({ length: k }, (_, c) => (c === j ? 1 : 0));
    const rng = this.rng();
    return Array.from({ length: n }, () => {
      switch (this.params.strategy) {
        case 'prior': return [...prior];
        case 'most_frequent': return oneHot(argmax);
        case 'uniform': return new Array(k).fill(1 / k);
        case 'constant': return oneHot(this.classes_.indexOf(this.params.constant!));
        case 'stratified': {
          // Inverse-CDF draw from the class prior.
          const u = rng.random();
          let acc = 0;
          let j = 0;
          while (j < k - 1 && u >= (acc += prior[j])) j++;
          return oneHot(j);
        }
      }
    });
  }

  predict(X: MatrixLike): Label[] {
    const M = this.checkPredictInput(X);
    if (this.params.strategy === 'uniform') {
      const rng = this.rng();
      return Array.from({ length: M.rows }, () => this.classes_[rng.integers(0, this.nClasses_)]);
    }
    return this.predictProba(X).map((row) => this.classes_[row.indexOf(Math.max(...row))]);
  }
}
