/**
 * A line search that finds a step satisfying the strong Wolfe conditions (Nocedal &
 * Wright, Numerical Optimization, 2nd ed., Algorithms 3.5 and 3.6):
 *
 *   sufficient decrease   φ(a) ≤ φ(0) + c1·a·φ'(0)
 *   curvature             |φ'(a)| ≤ c2·|φ'(0)|
 *
 * where φ(a) = f(x + a·p) along a descent direction p. The curvature condition keeps
 * sᵀy > 0 for quasi-Newton updates, which is what makes L-BFGS's Hessian estimate stay
 * positive definite.
 */

/** f(x) and its gradient: fills `grad` and returns f. Non-finite f counts as "too far". */
export type ValueAndGrad = (x: Float64Array, grad: Float64Array) => number;

export interface LineSearchOptions {
  /** First trial step. Default 1 (the natural step of (quasi-)Newton methods). */
  step0?: number;
  /** Sufficient-decrease constant. Default 1e-4. */
  c1?: number;
  /** Curvature constant. Default 0.9 (loose, as suits quasi-Newton directions). */
  c2?: number;
  /** Maximum evaluations of f. Default 30. */
  maxEval?: number;
}

export interface LineSearchResult {
  /** Whether a step satisfying both Wolfe conditions was found. */
  ok: boolean;
  step: number;
  /** x + step·p, f there and its gradient (the best point found if !ok). */
  x: Float64Array;
  f: number;
  grad: Float64Array;
  nEval: number;
}

interface Point { a: number; f: number; d: number; x: Float64Array; g: Float64Array }

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/**
 * The minimiser of the cubic through (a, fa, da) and (b, fb, db), or NaN when the cubic
 * has no real minimiser (Nocedal & Wright eq. 3.59).
 */
function cubicMin(a: number, fa: number, da: number, b: number, fb: number, db: number): number {
  const d1 = da + db - (3 * (fa - fb)) / (a - b);
  const disc = d1 * d1 - da * db;
  if (!(disc >= 0)) return NaN;
  const d2 = Math.sign(b - a) * Math.sqrt(disc);
  return b - ((b - a) * (db + d2 - d1)) / (db - da + 2 * d2);
}

/**
 * Searches along p from x (where f = f0 and the gradient is g0) for a strong-Wolfe step.
 *
 * ```ts
 * const fg = (x: Float64Array, g: Float64Array) => { g[0] = 2 * (x[0] - 3); return (x[0] - 3) ** 2; };
 * const x = new Float64Array([0]);
 * const g = new Float64Array(1); const f = fg(x, g);
 * wolfeLineSearch(fg, x, f, g, new Float64Array([-g[0]])).x; // [3]: the exact minimiser on this quadratic (a cubic step)
 * ```
 */
export function wolfeLineSearch(fg: ValueAndGrad, x: Float64Array, f0: number, g0: Float64Array, p: Float64Array, options: LineSearchOptions = {}): LineSearchResult {
  const c1 = options.c1 ?? 1e-4;
  const c2 = options.c2 ?? 0.9;
  const maxEval = options.maxEval ?? 30;
  const d0 = dot(g0, p);
  if (!(d0 < 0)) throw new Error(`wolfeLineSearch: p is not a descent direction (gradient·p = ${d0}).`);
  let nEval = 0;
  let best: Point = { a: 0, f: f0, d: d0, x, g: g0 };
  const evaluate = (a: number): Point => {
    const xa = new Float64Array(x.length);
    for (let i = 0; i < x.length; i++) xa[i] = x[i] + a * p[i];
    const g = new Float64Array(x.length);
    let f = fg(xa, g);
    if (!Number.isFinite(f)) f = Infinity;
    nEval++;
    const pt = { a, f, d: Number.isFinite(f) ? dot(g, p) : NaN, x: xa, g };
    if (pt.f < best.f) best = pt;
    return pt;
  };
  const done = (pt: Point, ok: boolean): LineSearchResult => {
    const use = ok ? pt : best;
    return { ok, step: use.a, x: use.x, f: use.f, grad: use.g, nEval };
  };
  // Sufficient decrease, or, once f changes by no more than its rounding error, Hager and
  // Zhang's approximate form on the slope (φ'(a) ≤ (2c1 − 1)·φ'(0), exact for quadratics),
  // which lets the search keep making progress where comparing f values is noise
  // (Hager & Zhang, SIAM J. Optim. 2005).
  const fNoise = 1e-13 * Math.abs(f0);
  const armijo = (pt: Point) => pt.f <= f0 + c1 * pt.a * d0 || (pt.f <= f0 + fNoise && pt.d <= (2 * c1 - 1) * d0);
  const curvature = (pt: Point) => Math.abs(pt.d) <= -c2 * d0;

  // Zoom into [lo, hi], an interval known to contain a Wolfe step; lo satisfies the
  // sufficient-decrease condition and has the lowest f seen so far.
  const zoom = (lo: Point, hi: Point): LineSearchResult => {
    while (nEval < maxEval) {
      const width = hi.a - lo.a;
      let a = Number.isFinite(hi.f) ? cubicMin(lo.a, lo.f, lo.d, hi.a, hi.f, hi.d) : NaN;
      // Safeguard: stay well inside the interval, else bisect.
      const lower = Math.min(lo.a, hi.a) + 0.1 * Math.abs(width);
      const upper = Math.max(lo.a, hi.a) - 0.1 * Math.abs(width);
      if (!(a >= lower && a <= upper)) a = lo.a + 0.5 * width;
      if (Math.abs(width) < 1e-16 * Math.max(1, Math.abs(lo.a))) break;
      const pt = evaluate(a);
      if (!armijo(pt) || pt.f > lo.f + fNoise) {
        hi = pt;
      } else {
        if (curvature(pt)) return done(pt, true);
        if (pt.d * (hi.a - lo.a) >= 0) hi = lo;
        lo = pt;
      }
    }
    return done(lo, false);
  };

  let prev: Point = { a: 0, f: f0, d: d0, x, g: g0 };
  let a = options.step0 ?? 1;
  for (let i = 0; nEval < maxEval; i++) {
    const pt = evaluate(a);
    if (!armijo(pt) || (i > 0 && pt.f > prev.f + fNoise)) return zoom(prev, pt);
    if (curvature(pt)) return done(pt, true);
    if (pt.d >= 0) return zoom(pt, prev);
    prev = pt;
    a *= 2;
  }
  return done(prev, false);
}
