/**
 * FunctionTransformer: a transformer made from a function (sklearn.preprocessing.FunctionTransformer),
 * for a stateless step in a Pipeline or ColumnTransformer (a log transform, a ratio of columns).
 *
 * Saving: JSON cannot hold a function. `func` and `inverseFunc` may therefore be either
 * functions (which work everywhere except `toJSON`, where they raise a clear error) or the
 * names of registered functions: the built-ins 'log', 'log1p', 'exp', 'expm1', 'sqrt',
 * 'square', 'abs', 'reciprocal' (applied to every element), or your own added with
 * `registerFunction`. Named functions save and load like any other parameter.
 */
import type { EstimatorSpec } from '../base/base-estimator.js';
import { C } from '../base/constraints.js';
import { Transformer } from '../base/mixins.js';
import type { EstimatorJSON } from '../base/serialize.js';
import { checkArray, toRows, type MatrixLike } from '../base/validation.js';

/** A function of the whole input (rows of features) giving the output rows. */
export type MatrixFunction = (X: number[][]) => number[][];

const elementwise = (f: (v: number) => number): MatrixFunction => (X) => X.map((r) => r.map(f));

const FUNCTIONS = new Map<string, MatrixFunction>([
  ['log', elementwise(Math.log)],
  ['log1p', elementwise(Math.log1p)],
  ['exp', elementwise(Math.exp)],
  ['expm1', elementwise(Math.expm1)],
  ['sqrt', elementwise(Math.sqrt)],
  ['square', elementwise((v) => v * v)],
  ['abs', elementwise(Math.abs)],
  ['reciprocal', elementwise((v) => 1 / v)],
]);

/**
 * Registers a named function for FunctionTransformer, so a transformer using it can be
 * saved with `toJSON` and loaded back (register it again before loading).
 *
 * ```ts
 * registerFunction('ratio', (X) => X.map(([a, b]) => [a / b]));
 * new FunctionTransformer({ func: 'ratio' }).fitTransform([[6, 3]]); // [[2]]
 * ```
 */
export function registerFunction(name: string, f: MatrixFunction): void {
  const existing = FUNCTIONS.get(name);
  if (existing && existing !== f) throw new Error(`A function named '${name}' is already registered for FunctionTransformer.`);
  FUNCTIONS.set(name, f);
}

function lookup(f: string | MatrixFunction | null, which: string): MatrixFunction | null {
  if (f === null || typeof f === 'function') return f;
  const g = FUNCTIONS.get(f);
  if (!g) throw new Error(`FunctionTransformer: no function named '${f}' for ${which}. Known: ${[...FUNCTIONS.keys()].join(', ')}; add yours with registerFunction.`);
  return g;
}

const fnConstraint = [C.null, C.string, C.custom('a function', (v) => typeof v === 'function')];

export interface FunctionTransformerParams {
  /** The forward function (or a registered name); null is the identity. */
  func: string | MatrixFunction | null;
  /** Its inverse, for `inverseTransform`; null is the identity. */
  inverseFunc: string | MatrixFunction | null;
  /** Also refuse NaN in X. Default false (NaN, a missing value, passes to func). */
  validate: boolean;
  /** When both functions are given, check in `fit` that inverseFunc(func(X)) ≈ X on up to 100 rows, and throw if not. Default true. */
  checkInverse: boolean;
}

/**
 * ```ts
 * const ft = new FunctionTransformer({ func: 'log1p', inverseFunc: 'expm1' });
 * ft.fitTransform([[0, 1], [2, 3]]);   // [[0, 0.693…], [1.098…, 1.386…]]
 * ```
 */
export class FunctionTransformer extends Transformer<FunctionTransformerParams> {
  static override readonly spec: EstimatorSpec<FunctionTransformerParams> = {
    name: 'FunctionTransformer',
    defaults: { func: null, inverseFunc: null, validate: false, checkInverse: true },
    constraints: { func: fnConstraint, inverseFunc: fnConstraint, validate: [C.boolean], checkInverse: [C.boolean] },
    tags: { stateless: true, allowNaN: true },
  };

  /** Set once `fit` has run (a FunctionTransformer learns nothing else). */
  declare fitted_: true;

  /**
   * X as func receives it: a checked 2-D numeric matrix as rows. NaN passes (missing values
   * may flow through) unless `validate`; infinity and ragged or 1-D input are always refused,
   * since every Descent transformer maps a numeric matrix to a numeric matrix.
   */
  private input(X: MatrixLike, fitting: boolean): number[][] {
    if (!fitting) this.checkIsFitted();
    const M = checkArray(X, { caller: this.estimatorName, allowNaN: !this.params.validate });
    if (fitting) this.nFeaturesIn_ = M.cols;
    else this.checkNFeatures(M);
    return toRows(M);
  }

  fit(X: MatrixLike): this {
    this.beginFit();
    const rows = this.input(X, true);
    const func = lookup(this.params.func, 'func');
    const inverse = lookup(this.params.inverseFunc, 'inverseFunc');
    if (this.params.checkInverse && func && inverse) {
      // sklearn checks up to 100 evenly spaced rows with np.allclose (rtol 1e-5, atol 1e-8),
      // and warns; we throw, since a wrong inverse silently corrupts inverseTransform.
      const step = Math.max(1, Math.floor(rows.length / 100));
      const sample = rows.filter((_, i) => i % step === 0).slice(0, 100);
      const back = (inverse ?? ((x) => x))((func ?? ((x) => x))(sample.map((r) => [...r])));
      const ok = back.length === sample.length && sample.every((r, i) => r.every((v, j) => {
        const b = back[i]?.[j];
        return (Number.isNaN(v) && Number.isNaN(b)) || Math.abs(b - v) <= 1e-8 + 1e-5 * Math.abs(v);
      }));
      if (!ok) {
        throw new Error('FunctionTransformer: the provided functions are not strictly inverse of each other. If you are sure you want to proceed regardless, set checkInverse: false.');
      }
    }
    this.fitted_ = true;
    return this;
  }

  transform(X: MatrixLike): number[][] {
    const rows = this.input(X, false);
    const func = lookup(this.params.func, 'func');
    return func ? func(rows.map((r) => [...r])) : rows.map((r) => [...r]);
  }

  inverseTransform(X: MatrixLike): number[][] {
    const rows = this.input(X, false);
    const inverse = lookup(this.params.inverseFunc, 'inverseFunc');
    return inverse ? inverse(rows.map((r) => [...r])) : rows.map((r) => [...r]);
  }

  override toJSON(): EstimatorJSON {
    for (const key of ['func', 'inverseFunc'] as const) {
      if (typeof this.params[key] === 'function') {
        throw new TypeError(
          `Cannot save FunctionTransformer: ${key} is a function, which JSON cannot hold. Register it by name ` +
            `(registerFunction('myFunc', fn)) and pass ${key}: 'myFunc' instead; register it again before loading.`,
        );
      }
    }
    return super.toJSON();
  }
}
