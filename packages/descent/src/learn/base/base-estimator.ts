/**
 * `BaseEstimator`: the contract every estimator in `descent/learn` follows, after
 * scikit-learn's (Buitinck et al., "API design for machine learning software", 2013):
 *
 * - the constructor only stores parameters (merged over the declared defaults);
 * - `fit` validates the parameters against declared constraints, forgets any previous
 *   fit and returns `this`;
 * - learned state lives in attributes ending in `_` (`coef_`, `classes_`, `nFeaturesIn_`),
 *   and using an unfitted estimator throws `NotFittedError`;
 * - `getParams`/`setParams` (with `step__param` names for nested estimators) and `clone`;
 * - `toJSON`, with `loadEstimator` (in `descent/learn`) reading any saved estimator back.
 *
 * Instead of Python's constructor introspection, each class declares a static `spec`:
 * its name, its typed default `Params`, the constraints on each parameter, and `tags`.
 */
import { validateParams, type ParamConstraints } from './constraints.js';
import { NotFittedError } from './errors.js';
import { encodeValue, type EstimatorJSON, type JSONValue } from './serialize.js';
import { checkArray, type Matrix, type MatrixLike } from './validation.js';

/** What kind of estimator this is and what input it takes; read by the common checks. */
export interface EstimatorTags {
  estimatorType: 'classifier' | 'regressor' | 'transformer' | 'clusterer' | 'outlierDetector';
  /** `fit` needs y. */
  requiresY: boolean;
  /** What `fit` takes: a numeric matrix X, a matrix of categories, or (LabelEncoder) only labels. */
  input: 'matrix' | 'categorical' | 'labels';
  /**
   * NaN in X is accepted: it marks a missing value, which the estimator fills (imputers) or
   * ignores in `fit` and passes through (scalers). scikit-learn's `allow_nan` tag; the
   * common checks then require NaN to go through without an error.
   */
  allowNaN: boolean;
  /** `fit` learns nothing from the data beyond its shape (Normalizer). */
  stateless: boolean;
  /** Parameters without a usable default (a Pipeline's `steps`). */
  requiredParams: readonly string[];
}

export const DEFAULT_TAGS: EstimatorTags = {
  estimatorType: 'transformer',
  requiresY: false,
  input: 'matrix',
  allowNaN: false,
  stateless: false,
  requiredParams: [],
};

/** The static description every estimator class declares. */
export interface EstimatorSpec<P> {
  /** The registry name, also used in messages: "Ridge". */
  readonly name: string;
  readonly defaults: Readonly<P>;
  readonly constraints: ParamConstraints<P>;
  readonly tags?: Partial<EstimatorTags>;
}

/** A class that builds estimators from (partial) params, with its spec. */
export interface EstimatorClass {
  new (params?: Record<string, unknown>): BaseEstimator;
  readonly spec: EstimatorSpec<object>;
}

export function isEstimator(v: unknown): v is BaseEstimator {
  return v instanceof BaseEstimator;
}

/** Deep copy of a parameter value: estimators are cloned (unfitted), arrays and plain objects copied. */
function cloneParam(v: unknown): unknown {
  if (isEstimator(v)) return v.clone();
  if (Array.isArray(v)) return v.map(cloneParam);
  if (ArrayBuffer.isView(v)) return (v as unknown as Float64Array).slice();
  if (v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, cloneParam(x)]));
  }
  return v;
}

export abstract class BaseEstimator<P extends object = object> {
  /** Overridden by every concrete class. */
  static readonly spec: EstimatorSpec<object>;

  /** The parameters, as passed to the constructor or `setParams`, over the defaults. */
  params: P;

  /** Number of features seen in `fit`. */
  declare nFeaturesIn_: number;

  constructor(params: Partial<P> = {}) {
    const spec = this.spec;
    const known = Object.keys(spec.defaults);
    for (const key of Object.keys(params)) {
      if (!known.includes(key)) {
        throw new TypeError(`${spec.name} got an unexpected parameter \`${key}\`. Valid parameters are: ${known.join(', ') || '(none)'}.`);
      }
    }
    const merged: Record<string, unknown> = {};
    for (const key of known) {
      const given = (params as Record<string, unknown>)[key];
      merged[key] = given !== undefined ? given : cloneParam((spec.defaults as Record<string, unknown>)[key]);
    }
    this.params = merged as P;
  }

  /** The class's static spec. */
  get spec(): EstimatorSpec<P> {
    return (this.constructor as unknown as { spec: EstimatorSpec<P> }).spec;
  }

  get estimatorName(): string {
    return this.spec.name;
  }

  get tags(): EstimatorTags {
    return { ...DEFAULT_TAGS, ...this.spec.tags };
  }

  /** Estimators held in parameters, by the name used in `name__param` keys. */
  protected nestedEstimators(): [string, BaseEstimator][] {
    return Object.entries(this.params).filter((e): e is [string, BaseEstimator] => isEstimator(e[1]));
  }

  /**
   * The parameters by name. With `deep` (the default), nested estimators' parameters are
   * included as `name__param`, as in scikit-learn.
   *
   * ```ts
   * new Ridge({ alpha: 2 }).getParams(); // { alpha: 2, fitIntercept: true, ... }
   * ```
   */
  getParams(deep = true): Record<string, unknown> {
    const out: Record<string, unknown> = { ...(this.params as Record<string, unknown>) };
    if (deep) {
      for (const [name, est] of this.nestedEstimators()) {
        for (const [k, v] of Object.entries(est.getParams(true))) out[`${name}__${k}`] = v;
      }
    }
    return out;
  }

  /**
   * Sets parameters by name (nested ones as `step__param`) and returns `this`. Values
   * are checked when `fit` runs, as in scikit-learn; unknown names throw at once.
   */
  setParams(params: Partial<P> | Record<string, unknown>): this {
    const own: Record<string, unknown> = {};
    const nested = new Map<string, Record<string, unknown>>();
    for (const [key, value] of Object.entries(params)) {
      const sep = key.indexOf('__');
      if (sep >= 0) {
        const head = key.slice(0, sep);
        if (!nested.has(head)) nested.set(head, {});
        nested.get(head)![key.slice(sep + 2)] = value;
      } else {
        own[key] = value;
      }
    }
    const valid = Object.keys(this.params);
    for (const [key, value] of Object.entries(own)) {
      if (!this.setOwnParam(key, value)) {
        throw new Error(`Invalid parameter \`${key}\` for estimator ${this.estimatorName}. Valid parameters are: ${valid.join(', ')}.`);
      }
    }
    const children = new Map(this.nestedEstimators());
    for (const [head, sub] of nested) {
      const child = children.get(head);
      if (!child) {
        throw new Error(`Invalid parameter \`${head}\` for estimator ${this.estimatorName}: no nested estimator is called \`${head}\`.`);
      }
      child.setParams(sub);
    }
    return this;
  }

  /** Sets one top-level parameter; false if there is no such parameter. Pipelines add step names. */
  protected setOwnParam(key: string, value: unknown): boolean {
    if (!(key in this.params)) return false;
    (this.params as Record<string, unknown>)[key] = value;
    return true;
  }

  /** A new, unfitted estimator with the same parameters (nested estimators cloned too). */
  clone(): this {
    const Ctor = this.constructor as new (p: Partial<P>) => this;
    const params = Object.fromEntries(Object.entries(this.params).map(([k, v]) => [k, cloneParam(v)]));
    return new Ctor(params as Partial<P>);
  }

  /**
   * Whether this estimator offers a method (scikit-learn's `hasattr(est, 'predict_proba')`).
   * A Pipeline answers for its steps: it can `transform` only if its last step can.
   */
  supports(method: string): boolean {
    return typeof (this as unknown as Record<string, unknown>)[method] === 'function';
  }

  /** Names of the fitted attributes currently set (own properties ending in `_`). */
  fittedAttributes(): string[] {
    return Object.keys(this).filter((k) => k.endsWith('_') && (this as Record<string, unknown>)[k] !== undefined);
  }

  isFitted(): boolean {
    return this.fittedAttributes().length > 0;
  }

  /**
   * Call first in `fit`: checks every parameter against the declared constraints and
   * forgets the previous fit, so a failed refit never leaves stale state behind.
   */
  protected beginFit(): void {
    validateParams(this.estimatorName, this.params, this.spec.constraints);
    for (const k of this.fittedAttributes()) delete (this as Record<string, unknown>)[k];
  }

  /** Throws `NotFittedError` unless `fit` has run. */
  protected checkIsFitted(): void {
    if (!this.isFitted()) throw new NotFittedError(this.estimatorName);
  }

  /** At predict/transform time: the same number of features as in `fit`. */
  protected checkNFeatures(X: Matrix): void {
    if (X.cols !== this.nFeaturesIn_) {
      throw new Error(`X has ${X.cols} features, but ${this.estimatorName} is expecting ${this.nFeaturesIn_} features as input.`);
    }
  }

  /**
   * The input checks every predict/transform starts with: fitted, a valid finite
   * matrix (NaN allowed when the `allowNaN` tag says so), and as many features as `fit` saw.
   */
  protected checkPredictInput(X: MatrixLike): Matrix {
    this.checkIsFitted();
    const M = checkArray(X, { caller: this.estimatorName, allowNaN: this.tags.allowNaN });
    this.checkNFeatures(M);
    return M;
  }

  /**
   * A JSON-safe description: name, parameters and fitted attributes. `JSON.stringify`
   * calls it; `loadEstimator` reads it back into an equal estimator.
   */
  toJSON(): EstimatorJSON {
    const params: Record<string, JSONValue> = {};
    for (const [k, v] of Object.entries(this.params)) params[k] = encodeValue(v, `${this.estimatorName}.params.${k}`);
    let fitted: Record<string, JSONValue> | null = null;
    if (this.isFitted()) {
      fitted = {};
      for (const k of this.fittedAttributes()) fitted[k] = encodeValue((this as Record<string, unknown>)[k], `${this.estimatorName}.${k}`);
    }
    return { estimator: this.estimatorName, format: 1, params, fitted };
  }

  /** Restores fitted attributes read by `loadEstimator`. */
  restoreFitted(fitted: Record<string, unknown>): this {
    for (const [k, v] of Object.entries(fitted)) {
      if (!k.endsWith('_')) throw new Error(`${this.estimatorName}: fitted attribute names end in '_', got '${k}'.`);
      (this as Record<string, unknown>)[k] = v;
    }
    return this;
  }
}
