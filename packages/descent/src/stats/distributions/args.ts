/**
 * Reading SciPy-style distribution arguments: shape parameters positionally or by name,
 * then `loc` and `scale`, e.g. `t.cdf(x, 5)`, `t.cdf(x, 5, { loc: 1 })`,
 * `t.cdf(x, { df: 5, scale: 2 })`, `norm.cdf(x, 0, 2)`.
 */
import type { Generator } from '../../random/index.js';

/** A point or many points: numbers give numbers back, arrays give arrays. */
export type Input = number | ArrayLike<number>;

/** Options of `rvs`: how many draws and from which seeded stream (default: the global one). */
export interface RvsOptions {
  size?: number;
  generator?: Generator;
}

/** The value of each named parameter; shapes are required, `loc`/`scale` default to 0/1. */
export type Params = Record<string, number>;

/** One argument after the point: a positional number or a trailing object of named values. */
export type DistArg<P> = number | (Partial<P> & RvsOptions);

/**
 * Turns `(…positional, {named})` into one parameter object, in the order
 * `names` (the shapes, then `loc`, then `scale` where the family has one).
 */
export function readParams(
  family: string,
  method: string,
  names: readonly string[],
  defaults: Params,
  args: readonly unknown[],
): Params {
  const out: Params = { ...defaults };
  let i = 0;
  for (; i < args.length && typeof args[i] === 'number'; i++) {
    if (i >= names.length) {
      throw new TypeError(`${family}.${method}: too many positional parameters (${family} takes ${names.join(', ')})`);
    }
    out[names[i]] = args[i] as number;
  }
  if (i < args.length) {
    const last = args[i];
    if (i !== args.length - 1 || last === null || typeof last !== 'object') {
      throw new TypeError(`${family}.${method}: parameters are numbers in the order ${names.join(', ')}, optionally followed by one object of named values`);
    }
    for (const [key, value] of Object.entries(last as Record<string, unknown>)) {
      if (key === 'size' || key === 'generator' || value === undefined) continue;
      if (!names.includes(key)) {
        throw new TypeError(`${family}.${method}: unknown parameter '${key}'; ${family} takes ${names.join(', ')}`);
      }
      if (typeof value !== 'number') throw new TypeError(`${family}.${method}: parameter '${key}' must be a number, got ${typeof value}`);
      out[key] = value;
    }
  }
  for (const name of names) {
    if (out[name] === undefined) {
      throw new TypeError(`${family}.${method}: missing shape parameter '${name}'; pass it positionally or as { ${name} }`);
    }
    if (Number.isNaN(out[name])) throw new RangeError(`${family}.${method}: parameter '${name}' is NaN`);
  }
  return out;
}

/** The `{ size, generator }` part of the trailing object, if any. */
export function readRvsOptions(args: readonly unknown[]): RvsOptions {
  const last = args[args.length - 1];
  return last !== null && typeof last === 'object' ? (last as RvsOptions) : {};
}

/** Applies f to a number or to each element of an array. */
export function vectorize(x: Input, f: (v: number) => number): number | number[] {
  if (typeof x === 'number') return f(x);
  const out = new Array<number>(x.length);
  for (let i = 0; i < x.length; i++) out[i] = f(x[i]);
  return out;
}

/** The data passed to `fit` as a Float64Array, checked for length and finiteness. */
export function readData(family: string, data: ArrayLike<number>, minLength = 1): Float64Array {
  if (data.length < minLength) throw new RangeError(`${family}.fit: need at least ${minLength} observations, got ${data.length}`);
  const x = Float64Array.from(data);
  for (let i = 0; i < x.length; i++) {
    if (!Number.isFinite(x[i])) throw new RangeError(`${family}.fit: data must be finite, got ${x[i]} at index ${i}; drop or impute it first`);
  }
  return x;
}
