/**
 * Why you must not peek: simulate many A/A experiments (both arms convert at the same rate,
 * so every "significant" result is a false positive), run the two-proportion z-test after
 * every batch of visitors, and stop at the first p < α. With one look at the end the false-
 * positive rate is α; with K looks it is far higher — for K = 10 equally spaced looks at
 * α = 0.05 the exact normal-theory value is 0.193 (Armitage, McPherson & Rowe, J. R. Stat.
 * Soc. A 132 (1969) 235–244; Jennison & Turnbull, Group Sequential Methods, 2000, table 1.1).
 * Fixes: decide the sample size in advance, or use a sequential design whose boundaries
 * account for the looks (Pocock, O'Brien–Fleming), or a Bayesian expected-loss rule.
 */
import { defaultGenerator, type Generator } from '../../random/index.js';
import { norm } from '../distributions/norm.js';

export interface PeekingOptions {
  /** Simulated A/A experiments (default 2000). */
  nExperiments?: number;
  /** Visitors per arm added between looks (default 100). */
  batchSize?: number;
  /** Number of looks (default 10); the last one is the fixed-horizon test. */
  nLooks?: number;
  /** The common conversion rate (default 0.1). */
  rate?: number;
  alpha?: number;
  generator?: Generator;
}

export interface PeekingResult {
  /** Share of A/A experiments declared significant at some look. */
  falsePositiveRatePeeking: number;
  /** Share significant at the final look only (should be close to alpha). */
  falsePositiveRateFixed: number;
  /** The cumulative false-positive rate after each look. */
  cumulativeByLook: number[];
  /** Monte Carlo standard errors of the two rates. */
  sePeeking: number;
  seFixed: number;
}

/**
 * ```ts
 * import { peekingSimulation } from 'descent/stats';
 * const r = peekingSimulation({ nExperiments: 2000, nLooks: 10 });
 * r.falsePositiveRateFixed;    // ≈ 0.05
 * r.falsePositiveRatePeeking;  // ≈ 0.19
 * ```
 */
export function peekingSimulation(options: PeekingOptions = {}): PeekingResult {
  const { nExperiments = 2000, batchSize = 100, nLooks = 10, rate = 0.1, alpha = 0.05, generator = defaultGenerator } = options;
  for (const [name, v] of [['nExperiments', nExperiments], ['batchSize', batchSize], ['nLooks', nLooks]] as const) {
    if (!Number.isInteger(v) || v < 1) throw new RangeError(`peekingSimulation: ${name} must be a positive integer, got ${v}`);
  }
  if (!(rate > 0 && rate < 1)) throw new RangeError(`peekingSimulation: rate must be in (0, 1), got ${rate}`);
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`peekingSimulation: alpha must be in (0, 1), got ${alpha}`);
  const zCrit = norm.isf(alpha / 2);
  const firstHit = new Array<number>(nLooks).fill(0);
  let fixedHits = 0;
  for (let e = 0; e < nExperiments; e++) {
    let a = 0;
    let b = 0;
    let stopped = false;
    for (let look = 1; look <= nLooks; look++) {
      for (let i = 0; i < batchSize; i++) {
        if (generator.random() < rate) a++;
        if (generator.random() < rate) b++;
      }
      const n = look * batchSize;
      const pooled = (a + b) / (2 * n);
      const se = Math.sqrt(pooled * (1 - pooled) * (2 / n));
      // |z| > z_{α/2} is p < α for the two-sided pooled z-test (proportionsZtest)
      const significant = se > 0 && Math.abs((a - b) / n / se) > zCrit;
      if (significant && !stopped) {
        firstHit[look - 1]++;
        stopped = true; // a peeker stops here and ships
      }
      if (look === nLooks && significant) fixedHits++;
    }
  }
  const cumulativeByLook: number[] = [];
  let total = 0;
  for (const h of firstHit) cumulativeByLook.push((total += h) / nExperiments);
  const peek = total / nExperiments;
  const fixed = fixedHits / nExperiments;
  return {
    falsePositiveRatePeeking: peek,
    falsePositiveRateFixed: fixed,
    cumulativeByLook,
    sePeeking: Math.sqrt((peek * (1 - peek)) / nExperiments),
    seFixed: Math.sqrt((fixed * (1 - fixed)) / nExperiments),
  };
}
