/**
 * Declared parameter constraints, checked at the start of `fit` (scikit-learn's
 * `_parameter_constraints` and `validate_params`). Each parameter lists the constraints
 * it may satisfy; a value is valid if it satisfies any of them, and otherwise `fit`
 * throws one uniform message naming the parameter, the estimator, every allowed form and
 * the offending value:
 *
 *   The `alpha` parameter of Ridge must be a number >= 0. Got -1 instead.
 */
import { InvalidParameterError } from './errors.js';

/** One allowed form of a parameter value. */
export type Constraint =
  | { kind: 'number'; integer?: boolean; min?: number; max?: number; minExclusive?: boolean; maxExclusive?: boolean }
  | { kind: 'options'; values: readonly (string | number | boolean)[] }
  | { kind: 'boolean' }
  | { kind: 'string' }
  | { kind: 'null' }
  | { kind: 'estimator' }
  | { kind: 'custom'; describe: string; test: (value: unknown) => boolean };

/** Builders, so declarations read like the message they produce. */
export const C = {
  /** A real number in an interval (closed unless `minExclusive`/`maxExclusive`). */
  number: (o: { min?: number; max?: number; minExclusive?: boolean; maxExclusive?: boolean } = {}): Constraint => ({ kind: 'number', ...o }),
  /** An integer in an interval. */
  integer: (o: { min?: number; max?: number } = {}): Constraint => ({ kind: 'number', integer: true, ...o }),
  options: (...values: (string | number | boolean)[]): Constraint => ({ kind: 'options', values }),
  boolean: { kind: 'boolean' } as Constraint,
  string: { kind: 'string' } as Constraint,
  null: { kind: 'null' } as Constraint,
  estimator: { kind: 'estimator' } as Constraint,
  custom: (describe: string, test: (value: unknown) => boolean): Constraint => ({ kind: 'custom', describe, test }),
};

/** Constraints for every parameter of a `Params` type. */
export type ParamConstraints<P> = { readonly [K in keyof P]-?: readonly Constraint[] };

function satisfies(c: Constraint, v: unknown): boolean {
  switch (c.kind) {
    case 'number': {
      if (typeof v !== 'number' || Number.isNaN(v)) return false;
      if (c.integer && !Number.isInteger(v)) return false;
      if (c.min !== undefined && (c.minExclusive ? v <= c.min : v < c.min)) return false;
      if (c.max !== undefined && (c.maxExclusive ? v >= c.max : v > c.max)) return false;
      return true;
    }
    case 'options': return c.values.includes(v as string);
    case 'boolean': return typeof v === 'boolean';
    case 'string': return typeof v === 'string';
    case 'null': return v === null;
    case 'estimator':
      return typeof v === 'object' && v !== null && typeof (v as { fit?: unknown }).fit === 'function' &&
        typeof (v as { getParams?: unknown }).getParams === 'function';
    case 'custom': return c.test(v);
  }
}

/** How a constraint reads in a message: "a number >= 0", "an integer in [1, 10]". */
export function describeConstraint(c: Constraint): string {
  switch (c.kind) {
    case 'number': {
      const what = c.integer ? 'an integer' : 'a number';
      const lo = c.min !== undefined && c.min !== -Infinity ? c.min : undefined;
      const hi = c.max !== undefined && c.max !== Infinity ? c.max : undefined;
      if (lo !== undefined && hi !== undefined) {
        return `${what} in ${c.minExclusive ? '(' : '['}${lo}, ${hi}${c.maxExclusive ? ')' : ']'}`;
      }
      if (lo !== undefined) return `${what} ${c.minExclusive ? '>' : '>='} ${lo}`;
      if (hi !== undefined) return `${what} ${c.maxExclusive ? '<' : '<='} ${hi}`;
      return what;
    }
    case 'options': return `one of ${c.values.map(formatValue).join(', ')}`;
    case 'boolean': return 'a boolean';
    case 'string': return 'a string';
    case 'null': return 'null';
    case 'estimator': return 'an estimator';
    case 'custom': return c.describe;
  }
}

/** A value as it appears in a message: strings quoted, arrays and objects as JSON. */
export function formatValue(v: unknown): string {
  if (typeof v === 'string') return `'${v}'`;
  if (typeof v === 'number' || typeof v === 'boolean' || v === null || v === undefined) return String(v);
  if (typeof v === 'function') return 'a function';
  if (typeof v === 'object' && typeof (v as { getParams?: unknown }).getParams === 'function') {
    return `${(v as { constructor: { name: string } }).constructor.name} instance`;
  }
  try {
    return JSON.stringify(v);
  } catch {
    return String(v);
  }
}

/** Throws `InvalidParameterError` for the first parameter that satisfies none of its constraints. */
export function validateParams<P>(estimatorName: string, params: P, constraints: ParamConstraints<P>): void {
  for (const key of Object.keys(constraints) as (keyof P & string)[]) {
    const allowed = constraints[key];
    const value = params[key];
    if (allowed.some((c) => satisfies(c, value))) continue;
    const forms = allowed.map(describeConstraint);
    const list = forms.length <= 1 ? forms.join('') : `${forms.slice(0, -1).join(', ')} or ${forms[forms.length - 1]}`;
    throw new InvalidParameterError(
      `The \`${key}\` parameter of ${estimatorName} must be ${list}. Got ${formatValue(value)} instead.`,
    );
  }
}
