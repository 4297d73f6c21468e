/**
 * Permutation importance (Breiman, "Random Forests", 2001, §10; scikit-learn's
 * `permutation_importance`): how much a fitted model's score drops when one feature's
 * values are shuffled across the rows, breaking its link to the target while keeping its
 * distribution. Model-agnostic, and measured on whatever data you pass (use held-out data).
 */
import type { BaseEstimator } from '../learn/base/base-estimator.js';
import { checkArray, type LabelsLike, type MatrixLike, type VectorLike } from '../learn/base/validation.js';
import { getScorer, type Scorer } from '../learn/model-selection/scoring.js';
import { checkLabels } from '../learn/base/validation.js';
import { Generator } from '../random/index.js';

export interface PermutationImportanceOptions {
  /** A scorer name ('r2', 'accuracy', …) or function; default the model's own `score`. */
  scoring?: string | Scorer | null;
  /** Shuffles per feature. Default 5. */
  nRepeats?: number;
  /** Seed for the shuffles. Default 0. */
  randomState?: number;
}

export interface PermutationImportanceResult {
  /** Mean drop in score per feature. */
  importancesMean: number[];
  /** Standard deviation of the drop over the repeats (population, as NumPy's `std`). */
  importancesStd: number[];
  /** (nFeatures, nRepeats): each repeat's drop. */
  importances: number[][];
  /** The score on the unshuffled data. */
  baselineScore: number;
}

/**
 * ```ts
 * const model = new Ridge().fit(Xtrain, ytrain);
 * const r = permutationImportance(model, Xtest, ytest, { nRepeats: 10, randomState: 0 });
 * r.importancesMean; // R² lost when each column is shuffled
 * ```
 */
export function permutationImportance(
  estimator: BaseEstimator, X: MatrixLike, y: LabelsLike | VectorLike, options: PermutationImportanceOptions = {},
): PermutationImportanceResult {
  const M = checkArray(X, { caller: 'permutationImportance' });
  const labels = checkLabels(y as LabelsLike, 'y');
  if (labels.length !== M.rows) throw new Error(`permutationImportance: X has ${M.rows} rows but y has ${labels.length} values.`);
  const nRepeats = options.nRepeats ?? 5;
  if (!Number.isInteger(nRepeats) || nRepeats < 1) throw new Error(`permutationImportance: nRepeats must be an integer >= 1; got ${nRepeats}.`);
  const scoring = options.scoring ?? null;
  const scorer: Scorer = scoring === null
    ? (est, Xs, ys) => (est as unknown as { score(X: unknown, y: unknown): number }).score(Xs, ys)
    : getScorer(scoring);
  const rows = Array.from({ length: M.rows }, (_, i) => Array.from(M.data.subarray(i * M.cols, (i + 1) * M.cols)));
  const baseline = scorer(estimator, rows, labels);
  const rng = new Generator(options.randomState ?? 0);
  const importances: number[][] = [];
  for (let j = 0; j < M.cols; j++) {
    const drops: number[] = [];
    const shuffled = rows.map((r) => [...r]);
    for (let r = 0; r < nRepeats; r++) {
      const perm = rng.permutation(M.rows);
      perm.forEach((src, i) => (shuffled[i][j] = rows[src][j]));
      drops.push(baseline - scorer(estimator, shuffled, labels));
    }
    importances.push(drops);
  }
  const mean = importances.map((d) => d.reduce((a, b) => a + b, 0) / d.length);
  const std = importances.map((d, j) => Math.sqrt(d.reduce((a, v) => a + (v - mean[j]) ** 2, 0) / d.length));
  return { importancesMean: mean, importancesStd: std, importances, baselineScore: baseline };
}
