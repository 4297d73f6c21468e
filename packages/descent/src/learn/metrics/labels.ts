/** Label bookkeeping shared by the classification metrics. */
import { checkConsistentLength, checkLabels, uniqueLabels, type Label, type LabelsLike } from '../base/validation.js';

/** True and predicted labels as indices into `classes` (sorted union, or the given `labels`). */
export interface Encoded {
  classes: Label[];
  t: Int32Array;
  p: Int32Array;
}

export function encodePair(yTrue: LabelsLike, yPred: LabelsLike, labels?: readonly Label[]): Encoded {
  const t = checkLabels(yTrue, 'yTrue');
  const p = checkLabels(yPred, 'yPred');
  checkConsistentLength(t.length, p.length);
  if (t.length > 0 && p.length > 0 && typeof t[0] !== typeof p[0]) {
    throw new TypeError('yTrue and yPred mix numbers and strings; labels must be of one type.');
  }
  const classes = labels ? [...labels] : uniqueLabels([...t, ...p]);
  const index = new Map(classes.map((c, i) => [c, i]));
  // Labels outside `labels` get -1 and are ignored where scikit-learn ignores them.
  return {
    classes,
    t: Int32Array.from(t, (v) => index.get(v) ?? -1),
    p: Int32Array.from(p, (v) => index.get(v) ?? -1),
  };
}

/** Sample weights as a Float64Array of ones when not given. */
export function weightsOf(n: number, sampleWeight?: ArrayLike<number>): Float64Array {
  if (sampleWeight === undefined) return new Float64Array(n).fill(1);
  checkConsistentLength(n, sampleWeight.length);
  return Float64Array.from(sampleWeight);
}

/** Index of `posLabel` among binary classes, with scikit-learn's default of 1. */
export function positiveIndex(classes: readonly Label[], posLabel: Label | undefined, fn: string): number {
  if (posLabel === undefined) {
    const ok = classes.every((c) => c === 0 || c === 1 || c === -1);
    if (!ok) {
      throw new Error(`${fn}: yTrue takes values in {${classes.join(', ')}} and posLabel is not specified: either make yTrue take values in {0, 1} or {-1, 1}, or pass posLabel explicitly.`);
    }
    posLabel = 1;
  }
  return classes.indexOf(posLabel);
}
