/**
 * What every naive Bayes classifier shares (sklearn.naive_bayes._BaseNB). Each model
 * supplies the joint log-likelihood log P(x, c) = log P(c) + Σⱼ log P(xⱼ | c) for every
 * class c; predictions, probabilities and log-probabilities all follow from it:
 *
 *   log P(c | x) = log P(x, c) − logsumexp_c' log P(x, c')
 */
import type { Matrix } from '../base/validation.js';
import { Classifier } from '../base/mixins.js';
import { checkLabels, checkXLabels, uniqueLabels, type Label, type LabelsLike, type MatrixLike } from '../base/validation.js';
import { validateParams } from '../base/constraints.js';
import { checkSampleWeight } from '../base/validation.js';

/** log Σ exp(v), shifted by the maximum so large magnitudes do not overflow. */
export function logSumExp(v: readonly number[]): number {
  const m = Math.max(...v);
  if (!Number.isFinite(m)) return m;
  let s = 0;
  for (const x of v) s += Math.exp(x - m);
  return m + Math.log(s);
}

/** Reads sample weights: one finite, non-negative number per sample (all ones when absent). */
export function readSampleWeight(w: ArrayLike<number> | undefined, n: number, caller: string): Float64Array {
  return checkSampleWeight(w, n, caller) ?? new Float64Array(n).fill(1);
}

/**
 * The classes for a first `partialFit` (sklearn's `_check_partial_fit_first_call`): they
 * must be given then, since a batch may not contain every class; later calls may omit
 * them but must not change them.
 */
export function partialFitClasses(caller: string, fitted: Label[] | undefined, classes: LabelsLike | undefined, y: readonly Label[]): Label[] {
  let result = fitted;
  if (classes !== undefined) {
    const given = uniqueLabels(checkLabels(classes, 'classes'));
    if (fitted && JSON.stringify(given) !== JSON.stringify(fitted)) {
      throw new Error(`${caller}.partialFit: \`classes\`=[${given.join(', ')}] is not the same as on the first call: [${fitted.join(', ')}].`);
    }
    result = given;
  }
  if (!result) throw new Error(`${caller}.partialFit: pass \`classes\` (every class that can appear) on the first call.`);
  const unknown = [...new Set(y)].filter((v) => !result!.includes(v));
  if (unknown.length) throw new Error(`${caller}.partialFit: the label(s) [${unknown.join(', ')}] in y are not among the classes [${result.join(', ')}] given on the first call.`);
  return result;
}

/** A naive Bayes classifier: subclasses give the joint log-likelihood. */
export abstract class BaseNB<P extends object> extends Classifier<P> {
  /** log P(x, c) for each row of X and class c: (n, nClasses). X is already checked. */
  protected abstract jointLogLikelihood(X: Matrix): number[][];

  /**
   * The part of `partialFit` every naive Bayes shares: start a fit on the first call (later
   * calls re-check the params), check the batch, settle the classes, and refuse a batch whose
   * feature count differs from the earlier ones.
   */
  protected beginPartialFit(X: MatrixLike, y: LabelsLike, classes: LabelsLike | undefined): { M: Matrix; labels: Label[]; classes: Label[]; first: boolean } {
    const first = !this.isFitted();
    if (first) this.beginFit();
    else validateParams(this.estimatorName, this.params, this.spec.constraints);
    const { X: M, y: labels } = checkXLabels(X, y, { caller: this.estimatorName });
    const cls = partialFitClasses(this.estimatorName, first ? undefined : this.classes_, classes, labels);
    if (!first && M.cols !== this.nFeaturesIn_) {
      throw new Error(`${this.estimatorName}.partialFit: X has ${M.cols} features, but the earlier batches had ${this.nFeaturesIn_}.`);
    }
    return { M, labels, classes: cls, first };
  }

  /** Checks X for prediction; discrete models also refuse negative counts. */
  protected checkX(X: MatrixLike): Matrix {
    return this.checkPredictInput(X);
  }

  /** The most probable class for each row. */
  predict(X: MatrixLike): Label[] {
    return this.jointLogLikelihood(this.checkX(X)).map((row) => this.classes_[row.indexOf(Math.max(...row))]);
  }

  /** log P(c | x): (n, nClasses), columns in the order of `classes_`. */
  predictLogProba(X: MatrixLike): number[][] {
    return this.jointLogLikelihood(this.checkX(X)).map((row) => {
      const norm = logSumExp(row);
      return row.map((v) => v - norm);
    });
  }

  /** P(c | x): (n, nClasses), rows sum to 1. */
  predictProba(X: MatrixLike): number[][] {
    return this.predictLogProba(X).map((row) => row.map(Math.exp));
  }
}
