/**
 * Nelder–Mead downhill simplex minimization (Nelder & Mead, Computer Journal 7 (1965) 308;
 * the coefficients and shrink step as in Lagarias et al., SIAM J. Optim. 9 (1998) 112),
 * for the small smooth problems of likelihood fitting where gradients are not at hand.
 * +∞ is a valid function value (outside a parameter's domain) and is never accepted.
 */

export interface NelderMeadOptions {
  /** Stop when the simplex's values and vertices agree to these tolerances. */
  fatol?: number;
  xatol?: number;
  maxIter?: number;
  /** Initial step per coordinate (default 5% of it, or 0.00025 at 0, as SciPy's fmin). */
  step?: readonly number[];
}

export interface NelderMeadResult {
  x: number[];
  fun: number;
  nit: number;
  converged: boolean;
}

/**
 * Minimizes f from x0.
 *
 * ```ts
 * nelderMead(([a, b]) => (a - 1) ** 2 + (b + 2) ** 2, [0, 0]).x; // ≈ [1, −2]
 * ```
 */
export function nelderMead(f: (x: number[]) => number, x0: readonly number[], options: NelderMeadOptions = {}): NelderMeadResult {
  const n = x0.length;
  const { fatol = 1e-12, xatol = 1e-10, maxIter = 400 * Math.max(n, 1) } = options;
  const evaluate = (x: number[]) => {
    const v = f(x);
    return Number.isNaN(v) ? Infinity : v;
  };
  const simplex: number[][] = [x0.slice()];
  for (let i = 0; i < n; i++) {
    const v = x0.slice();
    v[i] = options.step ? v[i] + options.step[i] : v[i] !== 0 ? v[i] * 1.05 : 0.00025;
    simplex.push(v);
  }
  let values = simplex.map(evaluate);
  let it = 0;
  let converged = false;
  for (; it < maxIter; it++) {
    // order the vertices best first
    const order = values.map((_, i) => i).sort((i, j) => values[i] - values[j]);
    const s = order.map((i) => simplex[i]);
    values = order.map((i) => values[i]);
    for (let i = 0; i <= n; i++) simplex[i] = s[i];
    let spread = 0;
    for (let i = 1; i <= n; i++) for (let j = 0; j < n; j++) spread = Math.max(spread, Math.abs(simplex[i][j] - simplex[0][j]));
    if (Number.isFinite(values[n]) && Math.abs(values[n] - values[0]) <= fatol * (1 + Math.abs(values[0])) && spread <= xatol * (1 + Math.max(...simplex[0].map(Math.abs)))) {
      converged = true;
      break;
    }
    const centroid = new Array<number>(n).fill(0);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) centroid[j] += simplex[i][j] / n;
    const along = (t: number) => centroid.map((c, j) => c + t * (simplex[n][j] - c));
    const xr = along(-1);
    const fr = evaluate(xr);
    if (fr < values[0]) {
      const xe = along(-2);
      const fe = evaluate(xe);
      if (fe < fr) [simplex[n], values[n]] = [xe, fe];
      else [simplex[n], values[n]] = [xr, fr];
    } else if (fr < values[n - 1]) {
      [simplex[n], values[n]] = [xr, fr];
    } else {
      // contract outside (toward the reflection) or inside (toward the worst vertex)
      const outside = fr < values[n];
      const xc = along(outside ? -0.5 : 0.5);
      const fc = evaluate(xc);
      if (fc < (outside ? fr : values[n])) {
        [simplex[n], values[n]] = [xc, fc];
      } else {
        for (let i = 1; i <= n; i++) {
          simplex[i] = simplex[i].map((v, j) => simplex[0][j] + 0.5 * (v - simplex[0][j]));
          values[i] = evaluate(simplex[i]);
        }
      }
    }
  }
  let best = 0;
  for (let i = 1; i <= n; i++) if (values[i] < values[best]) best = i;
  return { x: simplex[best], fun: values[best], nit: it, converged };
}
