/**
 * Quasi-Newton minimization by BFGS (Nocedal & Wright, Numerical Optimization, 2nd ed.,
 * Algorithm 6.1) with central-difference gradients and a backtracking Armijo line search:
 * for smooth likelihoods with a handful of parameters it converges to the optimum's last
 * digits, where a simplex method stalls on flat ridges.
 */

export interface BfgsOptions {
  /** Stop when the gradient's largest component falls below gtol. */
  gtol?: number;
  maxIter?: number;
}

export interface BfgsResult {
  x: number[];
  fun: number;
  nit: number;
  converged: boolean;
}

/** Central-difference gradient with steps scaled to each coordinate. */
function gradient(f: (x: number[]) => number, x: number[], fx: number): number[] {
  return x.map((xi, i) => {
    const h = 1e-6 * Math.max(1, Math.abs(xi));
    const up = x.slice();
    const down = x.slice();
    up[i] = xi + h;
    down[i] = xi - h;
    const fu = f(up);
    const fd = f(down);
    if (!Number.isFinite(fu) || !Number.isFinite(fd)) return Number.isFinite(fu) ? (fu - fx) / h : (fx - fd) / h;
    return (fu - fd) / (2 * h);
  });
}

/**
 * ```ts
 * bfgs(([a, b]) => (a - 1) ** 2 + 10 * (b + 2) ** 2, [0, 0]).x; // ≈ [1, −2]
 * ```
 */
export function bfgs(f: (x: number[]) => number, x0: readonly number[], options: BfgsOptions = {}): BfgsResult {
  const { gtol = 1e-8, maxIter = 500 } = options;
  const n = x0.length;
  let x = x0.slice();
  let fx = f(x);
  let g = gradient(f, x, fx);
  // inverse Hessian approximation, starting from the identity
  let H: number[][] = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
  let it = 0;
  for (; it < maxIter; it++) {
    if (Math.max(...g.map(Math.abs)) < gtol) return { x, fun: fx, nit: it, converged: true };
    let p = H.map((row) => -row.reduce((s, h, j) => s + h * g[j], 0));
    let slope = p.reduce((s, pi, i) => s + pi * g[i], 0);
    if (!(slope < 0)) {
      // not a descent direction: restart from steepest descent
      H = H.map((row, i) => row.map((_, j) => (i === j ? 1 : 0)));
      p = g.map((v) => -v);
      slope = -g.reduce((s, v) => s + v * v, 0);
    }
    let t = 1;
    let xn = x.map((xi, i) => xi + t * p[i]);
    let fn = f(xn);
    while (!(fn <= fx + 1e-4 * t * slope) && t > 1e-16) {
      t *= 0.5;
      xn = x.map((xi, i) => xi + t * p[i]);
      fn = f(xn);
    }
    if (!(fn <= fx)) return { x, fun: fx, nit: it, converged: false };
    const gn = gradient(f, xn, fn);
    const s = xn.map((v, i) => v - x[i]);
    const y = gn.map((v, i) => v - g[i]);
    const sy = s.reduce((acc, si, i) => acc + si * y[i], 0);
    const done = Math.abs(fx - fn) <= 1e-15 * Math.max(1, Math.abs(fx)) && t < 1e-8;
    x = xn;
    fx = fn;
    g = gn;
    if (done) return { x, fun: fx, nit: it, converged: true };
    if (sy > 1e-12) {
      // H ← (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ
      const rho = 1 / sy;
      const Hy = H.map((row) => row.reduce((acc, h, j) => acc + h * y[j], 0));
      const yHy = y.reduce((acc, yi, i) => acc + yi * Hy[i], 0);
      H = H.map((row, i) => row.map((h, j) => h - rho * (Hy[i] * s[j] + s[i] * Hy[j]) + (rho * rho * yHy + rho) * s[i] * s[j]));
    }
  }
  return { x, fun: fx, nit: it, converged: false };
}
