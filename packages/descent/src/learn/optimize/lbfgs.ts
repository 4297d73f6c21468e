/**
 * L-BFGS: limited-memory BFGS (Nocedal, "Updating quasi-Newton matrices with limited
 * storage", Math. Comp. 1980; Nocedal & Wright, Numerical Optimization, Algorithm 7.4/7.5).
 *
 * Newton's method steps by −H⁻¹g. BFGS builds an estimate of H⁻¹ from how the gradient
 * changed along recent steps (s = x₊ − x, y = g₊ − g, with H·s ≈ y); L-BFGS keeps only the
 * last m pairs and applies the estimate to g by the two-loop recursion, in O(m·n) time
 * and memory. Every step comes from a strong-Wolfe line search, which guarantees
 * sᵀy > 0 and so a positive-definite estimate.
 *
 * Stopping follows SciPy's L-BFGS-B (which scikit-learn calls): max|gᵢ| ≤ gtol, or a
 * relative decrease of f below ftol, or maxIter iterations.
 */
import { wolfeLineSearch, type ValueAndGrad } from './line-search.js';

export interface LbfgsOptions {
  /** Maximum iterations. Default 100. */
  maxIter?: number;
  /** Stop when the largest gradient component is ≤ gtol. Default 1e-5. */
  gtol?: number;
  /** Stop when (f_k − f_{k+1}) / max(|f_k|, |f_{k+1}|, 1) ≤ ftol. Default 2.22e-9 (SciPy's); 0 stops on the gradient alone. */
  ftol?: number;
  /** Number of (s, y) pairs kept. Default 10 (SciPy's maxcor). */
  memory?: number;
  /** Maximum function evaluations per line search. Default 20. */
  maxLineSearch?: number;
  /** Stop once f has been evaluated this many times in all (SciPy's maxfun). Default unlimited. */
  maxEval?: number;
  /** Called with f after each iteration (e.g. to record a loss curve). */
  onIteration?: (f: number) => void;
}

export interface LbfgsResult {
  x: Float64Array;
  f: number;
  grad: Float64Array;
  nIter: number;
  nEval: number;
  converged: boolean;
  /** Why it stopped, in words. */
  message: string;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

function maxAbs(a: Float64Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]));
  return m;
}

/**
 * Minimises f from x0, given a function that returns f(x) and writes ∇f(x) into `grad`.
 *
 * ```ts
 * // The Rosenbrock function, minimum at (1, 1).
 * const rosen = (x: Float64Array, g: Float64Array) => {
 *   g[0] = -2 * (1 - x[0]) - 400 * x[0] * (x[1] - x[0] ** 2);
 *   g[1] = 200 * (x[1] - x[0] ** 2);
 *   return (1 - x[0]) ** 2 + 100 * (x[1] - x[0] ** 2) ** 2;
 * };
 * lbfgs(rosen, new Float64Array([-1.2, 1]), { gtol: 1e-10, ftol: 0 }).x; // [1, 1]
 * ```
 */
export function lbfgs(fg: ValueAndGrad, x0: ArrayLike<number>, options: LbfgsOptions = {}): LbfgsResult {
  const maxIter = options.maxIter ?? 100;
  const gtol = options.gtol ?? 1e-5;
  const ftol = options.ftol ?? 2.220446049250313e-9;
  const m = options.memory ?? 10;
  const n = x0.length;
  let x: Float64Array = Float64Array.from(x0);
  let g: Float64Array = new Float64Array(n);
  let f = fg(x, g);
  if (!Number.isFinite(f)) throw new Error(`lbfgs: f is ${f} at the starting point; start somewhere f is finite.`);
  let nEval = 1;
  const S: Float64Array[] = [];
  const Y: Float64Array[] = [];
  const rho: number[] = [];
  const alpha = new Float64Array(m);
  const p = new Float64Array(n);
  if (maxAbs(g) <= gtol) return { x, f, grad: g, nIter: 0, nEval, converged: true, message: 'gradient below gtol' };

  for (let iter = 1; iter <= maxIter; iter++) {
    // Two-loop recursion: p = −H·g with H the L-BFGS inverse-Hessian estimate.
    for (let i = 0; i < n; i++) p[i] = -g[i];
    for (let k = S.length - 1; k >= 0; k--) {
      alpha[k] = rho[k] * dot(S[k], p);
      for (let i = 0; i < n; i++) p[i] -= alpha[k] * Y[k][i];
    }
    if (S.length > 0) {
      const last = S.length - 1;
      const gamma = dot(S[last], Y[last]) / dot(Y[last], Y[last]); // H₀ = γI, scaled to the latest curvature
      for (let i = 0; i < n; i++) p[i] *= gamma;
    }
    for (let k = 0; k < S.length; k++) {
      const beta = rho[k] * dot(Y[k], p);
      for (let i = 0; i < n; i++) p[i] += (alpha[k] - beta) * S[k][i];
    }
    if (!(dot(p, g) < 0)) {
      // Rounding broke descent: forget the memory and take the steepest-descent direction.
      S.length = 0; Y.length = 0; rho.length = 0;
      for (let i = 0; i < n; i++) p[i] = -g[i];
    }
    // With no curvature information yet, the first step is scaled to unit length.
    const step0 = S.length === 0 ? Math.min(1, 1 / Math.sqrt(dot(p, p))) : 1;
    const ls = wolfeLineSearch(fg, x, f, g, p, { step0, maxEval: options.maxLineSearch ?? 20 });
    nEval += ls.nEval;
    if (!ls.ok && !(ls.f < f)) {
      // As L-BFGS-B does: a failed search along a quasi-Newton direction first forgets the
      // memory and tries again along −g; only a second failure in a row stops.
      if (S.length > 0) { S.length = 0; Y.length = 0; rho.length = 0; continue; }
      return { x, f, grad: g, nIter: iter, nEval, converged: false, message: 'line search could not decrease f' };
    }
    if (ls.step === 0 || ls.x.every((v, i) => v === x[i])) {
      return { x, f, grad: g, nIter: iter, nEval, converged: false, message: 'the step no longer changes x (rounding floor)' };
    }
    const s = new Float64Array(n);
    const yv = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      s[i] = ls.x[i] - x[i];
      yv[i] = ls.grad[i] - g[i];
    }
    const fPrev = f;
    x = ls.x;
    f = ls.f;
    g = ls.grad;
    const sy = dot(s, yv);
    if (sy > 1e-10 * dot(yv, yv)) {
      if (S.length === m) { S.shift(); Y.shift(); rho.shift(); }
      S.push(s); Y.push(yv); rho.push(1 / sy);
    }
    options.onIteration?.(f);
    if (maxAbs(g) <= gtol) return { x, f, grad: g, nIter: iter, nEval, converged: true, message: 'gradient below gtol' };
    if (nEval >= (options.maxEval ?? Infinity)) return { x, f, grad: g, nIter: iter, nEval, converged: false, message: 'maxEval reached' };
    if (ftol > 0 && (fPrev - f) / Math.max(Math.abs(fPrev), Math.abs(f), 1) <= ftol) {
      return { x, f, grad: g, nIter: iter, nEval, converged: true, message: 'relative decrease of f below ftol' };
    }
  }
  return { x, f, grad: g, nIter: maxIter, nEval, converged: false, message: 'maxIter reached' };
}
