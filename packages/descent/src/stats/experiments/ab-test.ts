/**
 * A/B tests on conversion rates, both ways:
 *
 * - frequentist: the pooled two-proportion z-test (statsmodels' `proportions_ztest` with two
 *   samples);
 * - Bayesian: independent Beta(α, β) priors, Beta–Binomial posteriors for each arm, the
 *   probability that B's rate beats A's, and the expected loss of shipping each arm,
 *   E[max(p_other − p_chosen, 0)] — how much conversion rate you give up on average if you
 *   pick it and are wrong (Stucchio, "Bayesian A/B Testing at VWO", 2015). Stop when the
 *   expected loss of the leader falls below a threshold of caring, not when P(B > A) first
 *   crosses 95%.
 *
 * P(p_B > p_A) = ∫ f_B(x) F_A(x) dx is integrated numerically (composite Simpson over each
 * posterior's effective support, split where the other one lives, with the regularized
 * incomplete beta for F), so any prior works, not only integer parameters. The loss uses
 * x·Beta(x; α, β) = α/(α + β) · Beta(x; α + 1, β), which turns it into the same integrals.
 */
import { betainc, betaincinv, betaln } from '../special/index.js';
import { norm } from '../distributions/norm.js';

export interface ProportionsZtestOptions {
  alternative?: 'two-sided' | 'larger' | 'smaller';
}

/**
 * Two-sample z-test for equal proportions with the pooled variance.
 *
 * ```ts
 * proportionsZtest([120, 150], [1000, 1000]).pvalue;
 * ```
 */
export function proportionsZtest(count: [number, number], nobs: [number, number], options: ProportionsZtestOptions = {}): { statistic: number; pvalue: number } {
  const { alternative = 'two-sided' } = options;
  if (alternative !== 'two-sided' && alternative !== 'larger' && alternative !== 'smaller') throw new RangeError(`proportionsZtest: alternative must be 'two-sided', 'larger' or 'smaller', got '${alternative}'`);
  checkArms('proportionsZtest', count, nobs);
  const [p1, p2] = [count[0] / nobs[0], count[1] / nobs[1]];
  const p = (count[0] + count[1]) / (nobs[0] + nobs[1]);
  const se = Math.sqrt(p * (1 - p) * (1 / nobs[0] + 1 / nobs[1]));
  if (!(se > 0)) throw new RangeError('proportionsZtest: both arms have all or no successes, so the pooled variance is 0 and z is undefined');
  const z = (p1 - p2) / se;
  const pvalue = alternative === 'two-sided' ? 2 * norm.sf(Math.abs(z)) : alternative === 'larger' ? norm.sf(z) : norm.cdf(z);
  return { statistic: z, pvalue };
}

function checkArms(fn: string, count: ArrayLike<number>, nobs: ArrayLike<number>): void {
  for (let i = 0; i < 2; i++) {
    if (!Number.isInteger(count?.[i]) || !Number.isInteger(nobs?.[i]) || count[i] < 0 || nobs[i] < 1 || count[i] > nobs[i]) {
      throw new RangeError(`${fn}: arm ${i} needs integers 0 <= successes <= trials with trials >= 1, got ${count?.[i]} of ${nobs?.[i]}`);
    }
  }
}

type Beta = [number, number];

const logPdf = ([a, b]: Beta, x: number) => (a - 1) * Math.log(x) + (b - 1) * Math.log1p(-x) - betaln(a, b);

/** Composite Simpson of f on [lo, hi] with n (even) panels. */
function simpson(f: (x: number) => number, lo: number, hi: number, n = 2000): number {
  if (!(hi > lo)) return 0;
  const h = (hi - lo) / n;
  let s = f(lo) + f(hi);
  for (let i = 1; i < n; i++) s += (i % 2 ? 4 : 2) * f(lo + i * h);
  return (s * h) / 3;
}

/** P(X > Y) for independent X ~ Beta(x), Y ~ Beta(y): ∫ f_X(t) F_Y(t) dt. */
export function probBetaGreater(x: Beta, y: Beta): number {
  const tail = 1e-14;
  const [xLo, xHi] = [betaincinv(x[0], x[1], tail), betaincinv(x[0], x[1], 1 - tail)];
  const [yLo, yHi] = [betaincinv(y[0], y[1], tail), betaincinv(y[0], y[1], 1 - tail)];
  // below yLo, F_Y ≈ 0; above yHi, F_Y ≈ 1 (so that part is P(X > yHi) exactly)
  const lo = Math.max(xLo, yLo);
  const hi = Math.min(xHi, yHi);
  const integrand = (t: number) => (t <= 0 || t >= 1 ? 0 : Math.exp(logPdf(x, t)) * betainc(y[0], y[1], t));
  const middle = simpson(integrand, lo, hi);
  const above = yHi < xHi ? 1 - betainc(x[0], x[1], Math.max(yHi, xLo)) : 0;
  return Math.min(1, Math.max(0, middle + above));
}

export interface BayesianAbTestResult {
  /** Posterior Beta parameters per arm. */
  posteriorA: { alpha: number; beta: number; mean: number };
  posteriorB: { alpha: number; beta: number; mean: number };
  /** P(p_B > p_A | data). */
  probBBeatsA: number;
  /** E[max(p_B − p_A, 0)]: the expected loss of shipping A. */
  expectedLossA: number;
  /** E[max(p_A − p_B, 0)]: the expected loss of shipping B. */
  expectedLossB: number;
}

/**
 * ```ts
 * import { bayesianAbTest } from 'descent/stats';
 * const r = bayesianAbTest([120, 150], [1000, 1000]);   // default Beta(1, 1) priors
 * r.probBBeatsA;      // ≈ 0.97
 * r.expectedLossB;    // conversion rate given up if we ship B and it is worse
 * ```
 */
export function bayesianAbTest(count: [number, number], nobs: [number, number], options: { prior?: { alpha: number; beta: number } } = {}): BayesianAbTestResult {
  const { prior = { alpha: 1, beta: 1 } } = options;
  checkArms('bayesianAbTest', count, nobs);
  if (!(prior.alpha > 0 && prior.beta > 0)) throw new RangeError(`bayesianAbTest: prior alpha and beta must be > 0, got ${prior.alpha}, ${prior.beta}`);
  const A: Beta = [prior.alpha + count[0], prior.beta + nobs[0] - count[0]];
  const B: Beta = [prior.alpha + count[1], prior.beta + nobs[1] - count[1]];
  const meanA = A[0] / (A[0] + A[1]);
  const meanB = B[0] / (B[0] + B[1]);
  const probBBeatsA = probBetaGreater(B, A);
  // E[(p_B − p_A)⁺] = E[p_B 1(p_B > p_A)] − E[p_A 1(p_B > p_A)], each a shifted-Beta probability
  const lossA = meanB * probBetaGreater([B[0] + 1, B[1]], A) - meanA * (1 - probBetaGreater([A[0] + 1, A[1]], B));
  const lossB = meanA * probBetaGreater([A[0] + 1, A[1]], B) - meanB * (1 - probBetaGreater([B[0] + 1, B[1]], A));
  return {
    posteriorA: { alpha: A[0], beta: A[1], mean: meanA },
    posteriorB: { alpha: B[0], beta: B[1], mean: meanB },
    probBBeatsA,
    expectedLossA: Math.max(0, lossA),
    expectedLossB: Math.max(0, lossB),
  };
}
