/**
 * Pipeline: a chain of transformers ending in any estimator, fitted and used as one
 * (sklearn.pipeline.Pipeline). Fitting runs `fitTransform` through every step but the
 * last, then fits the last on the result; `predict`, `transform`, `score`... pass the
 * data through the fitted transformers first. Steps' parameters are reachable as
 * `step__param`, so a whole pipeline is tuned and cloned like one estimator.
 */
import { BaseEstimator, isEstimator, type EstimatorSpec, type EstimatorTags } from './base/base-estimator.js';
import { C } from './base/constraints.js';
import type { Label, LabelsLike, VectorLike } from './base/validation.js';
import type { TableLike } from './frame.js';

export type Step = [name: string, estimator: BaseEstimator];

export interface PipelineParams {
  /** The named steps, in order. All but the last must have `fitTransform`/`transform`. */
  steps: Step[];
}

type Any = Record<string, (...args: unknown[]) => unknown>;

const stepsConstraint = C.custom('an array of [name, estimator] pairs with unique names', (v) =>
  Array.isArray(v) && v.length > 0 &&
  v.every((s) => Array.isArray(s) && s.length === 2 && typeof s[0] === 'string' && !s[0].includes('__') && isEstimator(s[1])) &&
  new Set(v.map((s) => (s as Step)[0])).size === v.length);

/**
 * ```ts
 * const model = new Pipeline({ steps: [['scale', new StandardScaler()], ['clf', new DummyClassifier()]] });
 * model.fit(X, y).predict(X);
 * model.setParams({ clf__strategy: 'most_frequent' });
 * ```
 */
export class Pipeline extends BaseEstimator<PipelineParams> {
  static override readonly spec: EstimatorSpec<PipelineParams> = {
    name: 'Pipeline',
    defaults: { steps: [] },
    constraints: { steps: [stepsConstraint] },
    tags: { requiredParams: ['steps'] },
  };

  /**
   * Tags of the final step (its kind decides what the pipeline does), input from the first.
   * NaN is promised only when every step takes it: a step that passes NaN on (a scaler)
   * hands it to the next, and this tag cannot know which steps fill it in.
   */
  override get tags(): EstimatorTags {
    const steps = this.params.steps;
    if (!Array.isArray(steps) || steps.length === 0 || !steps.every((s) => Array.isArray(s) && isEstimator(s[1]))) return super.tags;
    const first = steps[0][1].tags;
    const last = steps[steps.length - 1][1].tags;
    const allowNaN = steps.every(([, e]) => e.tags.allowNaN);
    return { ...last, input: first.input, allowNaN, requiredParams: ['steps'], stateless: false };
  }

  /** The steps by name. */
  get namedSteps(): Record<string, BaseEstimator> {
    return Object.fromEntries(this.params.steps);
  }

  protected override nestedEstimators(): [string, BaseEstimator][] {
    return Array.isArray(this.params.steps) ? this.params.steps.filter((s) => Array.isArray(s) && isEstimator(s[1])) : [];
  }

  /** `setParams({ clf: new Other() })` replaces a step. */
  protected override setOwnParam(key: string, value: unknown): boolean {
    if (key === 'steps') return super.setOwnParam(key, value);
    const i = this.params.steps.findIndex((s) => s[0] === key);
    if (i < 0 || !isEstimator(value)) return false;
    this.params.steps = this.params.steps.map((s, k) => (k === i ? [key, value] : s));
    return true;
  }

  override supports(method: string): boolean {
    const steps = this.params.steps;
    if (method === 'inverseTransform') return steps.every(([, e]) => e.supports(method));
    if (['predict', 'predictProba', 'transform', 'score', 'decisionFunction'].includes(method)) {
      return steps.length > 0 && steps[steps.length - 1][1].supports(method);
    }
    return super.supports(method);
  }

  private get last(): Any {
    return this.params.steps[this.params.steps.length - 1][1] as unknown as Any;
  }

  /** Fits every step in turn; returns this. */
  fit(X: TableLike, y?: LabelsLike | VectorLike): this {
    this.beginFit();
    const steps = this.params.steps;
    let Xt: unknown = X;
    steps.slice(0, -1).forEach(([name, est]) => {
      const e = est as unknown as Any;
      if (typeof e.fitTransform !== 'function' || typeof e.transform !== 'function') {
        throw new TypeError(`All intermediate steps should be transformers and implement fit and transform: step '${name}' (${est.estimatorName}) does not.`);
      }
      Xt = e.fitTransform(Xt, y);
    });
    if (y === undefined) this.last.fit(Xt);
    else this.last.fit(Xt, y);
    this.nFeaturesIn_ = steps[0][1].nFeaturesIn_;
    return this;
  }

  /** X passed through every step but the last. */
  private pre(X: TableLike): unknown {
    this.checkIsFitted();
    let Xt: unknown = X;
    for (const [, est] of this.params.steps.slice(0, -1)) Xt = (est as unknown as Any).transform(Xt);
    return Xt;
  }

  private callLast<T>(method: string, X: TableLike, ...rest: unknown[]): T {
    const fn = this.last[method];
    if (typeof fn !== 'function') {
      throw new TypeError(`This Pipeline has no ${method}: its last step, ${(this.last as unknown as BaseEstimator).estimatorName}, does not have it.`);
    }
    return fn.call(this.last, this.pre(X), ...rest) as T;
  }

  predict(X: TableLike): Label[] | number[] {
    return this.callLast('predict', X);
  }

  predictProba(X: TableLike): number[][] {
    return this.callLast('predictProba', X);
  }

  transform(X: TableLike): number[][] {
    return this.callLast('transform', X);
  }

  fitTransform(X: TableLike, y?: LabelsLike | VectorLike): number[][] {
    return this.fit(X, y).transform(X);
  }

  /** The last step's score (accuracy for classifiers, R² for regressors) on transformed X. */
  score(X: TableLike, y: LabelsLike | VectorLike): number {
    return this.callLast('score', X, y);
  }

  /** Undo every step in reverse; all steps need `inverseTransform`. */
  inverseTransform(X: TableLike): unknown {
    this.checkIsFitted();
    let Xt: unknown = X;
    for (const [name, est] of [...this.params.steps].reverse()) {
      const e = est as unknown as Any;
      if (typeof e.inverseTransform !== 'function') throw new TypeError(`Step '${name}' (${est.estimatorName}) has no inverseTransform.`);
      Xt = e.inverseTransform(Xt);
    }
    return Xt;
  }
}

/**
 * A Pipeline whose step names are the lower-cased class names ("standardscaler"),
 * numbered when repeated ("standardscaler-1", "standardscaler-2").
 *
 * ```ts
 * makePipeline(new StandardScaler(), new DummyRegressor()).fit(X, y).predict(X);
 * ```
 */
export function makePipeline(...estimators: BaseEstimator[]): Pipeline {
  const names = estimators.map((e) => e.estimatorName.toLowerCase());
  const counts = new Map<string, number>();
  for (const n of names) counts.set(n, (counts.get(n) ?? 0) + 1);
  const seen = new Map<string, number>();
  const steps = estimators.map((e, i): Step => {
    const n = names[i];
    if (counts.get(n)! === 1) return [n, e];
    const k = (seen.get(n) ?? 0) + 1;
    seen.set(n, k);
    return [`${n}-${k}`, e];
  });
  return new Pipeline({ steps });
}
