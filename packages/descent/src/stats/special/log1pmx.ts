/**
 * Small helpers shared by the incomplete gamma and beta functions.
 */

/**
 * log(1 + u) − u without cancellation near u = 0 (DiDonato & Morris's `rlog1`,
 * ACM TOMS 18 (1992) 360–373, in series form): for |u| < ½ the Mercator series
 * −u²/2 + u³/3 − …, else the direct formula.
 */
export function log1pmx(u: number): number {
  if (Math.abs(u) >= 0.5) return Math.log1p(u) - u;
  let pow = -u * u;
  let sum = pow / 2;
  for (let k = 3; k < 200; k++) {
    pow *= -u;
    const term = pow / k;
    sum += term;
    if (Math.abs(term) < 1e-17 * Math.abs(sum)) break;
  }
  return sum;
}

/** Numbers below this are treated as zero in the Lentz continued-fraction recurrences. */
export const LENTZ_TINY = 1e-300;
