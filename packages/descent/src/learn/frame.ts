/**
 * `DataFrame`: a small, immutable table of named columns, each numeric or string, for data
 * that is not a plain matrix yet: named features, categories, missing values. It is the
 * input `ColumnTransformer` selects from by name or dtype, and any all-numeric frame is
 * also a matrix (`{ data, shape }`) that every estimator accepts.
 *
 * Why not Apache Arrow: Descent runs offline with only its installed dependencies, and
 * Arrow is not among them; the part of it needed here (typed named columns, null) fits in
 * this file. A numeric column stores missing values as NaN, a string column as null.
 */
import type { MatrixLike } from './base/validation.js';

/** One value: a number, a string, or null (missing). */
export type Cell = number | string | null;

/**
 * Any table a pipeline, a ColumnTransformer or model selection takes as X: a DataFrame, a
 * numeric matrix (any form `checkArray` reads), or rows of cells that mix numbers, strings
 * and null (`[[5.1, 'small'], [6.3, null]]`).
 */
export type TableLike = MatrixLike | DataFrame | readonly (readonly Cell[])[];

/** 'number' (float64, NaN for missing) or 'string' (null for missing). */
export type FrameDType = 'number' | 'string';

type Column = { dtype: 'number'; values: Float64Array } | { dtype: 'string'; values: (string | null)[] };

function toColumn(name: string, values: readonly Cell[]): Column {
  let strings = 0;
  let numbers = 0;
  values.forEach((v, i) => {
    if (typeof v === 'string') strings++;
    else if (typeof v === 'number') numbers++;
    else if (v !== null && v !== undefined) throw new TypeError(`DataFrame column '${name}' row ${i} is ${JSON.stringify(v)}; cells must be numbers, strings or null.`);
  });
  if (strings > 0 && numbers > 0) {
    throw new TypeError(`DataFrame column '${name}' mixes numbers and strings; a column holds one type (convert the numbers with String(v), or parse the strings).`);
  }
  if (strings > 0) return { dtype: 'string', values: values.map((v) => (v === undefined ? null : (v as string | null))) };
  return { dtype: 'number', values: Float64Array.from(values, (v) => (v === null || v === undefined ? NaN : (v as number))) };
}

/**
 * ```ts
 * const df = DataFrame.fromRecords([
 *   { species: 'Adelie', bill: 39.1, sex: 'male' },
 *   { species: 'Gentoo', bill: null, sex: null },
 * ]);
 * df.dtypes();                     // { species: 'string', bill: 'number', sex: 'string' }
 * df.select(['bill']).shape;       // [2, 1]
 * df.column('bill');               // [39.1, NaN]
 * ```
 */
export class DataFrame {
  /** Column names, in order. */
  readonly columns: readonly string[];
  readonly nRows: number;
  private readonly cols: ReadonlyMap<string, Column>;

  private constructor(columns: string[], cols: Map<string, Column>, nRows: number) {
    this.columns = columns;
    this.cols = cols;
    this.nRows = nRows;
  }

  /** A frame from equal-length columns: `{ name: values }`, in key order. */
  static fromColumns(columns: Record<string, readonly Cell[]>): DataFrame {
    const names = Object.keys(columns);
    const lengths = names.map((n) => columns[n].length);
    if (new Set(lengths).size > 1) {
      throw new Error(`DataFrame.fromColumns: columns have different lengths (${names.map((n, i) => `${n}: ${lengths[i]}`).join(', ')}); every column needs one value per row.`);
    }
    return new DataFrame(names, new Map(names.map((n) => [n, toColumn(n, columns[n])])), lengths[0] ?? 0);
  }

  /** A frame from row objects; columns are the keys of the first record (or `columns`), a missing key is null. */
  static fromRecords(records: readonly Record<string, Cell>[], columns?: readonly string[]): DataFrame {
    const names = columns ? [...columns] : Object.keys(records[0] ?? {});
    return DataFrame.fromColumns(Object.fromEntries(names.map((n) => [n, records.map((r) => r[n] ?? null)])));
  }

  get nCols(): number {
    return this.columns.length;
  }

  /** [rows, columns]. With `data`, this makes a numeric frame a matrix every estimator accepts. */
  get shape(): [number, number] {
    return [this.nRows, this.columns.length];
  }

  private get(name: string): Column {
    const c = this.cols.get(name);
    if (!c) throw new Error(`DataFrame has no column '${name}'. Columns: ${this.columns.join(', ')}.`);
    return c;
  }

  /** The values row-major as float64 (NaN for missing): only for all-numeric frames. */
  get data(): Float64Array {
    const strings = this.columns.filter((n) => this.get(n).dtype === 'string');
    if (strings.length > 0) {
      throw new TypeError(
        `DataFrame columns ${strings.map((s) => `'${s}'`).join(', ')} hold strings, so this frame is not a numeric matrix. ` +
          'Encode them (ColumnTransformer with a OneHotEncoder on those columns) or select the numeric columns (frame.select(...)).',
      );
    }
    const out = new Float64Array(this.nRows * this.nCols);
    this.columns.forEach((n, j) => {
      const v = this.get(n).values as Float64Array;
      for (let i = 0; i < this.nRows; i++) out[i * this.nCols + j] = v[i];
    });
    return out;
  }

  /** Each column's type. */
  dtypes(): Record<string, FrameDType> {
    return Object.fromEntries(this.columns.map((n) => [n, this.get(n).dtype]));
  }

  /** A copy of one column's values (NaN or null for missing). */
  column(name: string): Cell[] {
    return Array.from(this.get(name).values as ArrayLike<Cell>);
  }

  /** A frame with only these columns (by name or position), in the order given. */
  select(columns: readonly (string | number)[]): DataFrame {
    const names = columns.map((c) => {
      if (typeof c === 'number') {
        if (!Number.isInteger(c) || c < 0 || c >= this.nCols) throw new Error(`DataFrame.select: column index ${c} is out of range for ${this.nCols} columns.`);
        return this.columns[c];
      }
      this.get(c);
      return c;
    });
    return new DataFrame(names, new Map(names.map((n) => [n, this.get(n)])), this.nRows);
  }

  /** A frame with only these rows, in the order given. */
  take(rows: readonly number[]): DataFrame {
    const cols = new Map<string, Column>();
    for (const n of this.columns) {
      const c = this.get(n);
      cols.set(n, c.dtype === 'number'
        ? { dtype: 'number', values: Float64Array.from(rows, (i) => c.values[i]) }
        : { dtype: 'string', values: rows.map((i) => c.values[i]) });
    }
    return new DataFrame([...this.columns], cols, rows.length);
  }

  /** The first n rows. */
  head(n = 5): DataFrame {
    return this.take(Array.from({ length: Math.min(n, this.nRows) }, (_, i) => i));
  }

  /** A copy with missing values replaced, per column: `{ sex: 'unknown', mass: 0 }`. */
  fillna(values: Record<string, number | string>): DataFrame {
    const cols = new Map(this.cols);
    for (const [n, v] of Object.entries(values)) {
      const c = this.get(n);
      if (c.dtype === 'number') {
        if (typeof v !== 'number') throw new TypeError(`DataFrame.fillna: column '${n}' is numeric; fill it with a number, got ${JSON.stringify(v)}.`);
        cols.set(n, { dtype: 'number', values: c.values.map((x) => (Number.isNaN(x) ? v : x)) });
      } else {
        if (typeof v !== 'string') throw new TypeError(`DataFrame.fillna: column '${n}' holds strings; fill it with a string, got ${JSON.stringify(v)}.`);
        cols.set(n, { dtype: 'string', values: c.values.map((x) => x ?? v) });
      }
    }
    return new DataFrame([...this.columns], cols, this.nRows);
  }

  /** Rows as arrays of cells (NaN for missing numbers, null for missing strings). */
  toRows(): Cell[][] {
    const cols = this.columns.map((n) => this.get(n).values as ArrayLike<Cell>);
    return Array.from({ length: this.nRows }, (_, i) => cols.map((c) => c[i]));
  }

  /** Rows as objects keyed by column name. */
  toRecords(): Record<string, Cell>[] {
    return this.toRows().map((r) => Object.fromEntries(this.columns.map((n, j) => [n, r[j]])));
  }
}

export function isDataFrame(X: unknown): X is DataFrame {
  return X instanceof DataFrame;
}
