/**
 * Covariance and correlation matrices with NumPy's conventions (`np.cov`, `np.corrcoef`):
 * by default each row of the input is a variable and each column an observation
 * (`rowvar: true`); pass `rowvar: false` for the usual data-matrix layout (rows are
 * observations). `cov` divides by n − 1 unless `ddof` (or `bias: true`) says otherwise.
 */
import { mean } from './data.js';

export interface CovOptions {
  rowvar?: boolean;
  bias?: boolean;
  ddof?: number;
}

/** The variables as rows of Float64Arrays, checked for equal lengths and NaN. */
function variables(fn: string, m: ArrayLike<number> | ArrayLike<ArrayLike<number>>, rowvar: boolean): Float64Array[] {
  if (m.length === 0) throw new RangeError(`${fn}: the input is empty`);
  const rows: Float64Array[] = typeof m[0] === 'number' ? [Float64Array.from(m as ArrayLike<number>)] : Array.from(m as ArrayLike<ArrayLike<number>>, (r) => Float64Array.from(r));
  const width = rows[0].length;
  rows.forEach((r, i) => {
    if (r.length !== width) throw new RangeError(`${fn}: row ${i} has ${r.length} entries, row 0 has ${width}; all rows must have the same length`);
    r.forEach((v, j) => {
      if (Number.isNaN(v)) throw new RangeError(`${fn}: entry [${i}][${j}] is NaN; drop or impute missing values first`);
    });
  });
  if (rowvar || rows.length === 1) return rows;
  return Array.from({ length: width }, (_, j) => Float64Array.from(rows, (r) => r[j]));
}

/**
 * The covariance matrix (p × p for p variables), as NumPy's `cov`.
 *
 * ```ts
 * cov([[0, 1, 2], [2, 1, 0]]); // [[1, −1], [−1, 1]]
 * cov([[1, 2], [2, 4], [3, 6]], { rowvar: false }); // [[1, 2], [2, 4]]
 * ```
 */
export function cov(m: ArrayLike<number> | ArrayLike<ArrayLike<number>>, options: CovOptions = {}): number[][] {
  const { rowvar = true, bias = false } = options;
  const vars = variables('cov', m, rowvar);
  const n = vars[0].length;
  const ddof = options.ddof ?? (bias ? 0 : 1);
  const centred = vars.map((v) => {
    const mu = mean(v);
    return v.map((x) => x - mu);
  });
  const p = vars.length;
  const out = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  for (let i = 0; i < p; i++) {
    for (let j = i; j < p; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += centred[i][k] * centred[j][k];
      out[i][j] = out[j][i] = s / (n - ddof);
    }
  }
  return out;
}

/**
 * The Pearson correlation matrix, as NumPy's `corrcoef` (entries clipped to [−1, 1]).
 *
 * ```ts
 * corrcoef([[1, 2, 3], [2, 4, 7]]); // [[1, 0.9933…], [0.9933…, 1]]
 * ```
 */
export function corrcoef(m: ArrayLike<number> | ArrayLike<ArrayLike<number>>, options: { rowvar?: boolean } = {}): number[][] {
  const c = cov(m, options);
  const d = c.map((row, i) => Math.sqrt(row[i]));
  return c.map((row, i) => row.map((v, j) => Math.max(-1, Math.min(1, v / d[i] / d[j]))));
}
