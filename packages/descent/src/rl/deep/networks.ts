/**
 * The networks and action distributions deep RL agents share: a multilayer perceptron with
 * Stable-Baselines3's orthogonal initialization, a dueling Q head (Wang et al. 2016), and the
 * categorical and diagonal-Gaussian policies with log-probabilities and entropies that
 * autograd can differentiate.
 *
 * ```ts
 * const pi = mlp([4, 64, 64, 2], { activation: 'tanh', outputGain: 0.01 });
 * const dist = new Categorical(pi.forward(tensor([[0, 0, 0, 0]])));
 * dist.entropy().item();   // close to ln 2
 * ```
 */
import { Generator } from '../../random/index.js';
import { noGrad, tensor, type Tensor } from '../../tensor/index.js';
import { F, init, Linear, Module, Parameter, ReLU, Sequential, Tanh } from '../../nn/index.js';

export interface MlpOptions {
  activation?: 'relu' | 'tanh';
  /** Orthogonal-init gain of the hidden layers (SB3: √2) and of the output layer. */
  hiddenGain?: number;
  outputGain?: number;
}

/**
 * Linear layers of the given sizes with an activation between them (none after the last).
 * Weights are orthogonal with the given gains and biases zero, as SB3's `ActorCriticPolicy`
 * initializes them: a small output gain (0.01) makes a new policy nearly uniform.
 */
export function mlp(sizes: readonly number[], options: MlpOptions = {}): Sequential {
  if (sizes.length < 2 || sizes.some((s) => !Number.isInteger(s) || s < 1)) {
    throw new RangeError(`mlp: sizes must be two or more positive integers (input, hidden..., output), got [${sizes.join(', ')}]`);
  }
  const act = options.activation ?? 'tanh';
  const layers: Module[] = [];
  for (let i = 0; i + 1 < sizes.length; i++) {
    const fc = new Linear(sizes[i], sizes[i + 1]);
    const last = i + 2 === sizes.length;
    const gain = last ? (options.outputGain ?? 1) : (options.hiddenGain ?? Math.SQRT2);
    noGrad(() => {
      fc.weight.copy_(init.orthogonal([sizes[i + 1], sizes[i]], { gain }));
      fc.bias!.zero_();
    });
    layers.push(fc);
    if (!last) layers.push(act === 'relu' ? new ReLU() : new Tanh());
  }
  return new Sequential(...layers);
}

/** Q(s, a) = V(s) + A(s, a) − mean_a A(s, a): the value and advantage streams share a trunk. */
export class DuelingQNetwork extends Module {
  readonly trunk: Sequential;
  readonly value: Linear;
  readonly advantage: Linear;

  constructor(obsDim: number, nActions: number, hidden: readonly number[] = [64, 64]) {
    super();
    if (hidden.length === 0) throw new RangeError('DuelingQNetwork: needs at least one hidden layer for the shared trunk');
    this.trunk = new Sequential(...hidden.flatMap((h, i) => [new Linear(i === 0 ? obsDim : hidden[i - 1], h), new ReLU()]));
    this.value = new Linear(hidden[hidden.length - 1], 1);
    this.advantage = new Linear(hidden[hidden.length - 1], nActions);
  }

  forward(x: Tensor): Tensor {
    const h = this.trunk.forward(x);
    const a = this.advantage.forward(h);
    return this.value.forward(h).add(a.sub(a.mean(-1, true)));
  }
}

/** A categorical policy over `logits` of shape (batch, actions). */
export class Categorical {
  readonly logProbs: Tensor;

  constructor(logits: Tensor) {
    if (logits.ndim !== 2) throw new RangeError(`Categorical: logits must have shape (batch, actions), got [${logits.shape.join(', ')}]`);
    this.logProbs = F.logSoftmax(logits, -1);
  }

  /** log π(a | s) for integer actions of shape (batch). */
  logProb(actions: Tensor): Tensor {
    return this.logProbs.gather(1, actions.astype('int32').unsqueeze(1)).squeeze(1);
  }

  entropy(): Tensor {
    return this.logProbs.exp().mul(this.logProbs).sum(-1).neg();
  }

  /** One action per row, by inverse-CDF sampling with `gen`. */
  sample(gen: Generator): Int32Array {
    const [n, k] = this.logProbs.shape;
    const lp = this.logProbs.detach().toTypedArray();
    const out = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      let u = gen.random();
      let a = k - 1;
      for (let j = 0; j < k; j++) {
        u -= Math.exp(lp[i * k + j]);
        if (u < 0) { a = j; break; }
      }
      out[i] = a;
    }
    return out;
  }

  /** The most probable action per row. */
  mode(): Int32Array {
    return Int32Array.from(this.logProbs.detach().argmax(1).toTypedArray() as ArrayLike<number>);
  }
}

const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

/** A Gaussian policy with independent coordinates: mean (batch, dims), log std (dims). */
export class DiagGaussian {
  constructor(readonly mean: Tensor, readonly logStd: Tensor) {
    if (mean.ndim !== 2 || logStd.ndim !== 1 || logStd.shape[0] !== mean.shape[1]) {
      throw new RangeError(`DiagGaussian: mean must be (batch, dims) and logStd (dims), got [${mean.shape.join(', ')}] and [${logStd.shape.join(', ')}]`);
    }
  }

  /** Σ_d log N(a_d; μ_d, σ_d²), shape (batch). */
  logProb(actions: Tensor): Tensor {
    const z = actions.sub(this.mean).div(this.logStd.exp());
    return z.square().mul(-0.5).sub(this.logStd).sub(HALF_LOG_2PI).sum(-1);
  }

  /** Σ_d (log σ_d + ½ log 2πe), the same for every row, shape (batch). */
  entropy(): Tensor {
    const perRow = this.logStd.add(0.5 + HALF_LOG_2PI).sum();
    return perRow.expand([this.mean.shape[0]]);
  }

  sample(gen: Generator): Float32Array {
    const mu = this.mean.detach().toTypedArray();
    const sd = this.logStd.detach().exp().toTypedArray();
    const d = sd.length;
    const out = new Float32Array(mu.length);
    for (let i = 0; i < mu.length; i++) out[i] = mu[i] + sd[i % d] * gen.normal();
    return out;
  }

  mode(): Float32Array {
    return Float32Array.from(this.mean.detach().toTypedArray() as ArrayLike<number>);
  }
}

/** A learnable log standard deviation, one per action dimension, state-independent. */
export function logStdParameter(dims: number, initial = 0): Parameter {
  return new Parameter(tensor(new Array(dims).fill(initial)));
}

/** Observations (a list of vectors) as one float32 batch tensor. */
export function obsBatch(observations: readonly ArrayLike<number>[]): Tensor {
  const n = observations.length;
  const d = n === 0 ? 0 : observations[0].length;
  const flat = new Float32Array(n * d);
  observations.forEach((o, i) => flat.set(o, i * d));
  return tensor(flat).reshape([n, d]);
}
