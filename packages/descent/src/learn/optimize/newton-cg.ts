/**
 * Truncated Newton, or Newton–CG (Nocedal & Wright, Numerical Optimization, Algorithm 7.1),
 * the method behind scikit-learn's `solver='newton-cg'`.
 *
 * Each iteration solves the Newton system H·p = −g only approximately, by conjugate
 * gradients that need Hessian–vector products H·v and never the Hessian itself; the
 * inner solve stops once the residual has shrunk by a factor min(0.5, √‖g‖₁), which
 * gives superlinear convergence near the optimum. A Wolfe line search then picks the step.
 */
import { wolfeLineSearch, type ValueAndGrad } from './line-search.js';

/** At a point x: returns a function that writes H(x)·v into `out`. */
export type HessianAt = (x: Float64Array) => (v: Float64Array, out: Float64Array) => void;

export interface NewtonCgOptions {
  /** Maximum Newton iterations. Default 100. */
  maxIter?: number;
  /** Stop when max|gᵢ| ≤ tol. Default 1e-4. */
  tol?: number;
  /** Maximum conjugate-gradient iterations per Newton step. Default 200. */
  maxInner?: number;
}

export interface NewtonCgResult { x: Float64Array; f: number; grad: Float64Array; nIter: number; converged: boolean }

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/**
 * Approximately solves H·p = −g by conjugate gradients, stopping when ‖r‖₁ ≤ tol or when
 * a direction of non-positive curvature appears (then the iterate so far, or −g on the
 * first step, is still a descent direction).
 */
function conjugateGradient(hv: (v: Float64Array, out: Float64Array) => void, g: Float64Array, tol: number, maxInner: number): Float64Array {
  const n = g.length;
  const p = new Float64Array(n);
  const r = Float64Array.from(g, (v) => -v); // residual −g − H·p, with p = 0
  const d = Float64Array.from(r);
  const Hd = new Float64Array(n);
  let rr = dot(r, r);
  for (let k = 0; k < maxInner; k++) {
    let rAbs = 0;
    for (let i = 0; i < n; i++) rAbs += Math.abs(r[i]);
    if (rAbs <= tol) break;
    hv(d, Hd);
    const curv = dot(d, Hd);
    if (curv <= 1e-16 * dot(d, d)) {
      if (k === 0) p.set(r);
      break;
    }
    const a = rr / curv;
    for (let i = 0; i < n; i++) {
      p[i] += a * d[i];
      r[i] -= a * Hd[i];
    }
    const rrNext = dot(r, r);
    const beta = rrNext / rr;
    rr = rrNext;
    for (let i = 0; i < n; i++) d[i] = r[i] + beta * d[i];
  }
  return p;
}

/**
 * Minimises f from x0 by Newton–CG, given f with its gradient and Hessian–vector products.
 *
 * ```ts
 * // f(x) = ½xᵀAx − bᵀx with A = [[3, 1], [1, 2]]: one Newton step lands on A⁻¹b.
 * const A = [[3, 1], [1, 2]], b = [9, 8];
 * const fg = (x: Float64Array, g: Float64Array) => {
 *   for (let i = 0; i < 2; i++) g[i] = A[i][0] * x[0] + A[i][1] * x[1] - b[i];
 *   return 0.5 * (x[0] * (g[0] - b[0]) + x[1] * (g[1] - b[1]));
 * };
 * const hess = () => (v: Float64Array, out: Float64Array) => { out[0] = 3 * v[0] + v[1]; out[1] = v[0] + 2 * v[1]; };
 * newtonCg(fg, hess, [0, 0]).x; // [2, 3]
 * ```
 */
export function newtonCg(fg: ValueAndGrad, hessian: HessianAt, x0: ArrayLike<number>, options: NewtonCgOptions = {}): NewtonCgResult {
  const maxIter = options.maxIter ?? 100;
  const tol = options.tol ?? 1e-4;
  let x: Float64Array = Float64Array.from(x0);
  let g: Float64Array = new Float64Array(x.length);
  let f = fg(x, g);
  for (let iter = 0; iter < maxIter; iter++) {
    let gMax = 0;
    let gSum = 0;
    for (let i = 0; i < g.length; i++) {
      gMax = Math.max(gMax, Math.abs(g[i]));
      gSum += Math.abs(g[i]);
    }
    if (gMax <= tol) return { x, f, grad: g, nIter: iter, converged: true };
    const p = conjugateGradient(hessian(x), g, Math.min(0.5, Math.sqrt(gSum)) * gSum, options.maxInner ?? 200);
    if (!(dot(p, g) < 0)) for (let i = 0; i < p.length; i++) p[i] = -g[i];
    const ls = wolfeLineSearch(fg, x, f, g, p, { step0: 1 });
    // No progress (the line search failed, or the step no longer moves x): the rounding floor.
    if ((!ls.ok && !(ls.f < f)) || ls.x.every((v, i) => v === x[i])) return { x, f, grad: g, nIter: iter + 1, converged: false };
    x = ls.x;
    f = ls.f;
    g = ls.grad;
  }
  let gMax = 0;
  for (let i = 0; i < g.length; i++) gMax = Math.max(gMax, Math.abs(g[i]));
  return { x, f, grad: g, nIter: maxIter, converged: gMax <= tol };
}
