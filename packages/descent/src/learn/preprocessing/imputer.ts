/**
 * SimpleImputer: fill missing values with a per-column statistic, in numeric columns and
 * in text columns (scikit-learn's object-dtype path: 'most_frequent' and 'constant').
 */
import type { EstimatorSpec } from '../base/base-estimator.js';
import { C } from '../base/constraints.js';
import { Transformer } from '../base/mixins.js';
import type { MatrixLike } from '../base/validation.js';
import { readTable } from '../compose/table.js';
import type { Cell, DataFrame, TableLike } from '../frame.js';
import { median } from '../metrics/regression.js';

export interface SimpleImputerParams {
  /** The number that marks a missing entry in numeric columns. Default NaN. In text columns null (and NaN) is always missing. */
  missingValues: number;
  /** 'mean' (default), 'median', 'most_frequent' (smallest on ties) or 'constant' (`fillValue`). Text columns take the last two. */
  strategy: 'mean' | 'median' | 'most_frequent' | 'constant';
  /** The value for strategy 'constant'; null means 0 in numeric columns and 'missing_value' in text columns. */
  fillValue: number | string | null;
  /** Keep columns with no observed value (filled with 0) instead of dropping them. Default false. */
  keepEmptyFeatures: boolean;
}

/**
 * The output's type for an input: numeric matrices give numbers; a DataFrame or rows with
 * text give cells (numbers in numeric columns, strings in text ones).
 */
export type Imputed<T> = T extends DataFrame ? Cell[][] : T extends MatrixLike ? number[][] : Cell[][];

const isCellMissing = (v: Cell | undefined): boolean => v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v));

/**
 * Replaces each missing entry with its column's mean, median, most frequent value or a
 * constant learned in `fit`. As in scikit-learn 1.2, columns that were entirely missing
 * during `fit` are dropped from the output (unless `keepEmptyFeatures` or 'constant').
 *
 * Text columns (a DataFrame's string columns, or rows holding strings) are filled with
 * their most frequent string or a constant, as scikit-learn does for object arrays. One
 * difference on purpose: scikit-learn fills every column of a mixed object array with
 * 'missing_value' by default, where this fills numeric columns with 0 and text columns
 * with 'missing_value', so each column keeps its type.
 *
 * ```ts
 * new SimpleImputer().fitTransform([[1, 2], [NaN, 3], [7, 6]]); // [[1, 2], [4, 3], [7, 6]]
 * new SimpleImputer({ strategy: 'most_frequent' }).fitTransform([['b'], [null], ['a'], ['b']]); // [['b'], ['b'], ['a'], ['b']]
 * ```
 */
export class SimpleImputer extends Transformer<SimpleImputerParams> {
  static override readonly spec: EstimatorSpec<SimpleImputerParams> = {
    name: 'SimpleImputer',
    defaults: { missingValues: NaN, strategy: 'mean', fillValue: null, keepEmptyFeatures: false },
    constraints: {
      missingValues: [C.number(), C.custom('NaN', (v) => Number.isNaN(v))],
      strategy: [C.options('mean', 'median', 'most_frequent', 'constant')],
      fillValue: [C.number(), C.string, C.null],
      keepEmptyFeatures: [C.boolean],
    },
    tags: { allowNaN: true },
  };

  /** The fill value per column (a string for text columns); NaN for columns with no observed value. */
  declare statistics_: (number | string)[];
  /** Which columns held text in `fit`. */
  declare textColumns_: boolean[];

  /** null and NaN are always missing (a NaN in a numeric column with another `missingValues` is refused before this). */
  private isMissing(v: Cell | undefined): boolean {
    if (typeof v === 'string') return false;
    return isCellMissing(v) || v === this.params.missingValues;
  }

  /** X read into columns, each checked and marked as text or numbers. */
  private columns(X: TableLike): { cols: Cell[][]; text: boolean[]; names: readonly string[] | null } {
    const t = readTable(X, this.estimatorName);
    const text = t.columns.map((col, j) => {
      const name = t.names ? `'${t.names[j]}'` : `${j}`;
      const hasText = col.some((v) => typeof v === 'string');
      for (const v of col) {
        if (typeof v === 'number' && (v === Infinity || v === -Infinity)) throw new Error(`${this.estimatorName}: Input X contains infinity. Replace it with a finite value (or NaN, for the imputer to fill) or drop that sample.`);
        if (hasText && typeof v === 'number' && !Number.isNaN(v)) {
          throw new Error(`${this.estimatorName}: column ${name} mixes numbers and strings; a column holds one type (convert the numbers with String(v), or parse the strings).`);
        }
        if (!hasText && typeof v === 'number' && Number.isNaN(v) && !Number.isNaN(this.params.missingValues)) {
          throw new Error(`${this.estimatorName}: Input X contains NaN, and missingValues is not NaN: NaN cannot be imputed.`);
        }
      }
      return hasText;
    });
    return { cols: t.columns, text, names: t.names };
  }

  fit(X: TableLike): this {
    this.beginFit();
    const { cols, text, names } = this.columns(X);
    const { strategy, fillValue, keepEmptyFeatures } = this.params;
    this.statistics_ = cols.map((col, j) => {
      const name = names ? `'${names[j]}'` : `${j}`;
      if (strategy === 'constant') {
        if (fillValue === null) return text[j] ? 'missing_value' : 0;
        if (text[j] !== (typeof fillValue === 'string')) {
          throw new TypeError(`${this.estimatorName}: fillValue ${JSON.stringify(fillValue)} does not fit column ${name}, which holds ${text[j] ? 'text' : 'numbers'}; give a ${text[j] ? 'string' : 'number'}, or impute text and numeric columns separately (ColumnTransformer).`);
        }
        return fillValue;
      }
      if (text[j] && (strategy === 'mean' || strategy === 'median')) {
        throw new Error(`Cannot use ${strategy} strategy with non-numeric data: column ${name} holds text. Use strategy 'most_frequent' or 'constant' for text columns (a ColumnTransformer can impute them separately).`);
      }
      const observed = col.filter((v) => !this.isMissing(v)) as (number | string)[];
      if (observed.length === 0) return keepEmptyFeatures ? 0 : NaN;
      if (strategy === 'mean') return (observed as number[]).reduce((a, b) => a + b, 0) / observed.length;
      if (strategy === 'median') return median(observed as number[]);
      return mostFrequent(observed);
    });
    this.textColumns_ = text;
    this.nFeaturesIn_ = cols.length;
    return this;
  }

  /** X with every missing entry filled; columns with no observed value in `fit` dropped (see the class notes). */
  transform<T extends TableLike>(X: T): Imputed<T> {
    this.checkIsFitted();
    const { cols, text } = this.columns(X);
    if (cols.length !== this.nFeaturesIn_) {
      throw new Error(`X has ${cols.length} features, but ${this.estimatorName} is expecting ${this.nFeaturesIn_} features as input.`);
    }
    text.forEach((isText, j) => {
      if (isText && !this.textColumns_[j]) throw new TypeError(`${this.estimatorName}: column ${j} holds text, but it held numbers in fit.`);
    });
    const keep = this.statistics_.flatMap((s, j) => (typeof s === 'number' && Number.isNaN(s) ? [] : [j]));
    const n = cols[0]?.length ?? 0;
    return Array.from({ length: n }, (_, i) => keep.map((j) => {
      const v = cols[j][i];
      return this.isMissing(v) ? this.statistics_[j] : v;
    })) as Imputed<T>;
  }

  override fitTransform<T extends TableLike>(X: T): Imputed<T> {
    return this.fit(X).transform(X);
  }
}

/** The most frequent value, the smallest one on ties (scipy.stats.mode's rule; strings by code unit). */
function mostFrequent<V extends number | string>(values: V[]): V {
  const counts = new Map<V, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best = values[0];
  let bestCount = 0;
  for (const [v, c] of counts) if (c > bestCount || (c === bestCount && v < best)) [best, bestCount] = [v, c];
  return best;
}
