/**
 * The multivariate normal distribution N(mean, cov), SciPy's `multivariate_normal`.
 *
 * With the Cholesky factor cov = L·Lᵀ (the linalg kernel), z = L⁻¹(x − mean) by forward
 * substitution and
 *   log pdf(x) = −½ (d log 2π + 2 Σ log Lᵢᵢ + zᵀz),
 * and a draw is mean + L·z with z standard normal. `fit` is the closed-form MLE (the sample
 * mean and the covariance with divisor n). The cdf is a d-dimensional integral,
 * estimated as SciPy does by Genz's quasi-Monte Carlo method (mvn-cdf.ts) to an absolute
 * error of about 1e-5 by default.
 */
import { choleskyKernel } from '../../linalg/cholesky-kernel.js';
import type { Matrix } from '../../linalg/matrix.js';
import { defaultGenerator } from '../../random/index.js';
import type { RvsOptions } from './args.js';
import { mvnRectangle, type MvnCdfOptions, type MvnCdfResult } from './mvn-cdf.js';

export interface MultivariateNormalParams {
  mean?: ArrayLike<number>;
  cov?: ArrayLike<ArrayLike<number>> | number;
}

export interface FrozenMultivariateNormal {
  readonly dim: number;
  mean(): number[];
  cov(): number[][];
  /** The density at one point (a vector) or at each row of a list of points. */
  pdf(x: ArrayLike<number>): number;
  pdf(x: ArrayLike<ArrayLike<number>>): number[];
  logpdf(x: ArrayLike<number>): number;
  logpdf(x: ArrayLike<ArrayLike<number>>): number[];
  /** `size` draws as rows (one by default). */
  rvs(options?: RvsOptions): number[][];
  /** P(lowerLimit ≤ X ≤ x) at one point or at each row (Genz's method; SciPy's tolerances). */
  cdf(x: ArrayLike<number>, options?: MvnCdfOptions): number;
  cdf(x: ArrayLike<ArrayLike<number>>, options?: MvnCdfOptions): number[];
  /** The cdf at one point with its error estimate and the number of integrand evaluations. */
  cdfWithError(x: ArrayLike<number>, options?: MvnCdfOptions): MvnCdfResult;
}

const LOG_2PI = 1.8378770664093453;

function freeze(params: MultivariateNormalParams, method: string): FrozenMultivariateNormal {
  const where = `multivariateNormal.${method}`;
  const mean = params.mean === undefined ? [0] : Array.from(params.mean);
  const d = mean.length;
  if (d === 0) throw new RangeError(`${where}: mean must have at least one entry`);
  const covIn = params.cov ?? 1;
  const cov: Matrix = { rows: d, cols: d, data: new Float64Array(d * d) };
  if (typeof covIn === 'number') {
    for (let i = 0; i < d; i++) cov.data[i * d + i] = covIn;
  } else {
    if (covIn.length !== d) throw new RangeError(`${where}: cov must be ${d}×${d} to match mean, got ${covIn.length} rows`);
    for (let i = 0; i < d; i++) {
      if (covIn[i].length !== d) throw new RangeError(`${where}: cov must be ${d}×${d}, row ${i} has ${covIn[i].length} entries`);
      for (let j = 0; j < d; j++) cov.data[i * d + j] = covIn[i][j];
    }
  }
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < i; j++) {
      const a = cov.data[i * d + j];
      const b = cov.data[j * d + i];
      if (Math.abs(a - b) > 1e-10 * (Math.abs(a) + Math.abs(b) + 1e-300)) throw new RangeError(`${where}: cov must be symmetric; cov[${i}][${j}] = ${a} but cov[${j}][${i}] = ${b}`);
    }
  }
  const chol = choleskyKernel(cov);
  if ('failedMinor' in chol) throw new RangeError(`${where}: cov is not positive definite (leading minor ${chol.failedMinor} fails); add a small ridge to its diagonal`);
  const L = chol.L.data;
  let logDet = 0;
  for (let i = 0; i < d; i++) logDet += 2 * Math.log(L[i * d + i]);

  const logpdfOne = (x: ArrayLike<number>): number => {
    if (x.length !== d) throw new RangeError(`${where}: a point has ${x.length} coordinates, expected ${d}`);
    // forward substitution L z = x − mean
    const z = new Float64Array(d);
    let q = 0;
    for (let i = 0; i < d; i++) {
      let s = x[i] - mean[i];
      for (let j = 0; j < i; j++) s -= L[i * d + j] * z[j];
      z[i] = s / L[i * d + i];
      q += z[i] * z[i];
    }
    return -0.5 * (d * LOG_2PI + logDet + q);
  };
  const isPoint = (x: ArrayLike<number> | ArrayLike<ArrayLike<number>>): x is ArrayLike<number> =>
    x.length === 0 || typeof x[0] === 'number' || (d === 1 && typeof x[0] === 'number');
  const logpdf = (x: ArrayLike<number> | ArrayLike<ArrayLike<number>>) =>
    isPoint(x) ? logpdfOne(x) : Array.from(x as ArrayLike<ArrayLike<number>>, (row) => logpdfOne(row));

  const cdfOne = (x: ArrayLike<number>, options: MvnCdfOptions = {}): MvnCdfResult => {
    if (x.length !== d) throw new RangeError(`${where}: a point has ${x.length} coordinates, expected ${d}`);
    const lower = options.lowerLimit ?? new Array<number>(d).fill(-Infinity);
    if (lower.length !== d) throw new RangeError(`${where}: lowerLimit has ${lower.length} coordinates, expected ${d}`);
    for (const [name, v] of [['maxpts', options.maxpts], ['abseps', options.abseps], ['releps', options.releps]] as const) {
      if (v !== undefined && !(v > 0)) throw new RangeError(`${where}: ${name} must be > 0, got ${v}`);
    }
    const a = Array.from(lower, (v, i) => v - mean[i]);
    const b = Array.from(x, (v, i) => v - mean[i]);
    if ([...a, ...b].some(Number.isNaN)) throw new RangeError(`${where}: x and lowerLimit must not contain NaN`);
    return mvnRectangle(L, a, b, options);
  };

  return {
    dim: d,
    cdf: ((x: ArrayLike<number> | ArrayLike<ArrayLike<number>>, options?: MvnCdfOptions) =>
      isPoint(x) ? cdfOne(x, options).value : Array.from(x as ArrayLike<ArrayLike<number>>, (row) => cdfOne(row, options).value)) as FrozenMultivariateNormal['cdf'],
    cdfWithError: (x: ArrayLike<number>, options?: MvnCdfOptions) => cdfOne(x, options),
    mean: () => mean.slice(),
    cov: () => Array.from({ length: d }, (_, i) => Array.from(cov.data.subarray(i * d, (i + 1) * d))),
    pdf: ((x: ArrayLike<number> | ArrayLike<ArrayLike<number>>) => {
      const l = logpdf(x);
      return typeof l === 'number' ? Math.exp(l) : l.map(Math.exp);
    }) as FrozenMultivariateNormal['pdf'],
    logpdf: logpdf as FrozenMultivariateNormal['logpdf'],
    rvs: (options: RvsOptions = {}) => {
      const size = options.size ?? 1;
      if (!Number.isInteger(size) || size < 0) throw new RangeError(`multivariateNormal.rvs: size must be a non-negative integer, got ${size}`);
      const g = options.generator ?? defaultGenerator;
      const out: number[][] = [];
      const z = new Float64Array(d);
      for (let s = 0; s < size; s++) {
        for (let i = 0; i < d; i++) z[i] = g.normal();
        const row = new Array<number>(d);
        for (let i = 0; i < d; i++) {
          let v = mean[i];
          for (let j = 0; j <= i; j++) v += L[i * d + j] * z[j];
          row[i] = v;
        }
        out.push(row);
      }
      return out;
    },
  };
}

export interface MultivariateNormal {
  (params?: MultivariateNormalParams): FrozenMultivariateNormal;
  pdf(x: ArrayLike<number>, mean?: ArrayLike<number>, cov?: MultivariateNormalParams['cov']): number;
  pdf(x: ArrayLike<ArrayLike<number>>, mean?: ArrayLike<number>, cov?: MultivariateNormalParams['cov']): number[];
  logpdf(x: ArrayLike<number>, mean?: ArrayLike<number>, cov?: MultivariateNormalParams['cov']): number;
  logpdf(x: ArrayLike<ArrayLike<number>>, mean?: ArrayLike<number>, cov?: MultivariateNormalParams['cov']): number[];
  rvs(mean?: ArrayLike<number>, cov?: MultivariateNormalParams['cov'], options?: RvsOptions): number[][];
  cdf(x: ArrayLike<number>, mean?: ArrayLike<number>, cov?: MultivariateNormalParams['cov'], options?: MvnCdfOptions): number;
  cdf(x: ArrayLike<ArrayLike<number>>, mean?: ArrayLike<number>, cov?: MultivariateNormalParams['cov'], options?: MvnCdfOptions): number[];
  /** The MLE from rows of data: `{ mean, cov }` with the divisor n. */
  fit(data: ArrayLike<ArrayLike<number>>): { mean: number[]; cov: number[][] };
}

/** The mean SciPy infers when only x is given: zeros of x's dimension. */
function defaultMean(x: ArrayLike<number> | ArrayLike<ArrayLike<number>>): number[] {
  const first = x[0];
  const d = typeof first === 'number' ? x.length : (first as ArrayLike<number>).length;
  return new Array<number>(d).fill(0);
}

/**
 * ```ts
 * const mvn = multivariateNormal({ mean: [0, 0], cov: [[1, 0.5], [0.5, 2]] });
 * mvn.pdf([0, 0]);              // 1/(2π√1.75)
 * multivariateNormal.logpdf([[1, 1], [0, 2]], [0, 0], [[1, 0.5], [0.5, 2]]);
 * mvn.cdf([0, 0]);              // P(X₁ ≤ 0, X₂ ≤ 0) ≈ 1/4 + asin(0.5/√2)/(2π)
 * ```
 */
export const multivariateNormal = Object.assign((params: MultivariateNormalParams = {}) => freeze(params, 'freeze'), {
  pdf: (x: ArrayLike<number> | ArrayLike<ArrayLike<number>>, mean?: ArrayLike<number>, cov?: MultivariateNormalParams['cov']) =>
    freeze({ mean: mean ?? defaultMean(x), cov }, 'pdf').pdf(x as ArrayLike<number>),
  logpdf: (x: ArrayLike<number> | ArrayLike<ArrayLike<number>>, mean?: ArrayLike<number>, cov?: MultivariateNormalParams['cov']) =>
    freeze({ mean: mean ?? defaultMean(x), cov }, 'logpdf').logpdf(x as ArrayLike<number>),
  rvs: (mean?: ArrayLike<number>, cov?: MultivariateNormalParams['cov'], options?: RvsOptions) => freeze({ mean, cov }, 'rvs').rvs(options),
  cdf: (x: ArrayLike<number> | ArrayLike<ArrayLike<number>>, mean?: ArrayLike<number>, cov?: MultivariateNormalParams['cov'], options?: MvnCdfOptions) =>
    freeze({ mean: mean ?? defaultMean(x), cov }, 'cdf').cdf(x as ArrayLike<number>, options),
  fit: (data: ArrayLike<ArrayLike<number>>) => {
    const n = data.length;
    if (n < 1) throw new RangeError('multivariateNormal.fit: need at least one row of data');
    const d = data[0].length;
    const mean = new Array<number>(d).fill(0);
    for (let r = 0; r < n; r++) {
      if (data[r].length !== d) throw new RangeError(`multivariateNormal.fit: row ${r} has ${data[r].length} columns, expected ${d}`);
      for (let j = 0; j < d; j++) mean[j] += data[r][j] / n;
    }
    const cov = Array.from({ length: d }, () => new Array<number>(d).fill(0));
    for (let r = 0; r < n; r++) {
      for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) cov[i][j] += ((data[r][i] - mean[i]) * (data[r][j] - mean[j])) / n;
    }
    return { mean, cov };
  },
}) as MultivariateNormal;
