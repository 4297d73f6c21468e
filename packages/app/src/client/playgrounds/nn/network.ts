/**
 * The playground's network and its training, on `descent/nn` and `descent/optim` with
 * real autograd: a stack of `Linear` layers with the chosen activation between them and
 * one output unit (a logit for classification, a value for regression), trained by
 * mini-batch SGD on binary cross-entropy (with logits) or mean squared error, plus an
 * optional L1 or L2 penalty on the weights (not the biases).
 */
import { tensor, noGrad, type Tensor } from 'descent/tensor';
import { Linear, F } from 'descent/nn';
import { SGD } from 'descent/optim';
import { Generator, manualSeed } from 'descent/random';
import { featureMatrix, generate, gridPoints, N_POINTS, splitPoints, type Point, type Split } from './data.js';
import type { Activation, NNState } from './state.js';

const ACTIVATION_FNS: Record<Activation, (x: Tensor) => Tensor> = {
  relu: (x) => x.relu(),
  tanh: (x) => x.tanh(),
  sigmoid: (x) => x.sigmoid(),
  linear: (x) => x,
};

/** Every layer's output for a batch: hidden[l] is (N, layers[l]), output (N, 1). */
export interface Activations {
  hidden: Tensor[];
  output: Tensor;
}

/** Inputs (N, k) as a float32 tensor and targets (N, 1). */
export interface Batch { X: Tensor; y: Tensor }

function toBatch(points: readonly Point[], state: NNState): Batch {
  const k = state.features.length;
  return {
    X: tensor(featureMatrix(points, state.features), { shape: [points.length, k] }),
    y: tensor(Float32Array.from(points, (p) => p.y), { shape: [points.length, 1] }),
  };
}

/**
 * One playground run: the data, the network and the optimizer for a state. Changing the
 * data or the architecture means a new `Trainer`; the learning rate and regularization
 * can change while it trains.
 *
 * ```ts
 * const t = new Trainer(decodeState(new URLSearchParams('dataset=xor')));
 * t.trainEpoch();
 * t.loss('test'); // mean binary cross-entropy on the test points
 * ```
 */
export class Trainer {
  readonly split: Split;
  readonly layers: Linear[];
  /** Completed passes over the training set. */
  epoch = 0;
  /** Loss history, one entry per epoch (plus the start). */
  readonly history: { epoch: number; train: number; test: number }[] = [];

  private readonly train: Batch;
  private readonly test: Batch;
  private readonly opt: SGD;
  private readonly order: Generator;
  private perm: number[] = [];
  /** Position of the next mini-batch in `perm`. */
  private cursor = 0;

  constructor(private state: NNState) {
    const pts = generate(state.dataset, N_POINTS, state.noise / 100, state.seed);
    this.split = splitPoints(pts, state.trainRatio, state.seed);
    this.train = toBatch(this.split.train, state);
    this.test = toBatch(this.split.test, state);
    // The initial weights are seeded too, so a shared link starts from the same network.
    manualSeed(state.seed);
    const sizes = [state.features.length, ...state.layers, 1];
    this.layers = sizes.slice(1).map((out, i) => new Linear(sizes[i], out));
    this.opt = new SGD(this.layers.flatMap((l) => l.parameters()), { lr: state.learningRate });
    this.order = new Generator(state.seed + 2);
    this.history.push({ epoch: 0, train: this.loss('train'), test: this.loss('test') });
  }

  /** Takes the new learning rate and regularization without restarting. */
  setHyper(state: NNState): void {
    this.state = state;
    for (const g of this.opt.paramGroups) g.options.lr = state.learningRate;
  }

  /** Runs the network on a (N, k) input, keeping every hidden layer's output. */
  forward(X: Tensor): Activations {
    const act = ACTIVATION_FNS[this.state.activation];
    const hidden: Tensor[] = [];
    let h = X;
    for (let i = 0; i < this.layers.length - 1; i++) {
      h = act(this.layers[i].forward(h));
      hidden.push(h);
    }
    return { hidden, output: this.layers[this.layers.length - 1].forward(h) };
  }

  /** The data loss (no penalty) of an output (N, 1) against targets (N, 1). */
  private dataLoss(output: Tensor, y: Tensor): Tensor {
    return this.state.problem === 'classification' ? F.binaryCrossEntropyWithLogits(output, y) : F.mseLoss(output, y);
  }

  /** L1: rate·Σ|w|; L2: rate·½Σw², over every weight matrix. */
  private penalty(): Tensor | null {
    const { regularization, regRate } = this.state;
    if (regularization === 'none' || regRate === 0) return null;
    let total: Tensor | null = null;
    for (const l of this.layers) {
      const term = regularization === 'L1' ? l.weight.abs().sum() : l.weight.square().sum().mul(0.5);
      total = total === null ? term : total.add(term);
    }
    return total!.mul(regRate);
  }

  /** Mean loss on the train or test points (without the penalty, as the picture reports it). */
  loss(which: 'train' | 'test'): number {
    const b = which === 'train' ? this.train : this.test;
    if (b.X.shape[0] === 0) return NaN;
    return noGrad(() => this.dataLoss(this.forward(b.X).output, b.y).item());
  }

  /**
   * One SGD step on the next mini-batch; returns the batch's loss before the step
   * (penalty included). Finishing a pass over the (reshuffled) training set advances `epoch`.
   */
  step(): number {
    const n = this.split.train.length;
    if (this.cursor >= this.perm.length) {
      this.perm = this.order.permutation(n);
      this.cursor = 0;
    }
    const idx = this.perm.slice(this.cursor, this.cursor + this.state.batchSize);
    this.cursor += idx.length;
    const loss = this.stepOn(idx);
    if (this.cursor >= this.perm.length) {
      this.epoch++;
      this.history.push({ epoch: this.epoch, train: this.loss('train'), test: this.loss('test') });
    }
    return loss;
  }

  /** One SGD step on the training points at `indices` (no epoch bookkeeping); returns the loss before it. */
  stepOn(indices: readonly number[]): number {
    return this.objective(this.batchOf(indices), true);
  }

  /** The batch's loss plus penalty; with `update`, also backpropagates and takes the step. */
  objective(batch: Batch, update = false): number {
    const compute = () => {
      const loss = this.dataLoss(this.forward(batch.X).output, batch.y);
      const pen = this.penalty();
      return pen === null ? loss : loss.add(pen);
    };
    if (!update) return noGrad(compute).item();
    const loss = compute();
    this.opt.zeroGrad();
    loss.backward();
    this.opt.step();
    return loss.item();
  }

  /** The training points at `indices` as tensors (for tests and the step above). */
  batchOf(indices: readonly number[]): Batch {
    return toBatch(indices.map((i) => this.split.train[i]), this.state);
  }

  /** Steps until one more epoch has finished. */
  trainEpoch(): void {
    const target = this.epoch + 1;
    while (this.epoch < target) this.step();
  }

  /**
   * Every neuron's output over a res × res grid of the input square (row 0 at the top):
   * hidden[l][j] and output are Float32Arrays of res² values. The output of a classifier
   * is the probability σ(logit) rescaled to [-1, 1], so all pictures share one colour scale.
   */
  evaluateGrid(res: number): { hidden: Float32Array[][]; output: Float32Array } {
    const pts = gridPoints(res);
    const X = tensor(featureMatrix(pts, this.state.features), { shape: [pts.length, this.state.features.length] });
    return noGrad(() => {
      const a = this.forward(X);
      const hidden = a.hidden.map((h) => columns(h));
      const out = this.state.problem === 'classification' ? a.output.sigmoid().mul(2).sub(1) : a.output;
      return { hidden, output: columns(out)[0] };
    });
  }
}

/** Splits a (N, k) tensor into k contiguous columns of N values. */
function columns(t: Tensor): Float32Array[] {
  const [n, k] = t.shape;
  const data = t.toTypedArray();
  return Array.from({ length: k }, (_, j) => {
    const col = new Float32Array(n);
    for (let i = 0; i < n; i++) col[i] = data[i * k + j];
    return col;
  });
}
