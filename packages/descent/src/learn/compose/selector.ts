/**
 * Column selection for ColumnTransformer: which input columns a transformer gets, given by
 * position, by name (a DataFrame), by a boolean mask, or by a selector that picks columns
 * by dtype and name pattern (sklearn.compose.make_column_selector). Selectors are plain
 * objects, so a ColumnTransformer using them saves to JSON.
 */
import { isDataFrame, type DataFrame, type FrameDType } from '../frame.js';

/** Picks a DataFrame's columns by dtype and/or a regular expression on the name. */
export interface ColumnSelector {
  readonly selector: 'columns';
  /** Keep column names matching this regular expression (JavaScript syntax, tested with `RegExp.test`). */
  readonly pattern: string | null;
  readonly dtypeInclude: FrameDType[] | null;
  readonly dtypeExclude: FrameDType[] | null;
}

/** Which columns: indices, names, a mask, one index or name, a selector, or a function of the frame. */
export type Columns = number | string | readonly number[] | readonly string[] | readonly boolean[] | ColumnSelector | ((X: DataFrame) => string[]);

/**
 * A selector for ColumnTransformer's columns (sklearn's `make_column_selector`).
 *
 * ```ts
 * makeColumnSelector({ dtypeInclude: 'number' });              // every numeric column
 * makeColumnSelector({ pattern: '^bill', dtypeExclude: 'string' });
 * ```
 */
export function makeColumnSelector(options: { pattern?: string; dtypeInclude?: FrameDType | FrameDType[]; dtypeExclude?: FrameDType | FrameDType[] } = {}): ColumnSelector {
  const list = (v: FrameDType | FrameDType[] | undefined) => (v === undefined ? null : Array.isArray(v) ? [...v] : [v]);
  for (const d of [...(list(options.dtypeInclude) ?? []), ...(list(options.dtypeExclude) ?? [])]) {
    if (d !== 'number' && d !== 'string') throw new Error(`makeColumnSelector: dtypes are 'number' or 'string', got ${JSON.stringify(d)}.`);
  }
  if (options.pattern !== undefined) new RegExp(options.pattern); // a bad pattern fails here, not at fit
  return { selector: 'columns', pattern: options.pattern ?? null, dtypeInclude: list(options.dtypeInclude), dtypeExclude: list(options.dtypeExclude) };
}

export function isColumnSelector(v: unknown): v is ColumnSelector {
  return typeof v === 'object' && v !== null && (v as ColumnSelector).selector === 'columns';
}

/** The names a selector picks from a frame, in the frame's order. */
export function applySelector(s: ColumnSelector, X: DataFrame): string[] {
  const dtypes = X.dtypes();
  const re = s.pattern === null ? null : new RegExp(s.pattern);
  return X.columns.filter((n) => (s.dtypeInclude === null || s.dtypeInclude.includes(dtypes[n])) &&
    (s.dtypeExclude === null || !s.dtypeExclude.includes(dtypes[n])) && (re === null || re.test(n)));
}

/**
 * Column positions for a `Columns` spec against an input with `names` (null: not a frame).
 * Names, selectors and functions need a DataFrame.
 */
export function resolveColumns(spec: Columns, X: unknown, nCols: number, names: readonly string[] | null, owner: string): number[] {
  const needFrame = (what: string): never => {
    throw new Error(`${owner}: selecting columns by ${what} needs a DataFrame input (DataFrame.fromRecords / fromColumns); for a plain matrix give column positions.`);
  };
  const byName = (n: string): number => {
    if (names === null) return needFrame('name');
    const j = names.indexOf(n);
    if (j < 0) throw new Error(`${owner}: no column named '${n}'. Columns: ${names.join(', ')}.`);
    return j;
  };
  const byIndex = (j: number): number => {
    if (!Number.isInteger(j) || j < -nCols || j >= nCols) throw new Error(`${owner}: column index ${j} is out of range for ${nCols} columns.`);
    return j < 0 ? j + nCols : j;
  };
  if (typeof spec === 'function') {
    if (!isDataFrame(X)) return needFrame('a function');
    return spec(X).map(byName);
  }
  if (isColumnSelector(spec)) {
    if (!isDataFrame(X)) return needFrame('a selector');
    return applySelector(spec, X).map(byName);
  }
  if (typeof spec === 'number') return [byIndex(spec)];
  if (typeof spec === 'string') return [byName(spec)];
  if (!Array.isArray(spec)) throw new TypeError(`${owner}: columns must be indices, names, a boolean mask, a selector or a function; got ${JSON.stringify(spec)}.`);
  if (spec.every((v) => typeof v === 'boolean')) {
    if (spec.length !== nCols) throw new Error(`${owner}: a boolean mask needs one entry per column (${nCols}), got ${spec.length}.`);
    return spec.flatMap((b, j) => (b ? [j] : []));
  }
  return spec.map((v) => (typeof v === 'number' ? byIndex(v) : byName(v as string)));
}
