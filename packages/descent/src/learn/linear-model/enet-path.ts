/**
 * Regularisation paths: the elastic-net (or lasso) coefficients over a decreasing grid of
 * α, each solve warm-started from the previous one (sklearn.linear_model.enet_path and
 * lasso_path). Like scikit-learn's functions, these fit no intercept: centre X and y
 * first if you want one.
 */
import { checkXy, type MatrixLike, type VectorLike } from '../base/validation.js';
import { enetCoordinateDescent, enetCoordinateDescentGram, toColumnMajor } from './coordinate-descent.js';

export interface EnetPathOptions {
  /** Mix of L1 and L2 (1 is the lasso). Default 0.5. */
  l1Ratio?: number;
  /** α_min / α_max of the automatic grid. Default 1e-3. */
  eps?: number;
  /** Number of α in the automatic grid. Default 100. */
  nAlphas?: number;
  /** Your own α values (sorted into decreasing order); overrides eps and nAlphas. */
  alphas?: readonly number[];
  maxIter?: number;
  tol?: number;
  positive?: boolean;
  /** Starting coefficients for the first α (default zeros). */
  coefInit?: readonly number[];
}

export interface EnetPath {
  /** The α values, decreasing. */
  alphas: number[];
  /** (nFeatures, nAlphas): column k holds the coefficients at alphas[k], as in scikit-learn. */
  coefs: number[][];
  /** Duality gap at the end of each solve, in the 1/(2n)-scaled objective. */
  dualGaps: number[];
  /** Coordinate-descent sweeps per α. */
  nIters: number[];
}

/**
 * The automatic α grid: α_max = max_j |x_jᵀy| / (n·ρ) is the smallest α at which every
 * coefficient is zero; the grid runs log-evenly from α_max down to eps·α_max.
 *
 * ```ts
 * alphaGrid([[1, 0], [0, 1]], [2, 1], { nAlphas: 3 }); // [1, 0.0316…, 0.001] (X and y used as given, not centred)
 * ```
 */
export function alphaGrid(X: MatrixLike, y: VectorLike, options: { l1Ratio?: number; eps?: number; nAlphas?: number } = {}): number[] {
  const { X: M, y: t } = checkXy(X, y, { caller: 'alphaGrid' });
  return gridFrom(M.data, t, M.rows, M.cols, options.l1Ratio ?? 1, options.eps ?? 1e-3, options.nAlphas ?? 100);
}

function gridFrom(X: Float64Array, y: Float64Array, n: number, d: number, l1Ratio: number, eps: number, nAlphas: number): number[] {
  if (l1Ratio === 0) {
    throw new Error('The automatic α grid needs l1Ratio > 0 (α_max is infinite for pure ridge). Pass your own `alphas`.');
  }
  let maxXy = 0;
  for (let j = 0; j < d; j++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += X[i * d + j] * y[i];
    maxXy = Math.max(maxXy, Math.abs(s));
  }
  const alphaMax = maxXy / (n * l1Ratio);
  // All-zero correlations: scikit-learn returns a constant grid at float64's resolution.
  if (alphaMax <= 1e-15) return new Array<number>(nAlphas).fill(1e-15);
  const hi = Math.log10(alphaMax);
  const lo = Math.log10(alphaMax * eps);
  if (nAlphas === 1) return [10 ** lo];
  const step = (hi - lo) / (nAlphas - 1);
  // numpy.logspace: 10 ** linspace(lo, hi), then reversed so α decreases.
  return Array.from({ length: nAlphas }, (_, k) => 10 ** (k === nAlphas - 1 ? hi : lo + k * step)).reverse();
}

/**
 * The elastic-net path: for each α in a decreasing grid, the coefficients minimising
 * 1/(2n)‖y − Xw‖² + αρ‖w‖₁ + α(1 − ρ)/2‖w‖², warm-started along the grid.
 *
 * ```ts
 * import { loadDiabetes } from 'descent/datasets';
 * const { data, target } = loadDiabetes({ scaled: true });
 * const path = enetPath(data, target, { l1Ratio: 0.8, nAlphas: 20 });
 * path.coefs[2];  // how the third coefficient grows as α shrinks
 * ```
 */
export function enetPath(X: MatrixLike, y: VectorLike, options: EnetPathOptions = {}): EnetPath {
  const { X: M, y: t } = checkXy(X, y, { caller: 'enetPath' });
  const l1Ratio = options.l1Ratio ?? 0.5;
  if (!(l1Ratio >= 0 && l1Ratio <= 1)) throw new Error(`enetPath: l1Ratio must be in [0, 1]; got ${l1Ratio}.`);
  const n = M.rows;
  const d = M.cols;
  const alphas = options.alphas
    ? [...options.alphas].sort((a, b) => b - a)
    : gridFrom(M.data, t, n, d, l1Ratio, options.eps ?? 1e-3, options.nAlphas ?? 100);
  if (alphas.some((a) => !(a >= 0))) throw new Error('enetPath: every alpha must be a number >= 0.');
  // More samples than features: sweep on the Gram matrix XᵀX (O(d²) a sweep), as
  // scikit-learn's path functions do; otherwise on the columns of X.
  const gram = n > d ? gramOf(M.data, t, n, d) : null;
  const Xc = gram ? null : toColumnMajor(M.data, n, d);
  const w = new Float64Array(d);
  if (options.coefInit) {
    if (options.coefInit.length !== d) throw new Error(`enetPath: coefInit has ${options.coefInit.length} values for ${d} features.`);
    w.set(options.coefInit);
  }
  const coefs = Array.from({ length: d }, () => new Array<number>(alphas.length));
  const dualGaps: number[] = [];
  const nIters: number[] = [];
  alphas.forEach((alpha, k) => {
    const cd = {
      l1: alpha * l1Ratio * n,
      l2: alpha * (1 - l1Ratio) * n,
      maxIter: options.maxIter ?? 1000,
      tol: options.tol ?? 1e-4,
      positive: options.positive ?? false,
      selection: 'cyclic' as const,
    };
    const res = gram ? enetCoordinateDescentGram(gram.Q, gram.q, gram.yNorm2, w, cd) : enetCoordinateDescent(Xc!, t, w, cd);
    for (let j = 0; j < d; j++) coefs[j][k] = w[j];
    dualGaps.push(res.gap / n);
    nIters.push(res.nIter);
  });
  return { alphas, coefs, dualGaps, nIters };
}

/** Q = XᵀX (d, d), q = Xᵀy and ‖y‖² from row-major X (n, d). */
function gramOf(X: Float64Array, y: Float64Array, n: number, d: number): { Q: Float64Array; q: Float64Array; yNorm2: number } {
  const Q = new Float64Array(d * d);
  const q = new Float64Array(d);
  let yNorm2 = 0;
  for (let i = 0; i < n; i++) {
    const row = i * d;
    for (let j = 0; j < d; j++) {
      const xij = X[row + j];
      q[j] += xij * y[i];
      for (let k = j; k < d; k++) Q[j * d + k] += xij * X[row + k];
    }
    yNorm2 += y[i] * y[i];
  }
  for (let j = 0; j < d; j++) for (let k = 0; k < j; k++) Q[j * d + k] = Q[k * d + j];
  return { Q, q, yNorm2 };
}

/**
 * The lasso path: `enetPath` with l1Ratio = 1.
 *
 * ```ts
 * const { alphas, coefs } = lassoPath([[1, 0], [0, 1], [1, 1]], [1, 2, 3], { nAlphas: 5 });
 * ```
 */
export function lassoPath(X: MatrixLike, y: VectorLike, options: Omit<EnetPathOptions, 'l1Ratio'> = {}): EnetPath {
  return enetPath(X, y, { ...options, l1Ratio: 1 });
}
