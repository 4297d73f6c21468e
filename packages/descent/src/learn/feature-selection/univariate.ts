/**
 * Univariate scores for feature selection (sklearn.feature_selection): each feature is
 * scored against the target on its own, giving a statistic and its p-value per column.
 * `SelectKBest` and `SelectPercentile` keep the best-scoring columns.
 */
import { betainc, gammaincc } from '../../stats/special/index.js';
import { checkArray, checkConsistentLength, checkXLabels, namedError, checkXy, type Label, type LabelsLike, type Matrix, type MatrixLike, type VectorLike } from '../base/validation.js';

/** A statistic and its p-value per feature. */
export type ScoresPvalues = [scores: number[], pvalues: number[]];

/** Upper tail of F(dfn, dfd) at f: scipy.special.fdtrc. */
function fSf(dfn: number, dfd: number, f: number): number {
  if (Number.isNaN(f)) return NaN;
  if (f === Infinity) return 0;
  return betainc(dfd / 2, dfn / 2, dfd / (dfd + dfn * f));
}

/** Upper tail of χ²(df) at x: scipy.special.chdtrc. */
function chi2Sf(df: number, x: number): number {
  return Number.isNaN(x) ? NaN : gammaincc(df / 2, x / 2);
}

/** Row indices per class, classes in sorted order. */
function groupsOf(y: readonly Label[]): number[][] {
  const byClass = new Map<Label, number[]>();
  y.forEach((c, i) => {
    if (!byClass.has(c)) byClass.set(c, []);
    byClass.get(c)!.push(i);
  });
  return [...byClass.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).map((c) => byClass.get(c)!);
}

/**
 * One-way ANOVA F-statistic of each feature across the classes of y, and its p-value
 * (sklearn's `f_classif`, i.e. `scipy.stats.f_oneway` per column):
 * F = [SS_between / (k − 1)] / [SS_within / (n − k)], p = P(F(k − 1, n − k) > F).
 * A column constant within every class has SS_within = 0 and gets NaN (as in scikit-learn).
 *
 * ```ts
 * fClassif([[1, 5], [2, 5], [8, 4], [9, 6]], [0, 0, 1, 1]); // [[98, 0], [0.01, 1]] (about)
 * ```
 */
export function fClassif(X: MatrixLike, y: LabelsLike): ScoresPvalues {
  const { X: M, y: labels } = checkXLabels(X, y, { caller: 'fClassif' });
  const groups = groupsOf(labels);
  const k = groups.length;
  const n = M.rows;
  const d = M.cols;
  const scores: number[] = [];
  const pvalues: number[] = [];
  // The textbook sums-of-squares form scipy uses: SS_tot = Σx² − (Σx)²/n, SS_b = Σ_k (Σ_k x)²/n_k − (Σx)²/n.
  for (let j = 0; j < d; j++) {
    let ssAll = 0;
    let sumAll = 0;
    let ssbn = 0;
    for (const g of groups) {
      let s = 0;
      for (const i of g) {
        const v = M.data[i * d + j];
        s += v;
        ssAll += v * v;
      }
      sumAll += s;
      ssbn += (s * s) / g.length;
    }
    const sqAll = (sumAll * sumAll) / n;
    ssbn -= sqAll;
    const sswn = ssAll - sqAll - ssbn;
    const f = ssbn / (k - 1) / (sswn / (n - k));
    scores.push(f);
    pvalues.push(fSf(k - 1, n - k, f));
  }
  return [scores, pvalues];
}

/**
 * Pearson's r between each feature and y (sklearn's `r_regression`). With `center` false the
 * means are not subtracted (a regression through the origin). A constant column, whose r is
 * undefined, gets 0 (scikit-learn's `force_finite`).
 *
 * ```ts
 * rRegression([[1, 3], [2, 1], [3, 2]], [1, 2, 3]); // [1, -0.5]
 * ```
 */
export function rRegression(X: MatrixLike, y: VectorLike, options: { center?: boolean } = {}): number[] {
  const { X: M, y: t } = checkXy(X, y, { caller: 'rRegression' });
  return correlations(M, t, options.center ?? true);
}

function correlations(M: Matrix, t: Float64Array, center: boolean): number[] {
  const n = M.rows;
  const d = M.cols;
  let yMean = 0;
  if (center) {
    for (const v of t) yMean += v;
    yMean /= n;
  }
  let yNorm = 0;
  for (const v of t) yNorm += (v - yMean) ** 2;
  yNorm = Math.sqrt(yNorm);
  const r: number[] = [];
  for (let j = 0; j < d; j++) {
    let dot = 0;
    let ss = 0;
    let mean = 0;
    for (let i = 0; i < n; i++) {
      const v = M.data[i * d + j];
      dot += v * (t[i] - yMean);
      ss += v * v;
      mean += v;
    }
    mean /= n;
    // ‖x − x̄‖ as √(Σx² − n·x̄²), scikit-learn's form; x itself is never centred (X·(y − ȳ) needs no centred x).
    const norm = Math.sqrt(center ? ss - n * mean * mean : ss);
    const c = dot / norm / yNorm;
    r.push(Number.isFinite(c) ? c : 0);
  }
  return r;
}

/**
 * The F-statistic of a one-feature linear regression of y on each column, and its p-value
 * (sklearn's `f_regression`): F = r² / (1 − r²) · (n − 2), p = P(F(1, n − 2) > F), with
 * n − 1 degrees of freedom when `center` is false. A perfectly correlated column gets the
 * largest finite double and p = 0; a constant one F = 0 and p = 1.
 *
 * ```ts
 * fRegression([[1, 3], [2, 1], [3, 2], [4, 5]], [1, 2, 3, 4.1]); // F of x₁ is huge, of x₂ small
 * ```
 */
export function fRegression(X: MatrixLike, y: VectorLike, options: { center?: boolean } = {}): ScoresPvalues {
  const center = options.center ?? true;
  const { X: M, y: t } = checkXy(X, y, { caller: 'fRegression' });
  const r = correlations(M, t, center);
  const dof = t.length - (center ? 2 : 1);
  const scores: number[] = [];
  const pvalues: number[] = [];
  for (const c of r) {
    const r2 = c * c;
    let f = (r2 / (1 - r2)) * dof;
    let p = fSf(1, dof, f);
    if (!Number.isFinite(f)) {
      // np.isclose(r², 1) with its default tolerances.
      if (Math.abs(r2 - 1) <= 1e-8 + 1e-5) [f, p] = [Number.MAX_VALUE, 0];
      else if (Number.isNaN(f)) [f, p] = [0, 1];
    }
    scores.push(f);
    pvalues.push(p);
  }
  return [scores, pvalues];
}

/**
 * Pearson's χ² statistic between each non-negative feature (counts, frequencies, one-hot
 * columns) and the classes, and its p-value with k − 1 degrees of freedom (sklearn's
 * `chi2`): the observed per-class column sums against those expected if the feature
 * ignored the class, Σ_c (O_c − E_c)² / E_c with E_c = P(class c) · Σ x.
 *
 * ```ts
 * chi2([[1, 0], [2, 0], [0, 3], [0, 4]], ['a', 'a', 'b', 'b']); // [[3, 7], [0.083, 0.008]] (about)
 * ```
 */
export function chi2(X: MatrixLike, y: LabelsLike): ScoresPvalues {
  const { X: M, y: labels } = checkXLabels(X, y, { caller: 'chi2' });
  for (const v of M.data) if (v < 0) throw new Error('chi2: Input X must be non-negative (counts or frequencies). Shift or one-hot encode negative features first.');
  const groups = groupsOf(labels);
  const k = groups.length;
  const n = M.rows;
  const d = M.cols;
  const total = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) total[j] += M.data[i * d + j];
  const chisq = new Float64Array(d);
  for (const g of groups) {
    const observed = new Float64Array(d);
    for (const i of g) for (let j = 0; j < d; j++) observed[j] += M.data[i * d + j];
    const prob = g.length / n;
    for (let j = 0; j < d; j++) {
      const expected = prob * total[j];
      chisq[j] += (observed[j] - expected) ** 2 / expected;
    }
  }
  // scikit-learn binarizes a two-class y into two columns, so k is at least 2 here too.
  const df = Math.max(k, 2) - 1;
  return [Array.from(chisq), Array.from(chisq, (c) => chi2Sf(df, c))];
}

/** The matrix as our checks see it (shared by the selectors). */
export function readMatrix(X: MatrixLike, caller: string, allowNaN = false): Matrix {
  return checkArray(X, { caller, allowNaN });
}

/** X, and y present with one value per row (for the selectors that pass y on to a model). */
export function readMatrixWithY(X: MatrixLike, y: LabelsLike | VectorLike | undefined, caller: string): Matrix {
  const M = readMatrix(X, caller);
  const n = y === undefined || y === null ? -1 : y instanceof Object && 'shape' in y ? (y as unknown as { shape: readonly number[] }).shape[0] : (y as ArrayLike<unknown>).length;
  if (n < 0) throw new Error(`${caller}: y is missing. ${caller} learns from targets: call fit(X, y) with one target per sample.`);
  try {
    checkConsistentLength(M.rows, n);
  } catch (e) {
    throw namedError(e, caller);
  }
  return M;
}
