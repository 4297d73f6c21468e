/**
 * What continuous and discrete families share: the vectorized call types, the checks on the
 * arguments of `interval` and `rvs`, and the family namespace. A namespace call such as
 * `t.ppf(0.975, 10)` reads SciPy-style parameters, freezes, and calls the frozen method:
 * it is `t({ df: 10 }).ppf(0.975)`, so each family kind only writes its frozen object.
 */
import { defaultGenerator, type Generator } from '../../random/index.js';
import { readParams, readRvsOptions, vectorize, type DistArg, type Input, type Params, type RvsOptions } from './args.js';
import type { FitOptions } from './fit.js';

/** A namespace method: a point (or many) first, then the family's parameters. */
export type Vectorized<P> = {
  (x: number, ...args: DistArg<P>[]): number;
  (x: ArrayLike<number>, ...args: DistArg<P>[]): number[];
};

/** A frozen method: numbers give numbers back, arrays give arrays. */
export type FrozenVectorized = {
  (x: number): number;
  (x: ArrayLike<number>): number[];
};

/** Lifts a scalar function to a frozen method that also takes arrays of points. */
export const vectorized = (f: (x: number) => number): FrozenVectorized => ((x: Input) => vectorize(x, f)) as FrozenVectorized;

/** The tail mass (1 − c)/2 on each side of `interval`'s central interval, after checking c. */
export function intervalTail(family: string, confidence: number): number {
  if (!(confidence >= 0 && confidence <= 1)) throw new RangeError(`${family}.interval: confidence must be in [0, 1], got ${confidence}`);
  return (1 - confidence) / 2;
}

/** `rvs`'s checked draw count (one by default) and its generator (the global one by default). */
export function readDraws(family: string, options: RvsOptions): { size: number; generator: Generator } {
  const size = options.size ?? 1;
  if (!Number.isInteger(size) || size < 0) throw new RangeError(`${family}.rvs: size must be a non-negative integer, got ${size}`);
  return { size, generator: options.generator ?? defaultGenerator };
}

/** What every frozen distribution has besides its density (`pdf` or `pmf`). */
export interface FrozenBase {
  readonly params: Readonly<Params>;
  cdf: FrozenVectorized;
  logcdf: FrozenVectorized;
  sf: FrozenVectorized;
  logsf: FrozenVectorized;
  ppf: FrozenVectorized;
  isf: FrozenVectorized;
  mean(): number;
  var(): number;
  std(): number;
  median(): number;
  /**
   * The central interval holding `confidence` of the mass, (1 − c)/2 left out on each side:
   * [ppf((1 − c)/2), isf((1 − c)/2)] for continuous families, as SciPy.
   */
  interval(confidence: number): [number, number];
  /** `size` draws (one by default), always as an array. */
  rvs(options?: RvsOptions): number[];
}

/** What every family namespace has besides its density and its `fit`. */
export interface FamilyBase<P> {
  readonly name: string;
  /** The shape parameters, then 'loc' (and 'scale' if continuous), in SciPy's positional order. */
  readonly paramNames: readonly string[];
  cdf: Vectorized<P>;
  logcdf: Vectorized<P>;
  sf: Vectorized<P>;
  logsf: Vectorized<P>;
  ppf: Vectorized<P>;
  isf: Vectorized<P>;
  mean(...args: DistArg<P>[]): number;
  var(...args: DistArg<P>[]): number;
  std(...args: DistArg<P>[]): number;
  median(...args: DistArg<P>[]): number;
  interval(confidence: number, ...args: DistArg<P>[]): [number, number];
  rvs(...args: DistArg<P>[]): number[];
}

/**
 * The callable family namespace: `family(params)` freezes, each name in `pointwise` becomes
 * `family.name(x, ...params)`, the summaries take the parameters alone, and `fit` is the
 * kind's own. The caller casts the result to its distribution interface.
 */
export function makeNamespace<F extends FrozenBase>(
  name: string,
  paramNames: readonly string[],
  defaults: Params,
  freeze: (p: Params, method: string) => F,
  pointwise: readonly (keyof F & string)[],
  fit: (data: ArrayLike<number>, options?: FitOptions) => Params,
): unknown {
  const read = (method: string, args: readonly unknown[]) => freeze(readParams(name, method, paramNames, defaults, args), method);
  const family = (params: Partial<Params> = {}) => read('freeze', [params]);
  Object.defineProperty(family, 'name', { value: name });
  const methods: Record<string, unknown> = { paramNames };
  for (const method of pointwise) {
    methods[method] = (x: Input, ...args: unknown[]) => (read(method, args)[method] as FrozenVectorized)(x as number);
  }
  Object.assign(family, methods, {
    mean: (...args: unknown[]) => read('mean', args).mean(),
    var: (...args: unknown[]) => read('var', args).var(),
    std: (...args: unknown[]) => read('std', args).std(),
    median: (...args: unknown[]) => read('median', args).median(),
    interval: (confidence: number, ...args: unknown[]) => read('interval', args).interval(confidence),
    rvs: (...args: unknown[]) => read('rvs', args).rvs(readRvsOptions(args)),
    fit,
  });
  return family;
}
