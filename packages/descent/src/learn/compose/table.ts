/**
 * The input of a ColumnTransformer or FeatureUnion read once into columns: a DataFrame, a
 * numeric matrix (any form `checkArray` takes) or rows of categories, with column names
 * when there are any, and column subsets handed to each transformer in the form it takes.
 */
import { checkArray, type MatrixLike } from '../base/validation.js';
import { DataFrame, isDataFrame, type Cell } from '../frame.js';

export interface Table {
  /** The frame, when the input was one. */
  frame: DataFrame | null;
  /** Columns of cells (NaN for missing numbers, null for missing strings). */
  columns: Cell[][];
  nRows: number;
  names: readonly string[] | null;
}

/** Reads any accepted input; NaN is let through for the transformers to accept or refuse. */
export function readTable(X: unknown, caller: string): Table {
  if (isDataFrame(X)) {
    if (X.nRows === 0) throw new Error(`Found array with 0 sample(s) (shape=(0, ${X.nCols})) while a minimum of 1 is required by ${caller}.`);
    return { frame: X, columns: X.columns.map((n) => X.column(n)), nRows: X.nRows, names: X.columns };
  }
  const hasStrings = Array.isArray(X) && X.some((r) => Array.isArray(r) && r.some((v: unknown) => typeof v === 'string'));
  if (hasStrings) {
    const rows = X as Cell[][];
    const d = rows[0].length;
    rows.forEach((r, i) => {
      if (r.length !== d) throw new Error(`X is ragged: row ${i} has ${r.length} values but row 0 has ${d}; every sample needs the same number of features.`);
    });
    return { frame: null, columns: Array.from({ length: d }, (_, j) => rows.map((r) => r[j])), nRows: rows.length, names: null };
  }
  const M = checkArray(X as MatrixLike, { caller, allowNaN: true });
  return {
    frame: null,
    columns: Array.from({ length: M.cols }, (_, j) => Array.from({ length: M.rows }, (_, i) => M.data[i * M.cols + j])),
    nRows: M.rows,
    names: null,
  };
}

/**
 * The given columns in the form a transformer takes: a DataFrame when the input was one
 * (numeric frames are matrices to every estimator; our frame-aware transformers read names),
 * else rows: numbers, or cells when a column holds strings (categorical encoders).
 */
export function subset(t: Table, cols: number[]): unknown {
  if (t.frame) {
    const sub = t.frame.select(cols);
    const numeric = Object.values(sub.dtypes()).every((d) => d === 'number');
    return numeric ? sub : sub.toRows();
  }
  return Array.from({ length: t.nRows }, (_, i) => cols.map((j) => t.columns[j][i]));
}

/**
 * The given columns as a numeric matrix, for a 'passthrough' entry: the output of a
 * ColumnTransformer or FeatureUnion is numbers, so a text or null column is refused.
 */
export function passthroughRows(t: Table, cols: number[], owner: string, name: string): number[][] {
  for (const j of cols) {
    if (t.columns[j].some((v) => typeof v === 'string' || v === null)) {
      throw new TypeError(`${owner}: column ${t.names?.[j] ?? j} passed through by '${name}' holds strings or nulls; the output is a numeric matrix, so encode it instead.`);
    }
  }
  return Array.from({ length: t.nRows }, (_, i) => cols.map((j) => t.columns[j][i] as number));
}
