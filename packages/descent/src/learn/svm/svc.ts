/**
 * SVC: the C-support vector classifier (sklearn.svm.SVC, LIBSVM's C-SVC; Boser, Guyon &
 * Vapnik 1992, Cortes & Vapnik 1995). For two classes it solves the dual
 *
 *   max_α Σα_i − ½ Σ_ij α_i α_j y_i y_j K(x_i, x_j)   s.t.  0 ≤ α_i ≤ C,  Σ α_i y_i = 0
 *
 * by SMO (smo.ts); the decision function is f(x) = Σ α_i y_i K(x_i, x) + b, and the
 * samples with α_i > 0 are the support vectors. More classes are handled one-vs-one as in
 * LIBSVM: one binary machine per pair of classes, and a vote.
 */
import type { EstimatorSpec } from '../base/base-estimator.js';
import { C } from '../base/constraints.js';
import { Classifier } from '../base/mixins.js';
import { checkXLabels, uniqueLabels, type Label, type LabelsLike, type MatrixLike } from '../base/validation.js';
import { KERNEL_CONSTRAINTS, KERNEL_DEFAULTS, KernelCache, kernelRow, resolveGamma, type KernelParams } from './kernels.js';
import { smo } from './smo.js';
import { ovoProbabilities, plattCV, type Sigmoid } from './probability.js';
import { Generator } from '../../random/index.js';

/** What SVC and NuSVC share. */
export interface BaseSVCParams extends KernelParams {
  /** Stop when the largest KKT violation is below tol. Default 1e-3 (LIBSVM's). */
  tol: number;
  /** Kernel-row cache in MB. Default 200. */
  cacheSize: number;
  /** SMO iterations per binary problem; −1 for no limit. Default −1. */
  maxIter: number;
  /** 'ovr': decisionFunction gives one column per class (votes plus scaled confidence); 'ovo': one per pair. */
  decisionFunctionShape: 'ovr' | 'ovo';
  /** With 'ovr' and more than two classes, predict the argmax of decisionFunction instead of the raw vote winner. */
  breakTies: boolean;
  /** Fit Platt sigmoids by an internal 5-fold cross-validation so that predictProba works (slower fit). Default false. */
  probability: boolean;
  /** Seed of that cross-validation's shuffle; null for a fresh one. */
  randomState: number | null;
}

export interface SVCParams extends BaseSVCParams {
  /** Penalty on margin violations (the box 0 ≤ α ≤ C). Default 1. */
  C: number;
  /** null, 'balanced' (n / (nClasses·count)) or a weight per class: C of class c is C·weight[c]. */
  classWeight: null | 'balanced' | Record<string, number>;
}

/** One binary machine's solution: α·y per variable of the pair's problem, ρ, and how SMO went. */
export interface PairSolution { alphaY: Float64Array; rho: number; nIter: number; hitMaxIter: boolean }

/** The pair's problem: its rows (l, d), ±1 labels (+1 for the pair's first class), and which classes. */
export interface PairProblem {
  sub: Float64Array; l: number; d: number; y: Int8Array; a: number; b: number; gamma: number; classWeights: number[];
  /** A training part of the probability cross-validation (NuSVC then skips its feasibility check, as LIBSVM does). */
  cv?: boolean;
}

const isWeightMap = (v: unknown): boolean =>
  v !== null && typeof v === 'object' && !Array.isArray(v) && Object.values(v).every((x) => typeof x === 'number' && x >= 0 && Number.isFinite(x));

/** One-vs-one kernel SVM classification (LIBSVM's layout), the solver of each pair left to the subclass. */
export abstract class BaseSVC<P extends BaseSVCParams> extends Classifier<P> {
  /** Training indices of the support vectors, grouped by class. */
  declare support_: number[];
  declare supportVectors_: number[][];
  /** Support vectors per class. */
  declare nSupport_: number[];
  /**
   * (nClasses − 1, nSV): α·y of each support vector in each of its class's one-vs-one
   * machines (LIBSVM's layout). For two classes, positive for classes_[1].
   */
  declare dualCoef_: number[][];
  /** One per pair of classes (one for two classes). */
  declare intercept_: number[];
  /** SMO iterations per pair. */
  declare nIter_: number[];
  /** The kernel's γ for this fit. */
  declare gamma_: number;
  /** 0 when every machine converged, 1 when maxIter stopped one. */
  declare fitStatus_: number;
  /** With `probability`: the Platt sigmoid of each pair, P = 1/(1 + exp(A·f + B)) (LIBSVM's sign of f). */
  declare probA_: number[];
  declare probB_: number[];

  /** Solves the binary problem of one pair of classes. */
  protected abstract solvePair(problem: PairProblem): PairSolution;

  /** Per-class weights on the box (1 unless the subclass has classWeight). */
  protected classWeightsFor(classes: readonly Label[], _yi: readonly number[]): number[] {
    return classes.map(() => 1);
  }

  fit(X: MatrixLike, y: LabelsLike): this {
    this.beginFit();
    const { X: M, y: labels } = checkXLabels(X, y, { caller: this.estimatorName });
    const classes = uniqueLabels(labels);
    if (classes.length < 2) {
      throw new Error(`${this.estimatorName}: the number of classes has to be greater than one; got ${classes.length} class (${String(classes[0])}). Give samples of at least two classes.`);
    }
    const p = this.params;
    const gamma = resolveGamma(p.gamma, M);
    const classIndex = new Map(classes.map((c, i) => [c, i]));
    const yi = labels.map((l) => classIndex.get(l)!);
    const weights = this.classWeightsFor(classes, yi);
    // LIBSVM's grouping: samples of class 0 first, then class 1, …, each in its original order.
    const members = classes.map((_, c) => yi.flatMap((v, i) => (v === c ? [i] : [])));
    const nClass = classes.length;
    const alphas: Float64Array[] = [];
    const rhos: number[] = [];
    const iters: number[] = [];
    let status = 0;
    const sigmoids: Sigmoid[] = [];
    const rng = new Generator(p.randomState ?? Math.floor(Math.random() * 2 ** 31));
    for (let a = 0; a < nClass; a++) {
      for (let b = a + 1; b < nClass; b++) {
        const idx = [...members[a], ...members[b]];
        const l = idx.length;
        const sub = new Float64Array(l * M.cols);
        idx.forEach((r, t) => sub.set(M.data.subarray(r * M.cols, (r + 1) * M.cols), t * M.cols));
        const ySub = Int8Array.from({ length: l }, (_, t) => (t < members[a].length ? 1 : -1));
        const pair: PairProblem = { sub, l, d: M.cols, y: ySub, a, b, gamma, classWeights: weights };
        // LIBSVM fits the pair's sigmoid by cross-validation before it trains the pair's machine.
        if (p.probability) sigmoids.push(plattCV(ySub, rng, (train, test) => this.heldOutDecisions(pair, train, test)));
        const res = this.solvePair(pair);
        alphas.push(res.alphaY.map((v) => v + 0)); // α·y, without −0
        rhos.push(res.rho);
        iters.push(res.nIter);
        if (res.hitMaxIter) status = 1;
      }
    }
    // Support vectors: nonzero α in any machine, in LIBSVM's order.
    const nonzero = new Uint8Array(M.rows);
    let q = 0;
    for (let a = 0; a < nClass; a++) {
      for (let b = a + 1; b < nClass; b++) {
        const idx = [...members[a], ...members[b]];
        idx.forEach((r, t) => { if (alphas[q][t] !== 0) nonzero[r] = 1; });
        q++;
      }
    }
    const svByClass = members.map((m) => m.filter((r) => nonzero[r]));
    const support = svByClass.flat();
    const pos = new Map(support.map((r, s) => [r, s]));
    const dual = Array.from({ length: nClass - 1 }, () => new Array<number>(support.length).fill(0));
    q = 0;
    for (let a = 0; a < nClass; a++) {
      for (let b = a + 1; b < nClass; b++) {
        const na = members[a].length;
        members[a].forEach((r, t) => { if (nonzero[r]) dual[b - 1][pos.get(r)!] = alphas[q][t]; });
        members[b].forEach((r, t) => { if (nonzero[r]) dual[a][pos.get(r)!] = alphas[q][na + t]; });
        q++;
      }
    }
    // scikit-learn refuses a fit whose dual solution is not finite (e.g. NuSVC on constant
    // columns, where every kernel entry is equal and the ν-solver's ρ divides by zero).
    if (!rhos.every(Number.isFinite) || !alphas.every((a) => a.every(Number.isFinite))) {
      throw new Error(`${this.estimatorName}: the dual coefficients or intercepts are not finite. The input data may have constant features or very large values; scale or drop them (StandardScaler, VarianceThreshold).`);
    }
    const binary = nClass === 2;
    this.classes_ = classes;
    this.support_ = support;
    this.supportVectors_ = support.map((r) => Array.from(M.data.subarray(r * M.cols, (r + 1) * M.cols)));
    this.nSupport_ = svByClass.map((s) => s.length);
    // scikit-learn flips the binary machine so that positive decisions mean classes_[1].
    this.dualCoef_ = binary ? dual.map((row) => row.map((v) => (v === 0 ? 0 : -v))) : dual; // no −0: JSON would lose its sign
    this.intercept_ = binary ? [rhos[0]] : rhos.map((r) => -r);
    this.nIter_ = iters;
    this.gamma_ = gamma;
    this.fitStatus_ = status;
    if (p.probability) {
      this.probA_ = sigmoids.map((g) => g.A);
      this.probB_ = sigmoids.map((g) => g.B);
    }
    this.nFeaturesIn_ = M.cols;
    return this;
  }

  /** Trains the pair's machine on its rows `train` and returns f (positive: the pair's first class) on its rows `test`. */
  private heldOutDecisions(q: PairProblem, train: number[], test: number[]): Float64Array {
    const { d } = q;
    const sub = new Float64Array(train.length * d);
    train.forEach((r, t) => sub.set(q.sub.subarray(r * d, (r + 1) * d), t * d));
    const res = this.solvePair({ ...q, sub, l: train.length, y: Int8Array.from(train, (r) => q.y[r]), cv: true });
    const p = this.params;
    const kx = new Float64Array(train.length);
    return Float64Array.from(test, (r) => {
      kernelRow(p.kernel, q.sub, r, sub, train.length, d, q.gamma, p.degree, p.coef0, kx);
      let s = -res.rho;
      for (let t = 0; t < train.length; t++) s += res.alphaY[t] * kx[t];
      return s;
    });
  }

  /** Probabilities exist only when fitted with `probability: true` (scikit-learn's `hasattr`). */
  override supports(method: string): boolean {
    if (method === 'predictProba' || method === 'predictLogProba') return this.params.probability;
    return super.supports(method);
  }

  /**
   * Class probabilities (n, nClasses) from the Platt sigmoids, coupled across pairs for more
   * than two classes. Needs `probability: true`. Like LIBSVM, its argmax can disagree with
   * `predict`, which votes on the decision values.
   */
  predictProba(X: MatrixLike): number[][] {
    this.checkIsFitted();
    if (this.probA_ === undefined) {
      throw new Error(`${this.estimatorName}: predictProba is not available when fitted with probability=false; set probability: true and fit again.`);
    }
    const D = this.ovoDecisions(X);
    const K = this.classes_.length;
    const sig = this.probA_.map((A, q) => ({ A, B: this.probB_[q] }));
    // Two classes: ovoDecisions is flipped to favour classes_[1]; LIBSVM's sigmoid takes the unflipped value.
    return D.map((r) => ovoProbabilities(K === 2 ? [-r[0]] : r, sig, K));
  }

  /** log of predictProba. */
  predictLogProba(X: MatrixLike): number[][] {
    return this.predictProba(X).map((r) => r.map(Math.log));
  }

  /** For a linear kernel, the primal weights w = Σ α_i y_i x_i: (nClasses − 1 pairs or 1, d). */
  get coef_(): number[][] {
    this.checkIsFitted();
    if (this.params.kernel !== 'linear') throw new Error(`${this.estimatorName}: coef_ is only available when using a linear kernel (this one is '${this.params.kernel}').`);
    return this.pairValues((sv) => sv.slice(), this.supportVectors_);
  }

  /**
   * Raw one-vs-one decisions, (n, nPairs): positive means the pair's first class (LIBSVM's
   * sign), except for two classes, where it is one column, positive for classes_[1].
   */
  private ovoDecisions(X: MatrixLike): number[][] {
    const M = this.checkPredictInput(X);
    const p = this.params;
    const SV = Float64Array.from(this.supportVectors_.flat());
    const nSV = this.support_.length;
    const K = this.classes_.length;
    const starts = [0];
    for (const c of this.nSupport_) starts.push(starts[starts.length - 1] + c);
    const kx = new Float64Array(nSV);
    const out: number[][] = [];
    for (let i = 0; i < M.rows; i++) {
      kernelRow(p.kernel, M.data, i, SV, nSV, M.cols, this.gamma_, p.degree, p.coef0, kx);
      // Machine (a, b): class a's coefficients are in row b − 1, class b's in row a (LIBSVM's layout).
      const row: number[] = [];
      let q = 0;
      for (let a = 0; a < K; a++) {
        for (let b = a + 1; b < K; b++) {
          let s = this.intercept_[q];
          const ca = this.dualCoef_[b - 1];
          const cb = this.dualCoef_[a];
          for (let t = starts[a]; t < starts[a + 1]; t++) s += ca[t] * kx[t];
          for (let t = starts[b]; t < starts[b + 1]; t++) s += cb[t] * kx[t];
          row.push(s);
          q++;
        }
      }
      out.push(row);
    }
    return out;
  }

  /** Σ over each pair's support vectors of coef·value(sv): one row per pair (the fold behind coef_ and decisions). */
  private pairValues<T>(value: (item: T, s: number) => number[] | number, items: T[]): number[][] {
    const nClass = this.classes_.length;
    const starts = [0];
    for (const c of this.nSupport_) starts.push(starts[starts.length - 1] + c);
    const rows: number[][] = [];
    for (let a = 0; a < nClass; a++) {
      for (let b = a + 1; b < nClass; b++) {
        let acc: number[] | null = null;
        for (const [cls, row] of [[a, b - 1], [b, a]]) {
          for (let s = starts[cls]; s < starts[cls + 1]; s++) {
            const v = value(items[s], s);
            const vs = typeof v === 'number' ? [v] : v;
            acc ??= new Array<number>(vs.length).fill(0);
            for (let f = 0; f < vs.length; f++) acc[f] += this.dualCoef_[row][s] * vs[f];
          }
        }
        rows.push(acc ?? [0]);
      }
    }
    return rows;
  }

  /**
   * Two classes: f(x) per sample (positive: classes_[1]). More: with 'ovo', one column per
   * pair; with 'ovr' (default), votes per class plus the summed confidences squashed into
   * (−1/3, 1/3), as scikit-learn's `_ovr_decision_function`.
   */
  decisionFunction(X: MatrixLike): number[] | number[][] {
    const D = this.ovoDecisions(X);
    if (this.classes_.length === 2) return D.map((r) => r[0]);
    if (this.params.decisionFunctionShape === 'ovo') return D;
    return D.map((r) => ovrFromOvo(r, this.classes_.length));
  }

  predict(X: MatrixLike): Label[] {
    const D = this.ovoDecisions(X);
    const K = this.classes_.length;
    if (K === 2) return D.map((r) => this.classes_[r[0] >= 0 ? 1 : 0]);
    if (this.params.breakTies && this.params.decisionFunctionShape === 'ovr') {
      return D.map((r) => this.classes_[argmax(ovrFromOvo(r, K))]);
    }
    // LIBSVM's vote: a positive decision is a vote for the pair's first class; ties go to the lower class.
    return D.map((r) => {
      const votes = new Array<number>(K).fill(0);
      let q = 0;
      for (let a = 0; a < K; a++) for (let b = a + 1; b < K; b++) votes[r[q++] > 0 ? a : b]++;
      return this.classes_[argmax(votes)];
    });
  }
}

/**
 * Support vector classification with a kernel.
 *
 * ```ts
 * const svc = new SVC({ kernel: 'linear' }).fit([[0, 0], [1, 1], [2, 0], [3, 1]], ['a', 'a', 'b', 'b']);
 * svc.predict([[0.5, 0.5], [2.5, 0.5]]); // ['a', 'b']
 * svc.support_;                          // indices of the support vectors
 * ```
 */
export class SVC extends BaseSVC<SVCParams> {
  static override readonly spec: EstimatorSpec<SVCParams> = {
    name: 'SVC',
    defaults: {
      C: 1, ...KERNEL_DEFAULTS, tol: 1e-3, cacheSize: 200, classWeight: null, maxIter: -1, decisionFunctionShape: 'ovr', breakTies: false, probability: false, randomState: null,
    },
    constraints: {
      C: [C.number({ min: 0, minExclusive: true })],
      ...KERNEL_CONSTRAINTS,
      tol: [C.number({ min: 0, minExclusive: true })],
      cacheSize: [C.number({ min: 0, minExclusive: true })],
      classWeight: [C.null, C.options('balanced'), C.custom('an object mapping each class label to a weight >= 0', isWeightMap)],
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
    const res = smo({
      l: q.l, y: q.y, p: new Float64Array(q.l).fill(-1),
      C: Float64Array.from(q.y, (v) => p.C * q.classWeights[v === 1 ? q.a : q.b]),
      index: (t) => t, cache: new KernelCache(q.sub, q.l, q.d, { kernel: p.kernel, gamma: q.gamma, degree: p.degree, coef0: p.coef0 }, p.cacheSize),
      tol: p.tol, maxIter: p.maxIter,
    });
    return { alphaY: res.alpha.map((v, t) => v * q.y[t]), rho: res.rho, nIter: res.nIter, hitMaxIter: res.hitMaxIter };
  }

  protected override classWeightsFor(classes: readonly Label[], yi: readonly number[]): number[] {
    return classWeights(this.params.classWeight, classes, yi);
  }
}

function argmax(v: readonly number[]): number {
  let best = 0;
  for (let i = 1; i < v.length; i++) if (v[i] > v[best]) best = i;
  return best;
}

/** scikit-learn's `_ovr_decision_function(dec < 0, −dec, K)`: votes plus confidence/(3(|confidence| + 1)). */
function ovrFromOvo(dec: readonly number[], K: number): number[] {
  const votes = new Array<number>(K).fill(0);
  const conf = new Array<number>(K).fill(0);
  let q = 0;
  for (let a = 0; a < K; a++) {
    for (let b = a + 1; b < K; b++) {
      conf[a] += dec[q];
      conf[b] -= dec[q];
      votes[dec[q] < 0 ? b : a]++;
      q++;
    }
  }
  return votes.map((v, c) => v + conf[c] / (3 * (Math.abs(conf[c]) + 1)));
}

/** The weight of each class: 1, n/(K·count) for 'balanced', or as given. */
export function classWeights(cw: SVCParams['classWeight'], classes: readonly Label[], yi: readonly number[]): number[] {
  if (cw === null) return classes.map(() => 1);
  if (cw === 'balanced') {
    const counts = classes.map((_, c) => yi.filter((v) => v === c).length);
    return counts.map((n) => yi.length / (classes.length * n));
  }
  for (const key of Object.keys(cw)) {
    if (!classes.some((c) => String(c) === key)) {
      throw new Error(`SVC: classWeight names the class '${key}', which is not in y (classes: ${classes.join(', ')}).`);
    }
  }
  return classes.map((c) => cw[String(c)] ?? 1);
}
