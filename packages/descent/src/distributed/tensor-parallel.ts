/**
 * Tensor parallelism, as Megatron-LM's MLP (Shoeybi et al., "Megatron-LM", 2019, §3): the
 * first layer's weight A (out × in) is split by output rows across ranks, the second's B by
 * input columns, so Y = relu(X·Aᵀ)·Bᵀ = Σ_r relu(X·A_rᵀ)·B_rᵀ and each rank computes one
 * term with 1/W of the weights and 1/W of the hidden activations. The two cuts need only two
 * collectives per MLP:
 *
 * - `g` after the row-parallel layer: all-reduce of the partial outputs in forward,
 *   identity in backward (every rank already holds dL/dY).
 * - `f` before the column-parallel layer: identity in forward (every rank has X), all-reduce
 *   of dL/dX in backward (each rank's shard gives only its term of X's gradient).
 *
 * Autograd here is synchronous and a collective is async (a simulated device must yield to
 * the others), so neither is hidden in a backward hook: `RowParallelLinear.forward` is async,
 * and when the input needs a gradient, `ColumnParallelLinear` cuts the graph at its input and
 * `await col.backwardInput()` all-reduces that gradient and carries backward on upstream.
 *
 * ```ts
 * const fc1 = ColumnParallelLinear.fromLinear(full.fc1, group);   // rows of A on this rank
 * const fc2 = RowParallelLinear.fromLinear(full.fc2, group);      // columns of B
 * const y = await fc2.forward(fc1.forward(x).relu());             // = full.forward(x), every rank
 * F.mseLoss(y, t).backward();                                     // grads = slices of the full grads
 * ```
 */
import { Tensor, tensor, zeros } from '../tensor/index.js';
import { F, Linear, Module, Parameter } from '../nn/index.js';
import type { ProcessGroup } from './process-group.js';
import { chunkStart } from './collectives.js';

export interface ParallelLinearOptions { bias?: boolean; dtype?: 'float32' | 'float64' }

/**
 * This rank's share [lo, hi) of n, cut as the collectives cut (sizes differ by at most one).
 *
 * ```ts
 * shardRange(10, group);   // rank 2 of 3: [6, 10]
 * ```
 */
export function shardRange(n: number, group: ProcessGroup): [number, number] {
  return [chunkStart(n, group.worldSize, group.rank), chunkStart(n, group.worldSize, group.rank + 1)];
}

function checkDims(name: string, inF: number, outF: number): void {
  for (const [k, v] of [['inFeatures', inF], ['outFeatures', outF]] as const) {
    if (!Number.isInteger(v) || v < 1) throw new RangeError(`${name}: ${k} must be a positive integer, got ${v}`);
  }
}

/** Y_r = X·A_rᵀ + a_r: rows [lo, hi) of the full layer's outputs. */
export class ColumnParallelLinear extends Module {
  weight: Parameter;
  bias: Parameter | null;
  /** The slice of output features this rank computes. */
  readonly range: [number, number];
  private cut: { input: Tensor; leaf: Tensor } | null = null;

  constructor(readonly inFeatures: number, readonly outFeatures: number, readonly group: ProcessGroup, options: ParallelLinearOptions = {}) {
    super();
    checkDims('ColumnParallelLinear', inFeatures, outFeatures);
    if (outFeatures < group.worldSize) throw new RangeError(`ColumnParallelLinear: outFeatures (${outFeatures}) must be at least the world size (${group.worldSize}) so every rank has a row`);
    this.range = shardRange(outFeatures, group);
    const full = new Linear(inFeatures, outFeatures, options);
    this.weight = new Parameter(full.weight.narrow(0, this.range[0], this.range[1] - this.range[0]));
    this.bias = full.bias === null ? null : new Parameter(full.bias.narrow(0, this.range[0], this.range[1] - this.range[0]));
  }

  /** This rank's shard of an existing layer (same weights as `linear`, split by output rows). */
  static fromLinear(linear: Linear, group: ProcessGroup): ColumnParallelLinear {
    const layer = new ColumnParallelLinear(linear.inFeatures, linear.outFeatures, group, { bias: linear.bias !== null, dtype: linear.weight.dtype as 'float32' });
    const [lo, hi] = layer.range;
    layer.weight = new Parameter(linear.weight.narrow(0, lo, hi - lo));
    layer.bias = linear.bias === null ? null : new Parameter(linear.bias.narrow(0, lo, hi - lo));
    return layer;
  }

  /** (B, in) → (B, hi − lo). If `x` needs a gradient, call `backwardInput()` after `backward()`. */
  forward(x: Tensor): Tensor {
    let input = x;
    if (x.requiresGrad) {
      // The `f` boundary: a leaf that collects this rank's term of dL/dX.
      const leaf = x.detach();
      leaf.requiresGrad = true;
      this.cut = { input: x, leaf };
      input = leaf;
    } else {
      this.cut = null;
    }
    return F.linear(input, this.weight, this.bias);
  }

  /** `f`'s backward: sums dL/dX over the ranks and continues backward into whatever made X. */
  async backwardInput(): Promise<void> {
    if (this.cut === null) return;
    const { input, leaf } = this.cut;
    this.cut = null;
    const g = leaf.grad ?? zeros([...leaf.shape], { dtype: leaf.dtype });
    const summed = await this.group.allReduce(g);
    input.backward(summed);
  }
}

/** Y = Σ_r X_r·B_rᵀ + b: this rank holds input columns [lo, hi) of B and takes X_r = X[:, lo:hi]. */
export class RowParallelLinear extends Module {
  weight: Parameter;
  bias: Parameter | null;
  readonly range: [number, number];

  constructor(readonly inFeatures: number, readonly outFeatures: number, readonly group: ProcessGroup, options: ParallelLinearOptions = {}) {
    super();
    checkDims('RowParallelLinear', inFeatures, outFeatures);
    if (inFeatures < group.worldSize) throw new RangeError(`RowParallelLinear: inFeatures (${inFeatures}) must be at least the world size (${group.worldSize}) so every rank has a column`);
    this.range = shardRange(inFeatures, group);
    const full = new Linear(inFeatures, outFeatures, options);
    this.weight = new Parameter(full.weight.narrow(1, this.range[0], this.range[1] - this.range[0]));
    this.bias = full.bias === null ? null : new Parameter(full.bias);
  }

  static fromLinear(linear: Linear, group: ProcessGroup): RowParallelLinear {
    const layer = new RowParallelLinear(linear.inFeatures, linear.outFeatures, group, { bias: linear.bias !== null, dtype: linear.weight.dtype as 'float32' });
    const [lo, hi] = layer.range;
    layer.weight = new Parameter(linear.weight.narrow(1, lo, hi - lo));
    layer.bias = linear.bias === null ? null : new Parameter(linear.bias);
    return layer;
  }

  /**
   * (B, hi − lo) → (B, out), the full output on every rank. The partial product is
   * all-reduced (`g`); the result is built as partial + (sum − partial) held constant, so
   * backward passes dL/dY straight to this rank's partial product: g's identity backward.
   * The bias is added once, after the sum (every rank holds the same bias and gradient).
   */
  async forward(xShard: Tensor): Promise<Tensor> {
    const width = this.range[1] - this.range[0];
    if (xShard.ndim !== 2 || xShard.shape[1] !== width) {
      throw new RangeError(`RowParallelLinear: expected input (B, ${width}), this rank's columns ${this.range[0]}..${this.range[1]} of ${this.inFeatures}; got shape [${xShard.shape.join(', ')}]`);
    }
    const partial = xShard.matmul(this.weight.T);
    const values = partial.toTypedArray() as Float32Array | Float64Array;
    const sum = await this.group.allReduce(Float64Array.from(values));
    const rest = Float64Array.from(sum, (v, i) => v - values[i]!);
    const y = partial.add(tensor(rest, { dtype: partial.dtype }).reshape([...partial.shape]));
    return this.bias === null ? y : y.add(this.bias);
  }
}
