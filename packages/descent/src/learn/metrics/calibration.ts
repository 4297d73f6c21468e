/**
 * Calibration (reliability) curves: does "70% sure" come true 70% of the time?
 * (sklearn.calibration.calibration_curve.)
 */
import { checkConsistentLength, checkLabels, uniqueLabels, type Label, type LabelsLike } from '../base/validation.js';
import { linspace, percentile } from '../base/quantiles.js';
import { positiveIndex } from './labels.js';

export interface CalibrationCurveOptions {
  /** Number of bins over [0, 1]. Default 5. */
  nBins?: number;
  /** 'uniform' (equal-width bins, default) or 'quantile' (equally many predictions per bin). */
  strategy?: 'uniform' | 'quantile';
  /** The class whose probability `yProb` holds; default 1 for 0/1 or −1/1 labels. */
  posLabel?: Label;
}

/**
 * Bins the predicted probabilities of the positive class and returns, for every non-empty bin,
 * the observed fraction of positives (`probTrue`) and the mean predicted probability
 * (`probPred`). A calibrated model lies on the diagonal probTrue = probPred.
 *
 * A prediction p falls in bin i when edge[i] < p ≤ edge[i+1] (the first bin also takes 0),
 * scikit-learn's `searchsorted` rule; empty bins are dropped, so the arrays may be shorter
 * than `nBins`.
 *
 * ```ts
 * calibrationCurve([0, 0, 1, 1, 1], [0.1, 0.4, 0.35, 0.8, 0.9], { nBins: 2 });
 * // { probTrue: [1/3, 1], probPred: [0.2833…, 0.85] }
 * ```
 */
export function calibrationCurve(
  yTrue: LabelsLike,
  yProb: ArrayLike<number>,
  options: CalibrationCurveOptions = {},
): { probTrue: number[]; probPred: number[] } {
  const t = checkLabels(yTrue, 'yTrue');
  checkConsistentLength(t.length, yProb.length);
  const nBins = options.nBins ?? 5;
  if (!Number.isInteger(nBins) || nBins < 1) throw new RangeError(`calibrationCurve: nBins must be a positive integer, got ${nBins}`);
  const strategy = options.strategy ?? 'uniform';
  if (strategy !== 'uniform' && strategy !== 'quantile') {
    throw new RangeError(`calibrationCurve: strategy must be 'uniform' or 'quantile', got ${JSON.stringify(strategy)}`);
  }
  const p = Array.from(yProb);
  if (p.some((v) => !(v >= 0 && v <= 1))) throw new RangeError('calibrationCurve: yProb has values outside [0, 1]; pass probabilities (predictProba), not scores.');
  const classes = uniqueLabels(t);
  if (classes.length > 2) throw new Error(`calibrationCurve: only binary classification is supported. Provided labels [${classes.join(', ')}].`);
  positiveIndex(classes, options.posLabel, 'calibrationCurve');   // validates: 0/1 or −1/1 labels, or an explicit posLabel
  const pos = options.posLabel ?? 1;

  // scikit-learn's edges to the last bit: np.linspace(0, 1, nBins + 1) (i·(1/nBins), which can sit
  // one ulp off i/nBins and move a value that equals it), and np.percentile of those times 100.
  const quantiles = linspace(0, 1, nBins);
  let edges: number[];
  if (strategy === 'uniform') edges = quantiles;
  else {
    const sorted = [...p].sort((a, b) => a - b);
    edges = quantiles.map((q) => percentile(sorted, q * 100));
  }
  const inner = edges.slice(1, -1);
  const sums = new Array<number>(nBins + 1).fill(0);
  const trues = new Array<number>(nBins + 1).fill(0);
  const totals = new Array<number>(nBins + 1).fill(0);
  for (let i = 0; i < p.length; i++) {
    let bin = 0;                                   // searchsorted(inner, p, side='left')
    while (bin < inner.length && inner[bin] < p[i]) bin++;
    sums[bin] += p[i];
    trues[bin] += t[i] === pos ? 1 : 0;
    totals[bin] += 1;
  }
  const probTrue: number[] = [], probPred: number[] = [];
  for (let b = 0; b < totals.length; b++) {
    if (totals[b] === 0) continue;
    probTrue.push(trues[b] / totals[b]);
    probPred.push(sums[b] / totals[b]);
  }
  return { probTrue, probPred };
}
