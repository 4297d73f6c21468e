/**
 * Batch normalization (Ioffe & Szegedy 2015) and group normalization (Wu & He 2018).
 *
 * BatchNorm, in training: each channel is normalized with the batch's mean and (biased)
 * variance over every axis but the channel axis, then scaled by γ and shifted by β; the
 * running mean and the running *unbiased* variance move toward the batch's by `momentum`
 * (new = (1 − m)·old + m·batch, PyTorch's convention). In evaluation the running
 * statistics are used instead, so the output no longer depends on the batch.
 */
import { Tensor, noGrad, ones, zeros, type DType } from '../../tensor/index.js';
import { fmtShape } from '../../tensor/shape.js';
import { Module, Parameter } from '../module.js';

export interface BatchNormOptions {
  eps?: number;
  /** Weight of the newest batch in the running statistics (null: cumulative average). */
  momentum?: number | null;
  affine?: boolean;
  trackRunningStats?: boolean;
  dtype?: DType;
}

abstract class BatchNormBase extends Module {
  weight: Parameter | null;
  bias: Parameter | null;
  runningMean!: Tensor;
  runningVar!: Tensor;
  /** The batches seen in training, a buffer (int32 scalar) as in PyTorch, so a checkpoint round-trips. */
  batchesTracked!: Tensor;

  constructor(readonly numFeatures: number, readonly options: BatchNormOptions = {}) {
    super();
    const dtype = options.dtype;
    const affine = options.affine ?? true;
    this.weight = affine ? new Parameter(ones([numFeatures], { dtype })) : null;
    this.bias = affine ? new Parameter(zeros([numFeatures], { dtype })) : null;
    if (options.trackRunningStats ?? true) {
      // State-dict keys are PyTorch's, so a PyTorch checkpoint loads as it is.
      this.registerBuffer('runningMean', zeros([numFeatures], { dtype }), 'running_mean');
      this.registerBuffer('runningVar', ones([numFeatures], { dtype }), 'running_var');
      this.registerBuffer('batchesTracked', zeros([], { dtype: 'int32' }), 'num_batches_tracked');
    }
  }

  /** How many training batches updated the running statistics. */
  get numBatchesTracked(): number {
    return this.batchesTracked === undefined ? 0 : this.batchesTracked.item();
  }

  /** The input ranks this layer accepts, e.g. [2, 3] for BatchNorm1d. */
  protected abstract readonly ranks: number[];

  forward(x: Tensor): Tensor {
    if (!this.ranks.includes(x.ndim) || x.shape[1] !== this.numFeatures) {
      throw new RangeError(`${this.constructor.name}: expected input of rank ${this.ranks.join(' or ')} with ${this.numFeatures} channels on axis 1, got ${fmtShape(x.shape)}`);
    }
    const axes = x.shape.map((_, i) => i).filter((i) => i !== 1);
    const shape = x.shape.map((d, i) => (i === 1 ? d : 1)); // broadcast per channel: (1, C, 1, …)
    const track = this.options.trackRunningStats ?? true;
    const eps = this.options.eps ?? 1e-5;
    let mean: Tensor;
    let variance: Tensor;
    if (this.training || !track) {
      const count = x.size / this.numFeatures;
      if (this.training && count <= 1) throw new RangeError(`${this.constructor.name}: expected more than one value per channel in training mode, got input of shape ${fmtShape(x.shape)}`);
      mean = x.mean(axes, true);
      variance = x.sub(mean).square().mean(axes, true);
      if (this.training && track) {
        noGrad(() => this.batchesTracked.add_(1));
        const m = this.options.momentum === undefined ? 0.1 : this.options.momentum ?? 1 / this.numBatchesTracked;
        noGrad(() => {
          this.runningMean.mul_(1 - m).add_(mean.reshape([this.numFeatures]).mul(m));
          this.runningVar.mul_(1 - m).add_(variance.reshape([this.numFeatures]).mul((m * count) / (count - 1)));
        });
      }
    } else {
      mean = this.runningMean.reshape(shape);
      variance = this.runningVar.reshape(shape);
    }
    let y = x.sub(mean).div(variance.add(eps).sqrt());
    if (this.weight) y = y.mul(this.weight.reshape(shape));
    if (this.bias) y = y.add(this.bias.reshape(shape));
    return y;
  }

  protected override extraRepr(): string {
    return `${this.numFeatures}, eps=${this.options.eps ?? 1e-5}, momentum=${this.options.momentum ?? 0.1}`;
  }
}

/** BatchNorm over (N, C) or (N, C, L) inputs. */
export class BatchNorm1d extends BatchNormBase {
  protected readonly ranks = [2, 3];
}

/** BatchNorm over (N, C, H, W) inputs. */
export class BatchNorm2d extends BatchNormBase {
  protected readonly ranks = [4];
}

/**
 * Group normalization: channels split into `numGroups` groups, each sample normalized over
 * its group's channels and positions; independent of the batch size.
 */
export class GroupNorm extends Module {
  weight: Parameter | null;
  bias: Parameter | null;

  constructor(readonly numGroups: number, readonly numChannels: number, readonly options: { eps?: number; affine?: boolean; dtype?: DType } = {}) {
    super();
    if (numChannels % numGroups !== 0) throw new RangeError(`GroupNorm: numChannels (${numChannels}) must be divisible by numGroups (${numGroups})`);
    const affine = options.affine ?? true;
    this.weight = affine ? new Parameter(ones([numChannels], { dtype: options.dtype })) : null;
    this.bias = affine ? new Parameter(zeros([numChannels], { dtype: options.dtype })) : null;
  }

  forward(x: Tensor): Tensor {
    if (x.ndim < 2 || x.shape[1] !== this.numChannels) throw new RangeError(`GroupNorm: expected input (N, ${this.numChannels}, …), got ${fmtShape(x.shape)}`);
    const [N] = x.shape;
    const grouped = x.reshape([N, this.numGroups, -1]); // (N, G, C/G · spatial)
    const mean = grouped.mean(2, true);
    const centered = grouped.sub(mean);
    const variance = centered.square().mean(2, true);
    let y = centered.div(variance.add(this.options.eps ?? 1e-5).sqrt()).reshape(x.shape as number[]);
    const shape = x.shape.map((d, i) => (i === 1 ? d : 1));
    if (this.weight) y = y.mul(this.weight.reshape(shape));
    if (this.bias) y = y.add(this.bias.reshape(shape));
    return y;
  }
}
