/**
 * Confidence intervals for a binomial proportion, as statsmodels'
 * `proportion_confint(count, nobs, alpha, method)`: 'normal' (Wald), 'wilson' (Wilson
 * 1927, the score interval), 'agresti_coull' (Agresti & Coull 1998) and 'beta'
 * (Clopper–Pearson, exact from beta quantiles).
 */
import { beta as betaDist } from '../distributions/beta.js';
import { ndtri } from '../special/index.js';

const clip = (low: number, high: number) => ({ low: Math.max(0, low), high: Math.min(1, high) });

export interface ProportionConfintOptions {
  /** 1 − confidence level (default 0.05). */
  alpha?: number;
  method?: 'normal' | 'wilson' | 'agresti_coull' | 'beta';
}

/**
 * ```ts
 * proportionConfint(12, 40, { method: 'wilson' }); // { low: 0.1806…, high: 0.4543… }
 * ```
 */
export function proportionConfint(count: number, nobs: number, options: ProportionConfintOptions = {}): { low: number; high: number } {
  const { alpha = 0.05, method = 'normal' } = options;
  if (!(nobs > 0) || !(count >= 0 && count <= nobs)) throw new RangeError(`proportionConfint: need 0 <= count <= nobs and nobs > 0, got count=${count}, nobs=${nobs}`);
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`proportionConfint: alpha must be in (0, 1), got ${alpha}`);
  const q = count / nobs;
  const z = -ndtri(alpha / 2);
  switch (method) {
    case 'normal': {
      const half = z * Math.sqrt((q * (1 - q)) / nobs);
      // statsmodels clips the Wald and Agresti–Coull intervals to [0, 1]
      return clip(q - half, q + half);
    }
    case 'wilson': {
      const z2 = z * z;
      const denom = 1 + z2 / nobs;
      const centre = (q + z2 / (2 * nobs)) / denom;
      const half = (z * Math.sqrt((q * (1 - q)) / nobs + z2 / (4 * nobs * nobs))) / denom;
      return { low: centre - half, high: centre + half };
    }
    case 'agresti_coull': {
      const nt = nobs + z * z;
      const qt = (count + (z * z) / 2) / nt;
      const half = z * Math.sqrt((qt * (1 - qt)) / nt);
      return clip(qt - half, qt + half);
    }
    case 'beta':
      return {
        low: count === 0 ? 0 : betaDist.ppf(alpha / 2, count, nobs - count + 1),
        high: count === nobs ? 1 : betaDist.isf(alpha / 2, count + 1, nobs - count),
      };
    default:
      throw new RangeError(`proportionConfint: method must be 'normal', 'wilson', 'agresti_coull' or 'beta', got '${method}'`);
  }
}
