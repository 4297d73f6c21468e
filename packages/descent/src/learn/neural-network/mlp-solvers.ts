/**
 * The pieces of scikit-learn's MLP training outside `descent/nn` and `descent/optim`: Glorot
 * initialisation in scikit-learn's draw order, and full-batch L-BFGS on the packed weights,
 * with the forward and backward passes written over typed arrays and `gemm` (sklearn's
 * `_forward_pass` and `_backprop`; also the forward pass for predictions and early stopping).
 */
import { gemm } from '../../linalg/matrix.js';
import type { Generator } from '../../random/index.js';
import { lbfgs } from '../optimize/lbfgs.js';
import type { Matrix } from '../base/validation.js';

export type Activation = 'identity' | 'logistic' | 'tanh' | 'relu';
export type Out = 'identity' | 'softmax' | 'logistic';

/** Weights per layer: coefs[l] is (in, out) row-major, intercepts[l] has `out` entries. */
export interface Weights { sizes: number[]; coefs: Float64Array[]; intercepts: Float64Array[] }

/**
 * Glorot-uniform weights as scikit-learn draws them: for each layer, the (in, out) matrix row
 * by row, then the biases, all from U(−b, b) with b = √(6/(in + out)) (√(2/(in + out)) for
 * the logistic activation).
 */
export function glorotInit(sizes: number[], activation: Activation, rng: Generator): Weights {
  const coefs: Float64Array[] = [];
  const intercepts: Float64Array[] = [];
  for (let l = 0; l + 1 < sizes.length; l++) {
    const fanIn = sizes[l];
    const fanOut = sizes[l + 1];
    const bound = Math.sqrt((activation === 'logistic' ? 2 : 6) / (fanIn + fanOut));
    coefs.push(Float64Array.from({ length: fanIn * fanOut }, () => rng.uniform(-bound, bound)));
    intercepts.push(Float64Array.from({ length: fanOut }, () => rng.uniform(-bound, bound)));
  }
  return { sizes, coefs, intercepts };
}

function activateInPlace(a: Float64Array, f: Activation): void {
  if (f === 'relu') for (let i = 0; i < a.length; i++) a[i] = a[i] > 0 ? a[i] : 0;
  else if (f === 'tanh') for (let i = 0; i < a.length; i++) a[i] = Math.tanh(a[i]);
  else if (f === 'logistic') for (let i = 0; i < a.length; i++) a[i] = 1 / (1 + Math.exp(-a[i]));
}

/** δ ⊙ f′ written with the activation's output a (relu: a > 0; tanh: 1 − a²; logistic: a(1 − a)). */
function derivativeInPlace(delta: Float64Array, a: Float64Array, f: Activation): void {
  if (f === 'relu') for (let i = 0; i < a.length; i++) { if (a[i] === 0) delta[i] = 0; }
  else if (f === 'tanh') for (let i = 0; i < a.length; i++) delta[i] *= 1 - a[i] * a[i];
  else if (f === 'logistic') for (let i = 0; i < a.length; i++) delta[i] *= a[i] * (1 - a[i]);
}

function transposed(A: Float64Array, rows: number, cols: number): Float64Array {
  const T = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) T[j * rows + i] = A[i * cols + j];
  return T;
}

const EPS = 2 ** -52;

/**
 * The forward pass over rows of X: the activations of every layer, (n, size) each, the
 * input first and the output layer's (identity, logistic or softmax) last.
 */
export function forward(w: Weights, X: Matrix, out: Out, activation: Activation): Float64Array[] {
  const n = X.rows;
  const L = w.coefs.length;
  const acts: Float64Array[] = [X.data];
  for (let l = 0; l < L; l++) {
    const fanIn = w.sizes[l];
    const fanOut = w.sizes[l + 1];
    const z = new Float64Array(n * fanOut);
    gemm(acts[l], w.coefs[l], z, n, fanIn, fanOut);
    const b = w.intercepts[l];
    for (let i = 0; i < n; i++) for (let j = 0; j < fanOut; j++) z[i * fanOut + j] += b[j];
    if (l < L - 1) activateInPlace(z, activation);
    else if (out === 'logistic') activateInPlace(z, 'logistic');
    else if (out === 'softmax') {
      for (let i = 0; i < n; i++) {
        let m = -Infinity;
        for (let j = 0; j < fanOut; j++) m = Math.max(m, z[i * fanOut + j]);
        let s = 0;
        for (let j = 0; j < fanOut; j++) s += (z[i * fanOut + j] = Math.exp(z[i * fanOut + j] - m));
        for (let j = 0; j < fanOut; j++) z[i * fanOut + j] /= s;
      }
    }
    acts.push(z);
  }
  return acts;
}

/**
 * The penalised loss and its gradient over all n samples (scikit-learn's `_loss_grad_lbfgs`):
 * loss = data loss + α/(2n)·Σ‖W‖², ∂/∂W_l = (A_{l−1}ᵀδ_l + αW_l)/n, ∂/∂b_l = mean(δ_l),
 * with δ_L = output − target for every output/loss pair used here.
 */
export function lossAndGrad(w: Weights, X: Matrix, T: Float64Array, out: Out, activation: Activation, alpha: number, grads: Weights): number {
  const n = X.rows;
  const L = w.coefs.length;
  const acts = forward(w, X, out, activation);
  const P = acts[L];
  const k = w.sizes[L];
  let loss = 0;
  if (out === 'identity') {
    for (let i = 0; i < P.length; i++) loss += (T[i] - P[i]) ** 2;
    loss /= 2 * P.length;
  } else {
    // Probabilities clipped to [eps, 1 − eps], as scikit-learn's log_loss and binary_log_loss.
    for (let i = 0; i < P.length; i++) {
      const p = Math.min(Math.max(P[i], EPS), 1 - EPS);
      if (T[i] > 0) loss -= T[i] * Math.log(p);
      if (out === 'logistic' && T[i] < 1) loss -= (1 - T[i]) * Math.log(1 - p);
    }
    loss /= n;
  }
  let sq = 0;
  for (const W of w.coefs) for (let i = 0; i < W.length; i++) sq += W[i] * W[i];
  loss += (0.5 * alpha * sq) / n;

  let delta = new Float64Array(n * k);
  for (let i = 0; i < delta.length; i++) delta[i] = P[i] - T[i];
  for (let l = L - 1; l >= 0; l--) {
    const fanIn = w.sizes[l];
    const fanOut = w.sizes[l + 1];
    const gW = grads.coefs[l];
    gemm(transposed(acts[l], n, fanIn), delta, gW, fanIn, n, fanOut); // (in, n)·(n, out)
    const W = w.coefs[l];
    for (let i = 0; i < gW.length; i++) gW[i] = (gW[i] + alpha * W[i]) / n;
    const gb = grads.intercepts[l];
    gb.fill(0);
    for (let i = 0; i < n; i++) for (let j = 0; j < fanOut; j++) gb[j] += delta[i * fanOut + j] / n;
    if (l > 0) {
      const prev = new Float64Array(n * fanIn);
      gemm(delta, transposed(W, fanIn, fanOut), prev, n, fanOut, fanIn); // (n, out)·(out, in)
      derivativeInPlace(prev, acts[l], activation);
      delta = prev;
    }
  }
  return loss;
}

/** Views of one packed vector as per-layer arrays (coefs first, then intercepts, as sklearn's `_pack`). */
function views(x: Float64Array, sizes: number[]): Weights {
  const coefs: Float64Array[] = [];
  const intercepts: Float64Array[] = [];
  let o = 0;
  for (let l = 0; l + 1 < sizes.length; l++) { coefs.push(x.subarray(o, o + sizes[l] * sizes[l + 1])); o += sizes[l] * sizes[l + 1]; }
  for (let l = 0; l + 1 < sizes.length; l++) { intercepts.push(x.subarray(o, o + sizes[l + 1])); o += sizes[l + 1]; }
  return { sizes, coefs, intercepts };
}

/**
 * Full-batch L-BFGS on the penalised loss, as scikit-learn's `_fit_lbfgs` (SciPy's L-BFGS-B
 * with maxiter = maxIter, maxfun = maxFun, gtol = tol). Returns the weights, the loss after
 * each iteration, and the iteration count.
 */
export function trainLbfgs(
  init: Weights, X: Matrix, T: Float64Array, out: Out, o: { activation: Activation; alpha: number; maxIter: number; maxFun: number; tol: number },
): { weights: Weights; lossCurve: number[]; nIter: number; loss: number } {
  const sizes = init.sizes;
  const x0 = new Float64Array([...init.coefs.flatMap((c) => Array.from(c)), ...init.intercepts.flatMap((b) => Array.from(b))]);
  const lossCurve: number[] = [];
  const res = lbfgs(
    (x, g) => lossAndGrad(views(x as Float64Array, sizes), X, T, out, o.activation, o.alpha, views(g, sizes)),
    x0,
    { maxIter: o.maxIter, maxEval: o.maxFun, gtol: o.tol, onIteration: (f) => lossCurve.push(f) },
  );
  return { weights: views(Float64Array.from(res.x), sizes), lossCurve, nIter: res.nIter, loss: res.f };
}
