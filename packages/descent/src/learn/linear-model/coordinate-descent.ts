/**
 * Cyclic coordinate descent for the elastic net, the solver behind `Lasso`, `ElasticNet`
 * and `enetPath` (scikit-learn's `cd_fast.enet_coordinate_descent`; Friedman, Hastie &
 * Tibshirani, "Regularization paths for generalized linear models via coordinate
 * descent", J. Stat. Softw. 2010).
 *
 * The problem, in the n-times-scaled form the solver works with:
 *
 *   min_w  ½‖y − Xw‖² + l1·‖w‖₁ + ½·l2·‖w‖²,   l1 = n·α·ρ,  l2 = n·α·(1 − ρ)
 *
 * which is n times scikit-learn's objective 1/(2n)‖y − Xw‖² + αρ‖w‖₁ + α(1 − ρ)/2‖w‖².
 * One coordinate at a time has a closed form: with the residual r = y − Xw computed
 * without feature j, the best w_j is the soft-thresholded correlation
 *
 *   w_j = S(x_jᵀr, l1) / (‖x_j‖² + l2),   S(z, t) = sign(z)·max(|z| − t, 0).
 *
 * Sweeps stop when the largest coefficient change is below tol·max|w| *and* the duality
 * gap (an upper bound on how far the objective is from its minimum) is below
 * tol·‖y‖², exactly scikit-learn's rule.
 */
import { Generator } from '../../random/index.js';

/** X stored column by column: column j is `data.subarray(j * rows, (j + 1) * rows)`. */
export interface ColumnMajor {
  readonly data: Float64Array;
  readonly rows: number;
  readonly cols: number;
}

/** Copies a row-major (n, d) array into column-major storage, which coordinate descent reads. */
export function toColumnMajor(rowMajor: ArrayLike<number>, rows: number, cols: number): ColumnMajor {
  const data = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) data[j * rows + i] = rowMajor[i * cols + j];
  return { data, rows, cols };
}

export interface CoordinateDescentOptions {
  /** The L1 weight in the n-scaled objective (n·α·ρ). */
  l1: number;
  /** The L2 weight in the n-scaled objective (n·α·(1 − ρ)). */
  l2: number;
  maxIter: number;
  tol: number;
  /** Constrain every coefficient to be ≥ 0. */
  positive: boolean;
  /** Visit features in order ('cyclic') or pick one uniformly at random each step. */
  selection: 'cyclic' | 'random';
  /** Generator for 'random' selection. */
  rng?: Generator;
}

export interface CoordinateDescentResult {
  /** The coefficients (the `w` passed in, updated in place). */
  w: Float64Array;
  /** The duality gap of the n-scaled objective at the last check. */
  gap: number;
  /** The gap threshold tol·‖y‖². */
  tolScaled: number;
  /** Sweeps run. */
  nIter: number;
  converged: boolean;
}

/**
 * Minimises ½‖y − Xw‖² + l1‖w‖₁ + ½l2‖w‖² from the starting point `w` (updated in place).
 * X is (n, d) column-major, y has n values; X and y are not modified.
 *
 * ```ts
 * const X = toColumnMajor([1, 0, 0, 1, 1, 1], 3, 2);   // rows [1,0], [0,1], [1,1]
 * const w = new Float64Array(2);
 * enetCoordinateDescent(X, Float64Array.from([1, 2, 3]), w, { l1: 0.3, l2: 0, maxIter: 1000, tol: 1e-10, positive: false, selection: 'cyclic' });
 * ```
 */
export function enetCoordinateDescent(X: ColumnMajor, y: Float64Array, w: Float64Array, o: CoordinateDescentOptions): CoordinateDescentResult {
  const { rows: n, cols: d, data } = X;
  const { l1, l2, positive } = o;
  const col = (j: number) => data.subarray(j * n, (j + 1) * n);
  const normCols = new Float64Array(d);
  for (let j = 0; j < d; j++) {
    const c = col(j);
    let s = 0;
    for (let i = 0; i < n; i++) s += c[i] * c[i];
    normCols[j] = s;
  }
  // R = y − Xw, kept up to date after every coordinate move.
  const R = Float64Array.from(y);
  for (let j = 0; j < d; j++) {
    if (w[j] === 0) continue;
    const c = col(j);
    for (let i = 0; i < n; i++) R[i] -= w[j] * c[i];
  }
  let yy = 0;
  for (let i = 0; i < n; i++) yy += y[i] * y[i];
  const tolScaled = o.tol * yy;
  const rng = o.selection === 'random' ? (o.rng ?? new Generator(0)) : null;

  const sweep = (): Sweep => {
    let wMax = 0;
    let dwMax = 0;
    for (let step = 0; step < d; step++) {
      const j = rng ? rng.integers(0, d) : step;
      if (normCols[j] === 0) continue;
      const c = col(j);
      const old = w[j];
      // Put feature j back into the residual, then correlate: tmp = x_jᵀ(r + x_j·w_j).
      if (old !== 0) for (let i = 0; i < n; i++) R[i] += old * c[i];
      let tmp = 0;
      for (let i = 0; i < n; i++) tmp += c[i] * R[i];
      const next = coordinateMove(tmp, normCols[j], l1, l2, positive);
      w[j] = next;
      if (next !== 0) for (let i = 0; i < n; i++) R[i] -= next * c[i];
      dwMax = Math.max(dwMax, Math.abs(next - old));
      wMax = Math.max(wMax, Math.abs(next));
    }
    return { wMax, dwMax };
  };
  return { w, tolScaled, ...sweepUntilConverged(o, tolScaled, sweep, () => dualityGap(X, y, R, w, l1, l2, positive)) };
}

/** Largest coefficient and largest coefficient change in one sweep. */
interface Sweep {
  wMax: number;
  dwMax: number;
}

/**
 * The outer loop both solvers share: sweep until the largest change is below tol·max|w| and
 * the duality gap is below tolScaled. The gap costs a full Xᵀr, so it is only computed when
 * the coefficients have (nearly) stopped moving, or on the last sweep.
 */
function sweepUntilConverged(
  o: CoordinateDescentOptions, tolScaled: number, sweep: () => Sweep, gapNow: () => number,
): { gap: number; nIter: number; converged: boolean } {
  let gap = tolScaled + 1;
  for (let iter = 0; iter < o.maxIter; iter++) {
    const { wMax, dwMax } = sweep();
    if (wMax === 0 || dwMax / wMax < o.tol || iter === o.maxIter - 1) {
      gap = gapNow();
      if (gap < tolScaled) return { gap, nIter: iter + 1, converged: true };
    }
  }
  return { gap, nIter: o.maxIter, converged: false };
}

/** The closed-form move of one coordinate: S(x_jᵀr, l1) / (‖x_j‖² + l2), or 0 under `positive` when x_jᵀr < 0. */
function coordinateMove(corr: number, normCol: number, l1: number, l2: number, positive: boolean): number {
  if (positive && corr < 0) return 0;
  return (Math.sign(corr) * Math.max(Math.abs(corr) - l1, 0)) / (normCol + l2);
}

/**
 * The duality gap from its parts: ‖r‖², rᵀy, ‖XᵀR − l2·w‖∞ (only the positive part under
 * `positive`), ‖w‖₁ and ‖w‖². The dual point is R·min(1, l1 / that norm).
 */
function gapFromParts(rNorm2: number, ry: number, dualNorm: number, l1Norm: number, wNorm2: number, l1: number, l2: number): number {
  const scale = dualNorm > l1 ? l1 / dualNorm : 1;
  const gap = dualNorm > l1 ? 0.5 * (rNorm2 + rNorm2 * scale * scale) : rNorm2;
  return gap + l1 * l1Norm - scale * ry + 0.5 * l2 * (1 + scale * scale) * wNorm2;
}

/**
 * The duality gap of ½‖y − Xw‖² + l1‖w‖₁ + ½l2‖w‖² at w, with R = y − Xw. The dual point
 * is the residual scaled into the dual feasible set, R·min(1, l1 / ‖XᵀR − l2·w‖∞).
 */
export function dualityGap(X: ColumnMajor, y: Float64Array, R: Float64Array, w: Float64Array, l1: number, l2: number, positive: boolean): number {
  const { rows: n, cols: d, data } = X;
  let dualNorm = 0;
  for (let j = 0; j < d; j++) {
    let s = 0;
    const off = j * n;
    for (let i = 0; i < n; i++) s += data[off + i] * R[i];
    const xtA = s - l2 * w[j];
    dualNorm = Math.max(dualNorm, positive ? xtA : Math.abs(xtA));
  }
  let rNorm2 = 0;
  let ry = 0;
  for (let i = 0; i < n; i++) {
    rNorm2 += R[i] * R[i];
    ry += R[i] * y[i];
  }
  let wNorm2 = 0;
  let l1Norm = 0;
  for (let j = 0; j < d; j++) {
    wNorm2 += w[j] * w[j];
    l1Norm += Math.abs(w[j]);
  }
  return gapFromParts(rNorm2, ry, dualNorm, l1Norm, wNorm2, l1, l2);
}

/**
 * The same coordinate descent on the Gram matrix Q = XᵀX (d, d) and q = Xᵀy (d): with
 * H = Q·w kept up to date, x_jᵀr = q_j − H_j, so a sweep costs O(d²) instead of O(n·d).
 * This pays when n > d and the same X is solved for many α (scikit-learn's
 * `enet_coordinate_descent_gram`, which its path functions use when n > d). The iterates,
 * stopping rule and gap are those of `enetCoordinateDescent` up to rounding.
 */
export function enetCoordinateDescentGram(Q: Float64Array, q: Float64Array, yNorm2: number, w: Float64Array, o: CoordinateDescentOptions): CoordinateDescentResult {
  const d = q.length;
  const { l1, l2, positive } = o;
  const H = new Float64Array(d);
  for (let j = 0; j < d; j++) {
    if (w[j] === 0) continue;
    for (let k = 0; k < d; k++) H[k] += w[j] * Q[j * d + k];
  }
  const tolScaled = o.tol * yNorm2;
  const rng = o.selection === 'random' ? (o.rng ?? new Generator(0)) : null;
  const sweep = (): Sweep => {
    let wMax = 0;
    let dwMax = 0;
    for (let step = 0; step < d; step++) {
      const j = rng ? rng.integers(0, d) : step;
      const qjj = Q[j * d + j];
      if (qjj === 0) continue;
      const old = w[j];
      if (old !== 0) for (let k = 0; k < d; k++) H[k] -= old * Q[j * d + k];
      const next = coordinateMove(q[j] - H[j], qjj, l1, l2, positive);
      w[j] = next;
      if (next !== 0) for (let k = 0; k < d; k++) H[k] += next * Q[j * d + k];
      dwMax = Math.max(dwMax, Math.abs(next - old));
      wMax = Math.max(wMax, Math.abs(next));
    }
    return { wMax, dwMax };
  };
  // The gap of dualityGap, written with ‖r‖² = ‖y‖² + wᵀH − 2wᵀq and rᵀy = ‖y‖² − wᵀq.
  const gapNow = (): number => {
    let dualNorm = 0;
    let wH = 0;
    let wq = 0;
    let wNorm2 = 0;
    let l1Norm = 0;
    for (let j = 0; j < d; j++) {
      const xtA = q[j] - H[j] - l2 * w[j];
      dualNorm = Math.max(dualNorm, positive ? xtA : Math.abs(xtA));
      wH += w[j] * H[j];
      wq += w[j] * q[j];
      wNorm2 += w[j] * w[j];
      l1Norm += Math.abs(w[j]);
    }
    return gapFromParts(yNorm2 + wH - 2 * wq, yNorm2 - wq, dualNorm, l1Norm, wNorm2, l1, l2);
  };
  return { w, tolScaled, ...sweepUntilConverged(o, tolScaled, sweep, gapNow) };
}
