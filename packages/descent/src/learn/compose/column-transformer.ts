/**
 * ColumnTransformer: different transformers for different columns, outputs side by side
 * (sklearn.compose.ColumnTransformer). The usual table preprocessing in one estimator:
 * impute and scale the numeric columns, one-hot encode the categorical ones.
 *
 * ```ts
 * const ct = new ColumnTransformer({ transformers: [
 *   ['num', makePipeline(new SimpleImputer(), new StandardScaler()), makeColumnSelector({ dtypeInclude: 'number' })],
 *   ['cat', new OneHotEncoder(), ['island', 'sex']],
 * ] });
 * ct.fitTransform(penguins);   // numeric matrix
 * ct.getFeatureNamesOut();     // ['num__bill_length_mm', ..., 'cat__island_Biscoe', ...]
 * ```
 */
import { BaseEstimator, isEstimator, type EstimatorSpec, type EstimatorTags } from '../base/base-estimator.js';
import { C } from '../base/constraints.js';
import type { LabelsLike, VectorLike } from '../base/validation.js';
import type { TableLike } from '../frame.js';
import { resolveColumns, type Columns } from './selector.js';
import { passthroughRows, readTable, subset } from './table.js';

type Any = Record<string, (...args: unknown[]) => unknown>;

/** One entry: [name, transformer or 'drop' or 'passthrough', columns]. */
export type ColumnTransformerEntry = [name: string, transformer: BaseEstimator | 'drop' | 'passthrough', columns: Columns];

export interface ColumnTransformerParams {
  transformers: ColumnTransformerEntry[];
  /** Columns no transformer names: 'drop' (default), 'passthrough', or a transformer for them. */
  remainder: 'drop' | 'passthrough' | BaseEstimator;
  /** Multiply each transformer's output by its weight (by name); null: all 1. */
  transformerWeights: Record<string, number> | null;
  /** Prefix output names with the transformer name ("num__bill"). Default true. */
  verboseFeatureNamesOut: boolean;
}

/** Output names of a fitted transformer for its input names (one-to-one when it has no getFeatureNamesOut). */
export function namesOut(est: BaseEstimator | 'passthrough', namesIn: string[], width: number, owner: string, name: string): string[] {
  if (est === 'passthrough') return namesIn;
  const f = (est as unknown as Any).getFeatureNamesOut;
  if (typeof f === 'function') return f.call(est, namesIn) as string[];
  if (width === namesIn.length) return namesIn; // scalers, imputers keeping every column: one output per input
  throw new Error(`${owner}: transformer '${name}' (${est.estimatorName}) has no getFeatureNamesOut and changes the number of columns (${namesIn.length} → ${width}), so its output cannot be named.`);
}

const entriesConstraint = C.custom('an array of [name, transformer | \'drop\' | \'passthrough\', columns] with unique names', (v) =>
  Array.isArray(v) && v.every((e) => Array.isArray(e) && e.length === 3 && typeof e[0] === 'string' && !e[0].includes('__') &&
    (isEstimator(e[1]) || e[1] === 'drop' || e[1] === 'passthrough')) && new Set(v.map((e) => (e as unknown[])[0])).size === v.length);

export class ColumnTransformer extends BaseEstimator<ColumnTransformerParams> {
  static override readonly spec: EstimatorSpec<ColumnTransformerParams> = {
    name: 'ColumnTransformer',
    defaults: { transformers: [], remainder: 'drop', transformerWeights: null, verboseFeatureNamesOut: true },
    constraints: {
      transformers: [entriesConstraint],
      remainder: [C.options('drop', 'passthrough'), C.estimator],
      transformerWeights: [C.null, C.custom('an object of numbers by transformer name', (v) =>
        typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every((w) => typeof w === 'number'))],
      verboseFeatureNamesOut: [C.boolean],
    },
    tags: { requiredParams: ['transformers'] },
  };

  /** The fitted entries, with column positions resolved (the remainder last, named 'remainder'). */
  declare transformers_: [name: string, transformer: BaseEstimator | 'drop' | 'passthrough', columns: number[]][];
  /** Input column names when fitted on a DataFrame, else null. */
  declare featureNamesIn_: string[] | null;
  /** Output width of each fitted entry, in order. */
  declare outputWidths_: number[];

  /** NaN is accepted when every transformer (and an estimator remainder) accepts it; passthrough keeps it. */
  override get tags(): EstimatorTags {
    const base = super.tags;
    const { remainder } = this.params;
    const all = [...this.nestedEstimators().map(([, e]) => e), ...(isEstimator(remainder) ? [remainder] : [])];
    return { ...base, allowNaN: all.every((e) => e.tags.allowNaN) };
  }

  protected override nestedEstimators(): [string, BaseEstimator][] {
    const ts = Array.isArray(this.params.transformers) ? this.params.transformers : [];
    return ts.filter((e) => Array.isArray(e) && isEstimator(e[1])).map((e) => [e[0], e[1] as BaseEstimator]);
  }

  /** `setParams({ num: new OtherTransformer() })` replaces a transformer; 'drop'/'passthrough' too. */
  protected override setOwnParam(key: string, value: unknown): boolean {
    if (key in this.params) return super.setOwnParam(key, value);
    const i = this.params.transformers.findIndex((e) => e[0] === key);
    if (i < 0 || !(isEstimator(value) || value === 'drop' || value === 'passthrough')) return false;
    this.params.transformers = this.params.transformers.map((e, k) => (k === i ? [key, value, e[2]] : e));
    return true;
  }

  private weight(name: string): number {
    return this.params.transformerWeights?.[name] ?? 1;
  }

  private fitEntries(X: unknown, y: unknown, transformToo: boolean): number[][] | null {
    this.beginFit();
    const t = readTable(X, this.estimatorName);
    const nCols = t.columns.length;
    const used = new Set<number>();
    const fitted: ColumnTransformer['transformers_'] = this.params.transformers.map(([name, est, spec]) => {
      const cols = resolveColumns(spec, X, nCols, t.names, `${this.estimatorName} '${name}'`);
      cols.forEach((j) => used.add(j));
      return [name, est === 'drop' || est === 'passthrough' ? est : (est.clone() as BaseEstimator), cols];
    });
    const rest = Array.from({ length: nCols }, (_, j) => j).filter((j) => !used.has(j));
    const { remainder } = this.params;
    if (rest.length > 0 && remainder !== 'drop') fitted.push(['remainder', remainder === 'passthrough' ? 'passthrough' : (remainder.clone() as BaseEstimator), rest]);
    const outputs: number[][][] = [];
    for (const [name, est, cols] of fitted) {
      if (est === 'drop' || cols.length === 0) {
        outputs.push(Array.from({ length: t.nRows }, () => []));
        continue;
      }
      const part = subset(t, cols);
      if (est === 'passthrough') outputs.push(passthroughRows(t, cols, this.estimatorName, name));
      else {
        const e = est as unknown as Any;
        if (typeof e.transform !== 'function') throw new TypeError(`${this.estimatorName}: '${name}' (${est.estimatorName}) is not a transformer (it has no transform).`);
        const out = (transformToo && typeof e.fitTransform === 'function' ? e.fitTransform(part, y ?? undefined) : (e.fit(part, y ?? undefined), e.transform(part))) as number[][];
        outputs.push(out);
      }
    }
    this.transformers_ = fitted;
    this.featureNamesIn_ = t.names ? [...t.names] : null;
    this.outputWidths_ = outputs.map((o) => o[0]?.length ?? 0);
    this.nFeaturesIn_ = nCols;
    return transformToo ? this.stack(outputs, t.nRows) : null;
  }

  private stack(outputs: number[][][], n: number): number[][] {
    const names = this.transformers_.map((e) => e[0]);
    return Array.from({ length: n }, (_, i) => outputs.flatMap((o, k) => {
      const w = this.weight(names[k]);
      return w === 1 ? o[i] : o[i].map((v) => v * w);
    }));
  }

  /** Fits every transformer on its columns; returns this. */
  fit(X: TableLike, y?: LabelsLike | VectorLike): this {
    this.fitEntries(X, y, false);
    return this;
  }

  /** Fits, and returns the transformed input (each transformer's `fitTransform`). */
  fitTransform(X: TableLike, y?: LabelsLike | VectorLike): number[][] {
    return this.fitEntries(X, y, true)!;
  }

  /** Each fitted transformer applied to its columns, outputs side by side. */
  transform(X: TableLike): number[][] {
    this.checkIsFitted();
    const t = readTable(X, this.estimatorName);
    if (t.columns.length !== this.nFeaturesIn_) {
      throw new Error(`X has ${t.columns.length} features, but ${this.estimatorName} is expecting ${this.nFeaturesIn_} features as input.`);
    }
    if (this.featureNamesIn_ && t.names && t.names.some((n, j) => n !== this.featureNamesIn_![j])) {
      throw new Error(`${this.estimatorName}: the columns differ from those seen in fit (${this.featureNamesIn_.join(', ')}); got ${t.names.join(', ')}.`);
    }
    const outputs = this.transformers_.map(([name, est, cols]) => {
      if (est === 'drop' || cols.length === 0) return Array.from({ length: t.nRows }, () => []);
      if (est === 'passthrough') return passthroughRows(t, cols, this.estimatorName, name);
      return (est as unknown as Any).transform(subset(t, cols)) as number[][];
    });
    return this.stack(outputs, t.nRows);
  }

  /** Output column names: each transformer's names for its input columns, prefixed "name__" (unless verboseFeatureNamesOut is false). */
  getFeatureNamesOut(): string[] {
    this.checkIsFitted();
    const input = this.featureNamesIn_ ?? Array.from({ length: this.nFeaturesIn_ }, (_, j) => `x${j}`);
    const out = this.transformers_.flatMap(([name, est, cols], k) => {
      if (est === 'drop' || cols.length === 0) return [];
      const names = namesOut(est, cols.map((j) => input[j]), this.outputWidths_[k], this.estimatorName, name);
      return this.params.verboseFeatureNamesOut ? names.map((n) => `${name}__${n}`) : names;
    });
    if (!this.params.verboseFeatureNamesOut && new Set(out).size !== out.length) {
      throw new Error(`${this.estimatorName}: output names are not unique without prefixes; set verboseFeatureNamesOut: true.`);
    }
    return out;
  }
}

/**
 * A ColumnTransformer named automatically, as sklearn's `make_column_transformer`: each
 * transformer is named after its class in lower case ("standardscaler", numbered when
 * repeated). A trailing options object sets the other params.
 *
 * ```ts
 * makeColumnTransformer([new StandardScaler(), [0, 1]], [new OneHotEncoder(), [2]], { remainder: 'passthrough' });
 * ```
 */
export function makeColumnTransformer(
  ...args: ([BaseEstimator | 'drop' | 'passthrough', Columns] | Partial<Omit<ColumnTransformerParams, 'transformers'>>)[]
): ColumnTransformer {
  const last = args[args.length - 1];
  const options = last !== undefined && !Array.isArray(last) ? (args.pop() as Partial<ColumnTransformerParams>) : {};
  const specs = args as [BaseEstimator | 'drop' | 'passthrough', Columns][];
  const base = specs.map(([e]) => (typeof e === 'string' ? e : e.estimatorName.toLowerCase()));
  const counts = new Map<string, number>();
  base.forEach((n) => counts.set(n, (counts.get(n) ?? 0) + 1));
  const seen = new Map<string, number>();
  const transformers = specs.map(([e, cols], i): ColumnTransformerEntry => {
    const n = base[i];
    if (counts.get(n) === 1) return [n, e, cols];
    const k = (seen.get(n) ?? 0) + 1;
    seen.set(n, k);
    return [`${n}-${k}`, e, cols];
  });
  return new ColumnTransformer({ ...options, transformers });
}
