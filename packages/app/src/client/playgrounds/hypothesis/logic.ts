/**
 * The numbers behind the hypothesis-testing playground, kept free of the DOM so they are
 * tested in Node: two groups of n normal draws whose means differ by d standard deviations,
 * Student's two-sample t-test on them, the t distribution the statistic follows when the
 * null is true, and the power from statsmodels' formula (noncentral t), beside a simulated
 * rejection rate.
 */
import { Generator } from 'descent/random';
import { TTestIndPower, t as studentT, ttestInd } from 'descent/stats';

export interface Experiment {
  a: number[];
  b: number[];
  statistic: number;
  pvalue: number;
  df: number;
}

/** One experiment: control ~ N(0, 1), treatment ~ N(d, 1), n each, Student's t-test. */
export function runExperiment(d: number, n: number, generator: Generator): Experiment {
  const a = Array.from({ length: n }, () => generator.normal(0, 1));
  const b = Array.from({ length: n }, () => generator.normal(d, 1));
  // treatment minus control, so a real positive effect gives a positive t
  const { statistic, pvalue } = ttestInd(b, a);
  return { a, b, statistic, pvalue, df: 2 * n - 2 };
}

/** The power of the two-sided test at this effect size, n per group and alpha. */
export function power(d: number, n: number, alpha: number): number {
  return TTestIndPower.power({ effectSize: d, nobs: n, alpha });
}

/** The two-sided critical value: reject when |t| > it. */
export function criticalValue(n: number, alpha: number): number {
  return studentT.ppf(1 - alpha / 2, 2 * n - 2);
}

/** Density of t under the null (t with 2n − 2 df) on a grid. */
export function nullDensity(n: number, xs: number[]): number[] {
  return xs.map((x) => studentT.pdf(x, 2 * n - 2));
}

/** The share of `runs` fresh experiments whose p-value is below alpha. */
export function simulateRejections(d: number, n: number, alpha: number, runs: number, generator: Generator): { rate: number; statistics: number[] } {
  const statistics: number[] = [];
  let rejected = 0;
  for (let r = 0; r < runs; r++) {
    const e = runExperiment(d, n, generator);
    statistics.push(e.statistic);
    if (e.pvalue < alpha) rejected++;
  }
  return { rate: rejected / runs, statistics };
}
