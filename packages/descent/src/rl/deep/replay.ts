/**
 * Experience replay for off-policy agents (DQN): a uniform ring buffer (Mnih et al. 2015) and
 * proportional prioritized replay (Schaul et al. 2016, "Prioritized Experience Replay") on a sum
 * tree. Transitions live in flat typed arrays, so a batch is a few `subarray` copies, not a pile
 * of small objects.
 *
 * ```ts
 * const buffer = new ReplayBuffer({ capacity: 10_000, obsDim: 4 });
 * buffer.add([0, 0, 0, 0], 1, 1.0, [0.1, 0, 0, 0], false);
 * const batch = buffer.sample(1, new Generator(0));
 * ```
 */
import type { Generator } from '../../random/index.js';

export interface ReplayBufferOptions {
  capacity: number;
  obsDim: number;
  /** Numbers per action: 1 for a discrete action (its index), the vector length for a Box. */
  actionDim?: number;
}

/** A sampled batch: row i of `obs` is `obs.subarray(i * obsDim, (i + 1) * obsDim)`. */
export interface ReplayBatch {
  obs: Float32Array;
  actions: Float32Array;
  rewards: Float32Array;
  nextObs: Float32Array;
  /** 1 where the episode terminated at this step (no bootstrap), 0 otherwise (truncation included). */
  terminated: Float32Array;
  /** Buffer slots of the rows, for `updatePriorities`. */
  indices: Int32Array;
  /** Importance-sampling weights (all 1 for the uniform buffer). */
  weights: Float32Array;
}

function checkPositiveInt(owner: string, name: string, v: number): void {
  if (!Number.isInteger(v) || v < 1) throw new RangeError(`${owner}: ${name} must be an integer >= 1, got ${v}`);
}

/** Uniform replay: a ring of the last `capacity` transitions, sampled with replacement. */
export class ReplayBuffer {
  readonly capacity: number;
  readonly obsDim: number;
  readonly actionDim: number;
  protected readonly obs: Float32Array;
  protected readonly nextObs: Float32Array;
  protected readonly actions: Float32Array;
  protected readonly rewards: Float32Array;
  protected readonly terminated: Float32Array;
  protected next = 0;
  protected count = 0;

  constructor(options: ReplayBufferOptions) {
    const owner = new.target.name;
    checkPositiveInt(owner, 'capacity', options.capacity);
    checkPositiveInt(owner, 'obsDim', options.obsDim);
    checkPositiveInt(owner, 'actionDim', options.actionDim ?? 1);
    this.capacity = options.capacity;
    this.obsDim = options.obsDim;
    this.actionDim = options.actionDim ?? 1;
    this.obs = new Float32Array(this.capacity * this.obsDim);
    this.nextObs = new Float32Array(this.capacity * this.obsDim);
    this.actions = new Float32Array(this.capacity * this.actionDim);
    this.rewards = new Float32Array(this.capacity);
    this.terminated = new Float32Array(this.capacity);
  }

  get size(): number {
    return this.count;
  }

  /** Stores one transition, overwriting the oldest once full; returns its slot. */
  add(obs: ArrayLike<number>, action: number | ArrayLike<number>, reward: number, nextObs: ArrayLike<number>, terminated: boolean): number {
    const owner = this.constructor.name;
    if (obs.length !== this.obsDim || nextObs.length !== this.obsDim) {
      throw new RangeError(`${owner}.add: observations must have length obsDim = ${this.obsDim}, got ${obs.length} and ${nextObs.length}`);
    }
    const act = typeof action === 'number' ? [action] : action;
    if (act.length !== this.actionDim) throw new RangeError(`${owner}.add: action must have length actionDim = ${this.actionDim}, got ${act.length}`);
    const slot = this.next;
    this.obs.set(obs, slot * this.obsDim);
    this.nextObs.set(nextObs, slot * this.obsDim);
    this.actions.set(act, slot * this.actionDim);
    this.rewards[slot] = reward;
    this.terminated[slot] = terminated ? 1 : 0;
    this.next = (slot + 1) % this.capacity;
    this.count = Math.min(this.count + 1, this.capacity);
    this.onAdd(slot);
    return slot;
  }

  protected onAdd(_slot: number): void {}

  sample(batchSize: number, gen: Generator): ReplayBatch {
    this.checkSample(batchSize);
    const indices = new Int32Array(batchSize);
    for (let i = 0; i < batchSize; i++) indices[i] = gen.integers(0, this.count);
    return this.gather(indices, new Float32Array(batchSize).fill(1));
  }

  protected checkSample(batchSize: number): void {
    checkPositiveInt(`${this.constructor.name}.sample`, 'batchSize', batchSize);
    if (this.count === 0) throw new RangeError(`${this.constructor.name}.sample: the buffer is empty; add transitions first`);
  }

  protected gather(indices: Int32Array, weights: Float32Array): ReplayBatch {
    const n = indices.length, d = this.obsDim, k = this.actionDim;
    const batch: ReplayBatch = {
      obs: new Float32Array(n * d), actions: new Float32Array(n * k), rewards: new Float32Array(n),
      nextObs: new Float32Array(n * d), terminated: new Float32Array(n), indices, weights,
    };
    for (let i = 0; i < n; i++) {
      const s = indices[i];
      batch.obs.set(this.obs.subarray(s * d, (s + 1) * d), i * d);
      batch.nextObs.set(this.nextObs.subarray(s * d, (s + 1) * d), i * d);
      batch.actions.set(this.actions.subarray(s * k, (s + 1) * k), i * k);
      batch.rewards[i] = this.rewards[s];
      batch.terminated[i] = this.terminated[s];
    }
    return batch;
  }
}

/**
 * A complete binary tree whose leaves hold priorities and whose inner nodes hold the sums of
 * their children, so the total, an update and "which leaf does the prefix sum u fall in" each
 * cost O(log n).
 */
export class SumTree {
  private readonly size: number;
  private readonly tree: Float64Array;

  constructor(readonly capacity: number) {
    checkPositiveInt('SumTree', 'capacity', capacity);
    let size = 1;
    while (size < capacity) size *= 2;
    this.size = size;
    this.tree = new Float64Array(2 * size);
  }

  get total(): number {
    return this.tree[1];
  }

  get(i: number): number {
    return this.tree[this.size + i];
  }

  set(i: number, priority: number): void {
    if (!(priority >= 0) || !Number.isFinite(priority)) throw new RangeError(`SumTree.set: priority must be finite and >= 0, got ${priority}`);
    let node = this.size + i;
    this.tree[node] = priority;
    for (node >>= 1; node >= 1; node >>= 1) this.tree[node] = this.tree[2 * node] + this.tree[2 * node + 1];
  }

  /** The leaf whose cumulative range [sum before it, sum through it) holds `u`, 0 <= u < total. */
  find(u: number): number {
    let node = 1;
    while (node < this.size) {
      const left = 2 * node;
      if (u < this.tree[left] || this.tree[left + 1] === 0) node = left;
      else {
        u -= this.tree[left];
        node = left + 1;
      }
    }
    return node - this.size;
  }
}

export interface PrioritizedReplayOptions extends ReplayBufferOptions {
  /** How strongly priorities skew sampling: 0 is uniform, 1 fully proportional (paper: 0.6). */
  alpha?: number;
  /** Added to |TD error| so no transition gets probability 0. */
  epsilon?: number;
}

/**
 * Proportional prioritized replay: transition i is drawn with probability p_i^α / Σ p^α where
 * p_i = |δ_i| + ε is its last TD error, new transitions get the largest priority seen so far,
 * and the bias is corrected by importance weights w_i = (N·P(i))^(−β) / max_j w_j. Sampling is
 * stratified: the total is cut into `batchSize` equal segments and one point drawn in each.
 */
export class PrioritizedReplayBuffer extends ReplayBuffer {
  readonly alpha: number;
  readonly epsilon: number;
  private readonly tree: SumTree;
  private maxPriority = 1;

  constructor(options: PrioritizedReplayOptions) {
    super(options);
    this.alpha = options.alpha ?? 0.6;
    this.epsilon = options.epsilon ?? 1e-6;
    if (!(this.alpha >= 0)) throw new RangeError(`PrioritizedReplayBuffer: alpha must be >= 0, got ${this.alpha}`);
    if (!(this.epsilon > 0)) throw new RangeError(`PrioritizedReplayBuffer: epsilon must be > 0, got ${this.epsilon}`);
    this.tree = new SumTree(this.capacity);
  }

  protected override onAdd(slot: number): void {
    this.tree.set(slot, this.maxPriority ** this.alpha);
  }

  /** The sampling probability of slot i. */
  probability(i: number): number {
    return this.tree.get(i) / this.tree.total;
  }

  /** `beta` in [0, 1] sets how fully the importance weights undo the skew (annealed to 1). */
  override sample(batchSize: number, gen: Generator, beta = 0.4): ReplayBatch {
    this.checkSample(batchSize);
    if (!(beta >= 0 && beta <= 1)) throw new RangeError(`PrioritizedReplayBuffer.sample: beta must be in [0, 1], got ${beta}`);
    const total = this.tree.total;
    const segment = total / batchSize;
    const indices = new Int32Array(batchSize);
    const weights = new Float32Array(batchSize);
    let maxW = 0;
    for (let i = 0; i < batchSize; i++) {
      const u = Math.min((i + gen.random()) * segment, total * (1 - 1e-12));
      const slot = Math.min(this.tree.find(u), this.count - 1);
      indices[i] = slot;
      const w = (this.count * this.probability(slot)) ** -beta;
      weights[i] = w;
      if (w > maxW) maxW = w;
    }
    for (let i = 0; i < batchSize; i++) weights[i] /= maxW;
    return this.gather(indices, weights);
  }

  /** Sets the priorities of sampled slots from their new TD errors. */
  updatePriorities(indices: ArrayLike<number>, tdErrors: ArrayLike<number>): void {
    if (indices.length !== tdErrors.length) {
      throw new RangeError(`PrioritizedReplayBuffer.updatePriorities: ${indices.length} indices but ${tdErrors.length} TD errors`);
    }
    for (let i = 0; i < indices.length; i++) {
      const p = Math.abs(tdErrors[i]) + this.epsilon;
      if (!Number.isFinite(p)) throw new RangeError(`PrioritizedReplayBuffer.updatePriorities: TD error ${i} is ${tdErrors[i]}; the loss has diverged`);
      this.tree.set(indices[i], p ** this.alpha);
      if (p > this.maxPriority) this.maxPriority = p;
    }
  }
}
