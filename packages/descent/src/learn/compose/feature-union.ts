/**
 * FeatureUnion: several transformers applied to the same input, outputs side by side
 * (sklearn.pipeline.FeatureUnion), e.g. the scaled features next to their polynomial terms.
 */
import { BaseEstimator, isEstimator, type EstimatorSpec, type EstimatorTags } from '../base/base-estimator.js';
import { C } from '../base/constraints.js';
import type { LabelsLike, VectorLike } from '../base/validation.js';
import type { TableLike } from '../frame.js';
import { namesOut } from './column-transformer.js';
import { passthroughRows, readTable } from './table.js';

type Any = Record<string, (...args: unknown[]) => unknown>;

export interface FeatureUnionParams {
  /** [name, transformer or 'drop' or 'passthrough'] pairs. */
  transformerList: [name: string, transformer: BaseEstimator | 'drop' | 'passthrough'][];
  /** Multiply each transformer's output by its weight (by name); null: all 1. */
  transformerWeights: Record<string, number> | null;
}

/**
 * ```ts
 * const union = new FeatureUnion({ transformerList: [['scaled', new StandardScaler()], ['poly', new PolynomialFeatures()]] });
 * union.fitTransform([[1, 2], [3, 4]]); // 2 scaled columns, then 6 polynomial ones
 * ```
 */
export class FeatureUnion extends BaseEstimator<FeatureUnionParams> {
  static override readonly spec: EstimatorSpec<FeatureUnionParams> = {
    name: 'FeatureUnion',
    defaults: { transformerList: [], transformerWeights: null },
    constraints: {
      transformerList: [C.custom("an array of [name, transformer | 'drop' | 'passthrough'] with unique names", (v) =>
        Array.isArray(v) && v.length > 0 && v.every((e) => Array.isArray(e) && e.length === 2 && typeof e[0] === 'string' && !e[0].includes('__') &&
          (isEstimator(e[1]) || e[1] === 'drop' || e[1] === 'passthrough')) && new Set(v.map((e) => (e as unknown[])[0])).size === v.length)],
      transformerWeights: [C.null, C.custom('an object of numbers by transformer name', (v) =>
        typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every((w) => typeof w === 'number'))],
    },
    tags: { requiredParams: ['transformerList'] },
  };

  /** The fitted transformers, in order. */
  declare transformerList_: [string, BaseEstimator | 'drop' | 'passthrough'][];
  declare outputWidths_: number[];
  declare featureNamesIn_: string[] | null;

  /** NaN is accepted when every transformer in the union accepts it. */
  override get tags(): EstimatorTags {
    return { ...super.tags, allowNaN: this.nestedEstimators().every(([, e]) => e.tags.allowNaN) };
  }

  protected override nestedEstimators(): [string, BaseEstimator][] {
    const ts = Array.isArray(this.params.transformerList) ? this.params.transformerList : [];
    return ts.filter((e) => Array.isArray(e) && isEstimator(e[1])) as [string, BaseEstimator][];
  }

  protected override setOwnParam(key: string, value: unknown): boolean {
    if (key in this.params) return super.setOwnParam(key, value);
    const i = this.params.transformerList.findIndex((e) => e[0] === key);
    if (i < 0 || !(isEstimator(value) || value === 'drop' || value === 'passthrough')) return false;
    this.params.transformerList = this.params.transformerList.map((e, k) => (k === i ? [key, value] : e));
    return true;
  }

  private run(X: TableLike, y: unknown, fitting: boolean): number[][] {
    // Read once for the width, the names and what a 'passthrough' entry hands on; every
    // transformer gets X as given (a DataFrame stays one, so encoders can read its text).
    const t = readTable(X, this.estimatorName);
    if (!fitting && t.columns.length !== this.nFeaturesIn_) {
      throw new Error(`X has ${t.columns.length} features, but ${this.estimatorName} is expecting ${this.nFeaturesIn_} features as input.`);
    }
    const list = fitting
      ? this.params.transformerList.map(([n, e]): [string, BaseEstimator | 'drop' | 'passthrough'] => [n, typeof e === 'string' ? e : e.clone()])
      : this.transformerList_;
    const all = t.columns.map((_, j) => j);
    const outputs = list.map(([name, est]) => {
      if (est === 'drop') return { name, out: null };
      if (est === 'passthrough') return { name, out: passthroughRows(t, all, this.estimatorName, name) };
      const e = est as unknown as Any;
      return { name, out: (fitting ? e.fitTransform(X, y ?? undefined) : e.transform(X)) as number[][] };
    });
    if (fitting) {
      this.transformerList_ = list;
      this.outputWidths_ = outputs.map((o) => o.out?.[0]?.length ?? 0);
      this.featureNamesIn_ = t.names ? [...t.names] : null;
      this.nFeaturesIn_ = t.columns.length;
    }
    return Array.from({ length: t.nRows }, (_, i) => outputs.flatMap(({ name, out }) => {
      if (out === null) return [];
      const w = this.params.transformerWeights?.[name] ?? 1;
      return w === 1 ? out[i] : out[i].map((v) => v * w);
    }));
  }

  fit(X: TableLike, y?: LabelsLike | VectorLike): this {
    this.fitTransform(X, y);
    return this;
  }

  fitTransform(X: TableLike, y?: LabelsLike | VectorLike): number[][] {
    this.beginFit();
    if (this.params.transformerList.every(([, e]) => e === 'drop')) throw new Error('FeatureUnion: every transformer is dropped; keep at least one.');
    return this.run(X, y, true);
  }

  transform(X: TableLike): number[][] {
    this.checkIsFitted();
    return this.run(X, undefined, false);
  }

  /** "name__feature" for every output column. */
  getFeatureNamesOut(inputFeatures?: string[]): string[] {
    this.checkIsFitted();
    const input = inputFeatures ?? this.featureNamesIn_ ?? Array.from({ length: this.nFeaturesIn_ }, (_, j) => `x${j}`);
    return this.transformerList_.flatMap(([name, est], k) =>
      est === 'drop' ? [] : namesOut(est, input, this.outputWidths_[k], this.estimatorName, name).map((f) => `${name}__${f}`));
  }
}
