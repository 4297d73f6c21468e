/**
 * NuSVC (sklearn.svm.NuSVC, LIBSVM's ν-SVC; Schölkopf, Smola, Williamson & Bartlett,
 * "New support vector algorithms", Neural Computation 12, 2000): the C-SVC with the
 * penalty C replaced by ν ∈ (0, 1], an upper bound on the fraction of margin errors and a
 * lower bound on the fraction of support vectors. LIBSVM solves it with Solver_NU from
 * the feasible start Σ_{y=+1} α = Σ_{y=−1} α = νl/2, then rescales by the margin r
 * (α ← α/r, ρ ← ρ/r), which makes it the C-SVC with C = 1/r.
 */
import type { EstimatorSpec } from '../base/base-estimator.js';
import { C } from '../base/constraints.js';
import { KERNEL_CONSTRAINTS, KERNEL_DEFAULTS, KernelCache } from './kernels.js';
import { smo } from './smo.js';
import { BaseSVC, type BaseSVCParams, type PairProblem, type PairSolution } from './svc.js';

export interface NuSVCParams extends BaseSVCParams {
  /** Upper bound on the fraction of margin errors, lower bound on the fraction of support vectors. Default 0.5. */
  nu: number;
}

/**
 * ν-support vector classification.
 *
 * ```ts
 * const clf = new NuSVC({ nu: 0.3 }).fit(X, y);
 * clf.support_.length / X.length;   // at least about 0.3
 * ```
 */
export class NuSVC extends BaseSVC<NuSVCParams> {
  static override readonly spec: EstimatorSpec<NuSVCParams> = {
    name: 'NuSVC',
    defaults: { nu: 0.5, ...KERNEL_DEFAULTS, tol: 1e-3, cacheSize: 200, maxIter: -1, decisionFunctionShape: 'ovr', breakTies: false, probability: false, randomState: null },
    constraints: {
      nu: [C.number({ min: 0, max: 1, minExclusive: true })],
      ...KERNEL_CONSTRAINTS,
      tol: [C.number({ min: 0, minExclusive: true })],
      cacheSize: [C.number({ min: 0, minExclusive: true })],
      maxIter: [C.integer({ min: -1 })],
      decisionFunctionShape: [C.options('ovr', 'ovo')],
      breakTies: [C.boolean],
      probability: [C.boolean],
      randomState: [C.null, C.integer({ min: 0 })],
    },
    tags: { estimatorType: 'classifier', requiresY: true },
  };

  protected solvePair(q: PairProblem): PairSolution {
    const p = this.params;
    const nPos = q.y.filter((v) => v === 1).length;
    const nNeg = q.l - nPos;
    if (!q.cv && (p.nu * (nPos + nNeg)) / 2 > Math.min(nPos, nNeg)) {
      throw new Error(`NuSVC: specified nu (${p.nu}) is infeasible for classes of ${nPos} and ${nNeg} samples: it needs nu <= 2·min/total = ${(2 * Math.min(nPos, nNeg) / q.l).toFixed(4)}. Lower nu.`);
    }
    // LIBSVM's start: νl/2 of weight on each class, filled 1 at a time in sample order.
    const alpha0 = new Float64Array(q.l);
    let pos = (p.nu * q.l) / 2;
    let neg = (p.nu * q.l) / 2;
    for (let t = 0; t < q.l; t++) {
      if (q.y[t] === 1) { alpha0[t] = Math.min(1, pos); pos -= alpha0[t]; } else { alpha0[t] = Math.min(1, neg); neg -= alpha0[t]; }
    }
    const res = smo({
      l: q.l, y: q.y, p: new Float64Array(q.l), C: new Float64Array(q.l).fill(1), index: (t) => t,
      cache: new KernelCache(q.sub, q.l, q.d, { kernel: p.kernel, gamma: q.gamma, degree: p.degree, coef0: p.coef0 }, p.cacheSize),
      tol: p.tol, maxIter: p.maxIter, alpha0, nu: true,
    });
    const r = res.r!;
    return { alphaY: res.alpha.map((v, t) => (v * q.y[t]) / r), rho: res.rho / r, nIter: res.nIter, hitMaxIter: res.hitMaxIter };
  }
}
