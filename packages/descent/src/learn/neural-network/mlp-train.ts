/**
 * Minibatch training of scikit-learn's MLPs ('adam' and 'sgd' solvers) on `descent/nn` and
 * `descent/optim`: the network is a `Sequential` of float64 `Linear` layers and activations,
 * autograd gives the gradients, and `Adam` / `SGD` take the steps. scikit-learn's semantics
 * (sklearn/neural_network/_multilayer_perceptron.py and _stochastic_optimizers.py) are kept
 * exactly, up to rounding:
 *
 * - the gradient with respect to the output layer's pre-activation is (P − T)/n for all three
 *   output/loss pairs, which is what F.crossEntropy (softmax), binaryCrossEntropyWithLogits
 *   (one logistic output) and ½·mseLoss (identity) give; the loss values reported in
 *   `lossCurve_` are scikit-learn's (probabilities clipped to [ε, 1 − ε]) plus α/(2n)·Σ‖W‖²;
 * - the L2 penalty is on the weights only: α·W/n is added to each weight's gradient;
 * - scikit-learn's Adam puts ε outside the bias correction,
 *   w ← w − η·√(1 − β₂ᵗ)/(1 − β₁ᵗ)·m/(√v + ε); PyTorch's (descent/optim's) divides by
 *   √(v/(1 − β₂ᵗ)) + ε′, the same step when ε′ = ε/√(1 − β₂ᵗ), so ε′ is set before each step;
 * - scikit-learn's SGD keeps a velocity v ← μv − ηₜ∇ (w ← w + v, or w + μv − ηₜ∇ with
 *   Nesterov), where ηₜ changes with the schedule. PyTorch's SGD with lr 1 fed ηₜ·∇ keeps
 *   b = −v and takes the same steps, so the gradients are scaled by ηₜ before each step.
 */
import { Linear, ReLU, Sequential, Sigmoid, Tanh, Identity, F, type Module } from '../../nn/index.js';
import { Adam, SGD } from '../../optim/index.js';
import { noGrad, tensor, type Tensor } from '../../tensor/index.js';
import type { Generator } from '../../random/index.js';
import type { Matrix } from '../base/validation.js';
import { forward, type Activation, type Out, type Weights } from './mlp-solvers.js';

/** The options of `trainStochastic`: MLPParams' solver and stopping settings. */
export interface StochasticOptions {
  solver: 'adam' | 'sgd';
  activation: Activation;
  alpha: number;
  batchSize: 'auto' | number;
  learningRateInit: number;
  learningRate: 'constant' | 'invscaling' | 'adaptive';
  powerT: number;
  maxIter: number;
  shuffle: boolean;
  tol: number;
  momentum: number;
  nesterovsMomentum: boolean;
  earlyStopping: boolean;
  validationFraction: number;
  beta1: number;
  beta2: number;
  epsilon: number;
  nIterNoChange: number;
}

/**
 * scikit-learn's SGD learning-rate schedule (SGDOptimizer): 'invscaling' sets
 * η = η₀/(t + 1)^powerT after each epoch, t the samples seen so far; 'adaptive' divides η by
 * 5 each time training stalls, and stops once η ≤ 1e-6; 'constant' stops at the first stall.
 */
export class SGDSchedule {
  lr: number;

  constructor(private readonly o: { lr: number; schedule: 'constant' | 'invscaling' | 'adaptive'; powerT: number }) {
    this.lr = o.lr;
  }

  /** After each epoch; `samplesSeen` is scikit-learn's t_. */
  iterationEnds(samplesSeen: number): void {
    if (this.o.schedule === 'invscaling') this.lr = this.o.lr / (samplesSeen + 1) ** this.o.powerT;
  }

  /** When training stalls: true to stop; 'adaptive' first lowers the step instead. */
  triggerStopping(): boolean {
    if (this.o.schedule !== 'adaptive') return true;
    if (this.lr <= 1e-6) return true;
    this.lr /= 5;
    return false;
  }
}

const ACTIVATIONS: Record<Activation, () => Module> = { relu: () => new ReLU(), tanh: () => new Tanh(), logistic: () => new Sigmoid(), identity: () => new Identity() };

/**
 * The hidden layers and the output layer's pre-activation (logits) as a `descent/nn` network,
 * with scikit-learn's (in, out) weights transposed into `Linear`'s (out, in); then
 * `outputActivation`, if given.
 *
 * ```ts
 * const net = toSequential(weights, 'relu');   // Linear(64, 32), ReLU, Linear(32, 10)
 * ```
 */
export function toSequential(w: { sizes: number[]; coefs: ArrayLike<number>[]; intercepts: ArrayLike<number>[] }, activation: Activation, outputActivation?: Module): Sequential {
  const layers: Module[] = [];
  w.coefs.forEach((W, l) => {
    const fanIn = w.sizes[l];
    const fanOut = w.sizes[l + 1];
    const lin = new Linear(fanIn, fanOut, { dtype: 'float64' });
    const Wt = new Float64Array(fanOut * fanIn);
    for (let a = 0; a < fanIn; a++) for (let j = 0; j < fanOut; j++) Wt[j * fanIn + a] = W[a * fanOut + j];
    noGrad(() => {
      lin.weight.copy_(tensor(Wt, { dtype: 'float64' }).reshape([fanOut, fanIn]));
      lin.bias!.copy_(tensor(Float64Array.from(w.intercepts[l]), { dtype: 'float64' }));
    });
    layers.push(lin);
    if (l + 1 < w.coefs.length) layers.push(ACTIVATIONS[activation]());
  });
  if (outputActivation) layers.push(outputActivation);
  return new Sequential(...layers);
}

/** The network's weights back in scikit-learn's layout. */
function toWeights(linears: Linear[], sizes: number[]): Weights {
  const coefs = linears.map((lin, l) => {
    const fanIn = sizes[l];
    const fanOut = sizes[l + 1];
    const Wt = lin.weight.toTypedArray();
    const W = new Float64Array(fanIn * fanOut);
    for (let a = 0; a < fanIn; a++) for (let j = 0; j < fanOut; j++) W[a * fanOut + j] = Wt[j * fanIn + a];
    return W;
  });
  return { sizes, coefs, intercepts: linears.map((lin) => Float64Array.from(lin.bias!.toTypedArray())) };
}

const EPS = 2 ** -52;

/** scikit-learn's data loss of output-layer values P (n, k) against targets T: log loss (clipped), binary log loss, or half the mean squared error. */
export function dataLoss(P: ArrayLike<number>, T: ArrayLike<number>, n: number, out: Out): number {
  let loss = 0;
  if (out === 'identity') {
    for (let i = 0; i < P.length; i++) loss += (T[i] - P[i]) ** 2;
    return loss / (2 * P.length);
  }
  for (let i = 0; i < P.length; i++) {
    const p = Math.min(Math.max(P[i], EPS), 1 - EPS);
    if (T[i] > 0) loss -= T[i] * Math.log(p);
    if (out === 'logistic' && T[i] < 1) loss -= (1 - T[i]) * Math.log(1 - p);
  }
  return loss / n;
}

/** Output-layer values from logits z (n, k): softmax rows, the logistic, or z itself. */
function outputOf(z: ArrayLike<number>, n: number, k: number, out: Out): Float64Array {
  const P = Float64Array.from(z);
  if (out === 'logistic') for (let i = 0; i < P.length; i++) P[i] = 1 / (1 + Math.exp(-P[i]));
  else if (out === 'softmax') {
    for (let i = 0; i < n; i++) {
      let m = -Infinity;
      for (let j = 0; j < k; j++) m = Math.max(m, P[i * k + j]);
      let s = 0;
      for (let j = 0; j < k; j++) s += (P[i * k + j] = Math.exp(P[i * k + j] - m));
      for (let j = 0; j < k; j++) P[i * k + j] /= s;
    }
  }
  return P;
}

/** Rows `idx` of X as a new matrix (a minibatch). */
export function takeRows(X: Matrix, idx: readonly number[]): Matrix {
  const data = new Float64Array(idx.length * X.cols);
  idx.forEach((r, t) => data.set(X.data.subarray(r * X.cols, (r + 1) * X.cols), t * X.cols));
  return { rows: idx.length, cols: X.cols, data };
}

/**
 * Adam or SGD from the weights `init` on (X, T), T (n, k) one-hot or values row-major, with
 * scikit-learn's epochs, minibatches, stopping rule and early stopping (the validation rows
 * drawn first from `rng`, then one permutation per epoch). `score` rates output-layer values
 * of the validation rows. Returns the trained weights and the curves.
 */
export function trainStochastic(
  p: StochasticOptions, init: Weights, X: Matrix, T: Float64Array, out: Out,
  score: (pred: Float64Array, rows: number[]) => number, caller: string, rng: Generator,
): { weights: Weights; lossCurve: number[]; nIter: number; validationScores: number[]; bestLoss: number } {
  const n = X.rows;
  const sizes = init.sizes;
  const k = sizes[sizes.length - 1];
  const net = toSequential(init, p.activation);
  const linears = net.children().filter((m): m is Linear => m instanceof Linear);
  const params = net.parameters();
  const weightsOnly = linears.map((lin) => lin.weight);
  const labelOf = (r: number) => { let best = 0; for (let j = 1; j < k; j++) if (T[r * k + j] > T[r * k + best]) best = j; return best; };
  const adam = p.solver === 'adam' ? new Adam(params, { lr: p.learningRateInit, betas: [p.beta1, p.beta2], eps: p.epsilon }) : null;
  const nesterov = p.nesterovsMomentum && p.momentum > 0;
  const sgd = p.solver === 'sgd' ? new SGD(params, { lr: 1, momentum: p.momentum, nesterov }) : null;
  const schedule = new SGDSchedule({ lr: p.learningRateInit, schedule: p.learningRate, powerT: p.powerT });
  let trainIdx = Array.from({ length: n }, (_, i) => i);
  let valIdx: number[] = [];
  if (p.earlyStopping) {
    const perm = rng.permutation(n);
    const nVal = Math.max(1, Math.ceil(p.validationFraction * n));
    if (n - nVal < 1) throw new Error(`${caller}: too few samples for earlyStopping with validationFraction ${p.validationFraction}.`);
    valIdx = perm.slice(0, nVal);
    trainIdx = perm.slice(nVal);
  }
  const Xval = takeRows(X, valIdx);
  const bs = p.batchSize === 'auto' ? Math.min(200, trainIdx.length) : Math.min(p.batchSize, trainIdx.length);
  const lossCurve: number[] = [];
  const validationScores: number[] = [];
  let best = Infinity;
  let bestScore = -Infinity;
  let bestWeights: Weights | null = null;
  let noImprovement = 0;
  let nIter = 0;
  let samplesSeen = 0;
  let step = 0;
  for (let epoch = 0; epoch < p.maxIter; epoch++) {
    const order = p.shuffle ? rng.permutation(trainIdx.length).map((j) => trainIdx[j]) : trainIdx;
    let total = 0;
    for (let s = 0; s < order.length; s += bs) {
      const batch = order.slice(s, s + bs);
      const m = batch.length;
      const xb = tensor(takeRows(X, batch).data, { dtype: 'float64' }).reshape([m, X.cols]);
      const z = net.forward(xb) as Tensor; // (m, k) logits
      const Tb = new Float64Array(m * k);
      batch.forEach((r, t) => Tb.set(T.subarray(r * k, (r + 1) * k), t * k));
      // Surrogate losses whose gradient in z is (P − T)/m, as scikit-learn's backprop starts.
      const surrogate = out === 'softmax' ? F.crossEntropy(z, batch.map(labelOf))
        : out === 'logistic' ? F.binaryCrossEntropyWithLogits(z, tensor(Tb, { dtype: 'float64' }).reshape([m, 1]))
          : F.mseLoss(z, tensor(Tb, { dtype: 'float64' }).reshape([m, 1])).mul(0.5);
      params.forEach((q) => { q.grad = null; });
      surrogate.backward();
      let sq = 0;
      for (const W of weightsOnly) {
        const wd = W.data as Float64Array; // a Parameter owns its whole contiguous storage
        for (let i = 0; i < wd.length; i++) sq += wd[i] * wd[i];
      }
      const loss = dataLoss(outputOf(z.toTypedArray() as Float64Array, m, k, out), Tb, m, out) + (0.5 * p.alpha * sq) / m;
      noGrad(() => {
        for (const W of weightsOnly) W.grad!.add_(W.mul(p.alpha / m)); // L2 on the weights only
        if (sgd) for (const q of params) q.grad!.mul_(schedule.lr);       // ηₜ·∇ (see the header)
      });
      if (adam) {
        step++;
        adam.paramGroups[0].options.eps = p.epsilon / Math.sqrt(1 - p.beta2 ** step); // scikit-learn's ε (see the header)
        adam.step();
      } else {
        sgd!.step();
      }
      total += loss * m;
    }
    nIter = epoch + 1;
    samplesSeen += order.length;
    if (sgd) schedule.iterationEnds(samplesSeen);
    const epochLoss = total / order.length;
    lossCurve.push(epochLoss);
    if (!Number.isFinite(epochLoss)) throw new Error(`${caller}: the training loss became ${epochLoss}; lower learningRateInit or scale X (StandardScaler).`);
    if (p.earlyStopping) {
      const w = toWeights(linears, sizes);
      const sc = score(forward(w, Xval, out, p.activation).at(-1)!, valIdx);
      validationScores.push(sc);
      noImprovement = sc < bestScore + p.tol ? noImprovement + 1 : 0;
      if (sc > bestScore) {
        bestScore = sc;
        bestWeights = w;
      }
    } else {
      noImprovement = epochLoss > best - p.tol ? noImprovement + 1 : 0;
      if (epochLoss < best) best = epochLoss;
    }
    // Stalled: stop, except that the 'adaptive' schedule first divides the step by 5.
    if (noImprovement > p.nIterNoChange) {
      if (!sgd || schedule.triggerStopping()) break;
      noImprovement = 0;
    }
  }
  return { weights: bestWeights ?? toWeights(linears, sizes), lossCurve, nIter, validationScores, bestLoss: best };
}
