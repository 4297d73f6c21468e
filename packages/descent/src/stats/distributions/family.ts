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

/** The methods every frozen distribution has besides its pointwise ones. */
interface FrozenSummaries {
  mean(): number;
  var(): number;
  std(): number;
  median(): number;
  interval(confidence: number): [number, number];
  rvs(options?: RvsOptions): number[];
}

/**
 * The callable family namespace: `family(params)` freezes, each name in `pointwise` becomes
 * `family.name(x, ...params)`, the summaries take the parameters alone, and `fit` is the
 * kind's own. The caller casts the result to its distribution interface.
 */
export function makeNamespace<F extends FrozenSummaries>(
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
